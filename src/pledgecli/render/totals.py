"""The totals view of ``pledge totals``: blocks, CSV blocks and JSON."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TextIO

from pledgecli.catalog import metric_name
from pledgecli.display import (
    number,
    status_word,
    threshold_text,
    value_text,
)
from pledgecli.evaluate import Status
from pledgecli.i18n import _
from pledgecli.render import target_label
from pledgecli.render.document import (
    Block,
    Cell,
    Column,
    Heading,
    Plain,
    TableBlock,
    to_csv,
    to_markdown,
    write_rich,
)
from pledgecli.render.document import write_json as write_payload
from pledgecli.render.formats import Page
from pledgecli.render.json import json_number
from pledgecli.render.review_parts import _count, title
from pledgecli.review import PledgeReview
from pledgecli.review_outcomes import ReviewOutcome


def metric_table(review: PledgeReview) -> TableBlock:
    columns = (
        Column("metric", _("Metric")),
        Column("total", _("Total"), numeric=True),
        Column("reported", _("Reported"), numeric=True),
    )
    body = tuple(
        (
            Cell(metric_name(m.metric), m.metric),
            Cell(
                _("{count} yes").format(count=number(m.total)) if m.is_flag else number(m.total),
                json_number(m.total),
            ),
            Cell(
                _("{reported} of {signatories}").format(
                    reported=m.reported, signatories=m.signatories
                ),
                m.reported,
            ),
        )
        for m in review.metric_totals
    )
    return TableBlock(
        columns,
        body,
        title=_("Metrics summed over the signatories"),
        context=(("year", review.pledge.year), ("cluster", review.pledge.cluster)),
    )


def tally_table(review: PledgeReview) -> TableBlock:
    labels = {t.id: target_label(i) for i, t in enumerate(review.pledge.targets)}
    columns = (
        Column("label", "#"),
        Column("target", _("Target")),
        Column("met", _("Met"), numeric=True),
        Column("missed", _("Missed"), numeric=True),
        Column("no_data", _("No data"), numeric=True),
    )
    body = tuple(
        (
            Cell(labels[t.target.id], labels[t.target.id]),
            Cell(t.target.id, t.target.id),
            _count(t.counts[Status.MET]),
            _count(t.counts[Status.MISSED]),
            _count(t.counts[Status.NO_DATA] + t.counts[Status.NO_BASELINE]),
        )
        for t in review.tallies
    )
    return TableBlock(columns, body, title=_("Provinces per target"))


def cluster_table(review: PledgeReview) -> TableBlock | None:
    results = review.cluster_results()
    if not results:
        return None
    columns = (
        Column("target", _("Target")),
        Column("threshold", _("Threshold")),
        Column("actual", _("Actual"), numeric=True),
        Column("status", _("Status")),
    )
    body = tuple(
        (
            Cell(r.target.text, r.target.id),
            Cell(threshold_text(r.target, r.threshold, baseline_year=r.baseline_year)),
            Cell(value_text(r.target, r.actual, r.threshold), json_number(r.actual)),
            Cell(status_word(r.status), r.status.value, r.status),
        )
        for r in results
    )
    return TableBlock(columns, body, title=_("Whole-cluster targets"))


def totals_blocks(reviews: Sequence[PledgeReview]) -> list[Block]:
    blocks: list[Block] = []
    for review in reviews:
        blocks.append(Heading(title(review)))
        blocks.append(metric_table(review))
        blocks.append(tally_table(review))
        cluster = cluster_table(review)
        if cluster is not None:
            blocks.append(cluster)
    return blocks


def totals_csv(reviews: Sequence[PledgeReview]) -> list[Block]:
    """One table for scripts and Excel: a row per metric (its total) and per target (how
    many signatories met, missed or lacked data); cluster-wide results are in check's CSV."""
    keys = ("year", "cluster", "row", "id", "total", "reported", "met", "missed", "no_data")
    body: list[tuple[Cell, ...]] = []
    for review in reviews:
        pledge = review.pledge
        for m in review.metric_totals:
            values: tuple[Plain, ...] = (
                pledge.year,
                pledge.cluster,
                "metric",
                m.metric,
                json_number(m.total),
                m.reported,
                None,
                None,
                None,
            )
            body.append(tuple(Cell("", v) for v in values))
        for t in review.tallies:
            no_data = t.counts[Status.NO_DATA] + t.counts[Status.NO_BASELINE]
            values = (
                pledge.year,
                pledge.cluster,
                "target",
                t.target.id,
                None,
                None,
                t.counts[Status.MET],
                t.counts[Status.MISSED],
                no_data,
            )
            body.append(tuple(Cell("", v) for v in values))
    return [TableBlock(tuple(Column(k, k) for k in keys), tuple(body))]


def totals_json(reviews: Sequence[PledgeReview], year: int) -> dict[str, object]:
    return {
        "year": year,
        "pledges": [
            {
                "cluster": r.pledge.cluster,
                "name": r.pledge.name,
                "signatories": len(r.pledge.provinces),
                "metrics": [
                    {
                        "metric": m.metric,
                        "total": json_number(m.total),
                        "reported": m.reported,
                        "boolean": m.is_flag,
                    }
                    for m in r.metric_totals
                ],
                "targets": [
                    {"target": t.target.id, **{s.value: n for s, n in t.counts.items()}}
                    for t in r.tallies
                ],
                "cluster_results": [
                    {
                        "target": c.target.id,
                        "status": c.status.value,
                        "actual": json_number(c.actual),
                        "threshold": json_number(c.threshold),
                    }
                    for c in r.cluster_results()
                ],
            }
            for r in reviews
        ],
    }


# -- writers (see pledgecli.render.formats) -------------------------------------------


def _outcome(page: Page) -> ReviewOutcome:
    assert isinstance(page.value, ReviewOutcome)
    return page.value


def write_table(page: Page, out: TextIO) -> None:
    outcome = _outcome(page)
    write_rich(totals_blocks(outcome.reviews), out)


def write_json(page: Page, out: TextIO) -> None:
    outcome = _outcome(page)
    write_payload(totals_json(outcome.reviews, outcome.report.year), out)


def write_csv(page: Page, out: TextIO) -> None:
    outcome = _outcome(page)
    out.write(to_csv(totals_csv(outcome.reviews)))


def write_markdown(page: Page, out: TextIO) -> None:
    outcome = _outcome(page)
    out.write(to_markdown(totals_blocks(outcome.reviews)))
