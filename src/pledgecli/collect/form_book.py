"""The reporting form as an Excel workbook, for people: streamed out row by row
(:mod:`pledgecli.collect.book_xml`), so that a national form never holds a grid of cells.

The first sheet is the form (what ``pledge import`` reads): a frozen header row, a wide
highlighted value column, the help columns locked (the sheet is protected without a
password; only the value cells are open), data validation on each value cell (whole
numbers >= 0 for counts, decimals for amounts, a Có/Không list for yes/no) and last
year's figure beside. The second sheet says how to fill it, in the reader's language.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from decimal import Decimal
from fractions import Fraction
from operator import attrgetter
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
    from collections.abc import Iterator

    from pledgecli.collect.book_xml import Cell, Rows, Validation

VALUE_WIDTH = 22
COLUMNS = (*EDITABLE, *HELP)


def _cell_value(value: Figure | None, lang: str) -> object:
    """The cell of one figure: what :func:`_cell_values` gives for each (the tests hold
    it to this)."""
    if value is None:
        return None
    if isinstance(value, bool):
        return yes_no(value, lang)
    if value.denominator == 1:
        return int(value)
    return exact_decimal(value)


def _decimal(value: Fraction, scales: dict[int, int]) -> Decimal:
    """``exact_decimal(value)`` with the scale of each denominator found once (by whole
    numbers: the smallest power of ten it divides; a fraction is in lowest terms, so
    ``value * 10**scale`` is whole exactly then)."""
    denominator = value.denominator
    scale = scales.get(denominator)
    if scale is None:
        scale = 0
        while 10**scale % denominator and scale < 60:
            scale += 1
        if 10**scale % denominator:  # not a decimal at all (read from a file, never)
            scale = scales[denominator] = -1
        else:
            scales[denominator] = scale
    if scale < 0:
        return exact_decimal(value)
    return Decimal(value.numerator * (10**scale // denominator)).scaleb(-scale)


def _cell_values(figures: Iterable[Figure | None], lang: str) -> tuple[list[Cell], int]:
    """``[_cell_value(f, lang) for f in figures]`` and the length of the longest one's
    text (0 without any), in one pass: the cells of a column of figures and its width."""
    yes, no = yes_no(True, lang), yes_no(False, lang)
    scales: dict[int, int] = {}
    cells: list[Cell] = []
    add = cells.append
    longest = 0
    whole = False
    high = low = 0  # the whole numbers' extremes: the longest of them is one of these
    for value in figures:
        if value is None:
            add(None)
        elif value is True:
            add(yes)
            longest = max(longest, len(yes))
        elif value is False:
            add(no)
            longest = max(longest, len(no))
        elif value.denominator == 1:
            number = value.numerator
            add(number)
            whole = True
            if number > high:
                high = number
            elif number < low:
                low = number
        else:
            decimal = _decimal(value, scales)
            add(decimal)
            longest = max(longest, len(str(decimal)))
    if whole:
        longest = max(longest, len(str(high)), len(str(low)))
    return cells, longest


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
    values, values_width = _cell_values((row.value for row in rows), lang)
    previous, previous_width = _cell_values((row.previous for row in rows), lang)
    metrics = cells.texts_of(rows)
    # column widths come before the first row in a streamed sheet
    lengths = [
        (len(str(year)),),
        map(len, map(attrgetter("province"), rows)),
        map(len, map(attrgetter("metric"), rows)),
        (values_width,),
        map(len, map(attrgetter("province_name"), rows)),
        (len(name) for name, _kind, _k in metrics),
        (len(kind) for _name, kind, _k in metrics),
        (previous_width,),
        map(len, map(attrgetter("targets"), rows)),
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
    sheet = FormSheet(
        name=str(year),
        widths=widths,
        header=titles,
        styles=styles,
        rows=_RowsXml(rows, values, previous, cells),
        validations=lambda: _validations(_ranges(rows, cells, value_column), lang),
        notes_name=_("Instructions"),
        notes=lambda: instructions(year, rows),
    )
    return workbook_bytes(sheet)


def _ranges(rows: Sequence[FormRow], cells: _Cells, column: int) -> dict[Kind, list[str]]:
    """The ranges of the value cells of each kind's rows (column ``column``)."""
    runs: dict[Kind, list[list[int]]] = {kind: [] for kind in Kind}
    # the runs of each kind's rows, by the kind of each (metric, kind) texts_of found
    run_of = {key: runs[found[2]] for key, found in cells.texts.items()}
    for number, row in enumerate(rows, start=2):
        _extend(run_of[(row.metric, row.kind)], number)
    letter = "ABCDEFGHIJKLMNOPQRSTUVWXYZ"[column]
    return {kind: [_range(letter, *run) for run in found] for kind, found in runs.items()}


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

    def texts_of(self, rows: Sequence[FormRow]) -> list[tuple[str, str, Kind]]:
        """The texts of every metric of ``rows`` (each once)."""
        for key, row in {(row.metric, row.kind): row for row in rows}.items():
            if key not in self.texts:  # (the texts depend on the metric and kind alone)
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


class _RowsXml:
    """The XML of the form's rows. The cells of a province (its id and name) and of a
    metric (its id, name, kind and the targets' texts) are the same on many rows: once a
    row has made them (``Rows.xml``, which numbers new texts in the order of the
    columns), later rows of that province and metric reuse them and make only their two
    figures' cells. Texts are numbered as they were by ``Rows.xml`` row after row: a
    reused cell's text has its number already, and the figures come in their order."""

    def __init__(
        self,
        rows: Sequence[FormRow],
        values: Sequence[Cell],
        previous: Sequence[Cell],
        cells: _Cells,
    ) -> None:
        self.rows = rows
        self.values = values
        self.previous = previous
        self.cells = cells

    def __call__(self, made: Rows) -> Iterator[str]:
        cell = made.cell
        value_style, previous_style = made.styles[3], made.styles[7]
        empty_value, empty_previous = made.empty[3], made.empty[7]
        places: dict[tuple[int, str, str], tuple[str, str, str]] = {}
        metrics: dict[tuple[str, str, str], tuple[str, str, str]] = {}
        place: tuple[str, str, str] | None = None
        last = (0, "", "")  # the key of place: a province's rows follow each other
        found = zip(self.rows, self.values, self.previous, strict=True)
        for number, (row, value, before) in enumerate(found, start=2):
            key = (row.year, row.province, row.province_name)
            if key != last:
                place = places.get(key)
                last = key
            metric = metrics.get((row.metric, row.kind, row.targets))
            if place is None or metric is None:  # a new province or metric: the whole row
                line = self.cells(row, value, before)
                yield made.xml(number, line)
                place = places[key] = (cell(0, line[0]), cell(1, line[1]), cell(4, line[4]))
                metrics[(row.metric, row.kind, row.targets)] = (
                    cell(2, line[2]), cell(5, line[5]) + cell(6, line[6]), cell(8, line[8])
                )
                continue
            # the figures' cells: a number's as Rows.cell writes it, a text's numbered there
            if value is None:
                now = empty_value
            elif value.__class__ is str:
                now = cell(3, value)
            else:
                now = f"<c{value_style}><v>{value}</v></c>"
            if before is None:
                then = empty_previous
            elif before.__class__ is str:
                then = cell(7, before)
            else:
                then = f"<c{previous_style}><v>{before}</v></c>"
            yield (
                f'<row r="{number}">{place[0]}{place[1]}{metric[0]}{now}'
                f"{place[2]}{metric[1]}{then}{metric[2]}</row>"
            )


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
