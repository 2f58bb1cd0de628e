"""`econdesk bulletin --region NAME --period YYYY-MM [--kind …] -o FILE`."""

import pytest
from django.core.management import CommandError, call_command

from econdesk.bulletins.models import Bulletin
from tests.bulletins.helpers import docx_paragraphs, workbook


def test_it_writes_docx_xlsx_and_html_by_the_file_name(sample_feb, tmp_path):
    for ext in ("docx", "xlsx", "html"):
        target = tmp_path / f"通报.{ext}"
        call_command("bulletin", "--region", "东城区", "--period", "2022-02", "-o", str(target))
        assert target.stat().st_size > 1000
    assert "东城区经济运行情况通报" in docx_paragraphs((tmp_path / "通报.docx").read_bytes())
    assert workbook((tmp_path / "通报.xlsx").read_bytes())["主要指标"]["A3"].value
    assert "全区规模以上工业增加值增长8.2%" in (tmp_path / "通报.html").read_text()
    assert not Bulletin.objects.exists()


def test_it_writes_meeting_materials_and_issues_on_request(sample_feb, leaders, tmp_path):
    target = tmp_path / "会议材料.docx"
    call_command("bulletin", "--region", "示范市/东城区", "--period", "2022-02", "--kind",
                 "meeting", "-o", str(target), "--issue")  # fmt: skip
    text = docx_paragraphs(target.read_bytes())
    assert (text[0], text[1], text[3]) == ("东城区2022年一季度“开门红”经济运行分析会",
                                           "会议材料（第1期）", "一、会议议程")  # fmt: skip
    assert Bulletin.objects.get().kind == "meeting"


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--period", "2022-02", "-o", "x.pdf"], "文件名须以 .docx、.xlsx 或 .html 结尾"),
        (["--period", "二月", "-o", "x.docx"], "无法识别期别"),
        (["--period", "2020-02", "-o", "x.docx"], "没有可用的指标数据"),
        (["--region", "西湖区", "--period", "2022-02", "-o", "x.docx"], "找不到地区"),
    ],
)
def test_it_explains_what_is_wrong(sample_feb, tmp_path, monkeypatch, args, message):
    monkeypatch.chdir(tmp_path)
    if "--region" not in args:
        args = ["--region", "东城区", *args]
    with pytest.raises(CommandError, match=message):
        call_command("bulletin", *args)
    assert not list(tmp_path.iterdir())
