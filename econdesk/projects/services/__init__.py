"""Every write to the registers goes through these functions (permission, validation, change
record, save, in one transaction; a stale version is refused)."""

from econdesk.projects.services.base import STALE_PROJECT, StaleEdit, errors_of
from econdesk.projects.services.projects import (
    MonthInput,
    ProcedureInput,
    save_months,
    save_problem,
    save_procedures,
    save_project,
)
from econdesk.projects.services.registers import (
    deal_to_project,
    save_deal,
    save_enterprise,
    save_funding,
    save_industry_chain,
    save_request,
    save_rules,
    save_threshold,
)

__all__ = [
    "STALE_PROJECT",
    "MonthInput",
    "ProcedureInput",
    "StaleEdit",
    "deal_to_project",
    "errors_of",
    "save_deal",
    "save_enterprise",
    "save_funding",
    "save_industry_chain",
    "save_months",
    "save_problem",
    "save_procedures",
    "save_project",
    "save_request",
    "save_rules",
    "save_threshold",
]
