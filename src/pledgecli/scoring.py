"""Scores, ranking and the flag nominee: pure functions of judged results.

Defaults (no ``[scoring]`` table): 100 points split equally over the
province-scope targets, a missed target scores zero, no bonus. A province's
score is the points of its targets, plus its bonus (capped), minus the
deductions its report carries, and never below zero.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from fractions import Fraction
from math import lcm

from pledgecli.collation import Key, vietnamese_key
from pledgecli.evaluate import PledgeResults, Result, Status, exact_sum
from pledgecli.models import Actuals, Deduction, MissedScoring, Rule, Scope, Scoring, Target


@dataclass(frozen=True)
class ResultScore:
    """The points one result earned, and the bonus on top.

    ``bonus`` is what counts towards the score: where the province's ``bonus_cap`` binds,
    the cap is handed out in pledge order (``earned_bonus`` is the bonus before it), so a
    province's per-result scores add up to its points + bonus."""

    points: Fraction
    bonus: Fraction
    weight: Fraction
    earned_bonus: Fraction | None = None

    @property
    def bonus_before_cap(self) -> Fraction:
        return self.bonus if self.earned_bonus is None else self.earned_bonus

    @property
    def capped(self) -> bool:
        """Whether the cap took some of this result's bonus."""
        return self.earned_bonus is not None and self.earned_bonus != self.bonus


@dataclass(frozen=True)
class ProvinceScore:
    province: str
    score: Fraction
    points: Fraction
    bonus: Fraction
    deductions: tuple[Deduction, ...]
    met: int
    missed: int
    no_data: int
    no_baseline: int
    by_target: Mapping[str, ResultScore]

    @property
    def targets(self) -> int:
        return self.met + self.missed + self.no_data + self.no_baseline

    @property
    def met_all(self) -> bool:
        return self.met == self.targets


@dataclass(frozen=True)
class Ranked:
    rank: int
    score: ProvinceScore


@dataclass(frozen=True)
class Nominee:
    """The flag (Cờ thi đua) proposal: one province, several tied, or none with the reason."""

    provinces: tuple[str, ...]
    reason: str | None = None  # a message id, see NOMINEE_REASONS


_ZERO = Fraction(0)  # shared: fractions are immutable, and scoring makes one per result
NO_BONUS = _ZERO
"""The bonus of a result that earns none (one shared object: a renderer may compare by
identity first)."""
NO_ELIGIBLE = "no-eligible"
TIE = "tie"


def weights(scoring: Scoring, targets: Sequence[Target]) -> dict[str, Fraction]:
    """Points per province-scope target: as listed, the rest of ``base`` shared equally."""
    scored = [t.id for t in targets if t.scope is Scope.PROVINCE]
    listed = {t: scoring.points[t] for t in scored if t in scoring.points}
    unlisted = [t for t in scored if t not in listed]
    share = (
        (scoring.base - sum(listed.values(), Fraction(0))) / len(unlisted)
        if unlisted
        else Fraction(0)
    )
    return {t: listed.get(t, share) for t in scored}


def attainment(result: Result) -> Fraction:
    """How far a missed result got towards its threshold, from 0 to 1."""
    actual, threshold = result.actual, result.threshold
    if not isinstance(actual, Fraction) or not isinstance(threshold, Fraction):
        return Fraction(0)
    rule = result.target.rule
    if rule is Rule.GROWTH_AT_MOST and threshold < 0:
        # a decrease (giảm 20% = growth at most -20%): -10% got half way there
        share = actual / threshold
    elif rule.is_upper:
        share = threshold / actual if actual > 0 else Fraction(1)
    elif threshold > 0:
        share = actual / threshold
    else:
        share = Fraction(0)
    return min(max(share, Fraction(0)), Fraction(1))


def exceeded(result: Result) -> bool:
    actual, threshold = result.actual, result.threshold
    if result.status is not Status.MET or not isinstance(actual, Fraction):
        return False
    if not isinstance(threshold, Fraction):
        return False
    # The sign of the gap, without computing it (once per result on national data), in
    # integers: a/b against c/d is a*d against c*b, denominators being positive.
    an, ad = actual.as_integer_ratio()
    tn, td = threshold.as_integer_ratio()
    left, right = an * td, tn * ad
    return left < right if result.target.rule.is_upper else left > right


def score_result(result: Result, scoring: Scoring, weight: Fraction) -> ResultScore:
    if result.status is Status.MET:
        points = weight
    elif result.status is Status.MISSED and scoring.missed is MissedScoring.PROPORTIONAL:
        points = weight * attainment(result)
    else:
        points = _ZERO
    bonus = scoring.bonus.get(result.target.id, _ZERO) if exceeded(result) else _ZERO
    return ResultScore(points, bonus, weight)


def score_province(
    province: str,
    results: Sequence[Result],
    scoring: Scoring,
    target_weights: Mapping[str, Fraction],
    deductions: Sequence[Deduction],
    shared: dict[tuple[str, bool], ResultScore] | None = None,
) -> ProvinceScore:
    """``shared``: the scores every province earns alike (a target met, or missed for
    nothing, without a bonus), made once per pledge rather than once per result."""
    by_target: dict[str, ResultScore] = {}
    counts = dict.fromkeys(Status, 0)
    bonus_targets, proportional = scoring.bonus, scoring.missed is MissedScoring.PROPORTIONAL
    for r in results:
        target_id, status = r.target.id, r.status
        counts[status] += 1
        if (
            shared is None
            or target_id in bonus_targets
            or (proportional and status is Status.MISSED)
        ):
            by_target[target_id] = score_result(r, scoring, target_weights.get(target_id, _ZERO))
            continue
        met = status is Status.MET
        earned = shared.get((target_id, met))
        if earned is None:  # score_result's answer, with no bonus and no share of points
            weight = target_weights.get(target_id, _ZERO)
            earned = shared[target_id, met] = ResultScore(weight if met else _ZERO, _ZERO, weight)
        by_target[target_id] = earned
    points = exact_sum(s.points for s in by_target.values())
    # no bonus in the pledge, no deductions in the report: nothing to add up (the usual case)
    bonus = exact_sum(s.bonus for s in by_target.values()) if bonus_targets else _ZERO
    if scoring.bonus_cap is not None and bonus > scoring.bonus_cap:
        by_target = cap_bonus(by_target, scoring.bonus_cap)
        bonus = scoring.bonus_cap
    lost = exact_sum(d.points for d in deductions) if deductions else _ZERO
    if bonus is _ZERO and lost is _ZERO:  # nothing added or taken (the usual case)
        score = points if points.as_integer_ratio()[0] >= 0 else Fraction(0)
    else:
        score = max(points + bonus - lost, Fraction(0))
    return ProvinceScore(
        province=province,
        score=score,
        points=points,
        bonus=bonus,
        deductions=tuple(deductions),
        met=counts[Status.MET],
        missed=counts[Status.MISSED],
        no_data=counts[Status.NO_DATA],
        no_baseline=counts[Status.NO_BASELINE],
        by_target=by_target,
    )


def cap_bonus(by_target: Mapping[str, ResultScore], cap: Fraction) -> dict[str, ResultScore]:
    """The bonus of each result once ``cap`` binds: handed out in pledge order until the
    cap is used up (5 + 5 + 5 under a cap of 10 counts 5, 5 and 0)."""
    left = cap
    out: dict[str, ResultScore] = {}
    for target_id, earned in by_target.items():
        counted = min(earned.bonus, left)
        left -= counted
        out[target_id] = ResultScore(earned.points, counted, earned.weight, earned.bonus)
    return out


def score_pledge(
    pledge_results: PledgeResults, reports: Mapping[str, Actuals]
) -> dict[str, ProvinceScore]:
    """Every signatory's score; ``reports`` are the pledge year's actuals (for deductions)."""
    pledge = pledge_results.pledge
    target_weights = weights(pledge.scoring, pledge.targets)
    scores = {}
    shared: dict[tuple[str, bool], ResultScore] = {}
    for province in pledge.provinces:
        report = reports.get(province)
        scores[province] = score_province(
            province,
            pledge_results.for_province(province),
            pledge.scoring,
            target_weights,
            report.deductions if report else (),
            shared,
        )
    return scores


def rank(scores: Mapping[str, ProvinceScore], names: Mapping[str, str]) -> list[Ranked]:
    """Highest score first; equal scores share a rank (1, 2, 2, 4).

    Within a tie the order is: more targets met first, then the province name
    in Vietnamese alphabetical order (``pledgecli.collation``: Cao Bằng before Cần Thơ),
    in both languages, so it never changes between runs.
    """

    def order(score: ProvinceScore) -> tuple[Fraction, int, Key, str]:
        name = names.get(score.province, score.province)
        return (-score.score, -score.met, vietnamese_key(name), score.province)

    ordered, keys = sorted_by(list(scores.values()), order)
    ranked: list[Ranked] = []
    for position, (score, key) in enumerate(zip(ordered, keys, strict=True), start=1):
        tied = position > 1 and keys[position - 2][0] == key[0]  # the same score
        ranked.append(Ranked(ranked[-1].rank if tied else position, score))
    return ranked


_LARGEST_COMMON = 1 << 256  # beyond it, scores are compared as fractions


def score_keys(scores: Sequence[ProvinceScore]) -> list[tuple[Fraction | int, int]]:
    """Each score's ``(-score, -met)``, the order of a ranking: the scores as integers over
    their least common denominator when it is small (always, for points such as 4.76 or
    100/21), so that a national ranking sorts and finds its ties by comparing integers,
    not fractions (a comparison of two fractions costs a microsecond); else as fractions."""
    terms = [s.score.as_integer_ratio() for s in scores]
    common = lcm(*{d for _n, d in terms}) if terms else 1
    if common > _LARGEST_COMMON:
        return [(-s.score, -s.met) for s in scores]
    return [(-n * (common // d), -s.met) for (n, d), s in zip(terms, scores, strict=True)]


def sorted_by(
    scores: list[ProvinceScore], order: Callable[[ProvinceScore], tuple[Fraction, int, Key, str]]
) -> tuple[list[ProvinceScore], list[tuple[Fraction | int, int]]]:
    """``sorted(scores, key=order)`` and each one's ``score_keys``, the names' sort keys made
    only within ties of score and targets met (a national ranking has few; a name's key
    costs tens of microseconds)."""
    keys = score_keys(scores)
    by_key = sorted(range(len(scores)), key=keys.__getitem__)  # stable, as sorted(scores)
    out: list[ProvinceScore] = []
    out_keys: list[tuple[Fraction | int, int]] = []
    start = 0
    while start < len(by_key):
        first = keys[by_key[start]]
        end = start + 1
        while end < len(by_key) and keys[by_key[end]] == first:
            end += 1
        tied = [scores[i] for i in by_key[start:end]]
        out += sorted(tied, key=order) if len(tied) > 1 else tied
        out_keys += [first] * (end - start)
        start = end
    return out, out_keys


def nominee(ranking: Sequence[Ranked], scoring: Scoring) -> Nominee:
    """The top-ranked province (only those that met every target, if the pledge says so,
    and reach ``flag_min_band``). ``pledgecli.ratings.nominations`` applies the quotas."""
    minimum = scoring.bands[scoring.flag_min_band] if scoring.flag_min_band else None
    eligible = [
        r
        for r in ranking
        if (r.score.met_all or not scoring.nominee_must_meet_all)
        and (minimum is None or r.score.score >= minimum)
    ]
    if not eligible:
        return Nominee((), NO_ELIGIBLE)
    best = eligible[0].score.score
    top = tuple(r.score.province for r in eligible if r.score.score == best)
    return Nominee(top, TIE if len(top) > 1 else None)
