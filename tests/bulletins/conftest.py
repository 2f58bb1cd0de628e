"""Fixtures: the sample city with the sample bulletin's figures (see data.py)."""

import pytest

from tests.bulletins.data import name_leaders, write_sample_february, write_sample_march


@pytest.fixture
def sample_feb(people, sample_city):
    city, members = sample_city
    write_sample_february(people["admin"], city, members)
    return members


@pytest.fixture
def sample_mar(sample_feb, people, sample_city):
    city, members = sample_city
    write_sample_march(people["admin"], city, members)
    return members


@pytest.fixture
def leaders(catalogue):
    return name_leaders()
