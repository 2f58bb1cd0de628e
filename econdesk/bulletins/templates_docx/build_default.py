"""Build the default Word templates (monthly.docx, meeting.docx) in official document form.

GB/T 9704-2012 《党政机关公文格式》: A4; margins top 37 mm, bottom 35 mm, left 28 mm, right 26 mm;
title 方正小标宋简体 二号 (22 pt); body 仿宋_GB2312 三号 (16 pt); headings 黑体 (一、) and
楷体_GB2312 (（一）); 22 lines of 28 characters (the standard's 每面22行、每行28字: a fixed
28.95 pt line pitch — the type area's 225 mm over 22 lines, which is what "28–30 pt" line
spacing means — and characters condensed by 0.25 pt so that 28 fill 156 mm); page numbers "— 1 —" in 宋体 四号, odd pages right and even pages left,
one character in from the edge of the type area.

Every docxtpl tag ({{ }}, {%p %}, {%tr %}) sits inside one run, so the templates render as they
are and still do after a user restyles them in Word or WPS. Run from the repository root:

    .venv/bin/python econdesk/bulletins/templates_docx/build_default.py

The two .docx files it writes are committed; rebuild them after changing this script.
"""

from __future__ import annotations

from pathlib import Path

from docx import Document
from docx.enum.section import WD_ORIENT
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_LINE_SPACING
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt

HERE = Path(__file__).resolve().parent
BODY_PT = 16  # 三号
TITLE_PT = 22  # 二号
PAGE_NUMBER_PT = 14  # 四号
LINE_PITCH_PT = 28.95  # 225 mm type area / 22 lines
TYPE_WIDTH_MM = 210 - 28 - 26  # 156 mm = 442.2 pt
CHARS_PER_LINE = 28
CONDENSE_TWENTIETHS = -5  # −0.25 pt per character: 28 × 15.75 pt = 441 pt fit on a line
TABLE_COLUMNS = [
    ("指标", "{{ r.name }}"),
    ("单位", "{{ r.unit }}"),
    ("累计", "{{ r.value }}"),
    ("增速（%）", "{{ r.growth }}"),
    ("{{ total_label }}增速（%）", "{{ r.total_growth }}"),
    ("位次", "{{ r.rank }}"),
    ("位次变化", "{{ r.arrow }}"),
]
TABLE_WIDTHS_MM = [
    44,
    21,
    17,
    15,
    20,
    20,
    19,
]  # 156 mm, the type width; 亿千瓦时 and 并列7/9 on one line


# Schema order of run and paragraph properties (Word refuses elements out of order).
RPR_ORDER = ("w:rStyle", "w:rFonts", "w:b", "w:bCs", "w:i", "w:iCs", "w:caps", "w:smallCaps",
             "w:strike", "w:dstrike", "w:outline", "w:shadow", "w:emboss", "w:imprint",
             "w:noProof", "w:snapToGrid", "w:vanish", "w:webHidden", "w:color", "w:spacing",
             "w:w", "w:kern", "w:position", "w:sz", "w:szCs", "w:highlight", "w:u", "w:effect",
             "w:bdr", "w:shd", "w:fitText", "w:vertAlign", "w:rtl", "w:cs", "w:em", "w:lang",
             "w:eastAsianLayout", "w:specVanish", "w:oMath")  # fmt: skip
PPR_ORDER = ("w:pStyle", "w:keepNext", "w:keepLines", "w:pageBreakBefore", "w:framePr",
             "w:widowControl", "w:numPr", "w:suppressLineNumbers", "w:pBdr", "w:shd", "w:tabs",
             "w:suppressAutoHyphens", "w:kinsoku", "w:wordWrap", "w:overflowPunct",
             "w:topLinePunct", "w:autoSpaceDE", "w:autoSpaceDN", "w:bidi", "w:adjustRightInd",
             "w:snapToGrid", "w:spacing", "w:ind", "w:contextualSpacing", "w:mirrorIndents",
             "w:suppressOverlap", "w:jc", "w:textDirection", "w:textAlignment",
             "w:textboxTightWrap", "w:outlineLvl", "w:divId", "w:cnfStyle", "w:rPr", "w:sectPr",
             "w:pPrChange")  # fmt: skip


def _add_in_order(parent, tag: str, order: tuple[str, ...]):
    """A new ``tag`` child of ``parent``, placed where the schema wants it."""
    child = OxmlElement(tag)
    parent.insert_element_before(child, *order[order.index(tag) + 1 :])
    return child


def _fonts(element, east_asian: str, latin: str = "Times New Roman") -> None:
    """Set the fonts of a style or run: Chinese text in ``east_asian``, digits in ``latin``."""
    rpr = element.get_or_add_rPr()
    rfonts = rpr.find(qn("w:rFonts"))
    if rfonts is None:
        rfonts = OxmlElement("w:rFonts")
        rpr.insert(0, rfonts)
    for attr in ("w:ascii", "w:hAnsi", "w:cs"):
        rfonts.set(qn(attr), latin)
    rfonts.set(qn("w:eastAsia"), east_asian)


def _paragraph_style(doc, name, east_asian, size, *, bold=False, align=None, indent=True,
                     latin="Times New Roman", before=0, exact=True):  # fmt: skip
    style = doc.styles.add_style(name, WD_STYLE_TYPE.PARAGRAPH)
    style.base_style = doc.styles["Normal"]
    style.quick_style = True
    style.font.size = Pt(size)
    style.font.bold = bold
    _fonts(style.element, east_asian, latin)
    fmt = style.paragraph_format
    fmt.first_line_indent = Pt(BODY_PT * 2) if indent else Pt(0)
    if align is not None:
        fmt.alignment = align
    fmt.space_before = Pt(before)
    fmt.space_after = Pt(0)
    if exact:
        fmt.line_spacing_rule = WD_LINE_SPACING.EXACTLY
        fmt.line_spacing = Pt(LINE_PITCH_PT)
    return style


def _doc_defaults(doc) -> None:
    """三号 Chinese text by default: the character grid is measured in the default size."""
    defaults = doc.styles.element.find(qn("w:docDefaults"))
    rpr = defaults.find(qn("w:rPrDefault")).find(qn("w:rPr"))
    for tag in ("w:sz", "w:szCs"):
        rpr.find(qn(tag)).set(qn("w:val"), str(BODY_PT * 2))
    rfonts = rpr.find(qn("w:rFonts"))
    for attr in list(rfonts.attrib):
        del rfonts.attrib[attr]
    for attr in ("w:ascii", "w:hAnsi", "w:cs"):
        rfonts.set(qn(attr), "Times New Roman")
    rfonts.set(qn("w:eastAsia"), "仿宋_GB2312")
    rpr.find(qn("w:lang")).set(qn("w:eastAsia"), "zh-CN")
    spacing = defaults.find(qn("w:pPrDefault")).find(qn("w:pPr")).find(qn("w:spacing"))
    spacing.set(qn("w:after"), "0")
    spacing.set(qn("w:line"), "240")


def _styles(doc) -> None:
    _doc_defaults(doc)
    normal = doc.styles["Normal"]
    normal.font.size = Pt(BODY_PT)
    _fonts(normal.element, "仿宋_GB2312")
    lang = _add_in_order(normal.element.get_or_add_rPr(), "w:lang", RPR_ORDER)
    lang.set(qn("w:val"), "en-US")
    lang.set(qn("w:eastAsia"), "zh-CN")
    # 28 characters of 三号 fill the 156 mm type area only when each gives up 0.25 pt.
    spacing = _add_in_order(normal.element.get_or_add_rPr(), "w:spacing", RPR_ORDER)
    spacing.set(qn("w:val"), str(CONDENSE_TWENTIETHS))
    fmt = normal.paragraph_format
    fmt.first_line_indent = Pt(BODY_PT * 2)
    fmt.line_spacing_rule = WD_LINE_SPACING.EXACTLY
    fmt.line_spacing = Pt(LINE_PITCH_PT)
    fmt.space_before = fmt.space_after = Pt(0)
    fmt.alignment = WD_ALIGN_PARAGRAPH.JUSTIFY
    # 每面22行: no widow/orphan control (孤行控制 off, as 公文 templates set it), so that every
    # full page holds its 22 lines instead of pushing a paragraph's last lines over.
    fmt.widow_control = False
    title = _paragraph_style(doc, "公文标题", "方正小标宋简体", TITLE_PT, indent=False,
                             align=WD_ALIGN_PARAGRAPH.CENTER, latin="方正小标宋简体", exact=False)  # fmt: skip
    title.paragraph_format.line_spacing_rule = WD_LINE_SPACING.EXACTLY
    title.paragraph_format.line_spacing = Pt(35)
    _paragraph_style(doc, "公文副题", "楷体_GB2312", BODY_PT, indent=False,
                     align=WD_ALIGN_PARAGRAPH.CENTER)  # fmt: skip
    _paragraph_style(doc, "发文信息", "仿宋_GB2312", BODY_PT, indent=False,
                     align=WD_ALIGN_PARAGRAPH.CENTER)  # fmt: skip
    for name, font, bold in (("一级标题", "黑体", False), ("二级标题", "楷体_GB2312", False),
                             ("三级标题", "仿宋_GB2312", True)):  # fmt: skip
        heading = _paragraph_style(doc, name, font, BODY_PT, bold=bold,
                                   latin="黑体" if font == "黑体" else "Times New Roman")  # fmt: skip
        heading.paragraph_format.keep_with_next = True
    _paragraph_style(doc, "公文正文", "仿宋_GB2312", BODY_PT)
    _paragraph_style(doc, "图表", "仿宋_GB2312", BODY_PT, indent=False,
                     align=WD_ALIGN_PARAGRAPH.CENTER, exact=False)  # fmt: skip
    table_title = _paragraph_style(doc, "表格标题", "黑体", 14, indent=False, latin="黑体",
                                   align=WD_ALIGN_PARAGRAPH.CENTER, before=12)  # fmt: skip
    # The 附表 is an attachment: it starts a page of its own and its title stays with it.
    table_title.paragraph_format.page_break_before = True
    table_title.paragraph_format.keep_with_next = True
    cell = _paragraph_style(doc, "表格文字", "仿宋_GB2312", 10.5, indent=False,
                            align=WD_ALIGN_PARAGRAPH.CENTER, exact=False)  # fmt: skip
    cell.paragraph_format.line_spacing = 1.0
    _off_grid(cell)  # single-spaced cells: not snapped to the 28.95 pt body grid
    _paragraph_style(doc, "表注", "楷体_GB2312", 12, indent=False, exact=False)
    page = _paragraph_style(doc, "页码", "宋体", PAGE_NUMBER_PT, indent=False, latin="宋体",
                            exact=False)  # fmt: skip
    page.paragraph_format.line_spacing = 1.0


def _off_grid(style) -> None:
    snap = _add_in_order(style.element.get_or_add_pPr(), "w:snapToGrid", PPR_ORDER)
    snap.set(qn("w:val"), "0")


def _page(doc) -> None:
    """A4 portrait with the GB/T 9704 margins, a 22 × 28 grid and odd/even page numbers."""
    section = doc.sections[0]
    section.orientation = WD_ORIENT.PORTRAIT
    section.page_width, section.page_height = Mm(210), Mm(297)
    section.top_margin, section.bottom_margin = Mm(37), Mm(35)
    section.left_margin, section.right_margin = Mm(28), Mm(26)
    section.header_distance = Mm(15)
    # The page number's top sits 7 mm below the type area: 35 − 7 = 28 mm above the page edge,
    # and a 四号 line is about 5 mm tall.
    section.footer_distance = Mm(23)
    grid = section._sectPr.find(qn("w:docGrid"))
    if grid is None:
        grid = OxmlElement("w:docGrid")
        section._sectPr.append(grid)
    # A line grid only: LibreOffice spreads characters over two cells of a character grid
    # ("linesAndChars"), so the 28 characters come from condensed spacing instead (_styles).
    grid.set(qn("w:type"), "lines")
    grid.set(qn("w:linePitch"), str(round(LINE_PITCH_PT * 20)))
    for attr in ("w:charSpace",):
        grid.attrib.pop(qn(attr), None)
    doc.settings.odd_and_even_pages_header_footer = True
    _page_number(section.footer, WD_ALIGN_PARAGRAPH.RIGHT)
    _page_number(section.even_page_footer, WD_ALIGN_PARAGRAPH.LEFT)


def _field_run(paragraph, kind: str, text: str | None = None):
    run = paragraph.add_run()
    if kind == "instr":
        instr = OxmlElement("w:instrText")
        instr.set(qn("xml:space"), "preserve")
        instr.text = text
        run._r.append(instr)
    else:
        char = OxmlElement("w:fldChar")
        char.set(qn("w:fldCharType"), kind)
        run._r.append(char)
    return run


def _page_number(footer, align) -> None:
    """ "— 1 —": a PAGE field between em dashes, 宋体 四号, one character in from the edge."""
    footer.is_linked_to_previous = False
    paragraph = footer.paragraphs[0]
    paragraph.style = "页码"
    paragraph.alignment = align
    if align == WD_ALIGN_PARAGRAPH.RIGHT:
        paragraph.paragraph_format.right_indent = Pt(PAGE_NUMBER_PT)
    else:
        paragraph.paragraph_format.left_indent = Pt(PAGE_NUMBER_PT)
    paragraph.add_run("— ")
    _field_run(paragraph, "begin")
    _field_run(paragraph, "instr", " PAGE ")
    _field_run(paragraph, "separate")
    paragraph.add_run("1")
    _field_run(paragraph, "end")
    paragraph.add_run(" —")


def _tag(doc, text: str, style: str = "公文正文") -> None:
    """A paragraph holding one docxtpl tag (or text with tags) in a single run."""
    paragraph = doc.add_paragraph(style=style)
    paragraph.add_run(text)


def _red_rule(doc) -> None:
    """The red line under the heading block of a bulletin (简报版头分隔线)."""
    paragraph = doc.add_paragraph(style="发文信息")
    ppr = paragraph._p.get_or_add_pPr()
    borders = _add_in_order(ppr, "w:pBdr", PPR_ORDER)
    bottom = OxmlElement("w:bottom")
    for key, value in (("val", "single"), ("sz", "12"), ("space", "1"), ("color", "C00000")):
        bottom.set(qn(f"w:{key}"), value)
    borders.append(bottom)


def _sections(doc) -> None:
    _tag(doc, "{%p for sec in sections %}")
    _tag(doc, "{%p if sec.level == 1 %}")
    _tag(doc, "{{ sec.heading }}", "一级标题")
    _tag(doc, "{%p elif sec.level == 2 %}")
    _tag(doc, "{{ sec.heading }}", "二级标题")
    _tag(doc, "{%p else %}")
    _tag(doc, "{{ sec.heading }}", "三级标题")
    _tag(doc, "{%p endif %}")
    _tag(doc, "{%p for s in sec.sentences %}")
    _tag(doc, "{{ s }}")
    _tag(doc, "{%p endfor %}")
    _tag(doc, "{%p endfor %}")


def _table(doc) -> None:
    _tag(doc, "{{ table_title }}", "表格标题")
    table = doc.add_table(rows=4, cols=len(TABLE_COLUMNS))
    table.style = doc.styles["Table Grid"]
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    table.autofit = False
    widths = [Mm(w) for w in TABLE_WIDTHS_MM]
    for column, width in zip(table.columns, widths, strict=True):
        column.width = width  # the grid LibreOffice lays out by
    for row in table.rows:  # a row never splits across pages
        keep = OxmlElement("w:cantSplit")
        keep.set(qn("w:val"), "true")
        row._tr.get_or_add_trPr().append(keep)
    header = table.rows[0]._tr.get_or_add_trPr()
    repeat = OxmlElement("w:tblHeader")  # repeat the header row on each page
    repeat.set(qn("w:val"), "true")
    header.append(repeat)
    for column, (head, cell_tag) in enumerate(TABLE_COLUMNS):
        texts = [head, "{%tr for r in table %}" if column == 0 else "", cell_tag,
                 "{%tr endfor %}" if column == 0 else ""]  # fmt: skip
        for row, text in enumerate(texts):
            cell = table.cell(row, column)
            cell.width = widths[column]
            paragraph = cell.paragraphs[0]
            paragraph.style = doc.styles["表格文字"]
            run = paragraph.add_run(text)
            if row == 0:
                run.bold = True
    _tag(doc, "{{ note }}", "表注")


def build(kind: str):
    """The default template of ``kind`` ("monthly" or "meeting") as a python-docx Document."""
    doc = Document()
    _styles(doc)
    _page(doc)
    doc.core_properties.title = "econdesk 经济运行通报模板" if kind == "monthly" else "会议材料模板"
    doc.core_properties.author = "econdesk"
    body = doc.paragraphs[0] if doc.paragraphs else None
    if body is not None:
        body._p.getparent().remove(body._p)
    _tag(doc, "{{ title }}", "公文标题")
    _tag(doc, "{{ subtitle }}", "公文副题")
    _tag(doc, "{{ issuer }}　　{{ issue_date }}", "发文信息")
    if kind == "monthly":
        _red_rule(doc)
    _sections(doc)
    _tag(doc, "{%p if chart %}")
    _tag(doc, "{{ chart }}", "图表")
    _tag(doc, "{%p endif %}")
    _table(doc)
    return doc


def main() -> None:
    for kind in ("monthly", "meeting"):
        path = HERE / f"{kind}.docx"
        build(kind).save(path)
        print(f"已生成 {path}")


if __name__ == "__main__":
    main()
