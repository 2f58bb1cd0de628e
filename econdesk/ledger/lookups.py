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
        return self.by_name.get(normalise(name))

    def wider(self, name: str) -> dict | None:
        return self.entries.get(normalise(name))

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
