"""The scorecard as plain values, shared by the table and Markdown renderers."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from fractions import Fraction

from pledgecli.display import (
    boolean,
    fresh_value_text,
    gap_text,
    number,
    threshold_text,
    value_text,
)
from pledgecli.evaluate import Corrected, PledgeResults, Result, Status
from pledgecli.i18n import NC_, _, pgettext
from pledgecli.models import Scope, Target
from pledgecli.outcomes import Report
from pledgecli.render import target_label
from pledgecli.safe_text import visible

MARKS = {Status.MET: "✓", Status.MISSED: "✗", Status.NO_DATA: "?", Status.NO_BASELINE: "?"}
ASCII_MARKS = {Status.MET: "OK", Status.MISSED: "X", Status.NO_DATA: "?", Status.NO_BASELINE: "?"}
CELL = "table cell"
EMPTY = {
    Status.NO_DATA: NC_("table cell", "no data"),
    Status.NO_BASELINE: NC_("table cell", "no base"),
}
ASSEMBLED = "†"  # marks a value whose baseline was summed over former provinces
CORRECTED = "‡"  # marks a value judged on a figure the cluster corrected


@dataclass(frozen=True)
class Cell:
    status: Status | None
    text: str


@dataclass(frozen=True)
class Row:
    label: str
    cells: tuple[Cell, ...]
    met: str
    is_cluster: bool = False
    score: str = ""


@dataclass(frozen=True)
class LegendEntry:
    label: str
    target: Target
    threshold: str


Texts = dict[tuple[object, ...], str]  # a figure's text by (target, figure, threshold)
# Texts held at most, which bounds the memory: the distinct figures of a national review
# (27,654 at 3,321 units, 195,843 at 33,210: 7x for 10x units, as figures repeat), held
# once each for the whole review, so that its tables never make a text twice (a memo
# emptied when full makes it again for every figure after: 13x the texts for 10x units).
TEXTS_HELD = 1 << 18


def _exact(value: Fraction | bool | None) -> object:
    """A figure as a key: a Fraction as its two integers (hashed far faster than the
    Fraction, and never equal to ``True`` as ``Fraction(1)`` is)."""
    if isinstance(value, Fraction):
        return (value.numerator, value.denominator)
    return value


def figure_key(result: Result) -> tuple[object, ...]:
    """What a result's value and gap texts depend on: its target (by identity: the texts
    live while the pledge does), its figure and its threshold. A figure and a threshold
    that are both Fractions (nearly all) as one flat tuple of their terms, the smallest
    key (five items, never equal to the three of the others). Told by class: isinstance()
    against Fraction goes through its ABC, once per result of a national table."""
    actual, threshold = result.actual, result.threshold
    if type(actual) is Fraction and type(threshold) is Fraction:
        return (
            id(result.target),
            actual.numerator,
            actual.denominator,
            threshold.numerator,
            threshold.denominator,
        )
    return (id(result.target), _exact(actual), _exact(threshold))


def actual_text(result: Result, texts: Texts | None = None) -> str:
    """``value_text`` of a result's figure, looked up in ``texts`` (and kept there) when
    given: a national table repeats the same figures of a target thousands of times."""
    if texts is None:
        return value_text(result.target, result.actual, result.threshold)
    key = figure_key(result)
    text = texts.get(key)
    if text is None:
        if len(texts) >= TEXTS_HELD:
            texts.clear()
        # made anew: display's own memo would hold each text a second time
        text = texts[key] = fresh_value_text(result.target, result.actual, result.threshold)
    return text


def cell_text(result: Result, texts: Texts | None = None) -> str:
    """A result's cell: its value (or why there is none) and its marks (``texts``: see
    :func:`actual_text`)."""
    mark = ASSEMBLED if result.assembled else ""
    if result.corrected:
        mark += CORRECTED
    if result.status in EMPTY:
        return pgettext(CELL, EMPTY[result.status]) + mark
    return actual_text(result, texts) + mark


def assembled_notes(report: Report, results: Sequence[Result]) -> list[str]:
    """The footnote of the ``†`` mark: per baseline year, each province whose baseline was
    summed over former provinces merged into it, and what it was summed over."""
    groups: dict[int, dict[tuple[str, ...], None]] = {}
    for result in results:
        if result.baseline_year is None:
            continue
        for group in result.assembled:
            if len(group) > 1:
                groups.setdefault(result.baseline_year, {})[group] = None
    lines: list[str] = []
    for year in sorted(groups):
        lines.append(
            _("{mark} Baseline {year} assembled from former provinces:").format(
                mark=ASSEMBLED, year=year
            )
        )
        for group in groups[year]:
            lines.append(
                _("{province} = {parts}").format(
                    province=report.name_of(group[0]),
                    parts=" + ".join(report.name_of(p) for p in group),
                )
            )
    return lines


def figure_text(value: Fraction | bool | None) -> str:
    """A reported or verified figure as written in a report (``—``: not reported)."""
    if value is None:
        return "—"
    return boolean(value) if isinstance(value, bool) else number(value)


def correction_line(province: str, correction: Corrected) -> str:
    """One corrected figure: who (``province``, as named), which figure, reported and
    verified, why and by whom."""
    return _(
        "{province}, {metric} {year}: reported {reported}, verified {verified}: {reason} ({by})"
    ).format(
        province=province,
        metric=correction.metric,
        year=correction.year,
        reported=figure_text(correction.reported),
        verified=figure_text(correction.verified),
        reason=correction.reason,
        by=correction.by,
    )


def corrected_notes(report: Report, results: Sequence[Result]) -> list[str]:
    """The footnote of the ``‡`` mark: every figure the cluster corrected that a shown
    result was judged on, once each (the verified figure is the one judged)."""
    seen: dict[Corrected, None] = {}
    for result in results:
        for correction in result.corrected:
            seen.setdefault(correction, None)
    if not seen:
        return []
    heading = _("{mark} Judged on the figure verified by the cluster; reported figure and reason:")
    return [
        heading.format(mark=CORRECTED),
        *(correction_line(report.name_of(c.province), c) for c in seen),
    ]


def rows(report: Report, pledge_results: PledgeResults, texts: Texts | None = None) -> list[Row]:
    """One row per signatory, then one for the cluster when it has cluster-scope targets
    (``texts``: see :func:`actual_text`)."""
    pledge = pledge_results.pledge
    out: list[Row] = []
    members: list[str | None] = list(pledge.provinces)
    if any(t.scope is Scope.CLUSTER for t in pledge.targets):
        members.append(None)
    for member in members:
        by_target = {r.target.id: r for r in pledge_results.for_province(member)}
        cells = tuple(
            Cell(by_target[t.id].status, cell_text(by_target[t.id], texts))
            if t.id in by_target
            else Cell(None, "")
            for t in pledge.targets
        )
        met = sum(1 for r in by_target.values() if r.status is Status.MET)
        score = report.score_of(pledge.cluster, member)
        out.append(
            Row(
                report.name_of(member),
                cells,
                f"{met}/{len(by_target)}",
                member is None,
                number(score.score) if score is not None else "",
            )
        )
    return out


def legend(pledge_results: PledgeResults) -> list[LegendEntry]:
    pledge = pledge_results.pledge
    return [
        LegendEntry(
            target_label(index),
            target,
            threshold_text(
                target,
                target.threshold,
                pledge.baseline_year_of(target) if target.uses_baseline() else None,
            ),
        )
        for index, target in enumerate(pledge.targets)
    ]


def detail_rows(
    results: Sequence[Result], pledge_results: PledgeResults
) -> list[tuple[str, Result, str, str, str]]:
    """For one province: (label, result, threshold, actual, gap) per target."""
    pledge = pledge_results.pledge
    labels = {t.id: target_label(i) for i, t in enumerate(pledge.targets)}
    return [
        (
            labels[r.target.id],
            r,
            threshold_text(r.target, r.threshold, r.baseline_year),
            cell_text(r),
            gap_text(r),
        )
        for r in results
    ]


def title_facts(report: Report, pledge_results: PledgeResults) -> str:
    """The scorecard's second title line (the date signed, the leader), or ``""``: the
    same in the plain page and in Rich's (``render/table.py``)."""
    from pledgecli.display import date_text

    pledge = pledge_results.pledge
    facts = []
    if pledge.signed_on:
        facts.append(_("signed {date}").format(date=date_text(pledge.signed_on)))
    if pledge.leader:
        leader = visible(report.name_of(pledge.leader))
        facts.append(_("leader: {province}").format(province=leader))
    return ", ".join(facts)
