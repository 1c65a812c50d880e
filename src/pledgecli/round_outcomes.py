"""What the collection round's services return (``import``, ``set``, ``missing``): typed
values, no text; see :mod:`pledgecli.outcomes`."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import NamedTuple

from pledgecli.diagnostics import Diagnostic
from pledgecli.figure_format import Figure, Value

# -- pledge import / pledge set: the plan of edits to a year's reports ---------------


class Change(NamedTuple):
    """One figure of one province: what is recorded (``None``: nothing) and what comes.
    (A named tuple, made at half the cost of a frozen dataclass: an import of the
    national form makes 130,000.)"""

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

    def by_signatory(self) -> dict[str, list[MissingFigure]]:
        """``of`` every signatory at once, in one pass over the figures (``of`` for each
        of 33,210 signatories walks the whole list each time)."""
        grouped: dict[str, list[MissingFigure]] = {}
        for figure in self.missing:
            owed = grouped.get(figure.signatory)
            if owed is None:
                grouped[figure.signatory] = [figure]
            else:
                owed.append(figure)
        return grouped
