"""The metric catalogue: the sector's standard indicators (``metrics.toml`` shipped with
pledge) and a data directory's own (its ``metrics.toml``), with their names in both
languages, their kind and which metric is a part of which.

The plausibility checks of reported figures against it are in :mod:`pledgecli.plausibility`.
"""

from __future__ import annotations

import os
import re
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass, field
from decimal import Decimal
from enum import StrEnum
from functools import lru_cache
from pathlib import Path
from typing import Any

from pledgecli.diagnostics import Diagnostic, KeyPath, with_lines
from pledgecli.flat_toml import parse_flat
from pledgecli.i18n import _, language
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
    text = SHIPPED.read_text(encoding="utf-8")
    raw = parse_flat(text)  # flat: the fast path, tomllib's values in a fifth of its time
    if raw is None:
        raw = tomllib.loads(text, parse_float=Decimal)
    problems: list[Diagnostic] = []
    metrics = _entries(raw, SHIPPED, problems, {}, shipped=True)
    assert not problems, problems  # tests/test_catalog.py keeps the shipped file valid
    return Catalog(metrics)


_active: list[Catalog] = []


def use_catalog(catalog: Catalog) -> None:
    """Make ``catalog`` (a loaded data directory's) the one :func:`metric_name` reads by
    default, as :func:`pledgecli.i18n.set_language` does for the language."""
    _active[:] = [catalog]


def active_catalog() -> Catalog:
    return _active[0] if _active else shipped_catalog()


def metric_name(metric: str, lang: str | None = None, catalog: Catalog | None = None) -> str:
    """``metric``'s name in ``lang`` (default: the reader's language); its id if unknown.
    Without ``catalog``: the loaded data directory's catalogue, else the shipped one."""
    return (catalog or active_catalog()).name(metric, lang)


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
