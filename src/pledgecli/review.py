"""The year-end review of a pledge: scores, ranking, nominee and cluster totals (pure)."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from fractions import Fraction

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
        values = [figures[metric] for figures in verified if metric in figures]
        is_flag = bool(values) and all(isinstance(v, bool) for v in values)
        out.append(MetricTotal(metric, _total(values), len(values), len(pledge.provinces), is_flag))
    return out


def _total(values: Iterable[Fraction | bool]) -> Fraction:
    """``sum(values, Fraction(0))`` (a boolean counts 1 or 0) without a Fraction per
    addition: whole figures (most of them) are added as integers, the others as fractions
    over each denominator (see :func:`pledgecli.exact.exact_sum`)."""
    whole = 0
    by_denominator: dict[int, int] = {}
    for value in values:
        denominator = value.denominator
        if denominator == 1:
            whole += value.numerator
        else:
            by_denominator[denominator] = by_denominator.get(denominator, 0) + value.numerator
    total = Fraction(whole)
    for denominator, numerator in by_denominator.items():
        total += Fraction(numerator, denominator)
    return total


def tallies(results: PledgeResults) -> list[TargetTally]:
    by_target: dict[str, list[Result]] = {}  # one pass: linear in results
    for result in results.results:
        if result.province:
            by_target.setdefault(result.target.id, []).append(result)
    out = []
    for target in results.pledge.targets:
        judged = by_target.get(target.id)
        if judged:
            counts = dict.fromkeys(Status, 0)  # every status, in order; one pass
            for result in judged:
                counts[result.status] += 1
            out.append(TargetTally(target, counts))
    return out


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
