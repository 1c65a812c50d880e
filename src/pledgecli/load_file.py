"""One pledge or one year-end report: its TOML -> a domain object, or diagnostics.

The file's path decides its year, cluster or province; the registry of provinces
(``load_registry.py``) is read first, so that names can be checked against it.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import fields
from datetime import date, datetime
from decimal import Decimal
from fractions import Fraction
from pathlib import Path
from typing import Any

from pledgecli.dataset import DataSet
from pledgecli.diagnostics import Diagnostic, KeyPath
from pledgecli.figures import LARGEST, MAX_EXPONENT
from pledgecli.flat_toml import Seen, column_values, flat_columns, token_value
from pledgecli.i18n import _
from pledgecli.lookup import province_labels
from pledgecli.merger import former_signatory
from pledgecli.models import Actuals, Pledge
from pledgecli.names import Candidates, did_you_mean, fold, slug_problem
from pledgecli.plain_pledge import plain_pledge
from pledgecli.pledge_names import resolve_names
from pledgecli.read import parse_toml, read_text, read_toml


def _check_path_value(
    raw: dict[str, Any], key: str, expected: int | str, path: Path, data: DataSet
) -> bool:
    if key not in raw:
        return True
    if raw[key] == expected:
        return True
    if key == "year" and not (isinstance(raw[key], int) and not isinstance(raw[key], bool)):
        data.diagnostics.append(
            Diagnostic(
                path,
                _("year must be a number, not {value}").format(value=_show(raw[key])),
                key=(key,),
                hint=_("write year = {year}, or leave it out: the folder gives it").format(
                    year=expected
                ),
            )
        )
        return False
    template = (
        _("{key} = {value} contradicts the folder, which says {expected}")
        if key == "year"
        else _("{key} = {value} contradicts the file name, which says {expected}")
    )
    data.diagnostics.append(
        Diagnostic(
            path,
            template.format(key=key, value=_show(raw[key]), expected=_show(expected)),
            key=(key,),
            hint=_("the path decides: fix {key} or move the file").format(key=key),
        )
    )
    return False


def load_pledge(path: Path, year: int, data: DataSet) -> Pledge | None:
    """The pledge of ``pledges/<year>/<cluster>.toml``; ``None`` (its problems in
    ``data.diagnostics``) when it cannot be judged."""
    data.files_checked += 1
    raw = read_toml(path, data.diagnostics)
    if raw is None:
        return None
    cluster = path.stem
    problem = slug_problem(cluster, _("cluster id (file name)"))
    if problem is not None:
        data.diagnostics.append(Diagnostic(path, problem.message, hint=problem.hint))
        return None
    fine = _check_path_value(raw, "year", year, path, data)
    fine = _check_path_value(raw, "cluster", cluster, path, data) and fine
    raw = resolve_names(raw, path, data)  # names welcome: ids from here on
    signatories = raw.get("provinces")
    if isinstance(signatories, list):
        for index, province in enumerate(signatories):
            if isinstance(province, str) and province not in data.provinces:
                fine = False
                if not data.registry_unread:  # else the registry's own error says it
                    data.diagnostics.append(
                        _unknown_province(path, province, data, ("provinces", index))
                    )
            elif isinstance(province, str) and former_signatory(
                data.provinces, province, year, _signed_on(raw)
            ):
                fine = False
                data.diagnostics.append(
                    _former_province(path, province, data, ("provinces", index))
                )
    fine = _no_path_key(raw, path, data) and fine
    raw = {**raw, "year": year, "cluster": cluster, "path": path}
    pledge: Pledge | None = plain_pledge(raw)
    if pledge is None:
        from pledgecli.model_errors import validate  # pydantic: only for what is not plain

        pledge = validate(Pledge, raw, path, data.diagnostics)
    return pledge if fine else None


def _signed_on(raw: Mapping[str, Any]) -> date | None:
    value = raw.get("signed_on")
    return value if isinstance(value, date) and not isinstance(value, datetime) else None


def _former_province(path: Path, province: str, data: DataSet, key: KeyPath) -> Diagnostic:
    """A pledge dated after ``province`` merged into another cannot list it."""
    from pledgecli.display import date_text

    entry = data.provinces[province]
    assert entry.merged_into is not None and entry.merged_on is not None
    return Diagnostic(
        path,
        _("{name} ({id}) merged into {successor} on {date}, so it cannot sign this pledge").format(
            name=entry.name,
            id=province,
            successor=data.province_name(entry.merged_into),
            date=date_text(entry.merged_on),
        ),
        hint=_('did you mean "{match}"?').format(match=entry.merged_into),
        key=key,
    )


def load_actuals(
    path: Path,
    year: int,
    data: DataSet,
    content: bytes | None = None,
    *,
    listed: str | None = None,
) -> Actuals | None:
    """The report of ``actuals/<year>/<province>.toml`` (or of ``content``, its bytes before
    they are written); ``None`` (its problems in ``data.diagnostics``) when it is unusable.
    ``listed``: its path as its folder's listing gave it, a regular file (``read_data_file``)."""
    data.files_checked += 1
    text = read_text(path, data.diagnostics, content, listed=listed)
    if text is None:
        return None
    fast = _plain_report(text)
    raw = fast[0] if fast is not None else parse_toml(text, path, data.diagnostics)
    if raw is None:
        return None
    province = path.stem
    if province not in data.provinces:
        if not data.registry_unread:  # else the registry's own error says it
            data.diagnostics.append(_unknown_province(path, province, data, None, file_name=True))
        return None
    fine = _check_path_value(raw, "year", year, path, data)
    fine = _check_path_value(raw, "province", province, path, data) and fine
    entry = data.provinces[province]
    if entry.merged_on is not None and entry.merged_on <= date(year, 12, 31):
        data.diagnostics.append(_report_after_merger(path, province, year, data))
    fine = _no_path_key(raw, path, data) and fine
    raw = {**raw, "year": year, "province": province, "path": path}
    actuals: Actuals | None
    if fast is not None:
        actuals = _constructed(raw, raw.get("source"), fast[1])
        return actuals if fine else None
    actuals = _plain_actuals(raw)
    if actuals is None:
        from pledgecli.model_errors import validate  # pydantic: only for what is not plain

        actuals = validate(Actuals, raw, path, data.diagnostics)
    return actuals if fine else None


def _no_path_key(raw: Mapping[str, Any], path: Path, data: DataSet) -> bool:
    """``path`` is where the loader keeps the file's own path, never a key of a file."""
    if "path" not in raw:
        return True
    data.diagnostics.append(
        Diagnostic(path, _('unknown key "{key}"').format(key="path"), key=("path",))
    )
    return False


_PLAIN_ACTUALS_KEYS = frozenset({"year", "province", "path", "source", "metrics"})
_SMALL_COUNT = 1024
_SMALL = tuple(Fraction(n) for n in range(_SMALL_COUNT))  # shared: fractions are immutable
# Figures already converted (reports repeat the same few thousand: 4505, 25.8...); only
# values that passed the checks below, so a hit is the fraction the check would give (an
# int and an equal Decimal give the same fraction). Bounded: a few hundred KiB at most.
_EXACT: dict[int | Decimal, Fraction] = {}
_MOST_EXACT = 1 << 14


def _plain_actuals(raw: dict[str, Any]) -> Actuals | None:
    """A report with only a source and non-negative numbers or booleans, built without
    pydantic (whose call per figure would cost, national data has 250,000 of them);
    ``None`` for anything else, which pydantic then validates and explains."""
    source, metrics = raw.get("source"), raw.get("metrics", {})
    if not (
        raw.keys() <= _PLAIN_ACTUALS_KEYS
        and (source is None or type(source) is str)
        and type(metrics) is dict
    ):
        return None
    values: dict[str, Fraction | bool] = {}
    small, seen = _SMALL, _EXACT
    for name, value in metrics.items():
        kind = type(value)
        if kind is int:  # the usual figure first (bool is not int here: type, not isinstance)
            if 0 <= value < _SMALL_COUNT:
                values[name] = small[value]
            elif 0 <= value < LARGEST:
                exact = seen.get(value)
                if exact is None:
                    exact = Fraction(value)
                    if len(seen) < _MOST_EXACT:
                        seen[value] = exact
                values[name] = exact
            else:
                return None
        elif kind is bool:
            values[name] = value
        elif kind is Decimal and value.is_finite() and abs(value.adjusted()) <= MAX_EXPONENT:
            if value < 0:
                return None
            exact = seen.get(value)
            if exact is None:
                exact = Fraction(value)
                if len(seen) < _MOST_EXACT:
                    seen[value] = exact
            values[name] = exact
        else:
            return None
    return _constructed(raw, source, values)


def _constructed(
    raw: dict[str, Any], source: str | None, values: dict[str, Fraction | bool]
) -> Actuals:
    if not _PLAIN_INIT:
        return Actuals(
            year=raw["year"],
            province=raw["province"],
            path=raw["path"],
            source=source,
            metrics=values,
        )
    # What the frozen dataclass's __init__ leaves in the instance's __dict__, in its order,
    # without its object.__setattr__ per field (national data makes 6,600 reports).
    actuals = _new(Actuals)
    actuals.__dict__.update(
        year=raw["year"],
        province=raw["province"],
        path=raw["path"],
        source=source,
        metrics=values,
        deductions=[],
        corrections={},
        self_score=None,
    )
    return actuals


_new = object.__new__
_PLAIN_INIT = (
    tuple(field.name for field in fields(Actuals))
    == ("year", "province", "path", "source", "metrics", "deductions", "corrections", "self_score")
    and not hasattr(Actuals, "__post_init__")
    and not hasattr(Actuals, "__slots__")
)
"""Whether ``Actuals(...)`` only sets these fields (else ``_constructed`` calls it)."""


_PLAIN_ROOT_KEYS = _PLAIN_ACTUALS_KEYS - {"metrics"}


def _plain_report(text: str) -> tuple[dict[str, Any], dict[str, Fraction | bool]] | None:
    """A report that ``_plain_actuals`` would take, read from its text in one pass: its
    root table (source, and year, province or path if given) and its figures, each made
    from the text it is written as ("4839", "25.8", "true") once for all reports; ``None``
    for any other file, which ``parse_toml`` then reads (and explains)."""
    tables = flat_columns(text.replace("\r\n", "\n") if "\r" in text else text)
    if tables is None:
        return None
    (root_keys, root_tokens), rest = tables
    if len(rest) != 1 or rest[0][0] != "metrics" or not _PLAIN_ROOT_KEYS.issuperset(root_keys):
        return None
    figures = column_values(rest[0][1], _FIGURES)
    if figures is None:
        return None
    root: dict[str, Any] = {}
    for key, token in zip(root_keys, root_tokens, strict=True):  # a source (year, province)
        value = root[key] = token_value(token)
        if value is None:
            return None
    source = root.get("source")
    if source is not None and type(source) is not str:
        return None
    return root, figures


def _figure(token: str) -> Fraction | bool | None:
    """The figure ``_plain_actuals`` makes of the value ``token`` is written as; ``None``
    when it takes no such value (a negative number, a text...)."""
    value: object = token_value(token)
    kind = type(value)
    if isinstance(value, bool):
        return value
    if kind is int:
        assert isinstance(value, int)
        if 0 <= value < _SMALL_COUNT:
            return _SMALL[value]
        return Fraction(value) if 0 <= value < LARGEST else None
    if isinstance(value, Decimal) and value.is_finite() and abs(value.adjusted()) <= MAX_EXPONENT:
        return None if value < 0 else Fraction(value)
    return None


_FIGURES: Seen[Fraction | bool] = Seen(_figure)  # by the text a figure is written as


def _report_after_merger(path: Path, province: str, year: int, data: DataSet) -> Diagnostic:
    """A year-end report of a province that no longer existed at the end of that year."""
    from pledgecli.display import date_text

    entry = data.provinces[province]
    assert entry.merged_into is not None and entry.merged_on is not None
    return Diagnostic(
        path,
        _(
            "{name} merged into {successor} on {date}: its {year} figures belong in "
            "the report of {successor}"
        ).format(
            name=entry.name,
            successor=data.province_name(entry.merged_into),
            date=date_text(entry.merged_on),
            year=year,
        ),
        hint=_("move them to actuals/{year}/{id}.toml").format(year=year, id=entry.merged_into),
        severity="warning",
    )


def _unknown_province(
    path: Path, province: str, data: DataSet, key: KeyPath | None, *, file_name: bool = False
) -> Diagnostic:
    registry = data.root / "provinces.toml"
    if not data.labels:
        data.labels = province_labels(data.provinces)
    suggestion = data.labels.get(fold(province))
    close = None
    if suggestion is None:
        if data.ids is None:
            data.ids = Candidates(data.provinces)
        close = did_you_mean(province, data.ids)
    if suggestion is not None:
        hint = _('did you mean "{match}"?').format(match=suggestion)
    else:
        hint = close or _("add [{id}] to {file}").format(id=province, file=registry.name)
    template = (
        _('file name "{province}" is not in {file}')
        if file_name
        else _('province "{province}" is not in {file}')
    )
    message = template.format(province=province, file=registry.name)
    return Diagnostic(path, message, hint=hint, key=key)


def _show(value: object) -> str:
    return f'"{value}"' if isinstance(value, str) else str(value)
