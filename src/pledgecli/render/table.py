"""The Rich scorecard for people: provinces as rows, targets as columns, a legend below.

User text (names, target text, values) always goes in as ``Text``, never as
markup, so a name containing ``[bold]`` is shown as written.
"""

from __future__ import annotations

from collections.abc import Sequence
from fractions import Fraction
from heapq import nsmallest
from typing import TextIO

from rich import box
from rich.cells import cell_len
from rich.console import Console, Group, JustifyMethod, RenderableType
from rich.table import Table
from rich.text import Text

from pledgecli.display import number as figure
from pledgecli.display import status_word
from pledgecli.evaluate import PledgeResults, Result, Status
from pledgecli.i18n import _
from pledgecli.outcomes import Report
from pledgecli.render.formats import Page
from pledgecli.render.grid import (
    ASCII_MARKS,
    MARKS,
    assembled_notes,
    cell_text,
    corrected_notes,
    detail_rows,
    legend,
    rows,
    title_facts,
)
from pledgecli.render.plain_results import column_groups as _column_groups
from pledgecli.render.plain_results import plain_results
from pledgecli.safe_text import visible

COLOURS = {
    Status.MET: "green",
    Status.MISSED: "bold red",
    Status.NO_DATA: "yellow",
    Status.NO_BASELINE: "yellow",
}
PADDING = 2  # one space either side of every cell in box.SIMPLE
SUMMARY_ABOVE = 40  # a pledge with more signatories is summarised unless --all
WORST = 10  # provinces listed in a summary
TEXT_WIDTH = 24  # the least a target's text gets in the detail view
MIN_FIGURE_WIDTH = 8


def marks_for(console: Console) -> dict[Status, str]:
    encoding = (console.encoding or "").lower().replace("-", "")
    return MARKS if encoding.startswith("utf") else ASCII_MARKS


def render(report: Report, console: Console, *, all_rows: bool = False) -> None:
    """Every pledge of ``report``; one with more than ``SUMMARY_ABOVE`` signatories is
    summarised unless ``all_rows`` (national data would be a wall of thousands of rows)."""
    for pledge_results in report.pledges:
        if report.province is None:
            many = len(pledge_results.pledge.provinces) > SUMMARY_ABOVE and not all_rows
            if many:
                console.print(summary_card(report, pledge_results, console))
            else:  # each part printed on its own prints what their Group prints
                for part in scorecard_parts(report, pledge_results, console):
                    if isinstance(part, str):
                        console.file.write(part)
                    else:
                        console.print(part)
        else:
            console.print(detail(report, pledge_results, console))
        console.print()
    console.print(summary(report, console))


def summary_card(
    report: Report, pledge_results: PledgeResults, console: Console, worst: int = WORST
) -> RenderableType:
    """A pledge with many signatories: how many met each target, the cluster-wide results,
    and the ``worst`` provinces that met the fewest targets."""
    marks = marks_for(console)
    pledge = pledge_results.pledge
    entries = legend(pledge_results)
    labels = {entry.target.id: entry.label for entry in entries}
    counts = {target.id: dict.fromkeys(Status, 0) for target in pledge.targets}
    cluster: dict[str, Result] = {}
    met = dict.fromkeys(pledge.provinces, 0)
    not_met: dict[str, list[str]] = {province: [] for province in pledge.provinces}
    met_status = Status.MET
    for result in pledge_results.results:  # national data: 100,000 results, once each
        province, target_id, status = result.province, result.target.id, result.status
        if province is None:
            cluster[target_id] = result
            continue
        counts[target_id][status] += 1
        if status is met_status:
            met[province] += 1
        else:
            not_met[province].append(labels[target_id])
    note = Text(
        _(
            "{count} provinces sign this pledge: how many met each target, and the {worst} "
            "that met the fewest. Every province: --all; one: --province NAME; "
            "every result: --format csv."
        ).format(count=figure(Fraction(len(pledge.provinces))), worst=worst),
        style="dim",
    )
    targets = Table(box=box.SIMPLE, show_edge=False, pad_edge=False)
    targets.add_column(_("Target"), no_wrap=True)
    for status in (Status.MET, Status.MISSED, Status.NO_DATA, Status.NO_BASELINE):
        targets.add_column(f"{marks[status]} {status_word(status)}", justify="right")
    targets.add_column(_("Whole cluster"))
    for entry in entries:
        target_id = entry.target.id
        if target_id in cluster:
            result = cluster[target_id]
            shown = _cell(result.status, cell_text(result), marks)
            targets.add_row(entry.label, "", "", "", "", shown)
        else:
            tally = counts[target_id]
            figures = [
                figure(Fraction(tally[status])) if tally[status] else "" for status in Status
            ]
            targets.add_row(entry.label, *figures, "")
    fewest = Table(box=box.SIMPLE, show_edge=False, pad_edge=False, title_justify="left")
    fewest.add_column(_("Province"), overflow="fold", max_width=24)
    fewest.add_column(_("Met"), justify="right", no_wrap=True)
    scored = bool(report.scores.get(pledge.cluster))
    if scored:
        fewest.add_column(_("Score"), justify="right", no_wrap=True)
    fewest.add_column(_("Not met"), overflow="fold")
    total = sum(1 for target in pledge.targets if target.id not in cluster)
    for province in nsmallest(worst, pledge.provinces, key=met.__getitem__):  # = sorted[:worst]
        score = report.score_of(pledge.cluster, province)
        row = [Text(visible(report.name_of(province))), Text(f"{met[province]}/{total}")]
        if scored:
            row.append(Text(figure(score.score) if score is not None else ""))
        row.append(Text(" ".join(not_met[province])))
        fewest.add_row(*row)
    heading = Text(_("Fewest targets met"), style="bold")
    parts: list[RenderableType] = [_title(report, pledge_results), note, Text(""), targets]
    parts += [Text(""), heading, fewest, Text(""), _legend_table(entries)]
    parts += _missing(report, pledge_results, most=worst)
    return Group(*parts)


def _title(report: Report, pledge_results: PledgeResults) -> Text:
    pledge = pledge_results.pledge
    title = Text(f"{visible(pledge.name)} — {pledge.year}", style="bold")
    facts = title_facts(report, pledge_results)
    if facts:
        title.append("\n" + facts, style="dim")
    return title


def _cell(status: Status | None, text: str, marks: dict[Status, str]) -> Text:
    if status is None:
        return Text("")
    return Text(f"{marks[status]} {text}", style=COLOURS[status])


def scorecard(report: Report, pledge_results: PledgeResults, console: Console) -> RenderableType:
    return Group(*scorecard_parts(report, pledge_results, console, plain=False))


def scorecard_parts(
    report: Report, pledge_results: PledgeResults, console: Console, *, plain: bool = True
) -> list[RenderableType | str]:
    """The scorecard's parts; with ``plain`` and no colour written, a table of results that
    needs none of Rich's layout as its text (see :mod:`pledgecli.render.plain_table`)."""
    marks = marks_for(console)
    plain = (  # Rich's own box characters (not ASCII ones) and no colour
        plain
        and console.color_system is None
        and not console.record
        and console.encoding.startswith("utf")
        and not console.legacy_windows
    )
    grid = rows(report, pledge_results)
    entries = legend(pledge_results)
    label_width = min(max(len(row.label) for row in grid), 24) + PADDING
    met_width = max(len(_("Met")), *(len(row.met) for row in grid)) + PADDING
    score_width = max(len(_("Score")), *(len(row.score) for row in grid)) + PADDING
    room = console.width - 1 - label_width
    groups = _column_groups(grid, [e.label for e in entries], room, met_width + score_width)
    parts: list[RenderableType | str] = [_title(report, pledge_results)]
    for number, group in enumerate(groups):
        last = number == len(groups) - 1
        text = plain_results(grid, entries, group, last, marks, console.width) if plain else None
        if text is not None:
            parts += [text, Text("")]
            continue
        table = Table(box=box.SIMPLE, show_edge=False, pad_edge=False, expand=False)
        table.add_column(_("Province"), overflow="fold", max_width=24)
        for index in group:
            table.add_column(entries[index].label, no_wrap=True)
        if last:
            table.add_column(_("Met"), justify="right")
            table.add_column(_("Score"), justify="right")
        for row in grid:
            if row.is_cluster and all(row.cells[i].status is None for i in group):
                continue
            cells = [_cell(row.cells[i].status, row.cells[i].text, marks) for i in group]
            if last:
                cells += [Text(row.met), Text(row.score)]
            label = Text(visible(row.label), style="italic" if row.is_cluster else "")
            table.add_row(label, *cells)
        parts.append(table)
        parts.append(Text(""))
    parts.append(_legend_table(entries))
    parts += _assembled_notes(report, report.shown(pledge_results))
    parts += _missing(report, pledge_results)
    return parts


def _assembled_notes(report: Report, results: Sequence[Result]) -> list[RenderableType]:
    out: list[RenderableType] = []
    for notes in (assembled_notes(report, results), corrected_notes(report, results)):
        if notes:
            mark = notes[0][0]  # a heading starts with its mark; the lines under it indented
            lines = [visible(n) if n.startswith(mark) else "  " + visible(n) for n in notes]
            out += [Text(""), Text("\n".join(lines))]
    return out


def _missing(
    report: Report, pledge_results: PledgeResults, most: int | None = None
) -> list[RenderableType]:
    """Whom to call: what is missing behind each "no data" and "no baseline"."""
    from pledgecli.render.no_data import missing_notes

    notes = missing_notes(report, pledge_results, most=most)
    if not notes:
        return []
    style = COLOURS[Status.NO_DATA]
    listed = Table.grid()
    listed.add_column(width=2)  # a wrapped line stays under its own
    listed.add_column(overflow="fold")
    for line in notes[1:]:
        listed.add_row("", Text(visible(line), style=style))
    return [Text(""), Text(visible(notes[0]), style=style), listed]


def _legend_table(entries: Sequence[object]) -> Table:
    from pledgecli.render.grid import LegendEntry

    table = Table.grid(padding=(0, 1))
    table.add_column(no_wrap=True, style="bold")
    table.add_column(overflow="fold")
    for entry in entries:
        assert isinstance(entry, LegendEntry)
        line = Text(visible(entry.target.text))
        line.append(f"  ({visible(entry.target.id)}: {entry.threshold}", style="dim")
        if entry.target.scope.value == "cluster":
            line.append(_(", whole cluster"), style="dim")
        line.append(")", style="dim")
        table.add_row(entry.label, line)
    return table


def detail(report: Report, pledge_results: PledgeResults, console: Console) -> RenderableType:
    marks = marks_for(console)
    title = _title(report, pledge_results)
    title.append("\n" + visible(report.name_of(report.province)), style="bold")
    table = Table(box=box.SIMPLE, show_edge=False, pad_edge=False)
    rows_ = [
        (
            label,
            result,
            threshold,
            actual,
            gap,
            f"{marks[result.status]} {status_word(result.status)}",
        )
        for label, result, threshold, actual, gap in detail_rows(
            pledge_results.for_province(report.province), pledge_results
        )
    ]
    headers = [_("Threshold"), _("Actual"), _("Gap"), _("Status")]
    widths = _detail_widths(headers, [[r[2], r[3], r[4], r[5]] for r in rows_], console.width - 1)
    table.add_column(_("Target"), overflow="fold", width=widths[0])
    for header, width in zip(headers, widths[1:], strict=True):
        justify: JustifyMethod = "right" if header in (_("Actual"), _("Gap")) else "left"
        table.add_column(header, overflow="fold", width=width, justify=justify)
    for label, result, threshold, actual, gap, status in rows_:
        target = Text(f"{label} ", style="bold")
        target.append(visible(result.target.text))
        table.add_row(
            target,
            Text(threshold),
            Text(actual),
            Text(gap),
            Text(status, style=COLOURS[result.status]),
        )
    return Group(
        title,
        table,
        *_assembled_notes(report, report.shown(pledge_results)),
        *_missing(report, pledge_results),
    )


def _detail_widths(headers: Sequence[str], cells: Sequence[Sequence[str]], room: int) -> list[int]:
    """Widths of the detail view's columns: the figures as wide as they need, the
    target's text what is left, never less than ``TEXT_WIDTH`` (then the widest
    figure column wraps)."""
    widths = [
        max(cell_len(header), *(cell_len(row[i]) for row in cells)) if cells else cell_len(header)
        for i, header in enumerate(headers)
    ]
    # Rich adds one space either side of a cell and one between columns, except at the edges.
    padding = 3 * len(widths)
    while room - sum(widths) - padding < TEXT_WIDTH and max(widths) > MIN_FIGURE_WIDTH:
        widest = widths.index(max(widths))
        widths[widest] -= 1
    return [max(room - sum(widths) - padding, TEXT_WIDTH), *widths]


def summary(report: Report, console: Console) -> Text:
    counts = report.counts()
    total = sum(counts.values())
    marks = marks_for(console)
    text = Text(_("{year}: {count} results: ").format(year=report.year, count=total))
    for position, status in enumerate(Status):
        if position:
            text.append(", ")
        text.append(
            f"{marks[status]} {counts[status]} {status_word(status)}", style=COLOURS[status]
        )
    return text


# -- writers (see pledgecli.render.formats) -------------------------------------------


def write_table(page: Page, out: TextIO) -> None:
    assert isinstance(page.value, Report)
    # Users' text goes in as Text; no str is markup or emoji (and loading Rich's emoji
    # table costs more than printing a scorecard).
    console = Console(file=out, highlight=False, markup=False, emoji=False)
    render(page.value, console, all_rows=page.all_rows)
