"""``pledge check``'s table written without importing Rich's console, byte for byte as
:mod:`pledgecli.render.table` writes it through Rich, when Rich would write no colour.

Importing Rich's console and laying a scorecard out through it is a fifth of the time of
``pledge check`` on a small data directory. Written to a file or a pipe (no terminal, none
of the variables that make Rich colour its output or change its width), the scorecard is
plain text: its title and notes wrapped as Rich wraps words (Rich's own ``divide_line``,
which imports nothing heavy), its tables of results by
:mod:`pledgecli.render.plain_results`, its legend as Rich's grid lays it out.
:func:`write_table` declines (and Rich writes) for anything else: a terminal, colour
forced, a width set by ``COLUMNS``, a non-UTF-8 file, a tab or a control character, a
summarised pledge, one province's detail. ``tests/test_plain_results.py`` compares both.
"""

from __future__ import annotations

import builtins
import os
import re
import sys
from collections.abc import Sequence
from itertools import pairwise
from typing import TextIO

from pledgecli.evaluate import PledgeResults
from pledgecli.i18n import _
from pledgecli.outcomes import Report
from pledgecli.render.formats import Page
from pledgecli.render.grid import (
    MARKS,
    LegendEntry,
    assembled_notes,
    corrected_notes,
    legend,
    rows,
    title_facts,
)
from pledgecli.render.plain_results import column_groups, plain_results
from pledgecli.safe_text import visible

SUMMARY_ABOVE = 40  # as render.table: a pledge with more signatories is summarised
LABEL_LIMIT = 24  # render.table's province column at most
PADDING = 2
# What Rich reads from the environment to colour its output or size it
RICH_SETTINGS: tuple[str, ...] = ("FORCE_COLOR", "TTY_COMPATIBLE", "TTY_INTERACTIVE", "COLUMNS")
RICH_SETTINGS += ("JUPYTER_COLUMNS", "JUPYTER_LINES")
MIN_TEXT = 10  # a legend narrower than this is Rich's to squeeze


def write_table(page: Page, out: TextIO) -> None:
    text = plain_page(page, out)
    if text is None:
        from pledgecli.render.table import write_table as rich_table

        rich_table(page, out)
    else:
        out.write(text)


def plain_page(page: Page, out: TextIO) -> str | None:
    """The page as Rich writes it to ``out``, or None when only Rich can say."""
    report = page.value
    if not isinstance(report, Report) or report.province is not None:
        return None
    if sys.platform == "win32" or "get_ipython" in vars(builtins):
        return None
    if any(name in os.environ for name in RICH_SETTINGS):
        return None
    isatty = getattr(out, "isatty", None)
    if isatty is None or isatty():
        return None
    if not (getattr(out, "encoding", "utf-8") or "utf-8").lower().startswith("utf"):
        return None
    return page_text(report, console_width(), all_rows=page.all_rows)


def console_width() -> int:
    """The width Rich gives a console that is no terminal: the first terminal among the
    standard streams, else 80 (``COLUMNS`` aside, which :func:`plain_page` leaves to Rich)."""
    width = None
    for descriptor in (0, 1, 2):
        try:
            width = os.get_terminal_size(descriptor)[0]
        except (AttributeError, ValueError, OSError):
            pass
        else:
            break
    return width or 80


def page_text(report: Report, width: int, *, all_rows: bool = False) -> str | None:
    """Every pledge's scorecard and the summary line, or None when only Rich can say."""
    parts: list[str] = []
    for pledge_results in report.pledges:
        if len(pledge_results.pledge.provinces) > SUMMARY_ABOVE and not all_rows:
            return None
        card = _scorecard(report, pledge_results, width)
        if card is None:
            return None
        parts += [card, "\n"]
    summary = _summary(report, width)
    if summary is None:
        return None
    return "".join(parts) + summary


def _scorecard(report: Report, pledge_results: PledgeResults, width: int) -> str | None:
    grid = rows(report, pledge_results)
    entries = legend(pledge_results)
    label_width = min(max(len(row.label) for row in grid), LABEL_LIMIT) + PADDING
    met_width = max(len(_("Met")), *(len(row.met) for row in grid)) + PADDING
    score_width = max(len(_("Score")), *(len(row.score) for row in grid)) + PADDING
    room = width - 1 - label_width
    groups = column_groups(grid, [e.label for e in entries], room, met_width + score_width)
    parts = [text_lines(_title(report, pledge_results), width)]
    for number, group in enumerate(groups):
        parts.append(plain_results(grid, entries, group, number == len(groups) - 1, MARKS, width))
        parts.append("\n")
    parts.append(_legend(entries, width))
    shown = report.shown(pledge_results)
    for notes in (assembled_notes(report, shown), corrected_notes(report, shown)):
        if notes:
            mark = notes[0][0]
            lines = [visible(n) if n.startswith(mark) else "  " + visible(n) for n in notes]
            parts += ["\n", text_lines("\n".join(lines), width)]
    parts += _missing(report, pledge_results, width)
    if any(part is None for part in parts):
        return None
    return "".join(part for part in parts if part is not None)


def _title(report: Report, pledge_results: PledgeResults) -> str:
    pledge = pledge_results.pledge
    title = f"{visible(pledge.name)} — {pledge.year}"
    facts = title_facts(report, pledge_results)
    return f"{title}\n{facts}" if facts else title


def _legend(entries: Sequence[LegendEntry], width: int) -> str | None:
    lines = []
    for entry in entries:
        line = visible(entry.target.text)
        line += f"  ({visible(entry.target.id)}: {entry.threshold}"
        if entry.target.scope.value == "cluster":
            line += _(", whole cluster")
        lines.append((entry.label, line + ")"))
    return grid_text(lines, width, gap=1)


def _missing(report: Report, pledge_results: PledgeResults, width: int) -> list[str | None]:
    from pledgecli.render.no_data import missing_notes

    notes = missing_notes(report, pledge_results, most=None)
    if not notes:
        return []
    listed = grid_text([("", visible(line)) for line in notes[1:]], width, gap=0, first=2)
    return ["\n", text_lines(visible(notes[0]), width), listed]


def _summary(report: Report, width: int) -> str | None:
    from pledgecli.display import status_word
    from pledgecli.evaluate import Status

    counts = report.counts()
    total = sum(counts.values())
    text = _("{year}: {count} results: ").format(year=report.year, count=total)
    text += ", ".join(
        f"{MARKS[status]} {counts[status]} {status_word(status)}" for status in Status
    )
    return text_lines(text, width)


# -- Rich's layout of plain text --------------------------------------------------------

_TRAILING_SPACE = re.compile(r"\s+$")


def _plain(text: str) -> bool:
    """Text Rich prints as it is (no tab to expand, no control code to strip)."""
    return all(line.isprintable() for line in text.split("\n"))


def wrapped(line: str, width: int, *, pad: bool) -> list[str]:
    """One line of a ``Text`` (no newline) as Rich's ``Text.wrap`` divides it (words,
    folding a longer one), each piece cropped to ``width``, and padded to it (``pad``: a
    cell of a table, left-justified)."""
    from rich._wrap import divide_line
    from rich.cells import cell_len, set_cell_size

    offsets = divide_line(line, width, fold=True)
    bounds = [0, *offsets, len(line)]
    out = []
    for start, end in pairwise(bounds):
        piece = line[start:end]
        if len(piece) > width:  # Text.rstrip_end: spaces past the width go (len, not cells)
            spaces = _TRAILING_SPACE.search(piece)
            if spaces is not None:
                piece = piece[: len(piece) - min(len(spaces.group(0)), len(piece) - width)]
        length = cell_len(piece)
        if length > width:
            piece = set_cell_size(piece, width)
        if pad and length < width:
            piece += " " * (width - length)
        out.append(piece)
    return out


def text_lines(text: str, width: int) -> str | None:
    """``console.print(Text(text))`` without colour: every line wrapped, each ending with a
    newline; None for text Rich would change (tabs, control codes)."""
    if not _plain(text):
        return None
    return "".join(
        piece + "\n" for line in text.split("\n") for piece in wrapped(line, width, pad=False)
    )


def grid_text(
    rows_: Sequence[tuple[str, str]], width: int, *, gap: int, first: int | None = None
) -> str | None:
    """A two-column ``Table.grid`` as the scorecard prints it: the first column as wide as
    its widest cell (or ``first``, fixed), never wrapped; the second folded into the rest
    (``gap``: the padding after the first column; a grid collapses the second's into it);
    every line of a row padded to the column widths. None when only Rich can say (a narrow console, tabs...)."""
    from rich.cells import cell_len

    if not rows_:
        return ""
    if not all(_plain(label) and "\n" not in label and _plain(text) for label, text in rows_):
        return None
    label_width = first if first is not None else max(cell_len(label) for label, _ in rows_)
    if any(cell_len(label) > label_width for label, _ in rows_):
        return None
    widest = max(cell_len(line) for _, text in rows_ for line in text.split("\n"))
    text_width = min(widest, width - label_width - gap)
    if text_width < MIN_TEXT:
        return None
    out = []
    for label, text in rows_:
        pieces = [p for line in text.split("\n") for p in wrapped(line, text_width, pad=True)]
        head = label + " " * (label_width - cell_len(label) + gap)
        blank = " " * (label_width + gap)
        for index, piece in enumerate(pieces):
            out.append((head if index == 0 else blank) + piece + "\n")
    return "".join(out)
