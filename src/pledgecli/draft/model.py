"""The values of a draft: each target as read (or why not), and the draft pledge."""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from enum import StrEnum
from fractions import Fraction

from pledgecli.draft.source import SourceLine
from pledgecli.models import Rule


class Status(StrEnum):
    UNDERSTOOD = "understood"
    SPLIT = "split"
    JUDGED = "judged-by-cluster"
    NOT_UNDERSTOOD = "not-understood"


class Note(StrEnum):
    """A choice the draft made that a person should know of."""

    READ_AS_AT_LEAST = "read-as-at-least"
    SHARED_RULE = "shared-rule"
    SHARED_BASE = "shared-base"
    BASELINE_NOT_STATED = "baseline-not-stated"
    NEW_METRIC = "new-metric"
    NEW_PER = "new-per"
    EVERY_MEMBER = "every-member"
    FROM_COLUMN = "from-column"


class Reason(StrEnum):
    """Why a target was not understood."""

    SEVERAL_FIGURES = "several-figures"
    STRICT_GROWTH = "strict-growth"
    CHANGE_BY_COUNT = "change-by-count"
    NOT_A_NUMBER = "not-a-number"
    BASELINE_NOT_BEFORE = "baseline-not-before"
    COLUMN_DISAGREES = "column-disagrees"
    BAD_COLUMN = "bad-column"


@dataclass
class DraftTarget:
    """One target of the draft (or one not understood, kept with its text)."""

    source: SourceLine
    text: str
    status: Status
    id: str = ""
    metric: str = ""
    metric_new: bool = False
    rule: Rule | None = None
    value: Decimal | bool | None = None
    percent: bool = False
    per: str | None = None
    per_new: bool = False
    unit: str | None = None
    baseline_year: int | None = None
    judged_by_cluster: bool = False
    part: int = 1
    parts: int = 1
    notes: list[Note] = field(default_factory=list)
    reason: Reason | None = None
    detail: str = ""

    @property
    def threshold(self) -> Fraction | bool | None:
        """The threshold as the pledge file means it: a fraction for a percentage."""
        if self.value is None or isinstance(self.value, bool):
            return self.value
        number = Fraction(self.value)
        return number / 100 if self.percent else number


@dataclass
class Draft:
    targets: list[DraftTarget]
    year: int | None = None
    year_inferred: bool = False
    cluster: str | None = None
    name: str | None = None
    headings: list[SourceLine] = field(default_factory=list)
    context_lines: int = 0
