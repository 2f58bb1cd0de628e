"""Match the names people type to regions and indicators: exact name or a declared alias,
never a guess."""

from __future__ import annotations

import re
import unicodedata

from econdesk.ledger.models import Indicator, Region

_SPACES = re.compile(r"\s+")


def normalise(name: str) -> str:
    """Fold full-width forms and spaces: '固定资产投资（不含农户）' == '固定资产投资(不含农户)'."""
    text = unicodedata.normalize("NFKC", str(name or ""))
    return _SPACES.sub("", text).strip()


# Footnote marks a bulletin hangs on a name (经开区*, 高新区①, ※开发区): not part of it.
# Circled and superscript digits go before NFKC, which would turn ① into a plain 1.
_NOTE_DIGITS = re.compile(r"[\u2460-\u2473\u2776-\u2793\u24ea\u00b9\u00b2\u00b3\u2070-\u2079]")
NOTE_MARKS = "*※△▲☆★#†‡§◆◇●○"
_TRAILING_NOTE = re.compile(r"(?<=[\u4e00-\u9fff])(?:\d{1,2}|\((?:注)?\d{0,2}\))$")
# 其中：高新区 (an "of which" line), 1.天河区 / (1)天河区 / 一、区县 (a numbered line).
_LINE_PREFIX = re.compile(
    r"^(?:其中|内含|含)[:：]|^其中|^(?:\(?\d{1,2}[).、]|\(\d{1,2}\)|[一二三四五六七八九十]{1,3}[、.])"
)


def bare_label(name) -> str:
    """A row's or column's label without what is not the name: the "of which" word, the line
    number and footnote marks ('  其中：1.民间投资*' → '民间投资', '高新区①' → '高新区'),
    folded as normalise()."""
    text = normalise(_NOTE_DIGITS.sub("", str(name or "")))
    for _ in range(2):  # 其中：1.天河区
        text = _LINE_PREFIX.sub("", text)
    text = text.strip(NOTE_MARKS)
    # A footnote number after the name: 高新区1 (① once folded), 高新区（注2）.
    return _TRAILING_NOTE.sub("", text).strip(NOTE_MARKS)


class IndicatorIndex:
    """Name or alias → indicator, built once per import.

    Besides each indicator's own names, the standard catalogue's spellings of an indicator
    that exists (by code) find it: a catalogue that learns a common alias serves ledgers seeded
    before it did. `wider(name)` is the catalogue entry not yet in the ledger with that name.
    """

    def __init__(self, indicators=None):
        from econdesk.ledger.catalogue import catalogue_entries, entry_names, wider_entries

        self.by_name: dict[str, Indicator] = {}
        indicators = list(indicators if indicators is not None else Indicator.objects.all())
        for ind in indicators:
            self.learn(ind)
        by_code = {ind.code: ind for ind in indicators}
        self.entries: dict[str, dict] = {}
        for entry in catalogue_entries() + wider_entries():
            names = [normalise(n) for n in entry_names(entry)]
            if entry["code"] in by_code:
                for name in names:
                    self.by_name.setdefault(name, by_code[entry["code"]])
            else:
                for name in names:
                    self.entries.setdefault(name, entry)

    def learn(self, ind: Indicator) -> None:
        """Add an indicator's names (after it was created or given an alias)."""
        for name in [ind.name, ind.short_name, ind.code, *ind.aliases]:
            if name:
                self.by_name.setdefault(normalise(name), ind)

    def find(self, name: str) -> Indicator | None:
        return self.by_name.get(normalise(name)) or self.by_name.get(bare_label(name))

    def wider(self, name: str) -> dict | None:
        return self.entries.get(normalise(name)) or self.entries.get(bare_label(name))

    def all(self) -> list[Indicator]:
        return list({ind.pk: ind for ind in self.by_name.values()}.values())


class RegionIndex:
    """Name or alias → region, within one parent (a peer group) or among all regions."""

    def __init__(self, regions):
        self.by_name: dict[str, Region] = {}
        for region in regions:
            for name in [region.name, *region.aliases]:
                if name:
                    self.by_name.setdefault(normalise(name), region)

    def find(self, name: str) -> Region | None:
        return self.by_name.get(normalise(name))

    @classmethod
    def children_of(cls, parent: Region) -> RegionIndex:
        return cls(Region.objects.filter(parent=parent))

    @classmethod
    def everywhere(cls) -> RegionIndex:
        return cls(Region.objects.all())
