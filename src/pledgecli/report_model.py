"""The domain of a province's year-end report and of the registry of provinces: figures,
deductions, the cluster's corrections, the self-score; ``Province`` of provinces.toml.
Plain frozen dataclasses (their pydantic schema, for files that need validating, is
``schema.py``).

Re-exported by ``pledgecli.models`` (import them from there or from here alike).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from fractions import Fraction
from functools import cached_property
from pathlib import Path

from pledgecli.diagnostics import Problem
from pledgecli.figures import MetricValue
from pledgecli.i18n import _


@dataclass(frozen=True, kw_only=True)
class Deduction:
    """Points a province loses, with the reason (an ``[[deductions]]`` entry of its report)."""

    points: Fraction
    reason: str


@dataclass(frozen=True, kw_only=True)
class Correction:
    """The cluster's verified figure for one metric of a report (chấm chéo, thẩm định):
    an entry of the report's ``[corrections]`` table. The reported figure stays in
    ``[metrics]``."""

    value: MetricValue
    reason: str
    by: str


@dataclass(frozen=True, kw_only=True)
class Actuals:
    """One province's year-end report (báo cáo tổng kết) for one year."""

    year: int
    province: str
    path: Path
    source: str | None = None
    metrics: dict[str, MetricValue] = field(default_factory=dict)
    deductions: list[Deduction] = field(default_factory=list)
    corrections: dict[str, Correction] = field(default_factory=dict)
    self_score: Fraction | None = None

    @cached_property
    def verified(self) -> dict[str, MetricValue]:
        """The figures judged: the reported ones, with the cluster's corrections applied."""
        if not self.corrections:
            return self.metrics
        return {**self.metrics, **{m: c.value for m, c in self.corrections.items()}}


def check_corrections(actuals: Actuals) -> None:
    """A correction is of the kind of the figure it corrects (yes/no or a number)."""
    for metric, correction in actuals.corrections.items():
        reported = actuals.metrics.get(metric)
        if reported is not None and isinstance(reported, bool) != isinstance(
            correction.value, bool
        ):
            expected = _("true or false") if isinstance(reported, bool) else _("a number")
            raise Problem(
                _("the correction of {metric} must be {expected}, like the reported figure").format(
                    metric=metric, expected=expected
                ),
                key=("corrections", metric, "value"),
            )


@dataclass(frozen=True, kw_only=True)
class Province:
    """An entry of provinces.toml."""

    name: str
    aliases: list[str] = field(default_factory=list)
    merged_into: str | None = None
    merged_on: date | None = None


def check_merger(province: Province) -> None:
    """Both halves of a merger or neither: a merger without its date cannot say which
    years it affects."""
    if province.merged_into is not None and province.merged_on is None:
        raise Problem(
            _('merged_into = "{successor}" needs merged_on, the day of the merger').format(
                successor=province.merged_into
            ),
            key=("merged_into",),
            hint=_("add merged_on = 2025-07-01 for the 2025 reorganisation"),
        )
    if province.merged_on is not None and province.merged_into is None:
        raise Problem(
            _("merged_on needs merged_into, the province it merged into"),
            key=("merged_on",),
        )
