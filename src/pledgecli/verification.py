"""Reported against verified figures: each province's score both ways, and its self-score.

A report's ``[corrections]`` table holds the cluster's verified figures (chấm chéo,
thẩm định); judging uses them (``Actuals.verified``). To show what the corrections
changed, the pledge is judged a second time on the figures as reported; without any
correction the two are the same and nothing is judged twice.

A province's ``self_score`` (tự chấm điểm) is compared with its computed score rounded
(half up) to the decimals the self-score was written with, two at least: a self-score of
103.33 agrees with 103 1/3; 103.3 and 103 do not.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, replace
from fractions import Fraction

from pledgecli.display import exact_digits, to_decimal
from pledgecli.evaluate import ActualsByYear, BaselineMembers, Corrected, PledgeResults, evaluate
from pledgecli.models import Actuals
from pledgecli.scoring import ProvinceScore, score_pledge

SCORE_DIGITS = 2


@dataclass(frozen=True)
class ScoreCheck:
    """One province's score on the reported and on the verified figures, and its own."""

    province: str
    reported: Fraction
    verified: Fraction
    self_score: Fraction | None
    corrections: tuple[Corrected, ...]

    @property
    def difference(self) -> Fraction:
        """verified - reported: negative when the corrections cost the province points."""
        return self.verified - self.reported

    @property
    def self_differs(self) -> bool:
        """Whether the province's own score disagrees with the verified one (compared to
        the decimals the self-score was written with, two at least)."""
        if self.self_score is None:
            return False
        digits = max(SCORE_DIGITS, exact_digits(self.self_score))
        return Fraction(to_decimal(self.verified, digits)) != self.self_score


def as_reported(actuals: ActualsByYear) -> dict[int, dict[str, Actuals]]:
    """The reports without their corrections: the figures as the provinces sent them."""
    out: dict[int, dict[str, Actuals]] = {}
    for year, reports in actuals.items():
        out[year] = {
            province: _without_corrections(report) if report.corrections else report
            for province, report in reports.items()
        }
    return out


def _without_corrections(report: Actuals) -> Actuals:
    return replace(report, corrections={})


def score_checks(
    results: PledgeResults,
    actuals: ActualsByYear,
    verified: Mapping[str, ProvinceScore],
    baseline_members: BaselineMembers | None = None,
) -> dict[str, ScoreCheck]:
    """Every signatory's ``ScoreCheck``. ``results`` and ``verified`` are the pledge judged
    and scored as usual (on the verified figures); a correction of a baseline that was
    assembled from former provinces counts for the province judged on it."""
    pledge = results.pledge
    corrected: dict[str, list[Corrected]] = {p: [] for p in pledge.provinces}
    for result in results.results:
        if result.province is None:
            continue
        for correction in result.corrected:
            if correction not in corrected[result.province]:
                corrected[result.province].append(correction)
    if any(corrected.values()):
        reported_actuals = as_reported(actuals)
        reported = score_pledge(
            evaluate(pledge, reported_actuals, baseline_members),
            reported_actuals.get(pledge.year, {}),
        )
    else:
        reported = dict(verified)
    reports = actuals.get(pledge.year, {})
    out = {}
    for province in pledge.provinces:
        report = reports.get(province)
        out[province] = ScoreCheck(
            province=province,
            reported=reported[province].score,
            verified=verified[province].score,
            self_score=report.self_score if report is not None else None,
            corrections=tuple(corrected[province]),
        )
    return out
