"""``pledge import``: a filled reporting form (CSV or XLSX) -> figures to record.

The form needs the columns ``province``, ``metric`` and ``value`` (and ``year``,
unless ``--year`` is given); other columns are read-only help and are ignored.
Blank values mean "not reported" and never remove a recorded figure.
"""

from __future__ import annotations

import contextlib
import functools
import gc
import sys
import unicodedata
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path

from pledgecli.collect.form_read import (
    MAX_ERRORS,
    XLSX_SUFFIXES,
    FormRecord,
    Uncomputed,
    is_blank,
)
from pledgecli.collect.needs import Kind, metric_kinds
from pledgecli.collect.numbers import from_cell, parse_boolean
from pledgecli.collect.plan import Entry, importing
from pledgecli.dataset import DataSet
from pledgecli.diagnostics import Diagnostic, Problem
from pledgecli.figure_format import Value, figure_text
from pledgecli.i18n import _, ngettext
from pledgecli.lookup import (
    province_candidates,
    province_labels,
    province_suggestion,
    resolve_province,
)
from pledgecli.names import Candidates, did_you_mean


@dataclass(frozen=True)
class FormEntries:
    year: int
    entries: list[Entry]
    errors: list[Diagnostic]
    blank: int
    unshown: int = 0  # problems past MAX_ERRORS, counted but not kept


class FormLookups:
    """What every form of one import looks names up in, made once for all of them: the
    kinds of the metrics, every province's folded names (folded when a form first names
    a province other than by its id: the national form names each by its id)."""

    def __init__(self, data: DataSet) -> None:
        self.kinds = metric_kinds(data)
        self.provinces = data.provinces

    @functools.cached_property
    def labels(self) -> dict[str, str]:
        return province_labels(self.provinces)


def entries_from_form(
    path: Path,
    records: Iterable[FormRecord],
    data: DataSet,
    year: int | None,
    lookups: FormLookups | None = None,
) -> FormEntries:
    """Resolve each row's province and metric and read its value; every problem is kept,
    with its row number, so that one run reports them all."""
    if lookups is None:
        lookups = FormLookups(data)
    kinds = lookups.kinds
    errors: list[Diagnostic] = []
    entries: list[Entry] = []
    blank = 0
    years: dict[int, int] = {}
    seen: dict[str, dict[str, Entry]] = {}  # by province, by metric

    more = 0

    def problem(row: int, message: str, hint: str | None = None) -> None:
        nonlocal more
        if len(errors) >= MAX_ERRORS:  # a form of errors: say how many, show the first
            more += 1
            return
        text = _("row {row}: {message}").format(row=row, message=message)
        errors.append(Diagnostic(path, text, hint=hint))

    suggestions: Candidates | None = None  # and one of names to suggest, made when needed
    # A national form repeats each year, province and metric thousands of times: each
    # text is read once (its year, its NFC form, its province), then looked up.
    year_of: dict[object, int] = {}
    texts: dict[str, str] = {}
    province_of: dict[str, str | None] = {}
    row_text = _("row {row}")
    row_head, row_tail = _around_row(row_text)
    values: dict[tuple[type, object, Kind], Value] = {}  # each figure's text read once
    new_entry = tuple.__new__  # a named tuple made without its __new__ in Python
    for row_number, (year_cell, province_cell, metric_cell, value_cell), shape_problem in records:
        if shape_problem is not None:
            hint = None
            if path.suffix.lower() not in XLSX_SUFFIXES:
                hint = _("a cell holding the separator ({comma} or {semicolon}) must be in quotes")
                hint = hint.format(comma=",", semicolon=";")
            problem(row_number, shape_problem, hint)
            continue
        cacheable = type(year_cell) is str or type(year_cell) is int
        row_year = year_of.get(year_cell) if cacheable else None
        if row_year is None:
            row_year = _row_year(year_cell, row_number, problem)
            if row_year is not None:
                if cacheable:
                    year_of[year_cell] = row_year
                years.setdefault(row_year, row_number)
        # each name's text read once (_text), looked up here
        province_text = texts.get(province_cell) if type(province_cell) is str else None
        if province_text is None:
            province_text = _text(province_cell, texts)
        metric = texts.get(metric_cell) if type(metric_cell) is str else None
        if metric is None:
            metric = _text(metric_cell, texts)
        if not province_text or not metric:
            if not province_text and not metric:
                message = _("the row has no province and no metric")
            elif not province_text:
                message = _("{metric}: the row has no province").format(metric=metric)
            else:
                message = _("the row has no metric")
            problem(
                row_number,
                message,
                _("fill them in, or delete the row"),
            )
            continue
        if province_text in province_of:
            province = province_of[province_text]
        elif province_text in data.provinces:  # an id: resolve_province's first answer
            province = province_of[province_text] = province_text
        else:  # a name, an alias: one index for every row's province
            province = province_of[province_text] = resolve_province(
                province_text, data.provinces, lookups.labels
            )
        if province is None:
            if suggestions is None:
                suggestions = province_candidates(data.provinces)
            problem(
                row_number,
                _('unknown province "{province}"').format(province=province_text),
                # a suggestion is a search of the registry: only for problems shown
                province_suggestion(province_text, data.provinces, suggestions)
                if len(errors) < MAX_ERRORS
                else None,
            )
        kind = kinds.get(metric)
        if kind is None:
            problem(
                row_number,
                _('unknown metric "{metric}": no pledge and no report uses it').format(
                    metric=metric
                ),
                did_you_mean(metric, kinds) if len(errors) < MAX_ERRORS else None,
            )
            continue
        if value_cell is None or (isinstance(value_cell, str) and not value_cell.strip()):
            blank += 1  # (is_blank)
            continue
        key = (type(value_cell), value_cell, kind)  # 130,000 figures, 6,000 different
        value = values.get(key)
        if value is None:
            try:
                value = values[key] = _value(value_cell, kind)
            except Problem as error:
                problem(row_number, f"{metric}: {error.message}", error.hint)
                continue
        if province is None:
            continue
        where = (
            f"{row_head}{row_number}{row_tail}"
            if row_head is not None
            else row_text.format(row=row_number)
        )
        entry = new_entry(Entry, (province, metric, value, where))  # Entry(...), directly
        of_province = seen.get(province)
        if of_province is None:
            of_province = seen[province] = {}
        earlier = of_province.get(metric)
        if earlier is not None and earlier.value != value:
            problem(
                row_number,
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
            of_province[metric] = entry
            entries.append(entry)
    chosen = _form_year(path, year, years, errors)
    if more:
        message = ngettext(
            "and {count} more problem, not shown", "and {count} more problems, not shown", more
        ).format(count=more)
        errors.append(Diagnostic(path, message))
    return FormEntries(chosen if chosen is not None else 0, entries, errors, blank, more)


def _around_row(text: str) -> tuple[str | None, str]:
    """``text`` (``row {row}`` in the reader's language) as what comes before and after
    its one ``{row}``, so that each of a form's 130,000 rows is named by joining them
    (``str.format`` takes three times as long); ``(None, "")`` when the text is not that
    simple (``format`` then names each row)."""
    head, found, tail = text.partition("{row}")
    if not found or any(brace in head + tail for brace in "{}"):
        return None, ""
    return head, tail


def _nfc(cell: object) -> str:
    """A name of a form's cell as one form of Unicode (NFC), however it was typed."""
    return unicodedata.normalize("NFC", str(cell).strip())


def _text(cell: object, texts: dict[str, str]) -> str:
    """:func:`_nfc` of a name's cell, interned ("" when blank); each text read once."""
    if type(cell) is str:
        found = texts.get(cell)
        if found is None:
            found = texts[cell] = "" if is_blank(cell) else sys.intern(_nfc(cell))
        return found
    return "" if is_blank(cell) else sys.intern(_nfc(cell))


def _row_year(cell: object, row: int, problem: Callable[[int, str], None]) -> int | None:
    if is_blank(cell):
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


YOUNG_OBJECTS = 20_000  # new objects between two looks for cycles (Python's default: 700)


@contextlib.contextmanager
def collecting() -> Iterator[None]:
    """The cyclic garbage collector on (``pledge`` runs with it off): the first reading
    of the data, and the edit of thousands of reports, leave cycles that would otherwise
    stay in memory to the end of the run."""
    was_enabled = gc.isenabled()
    thresholds = gc.get_threshold()
    gc.collect()
    gc.set_threshold(YOUNG_OBJECTS, *thresholds[1:])
    gc.enable()
    try:
        with importing():
            yield
    finally:
        gc.set_threshold(*thresholds)
        gc.unfreeze()  # what :func:`settled` set aside is looked at again, as before
        if not was_enabled:
            gc.disable()


def settled() -> None:
    """Within :func:`collecting`: what is in memory now (the data set read, the figures
    of the forms) stays to the end of the import, so the collector no longer walks it
    (it did, again and again, while the reports were planned: a tenth of the time of
    the national import); what is made from now on, the edits' cycles, is collected as
    before. Its memory is freed all the same, by reference counting, once let go."""
    gc.freeze()
