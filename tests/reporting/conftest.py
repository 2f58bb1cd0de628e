"""Fixtures of the reporting tests: the sample city with one actual period, and uploads."""

from __future__ import annotations

import pytest

from econdesk.ledger.models import Indicator
from econdesk.ledger.periods import PeriodKey
from tests.helpers import write_figures

# 东城区's actual 规上工业总产值 for 1-2月 2022: the period estimates follow (1-3月 2022).
ACTUAL_PERIOD = "2022-02"
ESTIMATE_PERIOD = PeriodKey(2022, 3)


@pytest.fixture
def city(people, sample_city):
    """The sample city with 东城区's 1-2月 actuals, so the period being estimated is 1-3月."""
    city, members = sample_city
    write_figures(
        people["admin"],
        [
            (members["东城区"], "industry_output", ACTUAL_PERIOD, "100.5", "5.2", 3),
            (members["东城区"], "industry_va", ACTUAL_PERIOD, None, "8.2", 3),
        ],
    )
    return city, members


@pytest.fixture
def output(catalogue) -> Indicator:
    """规模以上工业总产值: led by 经信局 (colin's department), value and growth published."""
    return Indicator.objects.get(code="industry_output")


@pytest.fixture
def retail(catalogue) -> Indicator:
    """社会消费品零售总额: led by 商务局 (cora's department)."""
    return Indicator.objects.get(code="retail_sales")


@pytest.fixture(autouse=True)
def _media_in_tmp(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
