"""``pledge import``: a filled reporting form (CSV or XLSX) -> figures to record.

The form needs the columns ``province``, ``metric`` and ``value`` (and ``year``,
unless ``--year`` is given); other columns are read-only help and are ignored.
Blank values mean "not reported" and never remove a recorded figure.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path

from pledgecli.collect.needs import Kind, check_year, metric_kinds
from pledgecli.collect.numbers import from_cell, parse_boolean
from pledgecli.collect.plan import Entry, record
from pledgecli.dataset import DataSet
from pledgecli.diagnostics import Diagnostic, Problem, UserError, display_path
from pledgecli.figure_format import Value, figure_text
from pledgecli.i18n import _, ngettext
from pledgecli.lookup import (
    province_candidates,
    province_labels,
    province_suggestion,
    resolve_province,
)
from pledgecli.names import Candidates, did_you_mean
from pledgecli.outcomes import Recorded

REQUIRED = ("province", "metric", "value")
XLSX_SUFFIXES = (".xlsx", ".xlsm")


@dataclass(frozen=True)
class FormRecord:
    """One row of the form: its number as a spreadsheet shows it, and its cells by column."""

    row: int
    cells: dict[str, object]


@dataclass(frozen=True)
class FormEntries:
    year: int
    entries: list[Entry]
    errors: list[Diagnostic]
    blank: int


def read_form(path: Path) -> list[FormRecord]:
    """The records of a form, read from CSV or XLSX by the file's suffix."""
    if not path.is_file():
        raise UserError(_("form not found: {path}").format(path=display_path(path)))
    suffix = path.suffix.lower()
    if suffix == ".xls":
        raise UserError(
            _("{path} is in the old Excel format").format(path=display_path(path)),
            _("save it as .xlsx (Excel Workbook) or as CSV UTF-8"),
        )
    rows = _xlsx_rows(path) if suffix in XLSX_SUFFIXES else _csv_rows(path)
    return _records(path, rows)


def _csv_rows(path: Path) -> Iterator[tuple[int, list[object]]]:
    raw = path.read_bytes()
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = raw[: error.start].count(b"\n") + 1
        raise UserError(
            _("{path}:{line}: the form is not UTF-8 text").format(
                path=display_path(path), line=line
            ),
            _("in Excel: File > Save As > CSV UTF-8 (Comma delimited)"),
        ) from None
    first = text.split("\n", 1)[0]
    delimiter = max((",", ";", "\t"), key=first.count)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    for number, row in enumerate(reader, start=1):
        yield number, list(row)


def _xlsx_rows(path: Path) -> Iterator[tuple[int, list[object]]]:
    from pledgecli.collect.xlsx import openpyxl

    module = openpyxl()
    try:
        workbook = module.load_workbook(path, data_only=True)
    except Exception as error:  # openpyxl raises many kinds on a broken file
        raise UserError(
            _("cannot read {path} as an Excel workbook: {reason}").format(
                path=display_path(path), reason=str(error) or type(error).__name__
            )
        ) from None
    sheet = workbook.worksheets[0]
    formulas = None
    for number, row in enumerate(sheet.iter_rows(values_only=True), start=1):
        cells: list[object] = list(row)
        if any(cell is None for cell in cells):
            # A formula that no spreadsheet program has computed reads as empty: say so,
            # rather than take it for "not reported".
            if formulas is None:
                formulas = module.load_workbook(path).worksheets[0]
            for column, cell in enumerate(cells, start=1):
                written = formulas.cell(row=number, column=column).value
                if cell is None and isinstance(written, str) and written.startswith("="):
                    cells[column - 1] = Uncomputed(written)
        yield number, cells


@dataclass(frozen=True)
class Uncomputed:
    """A formula cell saved without its value (written by a program, never opened in Excel)."""

    formula: str


def _header_name(cell: object) -> str:
    from pledgecli.collect.form_columns import column_of

    return column_of(cell)  # either language's title, or the English ones of old forms


def _records(path: Path, rows: Iterator[tuple[int, list[object]]]) -> list[FormRecord]:
    header: list[str] | None = None
    records: list[FormRecord] = []
    for number, cells in rows:
        if all(_blank(c) for c in cells):
            continue
        if header is None:
            header = [_header_name(c) for c in cells]
            missing = [name for name in REQUIRED if name not in header]
            if missing:
                raise UserError(
                    _("{path}: row {row}: the form has no {columns} column").format(
                        path=display_path(path), row=number, columns=", ".join(missing)
                    ),
                    _("the first row names the columns: year, province, metric, value"),
                )
            continue
        named = {name: cell for name, cell in zip(header, cells, strict=False) if name}
        records.append(FormRecord(number, named))
    if header is None:
        raise UserError(_("{path} is empty").format(path=display_path(path)))
    return records


def _blank(cell: object) -> bool:
    return cell is None or (isinstance(cell, str) and not cell.strip())


def entries_from_form(
    path: Path, records: list[FormRecord], data: DataSet, year: int | None
) -> FormEntries:
    """Resolve each row's province and metric and read its value; every problem is kept,
    with its row number, so that one run reports them all."""
    kinds = metric_kinds(data)
    errors: list[Diagnostic] = []
    entries: list[Entry] = []
    blank = 0
    years: dict[int, int] = {}
    seen: dict[tuple[str, str], Entry] = {}

    def problem(row: int, message: str, hint: str | None = None) -> None:
        text = _("row {row}: {message}").format(row=row, message=message)
        errors.append(Diagnostic(path, text, hint=hint))

    labels = province_labels(data.provinces)  # one index for every row's province
    suggestions: Candidates | None = None  # and one of names to suggest, made when needed
    for form_record in records:
        cells = form_record.cells
        row_year = _row_year(cells.get("year"), form_record.row, problem)
        if row_year is not None:
            years.setdefault(row_year, form_record.row)
        province_text = "" if _blank(cells.get("province")) else str(cells["province"]).strip()
        metric = "" if _blank(cells.get("metric")) else str(cells["metric"]).strip()
        if not province_text or not metric:
            if not _blank(cells.get("value")):
                problem(form_record.row, _("a value without its province and metric"))
            continue
        province = resolve_province(province_text, data.provinces, labels)
        if province is None:
            if suggestions is None:
                suggestions = province_candidates(data.provinces)
            problem(
                form_record.row,
                _('unknown province "{province}"').format(province=province_text),
                province_suggestion(province_text, data.provinces, suggestions),
            )
        if metric not in kinds:
            problem(
                form_record.row,
                _('unknown metric "{metric}": no pledge and no report uses it').format(
                    metric=metric
                ),
                did_you_mean(metric, kinds),
            )
            continue
        if _blank(cells.get("value")):
            blank += 1
            continue
        try:
            value = _value(cells["value"], kinds[metric])
        except Problem as error:
            problem(form_record.row, f"{metric}: {error.message}", error.hint)
            continue
        if province is None:
            continue
        where = _("row {row}").format(row=form_record.row)
        entry = Entry(province, metric, value, where)
        earlier = seen.get((province, metric))
        if earlier is not None and earlier.value != value:
            problem(
                form_record.row,
                _("{metric} of {province} is given twice: {first} ({where}) and {second}").format(
                    metric=metric,
                    province=province,
                    first=figure_text(earlier.value),
                    where=earlier.where,
                    second=figure_text(value),
                ),
            )
            continue
        if earlier is None:
            seen[(province, metric)] = entry
            entries.append(entry)
    chosen = _form_year(path, year, years, errors)
    return FormEntries(chosen if chosen is not None else 0, entries, errors, blank)


def _row_year(cell: object, row: int, problem: Callable[[int, str], None]) -> int | None:
    if _blank(cell):
        return None
    text = str(cell).strip()
    if isinstance(cell, float) and cell.is_integer():
        text = str(int(cell))
    if not text.isdigit() or len(text) != 4:
        problem(row, _('"{text}" is not a year').format(text=text))
        return None
    return int(text)


def _form_year(
    path: Path, year: int | None, years: dict[int, int], errors: list[Diagnostic]
) -> int | None:
    if year is not None:
        for other, row in years.items():
            if other != year:
                message = _("row {row}: the form is for {other}, not {year}").format(
                    row=row, other=other, year=year
                )
                errors.append(Diagnostic(path, message, hint=_("check --year")))
        return year
    if len(years) > 1:
        shown = ", ".join(str(y) for y in sorted(years))
        errors.append(
            Diagnostic(
                path,
                _("the form mixes years ({years}); import one year at a time").format(years=shown),
            )
        )
        return None
    if not years:
        errors.append(
            Diagnostic(
                path,
                _("the form does not say its year"),
                hint=_("add a year column, or give --year"),
            )
        )
        return None
    return next(iter(years))


def _value(cell: object, kind: Kind) -> Value:
    if isinstance(cell, Uncomputed):
        raise Problem(
            _("the formula {formula} has no computed value").format(formula=cell.formula),
            hint=_("open the file in Excel and save it, or type the figure"),
        )
    if kind == "boolean":
        return cell if isinstance(cell, bool) else parse_boolean(str(cell))
    number: Decimal = from_cell(cell)
    if number < 0:
        raise Problem(_("a count cannot be negative ({value})").format(value=cell))
    return number


def run_import(
    form: Path, data_dir: Path | None, year: int | None, *, force: bool, dry_run: bool
) -> Recorded:
    from pledgecli.load import find_data_dir, load

    if year is not None:
        check_year(year)
    data = load(find_data_dir(data_dir))
    records = read_form(form)
    found = entries_from_form(form, records, data, year)
    if found.errors:
        raise UserError(
            found.errors,
            closing=ngettext(
                "error: {count} problem in {path}; nothing was written",
                "error: {count} problems in {path}; nothing was written",
                len(found.errors),
            ).format(count=len(found.errors), path=display_path(form)),
        )
    return record(
        data,
        found.year,
        found.entries,
        force=force,
        dry_run=dry_run,
        origin=_("Written by pledge import from {file}.").format(file=form.name),
    )
