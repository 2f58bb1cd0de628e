"""Forms of the workspace: a target, and the GDP target of the reverse calculation."""

from __future__ import annotations

from decimal import Decimal

from django import forms
from django.utils import timezone

from econdesk.analysis.arithmetic.status import format_number
from econdesk.ledger.models import Indicator, Target
from econdesk.ledger.periods import PeriodKey, display_label, span_label

MONTH_CHOICES = [
    (
        m,
        span_label(m)
        if display_label(m) == span_label(m)
        else f"{display_label(m)}（{span_label(m)}）",
    )
    for m in range(1, 13)
]


class TargetForm(forms.Form):
    """One target of the home region: indicator, period and level, and at least one goal."""

    label_suffix = "："

    indicator = forms.ModelChoiceField(
        label="指标",
        queryset=Indicator.objects.filter(is_active=True),
        to_field_name="code",
        empty_label="请选择指标",
    )
    year = forms.IntegerField(label="年份", min_value=2000, max_value=2100)
    month = forms.TypedChoiceField(label="期别", choices=MONTH_CHOICES, coerce=int, initial=12)
    level = forms.ChoiceField(label="层级", choices=Target.Level.choices)
    growth = forms.DecimalField(
        label="目标增速（%）", required=False, max_digits=8, decimal_places=2
    )
    value = forms.DecimalField(
        label="目标值（指标单位）", required=False, max_digits=20, decimal_places=4, min_value=0
    )
    rank_goal = forms.IntegerField(
        label="位次目标（进入前N位）", required=False, min_value=1, max_value=999
    )
    reason = forms.CharField(
        label="修改原因",
        required=False,
        max_length=200,
        help_text="记入变更记录，如：区政府常务会调整",
    )

    def clean(self):
        data = super().clean()
        goals = [data.get("growth"), data.get("value"), data.get("rank_goal")]
        if all(goal is None for goal in goals):
            raise forms.ValidationError("请至少填写目标增速、目标值或位次目标中的一项。")
        return data

    @property
    def period_key(self) -> PeriodKey:
        return PeriodKey(self.cleaned_data["year"], self.cleaned_data["month"])

    @classmethod
    def initial_for(cls, target: Target | None, params) -> dict:
        """Prefill from an existing target, else from ?indicator=&year=&month=&level=."""
        if target is not None:
            indicator = target.indicator
            return {
                "indicator": indicator.code,
                "year": target.period.year,
                "month": target.period.month,
                "level": target.level,
                # As the indicator prints them (7.0, 360.89), not as stored (7.0000).
                "growth": _printed(target.growth, indicator.growth_decimals),
                "value": _printed(target.value, indicator.decimals),
                "rank_goal": target.rank_goal,
            }
        initial = {"year": timezone.localdate().year}
        initial.update(
            {key: params[key] for key in ("indicator", "year", "month", "level") if key in params}
        )
        return initial


def _printed(x, decimals: int) -> str | None:
    return None if x is None else format_number(x, decimals)


class GdpTargetForm(forms.Form):
    """The GDP growth to reverse-calculate the industries' required growth from."""

    label_suffix = "："

    target = forms.DecimalField(
        label="GDP目标增速（%）",
        required=False,
        max_digits=6,
        decimal_places=2,
        min_value=Decimal("-50"),
        max_value=Decimal("50"),
    )
