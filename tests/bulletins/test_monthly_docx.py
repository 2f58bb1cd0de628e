"""The monthly bulletin as .docx from the sample bulletin's figures, read back with python-docx."""

import pytest
from docx.shared import Pt

from econdesk.bulletins import services
from econdesk.ledger.periods import PeriodKey
from tests.bulletins.helpers import docx_document, docx_paragraphs

FEB = PeriodKey(2022, 2)


def monthly(user, region, key=FEB) -> bytes:
    content, name, content_type = services.generate(user, region, key, "monthly", "docx")
    assert name.endswith("经济运行通报.docx") and content_type.endswith("document")
    return content


@pytest.fixture
def east(sample_feb, people):
    return docx_paragraphs(monthly(people["leader"], sample_feb["东城区"]))


def meeting(user, region, key=FEB) -> list[str]:
    content, _, _ = services.generate(user, region, key, "meeting", "docx")
    return docx_paragraphs(content)


def test_it_heads_with_the_leading_indicators_against_the_city_as_the_speech_does(east):
    assert (
        "从市上通报的1-2月主要经济指标来看，全区规模以上工业增加值增长8.2%（全市增长7.1%）、"
        "居全市第3位；固定资产投资下降6.0%（全市增长5.6%）、居全市第7位；社会消费品零售总额增长5.1%"
        "（全市增长5.1%）、居全市第4位；一般公共预算收入下降3.2%（全市增长2.9%）、居全市第7位。"
    ) in east
    assert "纳入通报的4项指标中，1项增速高于全市、2项低于全市；1项位次后退。" in east


def test_it_writes_one_paragraph_per_field_with_values_ranks_and_moves(east):
    assert "（一）工业" in east and "（四）财政" in east
    assert "1-2月，全区规模以上工业增加值增长8.2%，高于全市1.1个百分点，居全市第3位。" in east
    # the value is stated wherever the file published one, growth-only in the catalogue or not
    assert "1-2月，全区固定资产投资15.04亿元，下降6.0%，低于全市11.6个百分点，居全市第7位。" in east
    assert "1-2月，全区社会消费品零售总额62.35亿元，增长5.1%，与全市持平，居全市第4位。" in east
    assert (
        "1-2月，全区一般公共预算收入8.61亿元，下降3.2%，低于全市6.1个百分点，"
        "居全市第7位，较1月后退2位。"
    ) in east


def test_it_names_the_red_lights_grouped_by_their_reason(east):
    # three reds, each lit first by its Q1 target: one clause, the shortfalls in their order
    problems = east[east.index("三、存在的问题") + 1]
    assert problems == (
        "亮红灯指标3项：固投、社消零、一般公共预算收入距市下达一季度目标分别还差14.0、0.9、8.2个百分点。"
    )


def test_the_meeting_material_projects_the_quarter_and_states_the_gaps(sample_feb, people):
    # 15.04 亿元 at −6.0% ⇒ base 16.0; last year 16.0 of 34.0 in Q1 ⇒ Q1 ≈ 31.96 (−6.0%);
    # zero growth needs 34.0 (2.04 short), 8.0% needs 36.72 (4.76), 10.0% needs 37.40 (5.44).
    assert (
        "预计一季度完成固定资产投资31.96亿元、下降6.0%左右，要实现正增长，还有2.04亿元缺口；"
        "要完成市下达8.0%的目标，有4.76亿元缺口；要完成区级10.0%的目标，有5.44亿元缺口。"
    ) in meeting(people["leader"], sample_feb["东城区"])


def test_it_states_progress_and_the_pace_the_rest_of_the_period_needs(east):
    # 8.61 of the 30.5 亿元 assigned for the year; 2 of 12 months gone.
    assert "一般公共预算收入已完成市下达全年30.50亿元目标任务的28.2%，序时进度为16.7%。" in east
    # growth only: (7.0 − 8.2 × 2/3) / (1/3) = 4.6
    assert "规模以上工业增加值要完成市下达一季度增长7.0%的目标，其余月份需增长4.6%。" in east


def test_the_meeting_material_names_the_indicators_doing_well_and_those_to_catch_up(
    sample_feb, people
):
    assert (
        "从测算情况来看，全区规模以上工业增加值指标完成情况较好，要力争进入全市前列；"
        "固定资产投资、社会消费品零售总额、一般公共预算收入等指标要抢抓时间查缺补漏，力争实现目标任务。"
    ) in meeting(people["leader"], sample_feb["东城区"])


def test_it_writes_ties_for_a_tied_district(sample_feb, people):
    west = docx_paragraphs(monthly(people["leader"], sample_feb["西城区"]))
    assert "1-2月，全区规模以上工业增加值增长6.5%，低于全市0.6个百分点，居全市并列第5位。" in west


def test_it_says_a_met_target_and_a_move_up(sample_mar, people):
    march = docx_paragraphs(monthly(people["leader"], sample_mar["东城区"], PeriodKey(2022, 3)))
    assert (
        "1-3月，全区规模以上工业增加值增长7.5%，高于全市0.3个百分点，居全市第2位，较1-2月前移1位。"
    ) in march
    assert "规模以上工业增加值已完成市下达一季度增长7.0%的目标任务。" in march


def test_it_heads_the_bulletin_and_numbers_its_sections(east):
    assert east[:2] == ["东城区经济运行情况通报", "（2022年1-2月）"]
    assert east[2].startswith("东城区发展和改革局　　")  # an office, not the software
    headings = [p for p in east if p[:2] in ("一、", "二、", "三、", "四、", "五、")]
    assert headings == ["一、总体情况", "二、分领域运行情况", "三、存在的问题", "四、下步工作建议"]


def test_it_fills_the_indicator_table(sample_feb, people):
    doc = docx_document(monthly(people["leader"], sample_feb["东城区"]))
    rows = [[c.text for c in r.cells] for r in doc.tables[0].rows]
    assert rows[0] == ["指标", "单位", "累计", "增速（%）", "全市增速（%）", "位次", "位次变化"]
    assert ["规模以上工业增加值", "亿元", "—", "8.2", "7.1", "3/8", "—"] in rows
    assert ["固定资产投资", "亿元", "15.04", "-6.0", "5.6", "7/8", "—"] in rows
    assert ["一般公共预算收入", "亿元", "8.61", "-3.2", "2.9", "7/8", "↓2"] in rows


def test_it_is_laid_out_as_an_official_document(sample_feb, people):
    doc = docx_document(monthly(people["leader"], sample_feb["东城区"]))
    section = doc.sections[0]

    def mm(length):
        return round(length.mm, 1)

    assert (mm(section.page_width), mm(section.page_height)) == (210, 297)
    assert (mm(section.top_margin), mm(section.bottom_margin)) == (37, 35)
    assert (mm(section.left_margin), mm(section.right_margin)) == (28, 26)
    title = doc.paragraphs[0]
    assert title.style.name == "公文标题" and title.style.font.size == Pt(22)
    rfonts = title.style.element.rPr.rFonts
    assert rfonts.get("{http://schemas.openxmlformats.org/wordprocessingml/2006/main}eastAsia") == (
        "方正小标宋简体"
    )
    body = doc.styles["公文正文"]
    assert body.font.size == Pt(16)
    assert (
        doc.styles["一级标题"].element.rPr.rFonts.get(
            "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}eastAsia"
        )
        == "黑体"
    )
    grid = section._sectPr.find(
        "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}docGrid"
    )
    assert grid.get("{http://schemas.openxmlformats.org/wordprocessingml/2006/main}linePitch") == (
        "579"
    )  # 28.95 pt: 22 lines in the 225 mm type area


def test_it_numbers_pages_with_em_dashes_around_a_page_field(sample_feb, people):
    doc = docx_document(monthly(people["leader"], sample_feb["东城区"]))
    for footer in (doc.sections[0].footer, doc.sections[0].even_page_footer):
        paragraph = footer.paragraphs[0]
        assert paragraph.text == "— 1 —"
        assert "PAGE" in paragraph._p.xml and "fldChar" in paragraph._p.xml
        assert paragraph.style.font.size == Pt(14)
    assert doc.settings.odd_and_even_pages_header_footer


def test_it_embeds_the_chart_as_an_image(sample_feb, people):
    doc = docx_document(monthly(people["leader"], sample_feb["东城区"]))
    images = [r for r in doc.part.rels.values() if r.reltype.endswith("/image")]
    assert len(images) == 1
    assert images[0].target_part.blob[:8] == b"\x89PNG\r\n\x1a\n"
