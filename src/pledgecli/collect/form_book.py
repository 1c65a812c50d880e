"""The reporting form as an Excel workbook, for people: streamed out row by row
(:mod:`pledgecli.collect.book_xml`), so that a national form never holds a grid of cells.

The first sheet is the form (what ``pledge import`` reads): a frozen header row, a wide
highlighted value column, the help columns locked (the sheet is protected without a
password; only the value cells are open), data validation on each value cell (whole
numbers >= 0 for counts, decimals for amounts, a Có/Không list for yes/no) and last
year's figure beside. The second sheet says how to fill it, in the reader's language.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from pledgecli.catalog import Catalog, Kind
from pledgecli.collect.form_columns import (
    EDITABLE,
    HELP,
    YES_NO,
    form_language,
    header,
    kind_of,
    kind_text,
    to_fill,
    yes_no,
)
from pledgecli.collect.needs import Figure, FormRow
from pledgecli.figure_format import exact_decimal
from pledgecli.i18n import _
from pledgecli.safe_text import visible

if TYPE_CHECKING:
    from pledgecli.collect.book_xml import Validation

VALUE_WIDTH = 22
COLUMNS = (*EDITABLE, *HELP)


def _cell_value(value: Figure | None, lang: str) -> object:
    if value is None:
        return None
    if isinstance(value, bool):
        return yes_no(value, lang)
    if value.denominator == 1:
        return int(value)
    return exact_decimal(value)


def instructions(year: int, rows: Sequence[FormRow]) -> list[str]:
    """The lines of the instructions sheet (in the reader's language)."""
    return [
        _("How to fill in the {year} reporting form").format(year=year),
        "",
        _("1. Type each figure in the yellow column; leave it empty when it is not known."),
        _("2. Counts are whole numbers, without a thousands separator (1200, not 1.200)."),
        _("3. Amounts are numbers in the unit shown; a comma or a point marks the decimals."),
        _("4. Yes/no figures: choose from the list in the cell."),
        _("5. The grey columns are help and are locked; last year's figure is beside."),
        _("6. Save the file as it is (.xlsx) and send it back; do not rename the sheet."),
        "",
        _("Rows to fill: {count} of {total}").format(count=to_fill(list(rows)), total=len(rows)),
        _("Read back with: pledge import FILE (or a folder of returned forms)"),
    ]


def xlsx_bytes(year: int, rows: Sequence[FormRow], catalog: Catalog) -> bytes:
    from pledgecli.collect.book_xml import OPEN, PLAIN, SHADED, FormSheet, workbook_bytes

    lang = form_language()
    titles = header(year, lang)
    cells = _Cells(catalog, lang)
    values = [_cell_value(row.value, lang) for row in rows]
    previous = [_cell_value(row.previous, lang) for row in rows]
    # column widths come before the first row in a streamed sheet
    lengths = [
        (len(str(year)),),
        (len(row.province) for row in rows),
        (len(row.metric) for row in rows),
        (len(str(value)) for value in values if value is not None),
        (len(row.province_name) for row in rows),
        (len(name) for name, _kind, _k in cells.texts_of(rows)),
        (len(kind) for _name, kind, _k in cells.texts_of(rows)),
        (len(str(value)) for value in previous if value is not None),
        (len(row.targets) for row in rows),
    ]
    widths = [
        max(len(title), max(found, default=0))
        for title, found in zip(titles, lengths, strict=True)
    ]
    value_column = COLUMNS.index("value")
    widths = [
        max(min(width + 2, 80), VALUE_WIDTH if column == value_column else 0)
        for column, width in enumerate(widths)
    ]
    styles = [
        OPEN if name == "value" else SHADED if name in HELP else PLAIN for name in COLUMNS
    ]
    runs: dict[Kind, list[list[int]]] = {kind: [] for kind in Kind}
    for number, row in enumerate(rows, start=2):
        _extend(runs[cells.kind(row)], number)
    letter = "ABCDEFGHIJKLMNOPQRSTUVWXYZ"[value_column]
    ranges = {kind: [_range(letter, *run) for run in found] for kind, found in runs.items()}
    sheet = FormSheet(
        name=str(year),
        widths=widths,
        header=titles,
        styles=styles,
        rows=(cells(*found) for found in zip(rows, values, previous, strict=True)),
        validations=_validations(ranges, lang),
    )
    return workbook_bytes(sheet, _("Instructions"), instructions(year, rows))


class _Cells:
    """The cells of a row, the texts of each metric worked out once."""

    def __init__(self, catalog: Catalog, lang: str) -> None:
        self.catalog = catalog
        self.lang = lang
        self.texts: dict[tuple[str, str], tuple[str, str, Kind]] = {}

    def _texts(self, row: FormRow) -> tuple[str, str, Kind]:
        key = (row.metric, row.kind)
        found = self.texts.get(key)
        if found is None:
            found = self.texts[key] = (
                self.catalog.name(row.metric, self.lang),
                kind_text(row, self.catalog, self.lang),
                kind_of(row, self.catalog),
            )
        return found

    def kind(self, row: FormRow) -> Kind:
        return self._texts(row)[2]

    def texts_of(self, rows: Sequence[FormRow]) -> list[tuple[str, str, Kind]]:
        """The texts of every metric of ``rows`` (each once)."""
        for row in rows:
            self._texts(row)
        return list(self.texts.values())

    def __call__(self, row: FormRow, value: object, previous: object) -> list[Any]:
        name, kind, _kind = self._texts(row)
        return [
            row.year,
            row.province,
            row.metric,
            value,
            visible(row.province_name),  # text from the files, control characters shown
            name,
            kind,
            previous,
            visible(row.targets),
        ]


def _extend(runs: list[list[int]], number: int) -> None:
    """Add row ``number`` to ``runs`` ([first, last] rows), joining it to a run that ends
    just above."""
    if runs and runs[-1][1] == number - 1:
        runs[-1][1] = number
    else:
        runs.append([number, number])


def _range(letter: str, first: int, last: int) -> str:
    return f"{letter}{first}" if first == last else f"{letter}{first}:{letter}{last}"


def _validations(ranges: dict[Kind, list[str]], lang: str) -> list[Validation]:
    from pledgecli.collect.book_xml import Validation

    rules = {
        Kind.COUNT: ("whole", "greaterThanOrEqual", "0",
                     _("A whole number, 0 or more, without a thousands separator.")),
        Kind.AMOUNT: ("decimal", "greaterThanOrEqual", "0",
                      _("A number, 0 or more, in the unit shown.")),
        Kind.YES_NO: ("list", None, '"' + ",".join(YES_NO[lang]) + '"', _("Choose from the list.")),
    }
    found = []
    for metric_kind, cells in ranges.items():
        if not cells:
            continue
        kind, operator, formula, error = rules[metric_kind]
        found.append(
            Validation(
                sqref=" ".join(cells),
                kind=kind,
                formula=formula,
                error=error,
                title=_("Not a valid figure"),
                operator=operator,
            )
        )
    return found
