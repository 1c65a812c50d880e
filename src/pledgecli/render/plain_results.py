"""The scorecard's tables of results written without Rich's layout when they need none of
it (see :mod:`pledgecli.render.plain_table`): Rich's cell-by-cell layout of a dozen columns
is most of the time ``pledge check`` spends writing a small table."""

from __future__ import annotations

from collections.abc import Sequence

from pledgecli.evaluate import Status
from pledgecli.i18n import _
from pledgecli.render.grid import LegendEntry, Row
from pledgecli.render.plain_table import plain_table
from pledgecli.safe_text import visible

# The province column is at most 24 cells wide, its padding included: a name up to this
# width never folds (a longer one is left to Rich).
PLAIN_LABEL = 22


def plain_results(
    grid: Sequence[Row],
    entries: Sequence[LegendEntry],
    group: Sequence[int],
    last: bool,
    marks: dict[Status, str],
    width: int,
) -> str | None:
    """A table of results of the scorecard (``scorecard_parts`` of
    :mod:`pledgecli.render.table`) as Rich writes it without colour, or None when only Rich
    can say (a province's name Rich would fold, a table wider than ``width``)."""
    from rich.cells import cell_len

    headers = [_("Province"), *(entries[index].label for index in group)]
    right = [False] * len(headers)
    if last:
        headers += [_("Met"), _("Score")]
        right += [True, True]
    lines: list[list[str]] = []
    for row in grid:
        if row.is_cluster and all(row.cells[i].status is None for i in group):
            continue
        label = visible(row.label)
        if cell_len(label) > PLAIN_LABEL:
            return None
        cells = [cell_text(row.cells[i].status, row.cells[i].text, marks) for i in group]
        lines.append([label, *cells, row.met, row.score] if last else [label, *cells])
    if cell_len(headers[0]) > PLAIN_LABEL:
        return None
    return plain_table(headers, lines, right, width)


def cell_text(status: Status | None, text: str, marks: dict[Status, str]) -> str:
    """A result's cell as the scorecard shows it (empty: no result there)."""
    return "" if status is None else f"{marks[status]} {text}"


def column_groups(
    grid: Sequence[Row], headers: Sequence[str], room: int, tail: int
) -> list[list[int]]:
    """Split target columns into groups that fit in ``room`` columns of text; the last
    group also holds ``tail`` more (the Met and Score columns)."""
    widths = [
        max(len(header), *(len(row.cells[index].text) + 2 for row in grid))
        + 2  # a space either side
        for index, header in enumerate(headers)
    ]
    groups: list[list[int]] = [[]]
    used = 0
    for index, width in enumerate(widths):
        if groups[-1] and used + width > room:
            groups.append([])
            used = 0
        groups[-1].append(index)
        used += width
    if used + tail > room and len(groups[-1]) > 1:
        groups.append([groups[-1].pop()])
    elif used + tail > room:
        groups.append([])
    return groups
