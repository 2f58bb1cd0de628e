"""Hypothesis fuzzing of every importer: the bulletin, tidy CSV/XLSX and targets files.

Property, for every generated file: the import either succeeds and reads back exactly what the
file holds, or raises ImportFailed with every problem located (file, and row unless the whole
file is unreadable) and the database exactly unchanged. Any other exception fails the test.

Each case runs in a savepoint that is rolled back, so cases do not see each other's writes.
Bounded for CI: MAX_EXAMPLES per importer, derandomize=True (the same cases on every run and
machine), no example database. The counts are printed (pytest -s) and documented in
docs/reliability.md, "Fuzzing of the importers".
"""

from __future__ import annotations

import copy
import csv
import io
import os
import unicodedata
from collections import Counter
from datetime import date, datetime
from decimal import Decimal, InvalidOperation

import openpyxl
import pytest
from django.db import transaction
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from econdesk.audit.models import ChangeRecord
from econdesk.ledger.importing import ImportFailed, import_files
from econdesk.ledger.importing.errors import column_letter
from econdesk.ledger.models import ImportBatch, Indicator, Observation, Period, Region, Target
from econdesk.ledger.periods import PeriodKey
from tests.conftest import SAMPLE_DISTRICTS
from tests.ledger.conftest import sample_rows

# CI: 60 cases per importer, the same ones every run. A longer, random campaign by hand:
# ECONDESK_FUZZ_EXAMPLES=2000 .venv/bin/python -m pytest tests/ledger/test_import_fuzz.py -s
LONG_RUN = int(os.environ.get("ECONDESK_FUZZ_EXAMPLES", "0"))
MAX_EXAMPLES = LONG_RUN or 60
FUZZ = settings(
    max_examples=MAX_EXAMPLES,
    deadline=None,
    derandomize=not LONG_RUN,
    database=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
BLANKS = {"", "—", "——", "-", "－", "–", "--"}


@pytest.fixture(autouse=True)
def _same_cases_in_any_run(monkeypatch):
    """derandomize=True fixes the seed, but Hypothesis also mixes in literals it finds in the
    project's modules loaded so far, which depends on what ran before. Without them every
    run, whole suite or this file alone, generates the same cases."""
    from hypothesis.internal.conjecture import providers

    if hasattr(providers, "_get_local_constants") and hasattr(providers, "Constants"):
        empty = providers.Constants()
        monkeypatch.setattr(providers, "_get_local_constants", lambda: empty)
        providers.CONSTANTS_CACHE.cache.clear()
        yield
        providers.CONSTANTS_CACHE.cache.clear()
    else:  # pragma: no cover - a later Hypothesis: cases may vary with what ran before
        yield


# Problems about a whole file or sheet, which have no row to point at.
WHOLE_FILE = (
    "文件是空的",
    "文件为UTF-16编码",
    "不是电子表格或CSV文本文件",
    "这是网页",
    "这是ZIP压缩包",
    "文件已损坏",
    "工作簿",
    "无法读取该Excel",
    "工作表内容已损坏",
    "文件中没有数据",
    "文件中没有目标数据",
    "未找到表头",
    "标题未写明",
)
INVALID = object()  # an oracle verdict: the importer must refuse this cell


# --- what the database holds ---------------------------------------------------------------


def counts() -> dict[str, int]:
    return {
        "observations": Observation.objects.count(),
        "batches": ImportBatch.objects.count(),
        "targets": Target.objects.count(),
        "regions": Region.objects.count(),
        "changes": ChangeRecord.objects.count(),
        "periods": Period.objects.count(),
    }


def current_figures() -> dict[tuple, tuple]:
    rows = Observation.objects.filter(is_current=True).values_list(
        "region__name", "indicator__code", "period__year", "period__month",
        "value", "growth", "rank",
    )  # fmt: skip
    out = {}
    for region, code, year, month, value, growth, rank in rows:
        out[(region, code, PeriodKey(year, month))] = (_n(value), _n(growth), rank)
    return out


def targets() -> dict[tuple, tuple]:
    rows = Target.objects.values_list(
        "region__name", "indicator__code", "period__year", "period__month", "level",
        "growth", "value", "rank_goal",
    )  # fmt: skip
    return {(r, c, PeriodKey(y, m), lv): (_n(g), _n(v), k) for r, c, y, m, lv, g, v, k in rows}


def _n(value):
    return None if value is None else Decimal(value).normalize()


class Outcomes:
    """Runs cases, checks the common part of the property, and counts what happened."""

    def __init__(self, name: str, user):
        self.name, self.user = name, user
        self.tally: Counter = Counter()

    def run(self, files: list) -> tuple[object, dict]:
        """(report or ImportFailed, what it left in the database) — always rolled back."""
        before = counts()
        with transaction.atomic():
            try:
                # The data checks are tested in test_import_checks; here they run (so a crash
                # in them would show) and their findings are confirmed.
                result = import_files(self.user, files, explanation="模糊测试")
                state = {"figures": current_figures(), "targets": targets()}
                # Importing the same files again changes nothing (no duplicate versions).
                again = import_files(
                    self.user, [_rewound(f) for f in files], explanation="模糊测试"
                )
                assert not again.changed, again.render()
                self.tally["imported"] += 1
            except ImportFailed as failed:
                result, state = failed, {}
                self.tally["refused"] += 1
            transaction.set_rollback(True)
        if isinstance(result, ImportFailed):
            assert counts() == before, "a refused import changed the database"
            assert result.problems
            for p in result.problems:
                assert p.file, p
                assert p.row is not None or p.message.startswith(WHOLE_FILE), str(p)
        else:
            dupes = (
                Observation.objects.filter(is_current=True)
                .values("region", "indicator", "period", "kind")
                .annotate(n=__import__("django.db.models", fromlist=["Count"]).Count("id"))
                .filter(n__gt=1)
            )
            assert not dupes.exists()
        return result, state

    def report(self) -> None:
        total = sum(self.tally.values())
        print(
            f"\nfuzz {self.name}: {total} cases "
            f"({self.tally['imported']} imported, {self.tally['refused']} refused)"
        )
        assert total >= MAX_EXAMPLES // 2, self.tally


def _rewound(f):
    f.seek(0)
    return f


def named(data: bytes, name: str):
    f = io.BytesIO(data)
    f.name = name
    return f


def xlsx_bytes(rows: list[list], merges=(), title="Sheet1") -> bytes:
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = title
    for row in rows:
        ws.append(list(row))
    for cell_range in merges:
        ws.merge_cells(cell_range)
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


def csv_bytes(rows: list[list], encoding: str, delimiter: str = ",") -> bytes:
    out = io.StringIO()
    writer = csv.writer(out, delimiter=delimiter, lineterminator="\r\n")
    for row in rows:
        writer.writerow(["" if v is None else v for v in row])
    return out.getvalue().encode(encoding)


# --- cells: what a person, a macro or a broken export may put in a number column -------------

TEXT = st.text(
    alphabet=st.characters(blacklist_categories=("Cc", "Cs", "Cn")), min_size=1, max_size=10
)
NUMBERS = st.one_of(
    st.integers(-(10**6), 10**6),
    st.floats(-1e6, 1e6, allow_nan=False, allow_infinity=False).map(lambda x: round(x, 3)),
    st.decimals(-(10**5), 10**5, places=5, allow_nan=False, allow_infinity=False).map(str),
    st.sampled_from(["８．２", " 8.2 ", "1,234.5", "5%", "+3", "1e3", "-0", "3.0"]),
)
HUGE = st.one_of(
    st.sampled_from([1e30, -1e300, 10**40, "9" * 40, 1e17, 12345678.9, 99999999.99995, 32768]),
    # Long decimals: 25 integer digits and 7 decimals overflow a 28-digit context when rounded.
    st.integers(10**20, 10**26).map(lambda n: f"{n}.1234567"),
)
CELLS = st.one_of(
    NUMBERS,
    NUMBERS,
    st.sampled_from([None, "", "—", "-", "——", " ", "－"]),
    st.sampled_from(
        ["八点二", "n/a", "abc", "#DIV/0!", "1.2.3", "∞", "NaN", "inf", "1e400", "--5"]
    ),
    st.sampled_from(["第3位", "并列2", "第0名", "3位"]),
    HUGE,
    st.sampled_from(["=1+1", "=B6*2", "=SUM(B5:B13)", "@SUM(A1)", "+1", "-1", "="]),
    TEXT,
    st.datetimes(datetime(2000, 1, 1), datetime(2030, 1, 1)),
    st.booleans(),
)
# Cells a correct file holds: numbers and the blanks a bulletin uses.
CLEAN_CELLS = st.one_of(NUMBERS, st.sampled_from([None, "", "—", "-"]))


def oracle_decimal(raw, places: int, max_digits: int):
    """What the importer must make of a number cell: a Decimal, None (blank) or INVALID."""
    if raw is None:
        return None
    if isinstance(raw, bool | datetime | date):
        return INVALID
    if isinstance(raw, int):
        number = Decimal(raw)
    elif isinstance(raw, float):
        number = Decimal(repr(raw))
    else:
        text = unicodedata.normalize("NFKC", raw).strip()
        if text in BLANKS:
            return None
        if text.startswith("="):
            return INVALID  # a formula: never computed (text in CSV, uncalculated in xlsx)
        text = text.replace(",", "").replace(" ", "").removesuffix("%")
        try:
            number = Decimal(text)
        except InvalidOperation:
            return INVALID
    if not number.is_finite():
        return INVALID
    if number.adjusted() >= max_digits - places:
        return INVALID
    if number.as_tuple().exponent < -places:
        number = number.quantize(Decimal(1).scaleb(-places))
    if number.adjusted() >= max_digits - places:
        return INVALID
    return number.normalize()


def oracle_rank(raw):
    if isinstance(raw, str):
        text = unicodedata.normalize("NFKC", raw).strip()
        if text in BLANKS:
            return None
        text = text.removeprefix("第").removesuffix("位").removesuffix("名").strip()
        text = text.removeprefix("并列")
        raw = text if text else raw
    number = oracle_decimal(raw, 30, 60)
    if number is None or number is INVALID:
        return number
    if number != number.to_integral_value() or not 1 <= number <= 32767:
        return INVALID
    return int(number)


def as_written(raw, fmt: str):
    """A cell as the file format carries it (CSV holds text; xlsx holds strings and numbers)."""
    if fmt == "xlsx" or raw is None:
        if (
            fmt == "xlsx"
            and isinstance(raw, int)
            and not isinstance(raw, bool)
            and abs(raw) > 2**53
        ):
            return str(raw)  # Excel keeps 15 digits; a long integer travels as text
        return raw
    if isinstance(raw, bool):
        return str(raw)
    if isinstance(raw, datetime):
        return raw.isoformat(sep=" ")
    return str(raw)


# --- the city bulletin: the sample with cells, headers, rows and columns changed ------------

SAMPLE = sample_rows()
MERGES = ("A1:K1", "A2:K2", "A3:A4", "B3:C3", "D3:E3", "F3:H3", "I3:K3")
DATA_ROWS = list(range(4, 13))  # 0-based: 全市 then the eight districts (Excel rows 5-13)
ROLES = {  # column → (indicator code, role)
    1: ("industry_va", "growth"), 2: ("industry_va", "rank"), 3: ("fai", "growth"),
    4: ("fai", "rank"), 5: ("retail_sales", "value"), 6: ("retail_sales", "growth"),
    7: ("retail_sales", "rank"), 8: ("fiscal_revenue", "value"), 9: ("fiscal_revenue", "growth"),
    10: ("fiscal_revenue", "rank"),
}  # fmt: skip
FEB = PeriodKey(2022, 2)
FORMATS = st.sampled_from(["xlsx", "csv:utf-8", "csv:utf-8-sig", "csv:gb18030"])


def cell_verdict(raw, role):
    if role == "rank":
        return oracle_rank(raw)
    if role == "growth":
        return oracle_decimal(raw, 4, 12)
    return oracle_decimal(raw, 6, 24)


def bulletin_file(rows, fmt: str, merges=MERGES):
    if fmt == "xlsx":
        return named(xlsx_bytes(rows, merges, title="1-2月"), "bulletin.xlsx")
    return named(csv_bytes(rows, fmt.split(":")[1]), "bulletin.csv")


@st.composite
def bulletin_cell_cases(draw):
    fmt = draw(FORMATS)
    rows = copy.deepcopy(SAMPLE)
    clean = draw(st.booleans())
    changes = draw(
        st.lists(
            st.tuples(
                st.sampled_from(DATA_ROWS),
                st.integers(1 if clean else 0, 10),
                CLEAN_CELLS if clean else CELLS,
            ),
            max_size=6,
            unique_by=lambda t: (t[0], t[1]),
        )
    )
    for r, c, value in changes:
        if c == 0:
            value = draw(st.sampled_from(["东湖区", "", *SAMPLE_DISTRICTS, "全市", "西城区 "]))
        rows[r][c] = as_written(value, fmt)
    return fmt, rows


@pytest.mark.django_db
def test_fuzz_bulletin_cells(importer, sample_city):
    """Cells of the sample changed to anything: exact read-back, or every bad cell named."""
    city, members = sample_city
    outcomes = Outcomes("bulletin cells", importer)
    indicators = {i.code: i for i in Indicator.objects.all()}

    @FUZZ
    @given(bulletin_cell_cases())
    def case(params):
        fmt, rows = params
        expected, bad = {}, set()
        seen: set[str] = set()
        for r in DATA_ROWS:
            label = unicodedata.normalize("NFKC", str(rows[r][0] or "")).strip()
            cells = rows[r]
            if not label:
                if any(
                    c is not None and unicodedata.normalize("NFKC", str(c)).strip() not in BLANKS
                    for c in cells[1:]
                ):
                    bad.add((r + 1, "A"))
                continue
            region = city.name if label == "全市" else label
            if region not in members and region != city.name:
                bad.add((r + 1, "A"))
                continue
            if region in seen:
                bad.add((r + 1, "A"))
                continue
            seen.add(region)
            figures: dict[str, dict] = {}
            for c, (code, role) in ROLES.items():
                verdict = cell_verdict(cells[c], role)
                if verdict is INVALID:
                    bad.add((r + 1, column_letter(c)))
                figures.setdefault(code, {})[role] = verdict
            for code, f in figures.items():
                if INVALID in f.values():
                    continue
                triple = (f.get("value"), f.get("growth"), f.get("rank"))
                if any(v is not None for v in triple):
                    expected[(region, code, FEB)] = triple
        result, state = outcomes.run([bulletin_file(rows, fmt)])
        if bad:
            assert isinstance(result, ImportFailed), (bad, rows)
            where = {(p.row, p.column) for p in result.problems}
            assert where == bad, (result.render(), bad)
        else:
            assert not isinstance(result, ImportFailed), result.render()
            assert state["figures"] == expected
        assert set(indicators) >= {code for _, code, _ in expected}

    case()
    outcomes.report()


@st.composite
def bulletin_shape_cases(draw):
    """Headers swapped, rows and columns added, removed or repeated, title and units changed."""
    fmt = draw(FORMATS)
    rows = copy.deepcopy(SAMPLE)
    for _ in range(draw(st.integers(1, 4))):
        op = draw(
            st.sampled_from(
                ["swap_header", "swap_sub", "drop_row", "dup_row", "insert_row", "drop_col",
                 "add_col", "title", "units", "garbage_top", "cell"]
            )
        )  # fmt: skip
        width = max((len(r) for r in rows), default=0)
        if op in ("swap_header", "swap_sub") and width > 1 and len(rows) > 3:
            row = rows[2 if op == "swap_header" else 3]
            row.extend([None] * (width - len(row)))
            i, j = draw(st.integers(1, width - 1)), draw(st.integers(1, width - 1))
            row[i], row[j] = row[j], row[i]
        elif op == "drop_row" and len(rows) > 1:
            del rows[draw(st.integers(0, len(rows) - 1))]
        elif op == "dup_row":
            i = draw(st.integers(0, len(rows) - 1))
            rows.insert(i, list(rows[i]))
        elif op == "insert_row":
            i = draw(st.integers(0, len(rows)))
            rows.insert(i, [as_written(draw(CELLS), fmt) for _ in range(draw(st.integers(0, 12)))])
        elif op == "drop_col" and width:
            c = draw(st.integers(0, width - 1))
            for row in rows:
                if c < len(row):
                    del row[c]
        elif op == "add_col":
            c = draw(st.integers(0, width))
            for row in rows:
                row.insert(c, as_written(draw(CELLS), fmt))
        elif op == "title" and rows and rows[0]:
            rows[0][0] = draw(
                st.sampled_from(["示范市各区县主要经济指标", "", "2022年1-2月", TEXT])
            )
            if not isinstance(rows[0][0], str):
                rows[0][0] = draw(TEXT)
        elif op == "units" and len(rows) > 1 and rows[1]:
            rows[1][0] = draw(st.sampled_from(["单位：万元、%", "单位：亿元", "单位：公斤", None]))
        elif op == "garbage_top":
            rows.insert(0, [draw(TEXT)])
        elif op == "cell" and rows:
            r, c = draw(st.integers(0, len(rows) - 1)), draw(st.integers(0, width))
            row = rows[r]
            row.extend([None] * (c + 1 - len(row)))
            row[c] = as_written(draw(CELLS), fmt)
    return fmt, rows


@pytest.mark.django_db
def test_fuzz_bulletin_shapes(importer, sample_city):
    """Any shape: imported (and a re-import changes nothing) or refused with located problems."""
    outcomes = Outcomes("bulletin shapes", importer)

    @FUZZ
    @given(bulletin_shape_cases())
    def case(params):
        fmt, rows = params
        result, state = outcomes.run([bulletin_file(rows, fmt, merges=())])
        if not isinstance(result, ImportFailed):
            assert len(state["figures"]) == result.created

    case()
    outcomes.report()


# --- tidy files: region,indicator,period,value,growth[,rank][,unit] -----------------------------

INDICATOR_LABELS = {
    "社零": "retail_sales", "社会消费品零售总额": "retail_sales", "固投": "fai",
    "规上工业增加值": "industry_va", "GDP": "gdp", "一般公共预算收入": "fiscal_revenue",
    "不存在的指标": None, "": None,
}  # fmt: skip
PERIODS = {
    "2022-03": PeriodKey(2022, 3), "2022年1-3月": PeriodKey(2022, 3), "2022-1": PeriodKey(2022, 1),
    "2022-02": PeriodKey(2022, 2), "2022年1-6月": PeriodKey(2022, 6), "2022-06": PeriodKey(2022, 6),
    "2022-13": None,
    "bad": None, "": None,
}  # fmt: skip
UNITS = {"": 0, "亿元": 0, "万元": -4, "元": -8, "kg": None, "%": None}
CLEAN_INDICATORS = ["社零", "社会消费品零售总额", "规上工业增加值", "一般公共预算收入"]
CLEAN_PERIODS = ["2022-03", "2022-06"]
TIDY_REGIONS = [*SAMPLE_DISTRICTS, "东湖区", "", "全市"]


@st.composite
def tidy_cases(draw):
    fmt = draw(st.sampled_from(["xlsx", "csv:utf-8", "csv:utf-8-sig", "csv:gb18030"]))
    if draw(st.integers(0, 9)) == 0:
        fmt = "csv:utf-16"  # Excel's "Unicode text": refused, naming the encoding
    columns = ["region", "indicator", "period", "value", "growth"]
    columns += draw(st.sampled_from([[], ["rank"], ["unit"], ["rank", "unit"]]))
    columns = draw(st.permutations(columns))
    header = list(columns)
    if draw(st.integers(0, 9)) == 0:
        header[draw(st.integers(0, len(header) - 1))] = draw(
            st.sampled_from(["regoin", "值值", ""])
        )
    rows = []
    clean = draw(st.booleans())  # half the files are correct, so imports are exercised too
    cells = CLEAN_CELLS if clean else CELLS
    used: set = set()
    for _ in range(draw(st.integers(0 if not clean else 1, 8))):
        values = {
            "region": draw(st.sampled_from(SAMPLE_DISTRICTS if clean else TIDY_REGIONS)),
            "indicator": draw(
                st.sampled_from(CLEAN_INDICATORS if clean else list(INDICATOR_LABELS))
            ),
            "period": draw(st.sampled_from(CLEAN_PERIODS if clean else list(PERIODS))),
            "value": draw(cells),
            "growth": draw(cells),
            "rank": draw(st.integers(1, 99) if clean else CELLS),
            "unit": draw(st.sampled_from(["", "亿元", "万元"] if clean else list(UNITS))),
        }
        if clean:
            key = (values["region"], INDICATOR_LABELS[values["indicator"]], values["period"])
            if key in used:
                continue
            used.add(key)
        if fmt == "xlsx" and values["period"] == "2022-03" and draw(st.booleans()):
            values["period"] = datetime(2022, 3, 1)  # Excel turned 2022-03 into a date
        rows.append({k: as_written(v, fmt) for k, v in values.items()})
    delimiter = draw(st.sampled_from([",", "\t"]))
    return fmt, columns, header, rows, delimiter


def tidy_oracle(columns, header, rows, members, city, indicators):
    """(expected figures or None if the file must be refused, rows that may be reported)."""
    if any(h not in ("", c) for h, c in zip(header, columns, strict=True)):
        return None, {1}  # an unknown column name
    # A blank header cell leaves its column out.
    columns = [c for h, c in zip(header, columns, strict=True) if h]
    if not {"region", "indicator", "period"} <= set(columns) or not {"value", "growth"} & set(
        columns
    ):
        return None, {1}
    if not rows:
        return None, {1}  # 只有表头，没有数据行 (at the header)
    bad, expected, seen = set(), {}, set()
    # The first district named decides the group (total rows before it wait for it).
    first = next((r["region"] for r in rows if str(r["region"]).strip() not in ("", "全市")), None)
    group_ok = first in members
    for number, row in enumerate(rows, start=2):
        ok = True
        name = str(row["region"]).strip()
        if not group_ok or not name or (name not in members and name != "全市"):
            ok = False
        code = INDICATOR_LABELS.get(row["indicator"])
        raw_period = row["period"]
        key = (
            PeriodKey(raw_period.year, raw_period.month)
            if isinstance(raw_period, datetime)
            else PERIODS.get(raw_period)
        )
        if code is None or key is None or not indicators[code].has_period(key.month):
            ok = False
        figures = [
            oracle_decimal(row["value"], 6, 24) if "value" in columns else None,
            oracle_decimal(row["growth"], 4, 12) if "growth" in columns else None,
            oracle_rank(row["rank"]) if "rank" in columns else None,
        ]
        if INVALID in figures:
            ok = False
        shift = UNITS[row["unit"]] if "unit" in columns else 0
        if ok and figures[0] is not None:
            if shift is None:
                ok = False
            elif shift:
                figures[0] = oracle_decimal(str(figures[0].scaleb(shift)), 6, 24)
        region = city.name if name == "全市" else name
        cell = (region, code, key)
        if ok and cell in seen:
            ok = False
        if ok:
            seen.add(cell)
            if any(f is not None for f in figures):
                expected[cell] = tuple(figures)
        else:
            bad.add(number)
    return (None if bad else expected), bad


@pytest.mark.django_db
def test_fuzz_tidy_files(importer, sample_city):
    city, members = sample_city
    indicators = {i.code: i for i in Indicator.objects.all()}
    outcomes = Outcomes("tidy", importer)

    @FUZZ
    @given(tidy_cases())
    def case(params):
        fmt, columns, header, rows, delimiter = params
        table = [header] + [[r[c] for c in columns] for r in rows]
        if fmt == "xlsx":
            data = named(xlsx_bytes(table), "tidy.xlsx")
        else:
            data = named(csv_bytes(table, fmt.split(":")[1], delimiter), "tidy.csv")
        result, state = outcomes.run([data])
        if fmt == "csv:utf-16":
            assert isinstance(result, ImportFailed)
            assert "文件为UTF-16编码" in result.problems[0].message
            return
        expected, bad = tidy_oracle(columns, header, rows, members, city, indicators)
        if expected is None:
            assert isinstance(result, ImportFailed), (table, bad)
            reported = {p.row for p in result.problems if p.row is not None}
            assert reported <= bad, (result.render(), bad)
        else:
            assert not isinstance(result, ImportFailed), (result.render(), table)
            assert state["figures"] == expected

    case()
    outcomes.report()


# --- targets: region,indicator,period,level,growth,value,rank_goal[,unit] -----------------------

LEVELS = {"市下达": "city", "区级": "district", "奋斗目标": "stretch", "city": "city", "bad": None}
TARGET_REGIONS = ["东城区", "西城区", "示范市", "东湖区", "", "全市"]


@st.composite
def target_cases(draw):
    fmt = draw(st.sampled_from(["xlsx", "csv:utf-8", "csv:gb18030"]))
    columns = ["region", "indicator", "period", "level"]
    columns += draw(
        st.lists(st.sampled_from(["growth", "value", "rank_goal", "unit"]), unique=True)
    )
    columns = draw(st.permutations(columns))
    rows = []
    clean = draw(st.booleans())
    if clean:
        columns = [*columns, *(c for c in ("growth", "value") if c not in columns)]
    cells = st.one_of(NUMBERS) if clean else CELLS
    used: set = set()
    for _ in range(draw(st.integers(1 if clean else 0, 6))):
        values = {
            "region": draw(st.sampled_from(TARGET_REGIONS[:3] if clean else TARGET_REGIONS)),
            "indicator": draw(
                st.sampled_from(CLEAN_INDICATORS if clean else list(INDICATOR_LABELS))
            ),
            "period": draw(st.sampled_from(CLEAN_PERIODS if clean else list(PERIODS))),
            "level": draw(st.sampled_from(list(LEVELS)[:4] if clean else list(LEVELS))),
            "growth": draw(cells),
            "value": draw(cells),
            "rank_goal": draw(st.integers(1, 9) if clean else CELLS),
            "unit": draw(st.sampled_from(["", "亿元", "万元"] if clean else list(UNITS))),
        }
        if clean:
            key = (values["region"], INDICATOR_LABELS[values["indicator"]], values["period"],
                   LEVELS[values["level"]])  # fmt: skip
            if key in used:
                continue
            used.add(key)
        rows.append({k: as_written(v, fmt) for k, v in values.items()})
    return fmt, columns, rows


def targets_oracle(columns, rows, indicators):
    if not rows:
        return None, set()
    bad, expected = set(), {}
    for number, row in enumerate(rows, start=2):
        ok = True
        region = str(row["region"]).strip()
        code = INDICATOR_LABELS.get(row["indicator"])
        key = PERIODS.get(row["period"])
        level = LEVELS.get(row["level"])
        if region not in ("东城区", "西城区", "示范市") or code is None or key is None or not level:
            ok = False
        elif not indicators[code].has_period(key.month):
            ok = False
        goals = {
            "growth": oracle_decimal(row["growth"], 4, 12) if "growth" in columns else None,
            "value": oracle_decimal(row["value"], 30, 60) if "value" in columns else None,
            "rank_goal": oracle_rank(row["rank_goal"]) if "rank_goal" in columns else None,
        }
        if INVALID in goals.values():
            ok = False
        elif goals["value"] is not None and code is not None:
            shift = UNITS[row["unit"]] if "unit" in columns else 0
            if shift is None:
                ok = False
            else:
                goals["value"] = oracle_decimal(str(goals["value"].scaleb(shift)), 6, 24)
                ok = ok and goals["value"] is not INVALID
        if ok and all(v is None for v in goals.values()):
            ok = False
        cell = (region, code, key, level)
        if ok and cell in expected:
            ok = False
        if ok:
            expected[cell] = (goals["growth"], goals["value"], goals["rank_goal"])
        else:
            bad.add(number)
    return (None if bad else expected), bad


@pytest.mark.django_db
def test_fuzz_targets_files(importer, sample_city):
    indicators = {i.code: i for i in Indicator.objects.all()}
    outcomes = Outcomes("targets", importer)

    @FUZZ
    @given(target_cases())
    def case(params):
        fmt, columns, rows = params
        table = [list(columns)] + [[r[c] for c in columns] for r in rows]
        if fmt == "xlsx":
            data = named(xlsx_bytes(table), "targets.xlsx")
        else:
            data = named(csv_bytes(table, fmt.split(":")[1]), "targets.csv")
        result, state = outcomes.run([data])
        expected, bad = targets_oracle(columns, rows, indicators)
        if expected is None:
            assert isinstance(result, ImportFailed), (table, bad)
            reported = {p.row for p in result.problems if p.row is not None}
            assert reported <= bad, (result.render(), bad)
        else:
            assert not isinstance(result, ImportFailed), (result.render(), table)
            assert state["targets"] == expected

    case()
    outcomes.report()


# --- raw bytes: whatever arrives named .csv or .xlsx ---------------------------------------


@pytest.mark.django_db
def test_fuzz_raw_bytes(importer, sample_city):
    """Random bytes, truncated workbooks and mangled ZIPs: refused with a reason, never a crash."""
    good = xlsx_bytes(SAMPLE, MERGES, title="1-2月")
    outcomes = Outcomes("raw bytes", importer)

    @FUZZ
    @given(
        st.one_of(
            st.binary(max_size=2048),
            st.integers(0, len(good)).map(lambda n: good[:n]),
            st.tuples(st.integers(0, len(good) - 1), st.binary(min_size=1, max_size=64)).map(
                lambda t: good[: t[0]] + t[1] + good[t[0] + len(t[1]) :]
            ),
        ),
        st.sampled_from(["upload.csv", "upload.xlsx", "upload.xls"]),
    )
    def case(data, name):
        outcomes.run([named(data, name)])

    case()
    outcomes.report()
