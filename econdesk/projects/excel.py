"""The project ledger (重大项目台账) in Excel: export, and all-or-nothing import.

Two sheets: 重大项目 (one row per project, amounts in 万元 as in docs/formats.md §5.A1) and 月度投资
(one row per project and month). Export writes every cell through econdesk.ledger.safe_excel:
text that starts with = + - @ (or tab / carriage return) stays text, so a name such as
"=HYPERLINK(…)" can never run as a formula. Import reads both sheets,
checks every cell and row first, and writes nothing unless all of them pass; each error names
the sheet, row and column in Chinese. Rows are matched by 编号, else by name in the region.
"""

from __future__ import annotations

import io
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal, InvalidOperation

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from openpyxl import Workbook, load_workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter

from econdesk.accounts import permissions
from econdesk.accounts.models import Department, Leader
from econdesk.ledger import safe_excel
from econdesk.ledger.importing.errors import FileRefused
from econdesk.ledger.importing.readers import refuse_unsafe_workbook
from econdesk.projects.models import (
    Enrolment,
    IndustryChain,
    MajorProject,
    ProjectMonth,
    SizeClass,
    Stage,
)
from econdesk.projects.services import MonthInput, StaleEdit, save_months
from econdesk.projects.services.base import STALE_PROJECT, write

PROJECT_SHEET, MONTH_SHEET = "重大项目", "月度投资"
EMPTY = ("", "—", "-", "/", "无")


@dataclass(frozen=True)
class Column:
    header: str
    field: str
    kind: str = "text"  # text, money, int, pct, date, month, choice, chain, dept, leader
    width: int = 14


CATEGORY = dict(MajorProject.Category.choices)
# fmt: off
PROJECT_COLUMNS = [
    Column("编号", "id", "int", 8), Column("项目名称", "name", "text", 32),
    Column("项目代码", "code"), Column("项目类别", "category", "choice", 10),
    Column("产业链", "industry_chain", "chain", 12), Column("建设内容及规模", "content", "text", 30),
    Column("业主单位", "owner", "text", 20), Column("总投资（万元）", "total_investment", "money"),
    Column("计划年度", "plan_year", "int", 9), Column("年度计划投资（万元）", "annual_plan", "money"),
    Column("开工至上年底累计完成投资（万元）", "completed_before_year", "money"),
    Column("阶段", "stage", "choice", 8), Column("计划开工", "planned_start", "date", 12),
    Column("实际开工", "actual_start", "date", 12), Column("计划竣工", "planned_completion", "date", 12),
    Column("实际竣工", "actual_completion", "date", 12), Column("分管区领导", "leader", "leader", 10),
    Column("牵头部门", "lead_department", "dept", 16), Column("入库状态", "enrolment", "choice", 10),
    Column("入库月份", "enrolment_month", "month", 10),
    Column("预计入库月份", "expected_enrolment_month", "month", 10),
    Column("按期入库把握（%）", "enrolment_probability", "pct", 10),
    Column("形象进度", "image_progress", "text", 24), Column("备注", "note", "text", 20),
    Column("版本", "version", "int", 6),
]
MONTH_COLUMNS = [
    Column("编号", "id", "int", 8), Column("项目名称", "name", "text", 32), Column("年", "year", "int", 8),
    Column("月", "month", "int", 6), Column("计划投资（万元）", "planned", "money"),
    Column("完成投资（万元）", "completed", "money"), Column("形象进度", "progress", "text", 30),
]
# fmt: on
EXPORT_ONLY = ["规模", "本年累计完成投资（万元）", "占年度计划（%）"]
CHOICES = {
    "category": MajorProject.Category,
    "stage": Stage,
    "enrolment": Enrolment,
}
HEADER_FILL = PatternFill("solid", fgColor="EEF1F4")


def _text_cell(cell, value) -> None:
    safe_excel.write(cell, value)


def _export_value(project, column: Column):
    value = getattr(project, column.field, None)
    if column.kind == "choice":
        return CHOICES[column.field](value).label if value else ""
    if column.kind in ("chain", "dept", "leader"):
        return str(value) if value is not None else ""
    if column.kind == "month":
        return f"{value.year}-{value.month:02d}" if value else ""
    return value


def _sheet(wb, title: str, caption: str, headers: list[str], widths: list[int]):
    ws = wb.create_sheet(title)
    safe_excel.write(ws.cell(1, 1), caption).font = Font(bold=True, size=14)
    for i, (header, width) in enumerate(zip(headers, widths, strict=True), start=1):
        cell = safe_excel.write(ws.cell(2, i), header)
        cell.font, cell.fill = Font(bold=True), HEADER_FILL
        cell.alignment = Alignment(wrap_text=True, vertical="center")
        ws.column_dimensions[get_column_letter(i)].width = width
    ws.freeze_panes = "C3"
    return ws


def export_ledger(projects, year: int, title: str) -> bytes:
    """The ledger of the given projects as an .xlsx file (bytes), monthly rows for `year`."""
    projects = list(projects.select_related("industry_chain", "lead_department", "leader"))
    months = ProjectMonth.objects.filter(project__in=projects).order_by(
        "project_id", "year", "month"
    )
    done: dict[int, Decimal] = {}
    for m in months:
        if m.year == year and m.completed is not None:
            done[m.project_id] = done.get(m.project_id, Decimal(0)) + m.completed
    wb = Workbook()
    wb.remove(wb.active)
    headers = [c.header for c in PROJECT_COLUMNS] + EXPORT_ONLY
    widths = [c.width for c in PROJECT_COLUMNS] + [10, 14, 12]
    ws = _sheet(wb, PROJECT_SHEET, f"{title}（{year}年，金额单位：万元）", headers, widths)
    for r, p in enumerate(projects, start=3):
        for c, column in enumerate(PROJECT_COLUMNS, start=1):
            _text_cell(ws.cell(r, c), _export_value(p, column))
        ytd = done.get(p.pk, Decimal(0))
        extra = [SizeClass(p.size_class).label, ytd]
        extra.append((ytd / p.annual_plan * 100).quantize(Decimal("0.1")) if p.annual_plan else "")
        for c, value in enumerate(extra, start=len(PROJECT_COLUMNS) + 1):
            _text_cell(ws.cell(r, c), value)
    ws = _sheet(wb, MONTH_SHEET, "月度投资（万元）", [c.header for c in MONTH_COLUMNS],
                [c.width for c in MONTH_COLUMNS])  # fmt: skip
    names = {p.pk: p.name for p in projects}
    for r, m in enumerate(months, start=3):
        values = [m.project_id, names[m.project_id], m.year, m.month, m.planned, m.completed,
                  m.progress]  # fmt: skip
        for c, value in enumerate(values, start=1):
            _text_cell(ws.cell(r, c), value)
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


class ImportRefused(Exception):
    """The file was refused; ``errors`` lists every problem found (nothing was written)."""

    def __init__(self, errors: list[str]):
        self.errors = errors
        super().__init__("；".join(errors[:5]))


@dataclass
class ImportResult:
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    months: int = 0


class _Reader:
    """Turns cells into values, collecting errors that name sheet, row and column."""

    def __init__(self, region):
        self.errors: list[str] = []
        self.region = region
        self.chains = {c.name: c for c in IndustryChain.objects.all()}
        self.depts = {}
        for d in Department.objects.all():
            self.depts[d.name] = self.depts[d.short_name or d.name] = d
        self.leaders = {}
        for leader in Leader.objects.all():
            self.leaders[leader.name] = self.leaders[str(leader)] = leader

    def error(self, sheet, row, header, text):
        where = f"工作表“{sheet}”第{row}行" + (f"“{header}”列" if header else "")
        self.errors.append(f"{where}：{text}")

    def value(self, sheet, row, column: Column, raw):
        if raw is None or (isinstance(raw, str) and raw.strip() in EMPTY):
            return None
        text = str(raw).strip()
        kind = column.kind
        try:
            if kind in ("money", "pct"):
                number = Decimal(text.replace(",", ""))
                if number < 0:
                    raise ValueError
                return number
            if kind == "int":
                return int(Decimal(text))
            if kind in ("date", "month"):
                return self._date(raw, text, kind)
        except (InvalidOperation, ValueError):
            want = {"money": "非负数字", "pct": "0-100的数字", "int": "整数",
                    "date": "日期（如2026-03-15）", "month": "月份（如2026-03）"}[kind]  # fmt: skip
            self.error(sheet, row, column.header, f"应为{want}，实为“{text}”。")
            return None
        if kind == "choice":
            choices = CHOICES[column.field]
            by_label = {label: value for value, label in choices.choices}
            if text not in by_label:
                self.error(sheet, row, column.header,
                           f"“{text}”不是可选值（{'、'.join(by_label)}）。")  # fmt: skip
            return by_label.get(text)
        lookups = {"chain": self.chains, "dept": self.depts, "leader": self.leaders}
        if kind in lookups:
            found = lookups[kind].get(text)
            if found is None:
                self.error(sheet, row, column.header, f"找不到“{text}”。")
            return found
        return text

    @staticmethod
    def _date(raw, text, kind):
        if isinstance(raw, datetime):
            return raw.date()
        if isinstance(raw, date):
            return raw
        clean = text.replace("年", "-").replace("月", "-").replace("日", "").replace("/", "-")
        clean = clean.replace(".", "-").strip("-")
        parts = [int(x) for x in clean.split("-")]
        if kind == "month" and len(parts) == 2:
            parts.append(1)
        if len(parts) != 3:
            raise ValueError(text)
        return date(*parts)


def _rows(ws, columns: list[Column]):
    """(row number, {field: raw}) for each non-empty data row; header = first row naming 项目名称."""
    rows = list(ws.iter_rows(values_only=True))
    header_at = next((i for i, r in enumerate(rows[:5]) if "项目名称" in (r or ())), None)
    if header_at is None:
        raise ImportRefused([f"工作表“{ws.title}”：前5行中找不到表头（应含“项目名称”列）。"])
    headers = [str(h).strip() if h is not None else "" for h in rows[header_at]]
    index = {c.field: headers.index(c.header) for c in columns if c.header in headers}
    for offset, values in enumerate(rows[header_at + 1 :], start=header_at + 2):
        if values is None or all(v is None or str(v).strip() == "" for v in values):
            continue
        yield offset, {f: (values[i] if i < len(values) else None) for f, i in index.items()}


PROJECT_FIELDS = [c for c in PROJECT_COLUMNS if c.field not in ("id", "version")]
FK_KINDS = ("chain", "dept", "leader")
FIELD_HEADERS = {c.field: c.header for c in PROJECT_COLUMNS}


def _read_projects(reader: _Reader, ws, user) -> list[tuple[int, MajorProject, int | None]]:
    out, seen = [], set()
    existing = {p.pk: p for p in MajorProject.objects.filter(region=reader.region)}
    by_name = {p.name: p for p in existing.values()}
    for row, raw in _rows(ws, PROJECT_COLUMNS):
        values = {c.field: reader.value(PROJECT_SHEET, row, c, raw.get(c.field))
                  for c in PROJECT_COLUMNS}  # fmt: skip
        pk, name = values.pop("id"), values.get("name")
        version = values.pop("version")
        project = existing.get(pk) if pk else by_name.get(name)
        if pk and project is None:
            reader.error(PROJECT_SHEET, row, "编号", f"本地区没有编号为{pk}的项目。")
            continue
        if name in seen:
            reader.error(PROJECT_SHEET, row, "项目名称", f"“{name}”在本表中重复。")
            continue
        seen.add(name)
        if project is not None and version is not None and version != project.version:
            reader.error(PROJECT_SHEET, row, None, STALE_PROJECT + "。")
            continue
        if project is not None and not permissions.can(user, "projects.import", project):
            reader.error(PROJECT_SHEET, row, None, permissions.refusal_message(
                user, "projects.import", project))  # fmt: skip
            continue
        project = project or MajorProject(region=reader.region)
        old = {c.field: getattr(project, f"{c.field}_id" if c.kind in FK_KINDS else c.field, None)
               for c in PROJECT_FIELDS}  # fmt: skip
        for column in PROJECT_FIELDS:
            if column.field in raw or project.pk is None:
                value = values[column.field]
                if value is None and column.kind == "text":
                    value = ""
                if value is None and column.field in ("annual_plan", "completed_before_year"):
                    value = Decimal(0)
                setattr(project, column.field, value)
        if not permissions.can(user, "projects.import", project):
            reader.error(PROJECT_SHEET, row, "牵头部门",
                         permissions.refusal_message(user, "projects.import", project))  # fmt: skip
            continue
        try:
            project.full_clean(validate_unique=False)
        except ValidationError as exc:
            for fld, messages in exc.message_dict.items():
                for message in messages:
                    reader.error(PROJECT_SHEET, row, FIELD_HEADERS.get(fld), message)
            continue
        new = {c.field: getattr(project, f"{c.field}_id" if c.kind in FK_KINDS else c.field, None)
               for c in PROJECT_FIELDS}  # fmt: skip
        out.append((row, project, version, project.pk is None or old != new))
    return out


def _read_months(reader: _Reader, ws, names: set[str], ids: dict[int, str]):
    entries: dict[tuple[str, int], list[MonthInput]] = {}
    seen = set()
    for row, raw in _rows(ws, MONTH_COLUMNS):
        v = {c.field: reader.value(MONTH_SHEET, row, c, raw.get(c.field)) for c in MONTH_COLUMNS}
        name = ids.get(v["id"]) if v["id"] else v["name"]
        if name not in names:
            reader.error(
                MONTH_SHEET, row, "项目名称", f"项目“{v['name'] or v['id']}”不在本地区台账中。"
            )
            continue
        if v["year"] is None or v["month"] is None or not 1 <= v["month"] <= 12:
            reader.error(MONTH_SHEET, row, "月", "须填写年份和1-12的月份。")
            continue
        if (name, v["year"], v["month"]) in seen:
            reader.error(MONTH_SHEET, row, "月", f"{v['year']}年{v['month']}月重复。")
            continue
        seen.add((name, v["year"], v["month"]))
        entry = MonthInput(v["month"], v["planned"], v["completed"], v["progress"] or "")
        entries.setdefault((name, v["year"]), []).append(entry)
    return entries


def import_ledger(user, region, data: bytes, file_name: str = "台账.xlsx") -> ImportResult:
    """Import a ledger file into a region: every row or none. Raises ImportRefused."""
    permissions.require(user, "projects.import")
    try:
        refuse_unsafe_workbook(data, file_name)
    except FileRefused as exc:
        raise ImportRefused([str(exc)]) from exc
    try:
        wb = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except Exception as exc:  # openpyxl raises many kinds for a file that is not xlsx
        raise ImportRefused([f"无法读取文件“{file_name}”：请上传 .xlsx 格式的台账。"]) from exc
    if PROJECT_SHEET not in wb.sheetnames:
        raise ImportRefused([f"文件中没有名为“{PROJECT_SHEET}”的工作表。"])
    reader = _Reader(region)
    projects = _read_projects(reader, wb[PROJECT_SHEET], user)
    existing = dict(MajorProject.objects.filter(region=region).values_list("id", "name"))
    names = set(existing.values()) | {p.name for _, p, _, _ in projects}
    months = {}
    if MONTH_SHEET in wb.sheetnames:
        months = _read_months(reader, wb[MONTH_SHEET], names, existing)
    if reader.errors:
        raise ImportRefused(reader.errors)
    result = ImportResult()
    reason = f"导入台账：{file_name}"
    try:
        with transaction.atomic():
            saved = {}
            for _row, project, version, changed in projects:
                if not changed:
                    result.unchanged += 1
                    saved[project.name] = project
                    continue
                result.created += project.pk is None
                result.updated += project.pk is not None
                saved[project.name] = write(user, project, expected_version=version, reason=reason)
            for (name, year), entries in months.items():
                project = saved.get(name) or MajorProject.objects.get(region=region, name=name)
                result.months += save_months(user, project, year, entries, reason=reason)
    except (ValidationError, PermissionDenied, StaleEdit) as exc:
        messages = exc.messages if isinstance(exc, ValidationError) else [str(exc)]
        raise ImportRefused([f"导入未完成，未写入任何数据：{m}" for m in messages]) from exc
    return result
