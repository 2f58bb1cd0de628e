"""One figure as it stood at a moment, beside its versions (for the as-of page and the API)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from django.utils import timezone

from econdesk.ledger.asof import observations_as_of
from econdesk.ledger.models import Indicator, Observation, Period, Region
from econdesk.ledger.periods import PeriodKey

_MOMENT = re.compile(r"^\s*(\d{4})-(\d{1,2})-(\d{1,2})(?:[ T](\d{1,2}):(\d{2})(?::(\d{2}))?)?\s*$")


class MomentError(ValueError):
    pass


def parse_moment(text: str | None) -> datetime:
    """'YYYY-MM-DD HH:MM[:SS]' (or with T, as a datetime-local field sends it) in local time;
    a bare date means the end of that day ("as it stood on that date"). ISO with an offset too."""
    text = (text or "").strip()
    if not text:
        raise MomentError("请填写时点，如 2024-03-15 18:00。")
    match = _MOMENT.match(text)
    if match is None:
        try:
            parsed = datetime.fromisoformat(text)
        except ValueError as exc:
            raise MomentError(f"无法识别时点“{text}”，请写成 YYYY-MM-DD HH:MM。") from exc
        if timezone.is_naive(parsed):
            parsed = timezone.make_aware(parsed)
        return parsed
    year, month, day, hour, minute, second = match.groups()
    try:
        day_ = date(int(year), int(month), int(day))
        if hour is None:
            moment = datetime.combine(day_ + timedelta(days=1), time()) - timedelta(microseconds=1)
        else:
            moment = datetime.combine(day_, time(int(hour), int(minute), int(second or 0)))
    except ValueError as exc:
        raise MomentError(f"时点“{text}”不是有效的日期时间。") from exc
    return timezone.make_aware(moment)


@dataclass
class FigureAsOf:
    region: Region
    indicator: Indicator
    period: Period | None
    kind: str
    moment: datetime
    then: Observation | None  # the version valid at the moment (None: not yet published)
    current: Observation | None  # the version current now
    versions: list[Observation]  # every version of the cell, oldest first

    @property
    def corrected_since(self) -> bool:
        return (
            self.then is not None and self.current is not None and self.then.pk != self.current.pk
        )


def figure_as_of(
    region: Region, indicator: Indicator, key: PeriodKey, moment: datetime, kind: str = "actual"
) -> FigureAsOf:
    period = Period.objects.filter(year=key.year, month=key.month).first()
    cell = Observation.objects.filter(region=region, indicator=indicator, period=period, kind=kind)
    versions = list(cell.select_related("batch", "entered_by").order_by("version"))
    then = (
        observations_as_of(moment)
        .filter(region=region, indicator=indicator, period=period, kind=kind)
        .select_related("batch", "entered_by")
        .first()
        if period is not None
        else None
    )
    current = next((v for v in versions if v.is_current), None)
    return FigureAsOf(region, indicator, period, kind, moment, then, current, versions)


def source_of(obs: Observation | None) -> str:
    """Where a version came from: its import batch (file, who, when) or who reported it."""
    if obs is None:
        return ""
    if obs.batch_id:
        batch = obs.batch
        when = timezone.localtime(batch.created_at).strftime("%Y-%m-%d %H:%M")
        return f"{batch.get_kind_display()}：{batch.file_name}（{batch.user_name}，{when}）"
    if obs.entered_by_id:
        return f"填报：{obs.entered_by}"
    return ""
