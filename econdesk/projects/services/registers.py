"""Writes to the other registers: deals, upward funding, enterprises, requests, configuration."""

from __future__ import annotations

from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from econdesk.accounts import permissions
from econdesk.projects.models import (
    DEAL_ORDER,
    DealStage,
    Enterprise,
    EnterpriseRequest,
    IndustryChain,
    InvestmentDeal,
    MajorProject,
    ProjectRules,
    ScaleThreshold,
    Stage,
    UpwardFunding,
)
from econdesk.projects.services.base import write

CONFIGURE = "projects.configure"


def save_deal(
    user, deal: InvestmentDeal, *, expected_version: int | None = None, reason: str = ""
) -> InvestmentDeal:
    """Create or update an investment deal (招商引资项目)."""
    return write(user, deal, expected_version=expected_version, reason=reason or "维护招商项目")


# The stage a deal's project starts at, by how far the deal has come.
_PROJECT_STAGE = {
    DealStage.SIGNED: Stage.SIGNED,
    DealStage.REGISTERED: Stage.PREPARATION,
    DealStage.STARTED: Stage.CONSTRUCTION,
    DealStage.OPERATING: Stage.CONSTRUCTION,
}


def deal_to_project(
    user,
    deal: InvestmentDeal,
    *,
    expected_version: int | None = None,
    today: date | None = None,
) -> MajorProject:
    """Turn a signed deal into a major project (签约项目转化落地) and link the two.

    The project takes the deal's name, chain, department and amount (亿元 → 万元); a started
    deal becomes a project under construction from its start date.
    """
    if DEAL_ORDER[deal.stage] < DEAL_ORDER[DealStage.SIGNED]:
        raise ValidationError("洽谈中的项目尚未签约，不能转为重大项目。")
    if deal.project_id:
        raise ValidationError(f"该招商项目已转为重大项目“{deal.project}”。")
    today = today or timezone.localdate()
    stage = _PROJECT_STAGE[DealStage(deal.stage)]
    project = MajorProject(
        region=deal.region,
        lead_department=deal.lead_department,
        name=deal.name,
        category=MajorProject.Category.INDUSTRY,
        industry_chain=deal.industry_chain,
        content=deal.content,
        owner=deal.registered_name or deal.investor,
        total_investment=deal.amount * 10_000,
        plan_year=today.year,
        stage=stage,
        actual_start=deal.started_on if stage == Stage.CONSTRUCTION else None,
    )
    with transaction.atomic():
        deal.project = write(user, project, reason=f"由招商项目“{deal.name}”转化")
        write(user, deal, expected_version=expected_version, reason="招商项目转化为重大项目")
    return project


def save_funding(
    user, funding: UpwardFunding, *, expected_version: int | None = None, reason: str = ""
) -> UpwardFunding:
    """Create or update an upward-funding application (对上争取)."""
    return write(user, funding, expected_version=expected_version, reason=reason or "对上争取")


def save_enterprise(
    user, enterprise: Enterprise, *, expected_version: int | None = None, reason: str = ""
) -> Enterprise:
    """Create or update an enterprise in the scale-up register (升规入统)."""
    return write(user, enterprise, expected_version=expected_version, reason=reason or "升规培育")


def save_request(
    user, request: EnterpriseRequest, *, expected_version: int | None = None, reason: str = ""
) -> EnterpriseRequest:
    """Create or update an enterprise request (企业诉求)."""
    return write(user, request, expected_version=expected_version, reason=reason or "企业诉求")


def save_rules(user, rules: ProjectRules, reason: str = "") -> ProjectRules:
    """Change the warning and closure rules (admin only)."""
    permissions.require(user, CONFIGURE)
    return write(user, rules, action=CONFIGURE, reason=reason or "维护预警与闭合规则")


def save_industry_chain(user, chain: IndustryChain, reason: str = "") -> IndustryChain:
    permissions.require(user, CONFIGURE)
    return write(user, chain, action=CONFIGURE, reason=reason or "维护产业链")


def save_threshold(user, threshold: ScaleThreshold, reason: str = "") -> ScaleThreshold:
    permissions.require(user, CONFIGURE)
    return write(user, threshold, action=CONFIGURE, reason=reason or "维护规模以上标准")
