"""Fill the editable Word template (docxtpl) with a document, and check uploaded templates.

Templates are rendered in a strict Jinja sandbox (econdesk.bulletins.sandbox: a template is user
content and reaches plain data only — texts, numbers, lists and dicts of those — never the live
DocxTemplate), with autoescape ("<" or "&" in a name must not break the XML) and with
StrictUndefined, so a misspelt field is refused at upload rather than printed blank. The chart
is an opaque marker in the context; :class:`SafeTemplate` puts the picture in its place after
Jinja has rendered each part.
"""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

from docx import Document
from docx.opc.exceptions import PackageNotFoundError
from docx.shared import Mm
from docxtpl import DocxTemplate, InlineImage
from jinja2 import TemplateError, TemplateSyntaxError, UndefinedError
from jinja2.sandbox import SecurityError

from econdesk.bulletins import charts
from econdesk.bulletins.narrative import Sentence
from econdesk.bulletins.sandbox import MAX_RANGE, ImageMarker, TemplateSandbox

DEFAULT_DIR = Path(__file__).resolve().parent / "templates_docx"
CHART_WIDTH_MM = 150
MAX_UNPACKED_BYTES = 100 * 1024 * 1024
FIELDS = {"title", "subtitle", "issuer", "issue_date", "sections", "chart", "table_title",
          "table", "total_label", "note"}  # fmt: skip


class TemplateRejected(ValueError):
    """An uploaded template that cannot be used; the message says why, in Chinese."""


def default_template(kind: str) -> bytes:
    """The default template shipped with econdesk (built by templates_docx/build_default.py)."""
    return (DEFAULT_DIR / f"{kind}.docx").read_bytes()


class SafeTemplate(DocxTemplate):
    """A DocxTemplate whose pictures are put in after Jinja ran: the context holds an
    :class:`ImageMarker` per picture, and each rendered part has the marker's token replaced
    by the picture's XML (added to that part by this trusted code, not by the template)."""

    def __init__(self, template, images: dict[str, bytes] | None = None) -> None:
        super().__init__(template)
        self.images = images or {}

    def render_xml_part(self, src_xml, part, context, jinja_env=None):
        xml = super().render_xml_part(src_xml, part, context, jinja_env)
        for token, png in self.images.items():
            if token in xml:
                picture = InlineImage(self, io.BytesIO(png), width=Mm(CHART_WIDTH_MM))
                xml = xml.replace(token, picture._insert_image())
        return xml


def _environment() -> TemplateSandbox:
    return TemplateSandbox()


def context_for(document: dict) -> tuple[dict, dict[str, bytes]]:
    """The template's fields — texts only (sentences as strings), the chart as a marker — and
    the pictures by marker token."""
    chart, images = None, {}
    if document.get("chart"):
        png = charts.growth_chart(document["chart"], width_mm=CHART_WIDTH_MM)
        chart = ImageMarker()
        images[chart.token] = png
    context = {
        "title": document["title"],
        "subtitle": document["subtitle"],
        "issuer": document["issuer"],
        "issue_date": document["issue_date"],
        "sections": [
            {
                "heading": sec["heading"],
                "level": sec["level"],
                "sentences": [str(s) for s in sec["sentences"]],
            }
            for sec in document["sections"]
        ],
        "chart": chart,
        "table_title": document["table_title"],
        "table": document["table"],
        "total_label": document["total_label"],
        "note": document["note"],
    }
    return context, images


def render_docx(document: dict, template: bytes) -> bytes:
    """The .docx of ``document`` filled into ``template`` (bytes of a .docx).

    Raises the template's Jinja error (SecurityError for what the sandbox refuses)."""
    context, images = context_for(document)
    tpl = SafeTemplate(io.BytesIO(template), images)
    try:
        tpl.render(context, _environment(), autoescape=True)
    except RecursionError as exc:
        raise SecurityError("template recursion too deep") from exc
    out = io.BytesIO()
    tpl.save(out)
    return out.getvalue()


def demo_document(kind: str) -> dict:
    """A small document with every field and heading level, to try a template on."""
    s = Sentence
    rows = [
        {"name": "规模以上工业增加值", "unit": "亿元", "value": "—", "growth": "8.2",
         "total_growth": "7.1", "difference": "1.1", "rank": "3/8", "change": "前移1位",
         "arrow": "↑1"},
        {"name": "固定资产投资", "unit": "亿元", "value": "—", "growth": "-6.0",
         "total_growth": "5.6", "difference": "-11.6", "rank": "7/8", "change": "—",
         "arrow": "—"},
    ]  # fmt: skip
    return {
        "kind": kind,
        "title": "示范区经济运行情况通报" if kind == "monthly" else "示范区经济运行分析会",
        "subtitle": "（2022年1-2月）" if kind == "monthly" else "会议材料",
        "issuer": "示范区发展和改革局",
        "issue_date": "2022年3月25日",
        "sections": [
            {
                "heading": "一、总体情况",
                "level": 1,
                "sentences": [
                    s("1-2月，全区规模以上工业增加值增长8.2%，增速高于全市（7.1%）1.1个百分点。")
                ],
            },
            {
                "heading": "（一）工业",
                "level": 2,
                "sentences": [s("全区固定资产投资下降6.0%，增速低于全市（5.6%）11.6个百分点。")],
            },
            {
                "heading": "1.目标任务",
                "level": 3,
                "sentences": [s("要完成市下达8.0%的目标，有4.76亿元缺口。")],
            },
        ],  # fmt: skip
        "table_title": "示范区2022年1-2月主要经济指标完成情况",
        "table": rows,
        "total_label": "全市",
        "chart": {
            "title": "主要指标增速与全市对比",
            "labels": ["规上工业增加值", "固定资产投资"],
            "own": ["8.2", "-6.0"],
            "total": ["7.1", "5.6"],
            "own_label": "示范区",
            "total_label": "全市",
        },
        "note": "注：示例数据。",
    }


def _unpacked_size(content: bytes) -> int:
    with zipfile.ZipFile(io.BytesIO(content)) as archive:
        return sum(info.file_size for info in archive.infolist())


WHY = {
    "unsafe": "访问了字段以外的对象或属性",
    "formatting": "不允许用 % 格式化文字",
    "recursive": "不允许递归循环",
    "include": "不允许引用其他模板",
    "calls": "调用次数过多",
    "range": f"range 超过{MAX_RANGE}项",
    "iterations": "循环次数过多",
    "string": "生成的文字过长",
    "repetition": "生成的文字过长",
    "output": "输出内容过多",
    "exponent": "数字过大",
    "number": "数字过大",
    "recursion": "嵌套或递归过深",
}


def _why(exc: Exception) -> str:
    text = str(exc)
    return next((why for key, why in WHY.items() if key in text), "不安全的用法")


def validate_template(content: bytes, kind: str) -> bytes:
    """Render ``content`` with the demo document; return the rendered file or refuse the
    template with a Chinese reason (TemplateRejected)."""
    if not zipfile.is_zipfile(io.BytesIO(content)):
        raise TemplateRejected(
            "上传的文件不是 Word 文档（.docx）。请在 Word 或 WPS 中另存为 .docx 后再上传。"
        )
    try:
        too_big = _unpacked_size(content) > MAX_UNPACKED_BYTES
    except zipfile.BadZipFile as exc:
        raise TemplateRejected(f"无法打开该 Word 文档：{exc}") from exc
    if too_big:  # a small upload that unpacks to gigabytes
        raise TemplateRejected("模板文件解压后过大，已拒绝。请删除模板中的大图片后再上传。")
    try:
        tpl = DocxTemplate(io.BytesIO(content))
        used = tpl.get_undeclared_template_variables(_environment())
    except SecurityError as exc:
        raise TemplateRejected(f"模板含有不允许的标记（{_why(exc)}），已拒绝。") from exc
    except (PackageNotFoundError, KeyError, zipfile.BadZipFile, ValueError) as exc:
        raise TemplateRejected(f"无法打开该 Word 文档：{exc}") from exc
    except TemplateSyntaxError as exc:
        raise TemplateRejected(
            f"模板中的标记有误（{exc.message}）。请检查 {{{{ }}}} 与 {{%p %}} 是否成对，"
            "且每个标记是一次性输入、中间没有改变格式。"
        ) from exc
    unknown = sorted(set(used) - FIELDS)
    if unknown:
        raise TemplateRejected(
            f"模板使用了平台不提供的字段：{'、'.join(unknown)}。可用字段：{'、'.join(sorted(FIELDS))}。"
        )
    if not used:
        raise TemplateRejected(
            "模板中没有任何数据字段（如 {{ title }}、{{ sections }}），无法生成通报。"
        )
    try:
        rendered = render_docx(demo_document(kind), content)
        Document(io.BytesIO(rendered))
    except SecurityError as exc:
        raise TemplateRejected(
            f"模板含有不允许的表达式（{_why(exc)}），已拒绝。模板只能使用平台提供的字段及其文字、数字。"
        ) from exc
    except UndefinedError as exc:
        raise TemplateRejected(f"模板引用了不存在的内容：{exc.message}。") from exc
    except TemplateSyntaxError as exc:
        raise TemplateRejected(f"模板中的标记有误（{exc.message}）。") from exc
    except TemplateError as exc:
        raise TemplateRejected(f"模板无法生成文档：{exc}。") from exc
    except (ValueError, KeyError, TypeError, AttributeError) as exc:
        raise TemplateRejected(f"模板无法生成有效的 Word 文档：{exc}。") from exc
    return rendered
