"""Change records as people read them: every history view (变更记录, one object's 变更历史)
words a record through this module.

A record stores field values by attname (``lead_department_id``) as JSON. Here each becomes a
line "牵头单位：统计局 → 发改局": the label from the model field's verbose_name, choices by
their display label, booleans 是/否, decimals without database zeros ("945.000000" → "945"),
foreign keys and many-to-many by the related objects' names (looked up in bulk for a page of
records), indicator codes by the indicator's name, a task's 来源标识 as a sentence. A record
is headed by the model's Chinese name and the object's own label, and an update by what it
changed: "督办事项 督〔2026〕8号：状态 待办→办理中".

What stays as typed: codes people chose themselves (an indicator's 代码, a login name, a file
digest). Those are marked ``is_code`` so the page sets them apart as codes (``translate="no"``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

from django.apps import apps
from django.db import models
from django.utils import timezone
from django.utils.dateparse import parse_datetime

from econdesk.audit.models import ChangeRecord
from econdesk.audit.services import SECRET_FIELDS
from econdesk.ledger.checks import CHECK_LABELS
from econdesk.ledger.importing.errors import column_letter
from econdesk.ledger.importing.mapped import MEASURES

DASH = "—"
LONG_LIST = 20
SUMMARY_FIELDS = 3  # changes named in an update's one-line summary

# Where a record came from (ChangeRecord.source).
SOURCES = {"web": "网页", "api": "接口", "cli": "命令行", "system": "系统"}

# Keys and values inside JSON fields (a task's 来源数据 and 节点, a warning's figures) as a
# reader names them; what is not listed shows as it is stored.
JSON_KEYS = {
    "indicator": "指标", "period": "期别", "unit": "单位", "value": "累计值", "growth": "增速",
    "total_growth": "全市增速", "rank": "位次", "value_rank": "总量位次", "month_value": "当月值",
    "month_growth": "当月增速", "rank_of": "参与排位", "color": "颜色",
    "reasons": "原因", "kind": "类别", "subject": "对象", "subject_id": "对象编号",
    "title": "内容", "due": "日期", "done_on": "完成日期", "days": "天数", "procedure": "手续",
    "completed": "完成投资", "planned": "计划投资", "name": "名称", "points": "分值",
    "first": "起", "last": "止", "region": "地区", "target": "目标", "gap": "差距",
    "weight": "权重", "score": "得分", "note": "备注",
    # a data check's finding (econdesk/ledger/checks.py), kept with an import or an estimate
    "findings": "校验提示", "check": "校验", "label": "校验项", "field": "数据项",
    "where": "位置", "message": "提示", "explanation": "说明", "sheet": "工作表",
    "row": "行", "column": "列",
    # a saved layout's columns (importing.mapped): which column holds what
    "measure": "口径",
}  # fmt: skip
# Codes inside a finding: which check, which figure.
FINDING_WORDS = {
    "check": CHECK_LABELS,
    "field": {"value": "累计值", "growth": "增速", "month_value": "当月值",
              "month_growth": "当月增速"},
    "measure": {key: label for key, (_, label) in MEASURES.items()},
}  # fmt: skip
JSON_VALUES = {
    "red": "红灯", "yellow": "黄灯", "green": "绿灯",
    "start_overdue": "逾期未开工", "investment_behind": "投资滞后",
    "procedure_overdue": "手续逾期", "deal_not_registered": "签约未注册",
    "not_enrolled": "开工未入库", "project": "重点项目", "deal": "招商项目",
}  # fmt: skip
# Stored keys that are no field of the model: what an import or a command recorded.
EXTRA_KEYS = {
    "file": "文件", "sha256": "文件摘要", "created": "新增条数", "revised": "修正的数据",
    "revised_not_listed": "另有修正（未逐条列出）", "unchanged": "未变条数",
    "rows": "行数", "count": "条数", "skipped": "跳过条数", "command": "命令",
}  # fmt: skip
# Fields written as plain text whose values are words in code (no choices on the model).
FIELD_VALUES = {"color": {"red": "红灯", "yellow": "黄灯", "green": "绿灯", "": DASH}}
# Values people typed as codes: shown as they are, marked as codes.
CODE_FIELDS = frozenset({"code", "username", "sha256", "credit_code", "token_key", "hash"})
# A scheme's rank bands, [[first, last, points], …], and how a rank is counted in each.
BANDS = {"rank_bands": "", "bottom_bands": "倒数"}
DECIMAL_TEXT = re.compile(r"^-?\d+\.\d+$")
PERIOD_TEXT = re.compile(r"^(\d{4})-(\d{2})$")
# An object_repr written by older code from the model's label: "supervision.SupervisedTask #15".
CODE_REPR = re.compile(r"^([a-z_]+\.[A-Za-z]+) #(\S+)$")


@dataclass(frozen=True)
class Change:
    key: str
    label: str
    before: str
    after: str
    changed: bool
    is_code: bool = False


def model_of(object_type: str) -> type[models.Model] | None:
    try:
        return apps.get_model(object_type)
    except (LookupError, ValueError):
        return None


def type_label(object_type: str) -> str:
    """The model's Chinese name (督办事项); an unknown type keeps its stored name."""
    model = model_of(object_type)
    return str(model._meta.verbose_name) if model else object_type


def object_label(rec: ChangeRecord) -> str:
    """The object's own label as stored; an old "app.Model #15" becomes "督办事项第15号"."""
    match = CODE_REPR.match(rec.object_repr or "")
    if match:
        return f"{type_label(match.group(1))}第{match.group(2)}号"
    return rec.object_repr or f"第{rec.object_id}号"


def source_label(rec: ChangeRecord) -> str:
    return SOURCES.get(rec.source, "其他")


def where(rec: ChangeRecord) -> tuple[str, str]:
    """Where the change was made from, as (words, the account or address as a code)."""
    addr = rec.remote_addr or ""
    if addr.startswith("shell:"):
        return "服务器上的系统账户", addr.removeprefix("shell:")
    if addr:
        return "地址", addr
    return "", ""


def _field(model, key: str):
    if model is None:
        return None
    for field in model._meta.get_fields():
        if getattr(field, "attname", None) == key or field.name == key:
            return field
    if key.endswith("_ids"):  # older records named a many-to-many "cooperating_department_ids"
        return _field(model, key.removesuffix("_ids") + "s")
    return None


def field_label(model, key: str) -> str:
    field = _field(model, key)
    if field is None or not hasattr(field, "verbose_name"):
        return EXTRA_KEYS.get(key) or JSON_KEYS.get(key) or "其他字段"
    return str(field.verbose_name)


class Names:
    """Names of what records point to — objects of foreign keys and many-to-many, indicators
    and GDP sectors by code — fetched once per kind for many records."""

    def __init__(self):
        self._wanted: dict[type[models.Model], set] = {}
        self._names: dict[type[models.Model], dict] = {}
        self._codes: dict[str, dict[str, str]] | None = None

    def want(self, model, key: str, value) -> None:
        field = _field(model, key)
        if field is not None and field.many_to_one and value not in (None, ""):
            self._wanted.setdefault(field.related_model, set()).add(value)
        elif field is not None and field.many_to_many and isinstance(value, list):
            self._wanted.setdefault(field.related_model, set()).update(value)

    def name(self, related, value) -> str:
        if related not in self._names:
            ids = self._wanted.get(related, set())
            try:
                found = related._default_manager.in_bulk(list(ids)) if ids else {}
            except (ValueError, TypeError):
                found = {}
            self._names[related] = {str(pk): str(obj) for pk, obj in found.items()}
        return self._names[related].get(str(value), f"第{value}号（已不存在）")

    def subject(self, subject: str, pk) -> str | None:
        """The name of a warning's project or deal ("project", 23) — None when unknown."""
        model = {"project": "MajorProject", "deal": "InvestmentDeal"}.get(subject)
        if model is None:
            return None
        try:
            obj = apps.get_model("projects", model)._default_manager.filter(pk=pk).first()
        except (ValueError, TypeError):
            return None
        return str(obj) if obj is not None else None

    def coded(self, kind: str, code) -> str | None:
        """An indicator's or a GDP sector's name from its code (None when unknown)."""
        if self._codes is None:
            self._codes = {"indicator": {}, "sector": {}}
            from econdesk.ledger.gdp_defaults import DEFAULT_SECTORS
            from econdesk.ledger.models import GdpSector, Indicator

            self._codes["indicator"] = dict(Indicator.objects.values_list("code", "name"))
            self._codes["sector"] = {row[0]: row[1] for row in DEFAULT_SECTORS}
            self._codes["sector"].update(GdpSector.objects.values_list("code", "name"))
        return self._codes[kind].get(str(code))


def _is_code(model, key: str) -> bool:
    return key in CODE_FIELDS and model is not None and _field(model, key) is not None


def show(model, key: str, value, names: Names | None = None) -> str:
    """One stored value as text, the way the pages write it."""
    if key in SECRET_FIELDS:
        return "（已设置，已隐藏）" if value else DASH
    if value is None or value == "" or value == []:
        return DASH
    names = names or Names()
    field = _field(model, key)
    if field is not None:
        if field.many_to_one:
            return names.name(field.related_model, value)
        if field.many_to_many and isinstance(value, list):
            return "、".join(names.name(field.related_model, v) for v in value)
        if getattr(field, "flatchoices", None):
            labels = {str(k): str(v) for k, v in field.flatchoices}
            if str(value) in labels:
                return labels[str(value)]
        if key in FIELD_VALUES and str(value) in FIELD_VALUES[key]:
            return FIELD_VALUES[key][str(value)]
        if key == "gdp_sector":
            return names.coded("sector", value) or str(value)
        if key == "source_ref":
            return source_ref(str(value), names)
        if key in BANDS and isinstance(value, list):
            return bands(value, BANDS[key])
        if key == "indicator_codes" and isinstance(value, list):
            return "、".join(names.coded("indicator", c) or "已删除的指标" for c in value)
        if isinstance(field, models.BooleanField) or isinstance(value, bool):
            return "是" if value else "否"
        if isinstance(field, models.DecimalField):
            return plain_number(value)
        if isinstance(field, models.DateTimeField) and isinstance(value, str):
            moment = parse_datetime(value)
            if moment is not None:
                if timezone.is_aware(moment):
                    moment = timezone.localtime(moment)
                return moment.strftime("%Y-%m-%d %H:%M:%S")
        if isinstance(field, models.JSONField):
            return _json(value, names)
    if isinstance(value, bool):
        return "是" if value else "否"
    if isinstance(value, (list, dict)):
        return _json(value, names)
    if _is_code(model, key):
        return str(value)
    return _word(None, value, names)


def source_ref(ref: str, names: Names) -> str:
    """A task's 来源标识 as a sentence: "indicator:industry_va:2026-10" → "指标预警：规上工业增加值
    2026年1-10月"; "project:project:23:start_overdue" → "项目预警：重点项目第23号 逾期未开工"."""
    parts = ref.split(":")
    if parts[0] == "indicator" and len(parts) == 3:
        name = names.coded("indicator", parts[1]) or "已删除的指标"
        return f"指标预警：{name} {period_label(parts[2])}"
    if parts[0] == "project" and len(parts) == 4:
        _, subject, pk, kind = parts
        name = names.subject(subject, pk) or f"{JSON_VALUES.get(subject, '对象')}第{pk}号"
        return f"项目预警：{name} {JSON_VALUES.get(kind, '预警')}"
    return "其他来源" if re.search(r"[A-Za-z_]{2,}", ref) else ref


def bands(value: list, prefix: str) -> str:
    """A scheme's rank bands: [[1, 3, "5"], [4, 4, "3"]] → "第1-3名5分、第4名3分"."""
    parts = []
    for band in value:
        if not (isinstance(band, list) and len(band) == 3):
            return _json(value, Names())
        first, last, points = band
        ranks = f"{first}" if first == last else f"{first}-{last}"
        parts.append(f"{prefix}第{ranks}名{plain_number(points)}分")
    return "、".join(parts) or DASH


def period_label(code: str) -> str:
    """ "2026-10" → "2026年1-10月"; anything else as stored."""
    match = PERIOD_TEXT.match(str(code))
    if not match:
        return str(code)
    year, month = int(match.group(1)), int(match.group(2))
    if not 1 <= month <= 12:
        return str(code)
    return f"{year}年1月" if month == 1 else f"{year}年1-{month}月"


def plain_number(value) -> str:
    """A stored decimal as the pages write it: "945.000000" → "945", "6.5000" → "6.5"."""
    try:
        number = Decimal(str(value))
    except InvalidOperation:
        return str(value)
    if not number.is_finite():
        return str(value)
    return format(number.normalize(), "f")


def _word(key, value, names: Names) -> str:
    """A value inside a JSON field (or a field without choices) in words."""
    if value is None or value == "":
        return DASH
    if isinstance(value, bool):
        return "是" if value else "否"
    if key == "column" and isinstance(value, int):
        return f"{column_letter(value)}列"  # a layout's column, stored 0-based
    if isinstance(value, (int, float, Decimal)):
        return plain_number(value)
    text = str(value)
    if key in FINDING_WORDS:
        return FINDING_WORDS[key].get(text, text)
    if key == "indicator":
        return names.coded("indicator", text) or text
    if key == "period":
        return period_label(text)
    if DECIMAL_TEXT.match(text):
        return plain_number(text)
    return JSON_VALUES.get(text, text)


_KEY_ORDER = {key: i for i, key in enumerate(JSON_KEYS)}


def _reading_order(item) -> int:
    """Keys in the order a reader expects (指标, 期别, 单位, 累计值, …), whatever order the
    database kept: PostgreSQL's jsonb stores an object's keys shortest first."""
    return _KEY_ORDER.get(str(item[0]), len(_KEY_ORDER))


def _json(value, names: Names, key=None) -> str:
    if isinstance(value, dict):
        return (
            "，".join(
                f"{JSON_KEYS.get(str(k), EXTRA_KEYS.get(str(k), '其他'))}：{_json(v, names, k)}"
                for k, v in sorted(value.items(), key=_reading_order)
                if v != ""
            )
            or DASH
        )
    if isinstance(value, list):
        shown = value[:LONG_LIST]
        glue = "；" if any(isinstance(v, dict) for v in shown) else "、"
        text = glue.join(_json(v, names, key) for v in shown) or DASH
        if len(value) > LONG_LIST:
            text += f"……（共{len(value)}项）"
        return text
    return _word(key, value, names)


def _ordered_keys(model, keys: set[str]) -> list[str]:
    if model is None:
        return sorted(keys)
    order = {}
    for i, field in enumerate(model._meta.get_fields()):
        for name in {getattr(field, "attname", None), field.name} - {None}:
            order.setdefault(name, i)
    return sorted(keys, key=lambda k: (order.get(k, 10_000), k))


def changes_of(rec: ChangeRecord, names: Names | None = None) -> list[Change]:
    """Every stored field of a record, before → after (one side empty for a create / delete)."""
    names = names or Names()
    model = model_of(rec.object_type)
    before = rec.before if isinstance(rec.before, dict) else {}
    after = rec.after if isinstance(rec.after, dict) else {}
    out = []
    keys = set(before) | set(after)
    if model is not None:
        keys.discard(model._meta.pk.attname)  # the object's id: shown with the record already
    for key in _ordered_keys(model, keys):
        old, new = before.get(key), after.get(key)
        shown_after = show(model, key, new, names) if key in after else DASH
        if key in SECRET_FIELDS and key in before and key in after and old != new:
            shown_after = "（已修改）" if new else DASH
        out.append(
            Change(
                key=key,
                label=field_label(model, key),
                before=show(model, key, old, names) if key in before else DASH,
                after=shown_after,
                changed=rec.action == ChangeRecord.Action.UPDATE or old != new,
                is_code=_is_code(model, key),
            )
        )
    return out


def summary(rec: ChangeRecord, changes: list[Change]) -> str:
    """The record in one line: "督办事项 督〔2026〕8号：状态 待办→办理中"."""
    head = f"{type_label(rec.object_type)} {object_label(rec)}"
    if rec.action != ChangeRecord.Action.UPDATE:
        return f"{head}：{rec.get_action_display()}"
    moved = [c for c in changes if c.changed and c.before != c.after and c.key != "version"]
    if not moved:
        return f"{head}：无字段变化"
    said = "，".join(f"{c.label} {c.before}→{c.after}" for c in moved[:SUMMARY_FIELDS])
    if len(moved) > SUMMARY_FIELDS:
        said += f"等{len(moved)}项"
    return f"{head}：{said}"


def with_changes(records) -> list[tuple[ChangeRecord, list[Change]]]:
    """Records with their changes, names of referenced objects looked up in one query per model.
    Each record gets .type_label, .label, .source_label, .where, .where_code and .summary."""
    records = list(records)
    names = Names()
    for rec in records:
        model = model_of(rec.object_type)
        for side in (rec.before, rec.after):
            if isinstance(side, dict):
                for key, value in side.items():
                    names.want(model, key, value)
    out = []
    for rec in records:
        changes = changes_of(rec, names)
        rec.type_label = type_label(rec.object_type)
        rec.label = object_label(rec)
        rec.source_label = source_label(rec)
        rec.where, rec.where_code = where(rec)
        rec.summary = summary(rec, changes)
        out.append((rec, changes))
    return out
