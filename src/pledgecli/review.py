"""The year-end review of a pledge: scores, ranking, nominee and cluster totals (pure)."""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass, field
from fractions import Fraction
from functools import partial
from math import lcm
from operator import attrgetter, is_not, methodcaller, mul

from pledgecli.evaluate import PledgeResults, Result, Status
from pledgecli.models import Actuals, Pledge, Target
from pledgecli.ratings import Nomination, bands_of, nominations
from pledgecli.scoring import Nominee, ProvinceScore, Ranked, nominee, rank, score_pledge
from pledgecli.verification import ScoreCheck


@dataclass(frozen=True)
class MetricTotal:
    """A metric summed over the signatories that reported it (booleans: how many said yes)."""

    metric: str
    total: Fraction
    reported: int
    signatories: int
    is_flag: bool


@dataclass(frozen=True)
class TargetTally:
    """How many signatories met, missed or lacked data for one province-scope target."""

    target: Target
    counts: Mapping[Status, int]


@dataclass(frozen=True)
class PledgeReview:
    results: PledgeResults
    scores: Mapping[str, ProvinceScore]
    ranking: tuple[Ranked, ...]
    nominee: Nominee
    metric_totals: tuple[MetricTotal, ...]
    tallies: tuple[TargetTally, ...]
    bands: Mapping[str, str | None] = field(default_factory=dict)
    """Each signatory's rating band (None: no bands, or below every bound)."""
    flag: Nomination | None = None
    certificates: Nomination | None = None
    checks: Mapping[str, ScoreCheck] = field(default_factory=dict)
    """Each signatory's score on the reported and on the verified figures, and its own."""

    @property
    def pledge(self) -> Pledge:
        return self.results.pledge

    def cluster_results(self) -> list[Result]:
        return self.results.cluster_results()

    def missed(self) -> list[Result]:
        """Every result that is not met, signatories first (in pledge order), then the cluster."""
        return [r for r in self.results.results if r.status is not Status.MET]


def metric_totals(pledge: Pledge, reports: Mapping[str, Actuals]) -> list[MetricTotal]:
    """Every metric the pledge uses (``metric`` and ``per``), in the order targets name them."""
    metrics: dict[str, None] = {}  # ordered, and a lookup per target stays constant
    for target in pledge.targets:
        for metric in (target.metric, target.per):
            if metric is not None:
                metrics.setdefault(metric)
    out = []
    verified = [reports[p].verified for p in pledge.provinces if p in reports]
    for metric in metrics:
        values = list(filter(_PRESENT, map(methodcaller("get", metric), verified)))
        is_flag = bool(values) and all(type(v) is bool for v in values)
        out.append(MetricTotal(metric, _total(values), len(values), len(pledge.provinces), is_flag))
    return out


def _total(values: list[Fraction | bool]) -> Fraction:
    """``sum(values, Fraction(0))`` (a boolean counts 1 or 0) without a Fraction per
    addition: each value's terms taken in one call, the numerators brought to their least
    common denominator and added as integers, by calls over the whole list (a national
    total adds 3,321 figures)."""
    if not values:
        return Fraction(0)
    numerators, denominators = zip(*map(_TERMS, values), strict=True)
    common = lcm(*set(denominators))
    if common == 1:  # whole figures only (and yes/no)
        return Fraction(sum(numerators))
    if common > _LARGEST_COMMON:  # far-apart decimals: over each denominator
        by_denominator: dict[int, int] = {}
        for numerator, denominator in zip(numerators, denominators, strict=True):
            by_denominator[denominator] = by_denominator.get(denominator, 0) + numerator
        total = Fraction(0)
        for denominator, numerator in by_denominator.items():
            total += Fraction(numerator, denominator)
        return total
    scales = map(common.__floordiv__, denominators)
    return Fraction(sum(map(mul, numerators, scales)), common)


_TERMS = methodcaller("as_integer_ratio")  # a fraction's, or a boolean's (1, 1) or (0, 1)
_LARGEST_COMMON = 1 << 1024
_PRESENT = partial(is_not, None)


def tallies(results: PledgeResults) -> list[TargetTally]:
    # one pass, in C: a count per (target, status) of the signatories' results
    counted = Counter(map(_TARGET_STATUS, filter(_PROVINCE, results.results)))
    out = []
    for target in results.pledge.targets:
        counts = {status: counted[target.id, status] for status in Status}  # every one, in order
        if any(counts.values()):
            out.append(TargetTally(target, counts))
    return out


_TARGET_STATUS = attrgetter("target.id", "status")
_PROVINCE = attrgetter("province")


def review(
    results: PledgeResults,
    reports: Mapping[str, Actuals],
    names: Mapping[str, str],
    scores: Mapping[str, ProvinceScore] | None = None,
    checks: Mapping[str, ScoreCheck] | None = None,
) -> PledgeReview:
    """``scores`` when ``check`` has already computed them, else scored here; ``checks``
    (reported against verified figures, see ``verification.score_checks``) when known."""
    if scores is None:
        scores = score_pledge(results, reports)
    ranking = tuple(rank(scores, names))
    scoring = results.pledge.scoring
    flag, certificates = nominations(ranking, scoring)
    return PledgeReview(
        results=results,
        scores=scores,
        ranking=ranking,
        nominee=nominee(ranking, scoring),
        metric_totals=tuple(metric_totals(results.pledge, reports)),
        tallies=tuple(tallies(results)),
        bands=bands_of(ranking, scoring),
        flag=flag,
        certificates=certificates,
        checks=checks or {},
    )
