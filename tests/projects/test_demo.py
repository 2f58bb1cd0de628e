"""The demo portfolio: realistic spread, every warning and closure line present, idempotent."""

import random
from collections import Counter
from datetime import date

import pytest

from econdesk.projects import demo_data
from econdesk.projects.credit_code import is_valid_credit_code
from econdesk.projects.demo import demo_credit_code, load_project_demo, monthly_entries
from econdesk.projects.models import (
    Enterprise,
    EnterpriseRequest,
    InvestmentDeal,
    MajorProject,
    Stage,
    UpwardFunding,
)
from econdesk.projects.sentences import project_sentences
from econdesk.projects.warnings import KIND_LABELS, warnings


@pytest.fixture
def loaded(people, home):
    return home, load_project_demo(home, people["admin"])


def test_it_loads_dozens_of_projects_across_stages_and_chains(loaded):
    home, summary = loaded
    projects = MajorProject.objects.filter(region=home)
    assert summary.created["major_projects"] == projects.count() >= 40
    assert set(projects.values_list("stage", flat=True)) == set(Stage.values)
    chains = Counter(projects.values_list("industry_chain__name", flat=True))
    assert {"新能源汽车", "新材料", "智能制造", "数字经济"} <= set(chains)
    sizes = set(projects.values_list("size_class", flat=True))
    assert {"yi", "ten_yi", "hundred_yi"} <= sizes
    assert InvestmentDeal.objects.count() >= 12 and UpwardFunding.objects.count() >= 8
    assert Enterprise.objects.count() >= 12 and EnterpriseRequest.objects.count() >= 8


def test_it_changes_nothing_when_called_again(people, loaded):
    home, _ = loaded
    again = load_project_demo(home, people["admin"])
    assert again.total == 0


def test_it_draws_the_same_months_every_time():
    spec = demo_data.PROJECTS[0]
    assert monthly_entries(spec, random.Random(1)) == monthly_entries(spec, random.Random(1))


def test_it_uses_valid_fictional_credit_codes():
    codes = [demo_credit_code(i) for i in range(1, 20)]
    assert all(is_valid_credit_code(c) and c[2:8] == "990101" for c in codes)


def test_it_shows_every_kind_of_warning(loaded):
    home, _ = loaded
    kinds = {w.kind for w in warnings(home, date(2026, 11, 27))}
    assert kinds == set(KIND_LABELS)


def test_it_tells_the_speech_of_the_first_quarter(loaded):
    home, _ = loaded
    texts = [s.text for s in project_sentences(home, date(2026, 1, 1), date(2026, 3, 31))]
    started = next(t for t in texts if "重大项目开工建设" in t)
    signed = next(t for t in texts if "完成签约" in t)
    assert "个重大项目开工建设" in started
    assert "新能源汽车" in signed and "数字经济" in signed and "等7个产业项目完成签约" in signed
    assert any(t.startswith("3月28日，总投资") and t.endswith("集中开工。") for t in texts)
    assert any(t.startswith("3月28日，总投资") and t.endswith("产业项目集中签约。") for t in texts)
