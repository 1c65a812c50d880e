"""What the services return: typed values, no text. The renderers turn them into text.

Here what ``pledge check`` and ``validate`` return; the review commands' values are in
:mod:`pledgecli.review_outcomes`, the collection round's in :mod:`pledgecli.round_outcomes`
(each a module of its own so that ``pledge check`` does not build their classes)."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from fractions import Fraction
from typing import TYPE_CHECKING

from pledgecli.diagnostics import Diagnostic
from pledgecli.evaluate import PledgeResults, Result, Status
from pledgecli.i18n import _
from pledgecli.scoring import ProvinceScore

if TYPE_CHECKING:  # imported where used: pledge check needs it only as a value
    from pledgecli.verification import ScoreCheck


@dataclass(frozen=True)
class Report:
    """What ``pledge check`` shows: the judged pledges of a year, maybe for one province."""

    year: int
    pledges: tuple[PledgeResults, ...]
    province_names: Mapping[str, str]
    province: str | None = None
    scores: Mapping[str, Mapping[str, ProvinceScore]] = field(default_factory=dict)
    checks: Mapping[str, Mapping[str, ScoreCheck]] = field(default_factory=dict)
    """Per cluster, each signatory's score on the reported and the verified figures."""

    def score_of(self, cluster: str, province: str | None) -> ProvinceScore | None:
        """A province's score in a cluster's pledge (``None`` for the cluster row)."""
        if province is None:
            return None
        return self.scores.get(cluster, {}).get(province)

    def points_of(self, cluster: str, result: Result) -> Fraction | None:
        """The points one result earned (its share, plus any bonus), before the cap."""
        score = self.score_of(cluster, result.province)
        if score is None or result.target.id not in score.by_target:
            return None
        earned = score.by_target[result.target.id]
        return earned.points + earned.bonus if earned.bonus else earned.points

    def check_of(self, cluster: str, province: str | None) -> ScoreCheck | None:
        """A province's scores on reported and verified figures (``None``: cluster row)."""
        if province is None:
            return None
        return self.checks.get(cluster, {}).get(province)

    def name_of(self, province: str | None) -> str:
        if province is None:
            return _("Whole cluster")
        return self.province_names.get(province, province)

    def shown(self, pledge: PledgeResults) -> list[Result]:
        """The results this report shows: all, or those of its one province."""
        if self.province is None:
            return list(pledge.results)
        return pledge.for_province(self.province)

    def counts(self) -> dict[Status, int]:
        counts = dict.fromkeys(Status, 0)
        for pledge in self.pledges:
            for result in self.shown(pledge):
                counts[result.status] += 1
        return counts


@dataclass
class CheckOutcome:
    """A judged year: the report, whether everything it shows is met, and what to say
    before it (warnings of the data, a note on a merged province)."""

    report: Report
    all_met: bool
    warnings: list[Diagnostic] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class Validation:
    """Every problem of a data directory (sorted, with lines) and how many files were read."""

    diagnostics: list[Diagnostic]
    files_checked: int
    resolved: list[Diagnostic] = field(default_factory=list)
    """With ``--verbose``: each province name of a pledge file and the id it was read as."""

    @property
    def errors(self) -> int:
        return sum(1 for d in self.diagnostics if d.severity == "error")
