"""Issue #13 (2): a layout no reader recognises, mapped once by a person and saved as a 版式.

霁川市's 1-10月 bulletin is written with a 序号 column and one header row whose columns say
indicator and measure in their own words (社零1-10月累计 | 社零同比% | 社零排名). The importer
cannot read it; the person says which row is the header, which column the region and what each
column holds; the import then gives the same ledger as every other layout, figure for figure.
Next month's file (1-11月 in its header) is read with the saved layout without a question.
"""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError
from django.core.management import CommandError, call_command

from econdesk.audit.models import ChangeRecord
from econdesk.ledger.importing import ImportFailed, file_grid, import_files
from econdesk.ledger.importing.mapped import ColumnMap, guess
from econdesk.ledger.models import Layout, Observation
from econdesk.ledger.services.layouts import save_layout
from tests.ledger import city_month as month
from tests.ledger.test_import_layouts import check_ledger

NAME = "霁川市月报（序号横排）"
HEADER_ROW = 3  # title, 单位 line, header


def columns() -> list[ColumnMap]:
    return [
        ColumnMap(c, indicator, measure, unit)
        for c, indicator, measure, unit in month.flat_columns()
    ]


def map_file(user, path, **changes) -> Layout:
    _, grid = file_grid(path)
    options = {"name": NAME, "grid": grid, "header_row": HEADER_ROW, "region_column": 1,
               "columns": columns(), "sample_file": path.name, **changes}  # fmt: skip
    return save_layout(user, **options)


@pytest.mark.django_db
def test_no_reader_finds_the_header_of_the_flat_file(importer, tmp_path):
    path = month.write_flat_xlsx(tmp_path / "霁川-序号.xlsx")
    with pytest.raises(ImportFailed) as failed:
        import_files(importer, [path], accept_new=True)
    assert "未找到表头" in failed.value.render()
    assert not Observation.objects.exists()


@pytest.mark.django_db
def test_the_form_guesses_header_region_and_each_column(importer, tmp_path):
    path = month.write_flat_xlsx(tmp_path / "霁川-序号.xlsx")
    sheets, grid = file_grid(path)
    assert sheets == ["县区指标"]
    assert grid[2][:4] == [3, "序号", "区划", "规上工业同比%"]
    first_guess = guess(grid)
    assert first_guess["header_row"] == HEADER_ROW
    assert first_guess["region_column"] == 1
    by_column = first_guess["columns"]
    # 固投1-10月累计 (column E): the year to date, the months left out of the stem.
    assert by_column[4] == {"measure": "value", "indicator": "固投", "unit": ""}
    assert by_column[5]["measure"] == "growth" and by_column[6]["measure"] == "rank"
    assert by_column[2] == {"measure": "growth", "indicator": "规上工业", "unit": ""}


@pytest.mark.django_db
def test_a_mapped_layout_gives_the_same_ledger_as_every_other(importer, tmp_path):
    path = month.write_flat_xlsx(tmp_path / "霁川-序号.xlsx")
    layout = map_file(importer, path)
    with pytest.raises(ImportFailed) as failed:
        import_files(importer, [path])  # the new city is proposed, as with any first file
    assert "建议：新建地区“霁川市”（无上级）" in failed.value.render()
    # The title is the file's own line: named at its own cell, A1.
    city = next(p for p in failed.value.problems if "霁川市" in p.message)
    assert (city.sheet, city.row, city.column) == ("县区指标", 1, "A")
    report = import_files(importer, [path], accept_new=True)
    assert report.files[0].layouts == [NAME]
    assert f"按版式“{NAME}”读取" in report.render()
    check_ledger()
    assert layout.fingerprint and layout.header[1] == "区划"


@pytest.mark.django_db
def test_next_months_file_is_read_with_the_saved_layout_without_a_question(importer, tmp_path):
    first = month.write_flat_xlsx(tmp_path / "霁川-10月.xlsx")
    map_file(importer, first)
    import_files(importer, [first], accept_new=True)
    title = month.TITLE.replace("1-10月", "1-11月")
    second = month.write_flat_xlsx(tmp_path / "霁川-11月.xlsx", title=title, months="1-11月")
    report = import_files(importer, [second])
    assert report.files[0].layouts == [NAME]
    november = Observation.objects.filter(is_current=True, period__month=11)
    assert november.count() == 54
    east = november.get(region__name="霁东区", indicator__name="社会消费品零售总额")
    assert (str(east.value.normalize()), str(east.growth.normalize()), east.rank) == (
        "62.3518",
        "6.1",
        1,
    )


@pytest.mark.django_db
def test_the_cli_reads_with_a_named_layout_and_names_the_saved_ones(importer, tmp_path, capsys):
    path = month.write_flat_xlsx(tmp_path / "霁川-序号.xlsx")
    map_file(importer, path)
    with pytest.raises(CommandError):
        call_command("import", str(path), "--layout", "没有这个版式")
    assert f"没有名为“没有这个版式”的版式（已有：{NAME}）" in capsys.readouterr().err
    call_command("import", str(path), "--layout", NAME, "--accept-new")
    assert f"按版式“{NAME}”读取" in capsys.readouterr().out
    check_ledger()


@pytest.mark.django_db
def test_a_changed_header_is_refused_at_its_cell_under_a_named_layout(importer, tmp_path):
    path = month.write_flat_xlsx(tmp_path / "霁川-序号.xlsx")
    map_file(importer, path)
    rows = month.flat_rows()
    rows[2][4] = "固定资产投资额"  # column E, reworded
    changed = month._save(tmp_path / "霁川-改版.xlsx", {"县区指标": rows})
    with pytest.raises(ImportFailed) as failed:
        import_files(importer, [changed], layout=NAME, accept_new=True)
    problem = failed.value.problems[0]
    assert (problem.sheet, problem.row) == ("县区指标", HEADER_ROW)
    assert "E列为“固定资产投资额”" in problem.message
    assert "版式“霁川市月报（序号横排）”的表头此处为“固投1-10月累计”" in problem.message
    assert not Observation.objects.exists()
    # Without --layout the reworded file is simply not recognised (no saved header matches).
    with pytest.raises(ImportFailed) as failed:
        import_files(importer, [changed], accept_new=True)
    assert "未找到表头" in failed.value.render()


@pytest.mark.django_db
def test_a_bad_figure_is_named_at_the_files_own_cell(importer, tmp_path):
    first = month.write_flat_xlsx(tmp_path / "霁川-序号.xlsx")
    map_file(importer, first)
    rows = month.flat_rows()
    rows[4][5] = "五点一"  # 霁东区 (row 5), 固投同比% (column F)
    bad = month._save(tmp_path / "霁川-错数.xlsx", {"县区指标": rows})
    with pytest.raises(ImportFailed) as failed:
        import_files(importer, [bad], accept_new=True)
    places = {(p.sheet, p.row, p.column) for p in failed.value.problems}
    assert ("县区指标", 5, "F") in places
    assert not Observation.objects.exists()


@pytest.mark.django_db
def test_a_mapping_that_cannot_be_used_is_refused_by_field(importer, tmp_path):
    path = month.write_flat_xlsx(tmp_path / "霁川-序号.xlsx")
    twice = [*columns(), ColumnMap(20, "固定资产投资", "growth", "")]
    with pytest.raises(ValidationError) as refused:
        map_file(importer, path, columns=twice)
    assert "第U列与第F列都是“固定资产投资”的累计增速（%）" in str(refused.value)
    with pytest.raises(ValidationError) as refused:
        map_file(importer, path, columns=[ColumnMap(1, "固定资产投资", "value", "亿元")])
    assert "第B列是地区列，不能同时作为指标列" in str(refused.value)
    with pytest.raises(ValidationError) as refused:
        map_file(importer, path, columns=[ColumnMap(5, "固定资产投资", "growth", "亿元")])
    assert "第F列是累计增速（%），不填单位" in str(refused.value)
    with pytest.raises(ValidationError) as refused:
        map_file(importer, path, header_row=40)
    assert "第40行不在文件的前" in str(refused.value)
    assert not Layout.objects.exists()
    map_file(importer, path)
    with pytest.raises(ValidationError) as refused:
        map_file(importer, path, name="另一个名字")
    assert f"已有版式“{NAME}”与这一表头相同" in str(refused.value)


@pytest.mark.django_db
def test_saving_and_editing_a_layout_are_recorded(importer, tmp_path):
    path = month.write_flat_xlsx(tmp_path / "霁川-序号.xlsx")
    layout = map_file(importer, path)
    created = ChangeRecord.objects.get(object_type="ledger.Layout", object_id=layout.pk)
    assert created.action == ChangeRecord.Action.CREATE
    assert created.after["name"] == NAME and created.reason == "建立导入版式"
    # 社零's 累计 (column H) was said to be in 万元; the person corrects it to 元.
    edited = [c if c.column != 7 else ColumnMap(7, c.indicator, c.measure, "元") for c in columns()]
    save_layout(importer, name=NAME, grid=layout.sample, header_row=HEADER_ROW, region_column=1,
                columns=edited, layout=layout, expected_version=layout.version)  # fmt: skip
    update = ChangeRecord.objects.filter(object_type="ledger.Layout").latest("id")
    assert update.action == ChangeRecord.Action.UPDATE and update.reason == "修改导入版式"
    before_unit = {c["column"]: c["unit"] for c in update.before["columns"]}
    after_unit = {c["column"]: c["unit"] for c in update.after["columns"]}
    assert (before_unit[7], after_unit[7]) == ("万元", "元")


@pytest.mark.django_db
def test_the_change_log_names_a_layouts_columns_in_words(importer, tmp_path):
    from econdesk.audit.labels import changes_of

    layout = map_file(importer, month.write_flat_xlsx(tmp_path / "霁川-序号.xlsx"))
    record = ChangeRecord.objects.get(object_type="ledger.Layout", object_id=layout.pk)
    shown = {change.label: change.after for change in changes_of(record)}
    assert shown["版式名称"] == NAME
    assert shown["各列含义"].startswith("指标：规模以上工业增加值，列：C列，口径：累计增速（%）；")
    assert "指标：固定资产投资，单位：亿元，列：E列，口径：累计值（绝对值）" in shown["各列含义"]
    assert "value" not in shown["各列含义"] and "measure" not in shown["各列含义"]
