"""Fixtures of the project registers: the home district and a builder that goes through services."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from econdesk.accounts.models import Department
from econdesk.projects.models import IndustryChain, MajorProject
from econdesk.projects.seed import ensure_reference_data
from econdesk.projects.services import save_project


def dept(short: str) -> Department:
    return Department.objects.get(short_name=short)


def chain(name: str) -> IndustryChain:
    return IndustryChain.objects.get(name=name)


@pytest.fixture
def home(sample_city):
    # A transactional test elsewhere may have flushed the migration's reference rows.
    ensure_reference_data()
    return sample_city[1]["东城区"]


@pytest.fixture
def make_project(people, home):
    """Build and save a project through the service as the admin; keywords override defaults."""

    def make(name="锂电池正极材料项目", user=None, **fields):
        values = dict(
            region=home,
            name=name,
            category=MajorProject.Category.INDUSTRY,
            industry_chain=chain("新材料"),
            total_investment=Decimal("120000"),
            plan_year=2026,
            annual_plan=Decimal("24000"),
            stage="construction",
            actual_start=date(2025, 9, 1),
            lead_department=dept("经信局"),
        )
        values.update(fields)
        return save_project(user or people["admin"], MajorProject(**values))

    return make
