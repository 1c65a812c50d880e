"""What the services return: typed values, no text. The renderers turn them into text."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from fractions import Fraction
from pathlib import Path
from typing import TYPE_CHECKING

from pledgecli.diagnostics import Diagnostic
from pledgecli.evaluate import PledgeResults, Result, Status
from pledgecli.figure_format import Figure, Value
from pledgecli.i18n import _
from pledgecli.scoring import ProvinceScore

if TYPE_CHECKING:  # imported where used: pledge check needs neither
    from pledgecli.history import Row as HistoryRow
    from pledgecli.models import Target
    from pledgecli.review import PledgeReview
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


@dataclass
class ReviewOutcome:
    report: Report
    reviews: list[PledgeReview]
    warnings: list[Diagnostic] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)

    @property
    def names(self) -> dict[str, str]:
        return dict(self.report.province_names)


@dataclass
class HistoryOutcome:
    rows: list[HistoryRow]
    years: list[int]
    names: dict[str, str]
    targets: dict[str, Target]  # the latest wording of each target id
    warnings: list[Diagnostic] = field(default_factory=list)
    worded: dict[str, int] = field(default_factory=dict)  # the year of that wording


# -- pledge import / pledge set: the plan of edits to a year's reports ---------------


@dataclass(frozen=True, slots=True)  # slots: an import of the national form makes 130,000
class Change:
    """One figure of one province: what is recorded (``None``: nothing) and what comes."""

    province: str
    metric: str
    old: Figure | None
    new: Value
    where: str  # where the figure came from: "row 7", an argument


@dataclass
class FilePlan:
    """What one province's report gains (added), what changes, what is already there."""

    province: str
    name: str
    path: Path
    exists: bool
    added: list[Change] = field(default_factory=list)
    changed: list[Change] = field(default_factory=list)
    unchanged: int = 0
    content: bytes | None = None  # the edited report, when it is to be written


@dataclass
class Plan:
    year: int
    files: list[FilePlan]
    conflicts: list[Change]  # recorded figures that differ, refused without --force
    errors: list[Diagnostic]
    warnings: list[Diagnostic]

    @property
    def writes(self) -> list[FilePlan]:
        return [f for f in self.files if f.content is not None]

    @property
    def ok(self) -> bool:
        return not self.conflicts and not self.errors


@dataclass
class Recorded:
    """What ``pledge import``/``set`` did: the plan, and the reports written (none on a
    dry run or a refusal). ``refused``: differing figures without ``--force``."""

    plan: Plan
    written: list[Path]
    dry_run: bool
    refused: bool = False
    names: dict[str, str] = field(default_factory=dict)  # of the provinces in conflict


# -- pledge missing: the figures a year's pledges need that are not recorded ---------


@dataclass(frozen=True)
class MissingFigure:
    """A figure not recorded: ``province``'s ``metric`` of ``year``, which ``signatory``'s
    targets need (``year`` before the pledge's: a growth target's baseline)."""

    year: int
    province: str
    metric: str
    signatory: str
    cluster: str
    targets: tuple[str, ...]
    report: bool  # whether the province has a report of that year at all


@dataclass
class MissingOutcome:
    year: int
    missing: list[MissingFigure]
    signatories: list[str]  # in pledge order, those shown
    needed: int  # how many figures the pledges need in all
    names: dict[str, str]  # province -> name
    metric_names: dict[str, str]  # metric -> name in the reader's language

    @property
    def complete(self) -> bool:
        return not self.missing

    def of(self, signatory: str) -> list[MissingFigure]:
        return [m for m in self.missing if m.signatory == signatory]
