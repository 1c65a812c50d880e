"""The plan of ``pledge import``/``pledge set`` in the reader's language: per report, what it
gains and what changes, a summary, and what was written (or why nothing was)."""

from __future__ import annotations

import itertools
import operator
import os
from collections.abc import Callable
from decimal import Decimal
from pathlib import Path

from pledgecli.diagnostics import display_path
from pledgecli.figure_format import Figure, Value, figure_text
from pledgecli.i18n import _
from pledgecli.round_outcomes import FilePlan, Plan, Recorded
from pledgecli.safe_text import visible


def plan_lines(plan: Plan, shown: Callable[[Path], str] | None = None) -> list[str]:
    """Per report: what it gains and what changes; then a summary line. Control characters
    and bidi overrides (of a province's name, a path, a form's row) are written visibly."""
    return _visible(_plan_lines(plan, shown or path_shower()))


def _visible(lines: list[str]) -> list[str]:
    """:func:`visible` of each line; at once when none has anything to escape (the usual
    case: 136,000 lines for the national form)."""
    joined = "".join(lines)
    if visible(joined) == joined:  # an escape never spans two lines: none in any
        return lines
    return [visible(line) for line in lines]


_METRIC = operator.itemgetter(1)  # of a Change
_NEW = operator.itemgetter(3)


def _plan_lines(plan: Plan, shown: Callable[[Path], str]) -> list[str]:
    lines: list[str] = []
    named = _namer()
    # Each figure's text made once per object: a national form's 130,000 figures are
    # a few thousand objects (the importer reads each different cell once). By ``id``,
    # not by value (0 and -0, 10 and 1E+1 are equal but written apart); the plan holds
    # every figure until the lines are made, so no ``id`` is reused meanwhile.
    figures: dict[int, str] = {}
    heads: dict[str, str] = {}  # the text of an added figure's line before its value
    tails: dict[str, str] = {}  # and after it
    # made first, for every figure added (each different object and metric once), so
    # that each report's lines are made in C
    every = [*itertools.chain.from_iterable(f.added for f in plan.files)]
    values = [*map(_NEW, every)]
    for key, value in dict(zip(map(id, values), values, strict=True)).items():
        figures[key] = _figure(value)
    for metric in dict.fromkeys(map(_METRIC, every)):
        heads[metric] = f"  + {metric} = "
        tails[metric] = named(metric)
    del every, values
    for file_plan in plan.files:
        if not file_plan.added and not file_plan.changed:
            continue
        where = shown(file_plan.path)
        if file_plan.exists:
            head = _("{path} ({name}): {added} added, {changed} changed, {same} unchanged")
        else:
            head = _("{path} ({name}): new report, {added} added")
        lines.append(
            head.format(
                path=where,
                name=file_plan.name,
                added=len(file_plan.added),
                changed=len(file_plan.changed),
                same=file_plan.unchanged,
            )
        )
        try:  # before + text + after of each added figure, in C
            metrics = [*map(_METRIC, file_plan.added)]
            texts = map(figures.__getitem__, map(id, map(_NEW, file_plan.added)))
            befores = map(operator.add, map(heads.__getitem__, metrics), texts)
            lines += [*map(operator.add, befores, map(tails.__getitem__, metrics))]
        except KeyError:  # not made first (cannot be): each line as it comes
            _added_lines(file_plan, lines, figures, heads, tails, named)
        for change in file_plan.changed:
            lines.append(
                "  ~ "
                + _("{metric} = {new} (was {old})").format(
                    metric=change.metric, new=_figure(change.new), old=_figure(change.old)
                )
                + named(change.metric)
            )
    added = sum(len(f.added) for f in plan.files)
    changed = sum(len(f.changed) for f in plan.files)
    unchanged = sum(f.unchanged for f in plan.files)
    if added or changed:
        files = sum(1 for f in plan.files if f.added or f.changed)
        summary = _(
            "reports to write: {files}; figures added: {added}, changed: {changed}, "
            "already recorded: {same}"
        )
        lines.append(summary.format(files=files, added=added, changed=changed, same=unchanged))
    else:
        lines.append(
            _("nothing to change; figures already recorded: {count}").format(count=unchanged)
        )
    return lines


def _added_lines(
    file_plan: FilePlan,
    lines: list[str],
    figures: dict[int, str],
    heads: dict[str, str],
    tails: dict[str, str],
    named: Callable[[str], str],
) -> None:
    """The line of each figure ``file_plan`` adds, each text made once (see _plan_lines)."""
    for _province, metric, _old, value, _where in file_plan.added:
        text = figures.get(id(value))
        if text is None:
            text = figures[id(value)] = _figure(value)
        before = heads.get(metric)
        if before is None:  # "  + metric = " and " — its name", made once per metric
            before = heads[metric] = f"  + {metric} = "
            tails[metric] = named(metric)
        lines.append(before + text + tails[metric])


def refusal(recorded: Recorded) -> str:
    """Why nothing was written: the figures that differ from what is recorded."""
    lines = [
        _("error: {message}").format(
            message=_(
                "figures that differ from what is recorded: {count}; nothing was written "
                "(give --force to replace them)"
            ).format(count=len(recorded.plan.conflicts))
        )
    ]
    for change in recorded.plan.conflicts:
        lines.append(
            "  "
            + _("{name} ({province}) {metric}: recorded {old}, new {new} ({where})").format(
                name=recorded.names.get(change.province, change.province),
                province=change.province,
                metric=change.metric,
                old=figure_text(change.old),
                new=figure_text(change.new),
                where=change.where,
            )
        )
    return "\n".join(visible(line) for line in lines)


def recorded_lines(recorded: Recorded) -> list[str]:
    """The plan, then what was written (or that a dry run wrote nothing)."""
    shown = path_shower()
    lines = plan_lines(recorded.plan, shown)
    if recorded.dry_run:
        return [*lines, _("dry run: nothing was written")]
    wrote = _("wrote {path}")
    return [*lines, *_visible([wrote.format(path=shown(p)) for p in recorded.written])]


def path_shower() -> Callable[[Path], str]:
    """:func:`display_path`, each folder resolved once (not once per report of 3,321).
    A folder is known by the text of the path before its name (``os.path.split`` of the
    path's text, which names one parent), so that no path object is made per report."""
    folders: dict[str, str | None] = {}
    here: list[Path] = []

    def shown(path: Path) -> str:
        text = str(path)
        head, name = os.path.split(text)
        if head not in folders:
            folder = path.parent
            try:  # as display_path: the folder resolved, then the name
                if not here:
                    here.append(Path.cwd().resolve())
                folders[head] = str(folder.resolve().relative_to(here[0]))
            except ValueError:  # outside the working directory: display_path's own answer
                folders[head] = ""
            except (OSError, RuntimeError):
                folders[head] = None
        base = folders[head]
        if not base or name != path.name:
            # outside: display_path resolves the same folder, fails the same way, and says
            # str(path); on any other trouble (or a name the text does not end with), the
            # slow way, exactly
            return text if base == "" and name == path.name else display_path(path)
        return name if base == "." else os.path.join(base, name)

    return shown


def _namer() -> Callable[[str], str]:
    """`` — the metric's name`` in the reader's language, when the catalogue knows it
    (looked up once per metric)."""
    from pledgecli.catalog import metric_name

    names: dict[str, str] = {}

    def named(metric: str) -> str:
        found = names.get(metric)
        if found is None:
            name = metric_name(metric)
            found = names[metric] = f" — {name}" if name != metric else ""
        return found

    return named


def _figure(value: Figure | Value | None) -> str:
    """:func:`figure_text`, quickly for a decimal written plainly (the usual figure)."""
    if type(value) is Decimal:
        text = str(value)
        head, point, tail = text.partition(".")
        if head.lstrip("-").isdigit() and (not point or tail.isdigit()):
            if not point:
                return text
            tail = tail.rstrip("0")
            return f"{head}.{tail}" if tail else head
    return figure_text(value)
