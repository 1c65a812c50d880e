"""Blocks and JSON of the year-end review: ranking, totals and the review document."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from fractions import Fraction

from pledgecli import __version__
from pledgecli.display import (
    date_text,
    gap_text,
    number,
    status_word,
    threshold_text,
    value_text,
)
from pledgecli.evaluate import Status
from pledgecli.history import Point, sparkline
from pledgecli.history import Row as HistoryRow
from pledgecli.i18n import _
from pledgecli.render import Report, target_label
from pledgecli.render.document import (
    Block,
    Bullets,
    Cell,
    Column,
    Heading,
    Paragraph,
    Plain,
    TableBlock,
)
from pledgecli.render.grid import cell_text, legend, rows
from pledgecli.render.json import json_number
from pledgecli.review import PledgeReview
from pledgecli.scoring import NO_ELIGIBLE, TIE
from pledgecli.service import HistoryOutcome

Names = Mapping[str, str]


def _name(names: Names, province: str) -> str:
    return names.get(province, province)


def _count(value: int) -> Cell:
    return Cell(str(value), value)


def _points(value: Fraction) -> Cell:
    return Cell(number(value), json_number(value))


def title(review: PledgeReview) -> str:
    pledge = review.pledge
    return _("{name} — {year}").format(name=pledge.name, year=pledge.year)


def leaders(review: PledgeReview, names: Names) -> list[Block]:
    pledge = review.pledge
    lines = []
    if pledge.leader:
        lines.append(
            _("Cluster leader (Cụm trưởng) {year}: {province}").format(
                year=pledge.year, province=_name(names, pledge.leader)
            )
        )
    if pledge.next_leader:
        lines.append(
            _("Cluster leader elected for {year}: {province}").format(
                year=pledge.year + 1, province=_name(names, pledge.next_leader)
            )
        )
    return [Paragraph(line) for line in lines]


def nominee_text(review: PledgeReview, names: Names) -> str:
    nominee = review.nominee
    scores = review.scores
    if nominee.reason == NO_ELIGIBLE:
        return _("No province can be proposed for the emulation flag: none met every target.")
    listed = ", ".join(
        _("{province} ({score} points)").format(
            province=_name(names, p), score=number(scores[p].score)
        )
        for p in nominee.provinces
    )
    if nominee.reason == TIE:
        text = _("Tied for the emulation flag (Cờ thi đua): {provinces}; the cluster decides.")
    else:
        text = _("Proposed for the emulation flag (Cờ thi đua): {provinces}.")
    text = text.format(provinces=listed)
    top = review.ranking[0].score if review.ranking else None
    if top is not None and top.province not in nominee.provinces:
        text += " " + _(
            "{province} scored highest but did not meet every target, which the pledge requires."
        ).format(province=_name(names, top.province))
    return text


def ranking_table(review: PledgeReview, names: Names) -> TableBlock:
    pledge = review.pledge
    columns = (
        Column("rank", _("Rank"), numeric=True),
        Column("province", _("Province")),
        Column("score", _("Score"), numeric=True),
        Column("met", _("Met"), numeric=True),
        Column("missed", _("Missed"), numeric=True),
        Column("no_data", _("No data"), numeric=True),
    )
    body = tuple(
        (
            _count(entry.rank),
            Cell(_name(names, entry.score.province), entry.score.province),
            _points(entry.score.score),
            _count(entry.score.met),
            _count(entry.score.missed),
            _count(entry.score.no_data + entry.score.no_baseline),
        )
        for entry in review.ranking
    )
    notes = [_("Equal scores share a rank; within a tie, more targets met first, then by name.")]
    for entry in review.ranking:
        for deduction in entry.score.deductions:
            notes.append(
                _("{province}: minus {points} points: {reason}").format(
                    province=_name(names, entry.score.province),
                    points=number(deduction.points),
                    reason=deduction.reason,
                )
            )
    return TableBlock(
        columns,
        body,
        notes=tuple(notes),
        context=(("year", pledge.year), ("cluster", pledge.cluster)),
    )


def ranking_blocks(reviews: Sequence[PledgeReview], names: Names) -> list[Block]:
    blocks: list[Block] = []
    for review in reviews:
        blocks.append(Heading(title(review)))
        blocks.append(ranking_table(review, names))
        blocks.append(Paragraph(nominee_text(review, names), strong=True))
        blocks += leaders(review, names)
    return blocks


def ranking_json(reviews: Sequence[PledgeReview], year: int) -> dict[str, object]:
    return {
        "year": year,
        "pledges": [
            {
                "cluster": r.pledge.cluster,
                "name": r.pledge.name,
                "leader": r.pledge.leader,
                "next_leader": r.pledge.next_leader,
                "nominee": list(r.nominee.provinces),
                "nominee_reason": r.nominee.reason,
                "ranking": [
                    {
                        "rank": entry.rank,
                        "province": entry.score.province,
                        "score": json_number(entry.score.score),
                        "met": entry.score.met,
                        "missed": entry.score.missed,
                        "no_data": entry.score.no_data,
                        "no_baseline": entry.score.no_baseline,
                        "deductions": [
                            {"points": json_number(d.points), "reason": d.reason}
                            for d in entry.score.deductions
                        ],
                    }
                    for entry in r.ranking
                ],
            }
            for r in reviews
        ],
    }


# -- totals -----------------------------------------------------------------------


def metric_table(review: PledgeReview) -> TableBlock:
    columns = (
        Column("metric", _("Metric")),
        Column("total", _("Total"), numeric=True),
        Column("reported", _("Reported"), numeric=True),
    )
    body = tuple(
        (
            Cell(m.metric, m.metric),
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


# -- the review document -------------------------------------------------------------


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
            Cell(value_text(r.target, r.actual, r.threshold) if r.actual is not None else "—"),
            Cell(gap_text(r)),
            Cell(status_word(r.status), None, r.status),
        )
        for r in missed
    )
    return TableBlock(columns, body)


def report_blocks(report: Report, reviews: Sequence[PledgeReview], names: Names) -> list[Block]:
    blocks: list[Block] = [
        Heading(_("Year-end review of the {year} emulation pledges").format(year=report.year), 1)
    ]
    for review in reviews:
        pledge = review.pledge
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
        blocks.append(Heading(_("Cluster totals"), 3))
        blocks += [
            metric_table(review),
            tally_table(review),
        ]
        cluster = cluster_table(review)
        if cluster is not None:
            blocks.append(cluster)
        blocks.append(Heading(_("Ranking and emulation flag"), 3))
        blocks.append(ranking_table(review, names))
        blocks.append(Paragraph(nominee_text(review, names), strong=True))
        blocks.append(Heading(_("Targets not met"), 3))
        missed = missed_table(review, names)
        if missed is None:
            blocks.append(Paragraph(_("Every target was met.")))
        else:
            blocks.append(missed)
    blocks.append(Paragraph(_("Made with pledge {version}.").format(version=__version__)))
    return blocks


# -- history ------------------------------------------------------------------------


def _history_cell(point: Point | None, names: Names) -> Cell:
    if point is None:
        return Cell("", None)
    result = point.result
    text = cell_text(result)
    if isinstance(result.threshold, bool) is False:
        text += " (" + threshold_text(result.target, result.threshold) + ")"
    if point.via is not None:
        text += " " + _("as {province}").format(province=_name(names, point.via))
    return Cell(text, json_number(result.actual), result.status)


def history_blocks(outcome: HistoryOutcome) -> list[Block]:
    """One table per province (targets as rows, years as columns, a trend), then a legend."""
    names = outcome.names
    blocks: list[Block] = []
    by_province: dict[str, list[HistoryRow]] = {}
    for row in outcome.rows:
        by_province.setdefault(row.province, []).append(row)
    for province, province_rows in by_province.items():
        heading = _name(names, province)
        part_of = province_rows[0].part_of
        if part_of is not None:
            heading = _("{province} (merged into {successor})").format(
                province=heading, successor=_name(names, part_of)
            )
        blocks.append(Heading(heading))
        years = [y for y in outcome.years if any(y in row.points for row in province_rows)]
        columns = (
            Column("target", _("Target")),
            *(Column(str(year), str(year)) for year in years),
            Column("trend", _("Trend")),
        )
        body = tuple(
            (
                Cell(row.target, row.target),
                *(_history_cell(row.points.get(year), names) for year in years),
                Cell(sparkline(row.values())),
            )
            for row in province_rows
        )
        blocks.append(TableBlock(columns, body))
    shown = list(dict.fromkeys(row.target for row in outcome.rows))
    blocks.append(
        Bullets(
            tuple(
                _("{target} (as worded in {year}): {text}").format(
                    target=target,
                    year=outcome.worded.get(target, outcome.years[-1]),
                    text=outcome.targets[target].text,
                )
                for target in shown
                if target in outcome.targets
            )
        )
    )
    return blocks


def history_csv(outcome: HistoryOutcome) -> list[Block]:
    """Long format for scripts: one row per province, target and year."""
    columns = tuple(
        Column(key, key)
        for key in ("province", "target", "year", "cluster", "status", "actual", "threshold", "via")
    )
    body = tuple(
        (
            Cell(row.province, row.province),
            Cell(row.target, row.target),
            Cell(str(year), year),
            Cell(point.cluster, point.cluster),
            Cell(point.result.status.value, point.result.status.value),
            Cell("", json_number(point.result.actual)),
            Cell("", json_number(point.result.threshold)),
            Cell("", point.via),
        )
        for row in outcome.rows
        for year, point in sorted(row.points.items())
    )
    return [TableBlock(columns, body)]


def history_json(outcome: HistoryOutcome) -> dict[str, object]:
    return {
        "years": outcome.years,
        "rows": [
            {
                "province": row.province,
                "target": row.target,
                "part_of": row.part_of,
                "years": [
                    {
                        "year": year,
                        "cluster": point.cluster,
                        "status": point.result.status.value,
                        "actual": json_number(point.result.actual),
                        "threshold": json_number(point.result.threshold),
                        "via": point.via,
                    }
                    for year, point in sorted(row.points.items())
                ],
            }
            for row in outcome.rows
        ],
    }
