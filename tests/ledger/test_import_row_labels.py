"""Row labels and cells as city bulletins really write them: 全市合计, 经开区*, （2）, −2.6.

Each case rewrites the classic wide table of tests/ledger/city_month.py the way one city's
office does, imports it as a first file (the city is created), and expects the very ledger the
plain file gives: no region made of a total, a footnote or a heading, every figure read.
"""

from __future__ import annotations

from decimal import Decimal

import openpyxl
import pytest

from econdesk.ledger.importing import ImportFailed, import_files
from econdesk.ledger.models import Observation, Region
from econdesk.ledger.services.regions import is_total_label, region_label
from tests.ledger import city_month as month
from tests.ledger.test_import_layouts import check_ledger

FIRST_DATA = 4  # title, 单位, header, sub-header, then 全市


def rows_with(change) -> list[list]:
    rows = month.wide_rows()
    change(rows)
    return rows


def relabel(old: str, new: str):
    def change(rows):
        for row in rows:
            if row and row[0] == old:
                row[0] = new

    return change


def import_rows(importer, tmp_path, rows, name="bulletin.xlsx"):
    path = month._save(tmp_path / name, {"县区指标": rows})
    return import_files(importer, [path], accept_new=True)


@pytest.mark.django_db
@pytest.mark.parametrize("total", ["全市合计", "全市总计", "霁川市合计", "合计（全市）", "全 市"])
def test_a_total_row_written_with_its_word_is_the_city(importer, tmp_path, total):
    import_rows(importer, tmp_path, rows_with(relabel("全市", total)))
    check_ledger()


@pytest.mark.django_db
@pytest.mark.parametrize("marked", ["霁川经开区*", "霁川经开区①", "※霁川经开区", "霁川经开区△",
                                    "霁川经开区#", "霁川经开区²", "霁川经开区1", "霁川经开区（注2）"])  # fmt: skip
def test_a_footnote_mark_on_a_name_is_not_part_of_it(importer, tmp_path, marked):
    import_rows(importer, tmp_path, rows_with(relabel("霁川经开区", marked)))
    check_ledger()


@pytest.mark.django_db
def test_an_of_which_heading_and_its_members(importer, tmp_path):
    """其中：区县 on a line of its own (no figures), then 其中：霁川经开区 with its figures."""

    def change(rows):
        at = next(i for i, row in enumerate(rows) if row and row[0] == "霁东区")
        rows.insert(at, ["其中：区县"])
        relabel("霁川经开区", "其中：霁川经开区")(rows)

    report = import_rows(importer, tmp_path, rows_with(change))
    check_ledger()
    assert not Region.objects.filter(name__contains="区县").exists()
    assert report.files[0].regions_created.count("霁东区") == 1


@pytest.mark.django_db
def test_numbered_lines_are_read_by_the_name_after_the_number(importer, tmp_path):
    def change(rows):
        for n, row in enumerate(rows[FIRST_DATA + 1 : FIRST_DATA + 1 + len(month.MEMBERS)], 1):
            row[0] = f"{n}.{row[0]}" if n % 2 else f"（{n}）{row[0]}"

    import_rows(importer, tmp_path, rows_with(change))
    check_ledger()


@pytest.mark.django_db
def test_a_subtotal_line_is_skipped_and_said(importer, tmp_path):
    def change(rows):
        at = next(i for i, row in enumerate(rows) if row and row[0] == "霁川经开区")
        subtotal = ["区县小计", *rows[FIRST_DATA][1:]]  # the city's figures, as a stand-in
        rows.insert(at, subtotal)

    report = import_rows(importer, tmp_path, rows_with(change))
    check_ledger()
    warnings = " ".join(report.files[0].warnings)
    assert "：“区县小计”是小计行，未导入" in warnings
    assert "第13行" in warnings  # after title, 单位, two header rows, 全市 and seven members


def rank_columns(rows) -> list[int]:
    return [i for i, text in enumerate(rows[FIRST_DATA - 1]) if text == "位次"]


@pytest.mark.django_db
@pytest.mark.parametrize("spelling", ["({})", "（{}）", "第{}位", "第{}名", " {} "])
def test_ranks_in_brackets_or_words(importer, tmp_path, spelling):
    def change(rows):
        for row in rows[FIRST_DATA:]:
            for i in rank_columns(rows):
                if i < len(row) and isinstance(row[i], int):
                    row[i] = spelling.format(row[i])

    rows = rows_with(change)
    assert spelling.format(1) in rows[FIRST_DATA + 1]
    import_rows(importer, tmp_path, rows)
    check_ledger()


@pytest.mark.django_db
@pytest.mark.parametrize("minus", ["\u2212", "\u2013", "\ufe63", "－"])
def test_a_typeset_minus_is_a_minus(importer, tmp_path, minus):
    def change(rows):
        for row in rows[FIRST_DATA:]:
            for i, value in enumerate(row):
                if i and isinstance(value, float) and value < 0:
                    row[i] = minus + repr(-value)

    rows = rows_with(change)
    assert any(isinstance(v, str) and v.startswith(minus) for row in rows for v in row)
    import_rows(importer, tmp_path, rows)
    check_ledger()
    assert Observation.objects.filter(growth__lt=0).exists()


@pytest.mark.django_db
def test_a_bracketed_rank_that_is_no_number_is_refused_where_it_is(importer, tmp_path):
    def change(rows):
        rows[FIRST_DATA + 1][rank_columns(rows)[0]] = "（二）"

    with pytest.raises(ImportFailed) as failed:
        import_rows(importer, tmp_path, rows_with(change))
    (problem,) = failed.value.problems
    column = "ABCDEFGHIJ"[rank_columns(month.wide_rows())[0]]
    assert (problem.sheet, problem.row, problem.column) == ("县区指标", FIRST_DATA + 2, column)
    assert "不是位次" in problem.message
    assert not Region.objects.exists()


def test_the_label_rules_on_their_own():
    assert region_label(" 其中：高新区① ") == "高新区"
    assert region_label("1、天河区") == "天河区"
    assert region_label("一、区县") == "区县"
    assert region_label("云台县") == "云台县"
    assert is_total_label("全市合计") and is_total_label("总计") and is_total_label("全省")
    assert is_total_label("霁川市汇总", ["霁川市"]) and not is_total_label("霁川市汇总")
    assert not is_total_label("霁东区") and not is_total_label("全市平均")


# --- sub-columns named by their period, and columns that are no figure of it ----------------


def sub_header(rows) -> list:
    return rows[FIRST_DATA - 1]


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("value", "growth"),
    [("1-10月", "1-10月增速(%)"), ("1—10月累计", "增长(%)"), ("前10个月", "前10个月同比±%"),
     ("2026年1-10月", "2026年1-10月增速")],
)  # fmt: skip
def test_sub_columns_named_by_the_period_are_its_figures(importer, tmp_path, value, growth):
    def change(rows):
        sub_header(rows)[:] = [
            {"绝对值": value, "增速(%)": growth}.get(text, text) for text in sub_header(rows)
        ]

    import_rows(importer, tmp_path, rows_with(change))
    check_ledger()


def insert_column(rows, at: int, sub: str, figure) -> None:
    """A column before `at`: blank above the sub-header (inside the indicator's merged group),
    `sub` in it, and `figure` on each data line."""
    for n, row in enumerate(rows):
        if n < FIRST_DATA - 1 or len(row) <= 1:
            continue
        row.insert(at, sub if n == FIRST_DATA - 1 else figure)
    rows[FIRST_DATA - 2].insert(at, None)


@pytest.mark.django_db
@pytest.mark.parametrize("sub", ["上年同期", "2025年1-10月", "占全市比重(%)", "全年目标", "1-9月",
                                 "比1-9月增减", "序时进度"])  # fmt: skip
def test_a_column_that_is_not_this_periods_figure_is_read_past_and_said(importer, tmp_path, sub):
    rows = month.wide_rows()
    at = sub_header(rows).index("位次", sub_header(rows).index("绝对值"))  # inside 固定资产投资
    insert_column(rows, at, sub, 99.9)
    report = import_rows(importer, tmp_path, rows)
    check_ledger()
    warning = f"“固定资产投资·{sub}”不是本期数据，未导入"
    assert any(w.endswith(warning) for w in report.files[0].warnings), report.files[0].warnings
    column = "ABCDEFGHIJKLMNOPQRSTUVWXYZ"[at]
    assert any(f"{column}列" in w for w in report.files[0].warnings if warning in w)


@pytest.mark.django_db
def test_the_month_beside_the_year_to_date(importer, tmp_path):
    rows = month.wide_rows()
    at = sub_header(rows).index("位次", sub_header(rows).index("绝对值"))
    insert_column(rows, at, "10月增速", 1.5)
    insert_column(rows, at, "10月", 80.25)
    import_rows(importer, tmp_path, rows)
    check_ledger()
    figures = Observation.objects.filter(indicator__name="固定资产投资", region__name="霁东区")
    (one,) = figures
    assert (str(one.month_value.normalize()), str(one.month_growth.normalize())) == ("80.25", "1.5")


@pytest.mark.django_db
@pytest.mark.parametrize(
    "head", ["区（县、市）", "县市区", "各县（市、区）", "地 区", "县（市、区）"]
)
def test_the_region_column_headed_by_the_kinds_of_region(importer, tmp_path, head):
    rows = month.wide_rows()
    assert rows[FIRST_DATA - 2][0] == "地区"
    rows[FIRST_DATA - 2][0] = head
    import_rows(importer, tmp_path, rows)
    check_ledger()


@pytest.mark.django_db
@pytest.mark.parametrize("fmt", ["0.0%", "0.00%;[Red]-0.00%"])
def test_a_growth_kept_as_an_excel_percentage_is_the_percent_it_shows(importer, tmp_path, fmt):
    """5.2% in a cell formatted as a percentage is 0.052 in the file: it is read as 5.2."""
    rows = month.wide_rows()
    growth = [i for i, text in enumerate(sub_header(rows)) if text == "增速(%)"]
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "县区指标"
    for n, row in enumerate(rows):
        ws.append(row)
        if n < FIRST_DATA or len(row) <= 1:
            continue
        for i in growth:
            cell = ws.cell(row=n + 1, column=i + 1)
            cell.value = float(Decimal(repr(cell.value)) / 100)
            cell.number_format = fmt
    path = tmp_path / "percent.xlsx"
    wb.save(path)
    import_files(importer, [path], accept_new=True)
    check_ledger()


@pytest.mark.django_db
def test_indicator_lines_numbered_or_of_which_and_districts_marked(importer, tmp_path):
    """Indicators as rows: 一、规模以上工业增加值 / 其中：固定资产投资 / 3.社会消费品零售总额*, and
    the district columns headed 全市合计 and 霁川经开区①."""
    rows = month.turned_rows()
    spelled = iter(["一、{}", "  其中：{}", "3.{}*", "（4）{}", "{}①", "五、{}"])
    for row in rows[2:]:
        if row and row[0] in month.FIGURES:
            row[0] = next(spelled).format(row[0])
    header = rows[1]
    header[header.index("全市")] = "全市合计"
    header[header.index("霁川经开区")] = "霁川经开区①"
    path = month._save(tmp_path / "turned.xlsx", {"主要指标": rows})
    report = import_files(importer, [path], accept_new=True)
    check_ledger()
    assert report.files[0].indicators_created == []


@pytest.mark.django_db
@pytest.mark.parametrize("mark", ["/", "…", "*", "×", "无", "— —", "―"])
def test_other_marks_for_not_published(importer, tmp_path, mark):
    """The file's "—" (the city's and the zone's ranks, a growth-only indicator's value)
    written as other bulletins write it."""

    def change(rows):
        for row in rows[FIRST_DATA:]:
            row[:] = [mark if v == "—" else v for v in row]

    rows = rows_with(change)
    assert sum(v == mark for row in rows for v in row) > 10
    import_rows(importer, tmp_path, rows)
    check_ledger()
