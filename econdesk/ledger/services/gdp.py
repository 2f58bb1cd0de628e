"""Maintain the GDP sector table (weights and driver mapping), with permission and audit."""

from __future__ import annotations

from decimal import Decimal

from django.db import transaction

from econdesk.accounts import permissions
from econdesk.audit.services import record_model_change
from econdesk.ledger.gdp_defaults import DEFAULT_SECTORS
from econdesk.ledger.models import GdpSector, Indicator
from econdesk.ledger.services.base import audited_save


def ensure_default_gdp_sectors(user) -> list[GdpSector]:
    """Create the installation-wide default table if it has no rows yet."""
    permissions.require(user, "ledger.edit_catalogue")
    existing = list(GdpSector.objects.filter(region__isnull=True))
    if existing:
        return existing
    drivers = {i.code: i for i in Indicator.objects.all()}
    created = []
    with transaction.atomic():
        for order, row in enumerate(DEFAULT_SECTORS, start=1):
            code, name, group, weight, driver, price, theta, below, manual = row
            sector = GdpSector.objects.create(
                code=code,
                name=name,
                group=group,
                weight=Decimal(weight),
                driver=drivers.get(driver) if driver else None,
                price_change=Decimal(price),
                above_scale_share=Decimal(theta) if theta else None,
                below_scale_growth=Decimal(below) if below else None,
                manual_growth=Decimal(manual) if manual else None,
                sort_order=order * 10,
            )
            record_model_change(user=user, obj=sector, before=None, reason="默认GDP测算行业")
            created.append(sector)
    return created


def save_gdp_sector(user, sector: GdpSector, reason: str = "") -> GdpSector:
    return audited_save(user, "ledger.edit_catalogue", sector, reason)
