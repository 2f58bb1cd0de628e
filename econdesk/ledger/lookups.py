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
    """Name or alias → indicator, built once per import."""

    def __init__(self, indicators=None):
        self.by_name: dict[str, Indicator] = {}
        for ind in indicators if indicators is not None else Indicator.objects.all():
            for name in [ind.name, ind.short_name, ind.code, *ind.aliases]:
                if name:
                    self.by_name.setdefault(normalise(name), ind)

    def find(self, name: str) -> Indicator | None:
        return self.by_name.get(normalise(name))


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
