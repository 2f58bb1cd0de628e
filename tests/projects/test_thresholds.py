"""Size thresholds (docs/methodology.md §6) as data, and where enterprises stand against them."""

from decimal import Decimal

import pytest

from econdesk.projects.models import ScaleThreshold
from econdesk.projects.thresholds import (
    STANDARD_THRESHOLDS,
    annualised_revenue,
    scale_standing,
    standard_threshold,
    threshold_share,
)

D = Decimal


@pytest.mark.django_db
def test_it_seeds_the_methodology_table_into_the_database():
    stored = {t.code: (t.name, t.amount, t.applies_to) for t in ScaleThreshold.objects.all()}
    expected = {t.code: (t.name, t.amount, t.applies_to) for t in STANDARD_THRESHOLDS}
    assert stored == expected


@pytest.mark.parametrize(
    ("code", "amount"),
    [
        ("industry", 2000), ("wholesale", 2000), ("retail", 500), ("accommodation", 200),
        ("catering", 200), ("transport", 2000), ("it_services", 2000), ("leasing_business", 1000),
        ("research", 1000), ("property_management", 1000), ("resident_services", 500),
        ("culture_sports", 500), ("fai_project", 500),
    ],
)  # fmt: skip
def test_it_keeps_the_methodology_thresholds(code, amount):
    assert standard_threshold(code).amount == D(amount)


def test_it_counts_every_qualified_unit_where_there_is_no_amount():
    assert standard_threshold("construction").amount is None
    assert standard_threshold("real_estate").amount is None
    assert scale_standing(D(10), 3, None) == "qualified"


def test_it_annualises_revenue_to_date():
    assert annualised_revenue(D(1500), 9) == D(2000)
    assert annualised_revenue(None, 9) is None
    with pytest.raises(ValueError):
        annualised_revenue(D(1), 13)


def test_it_counts_exactly_the_threshold_as_reached():
    # 1500 in 9 months → 2000 a year, exactly the 规上工业 threshold.
    assert scale_standing(D(1500), 9, D(2000)) == "reached"
    assert scale_standing(D("1499.99"), 9, D(2000)) == "near"


def test_it_marks_candidates_from_80_percent_of_the_threshold():
    # 1200 in 9 months → 1600 a year = 80% of 2000: a candidate; a little less is not.
    assert scale_standing(D(1200), 9, D(2000)) == "near"
    assert scale_standing(D("1199.99"), 9, D(2000)) == "below"
    assert scale_standing(D(1199), 9, D(2000), near_share=D(70)) == "near"


def test_it_says_unknown_without_revenue():
    assert scale_standing(None, None, D(2000)) == "unknown"
    assert threshold_share(D(1000), D(2000)) == D(50)


@pytest.mark.django_db
def test_it_puts_back_missing_reference_rows_without_overwriting_edits():
    from econdesk.projects.models import IndustryChain
    from econdesk.projects.seed import STANDARD_CHAINS, ensure_reference_data

    retail = ScaleThreshold.objects.get(code="retail")
    retail.amount = D(600)
    retail.save()
    ScaleThreshold.objects.filter(code="catering").delete()
    IndustryChain.objects.all().delete()
    ensure_reference_data()
    assert ScaleThreshold.objects.get(code="retail").amount == D(600)
    assert ScaleThreshold.objects.get(code="catering").amount == D(200)
    assert list(IndustryChain.objects.values_list("name", flat=True)) == STANDARD_CHAINS
