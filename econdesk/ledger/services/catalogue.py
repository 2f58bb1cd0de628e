"""Seed and maintain regions, the indicator catalogue and periods."""

from __future__ import annotations

from django.db import transaction

from econdesk.accounts import permissions
from econdesk.accounts.standard import ensure_standard_departments
from econdesk.audit import changes
from econdesk.ledger.catalogue import catalogue_entries
from econdesk.ledger.models import Indicator, Period, Region
from econdesk.ledger.services.base import audited_save


def ensure_standard_catalogue(user) -> dict[str, Indicator]:
    """Create the standard departments and indicators that are missing; never overwrite.

    Through the one door in bulk (econdesk.audit.changes.create_many): each new row checked,
    inserted and recorded, in one transaction. An entry whose name the installation already
    gives another indicator is left out (that indicator keeps the name)."""
    permissions.require(user, "ledger.edit_catalogue")
    with transaction.atomic():
        departments = ensure_standard_departments(user)
        existing = {i.code: i for i in Indicator.objects.all()}
        names = {i.name for i in existing.values()}
        new = []
        for entry in catalogue_entries():
            if entry["code"] in existing or entry["name"] in names:
                continue
            fields = {k: v for k, v in entry.items() if k != "lead"}
            new.append(Indicator(**fields, lead_department=departments.get(entry["lead"])))
            names.add(entry["name"])
        for indicator in changes.create_many(
            user, "ledger.edit_catalogue", new, reason="标准指标目录"
        ):
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
