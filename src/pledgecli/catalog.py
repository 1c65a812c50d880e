"""The metric catalogue: the sector's standard indicators (``metrics.toml`` shipped with
pledge) and a data directory's own (its ``metrics.toml``), with their names in both
languages, their kind and which metric is a part of which.

Also the plausibility checks of reported figures: pure functions returning warnings
(``FigureWarning``) for a fraction in a count, a part larger than its whole, a change
against last year of ``CHANGE_FACTOR`` times or more either way, and a percentage where a
count belongs. Warnings never change an exit status by themselves.
"""

from __future__ import annotations

import os
import re
import tomllib
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from enum import StrEnum
from fractions import Fraction
from functools import lru_cache
from pathlib import Path
from typing import Any

from pledgecli.diagnostics import Diagnostic, KeyPath, with_lines
from pledgecli.i18n import _, language
from pledgecli.models import Actuals
from pledgecli.names import did_you_mean

SHIPPED = Path(__file__).parent / "metrics.toml"
FILE_NAME = "metrics.toml"
_METRIC_ID = re.compile(r"^[a-z][a-z0-9_]*$")
_KEYS = ("vi", "en", "kind", "unit", "unit_en", "part_of")


class Kind(StrEnum):
    COUNT = "count"
    AMOUNT = "amount"
    YES_NO = "yes-no"


@dataclass(frozen=True)
class MetricDef:
    id: str
    vi: str
    en: str
    kind: Kind = Kind.COUNT
    unit: str | None = None
    unit_en: str | None = None
    part_of: tuple[str, ...] = ()
    shipped: bool = True

    def name(self, lang: str | None = None) -> str:
        return self.vi if (lang or language()) == "vi" else self.en

    def unit_in(self, lang: str | None = None) -> str | None:
        if (lang or language()) == "vi":
            return self.unit
        return self.unit_en or self.unit


@dataclass(frozen=True)
class Catalog:
    metrics: Mapping[str, MetricDef] = field(default_factory=dict)

    def get(self, metric: str) -> MetricDef | None:
        return self.metrics.get(metric)

    def name(self, metric: str, lang: str | None = None) -> str:
        """The metric's name in ``lang`` (default: the reader's), or its id when unknown."""
        known = self.metrics.get(metric)
        return known.name(lang) if known is not None else metric

    def wholes(self, metric: str) -> tuple[str, ...]:
        known = self.metrics.get(metric)
        return known.part_of if known is not None else ()


@lru_cache(maxsize=1)
def shipped_catalog() -> Catalog:
    """The standard indicators shipped with pledge."""
    raw = tomllib.loads(SHIPPED.read_text(encoding="utf-8"), parse_float=Decimal)
    problems: list[Diagnostic] = []
    metrics = _entries(raw, SHIPPED, problems, {}, shipped=True)
    assert not problems, problems  # tests/test_catalog.py keeps the shipped file valid
    return Catalog(metrics)


def metric_name(metric: str, lang: str | None = None, catalog: Catalog | None = None) -> str:
    """``metric``'s name in ``lang`` (default: the reader's language); its id if unknown."""
    return (catalog or shipped_catalog()).name(metric, lang)


def load_catalog(root: Path, diagnostics: list[Diagnostic]) -> Catalog:
    """The shipped catalogue with the data directory's ``metrics.toml`` added (an entry of
    the same id replaces the shipped one). Problems go to ``diagnostics``, with lines."""
    shipped = shipped_catalog()
    path = root / FILE_NAME
    if not os.path.lexists(path):  # anything else there is read, or said why it cannot be
        return shipped
    from pledgecli.read import read_toml

    raw = read_toml(path, diagnostics)
    if raw is None:
        return shipped
    problems: list[Diagnostic] = []
    own = _entries(raw, path, problems, shipped.metrics, shipped=False)
    diagnostics.extend(with_lines(problems))
    return Catalog({**shipped.metrics, **own})


def _entries(
    raw: Mapping[str, Any],
    path: Path,
    problems: list[Diagnostic],
    known: Mapping[str, MetricDef],
    *,
    shipped: bool,
) -> dict[str, MetricDef]:
    out: dict[str, MetricDef] = {}
    wholes: dict[str, list[tuple[str, KeyPath]]] = {}
    for metric, entry in raw.items():
        if not _METRIC_ID.match(metric):
            problems.append(
                Diagnostic(
                    path,
                    _('"{metric}" is not a metric id (lowercase letters, digits and _)').format(
                        metric=metric
                    ),
                    key=(metric,),
                    hint=_('use "{id}"').format(id=_as_id(metric)),
                )
            )
            continue
        if not isinstance(entry, dict):
            problems.append(
                Diagnostic(
                    path,
                    _("[{metric}] must be a table with vi, en and kind").format(metric=metric),
                    key=(metric,),
                )
            )
            continue
        parsed = _entry(metric, entry, path, problems, shipped=shipped)
        if parsed is not None:
            out[metric] = parsed[0]
            wholes[metric] = parsed[1]
    every = {**known, **out}
    for metric, parts in wholes.items():
        for whole, key in parts:
            problem = None
            if whole == metric:
                problem = _("{metric} cannot be a part of itself").format(metric=metric)
            elif whole not in every:
                problem = _('part_of names "{whole}", which is not a metric').format(whole=whole)
            elif every[whole].kind is Kind.YES_NO or every[metric].kind is Kind.YES_NO:
                problem = _("a yes-no metric cannot be a part or a whole")
            if problem is not None:
                problems.append(Diagnostic(path, problem, key=key, hint=did_you_mean(whole, every)))
                out.pop(metric, None)
    return out


def _entry(
    metric: str, entry: Mapping[str, Any], path: Path, problems: list[Diagnostic], *, shipped: bool
) -> tuple[MetricDef, list[tuple[str, KeyPath]]] | None:
    before = len(problems)
    for key in entry:
        if key not in _KEYS:
            problems.append(
                Diagnostic(
                    path,
                    _('unknown key "{key}"').format(key=key),
                    key=(metric, key),
                    hint=did_you_mean(key, _KEYS),
                )
            )
    texts: dict[str, str | None] = {}
    for key in ("vi", "en", "unit", "unit_en"):
        value = entry.get(key)
        if value is not None and (not isinstance(value, str) or not value.strip()):
            problems.append(
                Diagnostic(
                    path,
                    _("{key} must be text in double quotes").format(key=key),
                    key=(metric, key),
                )
            )
            value = None
        texts[key] = value
    if "vi" not in entry:
        problems.append(
            Diagnostic(
                path,
                _('missing required key "{key}"').format(key="vi"),
                key=(metric,),
                hint=_("the metric's name in Vietnamese"),
            )
        )
    kind_text = entry.get("kind", Kind.COUNT.value)
    choices = [k.value for k in Kind]
    if kind_text not in choices:
        problems.append(
            Diagnostic(
                path,
                _('kind must be "count", "amount" or "yes-no", not {value}').format(
                    value=f'"{kind_text}"' if isinstance(kind_text, str) else kind_text
                ),
                key=(metric, "kind"),
                hint=did_you_mean(str(kind_text), choices),
            )
        )
        kind_text = Kind.COUNT.value
    kind = Kind(kind_text)
    if kind is not Kind.AMOUNT and (texts["unit"] or texts["unit_en"]):
        problems.append(
            Diagnostic(
                path,
                _("only an amount has a unit"),
                key=(metric, "unit" if texts["unit"] else "unit_en"),
                hint=_('add kind = "amount", or leave the unit out'),
            )
        )
    part_of = entry.get("part_of", [])
    if isinstance(part_of, str):
        part_of = [part_of]
    wholes: list[tuple[str, KeyPath]] = []
    if not isinstance(part_of, list) or not all(isinstance(w, str) for w in part_of):
        problems.append(
            Diagnostic(
                path,
                _("part_of must be a list of metric ids in square brackets"),
                key=(metric, "part_of"),
            )
        )
    else:
        wholes = [(w, (metric, "part_of")) for w in part_of]
    if len(problems) > before:
        return None
    vi = texts["vi"]
    assert vi is not None
    definition = MetricDef(
        id=metric,
        vi=vi,
        en=texts["en"] or vi,
        kind=kind,
        unit=texts["unit"],
        unit_en=texts["unit_en"],
        part_of=tuple(w for w, _key in wholes),
        shipped=shipped,
    )
    return definition, wholes


def _as_id(text: str) -> str:
    from pledgecli.names import fold

    return fold(text).replace("-", "_") or "metric"


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

        names = catalog or shipped_catalog()
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
