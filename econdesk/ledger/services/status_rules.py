"""The indicators' 红/黄/绿 rules, edited on the settings page (one row, through the one door).

``current_rules()`` is what every panel judges with: the saved row as the arithmetic's
StatusRules, or the defaults (econdesk.analysis.arithmetic.status) until someone saves it.
"""

from __future__ import annotations

from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction

from econdesk.accounts import permissions
from econdesk.analysis.arithmetic.status import StatusRules
from econdesk.audit import changes
from econdesk.ledger.models import StatusRuleSet

ACTION = "ledger.edit_catalogue"

FIELDS = (
    "red_when_behind_target",
    "red_when_last",
    "red_below_total_pp",
    "yellow_below_total_pp",
    "bottom_part",
    "yellow_rank_fell_by",
    "yellow_when_declining",
    "yellow_behind_benchmark_pp",
    "no_data_color",
)
_POINTS = ("red_below_total_pp", "yellow_below_total_pp", "yellow_behind_benchmark_pp")


def as_rules(row: StatusRuleSet) -> StatusRules:
    """The stored (or default, unsaved) row as the arithmetic's rules."""

    def points(value):
        return None if value is None else Decimal(value)

    return StatusRules(
        red_when_behind_target=row.red_when_behind_target,
        red_when_last=row.red_when_last,
        red_below_total_pp=points(row.red_below_total_pp),
        yellow_below_total_pp=points(row.yellow_below_total_pp),
        bottom_part=row.bottom_part,
        yellow_rank_fell_by=row.yellow_rank_fell_by,
        yellow_when_declining=row.yellow_when_declining,
        yellow_behind_benchmark_pp=points(row.yellow_behind_benchmark_pp),
        no_data_color=row.no_data_color,
    )


def current_rules() -> StatusRules:
    return as_rules(StatusRuleSet.current())


def _check(values: dict) -> None:
    errors = {}
    for name in _POINTS:
        value = values.get(name)
        if value is not None and not Decimal(0) <= Decimal(value) <= Decimal(100):
            errors[name] = "百分点应在0–100之间；留空表示不用这条规则。"
    part = values.get("bottom_part")
    if part is not None and not 2 <= int(part) <= 10:
        errors["bottom_part"] = "应在2–10之间（3即排名后三分之一）；留空表示不用这条规则。"
    fell = values.get("yellow_rank_fell_by")
    if fell is not None and not 1 <= int(fell) <= 50:
        errors["yellow_rank_fell_by"] = "应在1–50之间；留空表示不用这条规则。"
    red, yellow = values.get("red_below_total_pp"), values.get("yellow_below_total_pp")
    if red is not None and yellow is not None and Decimal(red) < Decimal(yellow):
        errors["red_below_total_pp"] = "亮红灯的差距不能小于亮黄灯的差距。"
    if values.get("no_data_color") not in StatusRuleSet.NoData.values:
        errors["no_data_color"] = "请选择黄灯或绿灯。"
    if errors:
        raise ValidationError(errors)


def save_rules(user, *, expected_version: int, **values) -> StatusRuleSet:
    """Change the rules (expected_version 0 before the first save); recorded before → after."""
    permissions.require(user, ACTION)
    unknown = set(values) - set(FIELDS)
    if unknown:
        raise TypeError(f"unknown status rule fields {sorted(unknown)}")
    with transaction.atomic():
        stored = StatusRuleSet.objects.select_for_update().order_by("id").first()
        row = stored or StatusRuleSet(version=0)
        merged = {name: values.get(name, getattr(row, name)) for name in FIELDS}
        _check(merged)
        if (stored.version if stored else 0) != int(expected_version):
            raise changes.StaleEdit(row)
        before = changes.full_snapshot(stored) if stored else None
        for name, value in merged.items():
            setattr(row, name, value)
        changes.commit(user, ACTION, row, before, reason="修改指标亮灯规则", refresh=True)
    return row
