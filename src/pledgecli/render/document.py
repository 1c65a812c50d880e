"""Documents as plain blocks (headings, paragraphs, lists, tables) and their renderers.

``rank``, ``totals``, ``history`` and ``report`` build blocks once; the same
blocks become a Rich view, Markdown, self-contained HTML or CSV. User text is
escaped by every renderer, never interpreted.
"""

from __future__ import annotations

import csv
import html
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
    for row in block.rows:
        cells = []
        for cell in row:
            text = f"{MARKS[cell.status]} {cell.text}" if cell.status is not None else cell.text
            shown = escaped.get(text)
            if shown is None:
                if len(escaped) > 4096:  # the repeated texts are met early; keep it small
                    escaped.clear()
                shown = escaped[text] = md_escape(text)
            cells.append(shown)
        yield "| " + " | ".join(cells) + " |"
    yield ""
    for note in block.notes:
        yield md_escape(note)
    if block.notes:
        yield ""


# -- HTML -----------------------------------------------------------------------

CSS = """
body { font-family: "Segoe UI", Roboto, "Noto Sans", Arial, sans-serif; margin: 2em auto;
       max-width: 60em; color: #111; line-height: 1.4; }
h1 { font-size: 1.5em; margin-bottom: .2em; }
h2 { font-size: 1.2em; margin-top: 1.6em; border-bottom: 1px solid #999; }
h3 { font-size: 1.05em; }
table { border-collapse: collapse; margin: .6em 0 1em; font-size: .92em; }
th, td { border: 1px solid #bbb; padding: .25em .5em; vertical-align: top; }
th { background: #eee; text-align: left; }
td.num { text-align: right; white-space: nowrap; }
caption { text-align: left; font-weight: bold; padding: .3em 0; }
td.met, td.missed, td.no-data, td.no-baseline { white-space: nowrap; }
.met { color: #05620f; }
.missed { color: #a00000; font-weight: bold; }
.no-data, .no-baseline { color: #8a5a00; }
p.note { font-size: .85em; color: #444; }
figure.chart { margin: .6em 0 1em; }
figure.chart svg { max-width: 100%; height: auto; }
@media print {
  @page { size: A4; margin: 15mm 12mm; }
  .together, figure.chart { break-inside: avoid; }
  body { margin: 0; max-width: none; font-size: 9pt; }
  table { font-size: 8.5pt; }
  h2, h3 { break-after: avoid; }
  table { break-inside: auto; }
  tr { break-inside: avoid; }
  thead { display: table-header-group; }
}
"""


def to_html(blocks: Sequence[Block], title: str, language: str) -> str:
    out = io.StringIO()
    write_html(blocks, title, language, out)
    return out.getvalue()


def write_html(blocks: Iterable[Block], title: str, language: str, out: TextIO) -> None:
    """A self-contained HTML page of the blocks, written to ``out`` a few thousand
    pieces at a time (a national table is never held twice)."""
    out.write(
        "<!DOCTYPE html>\n"
        f'<html lang="{html.escape(language)}">\n<head>\n<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f"<title>{html.escape(visible(title))}</title>\n<style>{CSS}</style>\n</head>\n<body>\n"
    )
    chunk: list[str] = []
    for piece in _html_body(blocks):
        chunk.append(piece)
        if len(chunk) >= 4096:
            out.write("".join(chunk))
            chunk.clear()
    chunk.append("\n</body>\n</html>\n")
    out.write("".join(chunk))


def _text(text: str) -> str:
    return html.escape(visible(text))


def _html_body(blocks: Iterable[Block]) -> Iterator[str]:
    """The pieces of the page's body: the blocks' elements, one per line."""
    for index, block in enumerate(blocks):
        if index:
            yield "\n"
        if isinstance(block, Heading):
            level = min(max(block.level, 1), 6)
            yield f"<h{level}>{_text(block.text)}</h{level}>"
        elif isinstance(block, Paragraph):
            text = _text(block.text)
            yield f"<p><strong>{text}</strong></p>" if block.strong else f"<p>{text}</p>"
        elif isinstance(block, Bullets):
            items = "".join(f"<li>{_text(item)}</li>" for item in block.items)
            yield f"<ul>{items}</ul>"
        elif isinstance(block, Together):
            yield '<div class="together">\n'
            yield from _html_body(block.blocks)
            yield "\n</div>"
        elif isinstance(block, Chart):  # made by pledge's charts module, no user markup
            label = html.escape(visible(block.title), quote=True)
            yield f'<figure class="chart" role="img" aria-label="{label}">{block.svg}</figure>'
        else:
            yield from _html_table(block)


def _html_table(block: TableBlock) -> Iterator[str]:
    yield "<table>"
    if block.title:
        yield f"\n<caption>{_text(block.title)}</caption>"
    header = "".join(f"<th>{_text(c.header)}</th>" for c in block.columns)
    yield f"\n<thead><tr>{header}</tr></thead><tbody>"
    # The opening tag of each cell by column and status, and each text escaped once.
    opening = [
        {
            status: (f'<td class="{" ".join(classes)}">' if classes else "<td>")
            for status in (None, *Status)
            for classes in ([c for c in ("num" if column.numeric else "", status or "") if c],)
        }
        for column in block.columns
    ]
    escaped: dict[str, str] = {}
    for row in block.rows:
        cells = ["\n<tr>"]
        for tags, cell in zip(opening, row, strict=True):
            status = cell.status
            text = f"{MARKS[status]} {cell.text}" if status is not None else cell.text
            shown = escaped.get(text)
            if shown is None:
                if len(escaped) > 4096:  # the repeated texts are met early; keep it small
                    escaped.clear()
                shown = escaped[text] = _text(text)
            cells += (tags[status], shown, "</td>")
        cells.append("</tr>")
        yield "".join(cells)
    yield "\n</tbody></table>"
    for note in block.notes:
        yield f'\n<p class="note">{_text(note)}</p>'


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


def to_rich(blocks: Sequence[Block], console: Console) -> None:
    from rich import box
    from rich.table import Table
    from rich.text import Text

    from pledgecli.render.plain_table import plain_line
    from pledgecli.render.table import COLOURS, marks_for

    marks = marks_for(console)
    plain = console.color_system is None and not console.record
    width = console.width
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
        elif (text := _plain(block, console, marks, width)) is not None:
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


def _plain(block: TableBlock, console: Console, marks: dict[Status, str], width: int) -> str | None:
    """The table as Rich would print it, without Rich's cell-by-cell layout (see
    :mod:`pledgecli.render.plain_table`), when no colour is written; else None."""
    from pledgecli.render.plain_table import plain_table

    if console.color_system is not None or console.record or block.title:
        return None
    return plain_table(
        [column.header for column in block.columns],
        [[visible(cell.shown(marks)) for cell in row] for row in block.rows],
        [column.numeric for column in block.columns],
        width,
    )


# -- the formats of a view made of blocks ---------------------------------------------


def write_rich(blocks: Sequence[Block], out: TextIO) -> None:
    from rich.console import Console

    to_rich(blocks, Console(file=out, highlight=False))


def write_json(payload: dict[str, object], out: TextIO) -> None:
    import json

    out.write(json.dumps(payload, ensure_ascii=False, indent=2) + "\n")
