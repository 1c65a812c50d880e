"""``--format html`` of a view made of blocks: one self-contained page, written as a
stream (see :mod:`pledgecli.render.document`). User text is escaped, never interpreted."""

from __future__ import annotations

import html
import io
from collections.abc import Iterable, Iterator, Sequence
from itertools import compress, islice
from operator import not_
from typing import TextIO

from pledgecli.evaluate import Status
from pledgecli.render.document import (
    CELLS_HELD,
    Block,
    Bullets,
    Cell,
    Chart,
    Heading,
    Paragraph,
    TableBlock,
    Together,
)
from pledgecli.render.grid import MARKS
from pledgecli.safe_text import visible

CSS = """
body { font-family: "Segoe UI", Roboto, "Noto Sans", Arial, sans-serif; margin: 2em auto;
       max-width: 60em; color: #111; line-height: 1.4; }
h1 { font-size: 1.5em; margin-bottom: .2em; }
h2 { font-size: 1.2em; margin-top: 1.6em; border-bottom: 1px solid #999; }
h3 { font-size: 1.05em; }
div.table { overflow-x: auto; margin: .6em 0 1em; }
table { border-collapse: collapse; font-size: .92em; }
th, td { border: 1px solid #bbb; padding: .25em .35em; vertical-align: top; }
th { background: #eee; text-align: left; }
td.num { text-align: right; white-space: nowrap; }
caption { text-align: left; font-weight: bold; padding: .3em 0; }
td.met, td.missed { white-space: nowrap; }
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
  div.table { overflow: visible; }
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
    # In a box of its own: a table wider than the window (many targets) scrolls
    # sideways there, the page's text keeps the window's width.
    yield '<div class="table"><table>'
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
    if block.columns:
        yield from _html_rows(block, opening)
    else:
        for row in block.rows:
            if row:
                raise ValueError("a table without columns has a cell")
            yield "\n<tr></tr>"
    yield "\n</tbody></table></div>"
    for note in block.notes:
        yield f'\n<p class="note">{_text(note)}</p>'


ROWS_AT_ONCE = 256


def _html_rows(block: TableBlock, opening: list[dict[Status | None, str]]) -> Iterator[str]:
    """The rows of a table, ``ROWS_AT_ONCE`` at a time, column by column: a cell shared by
    many rows (a report's figures) is looked up by its identity in C (``map``), its whole
    element (with the row's opening or closing tag, in the first or last column) made once
    per column; the cells are kept while their elements are, so that no other takes their
    id. Each text escaped once."""
    last = len(block.columns) - 1
    ends = [("\n<tr>" if j == 0 else "", "</tr>" if j == last else "") for j in range(last + 1)]
    elements: list[dict[int, str]] = [{} for _column in block.columns]
    kept: list[list[Cell]] = [[] for _column in block.columns]
    escaped: dict[str, str] = {}
    rows = iter(block.rows)
    while batch := list(islice(rows, ROWS_AT_ONCE)):
        shown: list[list[str | None]] = []
        for column, known, held, tags, (before, after) in zip(
            zip(*batch, strict=True), elements, kept, opening, ends, strict=True
        ):
            found: list[str | None] = list(map(known.get, map(id, column)))
            if None in found:  # the misses' places found in C too (an element is never "")
                for i in compress(range(len(found)), map(not_, found)):
                    cell = column[i]
                    element = known.get(id(cell))
                    if element is None:
                        status = cell.status
                        text = f"{MARKS[status]} {cell.text}" if status is not None else cell.text
                        escape = escaped.get(text)
                        if escape is None:
                            if len(escaped) > 4096:  # the repeated texts are met early
                                escaped.clear()
                            escape = escaped[text] = _text(text)
                        element = f"{before}{tags[status]}{escape}</td>{after}"
                        if len(known) >= CELLS_HELD:
                            known.clear()
                            held.clear()
                        known[id(cell)] = element
                        held.append(cell)
                    found[i] = element
            shown.append(found)
        yield from map("".join, zip(*shown, strict=True))
