"""Issue #13: the same month of one city, sent in every layout, gives the same ledger.

霁川市's 1-10月 bulletin (tests/ledger/city_month.py) is written as the wide table, as
indicators × districts (one column per district, or sub-columns under merged district headers),
as one sheet per indicator, as two tables on one sheet, as a Word 统计快报 (one table or two) and
as the PDF LibreOffice prints from that Word file. Each is imported into an empty ledger with one
confirmation (the city and its members are proposed and created) and must give every figure
with its published digits, the 万元 → 亿元 conversion, the tie and who is ranked.
"""

from __future__ import annotations

import shutil

import pytest

from econdesk.ledger.importing import ImportFailed, import_files
from econdesk.ledger.models import Observation, Region
from tests.ledger import city_month as month
from tests.ops.throwaway import in_ci


def ledger() -> dict:
    return {
        (o.region.name, o.indicator.name): (
            o.value.normalize() if o.value is not None else None,
            o.growth.normalize(),
            o.rank,
        )
        for o in Observation.objects.filter(is_current=True).select_related("region", "indicator")
    }


def check_ledger() -> None:
    got, expected = ledger(), month.expected_ledger()
    assert len(got) == len(month.ROWS) * len(month.FIGURES) == 54
    assert got == expected
    city = Region.objects.get(name=month.CITY, parent=None)
    members = {r.name: r.ranked for r in Region.objects.filter(parent=city)}
    assert members == month.RANKED
    # The tie, as published: two 3rds in 社零 growth.
    retail = Observation.objects.filter(indicator__name="社会消费品零售总额", rank=3)
    assert sorted(o.region.name for o in retail) == ["云台县", "南浦区"]
    # 623518 万元 is 62.3518 亿元, every digit kept.
    assert str(got[("霁东区", "社会消费品零售总额")][0]) == "62.3518"
    assert str(got[("霁东区", "规模以上工业增加值")][1]) == "7.91"


WRITERS = {
    "wide.xlsx": month.write_wide_xlsx,
    "turned.xlsx": month.write_turned_xlsx,
    "turned-merged.xlsx": month.write_turned_merged_xlsx,
    "per-sheet.xlsx": month.write_per_sheet_xlsx,
    "two-blocks.xlsx": month.write_two_blocks_xlsx,
    "kuaibao.docx": month.write_docx,
    "kuaibao-two-tables.docx": lambda path: month.write_docx(path, tables=2),
}


@pytest.mark.django_db
@pytest.mark.parametrize("name", list(WRITERS))
def test_each_layout_of_the_month_gives_the_same_ledger(importer, tmp_path, name):
    path = WRITERS[name](tmp_path / f"霁川-{name}")
    with pytest.raises(ImportFailed) as failed:
        import_files(importer, [path])
    assert "地区“霁川市”尚未建立；建议：新建地区“霁川市”（无上级）" in failed.value.render()
    assert not Observation.objects.exists()
    import_files(importer, [path], accept_new=True)
    check_ledger()


# In CI (CI set) a missing LibreOffice fails the test instead of skipping it.
needs_soffice = pytest.mark.skipif(
    shutil.which("soffice") is None and not in_ci(), reason="LibreOffice 未安装"
)


@needs_soffice
@pytest.mark.django_db
@pytest.mark.parametrize("tables", [1, 2])
def test_the_pdf_of_the_word_bulletin_gives_the_same_ledger(importer, tmp_path, tables):
    pdf = month.to_pdf(month.write_docx(tmp_path / f"kuaibao-{tables}.docx", tables=tables))
    assert pdf.read_bytes().startswith(b"%PDF-")
    report = import_files(importer, [pdf], accept_new=True)
    check_ledger()
    assert report.files[0].sheets == (["表格1"] if tables == 1 else ["表格1", "表格2"])
