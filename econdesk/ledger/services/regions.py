"""Regions as imports meet them: find a peer group by name, and create missing members (audited).

An import may create regions only when told which parent they belong under (--parent), or when
the parent has no members yet. Names are matched exactly or by alias (lookups.normalise), never
guessed: a name that matches nothing is reported, not fitted to the nearest region.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from django.db import transaction
from django.db.models import Max

from econdesk.accounts import permissions
from econdesk.audit.services import record_model_change, snapshot
from econdesk.ledger.lookups import RegionIndex, bare_label, normalise
from econdesk.ledger.models import Region

# Rows that carry the group's own figure rather than a member's.
TOTAL_LABELS = frozenset({"全市", "全省", "全国", "全区", "全县", "合计", "总计"})
# Words a total row may add to its label: 全市合计, 霁川市总计, 合计（全市）.
_TOTAL_WORDS = ("合计", "总计", "汇总")
_BRACKETS = re.compile(r"[()\[\]【】〔〕]")
_ZONE_WORDS = (
    "功能区",
    "开发区",
    "高新区",
    "高新技术产业开发区",
    "园区",
    "保税区",
    "试验区",
    "示范区",
    "经开区",
    "产业区",
)
_COUNTRY_NAMES = frozenset({"全国", "中国", "中华人民共和国"})


def region_label(name) -> str:
    """A region's name as a file's row label writes it, without what is not the name:
    '其中：霁川经开区*' → '霁川经开区'; '（1）天河区' → '天河区' (lookups.bare_label)."""
    return bare_label(name)


def total_stem(name) -> str:
    """A total row's label without its 合计 / 总计 and brackets: '全市合计' → '全市', '合计' → ''."""
    text = _BRACKETS.sub("", region_label(name))
    for word in _TOTAL_WORDS:
        text = text.removesuffix(word).removeprefix(word)
    return text


def is_total_label(name, parent_names=()) -> bool:
    """Whether a row label names the group's own total: 全市, 合计, 全市合计, 霁川市总计 ……

    parent_names are the parent's name and aliases, and a --total name if one was given.
    """
    if not normalise(name):
        return False
    stem = total_stem(name)
    if not stem:
        return True
    return stem in TOTAL_LABELS or stem in {total_stem(n) for n in parent_names if n}


def is_subtotal_label(name) -> bool:
    """区县小计, 功能区小计: a sum over some members, neither a member nor the group's total."""
    return region_label(name).endswith("小计")


class RegionLookupError(LookupError):
    """A region name that matches nothing, or more than one region; the message is Chinese."""


def matching_regions(name: str) -> list[Region]:
    """Every region whose name or alias is `name` (normalised)."""
    key = region_label(name)
    if not key:
        return []
    found = []
    for region in Region.objects.all():
        names = {normalise(n) for n in [region.name, *region.aliases] if n}
        if key in names:
            found.append(region)
    return found


def find_region(name: str) -> Region | None:
    """The one region called `name`; None if none; RegionLookupError if the name is ambiguous."""
    found = matching_regions(name)
    if len(found) > 1:
        places = "、".join(
            f"{r.parent.name if r.parent else '（无上级）'}的{r.name}" for r in found
        )
        raise RegionLookupError(f"地区“{name}”有重名（{places}），请用 --parent 指明上级")
    return found[0] if found else None


def infer_kind(name: str, parent: Region | None) -> str:
    """The kind of a new region from its name and parent (市 under a province is a city …)."""
    if name in _COUNTRY_NAMES:
        return Region.Kind.COUNTRY
    if any(word in name for word in _ZONE_WORDS):
        return Region.Kind.FUNCTIONAL_ZONE
    parent_kind = parent.kind if parent else None
    if parent_kind == Region.Kind.COUNTRY:
        return Region.Kind.PROVINCE
    if parent_kind == Region.Kind.PROVINCE or parent is None:
        if name.endswith(("省", "自治区")):
            return Region.Kind.PROVINCE
        if name.endswith(("市", "州", "盟", "地区")):
            return Region.Kind.CITY
        return Region.Kind.OTHER
    if name.endswith("区"):
        return Region.Kind.DISTRICT
    if name.endswith(("县", "旗")):
        return Region.Kind.COUNTY
    if name.endswith("市"):
        return Region.Kind.COUNTY_CITY
    return Region.Kind.OTHER


def create_region_for_import(
    user, *, name: str, parent: Region | None, reason: str = "", sort_order: int | None = None
) -> Region:
    """Create one region met in an imported file, with its change record.

    Allowed to whoever may import ("ledger.import"): the import that needs the region is the
    authority for it, and the change record says which file created it. The caller has looked
    the name up among the parent's members (PeerGroup.resolve), which is what keeps names
    unique; the database constraint stays as the backstop.
    """
    permissions.require(user, "ledger.import")
    # No savepoint: an import that fails rolls back as a whole anyway, and on PostgreSQL a
    # savepoint per region doubled the cost of a first import that creates a hundred of them.
    with transaction.atomic(savepoint=False):
        kind = infer_kind(name, parent)
        if sort_order is None:
            siblings = Region.objects.filter(parent=parent)
            sort_order = (siblings.aggregate(m=Max("sort_order"))["m"] or 0) + 1
        region = Region(
            name=name,
            kind=kind,
            parent=parent,
            # Functional zones are listed beside the districts but never ranked among them.
            ranked=kind != Region.Kind.FUNCTIONAL_ZONE,
            sort_order=sort_order,
        )
        region.full_clean(validate_unique=False, validate_constraints=False)
        region.save()
        record_model_change(user=user, obj=region, before=None, reason=reason or "导入时新建地区")
    return region


@dataclass
class PeerGroup:
    """A parent region and its members as one file names them.

    resolve() gives the parent for a total row (全市 / 全省 / 全国, the parent's own name, or
    the --total name), a member for a member's name or alias, and None for anything else,
    unless the group may create members, in which case the name becomes a new member.
    """

    parent: Region
    may_create: bool
    user: object
    reason: str = ""
    extra_total: str | None = None
    created: list[Region] = field(default_factory=list)
    next_order: int | None = None  # sort order of the next member created, in file order

    def __post_init__(self):
        self.members = RegionIndex.children_of(self.parent)
        self.total_names = [self.parent.name, *self.parent.aliases, self.extra_total]

    def is_total(self, name: str) -> bool:
        return is_total_label(name, self.total_names)

    def knows(self, name: str) -> bool:
        """Whether `name` is the total or a member already, i.e. resolve() creates nothing."""
        return self.is_total(name) or self.members.find(region_label(name)) is not None

    def resolve(self, name: str) -> Region | None:
        if self.is_total(name):
            return self.parent
        name = region_label(name)
        if not name:
            return None
        region = self.members.find(name)
        if region is None and self.may_create:
            if self.next_order is None:
                siblings = Region.objects.filter(parent=self.parent)
                self.next_order = (siblings.aggregate(m=Max("sort_order"))["m"] or 0) + 1
            region = create_region_for_import(
                self.user,
                name=normalise(name),
                parent=self.parent,
                reason=self.reason,
                sort_order=self.next_order,
            )
            self.next_order += 1
            self.members.by_name[normalise(name)] = region
            self.created.append(region)
        return region

    def not_member_message(self, name: str) -> str:
        return (
            f"“{name}”不在{self.parent.name}的下辖地区之中（如为别称，请在地区设置中为其添加别名）"
        )


def open_group(
    user, *, parent_name: str, create: bool, reason: str = "", total: str | None = None
) -> PeerGroup:
    """The peer group under the region called parent_name.

    create=True (an explicit --parent) makes the parent if it does not exist and lets missing
    members be created under it. A parent that exists but has no members yet also lets them be
    created: the file is then the first list of that group. RegionLookupError otherwise.
    """
    parent = find_region(parent_name)
    if parent is None:
        if not create:
            raise RegionLookupError(
                f"未找到地区“{parent_name}”：请先建立它，或用 --parent {parent_name} 在导入时建立"
            )
        grand = None
        parent = create_region_for_import(
            user, name=normalise(parent_name), parent=grand, reason=reason
        )
        group = PeerGroup(parent, True, user, reason, total)
        group.created.append(parent)
        return group
    has_members = Region.objects.filter(parent=parent).exists()
    return PeerGroup(parent, create or not has_members, user, reason, total)


def set_home_region(user, region: Region, reason: str = "") -> Region:
    """Make `region` the home region (本级), releasing the old one in the same transaction.

    For administrators ("org.manage"); both changes are recorded. The old home is released
    first, so the one-home constraint never sees two and never speaks to the user.
    """
    permissions.require(user, "org.manage")
    if region.parent_id is None:
        raise RegionLookupError(f"“{region.name}”没有上级地区，不能设为本级：本级应是某市的区县")
    with transaction.atomic():
        region = Region.objects.select_for_update().get(pk=region.pk)
        if region.is_home:
            return region
        why = reason or f"本级改为{region.name}"
        for old in Region.objects.select_for_update().filter(is_home=True):
            before = snapshot(old)
            old.is_home = False
            old.save(update_fields=["is_home"])
            record_model_change(user=user, obj=old, before=before, reason=why)
        before = snapshot(region)
        region.is_home = True
        region.save(update_fields=["is_home"])
        record_model_change(user=user, obj=region, before=before, reason=why)
    return region
