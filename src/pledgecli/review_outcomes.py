"""What the review commands' services return (``rank``, ``totals``, ``report``,
``history``): typed values, no text; see :mod:`pledgecli.outcomes`."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from pledgecli.diagnostics import Diagnostic
from pledgecli.outcomes import Report

if TYPE_CHECKING:  # imported where used
    from pledgecli.history import Row as HistoryRow
    from pledgecli.models import Target
    from pledgecli.review import PledgeReview


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
