"""The configurable parts: the colour rules (TaskRules) and each year's assessment scheme.

Writes check permission, validate, record the change and save in one transaction. Bands are
written by users as "1-3:5, 4-6:3, 7-10:1" (ranks, colon, points) and stored as lists.
"""

from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation

from django.core.exceptions import ValidationError
from django.db import transaction

from econdesk.accounts import permissions
from econdesk.audit import changes
from econdesk.supervision.models import AssessmentScheme, TaskRules
from econdesk.supervision.scoring import Band, ScoringRules

_BAND = re.compile(r"^\s*(\d+)\s*(?:[-－—~～至到]\s*(\d+))?\s*[:：]\s*([-+]?\d+(?:\.\d+)?)\s*$")


def parse_bands(text: str) -> list[list]:
    """ "1-3:5, 4-6:3; 7-10:1" → [[1, 3, "5"], [4, 6, "3"], [7, 10, "1"]]; Chinese errors."""
    bands = []
    for part in re.split(r"[,，;；\n]+", text or ""):
        if not part.strip():
            continue
        match = _BAND.match(part)
        if not match:
            raise ValidationError(f"“{part.strip()}”看不懂，请写成“1-3:5”（名次-名次:分值）。")
        first = int(match.group(1))
        last = int(match.group(2) or first)
        if first < 1 or last < first:
            raise ValidationError(f"“{part.strip()}”的名次范围不正确。")
        bands.append([first, last, match.group(3)])
    return bands


def bands_text(bands: list) -> str:
    """[[1, 3, "5"]] → "1-3:5" (one band a single rank: "1:5")."""
    parts = []
    for first, last, points in bands or []:
        parts.append(f"{first}:{points}" if first == last else f"{first}-{last}:{points}")
    return ", ".join(parts)


def scheme_for(year: int) -> AssessmentScheme:
    """The stored scheme of `year`, or an unsaved one with the defaults."""
    return AssessmentScheme.objects.filter(year=year).first() or AssessmentScheme(
        year=year, name=f"{year}年度经济工作目标考核", version=0
    )


def rules_of(scheme: AssessmentScheme) -> ScoringRules:
    """The scoring arithmetic's rules from a stored (or default) scheme."""

    def bands(rows):
        return tuple(Band(int(a), int(b), Decimal(str(p))) for a, b, p in rows or [])

    return ScoringRules(
        rank_bands=bands(scheme.rank_bands),
        bottom_bands=bands(scheme.bottom_bands),
        tie_cancels=scheme.tie_cancels,
        completion_weight=Decimal(scheme.completion_weight),
        completion_cap=(None if scheme.completion_cap is None else Decimal(scheme.completion_cap)),
        on_time_points=Decimal(scheme.on_time_points),
        overdue_points=Decimal(scheme.overdue_points),
    )


SCHEME_FIELDS = (
    "name",
    "rank_bands",
    "bottom_bands",
    "tie_cancels",
    "completion_weight",
    "completion_cap",
    "on_time_points",
    "overdue_points",
    "indicator_codes",
)


def save_scheme(user, year: int, *, expected_version: int, **values) -> AssessmentScheme:
    """Create or change the scheme of `year` (expected_version 0 for a new one)."""
    permissions.require(user, "supervision.score")
    unknown = set(values) - set(SCHEME_FIELDS)
    if unknown:
        raise TypeError(f"unknown scheme fields {sorted(unknown)}")
    with transaction.atomic():
        stored = AssessmentScheme.objects.select_for_update().filter(year=year).first()
        if (stored.version if stored else 0) != int(expected_version):
            raise changes.StaleEdit(stored, noun=AssessmentScheme.stale_noun)
        scheme = stored or AssessmentScheme(year=year, version=0)
        before = changes.full_snapshot(stored) if stored else None
        for name, value in values.items():
            setattr(scheme, name, value)
        _check_scheme(scheme)
        changes.commit(user, "supervision.score", scheme, before, reason="保存考核方案",
                       validate=False)  # fmt: skip
    return scheme


def _check_scheme(scheme: AssessmentScheme) -> None:
    errors = {}
    if not (scheme.name or "").strip():
        errors["name"] = "请填写方案名称。"
    for name in ("rank_bands", "bottom_bands"):
        try:
            for _first, _last, points in getattr(scheme, name) or []:
                Decimal(str(points))
        except (ValueError, TypeError, InvalidOperation):
            errors[name] = "分值应为数字。"
    if scheme.completion_weight is not None and Decimal(scheme.completion_weight) < 0:
        errors["completion_weight"] = "目标完成分值不能为负数。"
    if errors:
        raise ValidationError(errors)


def save_rules(
    user,
    *,
    yellow_days: int,
    warning_deadline_days: int,
    remind_cooperating: bool,
    expected_version: int,
) -> TaskRules:
    """Change the colour and reminder rules (one row; expected_version 0 before the first save)."""
    permissions.require(user, "supervision.assign")
    if yellow_days is None or not 0 <= int(yellow_days) <= 60:
        raise ValidationError({"yellow_days": "临近时限天数应在0–60之间。"})
    if warning_deadline_days is None or not 1 <= int(warning_deadline_days) <= 365:
        raise ValidationError({"warning_deadline_days": "预警立项办理天数应在1–365之间。"})
    with transaction.atomic():
        stored = TaskRules.objects.select_for_update().order_by("id").first()
        if (stored.version if stored else 0) != int(expected_version):
            raise changes.StaleEdit(stored, noun=TaskRules.stale_noun)
        rules = stored or TaskRules(version=0)
        before = changes.full_snapshot(stored) if stored else None
        rules.yellow_days = int(yellow_days)
        rules.warning_deadline_days = int(warning_deadline_days)
        rules.remind_cooperating = bool(remind_cooperating)
        changes.commit(user, "supervision.assign", rules, before, reason="修改督办规则",
                       validate=False)  # fmt: skip
    return rules
