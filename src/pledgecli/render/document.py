"""Documents as plain blocks (headings, paragraphs, lists, tables) and their renderers
(HTML: :mod:`pledgecli.render.html_page`).

``rank``, ``totals``, ``history`` and ``report`` build blocks once; the same
blocks become a Rich view, Markdown, self-contained HTML or CSV. User text is
escaped by every renderer, never interpreted.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from itertools import islice
from typing import TYPE_CHECKING, TextIO, overload

from pledgecli.evaluate import Status
from pledgecli.render.csv import cell as csv_cell
from pledgecli.render.grid import MARKS
from pledgecli.render.markdown import escape as md_escape
from pledgecli.safe_text import visible

if TYPE_CHECKING:
    from rich.console import Console

Plain = str | int | float | bool | None


@dataclass(frozen=True, slots=True)
class Cell:
    """What a person reads (``text``), what a script gets (``value``), and a status mark."""

    text: str
    value: Plain = None
    status: Status | None = None

    def shown(self, marks: dict[Status, str] = MARKS) -> str:
        return f"{marks[self.status]} {self.text}" if self.status is not None else self.text


# Cells whose written text a table writer keeps by their identity, at most (per column in
# HTML): a national review's tables share a few thousand cells per column.
CELLS_HELD = 1 << 12


@dataclass(frozen=True)
class Column:
    key: str
    header: str
    numeric: bool = False


class Rows(Sequence[tuple[Cell, ...]]):
    """A table's rows made each time they are read, so that a national table (tens of
    thousands of rows) is never held whole: written row by row, then gone."""

    __slots__ = ("_count", "_make")

    def __init__(self, count: int, make: Callable[[], Iterable[tuple[Cell, ...]]]) -> None:
        self._count = count
        self._make = make

    def __len__(self) -> int:
        return self._count

    def __iter__(self) -> Iterator[tuple[Cell, ...]]:
        return iter(self._make())

    @overload
    def __getitem__(self, index: int) -> tuple[Cell, ...]: ...

    @overload
    def __getitem__(self, index: slice) -> Sequence[tuple[Cell, ...]]: ...

    def __getitem__(self, index: int | slice) -> tuple[Cell, ...] | Sequence[tuple[Cell, ...]]:
        if (
            isinstance(index, slice)
            and index.start is None
            and index.step is None
            and (index.stop is None or index.stop >= 0)
        ):
            return tuple(islice(self, index.stop))  # the first rows, without the others
        return tuple(self)[index]

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Sequence) and tuple(self) == tuple(other)

    def __hash__(self) -> int:
        return hash(tuple(self))


@dataclass(frozen=True)
class TableBlock:
    columns: tuple[Column, ...]
    rows: Sequence[tuple[Cell, ...]]  # a tuple, or Rows made when written
    title: str = ""
    notes: tuple[str, ...] = ()
    context: tuple[tuple[str, Plain], ...] = ()  # leading CSV columns, e.g. year and cluster


@dataclass(frozen=True)
class Heading:
    text: str
    level: int = 2


@dataclass(frozen=True)
class Paragraph:
    text: str
    strong: bool = False


@dataclass(frozen=True)
class Bullets:
    items: tuple[str, ...]


@dataclass(frozen=True)
class Chart:
    """A chart as an inline ``<svg>`` element: shown in HTML, left out of text formats."""

    svg: str
    title: str


@dataclass(frozen=True)
class Together:
    """Blocks kept on one printed page (a ranking and its nominee); the same as its blocks
    one after the other everywhere else."""

    blocks: tuple[Block, ...]


Block = Heading | Paragraph | Bullets | TableBlock | Chart | Together


def flat(blocks: Iterable[Block]) -> list[Block]:
    """``blocks`` with each :class:`Together` opened and charts left out (text formats)."""
    return list(opened(blocks))


def opened(blocks: Iterable[Block]) -> Iterator[Block]:
    """:func:`flat`, one block at a time (a block made on demand is dropped once written)."""
    for block in blocks:
        if isinstance(block, Together):
            yield from opened(block.blocks)
        elif not isinstance(block, Chart):
            yield block


# -- Markdown -------------------------------------------------------------------


def to_markdown(blocks: Sequence[Block]) -> str:
    out = io.StringIO()
    write_markdown(blocks, out)
    return out.getvalue()


def write_markdown(blocks: Iterable[Block], out: TextIO) -> None:
    """The blocks as Markdown, written to ``out`` a few thousand lines at a time (a
    national table is never held twice); the text ends with one newline."""
    chunk: list[str] = []
    written = False  # a line was written: the next one starts on a new line
    blank = 0  # empty lines not yet written (none is written at the very end)
    for line in _markdown_lines(blocks):
        if not line:
            blank += 1
            continue
        chunk.append("\n" * (blank + written) + line)
        written, blank = True, 0
        if len(chunk) >= 4096:
            out.write("".join(chunk))
            chunk.clear()
    chunk.append("\n")
    out.write("".join(chunk))


def _markdown_lines(blocks: Iterable[Block]) -> Iterator[str]:
    for block in opened(blocks):
        if isinstance(block, Heading):
            yield "#" * block.level + " " + md_escape(block.text)
            yield ""
        elif isinstance(block, Paragraph):
            text = md_escape(block.text)
            yield f"**{text}**" if block.strong else text
            yield ""
        elif isinstance(block, Bullets):
            for item in block.items:
                yield f"- {md_escape(item)}"
            yield ""
        elif isinstance(block, TableBlock):
            yield from _markdown_table(block)


def _markdown_table(block: TableBlock) -> Iterator[str]:
    if block.title:
        yield f"**{md_escape(block.title)}**"
        yield ""
    yield "| " + " | ".join(md_escape(c.header) for c in block.columns) + " |"
    yield "|" + "|".join("---:" if c.numeric else "---" for c in block.columns) + "|"
    escaped: dict[str, str] = {}  # cell texts repeat (marks, counts, "no data")
    # A cell shared by many rows (a report's figures) written once: by its identity (the
    # cell kept with its text, so that no other takes its id), as many as the columns hold.
    seen: dict[int, tuple[Cell, str]] = {}
    most = CELLS_HELD * max(len(block.columns), 1)
    for row in block.rows:
        cells = []
        for cell in row:
            known = seen.get(id(cell))
            if known is not None and known[0] is cell:
                cells.append(known[1])
                continue
            text = f"{MARKS[cell.status]} {cell.text}" if cell.status is not None else cell.text
            shown = escaped.get(text)
            if shown is None:
                if len(escaped) > 4096:  # the repeated texts are met early; keep it small
                    escaped.clear()
                shown = escaped[text] = md_escape(text)
            if len(seen) >= most:
                seen.clear()
            seen[id(cell)] = (cell, shown)
            cells.append(shown)
        yield "| " + " | ".join(cells) + " |"
    yield ""
    for note in block.notes:
        yield md_escape(note)
    if block.notes:
        yield ""


# -- CSV ------------------------------------------------------------------------


def to_csv(blocks: Sequence[Block]) -> str:
    """The tables' rows under one header (machine keys); other blocks are left out."""
    tables = [b for b in flat(blocks) if isinstance(b, TableBlock)]
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    if tables:
        first = tables[0]
        writer.writerow([key for key, _ in first.context] + [c.key for c in first.columns])
    for table in tables:
        for row in table.rows:
            writer.writerow(
                [csv_cell(value) for _, value in table.context] + [csv_cell(c.value) for c in row]
            )
    return out.getvalue()


# -- Rich -----------------------------------------------------------------------


def to_rich(blocks: Sequence[Block], console: Console, shared: bool = False) -> None:
    """The blocks in a terminal. ``shared``: the tables' cells are few objects shown many
    times (a history's), so each cell's text and width are made once (see :func:`_plain`)."""
    from rich import box
    from rich.table import Table
    from rich.text import Text

    from pledgecli.render.plain_table import plain_line
    from pledgecli.render.table import COLOURS, marks_for

    marks = marks_for(console)
    plain = console.color_system is None and not console.record
    width = console.width
    seen: Seen | None = ({}, {}) if shared else None
    for block in flat(blocks):
        if isinstance(block, Heading):
            heading = visible(block.text)
            if plain and plain_line(heading, width):
                console.file.write(heading + "\n\n")
                continue
            console.print(Text(heading, style="bold"))
        elif isinstance(block, Paragraph):
            console.print(Text(visible(block.text), style="bold" if block.strong else ""))
        elif isinstance(block, Bullets):
            for item in block.items:
                console.print(Text("• " + visible(item)))
        elif not isinstance(block, TableBlock):
            pass  # a chart: nothing to show in a terminal
        elif (text := _plain(block, console, marks, width, seen)) is not None:
            console.file.write(text)
            for note in block.notes:
                console.print(Text(visible(note), style="dim"))
        else:
            table = Table(box=box.SIMPLE, show_edge=False, pad_edge=False)
            if block.title:
                table.title = Text(visible(block.title), style="bold")
                table.title_justify = "left"
            for column in block.columns:
                table.add_column(
                    column.header,
                    justify="right" if column.numeric else "left",
                    no_wrap=column.numeric,
                    overflow="fold",
                )
            for row in block.rows:
                table.add_row(
                    *(
                        Text(
                            visible(cell.shown(marks)),
                            style=COLOURS[cell.status] if cell.status else "",
                        )
                        for cell in row
                    )
                )
            console.print(table)
            for note in block.notes:
                console.print(Text(visible(note), style="dim"))
        if plain:
            console.file.write("\n")
        else:
            console.print()


Row = tuple[Cell, ...]
# Cells and rows by identity -> (itself, its text(s), its width(s)): see :func:`_plain`.
Seen = tuple[dict[int, tuple[Cell, str, int]], dict[int, tuple[Row, list[str], list[int]]]]


def _plain(
    block: TableBlock,
    console: Console,
    marks: dict[Status, str],
    width: int,
    seen: Seen | None = None,
) -> str | None:
    """The table as Rich would print it, without Rich's cell-by-cell layout (see
    :mod:`pledgecli.render.plain_table`), when no colour is written; else None.

    With ``seen``, each cell's and each row's shown texts and widths are kept by their
    identity (the cell or row itself kept with them, so that no other can take its id): a
    table whose cells and rows are shared objects measures each of them once."""
    from pledgecli.render.plain_table import plain_table, plain_table_sized, width_of

    if console.color_system is not None or console.record or block.title:
        return None
    if not console.encoding.startswith("utf") or console.legacy_windows:
        return None  # Rich draws the table with ASCII characters there
    headers = [column.header for column in block.columns]
    right = [column.numeric for column in block.columns]
    if seen is None:
        return plain_table(
            headers,
            [[visible(cell.shown(marks)) for cell in row] for row in block.rows],
            right,
            width,
        )
    cells, rows = seen
    texts: list[list[str]] = []
    sizes: list[list[int]] = []
    for row in block.rows:
        made = rows.get(id(row))
        if made is None or made[0] is not row:
            row_texts: list[str] = []
            row_sizes: list[int] = []
            for cell in row:
                known = cells.get(id(cell))
                if known is None or known[0] is not cell:
                    text = visible(cell.shown(marks))
                    known = cells[id(cell)] = (cell, text, width_of(text))
                row_texts.append(known[1])
                row_sizes.append(known[2])
            made = rows[id(row)] = (row, row_texts, row_sizes)  # read, never changed
        texts.append(made[1])
        sizes.append(made[2])
    return plain_table_sized(headers, texts, sizes, right, width)


# -- the formats of a view made of blocks ---------------------------------------------


def write_rich(blocks: Sequence[Block], out: TextIO, shared: bool = False) -> None:
    from rich.console import Console

    to_rich(blocks, Console(file=out, highlight=False), shared)


def write_json(payload: dict[str, object], out: TextIO) -> None:
    import json

    out.write(json.dumps(payload, ensure_ascii=False, indent=2) + "\n")
