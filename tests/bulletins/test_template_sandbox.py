"""An uploaded Word template reaches plain data only (issue 11, item 1).

Each payload a reviewer could put into a template is uploaded through the real service; it is
refused with a Chinese reason, or renders harmlessly. Either way no server file is read into the
output (the generated .docx's parts hold neither the database nor /etc/passwd) and no file is
written outside the output.
"""

import io
import sqlite3
import zipfile

import pytest
from docx import Document

from econdesk.bulletins import services
from econdesk.bulletins.docx import TemplateRejected, default_template
from econdesk.bulletins.models import BulletinTemplate
from econdesk.ledger.periods import PeriodKey


def with_paragraph(text: str) -> bytes:
    doc = Document(io.BytesIO(default_template("monthly")))
    doc.add_paragraph(text)
    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()


SECRET = "api-token-5f2c9d"


@pytest.fixture
def database_file(tmp_path_factory) -> str:
    """A SQLite database file holding a secret, as the server's own database would."""
    path = tmp_path_factory.mktemp("server") / "db.sqlite3"
    with sqlite3.connect(path) as db:
        db.execute("create table authtoken (key text)")
        db.execute("insert into authtoken values (?)", (SECRET,))
    return str(path)


def parts_of(content: bytes) -> dict[str, bytes]:
    with zipfile.ZipFile(io.BytesIO(content)) as archive:
        return {n: archive.read(n) for n in archive.namelist()}


def loops(depth: int) -> str:
    opens = "".join(f"{{% for i{n} in range(1000) %}}" for n in range(depth))
    return opens + "x" + "{% endfor %}" * depth


def doubling(times: int) -> str:
    sets = "".join(f"{{% set a{n + 1} = a{n} ~ a{n} %}}" for n in range(times))
    return "{% set a0 = title %}" + sets + f"{{{{ a{times} }}}}"


PAYLOADS = [
    ("{{ chart.tpl.replace_zipname('customXml/item1.xml', 'DB_FILE') }}", "不允许的表达式"),
    ("{{ chart.tpl.replace_zipname('customXml/item2.xml', '/etc/passwd') }}", "不允许的表达式"),
    ("{{ chart.tpl.replace_media('DB_FILE', '/etc/passwd') }}", "不允许的表达式"),
    ("{{ chart.tpl.save('OUT_FILE') }}", "不允许的表达式"),
    ("{{ chart.tpl.docx.part.package }}", "不允许的表达式"),
    ("{{ chart['tpl'] }}", "不允许的表达式"),
    ("{{ title.__class__.__mro__[1].__subclasses__() }}", "不允许的表达式"),
    ("{{ title['__class__'] }}", "不允许的表达式"),
    ("{{ sections|map(attribute='__class__')|list }}", "不允许的表达式"),
    ("{{ sections|attr('__class__') }}", "标记有误"),
    ("{{ self._TemplateReference__context }}", "不允许的表达式"),
    ("{{ self }}", "不允许的表达式"),
    ("{{ title.format(1) }}", "不允许的表达式"),
    ("{{ title.__len__() }}", "不允许的表达式"),
    ("{{ table.append(1) }}", "不允许的表达式"),
    ("{{ cycler.__init__.__globals__ }}", "平台不提供的字段：cycler"),
    ("{{ joiner() }}", "平台不提供的字段：joiner"),
    ("{{ lipsum.__globals__['os'] }}", "平台不提供的字段：lipsum"),
    ("{% set ns = namespace(a=1) %}{{ ns.a }}", "平台不提供的字段：namespace"),
    ("{{ dict(a=1) }}", "平台不提供的字段：dict"),
    ("{% for i in range(10**9) %}x{% endfor %}", "range 超过1000项"),
    (loops(4), "循环次数过多"),
    ("{% for s in sections recursive %}{{ loop(sections) }}{% endfor %}", "不允许递归循环"),
    ("{% macro f() %}{{ f() }}{{ f() }}{% endmacro %}{{ f() }}", "嵌套或递归过深"),
    ("{{ 'a' * 10**9 }}", "生成的文字过长"),
    (doubling(40), "生成的文字过长"),
    ("{{ '%0999999999d' % 1 }}", "不允许用 % 格式化文字"),
    ("{{ 10**10**10 }}", "数字过大"),
    ("{{ title|center(1000000000) }}", "标记有误"),
    ("{% include '/etc/passwd' %}", "不允许引用其他模板"),
    ("{% import 'DB_FILE' as x %}", "不允许引用其他模板"),
]


@pytest.mark.parametrize(("payload", "reason"), PAYLOADS, ids=[p[0][:40] for p in PAYLOADS])
def test_a_hostile_template_is_refused_in_chinese(people, tmp_path, database_file, payload, reason):
    written = tmp_path / "written.docx"
    text = payload.replace("DB_FILE", database_file).replace("OUT_FILE", str(written))
    with pytest.raises(TemplateRejected, match=reason):
        services.upload_template(people["reviewer"], "monthly", "坏模板.docx", with_paragraph(text))
    assert not BulletinTemplate.objects.exists()
    assert not written.exists()
    assert list(tmp_path.iterdir()) == []


def test_a_template_kept_from_before_cannot_read_files_when_a_bulletin_is_generated(
    sample_feb, people, tmp_path, database_file
):
    """A template stored before the sandbox was strict: generating refuses, reads nothing."""
    written = tmp_path / "written.docx"
    text = (
        f"{{{{ chart.tpl.replace_zipname('customXml/item1.xml', '{database_file}') }}}}"
        f"{{{{ chart.tpl.save('{written}') }}}}"
    )
    BulletinTemplate.objects.create(
        kind="monthly", file_name="旧模板.docx", content=with_paragraph(text), sha256="x" * 64,
        uploaded_by_name="rita",
    )  # fmt: skip
    with pytest.raises(services.BulletinError, match="当前 Word 模板无法安全使用"):
        services.generate(people["leader"], sample_feb["东城区"], PeriodKey(2022, 2),
                          "monthly", "docx")  # fmt: skip
    assert not written.exists()


def test_what_a_template_may_use_still_works_and_the_chart_is_a_picture(sample_feb, people):
    """Loops, conditions, the loop counter, filters, a small range and the chart: accepted; the
    bulletin holds its texts and one picture, and none of the server's files."""
    text = (
        "{% for s in sections %}{{ loop.index }}.{{ s.heading|trim }}；{% endfor %}"
        "{{ range(3)|list|join('、') }}|{{ title.upper() }}|{{ table|length }}行"
        "{% if chart %}[图]{% endif %}{{ chart }}"
    )
    services.upload_template(people["reviewer"], "monthly", "好模板.docx", with_paragraph(text))
    out, _, _ = services.generate(people["leader"], sample_feb["东城区"], PeriodKey(2022, 2),
                                  "monthly", "docx")  # fmt: skip
    last = Document(io.BytesIO(out)).paragraphs[-1].text
    assert last.startswith("1.一、总体情况；2.二、")
    assert "0、1、2|东城区经济运行情况通报|" in last
    assert "[图]" in last
    assert "ECONDESK-IMAGE" not in out.decode("latin-1")
    parts = parts_of(out)
    pictures = [n for n in parts if n.startswith("word/media/")]
    assert len(pictures) == 1  # one picture (python-docx stores identical images once) …
    assert parts["word/document.xml"].count(b"<w:drawing>") == 2  # … shown in both places
    assert all(parts[n].startswith(b"\x89PNG") for n in pictures)
    own = parts_of(default_template("monthly"))
    assert {n: parts[n] for n in parts if n.startswith("customXml/")} == {
        n: own[n] for n in own if n.startswith("customXml/")
    }
    everything = b"".join(parts.values())
    assert b"root:x:0:0" not in everything
    assert b"SQLite format 3" not in everything
