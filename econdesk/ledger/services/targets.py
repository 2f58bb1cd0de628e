"""Save targets (目标): mutable rows whose every change is recorded with before and after.

Unlike observations, a target is a decision, not a published figure: a revised target replaces
the old one in place, and the change record keeps what it was.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from django.db import transaction

from econdesk.accounts import permissions
from econdesk.audit.services import record_model_change, snapshot
from econdesk.ledger.models import ImportBatch, Indicator, Period, Region, Target
from econdesk.ledger.periods import PeriodKey

GOAL_FIELDS = ("growth", "value", "rank_goal")
_LABELS = {"growth": "目标增速", "value": "目标值", "rank_goal": "位次目标"}


@dataclass
class TargetSave:
    """What save_target did: status is 'created', 'updated' or 'unchanged'."""

    target: Target
    status: str
    before: dict
    after: dict

    def describe(self) -> str:
        t = self.target
        head = f"{t.region.name}·{t.indicator.name}·{t.period.code}·{t.get_level_display()}"
        parts = [
            f"{_LABELS[k]} {_fmt(self.before.get(k))} → {_fmt(self.after.get(k))}"
            for k in GOAL_FIELDS
            if _same(self.before.get(k), self.after.get(k)) is False
        ]
        return f"{head}：" + "，".join(parts)


def _fmt(value) -> str:
    if value is None:
        return "—"
    if isinstance(value, Decimal):
        # The database hands back 8.0000 for a stored 8.0; show the number, not the padding.
        return format(value.normalize(), "f")
    return str(value)


def _same(a, b) -> bool:
    """Decimals compare by value (8 == 8.0); None only equals None."""
    if a is None or b is None:
        return a is None and b is None
    if isinstance(a, Decimal) or isinstance(b, Decimal):
        return Decimal(str(a)) == Decimal(str(b))
    return a == b


def save_target(
    user,
    *,
    region: Region,
    indicator: Indicator,
    period: Period | PeriodKey,
    level: str,
    growth: Decimal | None = None,
    value: Decimal | None = None,
    rank_goal: int | None = None,
    batch: ImportBatch | None = None,
    reason: str = "",
) -> TargetSave:
    """Create or update one target; an identical one is left alone (no write, no record).

    A batch (unsaved is fine) is saved the first time it is needed, so an import that changes
    nothing leaves no batch behind.
    """
    permissions.require(user, "ledger.edit_target")
    if isinstance(period, PeriodKey):
        period, _ = Period.objects.get_or_create(year=period.year, month=period.month)
    goals = {"growth": growth, "value": value, "rank_goal": rank_goal}
    with transaction.atomic():
        target = (
            Target.objects.select_for_update()
            .filter(region=region, indicator=indicator, period=period, level=level)
            .first()
        )
        if target is not None:
            old = {k: getattr(target, k) for k in GOAL_FIELDS}
            if all(_same(old[k], goals[k]) for k in GOAL_FIELDS):
                return TargetSave(target, "unchanged", old, old)
            before = snapshot(target)
            status = "updated"
        else:
            old = {}
            before = None
            target = Target(region=region, indicator=indicator, period=period, level=level)
            status = "created"
        for name, goal in goals.items():
            setattr(target, name, goal)
        if batch is not None:
            if batch.pk is None:
                batch.save()
            target.batch = batch
        target.full_clean()
        target.save()
        record_model_change(user=user, obj=target, before=before, reason=reason or "维护目标")
    return TargetSave(target, status, old, goals)
