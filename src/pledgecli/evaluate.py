"""Judge a pledge: pure functions from a pledge and actuals to results, exact arithmetic."""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, replace
from fractions import Fraction
from functools import cached_property

from pledgecli.exact import comparison, figure, fraction, holds, ratio
from pledgecli.exact import exact_sum as exact_sum
from pledgecli.figures import MetricValue, Threshold
from pledgecli.models import Actuals, Pledge, Scope, Target
from pledgecli.results import Corrected as Corrected
from pledgecli.results import Result as Result
from pledgecli.results import Status as Status
from pledgecli.results import plain_result

ActualsByYear = Mapping[int, Mapping[str, Actuals]]


@dataclass(frozen=True)
class PledgeResults:
    pledge: Pledge
    results: tuple[Result, ...]

    def for_province(self, province: str | None) -> list[Result]:
        return list(self._by_province.get(province, ()))

    @cached_property
    def _by_province(self) -> dict[str | None, list[Result]]:
        # One pass instead of a scan per province: renderers and scoring ask for every one.
        index: dict[str | None, list[Result]] = {}
        for result in self.results:
            index.setdefault(result.province, []).append(result)
        return index

    def cluster_results(self) -> list[Result]:
        return self.for_province(None)


@dataclass(frozen=True)
class _Missing:
    what: tuple[str, ...]


BaselineMembers = Callable[[str, int, int], tuple[str, ...]]


def _alone(province: str, baseline_year: int, year: int) -> tuple[str, ...]:
    return (province,)


def evaluate(
    pledge: Pledge, actuals: ActualsByYear, baseline_members: BaselineMembers | None = None
) -> PledgeResults:
    """Every province-scope target for every signatory, then every cluster-scope target.

    ``baseline_members(province, baseline_year, year)`` names the provinces whose
    baseline-year figures make up a province's baseline (``pledgecli.merger`` builds it
    from the registry); without it every province is its own baseline.
    """
    results: list[Result] = []
    corrected = any_corrections(actuals)
    reports = actuals.get(pledge.year, {})
    # Per target, the baseline year's reports of a growth target (else None).
    plans: dict[str, tuple[int, Mapping[str, Actuals]] | None] = {}
    for target in pledge.targets:
        if target.rule.is_growth:
            base_year = pledge.baseline_year_of(target)
            plans[target.id] = (base_year, actuals.get(base_year, {}))
        else:
            plans[target.id] = None
    members = baseline_members or _alone
    judged = [
        (t, _simple(t), plans[t.id], t.overrides) for t in pledge.targets if t.scope is Scope.PROVINCE
    ]
    met, missed = Status.MET, Status.MISSED
    for province in pledge.provinces:
        report = reports.get(province)
        # a report with corrections: ``judge`` names them in each of its results
        direct = report is not None and not report.corrections
        metrics = report.metrics if report is not None else {}
        for target, simple, plan, overrides in judged:
            if direct:
                if simple is not None and province not in overrides:
                    # ``_judge_plain`` inline for the usual targets: a figure (or a ratio)
                    # against a number, a yes-no figure against true or false
                    metric, per, threshold, numerator, denominator, compare = simple
                    value = metrics.get(metric)
                    if compare is None:  # must_be: the figure is what is judged
                        if type(value) is bool:
                            status = met if value == threshold else missed
                            results.append(plain_result(target, province, status, threshold, value))
                            continue
                    elif type(value) is Fraction:
                        if per is not None:
                            value = ratio(value, metrics.get(per))
                        if value is not None:
                            vn, vd = value.as_integer_ratio()  # one call, not two properties
                            status = met if compare(vn * denominator, numerator * vd) else missed
                            results.append(plain_result(target, province, status, threshold, value))
                            continue
                result = _judge_plain(pledge.year, target, metrics, province, plan, members)
                if result is not None:
                    results.append(result)
                    continue
            results.append(
                judge(pledge, target, actuals, (province,), province, baseline_members, corrected)
            )
    for target in pledge.targets:
        if target.scope is Scope.CLUSTER:
            everyone = tuple(pledge.provinces)
            results.append(
                judge(pledge, target, actuals, everyone, None, baseline_members, corrected)
            )
    return PledgeResults(pledge, tuple(results))


_Simple = tuple[str, str | None, Threshold, int, int, Callable[[int, int], bool] | None]


def _simple(target: Target) -> _Simple | None:
    """A target judged on one figure (or ratio) against a number, or on a yes-no figure
    (``must_be``): its metric, ``per``, threshold (a number also in integers) and comparison
    (None for must_be); None for growth, whose baseline ``_judge_plain`` finds."""
    threshold = target.threshold
    if target.rule.is_growth:
        return None
    if type(threshold) is bool:
        if target.per is not None:
            return None
        return target.metric, None, threshold, 0, 1, None
    assert isinstance(threshold, Fraction)
    rule = comparison(target.rule)
    return target.metric, target.per, threshold, threshold.numerator, threshold.denominator, rule


def _judge_plain(
    year: int,
    target: Target,
    metrics: Mapping[str, MetricValue],
    province: str,
    growth: tuple[int, Mapping[str, Actuals]] | None,
    baseline_members: BaselineMembers,
) -> Result | None:
    """``judge``'s result for one province whose report (and baseline report, ``growth``)
    has no corrections and holds what the target needs, without pooling; else ``None``."""
    threshold = target.threshold_for(province)
    if type(threshold) is bool:  # must_be
        value = metrics.get(target.metric)
        if type(value) is not bool or target.per is not None:
            return None
        expected = target.threshold
        current = expected if value == expected else not expected
        met = current == threshold
        return plain_result(
            target, province, Status.MET if met else Status.MISSED, threshold, current
        )
    assert isinstance(threshold, Fraction)
    value = figure(target, metrics)
    if value is None:
        return None
    if growth is None:
        met = holds(target.rule, value, threshold)
        return plain_result(
            target, province, Status.MET if met else Status.MISSED, threshold, value
        )
    base_year, base_reports = growth
    if baseline_members(province, base_year, year) != (province,):
        return None  # a merged province: its baseline is assembled
    base_report = base_reports.get(province)
    if base_report is None or base_report.corrections:
        return None
    base = figure(target, base_report.metrics)
    if base is None:
        return None
    bn, bd = base.as_integer_ratio()
    if not bn:
        return None
    # value / base - 1, made once: (cn * bd - bn * cd) / (cd * bn)
    cn, cd = value.as_integer_ratio()
    change = fraction(cn * bd - bn * cd, cd * bn)
    met = holds(target.rule, change, threshold)
    status = Status.MET if met else Status.MISSED
    return plain_result(target, province, status, threshold, change, base, base_year)


def judge(
    pledge: Pledge,
    target: Target,
    actuals: ActualsByYear,
    members: Sequence[str],
    province: str | None,
    baseline_members: BaselineMembers | None = None,
    corrections: bool | None = None,
) -> Result:
    """Judge ``target`` on the pooled figures of ``members`` (one province, or all).

    A growth target's baseline pools each member's ``baseline_members`` (a merged
    province's predecessors), numerators and denominators alike. Figures are the
    verified ones (``Actuals.verified``); the result names those that were corrected.
    ``corrections``: whether any report of ``actuals`` has corrections, when known.
    """
    result = _judge(pledge, target, actuals, members, province, baseline_members)
    if not (any_corrections(actuals) if corrections is None else corrections):
        return result
    corrected = _corrected(target, actuals.get(pledge.year, {}), members, pledge.year)
    if target.rule.is_growth and result.status is not Status.NO_DATA:
        base_year = pledge.baseline_year_of(target)
        pooled = tuple(
            dict.fromkeys(
                p for m in members for p in (baseline_members or _alone)(m, base_year, pledge.year)
            )
        )
        corrected += _corrected(target, actuals.get(base_year, {}), pooled, base_year)
    return replace(result, corrected=corrected) if corrected else result


def any_corrections(actuals: ActualsByYear) -> bool:
    """Whether any report of ``actuals`` carries corrections."""
    return any(r.corrections for reports in actuals.values() for r in reports.values())


def _corrected(
    target: Target, reports: Mapping[str, Actuals], members: Sequence[str], year: int
) -> tuple[Corrected, ...]:
    out: list[Corrected] = []
    for member in members:
        report = reports.get(member)
        if report is None or not report.corrections:
            continue
        for metric in (target.metric, target.per):
            correction = report.corrections.get(metric) if metric is not None else None
            if metric is not None and correction is not None:
                out.append(
                    Corrected(
                        member,
                        year,
                        metric,
                        report.metrics.get(metric),
                        correction.value,
                        correction.reason,
                        correction.by,
                    )
                )
    return tuple(out)


def _judge(
    pledge: Pledge,
    target: Target,
    actuals: ActualsByYear,
    members: Sequence[str],
    province: str | None,
    baseline_members: BaselineMembers | None = None,
) -> Result:
    threshold = target.threshold_for(province)
    current = measure(target, actuals.get(pledge.year, {}), members, pledge.year)
    if isinstance(current, _Missing):
        return Result(target, province, Status.NO_DATA, threshold, missing=current.what)
    if isinstance(current, bool):
        assert isinstance(threshold, bool)
        met = current == threshold
        return Result(target, province, Status.MET if met else Status.MISSED, threshold, current)
    if target.rule.is_growth:
        base_year = pledge.baseline_year_of(target)
        assembled: tuple[tuple[str, ...], ...]
        if len(members) == 1:  # one province: the same as below, without the generators
            group = (baseline_members or _alone)(members[0], base_year, pledge.year)
            assembled = (group,) if group != (members[0],) else ()
            pooled = group
        else:
            groups = tuple((baseline_members or _alone)(m, base_year, pledge.year) for m in members)
            assembled = (
                groups if any(g != (m,) for g, m in zip(groups, members, strict=True)) else ()
            )
            pooled = tuple(dict.fromkeys(p for group in groups for p in group))
        base = measure(target, actuals.get(base_year, {}), pooled, base_year)
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
                assembled=assembled,
            )
        # current / base - 1, made once: (cn * bd - bn * cd) / (cd * bn); base > 0 here
        cn, cd, bn, bd = current.numerator, current.denominator, base.numerator, base.denominator
        growth = fraction(cn * bd - bn * cd, cd * bn)
        return _compare(target, province, growth, threshold, base, base_year, assembled)
    return _compare(target, province, current, threshold, None, None)


def _compare(
    target: Target,
    province: str | None,
    actual: Fraction,
    threshold: Threshold,
    baseline: Fraction | None,
    baseline_year: int | None,
    assembled: tuple[tuple[str, ...], ...] = (),
) -> Result:
    assert isinstance(threshold, Fraction)
    met = holds(target.rule, actual, threshold)
    status = Status.MET if met else Status.MISSED
    return Result(
        target, province, status, threshold, actual, baseline, baseline_year, (), assembled
    )


def measure(
    target: Target, reports: Mapping[str, Actuals], members: Sequence[str], year: int
) -> MetricValue | _Missing:
    """The target's figure for ``members`` pooled: sums, then one division for ratios."""
    if len(members) == 1:
        return _measure_one(target, reports.get(members[0]), members[0], year)
    missing: list[str] = []
    numerators: list[Fraction] = []
    denominators: list[Fraction] = []
    flags: list[bool] = []
    metric, per_metric = target.metric, target.per
    for member in members:
        report = reports.get(member)
        if report is None:
            missing.append(f"{member} {year}: no report")
            continue
        metrics = report.verified
        if metric not in metrics or (per_metric is not None and per_metric not in metrics):
            missing.extend(
                f"{member} {year}: {m}"
                for m in (metric, per_metric)
                if m is not None and m not in metrics
            )
            continue
        value = metrics[metric]
        if isinstance(value, bool):
            flags.append(value)
            continue
        numerators.append(value)
        if per_metric is not None:
            per = metrics[per_metric]
            assert not isinstance(per, bool)
            denominators.append(per)
    if missing:
        return _Missing(tuple(missing))
    if flags:
        threshold = target.threshold
        return threshold if all(f == threshold for f in flags) else not threshold
    numerator = _total(numerators)
    if per_metric is None:
        return numerator
    denominator = _total(denominators)
    if denominator == 0:
        return _Missing((f"{target.per} {year} = 0",))
    return numerator / denominator


def _measure_one(
    target: Target, report: Actuals | None, member: str, year: int
) -> MetricValue | _Missing:
    """``measure`` for one province, without the lists and sums of pooling (the same
    answers; national data asks this 100,000 times)."""
    if report is None:
        return _Missing((f"{member} {year}: no report",))
    metrics, metric, per_metric = report.verified, target.metric, target.per
    value = metrics.get(metric)
    if value is None or (per_metric is not None and per_metric not in metrics):
        return _Missing(
            tuple(
                f"{member} {year}: {m}"
                for m in (metric, per_metric)
                if m is not None and m not in metrics
            )
        )
    if isinstance(value, bool):
        threshold = target.threshold
        return threshold if value == threshold else not threshold
    if per_metric is None:
        return value
    per = metrics[per_metric]
    assert not isinstance(per, bool)
    if per == 0:
        return _Missing((f"{per_metric} {year} = 0",))
    return value / per


def _total(values: Sequence[Fraction]) -> Fraction:
    # One province's figure as it is: a Fraction sum costs more than judging it.
    return values[0] if len(values) == 1 else exact_sum(values)
