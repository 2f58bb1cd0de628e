"""Data checks before the ledger (数据校验): a fictional 1-3月 bulletin of 示范市 after the sample
1-2月 one, each check firing at its cell with its numbers, silent on a clean file and within
rounding; an import with findings is written only with an explanation, kept with the figures."""

from __future__ import annotations

from decimal import Decimal as D
from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from econdesk.audit.models import ChangeRecord
from econdesk.ledger import checks
from econdesk.ledger.importing import FindingsUnexplained, import_files
from econdesk.ledger.models import ImportBatch
from tests.conftest import SAMPLE_BULLETIN
from tests.helpers import write_figures
from tests.ledger.conftest import sample_rows, write_xlsx

# Excel rows of the sample layout: 全市 on row 5, then the districts in this order.
ROW = {"全市": 5, "东城区": 6, "西城区": 7, "南湖区": 8, "北山区": 9, "临江县": 10, "青山县": 11,
       "白水县": 12, "红岩市": 13}  # fmt: skip
COLUMN = {"industry_growth": 1, "fai_growth": 3, "retail": 5, "retail_growth": 6, "fiscal": 8}


def march_rows(changes: dict | None = None, total_off: dict | None = None) -> list[list]:
    """The sample's 1-2月 figures carried to 1-3月: values ×1.5, growths as they were, the 全市
    values the members' sums; ``changes`` sets (region, column) cells, ``total_off`` adds to a
    total after summing."""
    rows = sample_rows()
    rows[0][0] = "示范市2022年1-3月各区（市）县主要经济指标"
    for excel_row in range(6, 14):
        row = rows[excel_row - 1]
        for col in (COLUMN["retail"], COLUMN["fiscal"]):
            row[col] = float(round(D(str(row[col])) * D("1.5"), 2))
    for (region, column), value in (changes or {}).items():
        rows[ROW[region] - 1][COLUMN[column]] = value
    total = rows[ROW["全市"] - 1]
    for col in (COLUMN["retail"], COLUMN["fiscal"]):
        summed = sum(D(str(rows[r - 1][col])) for r in range(6, 14))
        total[col] = float(summed + D(str((total_off or {}).get(col, 0))))
    return rows


@pytest.fixture
def february(importer, sample_city):
    import_files(importer, [SAMPLE_BULLETIN])
    return sample_city


def march(tmp_path, name="city-bulletin-2022-03.xlsx", **kwargs):
    return write_xlsx(tmp_path / name, march_rows(**kwargs), sheet="1-3月")


def findings_of(importer, path):
    return import_files(importer, [path], dry_run=True).findings


# --- the plain arithmetic ----------------------------------------------------------------------


def test_the_rounding_band_comes_from_the_digits_as_written():
    assert checks.half_unit(D("62.35")) == D("0.005")
    assert checks.half_unit(D("69")) == D("0.5")
    assert checks.half_unit(D("80000").scaleb(-4)) == D("0.00005")  # 万元 → 亿元 keeps its digits
    assert checks.stored_half_unit(D("210.000000")) == D("0.5")


def test_a_growth_within_the_propagated_band_is_not_a_contradiction():
    # 87.15 over 83.118 is 4.851 %: outside 4.8 ± 0.05, inside once value and base are rounded.
    band = checks.implied_growth_band(D("87.15"), D("0.005"), D("83.118"), D("0.0005"))
    assert not checks.growth_contradicts_base(D("4.8"), D("0.05"), band)
    band = checks.implied_growth_band(D("250.0"), D("0.05"), D("200.0"), D("0.05"))
    assert [round(x, 2) for x in band] == [D("24.94"), D("25.06")]
    assert not checks.growth_contradicts_base(D("25.1"), D("0.05"), band)
    assert checks.growth_contradicts_base(D("5.1"), D("0.05"), band)


def test_a_jump_of_exactly_n_points_is_not_beyond_n():
    assert not checks.growth_jump(D("32.3"), D("12.3"), D(20))
    assert checks.growth_jump(D("32.4"), D("12.3"), D(20))


def test_ratios_and_averages_do_not_add_up():
    assert checks.is_additive("社会消费品零售总额", "亿元")
    assert not checks.is_additive("全体居民人均可支配收入", "元")
    assert not checks.is_additive("城镇登记失业率", "%")


# --- imports -------------------------------------------------------------------------------------


@pytest.mark.django_db
def test_a_clean_file_has_no_findings_even_at_the_rounding_edge(importer, february, tmp_path):
    _, members = february
    west = march_rows()[ROW["西城区"] - 1][COLUMN["retail"]]
    assert west == 87.15
    # Last year's 1-3月 base of 西城区: the published 4.8 % is 4.851 % exactly, within rounding.
    write_figures(importer, [(members["西城区"], "retail_sales", "2021-03", "83.118", "3.0", 5)])
    report = import_files(importer, [march(tmp_path)])
    assert report.findings == [] and report.created == 36
    assert "校验" not in report.render()
    # The sample bulletin itself (its totals add up) has none either.
    assert import_files(importer, [SAMPLE_BULLETIN], dry_run=True).findings == []


@pytest.mark.django_db
def test_a_ytd_value_below_last_month_is_shown_at_its_cell(importer, february, tmp_path):
    (finding,) = findings_of(importer, march(tmp_path, changes={("南湖区", "retail"): 39.5}))
    assert finding["check"] == "ytd" and finding["label"] == "累计值回落"
    assert (finding["file"], finding["sheet"], finding["row"], finding["column"]) == (
        "city-bulletin-2022-03.xlsx", "1-3月", 8, "F",
    )  # fmt: skip
    assert finding["where"] == "city-bulletin-2022-03.xlsx 工作表“1-3月” 第8行 F列"
    assert finding["subject"] == "南湖区·社会消费品零售总额·2022年1-3月"
    assert finding["message"] == "累计值 39.5 低于上月累计 40.22（1-2月），累计数不应回落"


@pytest.mark.django_db
def test_a_growth_the_base_contradicts_is_shown_at_its_growth_cell(importer, february, tmp_path):
    _, members = february
    write_figures(importer, [(members["东城区"], "retail_sales", "2021-03", "70.00", "3.0", 4)])
    (finding,) = findings_of(importer, march(tmp_path))
    assert finding["check"] == "base" and (finding["row"], finding["column"]) == (6, "G")
    # 93.52 (62.35 × 1.5) over 70 is 33.60 %, against the published 5.1 %; the stored 70.00
    # is read as 70 (± 0.5), the widest band its digits allow.
    assert finding["message"] == (
        "增速 5.1% 与上年同期基数不符：累计值 93.52 比上年同期 70，推算增速为 33.60%"
        "（计入舍入 32.65%～34.57%），相差 28.50 个百分点"
    )


@pytest.mark.django_db
def test_members_that_do_not_add_up_are_shown_at_the_total(importer, february, tmp_path):
    path = march(tmp_path, total_off={COLUMN["fiscal"]: 2.5})
    (finding,) = findings_of(importer, path)
    assert finding["check"] == "sum" and (finding["row"], finding["column"]) == (5, "I")
    assert finding["subject"] == "示范市·一般公共预算收入·2022年1-3月"
    assert finding["message"].startswith(
        "8个成员合计 50.89，比全市 53.39 少 2.50，超过允许误差 0.58"
    )
    # Within 1 % (0.5 of 53.39) plus rounding nothing is said.
    assert findings_of(importer, march(tmp_path, "b.xlsx", total_off={COLUMN["fiscal"]: 0.5})) == []


@pytest.mark.django_db
def test_a_growth_jump_beyond_n_points_is_shown_at_its_cell(importer, february, tmp_path, settings):
    (finding,) = findings_of(
        importer, march(tmp_path, changes={("临江县", "industry_growth"): 32.4})
    )
    assert finding["check"] == "jump" and (finding["row"], finding["column"]) == (10, "B")
    assert finding["message"] == (
        "增速 32.4% 较上期（1-2月）12.3% 提高 20.1 个百分点，超过 20 个百分点"
    )
    assert findings_of(importer, march(tmp_path, "b.xlsx", changes={("临江县", "industry_growth"): 32.3})) == []  # fmt: skip
    settings.ECONDESK_CHECK_JUMP_PP = "30"
    assert findings_of(importer, march(tmp_path, "c.xlsx", changes={("临江县", "industry_growth"): 32.4})) == []  # fmt: skip


@pytest.mark.django_db
def test_an_import_with_findings_is_written_only_with_an_explanation(
    importer, february, tmp_path, counts
):
    path = march(tmp_path, changes={("南湖区", "retail"): 39.5})
    before = counts()
    with pytest.raises(FindingsUnexplained, match="第8行 F列") as refused:
        import_files(importer, [path])
    assert len(refused.value.findings) == 1 and "未写入任何数据" in str(refused.value)
    assert counts() == before

    report = import_files(importer, [path], explanation="南湖区1-2月数据经市局核减，以本月为准")
    assert report.created == 36
    batch = ImportBatch.objects.latest("id")
    assert batch.summary["checks"]["explanation"] == "南湖区1-2月数据经市局核减，以本月为准"
    assert batch.summary["checks"]["findings"][0]["row"] == 8
    change = ChangeRecord.objects.filter(action="import").latest("id")
    assert "说明：南湖区1-2月数据经市局核减" in change.reason
    assert change.after["checks"]["findings"][0]["message"].startswith("累计值 39.5")


@pytest.mark.django_db
def test_the_command_lists_findings_and_stops_without_explain(importer, february, tmp_path, counts):
    path = march(tmp_path, changes={("南湖区", "retail"): 39.5})
    out = StringIO()
    call_command("import", str(path), "--dry-run", stdout=out)
    assert "数据校验提示1处" in out.getvalue()
    assert "第8行 F列：南湖区·社会消费品零售总额·2022年1-3月：累计值 39.5 低于上月累计 40.22" in (
        out.getvalue()
    )
    before = counts()
    err = StringIO()
    with pytest.raises(CommandError, match="数据校验有1处提示") as stopped:
        call_command("import", str(path), stdout=StringIO(), stderr=err)
    assert stopped.value.returncode == 3
    assert "导入未执行（未写入任何数据）" in err.getvalue() and "--explain" in err.getvalue()
    assert counts() == before

    out = StringIO()
    call_command("import", str(path), "--explain", "市局核减1-2月", stdout=out)
    assert "已按说明确认导入（说明：市局核减1-2月）" in out.getvalue()
    assert "说明：市局核减1-2月" in ChangeRecord.objects.filter(action="import").latest("id").reason
