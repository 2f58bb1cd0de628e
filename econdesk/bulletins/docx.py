"""Fill the editable Word template (docxtpl) with a document, and check uploaded templates.

Templates are rendered in Jinja's sandbox with autoescape (a template is user content: it must
not reach Python internals, and "<" or "&" in a name must not break the XML) and with
StrictUndefined, so a misspelt field is refused at upload rather than printed blank.
"""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

from docx import Document
from docx.opc.exceptions import PackageNotFoundError
from docx.shared import Mm
from docxtpl import DocxTemplate, InlineImage
from jinja2 import StrictUndefined, TemplateError, TemplateSyntaxError, UndefinedError
from jinja2.sandbox import SandboxedEnvironment, SecurityError

from econdesk.bulletins import charts
from econdesk.bulletins.narrative import Sentence

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


def _environment() -> SandboxedEnvironment:
    return SandboxedEnvironment(undefined=StrictUndefined, autoescape=True)


def context_for(tpl: DocxTemplate, document: dict) -> dict:
    """The template's fields: texts only (sentences as strings), the chart as an image."""
    chart = None
    if document.get("chart"):
        png = charts.growth_chart(document["chart"], width_mm=CHART_WIDTH_MM)
        chart = InlineImage(tpl, io.BytesIO(png), width=Mm(CHART_WIDTH_MM))
    return {
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


def render_docx(document: dict, template: bytes) -> bytes:
    """The .docx of ``document`` filled into ``template`` (bytes of a .docx)."""
    tpl = DocxTemplate(io.BytesIO(template))
    tpl.render(context_for(tpl, document), _environment(), autoescape=True)
    out = io.BytesIO()
    tpl.save(out)
    return out.getvalue()


def demo_document(kind: str) -> dict:
    """A small document with every field and heading level, to try a template on."""
    s = Sentence
    rows = [
        {"name": "规模以上工业增加值", "unit": "亿元", "value": "—", "growth": "8.2",
         "total_growth": "7.1", "difference": "1.1", "rank": "3/8", "change": "前移1位"},
        {"name": "固定资产投资", "unit": "亿元", "value": "—", "growth": "-6.0",
         "total_growth": "5.6", "difference": "-11.6", "rank": "7/8", "change": "—"},
    ]  # fmt: skip
    return {
        "kind": kind,
        "title": "示范区经济运行情况通报" if kind == "monthly" else "示范区经济运行分析会",
        "subtitle": "（2022年1-2月）" if kind == "monthly" else "会议材料",
        "issuer": "示范区经济运行调度平台",
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
        raise TemplateRejected("模板含有不允许的表达式，已拒绝。") from exc
    except UndefinedError as exc:
        raise TemplateRejected(f"模板引用了不存在的内容：{exc.message}。") from exc
    except TemplateSyntaxError as exc:
        raise TemplateRejected(f"模板中的标记有误（{exc.message}）。") from exc
    except TemplateError as exc:
        raise TemplateRejected(f"模板无法生成文档：{exc}。") from exc
    except (ValueError, KeyError, TypeError, AttributeError) as exc:
        raise TemplateRejected(f"模板无法生成有效的 Word 文档：{exc}。") from exc
    return rendered
