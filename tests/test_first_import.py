"""The README's first import, run exactly as written on a new database (docs/samples/)."""

from __future__ import annotations

import re
import shlex
from io import StringIO

import pytest
from django.core.management import call_command

from econdesk.ledger.importing import ImportFailed, file_grid, import_files
from econdesk.ledger.importing.mapped import ColumnMap, guess
from econdesk.ledger.models import Observation, Region, Target
from econdesk.ledger.services.layouts import save_layout
from tests.conftest import REPO, SAMPLES


def first_import_commands() -> list[list[str]]:
    """The `econdesk …` lines of the code block under README's 第一次导入 heading."""
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    section = readme.split("## 第一次导入", 1)[1]
    block = re.search(r"```\n(.*?)```", section, re.S).group(1)
    commands = []
    for line in block.splitlines():
        words = shlex.split(line)
        assert words and words[0].endswith("econdesk"), line
        commands.append(words[1:])
    return commands


def test_the_readme_imports_files_that_ship_with_the_repository():
    commands = first_import_commands()
    imports = [c for c in commands if c[0] == "import"]
    assert imports and imports[0][1] == "docs/samples/city-bulletin-2022-02.xlsx"
    for command in imports:
        for word in command[1:]:
            if word.startswith("docs/"):
                assert (REPO / word).is_file(), word


@pytest.mark.django_db
def test_a_newcomer_runs_the_readme_first_import(monkeypatch):
    monkeypatch.chdir(REPO)
    out = StringIO()
    outputs = []
    for command in first_import_commands():
        out = StringIO()
        call_command(*command, stdout=out)
        outputs.append(out.getvalue())
    setup, bulletin, more, panel = outputs
    assert "指标目录共" in setup
    assert "新增36条" in bulletin and "新建地区：示范市、东城区" in bulletin
    assert "目标新增10条" in more and "新增18条" in more
    city = Region.objects.get(name="示范市")
    assert Region.objects.filter(parent=city).count() == 8
    assert Observation.objects.filter(is_current=True).count() == 36 + 18
    assert Target.objects.filter(region__name="东城区").count() == 10
    # The panel of 1-3月: 社消零 93.60亿元, 4.4% against the city's 4.6%, 4th of 8.
    line = next(x for x in panel.splitlines() if x.startswith("社消零"))
    assert re.split(r"\s+", line.strip())[:7] == [
        "社消零",
        "93.60亿元",
        "4.4",
        "4.6",
        "-0.2",
        "第4位/8",
        "持平",
    ]


@pytest.mark.django_db
def test_the_flat_sample_is_mapped_once_and_reads_as_the_wide_one(system_user, catalogue):
    """docs/samples/flat-bulletin-2022-02.xlsx: refused with the 映射版式 hint, then, mapped as
    its README says (财政 = 一般公共预算收入), the same figures as city-bulletin-2022-02.xlsx."""
    flat, wide = SAMPLES / "flat-bulletin-2022-02.xlsx", SAMPLES / "city-bulletin-2022-02.xlsx"
    with pytest.raises(ImportFailed) as failed:
        import_files(system_user, [flat], accept_new=True)
    assert "未找到表头" in failed.value.render()
    _, grid = file_grid(flat)
    guessed = guess(grid)
    assert (guessed["header_row"], guessed["region_column"]) == (3, 1)
    columns = []
    for column, found in sorted(guessed["columns"].items()):
        indicator = found.get("indicator") or ""
        if indicator == "财政":
            indicator = "一般公共预算收入"
        if found.get("measure") and indicator:
            columns.append(ColumnMap(column, indicator, found["measure"], found.get("unit", "")))
    assert len(columns) == 10
    save_layout(system_user, name="示范市月报（序号）", grid=grid, header_row=3, region_column=1,
                columns=columns, sample_file=flat.name)  # fmt: skip
    import_files(system_user, [flat], accept_new=True)
    first = {
        (o.region.name, o.indicator.code): (o.value, o.growth, o.rank)
        for o in Observation.objects.filter(is_current=True).select_related("region", "indicator")
    }
    import_files(system_user, [wide])
    second = {
        (o.region.name, o.indicator.code): (o.value, o.growth, o.rank)
        for o in Observation.objects.filter(is_current=True).select_related("region", "indicator")
    }
    assert len(first) == 36 and first == second
