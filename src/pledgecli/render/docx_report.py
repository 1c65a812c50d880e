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
from collections.abc import Mapping, Sequence
from dataclasses import replace
from typing import IO, TYPE_CHECKING

from pledgecli import __version__
from pledgecli.evaluate import PledgeResults
from pledgecli.i18n import _, language
from pledgecli.outcomes import Report
from pledgecli.render.document import Paragraph
from pledgecli.render.docx_header import (
    Header,
    add_header_block,
    add_signature,
    header_of,
    place_and_date,
)
from pledgecli.render.docx_xml import (
    add_chart,
    add_heading,
    add_note,
    add_para,
    add_table,
    new_section,
    set_page,
    set_page_numbers,
    set_styles,
)
from pledgecli.render.grid import assembled_notes, corrected_notes, legend
from pledgecli.render.no_data import missing_notes
from pledgecli.review import PledgeReview
from pledgecli.safe_text import visible

if TYPE_CHECKING:
    from docx.document import Document

__all__ = [
    "SUMMARY_ABOVE",
    "Header",
    "build",
    "docx_bytes",
    "header_of",
    "place_and_date",
    "write_docx",
]

SUMMARY_ABOVE = 40  # as the terminal table: more signatories than this are summarised
WIDE_ABOVE = 6  # a scorecard of more targets than this goes on landscape pages
FEWEST = 10
ROMAN = ("I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X")


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
    many_provinces = signatories > SUMMARY_ABOVE
    # Word draws at most 63 columns: a scorecard of more targets than this is summarised too.
    many_targets = len(pledge.targets) > SUMMARY_ABOVE
    summary = many_provinces or many_targets
    header = header_of(review, names)
    add_header_block(document, header)
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

    add_heading(document, f"{next(section)}. " + _("The pledge"))
    if pledge.signed_on:
        from pledgecli.display import date_text

        add_para(document, _("Signed on {date}.").format(date=date_text(pledge.signed_on)))
    if many_provinces:
        add_para(document, _("Signatories: {count}.").format(count=signatories))
    else:
        add_para(
            document,
            _("Signatories ({count}): {provinces}.").format(
                count=signatories, provinces=", ".join(names.get(p, p) for p in pledge.provinces)
            ),
        )
    for block in leaders(review, names):
        if isinstance(block, Paragraph):
            add_para(document, block.text)
    add_heading(document, f"{next(section)}. " + _("Targets (chỉ tiêu)"))
    for entry in legend(review.results):
        whole = _(", whole cluster") if entry.target.scope.value == "cluster" else ""
        add_para(document, f"{entry.label} — {entry.target.text} ({entry.threshold}{whole})")

    wide = not summary and len(pledge.targets) > WIDE_ABOVE
    if wide:
        new_section(document, landscape=True)
    add_heading(document, f"{next(section)}. " + _("Results"))
    if many_provinces:
        add_para(
            document,
            _(
                "{count} provinces sign this pledge: as in the terminal, this document is a "
                "summary (how many provinces met each target, the {fewest} that met the fewest, "
                "the {fewest} highest scores). Every result is in the workbook: pledge report "
                "{year} --format xlsx."
            ).format(count=signatories, fewest=FEWEST, year=pledge.year),
            italic=True,
        )
    elif many_targets:
        add_para(
            document,
            _(
                "This pledge has {count} targets, more than a page shows side by side: this "
                "document is a summary (how many provinces met each target, the {fewest} that "
                "met the fewest). Every result is in the workbook: pledge report {year} "
                "--format xlsx."
            ).format(count=len(pledge.targets), fewest=FEWEST, year=pledge.year),
            italic=True,
        )
    if summary:
        fewest = sorted(review.ranking, key=lambda r: (r.score.met, r.score.score, -r.rank))[
            :FEWEST
        ]
        block = ranking_table(replace(review, ranking=tuple(fewest)), names)
        add_table(
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
        add_table(document, block, landscape=wide, size=size)
        add_note(document, _("✓ met · ✗ missed · ? no data or no baseline"))
    for note in assembled_notes(report, review.results.results):
        add_note(document, note)
    for note in corrected_notes(report, review.results.results):
        add_note(document, note)
    if charts and not many_provinces:  # at national scale the tables say more (and matplotlib
        # drawing 40-bar charts would cost more than the whole report)
        statuses = chart.statuses_bars(review.results, review.scores, names)
        add_chart(document, chart.png(statuses), wide)

    if wide:
        new_section(document, landscape=False)
    add_heading(document, f"{next(section)}. " + _("Cluster totals"))
    add_table(document, metric_table(review), landscape=False)
    add_table(document, tally_table(review), landscape=False)
    cluster = cluster_table(review)
    if cluster is not None:
        add_table(document, cluster, landscape=False)
    if charts:
        add_chart(document, chart.png(chart.targets_bars(review.results)), False)

    add_heading(document, f"{next(section)}. " + _("Ranking and emulation flag"))
    ranking = ranking_table(
        replace(review, ranking=review.ranking[:FEWEST]) if many_provinces else review, names
    )
    if many_provinces:
        ranking = replace(
            ranking,
            title=_("The {count} highest scores, of {total}").format(
                count=min(FEWEST, signatories), total=signatories
            ),
        )
    add_table(document, ranking, landscape=False)
    verified = verification_table(review, names)
    if verified is not None:
        add_table(document, verified, landscape=False)
    add_para(document, nominee_text(review, names), bold=True)
    if charts and not many_provinces:
        add_chart(
            document,
            chart.png(chart.scores_bars(review.results, review.scores, names, review.ranking)),
            False,
        )

    new_section(document, landscape=True)
    add_heading(document, f"{next(section)}. " + _("Targets not met"))
    if summary:
        not_met = len(review.missed())
        add_para(
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
        notes = missing_notes(report, cluster_only.results, cluster_only.missed())
    else:
        missed = missed_table(review, names)
        notes = missing_notes(report, review.results, review.missed())
    if missed is None:
        add_para(document, _("Every target was met."))
    else:
        add_table(document, replace(missed, notes=tuple(notes)), landscape=True, size=10)

    new_section(document, landscape=False)
    add_heading(document, f"{next(section)}. " + _("The cluster leader"))
    leader_lines = leaders(review, names)
    for block in leader_lines:
        if isinstance(block, Paragraph):
            add_para(document, block.text)
    if not leader_lines:
        add_para(document, _("The pledge names no cluster leader."))
    add_heading(document, f"{next(section)}. " + _("Assessment of the cluster"))
    for prompt in (
        _("Strengths:"),
        _("Shortcomings and their causes:"),
        _("Tasks and proposals for next year:"),
    ):
        add_para(document, prompt, bold=True)
        for _line in range(3):
            add_para(document, "." * 120)
    add_signature(document, review, names)


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
    set_styles(document)
    properties = document.core_properties
    properties.title = _("Year-end review of the {year} emulation pledges").format(year=report.year)
    properties.author = properties.last_modified_by = f"pledge {__version__}"
    properties.comments = _("Made with pledge {version}.").format(version=__version__)
    properties.language = language()
    first = document.sections[0]
    set_page(first, landscape=False)
    set_page_numbers(first)
    for index, review in enumerate(reviews):
        if index:
            new_section(document, landscape=False, first=True)
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
