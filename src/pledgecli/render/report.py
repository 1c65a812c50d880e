"""The year-end review document of ``pledge report``."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from typing import TYPE_CHECKING, TextIO

from pledgecli import __version__
from pledgecli.display import (
    date_text,
)
from pledgecli.i18n import _
from pledgecli.models import Scope
from pledgecli.outcomes import Report
from pledgecli.render.document import (
    Block,
    Bullets,
    Chart,
    Column,
    Heading,
    Paragraph,
    Rows,
    TableBlock,
    Together,
)
from pledgecli.render.document import write_markdown as write_markdown_text
from pledgecli.render.formats import Page
from pledgecli.render.grid import (
    assembled_notes,
    corrected_notes,
    legend,
)
from pledgecli.render.html_page import write_html as write_html_page
from pledgecli.render.no_data import missing_notes
from pledgecli.render.rank import leaders, ranking_table
from pledgecli.render.rank_parts import nomination_blocks, verification_table
from pledgecli.render.report_rows import Shown, missed_rows, scorecard_rows
from pledgecli.render.review_parts import Names, _name, title
from pledgecli.render.totals import cluster_table, metric_table, tally_table
from pledgecli.review import PledgeReview
from pledgecli.review_outcomes import ReviewOutcome

if TYPE_CHECKING:
    from pledgecli.render.charts import Bars


def scorecard_table(report: Report, review: PledgeReview, shown: Shown | None = None) -> TableBlock:
    """The results, a row per signatory (``shown``: the figures' cells, each made once for
    this table and :func:`missed_table`)."""
    entries = legend(review.results)
    columns = (
        Column("province", _("Province")),
        *(Column(e.target.id, e.label) for e in entries),
        Column("met", _("Met"), numeric=True),
        Column("score", _("Score"), numeric=True),
    )
    held: Shown = {} if shown is None else shown
    pledge = review.pledge
    count = len(pledge.provinces) + any(t.scope is Scope.CLUSTER for t in pledge.targets)
    return TableBlock(columns, Rows(count, lambda: scorecard_rows(report, review, held)))


def missed_table(
    review: PledgeReview, names: Names, shown: Shown | None = None
) -> TableBlock | None:
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
    held: Shown = {} if shown is None else shown
    return TableBlock(columns, Rows(len(missed), lambda: missed_rows(missed, names, held)))


def _charts(review: PledgeReview, names: Names, wanted: bool) -> list[Bars]:
    """Targets per province, provinces per target, scores, as plain values (none unless
    ``wanted``)."""
    if not wanted:
        return []
    from pledgecli.render.charts import review_charts

    return review_charts(review.results, review.scores, names, review.ranking)


def _drawn(bars: Sequence[Bars]) -> Iterator[Block]:
    """Charts as inline SVG, each drawn when its turn comes (after the national scorecard
    is written), without matplotlib (see :mod:`pledgecli.render.html_chart`)."""
    for chart in bars:
        from pledgecli.render.html_chart import inline_svg

        yield Chart(inline_svg(chart), chart.title)


def _listed(notes: Sequence[str]) -> list[Block]:
    """A footnote: its first line as a paragraph, the others as a list."""
    if not notes:
        return []
    return [Paragraph(notes[0]), Bullets(tuple(notes[1:]))]


def report_blocks(
    report: Report, reviews: Sequence[PledgeReview], names: Names, *, charts: bool = False
) -> list[Block]:
    """The review document; with ``charts`` (HTML), each review's charts as inline SVG."""
    return list(document_blocks(report, reviews, names, charts=charts))


def document_blocks(
    report: Report, reviews: Sequence[PledgeReview], names: Names, *, charts: bool = False
) -> Iterator[Block]:
    """:func:`report_blocks` made as they are written, review by review (a national
    table is made when its turn comes and dropped once written)."""
    yield Heading(_("Year-end review of the {year} emulation pledges").format(year=report.year), 1)
    for review in reviews:
        pledge = review.pledge
        drawn = _charts(review, names, charts)
        shown: Shown = {}  # the figures' cells, made once for the two tables of results
        yield Heading(title(review), 2)
        facts = []
        if pledge.signed_on:
            facts.append(_("Signed on {date}.").format(date=date_text(pledge.signed_on)))
        facts.append(
            _("Signatories ({count}): {provinces}.").format(
                count=len(pledge.provinces),
                provinces=", ".join(_name(names, p) for p in pledge.provinces),
            )
        )
        for fact in facts:
            yield Paragraph(fact)
        yield from leaders(review, names)
        yield Heading(_("Targets (chỉ tiêu)"), 3)
        yield Bullets(
            tuple(
                f"{e.label} — {e.target.text} ({e.threshold}"
                + (_(", whole cluster") if e.target.scope.value == "cluster" else "")
                + ")"
                for e in legend(review.results)
            )
        )
        yield Heading(_("Results"), 3)
        yield scorecard_table(report, review, shown)
        yield Paragraph(_("✓ met · ✗ missed · ? no data or no baseline"))
        yield from _listed(assembled_notes(report, review.results.results))
        yield from _drawn(drawn[:1])
        corrected = corrected_notes(report, review.results.results)
        if corrected:
            yield Paragraph(corrected[0])
            yield Bullets(tuple(corrected[1:]))
        yield Heading(_("Cluster totals"), 3)
        yield metric_table(review)
        yield tally_table(review)
        cluster = cluster_table(review)
        if cluster is not None:
            yield cluster
        yield from _drawn(drawn[1:2])
        ranking: list[Block] = [
            Heading(_("Ranking and emulation flag"), 3),
            ranking_table(review, names),
        ]
        verified = verification_table(review, names)
        if verified is not None:
            ranking.append(verified)
        ranking += nomination_blocks(review, names)
        yield Together(tuple(ranking))
        yield from _drawn(drawn[2:])
        yield Heading(_("Targets not met"), 3)
        missed = missed_table(review, names, shown)
        del shown  # held by the table's rows until written
        if missed is None:
            yield Paragraph(_("Every target was met."))
        else:
            yield missed
            del missed  # written: not kept while the rest is made
            yield from _listed(missing_notes(report, review.results, review.missed()))
    yield Paragraph(_("Made with pledge {version}.").format(version=__version__))


# -- writers (see pledgecli.render.formats) -------------------------------------------


def _blocks(page: Page, *, charts: bool = False) -> Iterator[Block]:
    assert isinstance(page.value, ReviewOutcome)
    outcome = page.value
    return document_blocks(outcome.report, outcome.reviews, outcome.names, charts=charts)


def write_markdown(page: Page, out: TextIO) -> None:
    write_markdown_text(_blocks(page), out)


def write_html(page: Page, out: TextIO) -> None:
    from pledgecli.i18n import language

    assert isinstance(page.value, ReviewOutcome)
    year = page.value.report.year
    heading = _("Year-end review of the {year} emulation pledges").format(year=year)
    write_html_page(_blocks(page, charts=True), heading, language(), out)
