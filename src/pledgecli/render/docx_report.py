"""``report --format docx``: the year-end review as a Word document in the administrative
layout of Decree 30/2020/NĐ-CP.

A4, Times New Roman; margins 20 mm top and bottom, 30 mm left, 15 mm right; the header
block (the issuing body in capitals over the cluster, the number line; the national name
in bold capitals over the motto in bold, underlined); the place and date in italics; the
title; page numbers at the top centre from page 2; wide tables on landscape pages. The
content is the HTML report's (the same tables, built by ``render.rank``, ``render.report`` and ``render.totals``), the ``†``
footnote and what is missing behind each "no data", charts, a section left for the
cluster's own assessment and the signature block of the cluster leader.

Tables are written as WordprocessingML in one piece (python-docx's per-cell API takes
milliseconds a cell). A pledge signed by more than :data:`SUMMARY_ABOVE` provinces is
summarised, as the terminal table is, and the document says so: every result is in the
workbook (``--format xlsx``).
"""

from __future__ import annotations

import io
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from datetime import date
from typing import IO, TYPE_CHECKING
from xml.sax.saxutils import escape

from pledgecli import __version__
from pledgecli.evaluate import PledgeResults, Status
from pledgecli.i18n import _, language
from pledgecli.outcomes import Report
from pledgecli.render.document import Paragraph, TableBlock
from pledgecli.render.grid import assembled_notes, corrected_notes, legend
from pledgecli.review import PledgeReview
from pledgecli.safe_text import visible

if TYPE_CHECKING:
    from docx.document import Document
    from docx.section import Section

SUMMARY_ABOVE = 40  # as the terminal table: more signatories than this are summarised
KEEP_TOGETHER = 15  # rows of a table kept on one page (with what follows it)
WIDE_ABOVE = 6  # a scorecard of more targets than this goes on landscape pages
FEWEST = 10
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
_NOT_XML = re.compile("[\ud800-\udfff\ufffe\uffff]")
ROMAN = ("I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X")


@dataclass(frozen=True)
class Header:
    """The administrative header of one pledge's report, defaults filled in."""

    issuer: str
    cluster: str
    number: str
    place: str
    day: date | None


def header_of(review: PledgeReview, names: Mapping[str, str]) -> Header:
    pledge = review.pledge
    document = pledge.document
    place = document.place
    if place is None:
        place = names.get(pledge.leader, pledge.leader) if pledge.leader else "……"
    return Header(
        issuer=document.issuer or _("VIET NAM CO-OPERATIVE ALLIANCE"),
        cluster=pledge.name,
        number=document.number or "…/BC-CTĐ",
        place=place,
        day=document.date,
    )


def place_and_date(header: Header) -> str:
    """``Cần Thơ, ngày 05 tháng 12 năm 2025`` (day and month below 3 with a leading zero,
    as Decree 30 writes them); dots for the clerk to fill in when no date is given."""
    if header.day is None:
        day, month, year = "……", "……", "……"
    else:
        day = f"{header.day.day:02d}" if header.day.day < 10 else str(header.day.day)
        month = f"{header.day.month:02d}" if header.day.month < 3 else str(header.day.month)
        year = str(header.day.year)
    return _("{place}, {day}/{month}/{year}").format(
        place=header.place, day=day, month=month, year=year
    )


# -- WordprocessingML pieces -------------------------------------------------------------


def _text(text: str) -> str:
    shown = _NOT_XML.sub(lambda m: f"\\u{ord(m.group()):04x}", visible(text))
    return escape(shown)


def _run(
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
    return f'<w:r>{rpr}<w:t xml:space="preserve">{_text(text)}</w:t></w:r>'


def _paragraph(runs: str, align: str | None = None, *, keep_next: bool = False) -> str:
    props = "<w:keepNext/>" if keep_next else ""
    props += '<w:spacing w:before="0" w:after="0" w:line="240" w:lineRule="auto"/>'
    props += '<w:ind w:firstLine="0"/>'
    if align:
        props += f'<w:jc w:val="{align}"/>'
    return f"<w:p><w:pPr>{props}</w:pPr>{runs}</w:p>"


def _cell(width: int, paragraphs: str, fill: str | None = None) -> str:
    shading = f'<w:shd w:val="clear" w:color="auto" w:fill="{fill}"/>' if fill else ""
    return f'<w:tc><w:tcPr><w:tcW w:w="{width}" w:type="dxa"/>{shading}</w:tcPr>{paragraphs}</w:tc>'


def _table_xml(widths: Sequence[int], rows: Sequence[str], borders: bool) -> str:
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


def _append(document: Document, xml: str) -> None:
    from docx.oxml import parse_xml

    body = document.element.body
    body.sectPr.addprevious(parse_xml(xml))


def _widths(block: TableBlock, total: int) -> list[int]:
    """Column widths in proportion to the text they hold (long texts capped)."""
    weights = []
    for index, column in enumerate(block.columns):
        longest = max(
            [len(column.header) + 1, *(len(row[index].shown()) for row in block.rows[:200])]
        )
        weights.append(min(max(longest, 4), 45))
    scale = total / sum(weights)
    widths = [int(w * scale) for w in weights]
    widths[-1] += total - sum(widths)
    return widths


def block_table(block: TableBlock, total: int, size: float = 11) -> str:
    """A :class:`TableBlock` as one ``w:tbl``: a header row repeated on every page,
    numbers right-aligned, status marks coloured."""
    widths = _widths(block, total)
    keep = len(block.rows) <= KEEP_TOGETHER  # a short table is not split over two pages
    header = "".join(
        _cell(
            w,
            _paragraph(_run(c.header, bold=True, size=size), align="center", keep_next=keep),
            "E7E6E6",
        )
        for w, c in zip(widths, block.columns, strict=True)
    )
    rows = [f"<w:tr><w:trPr><w:cantSplit/><w:tblHeader/></w:trPr>{header}</w:tr>"]

    for row in block.rows:
        cells = []
        for width, column, cell in zip(widths, block.columns, row, strict=True):
            colour = STATUS_COLOURS[cell.status] if cell.status is not None else None
            run = _run(
                cell.shown(),
                size=size,
                colour=colour,
                bold=cell.status is Status.MISSED,
            )
            align = "right" if column.numeric else None
            cells.append(_cell(width, _paragraph(run, align=align, keep_next=keep)))
        rows.append("<w:tr><w:trPr><w:cantSplit/></w:trPr>" + "".join(cells) + "</w:tr>")
    return _table_xml(widths, rows, borders=True)


# -- the document ------------------------------------------------------------------------


def _fonts(element: object) -> None:
    """Times New Roman for every script (Word picks the font by script: Vietnamese
    letters are "hAnsi", and a theme font would otherwise win)."""
    from docx.oxml.ns import qn

    rpr = element.get_or_add_rPr()  # type: ignore[attr-defined]
    fonts = rpr.get_or_add_rFonts()
    for theme in ("w:asciiTheme", "w:hAnsiTheme", "w:eastAsiaTheme", "w:cstheme"):
        fonts.attrib.pop(qn(theme), None)
    for script in ("w:ascii", "w:hAnsi", "w:eastAsia", "w:cs"):
        fonts.set(qn(script), FONT)


def _styles(document: Document) -> None:
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
    _fonts(normal.element)
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
        _fonts(style.element)
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


def _page(section: Section, landscape: bool) -> None:
    from docx.enum.section import WD_ORIENT
    from docx.shared import Mm

    width, height = (A4[1], A4[0]) if landscape else A4
    section.orientation = WD_ORIENT.LANDSCAPE if landscape else WD_ORIENT.PORTRAIT
    section.page_width, section.page_height = Mm(width), Mm(height)
    section.top_margin, section.bottom_margin = Mm(MARGINS["top"]), Mm(MARGINS["bottom"])
    section.left_margin, section.right_margin = Mm(MARGINS["left"]), Mm(MARGINS["right"])
    section.header_distance = section.footer_distance = Mm(10)


def _text_width(landscape: bool) -> int:
    width = A4[1] if landscape else A4[0]
    return int((width - MARGINS["left"] - MARGINS["right"]) * MM)


def _page_numbers(section: Section) -> None:
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


def _new_section(document: Document, landscape: bool, first: bool = False) -> None:
    from docx.enum.section import WD_SECTION
    from docx.oxml.ns import qn

    section = document.add_section(WD_SECTION.NEW_PAGE)
    _page(section, landscape)
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


def _header_block(document: Document, header: Header) -> None:
    left = int(_text_width(False) * 0.45)
    right = _text_width(False) - left
    first = _cell(
        left,
        _paragraph(_run(header.issuer.upper(), size=12), align="center")
        + _paragraph(_run(header.cluster.upper(), bold=True, size=12), align="center")
        + _paragraph(_run("―――――――", size=8), align="center"),
    ) + _cell(
        right,
        _paragraph(_run(_("SOCIALIST REPUBLIC OF VIET NAM"), bold=True, size=12), align="center")
        + _paragraph(
            _run(_("Independence - Freedom - Happiness"), bold=True, underline=True, size=13.5),
            align="center",
        ),
    )
    second = _cell(
        left,
        _paragraph(_run(_("No.: {number}").format(number=header.number), size=13), "center"),
    ) + _cell(right, _paragraph(_run(place_and_date(header), italic=True, size=13), "center"))
    rows = [f"<w:tr>{first}</w:tr>", f"<w:tr>{second}</w:tr>"]
    _append(document, _table_xml([left, right], rows, borders=False))


def _heading(document: Document, text: str, level: int = 1) -> None:
    document.add_paragraph(visible(text), style=f"Heading {level}")


def _para(document: Document, text: str, *, bold: bool = False, italic: bool = False) -> None:
    paragraph = document.add_paragraph()
    run = paragraph.add_run(visible(text))
    run.bold = bold or None
    run.italic = italic or None


def _note(document: Document, text: str) -> None:
    from docx.shared import Pt

    paragraph = document.add_paragraph()
    paragraph.paragraph_format.first_line_indent = 0
    paragraph.paragraph_format.space_after = Pt(2)
    run = paragraph.add_run(visible(text))
    run.italic = True
    run.font.size = Pt(11)


def _table(document: Document, block: TableBlock, landscape: bool, size: float = 11) -> None:
    if block.title:
        _para(document, block.title, bold=True)
        document.paragraphs[-1].paragraph_format.keep_with_next = True
    _append(document, block_table(block, _text_width(landscape), size))
    for note in block.notes:
        _note(document, note)
    if not block.notes:
        spacer = document.add_paragraph()
        spacer.paragraph_format.space_after = 0


def _chart(document: Document, picture: bytes, landscape: bool) -> None:
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Mm

    paragraph = document.add_paragraph()
    paragraph.paragraph_format.first_line_indent = 0
    paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
    width = (A4[1] if landscape else A4[0]) - MARGINS["left"] - MARGINS["right"] - 10
    paragraph.add_run().add_picture(io.BytesIO(picture), width=Mm(min(width, 160)))


def _missing_notes(review: PledgeReview, names: Mapping[str, str]) -> list[str]:
    """What is missing behind each no-data or no-baseline result: whom to call."""
    labels = {e.target.id: e.label for e in legend(review.results)}
    notes = []
    for result in review.missed():
        if result.status in (Status.NO_DATA, Status.NO_BASELINE) and result.missing:
            who = (
                names.get(result.province, result.province)
                if result.province
                else _("Whole cluster")
            )
            notes.append(
                _("{province}, {target}: missing {what}").format(
                    province=who, target=labels[result.target.id], what="; ".join(result.missing)
                )
            )
    return notes


def _pledge_report(
    document: Document,
    report: Report,
    review: PledgeReview,
    names: Mapping[str, str],
    charts: bool,
) -> None:
    from pledgecli.render import charts as chart
    from pledgecli.render.rank import leaders, nominee_text, ranking_table
    from pledgecli.render.rank_parts import verification_table
    from pledgecli.render.report import missed_table, scorecard_table
    from pledgecli.render.totals import cluster_table, metric_table, tally_table

    pledge = review.pledge
    signatories = len(pledge.provinces)
    summary = signatories > SUMMARY_ABOVE
    header = header_of(review, names)
    _header_block(document, header)
    title = document.add_paragraph(_("REPORT"), style="Title")
    title.paragraph_format.space_before = 0
    subtitle = document.add_paragraph(style="Title")
    subtitle.add_run(
        visible(_("Year-end review of the {year} emulation pledge").format(year=pledge.year))
    )
    subtitle.paragraph_format.space_after = 0
    line = document.add_paragraph("―――――――――", style="Title")
    line.paragraph_format.space_after = 0
    section = iter(ROMAN)

    _heading(document, f"{next(section)}. " + _("The pledge"))
    if pledge.signed_on:
        from pledgecli.display import date_text

        _para(document, _("Signed on {date}.").format(date=date_text(pledge.signed_on)))
    if summary:
        _para(document, _("Signatories: {count}.").format(count=signatories))
    else:
        _para(
            document,
            _("Signatories ({count}): {provinces}.").format(
                count=signatories, provinces=", ".join(names.get(p, p) for p in pledge.provinces)
            ),
        )
    for block in leaders(review, names):
        if isinstance(block, Paragraph):
            _para(document, block.text)
    _heading(document, f"{next(section)}. " + _("Targets (chỉ tiêu)"))
    for entry in legend(review.results):
        whole = _(", whole cluster") if entry.target.scope.value == "cluster" else ""
        _para(document, f"{entry.label} — {entry.target.text} ({entry.threshold}{whole})")

    wide = not summary and len(pledge.targets) > WIDE_ABOVE
    if wide:
        _new_section(document, landscape=True)
    _heading(document, f"{next(section)}. " + _("Results"))
    if summary:
        _para(
            document,
            _(
                "{count} provinces sign this pledge: as in the terminal, this document is a "
                "summary (how many provinces met each target, the {fewest} that met the fewest, "
                "the {fewest} highest scores). Every result is in the workbook: pledge report "
                "{year} --format xlsx."
            ).format(count=signatories, fewest=FEWEST, year=pledge.year),
            italic=True,
        )
        fewest = sorted(review.ranking, key=lambda r: (r.score.met, r.score.score, -r.rank))[
            :FEWEST
        ]
        block = ranking_table(replace(review, ranking=tuple(fewest)), names)
        _table(
            document,
            replace(
                block,
                title=_("The {count} provinces that met the fewest targets").format(
                    count=len(fewest)
                ),
                notes=(),
            ),
            landscape=wide,
        )
    else:
        block = scorecard_table(report, review)
        size = 11 if len(block.columns) <= 10 else 9
        _table(document, block, landscape=wide, size=size)
        _note(document, _("✓ met · ✗ missed · ? no data or no baseline"))
    for note in assembled_notes(report, review.results.results):
        _note(document, note)
    for note in corrected_notes(report, review.results.results):
        _note(document, note)
    if charts and not summary:  # at national scale the tables say more (and matplotlib
        # drawing 40-bar charts would cost more than the whole report)
        statuses = chart.statuses_bars(review.results, review.scores, names)
        _chart(document, chart.png(statuses), wide)

    if wide:
        _new_section(document, landscape=False)
    _heading(document, f"{next(section)}. " + _("Cluster totals"))
    _table(document, metric_table(review), landscape=False)
    _table(document, tally_table(review), landscape=False)
    cluster = cluster_table(review)
    if cluster is not None:
        _table(document, cluster, landscape=False)
    if charts:
        _chart(document, chart.png(chart.targets_bars(review.results)), False)

    _heading(document, f"{next(section)}. " + _("Ranking and emulation flag"))
    ranking = ranking_table(
        replace(review, ranking=review.ranking[:FEWEST]) if summary else review, names
    )
    if summary:
        ranking = replace(
            ranking,
            title=_("The {count} highest scores, of {total}").format(
                count=min(FEWEST, signatories), total=signatories
            ),
        )
    _table(document, ranking, landscape=False)
    verified = verification_table(review, names)
    if verified is not None:
        _table(document, verified, landscape=False)
    _para(document, nominee_text(review, names), bold=True)
    if charts and not summary:
        _chart(document, chart.png(chart.scores_bars(review.results, review.scores, names)), False)

    _new_section(document, landscape=True)
    _heading(document, f"{next(section)}. " + _("Targets not met"))
    if summary:
        not_met = len(review.missed())
        _para(
            document,
            _(
                "{count} results were not met; section IV counts them per target, and the "
                "workbook lists each with its gap."
            ).format(count=not_met),
            italic=True,
        )
        cluster_only = replace(
            review,
            results=PledgeResults(pledge, tuple(review.results.cluster_results())),
        )
        missed = missed_table(cluster_only, names)
        notes = _missing_notes(cluster_only, names)
    else:
        missed = missed_table(review, names)
        notes = _missing_notes(review, names)
    if missed is None:
        _para(document, _("Every target was met."))
    else:
        _table(document, replace(missed, notes=tuple(notes)), landscape=True, size=10)

    _new_section(document, landscape=False)
    _heading(document, f"{next(section)}. " + _("The cluster leader"))
    leader_lines = leaders(review, names)
    for block in leader_lines:
        if isinstance(block, Paragraph):
            _para(document, block.text)
    if not leader_lines:
        _para(document, _("The pledge names no cluster leader."))
    _heading(document, f"{next(section)}. " + _("Assessment of the cluster"))
    for prompt in (
        _("Strengths:"),
        _("Shortcomings and their causes:"),
        _("Tasks and proposals for next year:"),
    ):
        _para(document, prompt, bold=True)
        for _line in range(3):
            _para(document, "." * 120)
    _signature(document, review, names)


def _signature(document: Document, review: PledgeReview, names: Mapping[str, str]) -> None:
    leader = review.pledge.leader
    width = _text_width(False)
    left = int(width * 0.45)
    recipients = "".join(
        _paragraph(_run(line, size=11))
        for line in (
            _("- Viet Nam Co-operative Alliance;"),
            _("- The members of the cluster;"),
            _("- Archived: office."),
        )
    )
    signer = (
        _paragraph(_run(_("ON BEHALF OF THE EMULATION CLUSTER"), bold=True, size=13), "center")
        + _paragraph(_run(_("CLUSTER LEADER"), bold=True, size=13), "center")
        + (
            _paragraph(
                _run(
                    _("Co-operative Alliance of {province}").format(
                        province=names.get(leader, leader)
                    ),
                    italic=True,
                    size=13,
                ),
                "center",
            )
            if leader
            else ""
        )
        + _paragraph(_run(_("(signature, full name and seal)"), italic=True, size=11), "center")
        + "".join(_paragraph("") for _blank in range(4))
        + _paragraph(_run("……………………………", size=13), "center")
    )
    first = _cell(
        left, _paragraph(_run(_("Recipients:"), bold=True, italic=True, size=12)) + recipients
    )
    row = f"<w:tr><w:trPr><w:cantSplit/></w:trPr>{first}{_cell(width - left, signer)}</w:tr>"
    spacer = document.add_paragraph()
    spacer.paragraph_format.keep_with_next = True
    _append(document, _table_xml([left, width - left], [row], borders=False))


def build(
    report: Report,
    reviews: Sequence[PledgeReview],
    names: Mapping[str, str],
    *,
    charts: bool = True,
) -> Document:
    """The review of every pledge in ``reviews``, each its own document (page numbers from
    1), in one file."""
    import docx

    document = docx.Document()
    _styles(document)
    properties = document.core_properties
    properties.title = _("Year-end review of the {year} emulation pledges").format(year=report.year)
    properties.author = properties.last_modified_by = f"pledge {__version__}"
    properties.comments = _("Made with pledge {version}.").format(version=__version__)
    properties.language = language()
    first = document.sections[0]
    _page(first, landscape=False)
    _page_numbers(first)
    for index, review in enumerate(reviews):
        if index:
            _new_section(document, landscape=False, first=True)
        _pledge_report(document, report, review, names, charts)
    return document


def write_docx(
    report: Report,
    reviews: Sequence[PledgeReview],
    names: Mapping[str, str],
    out: IO[bytes],
    *,
    charts: bool = True,
) -> None:
    """Write the review as a .docx to the binary stream ``out``."""
    build(report, reviews, names, charts=charts).save(out)


def docx_bytes(
    report: Report,
    reviews: Sequence[PledgeReview],
    names: Mapping[str, str],
    *,
    charts: bool = True,
) -> bytes:
    out = io.BytesIO()
    write_docx(report, reviews, names, out, charts=charts)
    return out.getvalue()
