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
    return _check_report(_Facts(catalog), report, previous)


class _Facts(dict[str, tuple[bool, tuple[str, ...]]]):
    """Per metric, whether the catalogue counts it and the wholes it is part of: looked
    up once per metric rather than once per figure (national data has 200,000)."""

    def __init__(self, catalog: Catalog) -> None:
        super().__init__()
        self.catalog = catalog

    def __missing__(self, metric: str) -> tuple[bool, tuple[str, ...]]:
        known = self.catalog.get(metric)
        fact = (False, ()) if known is None else (known.kind is Kind.COUNT, known.part_of)
        self[metric] = fact
        return fact


def _check_report(
    facts: _Facts, report: Actuals, previous: Actuals | None = None
) -> list[FigureWarning]:
    """``check_report`` in integer arithmetic: each comparison of two fractions a/b and
    c/d is made as a*d against c*b (denominators are positive), exactly as Fraction makes
    it, without its cost; the warnings and their order are the same."""
    out: list[FigureWarning] = []
    figures = report.metrics
    province, year, path = report.province, report.year, report.path
    before_of = previous.metrics.get if previous is not None else None
    previous_year = previous.year if previous is not None else None

    def warning(kind: Implausible, metric: str, value: Fraction, **other: Any) -> FigureWarning:
        return FigureWarning(kind, province, year, metric, value, path=path, **other)

    for metric, value in figures.items():
        if type(value) is not Fraction:  # true or false: nothing to check
            continue
        count, wholes = facts[metric]
        n, d = value.as_integer_ratio()  # one call, not two properties
        if count and d != 1:  # check_figure's warning, for a figure typed as a number
            out.append(
                FigureWarning(
                    Implausible.FRACTION_IN_COUNT, province, year, metric, value, path=path
                )
            )
        for whole in wholes:  # mostly none
            total = figures.get(whole)
            if type(total) is not Fraction:
                continue
            tn, td = total.as_integer_ratio()
            if n * td > tn * d:
                out.append(
                    warning(
                        Implausible.PART_EXCEEDS_WHOLE,
                        metric,
                        value,
                        other_metric=whole,
                        other_value=total,
                    )
                )
        if before_of is None or n <= 0:
            continue
        before = before_of(metric)
        if type(before) is not Fraction:
            continue
        bn, bd = before.as_integer_ratio()
        if bn <= 0:
            continue
        if count and wholes and _percent_of_whole(wholes, n, d, figures, bn, bd):
            out.append(
                warning(
                    Implausible.PERCENT_IN_COUNT,
                    metric,
                    value,
                    other_value=before,
                    other_year=previous_year,
                )
            )
        elif (n >= CHANGE_FLOOR * d or bn >= CHANGE_FLOOR * bd) and (
            n * bd >= CHANGE_FACTOR * bn * d or CHANGE_FACTOR * n * bd <= bn * d
        ):
            out.append(
                warning(
                    Implausible.CHANGE_FACTOR,
                    metric,
                    value,
                    other_value=before,
                    other_year=previous_year,
                )
            )
    return out


def _percent_of_whole(
    wholes: tuple[str, ...],
    n: int,
    d: int,
    figures: Mapping[str, Fraction | bool],
    bn: int,
    bd: int,
) -> bool:
    """A count's figure n/d that reads as its share of the whole in percent: at most 100,
    not within a quarter of last year's figure bn/bd as it is, but within a quarter of it
    as that percentage of this year's whole (66 effective co-ops of 200 active after 130
    last year: 66% of 200 is 132). Integers throughout: |v - b| * 4 <= b is
    |n*bd - bn*d| * 4 <= bn*d once multiplied by d*bd."""
    if n > 100 * d:
        return False
    if abs(n * bd - bn * d) * 4 <= bn * d:  # close to last year as it is: a count
        return False
    for whole in wholes:
        total = figures.get(whole)
        if type(total) is not Fraction:
            continue
        tn, td = total.as_integer_ratio()
        if tn > 0:
            # as_count = (n/d) * (tn/td) / 100, against bn/bd; times 100*d*td*bd
            scale = 100 * d * td
            if abs(n * tn * bd - bn * scale) * 4 <= bn * scale:
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
    facts = _Facts(catalog)
    for year in sorted(actuals) if years is None else years:
        previous = actuals.get(year - 1, {})
        for province, report in actuals.get(year, {}).items():
            out += _check_report(facts, report, previous.get(province))
    return out
