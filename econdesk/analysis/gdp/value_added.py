"""The ledger indicators of published value added by industry (行业增加值), created on demand.

Kept off the indicator panel (is_active=False): only the GDP estimate reads them. Created
through the catalogue's service (ledger.services.catalogue.save_indicator, the one door of
econdesk.audit.changes): permission, validation, save and change record in one transaction.
"""

from __future__ import annotations

from django.db import transaction

from econdesk.accounts import permissions
from econdesk.accounts.standard import ensure_standard_departments
from econdesk.ledger.gdp_defaults import VALUE_ADDED
from econdesk.ledger.models import Indicator
from econdesk.ledger.services.catalogue import save_indicator


def ensure_value_added_indicators(user) -> dict[str, Indicator]:
    """sector code -> its value-added indicator; missing ones are created (never overwritten)."""
    permissions.require(user, "ledger.edit_catalogue")
    out = {}
    with transaction.atomic():
        departments = ensure_standard_departments(user)
        by_code = {
            i.code: i
            for i in Indicator.objects.filter(code__in=[c for c, _ in VALUE_ADDED.values()])
        }
        for order, (sector, (code, name)) in enumerate(VALUE_ADDED.items(), start=1):
            indicator = by_code.get(code)
            if indicator is None:
                if Indicator.objects.filter(name=name).exists():
                    continue  # the installation calls another series by this name
                indicator = Indicator(
                    code=code,
                    name=name,
                    unit="亿元",
                    frequency=Indicator.Frequency.QUARTERLY,
                    first_month=3,
                    price_basis=Indicator.PriceBasis.COMPARABLE,
                    cumulation=Indicator.Cumulation.YTD,
                    lead_department=departments.get("统计局"),
                    sort_order=9000 + order * 10,
                    is_active=False,
                )
                save_indicator(user, indicator, reason="GDP测算：行业增加值")
            out[sector] = indicator
    return out
