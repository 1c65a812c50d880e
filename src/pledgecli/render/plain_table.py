"""A table of blocks written without Rich's layout engine, byte for byte as Rich writes it.

Rich lays out a table cell by cell (measure, pad, wrap, crop: ~0.1 ms a cell), which
made ``pledge history`` of every province (3,321 tables) take most of its 30 s. When a
table needs none of Rich's work, its text is simple: every cell on one line, each column
as wide as its widest cell plus one space of padding on each inner side, columns joined
by a space (``box.SIMPLE``, ``show_edge=False``, ``pad_edge=False``), the header ruled off
with ``─``, no colour. :func:`plain_table` writes exactly that, and declines (returns
None) whenever Rich would do more: colour or style codes, a cell Rich would sanitise or
wrap, a header Rich would read as markup, a table wider than the console.
``tests/test_plain_table.py`` compares both writers on random and real tables.
"""

from __future__ import annotations

from collections.abc import Sequence

MARKUP = frozenset("[]:\\")  # a header string is Rich markup (and emoji codes)


def plain_line(text: str, width: int) -> bool:
    """Whether Rich prints ``text`` (a Text, not markup) as it is on one line."""
    from rich.cells import cell_len

    return (
        text.isprintable() and text == text.strip() and "  " not in text and cell_len(text) <= width
    )


_ONE_CELL: set[str] = set()  # characters Rich measures one cell wide (asked once each)


def _width(text: str) -> int:
    """``rich.cells.cell_len(text)``: printable ASCII is one cell a character, and so is text
    made only of characters Rich measured one cell wide (Vietnamese letters, marks such as
    ✓): Rich then adds ones. Anything else (wide, zero-width, joiners) is Rich's to measure."""
    if text.isascii():
        return len(text)
    characters = set(text)
    if characters <= _ONE_CELL:
        return len(text)
    from rich.cells import cell_len, get_character_cell_size

    for character in characters - _ONE_CELL:
        if get_character_cell_size(character) == 1:
            _ONE_CELL.add(character)
    return len(text) if characters <= _ONE_CELL else cell_len(text)


def width_of(text: str) -> int:
    """A cell's width as Rich measures it, or -1 when it is not printable (Rich's to show)."""
    return _width(text) if text.isprintable() else -1


def plain_table(
    headers: Sequence[str],
    rows: Sequence[Sequence[str]],
    right: Sequence[bool],
    width: int,
) -> str | None:
    """The lines of the table (each ending in a newline) as Rich prints it to a console
    ``width`` cells wide without colour, or None when only Rich can say."""
    sizes: list[list[int]] = []  # each cell's width, measured once
    for row in rows:
        row_sizes = []
        for text in row:
            if not text.isprintable():
                return None
            row_sizes.append(_width(text))
        sizes.append(row_sizes)
    return plain_table_sized(headers, rows, sizes, right, width)


def plain_table_sized(
    headers: Sequence[str],
    rows: Sequence[Sequence[str]],
    sizes: Sequence[Sequence[int]],
    right: Sequence[bool],
    width: int,
) -> str | None:
    """:func:`plain_table` of cells already measured (``sizes``: :func:`width_of` of each)."""
    from rich.cells import cell_len

    count = len(headers)
    if count == 0 or any(MARKUP.intersection(h) or not h.isprintable() for h in headers):
        return None
    widths = [cell_len(h) for h in headers]
    for row_sizes in sizes:
        if len(row_sizes) != count:
            return None
        for index, size in enumerate(row_sizes):
            if size < 0:
                return None
            if size > widths[index]:
                widths[index] = size
    # Padding: one space on each side, none at the table's outer edges.
    padded = [w + (index > 0) + (index < count - 1) for index, w in enumerate(widths)]
    padded = [w or 1 for w in padded]  # Rich gives an empty column one cell
    if sum(padded) + count - 1 > width:
        return None
    justified = [index for index, flush in enumerate(right) if flush]
    if any(
        row[index][:1].isspace() or row[index][-1:].isspace()
        for row in (headers, *rows)
        for index in justified
    ):
        return None  # Rich strips the spaces around right-justified text
    inner = [p - (index > 0) - (index < count - 1) for index, p in enumerate(padded)]

    def line(cells: Sequence[str], cell_widths: Sequence[int]) -> str:
        # Each cell padded to its column; a space of padding on each inner side and the
        # column separator make three spaces between two cells.
        return (
            "   ".join(
                " " * (inner[index] - size) + text
                if right[index]
                else text + " " * (inner[index] - size)
                for index, (text, size) in enumerate(zip(cells, cell_widths, strict=True))
            )
            + "\n"
        )

    lines = [line(headers, [cell_len(h) for h in headers]), "─" * (sum(padded) + count - 1) + "\n"]
    if justified:
        lines += [line(row, row_sizes) for row, row_sizes in zip(rows, sizes, strict=True)]
    else:  # every cell left-justified (as ``line`` does it, without asking each column)
        lines += [
            "   ".join(
                [
                    text + " " * (room - size)
                    for text, room, size in zip(row, inner, row_sizes, strict=True)
                ]
            )
            + "\n"
            for row, row_sizes in zip(rows, sizes, strict=True)
        ]
    return "".join(lines)
