"""The writer keeps every version and never blanks a figure a file leaves out."""

from decimal import Decimal

from econdesk.ledger.models import Observation
from tests.helpers import write_figures


def test_it_keeps_the_value_when_a_later_file_gives_only_growth(people, sample_city):
    city, m = sample_city
    write_figures(people["admin"], [(m["东城区"], "retail_sales", "2022-02", "62.35", "5.1", 4)])
    summary = write_figures(
        people["admin"], [(m["东城区"], "retail_sales", "2022-02", None, "5.3", None)]
    )
    assert len(summary.revised) == 1
    current = Observation.objects.get(region=m["东城区"], is_current=True)
    assert (current.value, current.growth, current.rank, current.version) == (
        Decimal("62.35"), Decimal("5.3"), 4, 2,
    )  # fmt: skip
    old = Observation.objects.get(region=m["东城区"], is_current=False)
    assert (old.growth, old.version) == (Decimal("5.1"), 1)


def test_it_changes_nothing_when_a_file_only_repeats_part_of_a_figure(people, sample_city):
    city, m = sample_city
    write_figures(people["admin"], [(m["西城区"], "retail_sales", "2022-02", "58.1", "4.8", 5)])
    summary = write_figures(
        people["admin"], [(m["西城区"], "retail_sales", "2022-02", None, "4.80", None)]
    )
    assert summary.unchanged == 1 and not summary.revised
    assert Observation.objects.filter(region=m["西城区"]).count() == 1
