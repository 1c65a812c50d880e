"""The plausibility checks of reported figures against the metric catalogue: pure
functions returning warnings (``FigureWarning``) for a fraction in a count, a part larger
than its whole, a change against last year of ``CHANGE_FACTOR`` times or more either way,
and a percentage where a count belongs. Warnings never change an exit status by
themselves (``--strict`` makes them do so, in the commands).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from enum import StrEnum
from fractions import Fraction
from pathlib import Path
from typing import Any

from pledgecli.catalog import Catalog, Kind, active_catalog
from pledgecli.diagnostics import Diagnostic
from pledgecli.i18n import _
from pledgecli.models import Actuals

# -- plausibility ------------------------------------------------------------------

CHANGE_FACTOR = 10
"""A figure this many times last year's, or this many times smaller, is flagged: the
typical slip of a thousands separator (1.200 read as 1.2) or of a unit."""
CHANGE_FLOOR = 100
"""...unless both figures are below this: 3 new co-ops after 40 is no slip of a separator."""


class Implausible(StrEnum):
    """What looks wrong with a figure (JSON values)."""

    FRACTION_IN_COUNT = "fraction-in-count"
    PART_EXCEEDS_WHOLE = "part-exceeds-whole"
    CHANGE_FACTOR = "change-factor"
    PERCENT_IN_COUNT = "percent-in-count"


@dataclass(frozen=True)
class FigureWarning:
    """A figure that cannot be right, or very likely is not."""

    kind: Implausible
    province: str | None
    year: int | None
    metric: str
    value: Fraction
    other_metric: str | None = None
    other_value: Fraction | None = None
    other_year: int | None = None
    path: Path | None = None
    line: int | None = None

    def message(self, catalog: Catalog | None = None) -> str:
        from pledgecli.display import number

        names = catalog or active_catalog()
        what = names.name(self.metric)
        shown = number(self.value)
        if self.kind is Implausible.FRACTION_IN_COUNT:
            return _("{metric} = {value} is not a whole number, but it counts").format(
                metric=what, value=shown
            )
        if self.kind is Implausible.PERCENT_IN_COUNT:
            return _("{metric} = {value} looks like a percentage, but it is a count").format(
                metric=what, value=shown
            )
        other = number(self.other_value) if self.other_value is not None else "?"
        if self.kind is Implausible.PART_EXCEEDS_WHOLE:
            return _("{metric} = {value} is larger than {whole} = {total}").format(
                metric=what,
                value=shown,
                whole=names.name(self.other_metric or ""),
                total=other,
            )
        return _("{metric} = {value} against {previous} in {year}: {factor} times or more").format(
            metric=what,
            value=shown,
            previous=other,
            year=self.other_year,
            factor=CHANGE_FACTOR,
        )

    def hint(self) -> str | None:
        from pledgecli.display import pledged

        if self.kind is Implausible.FRACTION_IN_COUNT:
            thousand = self.value * 1000
            if thousand.denominator == 1:
                return _(
                    "{value} with a thousands separator is {thousands}: write it without one"
                ).format(value=pledged(self.value), thousands=thousand.numerator)
            return _("write a whole number")
        if self.kind is Implausible.PERCENT_IN_COUNT:
            return _("write how many, not the percentage")
        if self.kind is Implausible.PART_EXCEEDS_WHOLE:
            return _("a part cannot be larger than its whole; check both figures")
        return _("check the thousands separator and the unit")

    def diagnostic(self, catalog: Catalog | None = None) -> Diagnostic:
        return Diagnostic(
            self.path or Path("-"),
            self.message(catalog),
            line=self.line,
            hint=self.hint(),
            severity="warning",
            key=("metrics", self.metric) if self.line is None else None,
        )


def check_figure(
    catalog: Catalog,
    metric: str,
    value: Fraction | bool,
    written: str | None = None,
    *,
    province: str | None = None,
    year: int | None = None,
    path: Path | None = None,
    line: int | None = None,
) -> list[FigureWarning]:
    """The warnings one figure gives on its own: a fraction in a count, or a percentage
    where a count belongs (``written``: the text it was typed as, e.g. a form's cell)."""
    known = catalog.get(metric)
    if known is None or known.kind is not Kind.COUNT or isinstance(value, bool):
        return []
    if written is not None and "%" in written:
        kind = Implausible.PERCENT_IN_COUNT
    elif value.denominator != 1:
        kind = Implausible.FRACTION_IN_COUNT
    else:
        return []
    return [FigureWarning(kind, province, year, metric, value, path=path, line=line)]


def check_report(
    catalog: Catalog, report: Actuals, previous: Actuals | None = None
) -> list[FigureWarning]:
    """Every warning of one report: each figure on its own, parts against wholes, and
    against ``previous`` (the same province's report of the year before)."""
    out: list[FigureWarning] = []
    figures = report.metrics

    def warning(kind: Implausible, metric: str, value: Fraction, **other: Any) -> FigureWarning:
        return FigureWarning(
            kind, report.province, report.year, metric, value, path=report.path, **other
        )

    for metric, value in figures.items():
        if isinstance(value, bool):
            continue
        out += check_figure(
            catalog, metric, value, province=report.province, year=report.year, path=report.path
        )
        for whole in catalog.wholes(metric):
            total = figures.get(whole)
            if isinstance(total, Fraction) and value > total:
                out.append(
                    warning(
                        Implausible.PART_EXCEEDS_WHOLE,
                        metric,
                        value,
                        other_metric=whole,
                        other_value=total,
                    )
                )
        if previous is None:
            continue
        before = previous.metrics.get(metric)
        if not isinstance(before, Fraction) or before <= 0 or value <= 0:
            continue
        if _percent_of_whole(catalog, metric, value, figures, before):
            out.append(
                warning(
                    Implausible.PERCENT_IN_COUNT,
                    metric,
                    value,
                    other_value=before,
                    other_year=previous.year,
                )
            )
        elif max(value, before) >= CHANGE_FLOOR and (
            value >= before * CHANGE_FACTOR or value * CHANGE_FACTOR <= before
        ):
            out.append(
                warning(
                    Implausible.CHANGE_FACTOR,
                    metric,
                    value,
                    other_value=before,
                    other_year=previous.year,
                )
            )
    return out


def _percent_of_whole(
    catalog: Catalog,
    metric: str,
    value: Fraction,
    figures: Mapping[str, Fraction | bool],
    before: Fraction,
) -> bool:
    """A part's figure that reads as its share of the whole in percent: at most 100, not
    within a quarter of last year's figure as it is, but within a quarter of it as that
    percentage of this year's whole (66 effective co-ops of 200 active after 130 last
    year: 66% of 200 is 132)."""
    known = catalog.get(metric)
    if known is None or known.kind is not Kind.COUNT or value > 100:
        return False
    if abs(value - before) * 4 <= before:  # close to last year as it is: a count
        return False
    for whole in known.part_of:
        total = figures.get(whole)
        if isinstance(total, Fraction) and total > 0:
            as_count = value * total / 100
            if abs(as_count - before) * 4 <= before:
                return True
    return False


def check_reports(
    catalog: Catalog,
    actuals: Mapping[int, Mapping[str, Actuals]],
    years: Sequence[int] | None = None,
) -> list[FigureWarning]:
    """Every report of ``years`` (default: all), each against its province's report of
    the year before when there is one."""
    out: list[FigureWarning] = []
    for year in sorted(actuals) if years is None else years:
        previous = actuals.get(year - 1, {})
        for province, report in actuals.get(year, {}).items():
            out += check_report(catalog, report, previous.get(province))
    return out
