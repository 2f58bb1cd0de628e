"""The registers of econdesk.projects; one module per concept, all importable from here."""

from econdesk.projects.models.base import Register, month_label, month_start
from econdesk.projects.models.deals import (
    DEAL_ORDER,
    DealStage,
    InvestmentDeal,
    Programme,
    UpwardFunding,
)
from econdesk.projects.models.enterprises import Enterprise, EnterpriseRequest
from econdesk.projects.models.projects import (
    STAGE_ORDER,
    Enrolment,
    MajorProject,
    ProjectMonth,
    ProjectProblem,
    ProjectProcedure,
    SizeClass,
    Stage,
    project_threshold,
    size_class_of,
    stage_at_least,
)
from econdesk.projects.models.reference import IndustryChain, ProjectRules, ScaleThreshold

__all__ = [
    "DEAL_ORDER",
    "STAGE_ORDER",
    "DealStage",
    "Enrolment",
    "Enterprise",
    "EnterpriseRequest",
    "IndustryChain",
    "InvestmentDeal",
    "MajorProject",
    "Programme",
    "ProjectMonth",
    "ProjectProblem",
    "ProjectProcedure",
    "ProjectRules",
    "Register",
    "ScaleThreshold",
    "SizeClass",
    "Stage",
    "UpwardFunding",
    "month_label",
    "month_start",
    "project_threshold",
    "size_class_of",
    "stage_at_least",
]
