"""What judging gives: a result per target and province, its status, the figures corrected.

``plain_result`` makes the usual result (nothing missing, assembled or corrected) as
``Result(...)`` does, without the frozen dataclass's ``__setattr__`` per field (national
data makes 100,000 of them)."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum
from fractions import Fraction
from typing import cast

from pledgecli.figures import MetricValue, Threshold
from pledgecli.models import Target


class Status(StrEnum):
    MET = "met"
    MISSED = "missed"
    NO_DATA = "no-data"
    NO_BASELINE = "no-baseline"


@dataclass(frozen=True, slots=True)
class Corrected:
    """A figure a result was judged on that the cluster corrected (a report's
    ``[corrections]``): what the province reported, what was judged, why and by whom."""

    province: str
    year: int
    metric: str
    reported: MetricValue | None
    verified: MetricValue
    reason: str
    by: str


@dataclass(frozen=True, slots=True)  # slots: national data holds 100,000 of them
class Result:
    """One target judged for one province (``province is None``: the whole cluster)."""

    target: Target
    province: str | None
    status: Status
    threshold: Threshold
    actual: Fraction | bool | None = None
    baseline: Fraction | None = None
    baseline_year: int | None = None
    missing: tuple[str, ...] = ()
    assembled: tuple[tuple[str, ...], ...] = ()
    """When a province absorbed others after the baseline year (the 2025 mergers): for each
    judged province, the provinces its baseline was summed over (itself first); else ()."""
    corrected: tuple[Corrected, ...] = ()
    """The corrected figures this result was judged on (this year's and the baseline's)."""

    @property
    def baseline_from(self) -> tuple[str, ...]:
        """Every province the baseline was summed over, when it was assembled; else ()."""
        return tuple(p for group in self.assembled for p in group)

    @property
    def gap(self) -> Fraction | None:
        """actual - threshold (in the target's unit); positive means above it."""
        if isinstance(self.actual, Fraction) and isinstance(self.threshold, Fraction):
            return self.actual - self.threshold
        return None


class _Unfrozen:
    """``Result``'s very slots, set as any object's: a result is made as one of these,
    then made a ``Result`` (``__class__``, allowed between classes of the same slots),
    without the frozen dataclass's ``object.__setattr__`` per field."""

    __slots__ = Result.__slots__

    def __init__(
        self,
        target: Target,
        province: str | None,
        status: Status,
        threshold: Threshold,
        actual: Fraction | bool | None,
        baseline: Fraction | None,
        baseline_year: int | None,
    ) -> None:
        self.target = target
        self.province = province
        self.status = status
        self.threshold = threshold
        self.actual = actual
        self.baseline = baseline
        self.baseline_year = baseline_year
        self.missing: tuple[str, ...] = ()
        self.assembled: tuple[tuple[str, ...], ...] = ()
        self.corrected: tuple[Corrected, ...] = ()


def plain_result(
    target: Target,
    province: str | None,
    status: Status,
    threshold: Threshold,
    actual: Fraction | bool | None,
    baseline: Fraction | None = None,
    baseline_year: int | None = None,
) -> Result:
    """``Result(target, province, status, threshold, actual, baseline, baseline_year)``."""
    result = _Unfrozen(target, province, status, threshold, actual, baseline, baseline_year)
    result.__class__ = Result  # type: ignore[assignment]
    return cast(Result, result)
