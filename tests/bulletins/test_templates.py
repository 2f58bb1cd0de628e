"""Users download the Word template, restyle it and upload it back; broken ones are refused."""

import io
import zipfile

import pytest
from django.core.exceptions import PermissionDenied
from docx import Document
from docx.shared import Pt

from econdesk.bulletins import services
from econdesk.bulletins.docx import TemplateRejected, default_template, validate_template
from econdesk.bulletins.models import BulletinTemplate
from econdesk.ledger.periods import PeriodKey
from tests.bulletins.helpers import docx_document, docx_paragraphs


def edited(change) -> bytes:
    doc = Document(io.BytesIO(default_template("monthly")))
    change(doc)
    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()


def restyle(doc):
    doc.styles["公文正文"].font.size = Pt(15)
    doc.paragraphs[1].runs[0].text = "{{ subtitle }}（内部资料）"


def test_every_tag_of_the_default_templates_sits_in_one_run():
    for kind in ("monthly", "meeting"):
        doc = Document(io.BytesIO(default_template(kind)))
        texts = [p.text for p in doc.paragraphs]
        texts += [c.text for t in doc.tables for r in t.rows for c in r.cells]
        tags = [t for t in texts if "{" in t]
        assert tags
        runs = [r.text for p in doc.paragraphs for r in p.runs]
        runs += [r.text for t in doc.tables for row in t.rows for c in row.cells
                 for p in c.paragraphs for r in p.runs]  # fmt: skip
        for tag in tags:
            assert tag in runs, tag
        validate_template(default_template(kind), kind)


def test_it_uses_an_uploaded_restyled_template(sample_feb, people):
    content = edited(restyle)
    template = services.upload_template(people["reviewer"], "monthly", "我的模板.docx", content)
    assert template.is_active
    assert services.active_template("monthly")[0] == content
    out, _, _ = services.generate(people["leader"], sample_feb["东城区"], PeriodKey(2022, 2),
                                  "monthly", "docx")  # fmt: skip
    assert docx_paragraphs(out)[1] == "（2022年1-2月）（内部资料）"
    assert docx_document(out).styles["公文正文"].font.size == Pt(15)
    services.reset_template(people["reviewer"], "monthly")
    assert services.active_template("monthly")[0] == default_template("monthly")


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"not a word file", "上传的文件不是 Word 文档（.docx）"),
        (edited(lambda d: d.add_paragraph("{{ titel }}")), "模板使用了平台不提供的字段：titel"),
        (edited(lambda d: d.add_paragraph("{%p for s in sections %}")), "模板中的标记有误"),
        (edited(lambda d: d.add_paragraph("{{ title.__class__.__mro__ }}")), "不允许的表达式"),
    ],
)
def test_it_refuses_a_broken_template_in_chinese(people, content, message):
    with pytest.raises(TemplateRejected, match=message):
        services.upload_template(people["admin"], "monthly", "坏模板.docx", content)
    assert not BulletinTemplate.objects.exists()


def test_it_refuses_a_template_without_fields(people):
    def clear(doc):
        body = doc.element.body
        for p in list(doc.paragraphs):
            body.remove(p._p)
        for t in list(doc.tables):
            body.remove(t._tbl)
        doc.add_paragraph("没有字段")

    with pytest.raises(TemplateRejected, match="没有任何数据字段"):
        services.upload_template(people["admin"], "monthly", "空.docx", edited(clear))


def test_only_admins_and_reviewers_change_templates(people):
    with pytest.raises(PermissionDenied):
        services.upload_template(people["leader"], "monthly", "x.docx", default_template("monthly"))


def test_it_refuses_a_template_that_unpacks_to_too_much(people):
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("word/media/huge.bin", b"\0" * (101 * 1024 * 1024))
    with pytest.raises(TemplateRejected, match="解压后过大"):
        services.upload_template(people["admin"], "monthly", "炸弹.docx", out.getvalue())
