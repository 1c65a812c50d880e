"""Checks across files, run once everything is read: beancount's validation style.

Each check is a function ``(DataSet) -> list[Diagnostic]``; ``CHECKS`` is the
immutable tuple of them, run in order. A new check is a function added there.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence

from pledgecli.dataset import DataSet
from pledgecli.diagnostics import Diagnostic, KeyPath
from pledgecli.figures import MetricValue
from pledgecli.i18n import _
from pledgecli.merger import baseline_members_of
from pledgecli.models import Pledge, Rule, Target
from pledgecli.names import did_you_mean

Check = Callable[[DataSet], list[Diagnostic]]


def metric_types(data: DataSet) -> list[Diagnostic]:
    """A figure of the wrong kind: a number where a target wants true or false, or back;
    in the pledge's year and in the baseline year of its growth targets."""
    found: list[Diagnostic] = []
    members = baseline_members_of(data.provinces)  # one index of mergers for every target
    if _all_fit(data, members):  # the usual case: nothing to say, found in one pass
        return found
    for year, pledges in data.pledges.items():
        for pledge in pledges.values():
            for target in pledge.targets:
                found += _check_metric_types(data, pledge, target, year)
                if target.rule.is_growth:
                    base_year = pledge.baseline_year_of(target)
                    assembled = {
                        m: None for p in pledge.provinces for m in members(p, base_year, year)
                    }
                    found += _check_metric_types(data, pledge, target, base_year, tuple(assembled))
    return found


def _all_fit(data: DataSet, members: Callable[[str, int, int], tuple[str, ...]]) -> bool:
    """Whether every report ``metric_types`` reads has no corrections and every figure of
    the kind its targets want: each report checked once against the metrics of all of them
    (one year's yes-no metrics, then its numbers), rather than once per target."""
    wanted: dict[int, tuple[set[str], set[str], dict[str, None]]] = {}
    for year, pledges in data.pledges.items():
        for pledge in pledges.values():
            # whose reports a pledge asks for in a year (its signatories; in a baseline
            # year, their baseline members): added once, not once per target (33,210
            # provinces each time, and their members worked out again)
            added: set[tuple[int, bool]] = set()
            for target in pledge.targets:
                needed = [m for m in (target.metric, target.per) if m is not None]
                years = [(year, False)]
                if target.rule.is_growth:
                    years.append((pledge.baseline_year_of(target), True))
                for checked_year, baseline in years:
                    flags, numbers, who = wanted.setdefault(checked_year, (set(), set(), {}))
                    (flags if target.rule is Rule.MUST_BE else numbers).update(needed)
                    if (checked_year, baseline) in added:
                        continue
                    added.add((checked_year, baseline))
                    if baseline:
                        who.update(
                            dict.fromkeys(
                                m for p in pledge.provinces for m in members(p, checked_year, year)
                            )
                        )
                    else:
                        who.update(dict.fromkeys(pledge.provinces))
    for year, (flags, numbers, who) in wanted.items():
        if flags & numbers:
            return False  # one metric wanted as both: let the full check say where
        reports = data.actuals.get(year, {})
        flag_list, number_list = list(flags), list(numbers)
        for province in who:
            actuals = reports.get(province)
            if actuals is None:
                continue
            metrics = actuals.metrics
            if (
                actuals.corrections
                or not _fits(metrics, flag_list, True)
                or not _fits(metrics, number_list, False)
            ):
                return False
    return True


def misspelled_metrics(data: DataSet) -> list[Diagnostic]:
    """A metric a target needs is missing from a report that has one spelt much like it."""
    found: list[Diagnostic] = []
    for year, pledges in data.pledges.items():
        found += _check_misspelled_metrics(data, year, pledges.values())
    return found


def implausible_figures(data: DataSet) -> list[Diagnostic]:
    """Figures that cannot be right (warnings): a fraction or a percentage in a count, a
    part larger than its whole, a change of ten times or more against last year."""
    from pledgecli.plausibility import check_reports

    return [w.diagnostic(data.catalog) for w in check_reports(data.catalog, data.actuals)]


CHECKS: tuple[Check, ...] = (metric_types, misspelled_metrics, implausible_figures)
# What a command that only refuses data with errors needs (``pledge template``): the
# others only warn (a national data set's 6,600 reports: 80 ms of implausible figures).
WARNING_CHECKS = frozenset({misspelled_metrics, implausible_figures})
ERROR_CHECKS: tuple[Check, ...] = tuple(c for c in CHECKS if c not in WARNING_CHECKS)


def run_checks(data: DataSet, checks: Sequence[Check] = CHECKS) -> list[Diagnostic]:
    """Every check's diagnostics, in the order of ``checks``."""
    return [diagnostic for check in checks for diagnostic in check(data)]


def _check_metric_types(
    data: DataSet,
    pledge: Pledge,
    target: Target,
    year: int,
    provinces: Sequence[str] | None = None,
) -> list[Diagnostic]:
    found: list[Diagnostic] = []
    wants_bool = target.rule is Rule.MUST_BE
    reports = data.actuals.get(year, {})
    needed = [m for m in (target.metric, target.per) if m is not None]
    for province in pledge.provinces if provinces is None else provinces:
        actuals = reports.get(province)
        if actuals is None:
            continue
        if not actuals.corrections and _fits(actuals.metrics, needed, wants_bool):
            continue  # the usual case: nothing to say, said without building anything
        checked: list[tuple[str, MetricValue | None, KeyPath]] = [
            (m, actuals.metrics.get(m), ("metrics", m)) for m in needed
        ]
        if actuals.corrections:  # a verified figure is judged too: it must fit the target
            checked += [
                (m, actuals.corrections[m].value, ("corrections", m, "value"))
                for m in needed
                if m in actuals.corrections
            ]
        for metric, value, key in checked:
            if value is None or isinstance(value, bool) == wants_bool:
                continue
            expected = _("true or false") if wants_bool else _("a number")
            shown = str(value).lower() if isinstance(value, bool) else str(value)
            found.append(
                Diagnostic(
                    actuals.path,
                    _(
                        '{metric} must be {expected} (target "{target}" of {cluster} {year}), not {value}'
                    ).format(
                        metric=metric,
                        expected=expected,
                        target=target.id,
                        cluster=pledge.cluster,
                        year=pledge.year,
                        value=shown,
                    ),
                    key=key,
                )
            )
    return found


def _fits(metrics: Mapping[str, MetricValue], needed: Sequence[str], wants_bool: bool) -> bool:
    """Whether every figure of ``needed`` that ``metrics`` has is of the kind wanted."""
    for metric in needed:
        value = metrics.get(metric)
        if value is not None and (type(value) is bool) != wants_bool:
            return False
    return True


def _check_misspelled_metrics(
    data: DataSet, year: int, pledges: Iterable[Pledge]
) -> list[Diagnostic]:
    found: list[Diagnostic] = []
    for pledge in pledges:
        needed = {m for t in pledge.targets for m in (t.metric, t.per) if m is not None}
        for province in pledge.provinces:
            actuals = data.actuals.get(year, {}).get(province)
            if actuals is None:
                continue
            absent = needed.difference(actuals.metrics)
            if not absent:  # the usual case: nothing to suggest
                continue
            unused = [m for m in actuals.metrics if m not in needed]
            for metric in sorted(absent):
                hint = did_you_mean(metric, unused)
                if hint is None:
                    continue
                found.append(
                    Diagnostic(
                        actuals.path,
                        _("{metric} is missing, so targets that need it have no data").format(
                            metric=metric
                        ),
                        hint=hint,
                        severity="warning",
                        key=("metrics",),
                    )
                )
    return found
