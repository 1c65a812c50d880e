"""Judge a pledge: pure functions from a pledge and actuals to results, exact arithmetic."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from enum import StrEnum
from fractions import Fraction

from pledgecli.models import Actuals, MetricValue, Pledge, Rule, Scope, Target, Threshold

ActualsByYear = Mapping[int, Mapping[str, Actuals]]


class Status(StrEnum):
    MET = "met"
    MISSED = "missed"
    NO_DATA = "no-data"
    NO_BASELINE = "no-baseline"


@dataclass(frozen=True)
class Result:
    """One target judged for one province (``province is None``: the whole cluster)."""

    target: Target
    province: str | None
    status: Status
    threshold: Threshold
    actual: Fraction | bool | None = None
    baseline: Fraction | None = None
    baseline_year: int | None = None
    missing: tuple[str, ...] = ()

    @property
    def gap(self) -> Fraction | None:
        """actual - threshold (in the target's unit); positive means above it."""
        if isinstance(self.actual, Fraction) and isinstance(self.threshold, Fraction):
            return self.actual - self.threshold
        return None


@dataclass(frozen=True)
class PledgeResults:
    pledge: Pledge
    results: tuple[Result, ...]

    def for_province(self, province: str | None) -> list[Result]:
        return [r for r in self.results if r.province == province]

    def cluster_results(self) -> list[Result]:
        return self.for_province(None)


@dataclass(frozen=True)
class _Missing:
    what: tuple[str, ...]
    zero_denominator: bool = False


def evaluate(pledge: Pledge, actuals: ActualsByYear) -> PledgeResults:
    """Every province-scope target for every signatory, then every cluster-scope target."""
    results: list[Result] = []
    for province in pledge.provinces:
        for target in pledge.targets:
            if target.scope is Scope.PROVINCE:
                results.append(judge(pledge, target, actuals, (province,), province))
    for target in pledge.targets:
        if target.scope is Scope.CLUSTER:
            results.append(judge(pledge, target, actuals, tuple(pledge.provinces), None))
    return PledgeResults(pledge, tuple(results))


def judge(
    pledge: Pledge,
    target: Target,
    actuals: ActualsByYear,
    members: Sequence[str],
    province: str | None,
) -> Result:
    """Judge ``target`` on the pooled figures of ``members`` (one province, or all)."""
    threshold = target.threshold_for(province)
    current = measure(target, actuals.get(pledge.year, {}), members, pledge.year)
    if isinstance(current, _Missing):
        return Result(target, province, Status.NO_DATA, threshold, missing=current.what)
    if isinstance(current, bool):
        assert isinstance(threshold, bool)
        met = current == threshold
        return Result(target, province, Status.MET if met else Status.MISSED, threshold, current)
    if target.rule is Rule.GROWTH_AT_LEAST:
        base_year = pledge.baseline_year_of(target)
        base = measure(target, actuals.get(base_year, {}), members, base_year)
        if isinstance(base, (_Missing, bool)) or base == 0:
            missing = (
                base.what if isinstance(base, _Missing) else (f"{target.metric} {base_year} = 0",)
            )
            return Result(
                target,
                province,
                Status.NO_BASELINE,
                threshold,
                baseline_year=base_year,
                missing=missing,
            )
        growth = current / base - 1
        return _compare(target, province, growth, threshold, base, base_year)
    return _compare(target, province, current, threshold, None, None)


def _compare(
    target: Target,
    province: str | None,
    actual: Fraction,
    threshold: Threshold,
    baseline: Fraction | None,
    baseline_year: int | None,
) -> Result:
    assert isinstance(threshold, Fraction)
    met = actual <= threshold if target.rule is Rule.AT_MOST else actual >= threshold
    status = Status.MET if met else Status.MISSED
    return Result(target, province, status, threshold, actual, baseline, baseline_year)


def measure(
    target: Target, reports: Mapping[str, Actuals], members: Sequence[str], year: int
) -> MetricValue | _Missing:
    """The target's figure for ``members`` pooled: sums, then one division for ratios."""
    missing: list[str] = []
    numerator = Fraction(0)
    denominator = Fraction(0)
    flags: list[bool] = []
    for member in members:
        report = reports.get(member)
        if report is None:
            missing.append(f"{member} {year}: no report")
            continue
        lacking = [
            f"{member} {year}: {metric}"
            for metric in (target.metric, target.per)
            if metric is not None and metric not in report.metrics
        ]
        if lacking:
            missing.extend(lacking)
            continue
        value = report.metrics[target.metric]
        if isinstance(value, bool):
            flags.append(value)
            continue
        numerator += value
        if target.per is not None:
            per = report.metrics[target.per]
            assert not isinstance(per, bool)
            denominator += per
    if missing:
        return _Missing(tuple(missing))
    if flags:
        threshold = target.threshold
        return threshold if all(f == threshold for f in flags) else not threshold
    if target.per is None:
        return numerator
    if denominator == 0:
        return _Missing((f"{target.per} {year} = 0",), zero_denominator=True)
    return numerator / denominator


def exit_status(all_results: Sequence[PledgeResults]) -> int:
    """0 when every evaluated result is met, else 1."""
    met = all(r.status is Status.MET for pr in all_results for r in pr.results)
    return 0 if met else 1
