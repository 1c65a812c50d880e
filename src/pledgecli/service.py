"""What each command does, without a terminal: load, select, evaluate."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from pledgecli.dataset import DataSet
from pledgecli.diagnostics import Diagnostic, UserError, display_path, sort_key, with_lines
from pledgecli.evaluate import PledgeResults, Status, evaluate
from pledgecli.i18n import _, ngettext
from pledgecli.load import find_data_dir, load, pledge_years
from pledgecli.lookup import province_suggestion, resolve_province
from pledgecli.merger import baseline_members_of, merged_by, successor, year_end
from pledgecli.models import Pledge, Province
from pledgecli.names import did_you_mean
from pledgecli.outcomes import CheckOutcome, Report, Validation
from pledgecli.scoring import score_pledge
from pledgecli.verification import score_checks

if TYPE_CHECKING:  # imported where used: pledge check builds neither
    from pledgecli.review_outcomes import HistoryOutcome, ReviewOutcome


@dataclass(frozen=True)
class CheckRequest:
    year: int
    data: Path | None = None
    cluster: str | None = None
    province: str | None = None
    progress: Callable[[int, int], None] | None = None  # see load()


def diagnostics_of(data_set: DataSet) -> list[Diagnostic]:
    return sorted(with_lines(data_set.diagnostics), key=sort_key)


def run_validate(
    data: Path | None,
    progress: Callable[[int, int], None] | None = None,
    *,
    verbose: bool = False,
) -> Validation:
    data_set = load(find_data_dir(data), progress=progress)
    resolved = sorted(with_lines(data_set.resolved), key=sort_key) if verbose else []
    return Validation(diagnostics_of(data_set), data_set.files_checked, resolved)


def select_pledges(data: DataSet, year: int, cluster: str | None) -> list[Pledge]:
    """The year's pledges (or one cluster's); :class:`UserError` when there is none."""
    pledges = data.pledges.get(year, {})
    if not pledges:
        years = ", ".join(str(y) for y in data.pledge_years) or _("none")
        raise UserError(
            _("no pledge for {year} in {path}").format(
                year=year, path=display_path(data.root / "pledges")
            ),
            _("years with pledges: {years}").format(years=years),
        )
    if cluster is None:
        return [pledges[c] for c in sorted(pledges)]
    if cluster not in pledges:
        raise UserError(
            _('no pledge of cluster "{cluster}" for {year}').format(cluster=cluster, year=year),
            did_you_mean(cluster, pledges)
            or _("{year} pledges: {clusters}").format(
                year=year, clusters=", ".join(sorted(pledges))
            ),
        )
    return [pledges[cluster]]


def run_check(request: CheckRequest) -> CheckOutcome:
    """Load what ``request.year`` needs; refuse invalid data; judge the selected pledges."""
    return _judge(request)[0]


def _judge(request: CheckRequest) -> tuple[CheckOutcome, DataSet]:
    root = find_data_dir(request.data)
    data_set = load(root, request.year, progress=request.progress)
    diagnostics = diagnostics_of(data_set)
    if not data_set.ok:
        errors = sum(1 for d in diagnostics if d.severity == "error")
        raise UserError(
            diagnostics,
            closing=ngettext(
                "error: {count} problem in {path}; nothing was judged (see pledge validate)",
                "error: {count} problems in {path}; nothing was judged (see pledge validate)",
                errors,
            ).format(count=errors, path=root),
        )
    notes: list[str] = []
    pledges = data_set.pledges.get(request.year, {})
    selected = [p.cluster for p in select_pledges(data_set, request.year, request.cluster)]
    province: str | None = None
    if request.province is not None:
        province = resolve_province(request.province, data_set.provinces)
        if province is None:
            message = _('unknown province "{province}"').format(province=request.province)
            raise UserError(message, province_suggestion(request.province, data_set.provinces))
        province, note = follow_merger(data_set, province, request.year, pledges.values())
        if note is not None:
            notes.append(note)
        selected = [c for c in selected if province in pledges[c].provinces]
        if not selected:
            raise UserError(
                _("{province} signs no {year} pledge").format(
                    province=data_set.province_name(province), year=request.year
                ),
                _("{year} pledges: {clusters}").format(
                    year=request.year, clusters=", ".join(sorted(pledges))
                ),
            )
    members = baseline_members_of(data_set.provinces)
    results = tuple(evaluate(pledges[c], data_set.actuals, members) for c in selected)
    names = {pid: p.name for pid, p in data_set.provinces.items()}
    reports = data_set.actuals.get(request.year, {})
    scores = {r.pledge.cluster: score_pledge(r, reports) for r in results}
    checks = {
        r.pledge.cluster: score_checks(r, data_set.actuals, scores[r.pledge.cluster], members)
        for r in results
    }
    report = Report(request.year, results, names, province, scores, checks)
    outcome = CheckOutcome(report, _all_met(report, results), diagnostics, notes)
    return outcome, data_set


def follow_merger(
    data_set: DataSet, province: str, year: int, pledges: Iterable[Pledge]
) -> tuple[str, str | None]:
    """A former province typed for a year it no longer existed at the end of (and signs no
    pledge of) means its successor; returns the province to show and a note saying so."""
    from pledgecli.display import date_text

    if any(province in pledge.provinces for pledge in pledges):
        return province, None
    entry = data_set.provinces[province]
    if entry.merged_on is None or not merged_by(entry, year_end(year)):
        return province, None
    current = successor(data_set.provinces, province, year_end(year))
    note = _("{former} merged into {successor} on {date}; showing {successor}").format(
        former=entry.name,
        successor=data_set.province_name(current),
        date=date_text(entry.merged_on),
    )
    return current, note


def _all_met(report: Report, results: tuple[PledgeResults, ...]) -> bool:
    shown = [r for pr in results for r in report.shown(pr)]
    return all(r.status is Status.MET for r in shown)


def run_review(request: CheckRequest) -> ReviewOutcome:
    """Judge as ``check`` does, then score, rank and total every selected pledge."""
    from pledgecli.review import review
    from pledgecli.review_outcomes import ReviewOutcome

    outcome, data_set = _judge(request)
    reports = data_set.actuals.get(request.year, {})
    names = outcome.report.province_names
    scores = outcome.report.scores
    reviews = [
        review(
            results,
            reports,
            names,
            scores.get(results.pledge.cluster),
            outcome.report.checks.get(results.pledge.cluster),
        )
        for results in outcome.report.pledges
    ]
    return ReviewOutcome(outcome.report, reviews, outcome.warnings, outcome.notes)


def run_history(
    data: Path | None,
    province: str | None,
    target: str | None,
    year_from: int | None,
    year_to: int | None,
) -> HistoryOutcome:
    """Judge every pledge year in the range, then follow a province and target through them."""
    from pledgecli.history import history
    from pledgecli.review_outcomes import HistoryOutcome

    root = find_data_dir(data)
    years_with_pledges = pledge_years(root)
    years = [
        y
        for y in years_with_pledges
        if (year_from is None or y >= year_from) and (year_to is None or y <= year_to)
    ]
    if not years:
        raise UserError(
            _("no pledge between {start} and {end}").format(
                start=year_from or "…", end=year_to or "…"
            ),
            _("years with pledges: {years}").format(
                years=", ".join(str(y) for y in years_with_pledges) or _("none")
            ),
        )
    judged: list[tuple[int, PledgeResults]] = []
    warnings: list[Diagnostic] = []
    registry: dict[str, Province] = {}
    for year in years:
        try:
            outcome, data_set = _judge(CheckRequest(year, root))
        except UserError as error:  # what earlier years warned of, then this year's problems
            said = [*warnings, *(d for d in error.diagnostics if d not in warnings)]
            raise UserError(said, closing=error.closing) from None
        warnings += [d for d in outcome.warnings if d not in warnings]
        registry = data_set.provinces
        judged += [(year, results) for results in outcome.report.pledges]
    targets = {t.id: t for _, results in judged for t in results.pledge.targets}
    worded = {t.id: year for year, results in judged for t in results.pledge.targets}
    wanted = None
    if province is not None:
        wanted = resolve_province(province, registry)
        if wanted is None:
            message = _('unknown province "{province}"').format(province=province)
            raise UserError(message, province_suggestion(province, registry))
    if target is not None and target not in targets:
        raise UserError(
            _('no target "{target}" in the pledges of {start}–{end}').format(
                target=target, start=years[0], end=years[-1]
            ),
            did_you_mean(target, targets),
        )
    rows = history(judged, registry, wanted, target)
    if not rows:
        raise UserError(
            _("{province} has no results in {start}–{end}").format(
                province=registry[wanted].name if wanted else "", start=years[0], end=years[-1]
            )
        )
    names = {pid: p.name for pid, p in registry.items()}
    return HistoryOutcome(rows, years, names, targets, warnings, worded=worded)
