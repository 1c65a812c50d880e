"""The only module that reads files: data directory -> validated models + diagnostics.

Nothing here raises on bad user data. Every problem becomes a ``Diagnostic``
with its file and (where it can be found) line, and loading goes on so that
one run reports them all.
"""

from __future__ import annotations

import os
import re
import sys
import tomllib
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal
from fractions import Fraction
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ValidationError

from pledgecli.catalog import FILE_NAME as CATALOG_FILE
from pledgecli.catalog import Catalog, load_catalog, shipped_catalog
from pledgecli.diagnostics import Diagnostic, InputError, KeyPath
from pledgecli.flat_toml import parse_flat
from pledgecli.i18n import N_, _
from pledgecli.merger import baseline_members_of, former_signatory, merger_problems
from pledgecli.models import (
    LARGEST,
    MAX_EXPONENT,
    Actuals,
    MetricValue,
    Pledge,
    Problem,
    Province,
    Rule,
    Target,
    slug_problem,
)
from pledgecli.names import did_you_mean, fold

_TOML_POSITION = re.compile(r"\(at line (\d+), column (\d+)\)")
_YEAR = re.compile(r"^\d{4}$")


@dataclass
class DataSet:
    """Everything read from a data directory, and every problem found on the way."""

    root: Path
    provinces: dict[str, Province] = field(default_factory=dict)
    pledges: dict[int, dict[str, Pledge]] = field(default_factory=dict)
    actuals: dict[int, dict[str, Actuals]] = field(default_factory=dict)
    diagnostics: list[Diagnostic] = field(default_factory=list)
    files_checked: int = 0
    pledge_years: list[int] = field(default_factory=list)
    catalog: Catalog = field(default_factory=shipped_catalog)
    """The metric catalogue: the shipped indicators and the directory's metrics.toml."""
    # For hints about unknown provinces: every folded id, name and alias -> id (built on the
    # first unknown one), and how many more did-you-mean searches of the whole registry to
    # make (a pledge of 3,321 communes against the wrong registry would make millions).
    labels: dict[str, str] = field(default_factory=dict, repr=False)
    searches_left: int = field(default=20, repr=False)

    @property
    def ok(self) -> bool:
        return not any(d.severity == "error" for d in self.diagnostics)

    def province_name(self, province_id: str) -> str:
        province = self.provinces.get(province_id)
        return province.name if province else province_id


def pledge_years(root: Path) -> list[int]:
    """The years that have a folder of pledges (four-digit folder names)."""
    return sorted(int(p.name) for p in _year_dirs(root / "pledges", DataSet(root=root), quiet=True))


def find_data_dir(option: Path | None) -> Path:
    """``--data DIR``, then ``PLEDGE_DATA``, then ``./data``."""
    if option is not None:
        root, origin = option, "--data"
    elif os.environ.get("PLEDGE_DATA"):
        root, origin = Path(os.environ["PLEDGE_DATA"]), "PLEDGE_DATA"
    else:
        root, origin = Path("data"), "default"
    if not root.is_dir():
        hint = (
            _("run pledge in the folder that holds data/, or give --data DIR or set PLEDGE_DATA")
            if origin == "default"
            else None
        )
        given = _(" (from {origin})").format(origin=origin) if origin != "default" else ""
        raise InputError(_("data directory not found: {path}").format(path=root) + given, hint)
    return root


def load(
    root: Path, year: int | None = None, *, progress: Callable[[int, int], None] | None = None
) -> DataSet:
    """Load the data directory; with ``year``, only what judging that year needs.

    ``progress(done, total)`` is called after each report is read (the bulk of the files:
    6,600 for national data), for the command layer's progress bar."""
    data = DataSet(root=root)
    _load_provinces(data)
    if (root / CATALOG_FILE).is_file():
        data.files_checked += 1
        data.catalog = load_catalog(root, data.diagnostics)
    pledge_dir = root / "pledges"
    data.pledge_years = pledge_years(root)
    for pledge_year in [year] if year is not None else data.pledge_years:
        for path in _toml_files(pledge_dir / str(pledge_year)):
            pledge = _load_pledge(path, pledge_year, data)
            if pledge is not None:
                data.pledges.setdefault(pledge_year, {})[pledge.cluster] = pledge
    if year is None:
        actual_years = [int(p.name) for p in _year_dirs(root / "actuals", data, quiet=False)]
    else:
        actual_years = sorted(
            {year}.union(*(p.baseline_years() for p in data.pledges.get(year, {}).values()))
        )
    reports = [(y, path) for y in actual_years for path in _toml_files(root / "actuals" / str(y))]
    for done, (actual_year, path) in enumerate(reports, start=1):
        actuals = _load_actuals(path, actual_year, data)
        if actuals is not None:
            data.actuals.setdefault(actual_year, {})[actuals.province] = actuals
        if progress is not None:
            progress(done, len(reports))
    if year is None:
        _check_unused_dirs(root, data)
    _cross_check(data)
    return data


# -- reading ---------------------------------------------------------------


def read_toml(
    path: Path, diagnostics: list[Diagnostic], content: bytes | None = None
) -> dict[str, Any] | None:
    """Parse one TOML file (UTF-8, with or without BOM, LF or CRLF); floats become Decimal.

    ``content``: the file's would-be bytes, checked before they are written."""
    try:
        raw = path.read_bytes() if content is None else content
    except OSError as error:
        diagnostics.append(
            Diagnostic(path, _("cannot read the file: {reason}").format(reason=error.strerror))
        )
        return None
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        bad_line = raw[: error.start].count(b"\n") + 1
        diagnostics.append(
            Diagnostic(
                path,
                _("the file is not UTF-8 text (byte 0x{byte:02x})").format(byte=raw[error.start]),
                line=bad_line,
                hint=_("save it as UTF-8; in Notepad: File > Save As > Encoding: UTF-8"),
            )
        )
        return None
    flat = parse_flat(text)  # most files: several times faster than tomllib, same values
    if flat is not None:
        return flat
    try:
        return tomllib.loads(text, parse_float=Decimal)
    except tomllib.TOMLDecodeError as error:
        message = str(error)
        position = _TOML_POSITION.search(message)
        line = int(position.group(1)) if position else None
        if line is None and "(at end of document)" in message:
            line = text.count("\n") + (0 if text.endswith("\n") else 1)
        message = _toml_message(
            _TOML_POSITION.sub("", message).replace("(at end of document)", "").strip()
        )
        diagnostics.append(
            Diagnostic(
                path,
                _("TOML syntax error: {message}").format(message=message),
                line=line,
                hint=_syntax_hint(text, line, message),
            )
        )
        return None
    except RecursionError:  # tomllib reads nested arrays and tables recursively
        diagnostics.append(
            Diagnostic(
                path,
                _("values are nested too deeply to read"),
                line=_first_line(text, _DEEP),
                hint=_("a figure is a number, true or false; a list is one level deep"),
            )
        )
        return None
    except ValueError:  # the only other one: an integer longer than Python converts
        diagnostics.append(
            Diagnostic(
                path,
                _("a number is too long to read (more than {digits} digits)").format(
                    digits=sys.get_int_max_str_digits()
                ),
                line=_first_line(text, _LONG_NUMBER),
            )
        )
        return None
    except ArithmeticError:  # Decimal refuses an exponent beyond any figure (1e9999...9)
        diagnostics.append(
            Diagnostic(
                path,
                _("a number is too large or too small to read"),
                line=_first_line(text, _HUGE_EXPONENT),
                hint=_("write the figure in full, without an exponent"),
            )
        )
        return None


_HUGE_EXPONENT = re.compile(r"[0-9][eE][+-]?[0-9_]{18,}")
_DEEP = re.compile(r"[\[{](?:\s*[\[{]){99}")
_LONG_NUMBER = re.compile(r"\d{1000}")


def _first_line(text: str, pattern: re.Pattern[str]) -> int | None:
    found = pattern.search(text)
    return text.count("\n", 0, found.start()) + 1 if found else None


# What tomllib says, in the reader's language (other messages stay as tomllib words them).
_TOML_MESSAGES = {
    "Invalid value": N_("Invalid value"),
    "Cannot overwrite a value": N_("Cannot overwrite a value"),
    "Unterminated string": N_("Unterminated string"),
    "Expected ']' at the end of a table declaration": N_(
        "Expected ']' at the end of a table declaration"
    ),
    "Expected '=' after a key in a key/value pair": N_(
        "Expected '=' after a key in a key/value pair"
    ),
    "Expected newline or end of document after a statement": N_(
        "Expected newline or end of document after a statement"
    ),
}


def _toml_message(message: str) -> str:
    known = _TOML_MESSAGES.get(message)
    return _(known) if known is not None else message


def _syntax_hint(text: str, line: int | None, message: str = "") -> str | None:
    if message.startswith(("Cannot overwrite a value", "Cannot declare")):
        return _("a key or a table is written twice in this file; keep one")
    if line is None:
        return None
    lines = text.splitlines()
    if not 0 < line <= len(lines):
        return None
    source = lines[line - 1]
    if "=" in source:
        value = source.split("=", 1)[1].strip()
        if value and value[0] not in "\"'[{0123456789+-tfin" and not value.startswith("#"):
            return _("put text in double quotes")
    return None


def _toml_files(folder: Path) -> list[Path]:
    if not folder.is_dir():
        return []
    # scandir knows file types without a stat per file; names sort as the paths would.
    with os.scandir(folder) as entries:
        names = sorted(
            e.name for e in entries if e.name.endswith(".toml") and len(e.name) > 5 and e.is_file()
        )
    return [folder / name for name in names]


def _year_dirs(folder: Path, data: DataSet, *, quiet: bool) -> list[Path]:
    if not folder.is_dir():
        return []
    years = []
    for child in sorted(folder.iterdir()):
        if child.is_dir() and _YEAR.match(child.name):
            years.append(child)
        elif child.is_dir() and not child.name.startswith(".") and not quiet:
            data.diagnostics.append(
                Diagnostic(
                    child,
                    _("folder name is not a year; its files are not read"),
                    severity="warning",
                )
            )
    return years


def _check_unused_dirs(root: Path, data: DataSet) -> None:
    _year_dirs(root / "pledges", data, quiet=False)


# -- models ----------------------------------------------------------------


def _validate(model: type[BaseModel], raw: dict[str, Any], path: Path, data: DataSet) -> Any | None:
    try:
        return model.model_validate(raw)
    except ValidationError as error:
        for detail in error.errors():
            data.diagnostics.append(_diagnostic(model, path, detail, raw))
        return None


def _diagnostic(
    model: type[BaseModel], path: Path, detail: Any, raw: Mapping[str, Any]
) -> Diagnostic:
    loc: KeyPath = tuple(detail["loc"])
    kind = detail["type"]
    problem = (detail.get("ctx") or {}).get("error")
    if isinstance(problem, Problem):
        return Diagnostic(path, problem.message, hint=problem.hint, key=loc + problem.key)
    name = ".".join(str(part) for part in loc) or _("file")
    if kind == "extra_forbidden":
        known = _known_keys(model, loc)
        hint = did_you_mean(str(loc[-1]), known)
        if model is Actuals and len(loc) == 1 and hint is None:
            hint = _("metrics go in the [metrics] table")
        return Diagnostic(path, _('unknown key "{key}"').format(key=loc[-1]), hint=hint, key=loc)
    if kind == "missing":
        message = _('missing required key "{key}"').format(key=loc[-1])
        return Diagnostic(path, message, key=loc[:-1] or None)
    if kind == "too_short":
        message = _("{key} is empty; it needs at least one entry").format(key=name)
        return Diagnostic(path, message, key=loc)
    words = next((w for t, w in _PYDANTIC_WORDS if kind.startswith(t)), None)
    last = next((str(part) for part in reversed(loc) if isinstance(part, str)), name)
    if words is not None:
        return Diagnostic(path, _(words).format(key=last), key=loc)
    message = str(detail["msg"]).removeprefix("Value error, ")
    return Diagnostic(path, f"{last}: {message}", key=loc)


# pydantic's messages for wrong types, in the reader's language (by error type prefix)
_PYDANTIC_WORDS = (
    ("date", N_("{key} must be a date such as 2021-01-27")),
    ("int", N_("{key} must be a whole number")),
    ("string", N_("{key} must be text in double quotes")),
    ("bool", N_("{key} must be true or false")),
    ("list", N_("{key} must be a list in square brackets")),
    ("dict", N_("{key} must be a table")),
    ("model", N_("{key} must be a table")),
    ("enum", N_("{key} is not one of the allowed words")),
    ("literal", N_("{key} is not one of the allowed words")),
)


def _known_keys(model: type[BaseModel], loc: KeyPath) -> list[str]:
    from pledgecli.models import Correction, Deduction, Rotation, Scoring

    nested: dict[str, type[BaseModel]] = {
        "targets": Target,
        "scoring": Scoring,
        "deductions": Deduction,
        "corrections": Correction,
        "rotation": Rotation,
    }
    current: type[BaseModel] = model
    for part in loc[:-1]:
        if isinstance(part, str) and part in nested:
            current = nested[part]
    hidden = {"path"}
    return [name for name in current.model_fields if name not in hidden]


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


def _load_pledge(path: Path, year: int, data: DataSet) -> Pledge | None:
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
    signatories = raw.get("provinces")
    if isinstance(signatories, list):
        for index, province in enumerate(signatories):
            if isinstance(province, str) and province not in data.provinces:
                fine = False
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
    pledge: Pledge | None = _validate(Pledge, raw, path, data)
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


def _load_actuals(
    path: Path, year: int, data: DataSet, content: bytes | None = None
) -> Actuals | None:
    data.files_checked += 1
    raw = read_toml(path, data.diagnostics, content)
    if raw is None:
        return None
    province = path.stem
    if province not in data.provinces:
        data.diagnostics.append(_unknown_province(path, province, data, None, file_name=True))
        return None
    fine = _check_path_value(raw, "year", year, path, data)
    fine = _check_path_value(raw, "province", province, path, data) and fine
    entry = data.provinces[province]
    if entry.merged_on is not None and entry.merged_on <= date(year, 12, 31):
        data.diagnostics.append(_report_after_merger(path, province, year, data))
    fine = _no_path_key(raw, path, data) and fine
    raw = {**raw, "year": year, "province": province, "path": path}
    actuals: Actuals | None = _plain_actuals(raw)
    if actuals is None:
        actuals = _validate(Actuals, raw, path, data)
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
_SMALL = tuple(Fraction(n) for n in range(1024))  # shared: fractions are immutable


def _plain_actuals(raw: dict[str, Any]) -> Actuals | None:
    """A report with only a source and non-negative numbers or booleans, built without
    pydantic's call per figure (national data has 250,000 of them); ``None`` for anything
    else, which pydantic then validates and explains."""
    source, metrics = raw.get("source"), raw.get("metrics", {})
    if not (
        raw.keys() <= _PLAIN_ACTUALS_KEYS
        and (source is None or type(source) is str)
        and type(metrics) is dict
    ):
        return None
    values: dict[str, Fraction | bool] = {}
    for name, value in metrics.items():
        kind = type(value)
        if kind is bool:
            values[name] = value
        elif kind is int and 0 <= value < LARGEST:
            values[name] = _SMALL[value] if value < len(_SMALL) else Fraction(value)
        elif kind is Decimal and value.is_finite() and abs(value.adjusted()) <= MAX_EXPONENT:
            if value < 0:
                return None
            values[name] = Fraction(value)
        else:
            return None
    # Every field given: pydantic's defaults cost an inspect.signature per call.
    return Actuals.model_construct(
        year=raw["year"],
        province=raw["province"],
        path=raw["path"],
        source=source,
        metrics=values,
        deductions=[],
        corrections={},
        self_score=None,
        _fields_set=set(raw),
    )


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
    if suggestion is None and data.searches_left > 0:
        data.searches_left -= 1
        close = did_you_mean(province, data.provinces)
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


def _load_provinces(data: DataSet) -> None:
    path = data.root / "provinces.toml"
    if not path.is_file():
        data.diagnostics.append(
            Diagnostic(
                path,
                _("provinces.toml is missing"),
                hint=_("it lists every province id and name"),
            )
        )
        return
    data.files_checked += 1
    raw = read_toml(path, data.diagnostics)
    if raw is None:
        return
    seen: dict[str, str] = {}
    for province_id, entry in raw.items():
        problem = slug_problem(province_id, _("province id"))
        if problem is not None:
            data.diagnostics.append(
                Diagnostic(path, problem.message, hint=problem.hint, key=(province_id,))
            )
            continue
        if not isinstance(entry, dict):
            data.diagnostics.append(
                Diagnostic(
                    path,
                    _("[{id}] must be a table with a name").format(id=province_id),
                    key=(province_id,),
                )
            )
            continue
        province = _validate_province(province_id, entry, path, data)
        if province is None:
            continue
        for label in (province_id, province.name, *province.aliases):
            folded = fold(label)
            other = seen.get(folded)
            if other is not None and other != province_id:
                data.diagnostics.append(
                    Diagnostic(
                        path,
                        _(
                            '"{label}" of {id} also names {other}; names and aliases must be unique'
                        ).format(label=label, id=province_id, other=other),
                        key=(province_id,),
                    )
                )
            seen[folded] = province_id
        data.provinces[province_id] = province
    for province_id, province in data.provinces.items():
        if province.merged_into is not None and province.merged_into not in data.provinces:
            data.diagnostics.append(
                Diagnostic(
                    path,
                    _('{id} is merged into "{successor}", which is not listed').format(
                        id=province_id, successor=province.merged_into
                    ),
                    key=(province_id, "merged_into"),
                    hint=did_you_mean(province.merged_into, data.provinces),
                )
            )
    for problem in merger_problems(data.provinces):
        data.diagnostics.append(
            Diagnostic(path, problem.message, hint=problem.hint, key=problem.key)
        )


def _validate_province(
    province_id: str, entry: dict[str, Any], path: Path, data: DataSet
) -> Province | None:
    name, aliases = entry.get("name"), entry.get("aliases", [])
    if (  # the usual entry (a name, maybe aliases): no need for pydantic's machinery
        entry.keys() <= {"name", "aliases"}
        and type(name) is str
        and name
        and type(aliases) is list
        and all(type(alias) is str for alias in aliases)
    ):
        return Province.model_construct(
            name=name, aliases=aliases, merged_into=None, merged_on=None, _fields_set=set(entry)
        )
    try:
        return Province.model_validate(entry)
    except ValidationError as error:
        for detail in error.errors():
            diag = _diagnostic(Province, path, detail, entry)
            data.diagnostics.append(
                Diagnostic(
                    path,
                    f"[{province_id}] {diag.message}",
                    hint=diag.hint,
                    key=(province_id, *(diag.key or ())),
                )
            )
        return None


def revalidate_actuals(data: DataSet, year: int, contents: Mapping[Path, bytes]) -> None:
    """Check reports as if ``contents`` (path -> bytes not yet written) were on disk:
    what ``pledge import`` and ``pledge set`` validate before they write anything.
    ``data`` is a loaded data set; its diagnostics and actuals are updated."""
    data.diagnostics = [d for d in data.diagnostics if d.path not in contents]
    for path, content in contents.items():
        data.actuals.get(year, {}).pop(path.stem, None)
        actuals = _load_actuals(path, year, data, content)
        if actuals is not None:
            data.actuals.setdefault(year, {})[actuals.province] = actuals
    _cross_check(data)
    data.diagnostics = list(dict.fromkeys(data.diagnostics))


# -- checks across files ------------------------------------------------------


def _cross_check(data: DataSet) -> None:
    members = baseline_members_of(data.provinces)  # one index of mergers for every target
    for year, pledges in data.pledges.items():
        for pledge in pledges.values():
            for target in pledge.targets:
                _check_metric_types(data, pledge, target, year)
                if target.rule is Rule.GROWTH_AT_LEAST:
                    base_year = pledge.baseline_year_of(target)
                    assembled = {
                        m: None for p in pledge.provinces for m in members(p, base_year, year)
                    }
                    _check_metric_types(data, pledge, target, base_year, tuple(assembled))
        _check_misspelled_metrics(data, year, pledges.values())


def _check_metric_types(
    data: DataSet,
    pledge: Pledge,
    target: Target,
    year: int,
    provinces: Sequence[str] | None = None,
) -> None:
    wants_bool = target.rule is Rule.MUST_BE
    reports = data.actuals.get(year, {})
    needed = [m for m in (target.metric, target.per) if m is not None]
    for province in pledge.provinces if provinces is None else provinces:
        actuals = reports.get(province)
        if actuals is None:
            continue
        checked: list[tuple[str, MetricValue | None, KeyPath]] = [
            (m, actuals.metrics.get(m), ("metrics", m)) for m in needed
        ]
        if actuals.corrections:  # a verified figure is judged too: it must fit the target
            checked += [
                (m, actuals.corrections[m].value, ("corrections", m, "value"))
                for m in needed
                if m in actuals.corrections
            ]
        for metric, value, key in checked:
            if value is None or isinstance(value, bool) == wants_bool:
                continue
            expected = _("true or false") if wants_bool else _("a number")
            shown = str(value).lower() if isinstance(value, bool) else str(value)
            data.diagnostics.append(
                Diagnostic(
                    actuals.path,
                    _(
                        '{metric} must be {expected} (target "{target}" of {cluster} {year}), not {value}'
                    ).format(
                        metric=metric,
                        expected=expected,
                        target=target.id,
                        cluster=pledge.cluster,
                        year=pledge.year,
                        value=shown,
                    ),
                    key=key,
                )
            )


def _show(value: object) -> str:
    return f'"{value}"' if isinstance(value, str) else str(value)


def _check_misspelled_metrics(data: DataSet, year: int, pledges: Iterable[Pledge]) -> None:
    for pledge in pledges:
        needed = {m for t in pledge.targets for m in (t.metric, t.per) if m is not None}
        for province in pledge.provinces:
            actuals = data.actuals.get(year, {}).get(province)
            if actuals is None:
                continue
            absent = needed.difference(actuals.metrics)
            if not absent:  # the usual case: nothing to suggest
                continue
            unused = [m for m in actuals.metrics if m not in needed]
            for metric in sorted(absent):
                hint = did_you_mean(metric, unused)
                if hint is None:
                    continue
                data.diagnostics.append(
                    Diagnostic(
                        actuals.path,
                        _("{metric} is missing, so targets that need it have no data").format(
                            metric=metric
                        ),
                        hint=hint,
                        severity="warning",
                        key=("metrics",),
                    )
                )


# -- looking up what users type ------------------------------------------------


def resolve_province(
    text: str, provinces: Mapping[str, Province], labels: Mapping[str, str] | None = None
) -> str | None:
    """Province id from an id, a name or an alias, with or without diacritics, any case.

    Many lookups pass ``labels`` (``province_labels(provinces)``, built once)."""
    if text in provinces:
        return text
    if labels is None:
        labels = province_labels(provinces)
    return labels.get(fold(text))


def province_labels(provinces: Mapping[str, Province]) -> dict[str, str]:
    """Every folded id, name and alias -> its province id: ``resolve_province`` for many
    lookups at once (the first province in registry order wins, as there)."""
    labels: dict[str, str] = {}
    for province_id, province in provinces.items():
        for label in (province_id, province.name, *province.aliases):
            labels.setdefault(fold(label), province_id)
    return labels


def province_suggestion(text: str, provinces: Mapping[str, Province]) -> str | None:
    labels = {province.name: province_id for province_id, province in provinces.items()}
    labels.update({province_id: province_id for province_id in provinces})
    match = did_you_mean(text, labels)
    return match
