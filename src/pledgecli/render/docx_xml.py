"""The pieces of a Word document that ``render.docx_report`` puts together: runs,
paragraphs and tables written as WordprocessingML in one piece (python-docx's per-cell
API takes milliseconds a cell), the styles (Times New Roman for every script), A4 pages
with the margins of Decree 30/2020/NĐ-CP, page numbers, and the blocks of the document
(headings, paragraphs, notes, tables, charts).

python-docx is imported inside the functions that need it."""

from __future__ import annotations

import io
import re
from collections.abc import Sequence
from typing import TYPE_CHECKING
from xml.sax.saxutils import escape

from pledgecli.evaluate import Status
from pledgecli.render.document import TableBlock
from pledgecli.safe_text import visible

if TYPE_CHECKING:
    from docx.document import Document
    from docx.section import Section

KEEP_TOGETHER = 15  # rows of a table kept on one page (with what follows it)
FONT = "Times New Roman"
MM = 1440 / 25.4  # twips per millimetre
A4 = (210, 297)
MARGINS = {"top": 20, "bottom": 20, "left": 30, "right": 15}  # millimetres
W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
STATUS_COLOURS = {
    Status.MET: "1B5E20",
    Status.MISSED: "B71C1C",
    Status.NO_DATA: "8A5A00",
    Status.NO_BASELINE: "8A5A00",
}
NOT_XML = re.compile("[\ud800-\udfff\ufffe\uffff]")


# -- WordprocessingML pieces -------------------------------------------------------------


def xml_text(text: str) -> str:
    shown = NOT_XML.sub(lambda m: f"\\u{ord(m.group()):04x}", visible(text))
    return escape(shown)


def xml_run(
    text: str,
    *,
    bold: bool = False,
    italic: bool = False,
    underline: bool = False,
    size: float | None = None,
    colour: str | None = None,
) -> str:
    props = ""
    if bold:
        props += "<w:b/><w:bCs/>"
    if italic:
        props += "<w:i/><w:iCs/>"
    if colour:
        props += f'<w:color w:val="{colour}"/>'
    if size:
        props += f'<w:sz w:val="{round(size * 2)}"/><w:szCs w:val="{round(size * 2)}"/>'
    if underline:
        props += '<w:u w:val="single"/>'
    rpr = f"<w:rPr>{props}</w:rPr>" if props else ""
    return f'<w:r>{rpr}<w:t xml:space="preserve">{xml_text(text)}</w:t></w:r>'


def xml_paragraph(runs: str, align: str | None = None, *, keep_next: bool = False) -> str:
    props = "<w:keepNext/>" if keep_next else ""
    props += '<w:spacing w:before="0" w:after="0" w:line="240" w:lineRule="auto"/>'
    props += '<w:ind w:firstLine="0"/>'
    if align:
        props += f'<w:jc w:val="{align}"/>'
    return f"<w:p><w:pPr>{props}</w:pPr>{runs}</w:p>"


def xml_cell(width: int, paragraphs: str, fill: str | None = None) -> str:
    shading = f'<w:shd w:val="clear" w:color="auto" w:fill="{fill}"/>' if fill else ""
    return f'<w:tc><w:tcPr><w:tcW w:w="{width}" w:type="dxa"/>{shading}</w:tcPr>{paragraphs}</w:tc>'


def xml_table(widths: Sequence[int], rows: Sequence[str], borders: bool) -> str:
    border = "".join(
        f'<w:{side} w:val="single" w:sz="4" w:space="0" w:color="808080"/>'
        if borders
        else f'<w:{side} w:val="nil"/>'
        for side in ("top", "left", "bottom", "right", "insideH", "insideV")
    )
    grid = "".join(f'<w:gridCol w:w="{w}"/>' for w in widths)
    return (
        f'<w:tbl xmlns:w="{W_NS}"><w:tblPr><w:tblW w:w="{sum(widths)}" w:type="dxa"/>'
        f'<w:jc w:val="center"/><w:tblBorders>{border}</w:tblBorders>'
        '<w:tblLayout w:type="fixed"/><w:tblCellMar><w:left w:w="60" w:type="dxa"/>'
        '<w:right w:w="60" w:type="dxa"/></w:tblCellMar></w:tblPr>'
        f"<w:tblGrid>{grid}</w:tblGrid>{''.join(rows)}</w:tbl>"
    )


def append_xml(document: Document, xml: str) -> None:
    from docx.oxml import parse_xml

    body = document.element.body
    body.sectPr.addprevious(parse_xml(xml))


def column_widths(block: TableBlock, total: int) -> list[int]:
    """Column widths in proportion to the text they hold (long texts capped)."""
    weights = []
    sample = block.rows[:200]  # made once: a table's rows may be made each time they are read
    for index, column in enumerate(block.columns):
        longest = max([len(column.header) + 1, *(len(row[index].shown()) for row in sample)])
        weights.append(min(max(longest, 4), 45))
    scale = total / sum(weights)
    widths = [int(w * scale) for w in weights]
    widths[-1] += total - sum(widths)
    return widths


def block_table(block: TableBlock, total: int, size: float = 11) -> str:
    """A :class:`TableBlock` as one ``w:tbl``: a header row repeated on every page,
    numbers right-aligned, status marks coloured."""
    widths = column_widths(block, total)
    keep = len(block.rows) <= KEEP_TOGETHER  # a short table is not split over two pages
    header = "".join(
        xml_cell(
            w,
            xml_paragraph(xml_run(c.header, bold=True, size=size), align="center", keep_next=keep),
            "E7E6E6",
        )
        for w, c in zip(widths, block.columns, strict=True)
    )
    rows = [f"<w:tr><w:trPr><w:cantSplit/><w:tblHeader/></w:trPr>{header}</w:tr>"]

    for row in block.rows:
        cells = []
        for width, column, cell in zip(widths, block.columns, row, strict=True):
            colour = STATUS_COLOURS[cell.status] if cell.status is not None else None
            run = xml_run(
                cell.shown(),
                size=size,
                colour=colour,
                bold=cell.status is Status.MISSED,
            )
            align = "right" if column.numeric else None
            cells.append(xml_cell(width, xml_paragraph(run, align=align, keep_next=keep)))
        rows.append("<w:tr><w:trPr><w:cantSplit/></w:trPr>" + "".join(cells) + "</w:tr>")
    return xml_table(widths, rows, borders=True)


# -- the document ------------------------------------------------------------------------


def set_fonts(element: object) -> None:
    """Times New Roman for every script (Word picks the font by script: Vietnamese
    letters are "hAnsi", and a theme font would otherwise win)."""
    from docx.oxml.ns import qn

    rpr = element.get_or_add_rPr()  # type: ignore[attr-defined]
    fonts = rpr.get_or_add_rFonts()
    for theme in ("w:asciiTheme", "w:hAnsiTheme", "w:eastAsiaTheme", "w:cstheme"):
        fonts.attrib.pop(qn(theme), None)
    for script in ("w:ascii", "w:hAnsi", "w:eastAsia", "w:cs"):
        fonts.set(qn(script), FONT)


def set_styles(document: Document) -> None:
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.oxml.ns import qn
    from docx.shared import Cm, Pt, RGBColor

    defaults = document.styles.element.find(qn("w:docDefaults"))
    if defaults is not None:
        rpr = defaults.find(qn("w:rPrDefault"))
        if rpr is not None:
            fonts = rpr.find(qn("w:rPr")).find(qn("w:rFonts"))
            if fonts is not None:
                for theme in ("w:asciiTheme", "w:hAnsiTheme", "w:eastAsiaTheme", "w:cstheme"):
                    fonts.attrib.pop(qn(theme), None)
                for script in ("w:ascii", "w:hAnsi", "w:eastAsia", "w:cs"):
                    fonts.set(qn(script), FONT)
    normal = document.styles["Normal"]
    normal.font.name = FONT
    normal.font.size = Pt(13)
    set_fonts(normal.element)
    normal.paragraph_format.space_after = Pt(6)
    normal.paragraph_format.line_spacing = 1.1
    normal.paragraph_format.first_line_indent = Cm(1)
    normal.paragraph_format.alignment = WD_ALIGN_PARAGRAPH.JUSTIFY
    for name, size in (("Title", 14), ("Heading 1", 13), ("Heading 2", 13), ("Heading 3", 13)):
        style = document.styles[name]
        style.font.name = FONT
        style.font.size = Pt(size)
        style.font.bold = True
        style.font.italic = name == "Heading 3"
        style.font.color.rgb = RGBColor(0, 0, 0)
        set_fonts(style.element)
        style.paragraph_format.first_line_indent = Cm(0 if name == "Title" else 1)
        style.paragraph_format.space_before = Pt(6)
        style.paragraph_format.space_after = Pt(6)
        style.paragraph_format.keep_with_next = True
        if name == "Title":
            style.paragraph_format.alignment = WD_ALIGN_PARAGRAPH.CENTER
            style.paragraph_format.space_after = Pt(0)
            rpr = style.element.get_or_add_rPr()
            for border in rpr.findall(qn("w:spacing")):
                rpr.remove(border)
            ppr = style.element.get_or_add_pPr()
            for border in ppr.findall(qn("w:pBdr")):
                ppr.remove(border)


def set_page(section: Section, landscape: bool) -> None:
    from docx.enum.section import WD_ORIENT
    from docx.shared import Mm

    width, height = (A4[1], A4[0]) if landscape else A4
    section.orientation = WD_ORIENT.LANDSCAPE if landscape else WD_ORIENT.PORTRAIT
    section.page_width, section.page_height = Mm(width), Mm(height)
    section.top_margin, section.bottom_margin = Mm(MARGINS["top"]), Mm(MARGINS["bottom"])
    section.left_margin, section.right_margin = Mm(MARGINS["left"]), Mm(MARGINS["right"])
    section.header_distance = section.footer_distance = Mm(10)


def text_width(landscape: bool) -> int:
    width = A4[1] if landscape else A4[0]
    return int((width - MARGINS["left"] - MARGINS["right"]) * MM)


def set_page_numbers(section: Section) -> None:
    """The page number, top centre; the first page of the section has none (Decree 30)."""
    from docx.oxml import parse_xml

    section.different_first_page_header_footer = True
    section.header.is_linked_to_previous = False
    paragraph = section.header.paragraphs[0]
    field = (
        f'<w:p xmlns:w="{W_NS}"><w:pPr><w:jc w:val="center"/><w:ind w:firstLine="0"/></w:pPr>'
        '<w:r><w:fldChar w:fldCharType="begin"/></w:r>'
        '<w:r><w:instrText xml:space="preserve"> PAGE </w:instrText></w:r>'
        '<w:r><w:fldChar w:fldCharType="separate"/></w:r>'
        "<w:r><w:t>2</w:t></w:r>"
        '<w:r><w:fldChar w:fldCharType="end"/></w:r></w:p>'
    )
    paragraph._p.addprevious(parse_xml(field))
    paragraph._p.getparent().remove(paragraph._p)


def new_section(document: Document, landscape: bool, first: bool = False) -> None:
    from docx.enum.section import WD_SECTION
    from docx.oxml.ns import qn

    section = document.add_section(WD_SECTION.NEW_PAGE)
    set_page(section, landscape)
    section.different_first_page_header_footer = first
    sect = section._sectPr
    numbering = sect.find(qn("w:pgNumType"))
    if numbering is not None:
        sect.remove(numbering)
    if first:  # a new pledge's report counts its pages from 1
        from docx.oxml import parse_xml

        sect.append(parse_xml(f'<w:pgNumType xmlns:w="{W_NS}" w:start="1"/>'))
        titles = sect.find(qn("w:titlePg"))
        if titles is not None:  # titlePg must come after pgNumType in a sectPr
            sect.remove(titles)
            sect.append(titles)


def add_heading(document: Document, text: str, level: int = 1) -> None:
    document.add_paragraph(visible(text), style=f"Heading {level}")


def add_para(document: Document, text: str, *, bold: bool = False, italic: bool = False) -> None:
    paragraph = document.add_paragraph()
    run = paragraph.add_run(visible(text))
    run.bold = bold or None
    run.italic = italic or None


def add_note(document: Document, text: str) -> None:
    from docx.shared import Pt

    paragraph = document.add_paragraph()
    paragraph.paragraph_format.first_line_indent = 0
    paragraph.paragraph_format.space_after = Pt(2)
    run = paragraph.add_run(visible(text))
    run.italic = True
    run.font.size = Pt(11)


def add_table(document: Document, block: TableBlock, landscape: bool, size: float = 11) -> None:
    if block.title:
        add_para(document, block.title, bold=True)
        document.paragraphs[-1].paragraph_format.keep_with_next = True
    append_xml(document, block_table(block, text_width(landscape), size))
    for note in block.notes:
        add_note(document, note)
    if not block.notes:
        spacer = document.add_paragraph()
        spacer.paragraph_format.space_after = 0


def add_chart(document: Document, picture: bytes, landscape: bool) -> None:
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Mm

    paragraph = document.add_paragraph()
    paragraph.paragraph_format.first_line_indent = 0
    paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
    width = (A4[1] if landscape else A4[0]) - MARGINS["left"] - MARGINS["right"] - 10
    paragraph.add_run().add_picture(io.BytesIO(picture), width=Mm(min(width, 160)))
