"""The year-end review document of ``pledge report``."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TextIO

from pledgecli import __version__
from pledgecli.display import (
    date_text,
    gap_text,
    status_word,
    threshold_text,
    value_text,
)
from pledgecli.i18n import _
from pledgecli.outcomes import Report, ReviewOutcome
from pledgecli.render.document import (
    Block,
    Bullets,
    Cell,
    Chart,
    Column,
    Heading,
    Paragraph,
    TableBlock,
    Together,
)
from pledgecli.render.document import write_html as write_html_page
from pledgecli.render.document import write_markdown as write_markdown_text
from pledgecli.render.formats import Page
from pledgecli.render.grid import CORRECTED, assembled_notes, corrected_notes, legend, rows
from pledgecli.render.no_data import missing_notes
from pledgecli.render.rank import leaders, ranking_table
from pledgecli.render.rank_parts import nomination_blocks, verification_table
from pledgecli.render.review_parts import Names, _name, title
from pledgecli.render.totals import cluster_table, metric_table, tally_table
from pledgecli.review import PledgeReview


def scorecard_table(report: Report, review: PledgeReview) -> TableBlock:
    entries = legend(review.results)
    columns = (
        Column("province", _("Province")),
        *(Column(e.target.id, e.label) for e in entries),
        Column("met", _("Met"), numeric=True),
        Column("score", _("Score"), numeric=True),
    )
    body = tuple(
        (
            Cell(row.label),
            *(Cell(c.text, None, c.status) for c in row.cells),
            Cell(row.met),
            Cell(row.score),
        )
        for row in rows(report, review.results)
    )
    return TableBlock(columns, body)


def missed_table(review: PledgeReview, names: Names) -> TableBlock | None:
    missed = review.missed()
    if not missed:
        return None
    columns = (
        Column("province", _("Province")),
        Column("target", _("Target")),
        Column("threshold", _("Threshold")),
        Column("actual", _("Actual"), numeric=True),
        Column("gap", _("Gap"), numeric=True),
        Column("status", _("Status")),
    )
    body = tuple(
        (
            Cell(_name(names, r.province) if r.province else _("Whole cluster")),
            Cell(r.target.text),
            Cell(threshold_text(r.target, r.threshold, baseline_year=r.baseline_year)),
            Cell(
                (value_text(r.target, r.actual, r.threshold) if r.actual is not None else "—")
                + (CORRECTED if r.corrected else "")
            ),
            Cell(gap_text(r)),
            Cell(status_word(r.status), None, r.status),
        )
        for r in missed
    )
    return TableBlock(columns, body)


def _charts(review: PledgeReview, names: Names) -> list[Block]:
    """Targets per province, provinces per target, scores: as inline SVG (matplotlib is
    imported only here, when an HTML report is written)."""
    from pledgecli.render import charts

    return [
        Chart(charts.inline_svg(bars), bars.title)
        for bars in charts.review_charts(review.results, review.scores, names)
    ]


def _listed(notes: Sequence[str]) -> list[Block]:
    """A footnote: its first line as a paragraph, the others as a list."""
    if not notes:
        return []
    return [Paragraph(notes[0]), Bullets(tuple(notes[1:]))]


def report_blocks(
    report: Report, reviews: Sequence[PledgeReview], names: Names, *, charts: bool = False
) -> list[Block]:
    """The review document; with ``charts`` (HTML), each review's charts as inline SVG."""
    blocks: list[Block] = [
        Heading(_("Year-end review of the {year} emulation pledges").format(year=report.year), 1)
    ]
    for review in reviews:
        pledge = review.pledge
        drawn = _charts(review, names) if charts else []
        blocks.append(Heading(title(review), 2))
        facts = []
        if pledge.signed_on:
            facts.append(_("Signed on {date}.").format(date=date_text(pledge.signed_on)))
        facts.append(
            _("Signatories ({count}): {provinces}.").format(
                count=len(pledge.provinces),
                provinces=", ".join(_name(names, p) for p in pledge.provinces),
            )
        )
        blocks += [Paragraph(f) for f in facts]
        blocks += leaders(review, names)
        blocks.append(Heading(_("Targets (chỉ tiêu)"), 3))
        blocks.append(
            Bullets(
                tuple(
                    f"{e.label} — {e.target.text} ({e.threshold}"
                    + (_(", whole cluster") if e.target.scope.value == "cluster" else "")
                    + ")"
                    for e in legend(review.results)
                )
            )
        )
        blocks.append(Heading(_("Results"), 3))
        blocks.append(scorecard_table(report, review))
        blocks.append(Paragraph(_("✓ met · ✗ missed · ? no data or no baseline")))
        blocks += _listed(assembled_notes(report, review.results.results))
        blocks += drawn[:1]
        corrected = corrected_notes(report, review.results.results)
        if corrected:
            blocks += [Paragraph(corrected[0]), Bullets(tuple(corrected[1:]))]
        blocks.append(Heading(_("Cluster totals"), 3))
        blocks += [
            metric_table(review),
            tally_table(review),
        ]
        cluster = cluster_table(review)
        if cluster is not None:
            blocks.append(cluster)
        blocks += drawn[1:2]
        ranking: list[Block] = [
            Heading(_("Ranking and emulation flag"), 3),
            ranking_table(review, names),
        ]
        verified = verification_table(review, names)
        if verified is not None:
            ranking.append(verified)
        ranking += nomination_blocks(review, names)
        blocks.append(Together(tuple(ranking)))
        blocks += drawn[2:]
        blocks.append(Heading(_("Targets not met"), 3))
        missed = missed_table(review, names)
        if missed is None:
            blocks.append(Paragraph(_("Every target was met.")))
        else:
            blocks.append(missed)
            blocks += _listed(missing_notes(report, review.results, review.missed()))
    blocks.append(Paragraph(_("Made with pledge {version}.").format(version=__version__)))
    return blocks


# -- writers (see pledgecli.render.formats) -------------------------------------------


def _blocks(page: Page, *, charts: bool = False) -> list[Block]:
    assert isinstance(page.value, ReviewOutcome)
    outcome = page.value
    return report_blocks(outcome.report, outcome.reviews, outcome.names, charts=charts)


def write_markdown(page: Page, out: TextIO) -> None:
    write_markdown_text(_blocks(page), out)


def write_html(page: Page, out: TextIO) -> None:
    from pledgecli.i18n import language

    assert isinstance(page.value, ReviewOutcome)
    year = page.value.report.year
    heading = _("Year-end review of the {year} emulation pledges").format(year=year)
    write_html_page(_blocks(page, charts=True), heading, language(), out)
