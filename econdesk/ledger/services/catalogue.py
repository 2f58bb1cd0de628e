"""Seed and maintain regions, the indicator catalogue and periods."""

from __future__ import annotations

from django.db import transaction

from econdesk.accounts import permissions
from econdesk.accounts.standard import ensure_standard_departments
from econdesk.audit.services import record_model_change
from econdesk.ledger.catalogue import catalogue_entries
from econdesk.ledger.models import Indicator, Period, Region
from econdesk.ledger.services.base import audited_save


def ensure_standard_catalogue(user) -> dict[str, Indicator]:
    """Create the standard departments and indicators that are missing; never overwrite."""
    permissions.require(user, "ledger.edit_catalogue")
    with transaction.atomic():
        departments = ensure_standard_departments()
        existing = {i.code: i for i in Indicator.objects.all()}
        for entry in catalogue_entries():
            if entry["code"] in existing:
                continue
            fields = {k: v for k, v in entry.items() if k != "lead"}
            indicator = Indicator(**fields, lead_department=departments.get(entry["lead"]))
            indicator.save()
            record_model_change(user=user, obj=indicator, before=None, reason="标准指标目录")
            existing[indicator.code] = indicator
    return existing


def save_indicator(user, indicator: Indicator, reason: str = "") -> Indicator:
    return audited_save(user, "ledger.edit_catalogue", indicator, reason)


def save_region(user, region: Region, reason: str = "") -> Region:
    return audited_save(user, "ledger.edit_catalogue", region, reason)


def period_for(year: int, month: int) -> Period:
    """The period row for a year and end month (periods are reference data, not audited)."""
    period, _ = Period.objects.get_or_create(year=year, month=month)
    return period
