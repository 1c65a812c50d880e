"""From figures (a filled form, or ``pledge set``) to edits of the year's reports.

:func:`build_plan` compares each figure with what is recorded, refuses to replace a
different value unless forced, edits the reports (:mod:`pledgecli.collect.toml_edit`, so
comments and layout that a person wrote stay), and validates the result the way
``pledge validate`` would, all before anything is written. :func:`apply` then writes each
changed report atomically. A report whose figures are all already recorded is not
rewritten. The plan is typed (:mod:`pledgecli.outcomes`); :mod:`pledgecli.render.plan`
says it in the reader's language.
"""

from __future__ import annotations

import contextlib
import gc
import itertools
import operator
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import replace
from itertools import repeat
from pathlib import Path
from typing import Any, NamedTuple

from pledgecli.collect.fresh_report import fresh_actuals, read_literals
from pledgecli.collect.toml_edit import edit_report, is_new_report, new_report_of
from pledgecli.collect.writer import write_all
from pledgecli.dataset import DataSet
from pledgecli.diagnostics import Diagnostic, UserError, with_lines
from pledgecli.figure_format import Figure, Value, same
from pledgecli.i18n import _, ngettext
from pledgecli.models import Actuals
from pledgecli.round_outcomes import Change, FilePlan, Plan, Recorded


class Entry(NamedTuple):
    """One figure to record: ``where`` says where it came from (``row 7``, an argument).
    (A named tuple: a national form makes 170,000 of them.)"""

    province: str
    metric: str
    value: Value
    where: str


Made = tuple[FilePlan, list[str]]  # a new report's plan and header


_METRIC_AND_NEW = operator.itemgetter(1, 3)  # (change.metric, change.new) of a Change
_METRIC = operator.itemgetter(0)  # the metric of an update (metric, value)
_NEW = operator.itemgetter(3)  # change.new of a Change
_ENTRY_METRIC, _ENTRY_VALUE, _ENTRY_WHERE = (operator.itemgetter(i) for i in (1, 2, 3))


def updates_of(file_plan: FilePlan) -> list[tuple[str, Value]]:
    """The figures a report is to be written with, in order: ``(metric, new)`` of each
    change added, then of each changed (taken by place, in C: 130,000 for the national
    form; its check reads them from the changes themselves)."""
    return [*map(_METRIC_AND_NEW, file_plan.added), *map(_METRIC_AND_NEW, file_plan.changed)]


def report_path(root: Path, year: int, province: str) -> Path:
    return root / "actuals" / str(year) / f"{province}.toml"


def build_plan(
    data: DataSet,
    year: int,
    entries: Sequence[Entry],
    *,
    force: bool,
    origin: str | Mapping[str, str],
) -> Plan:
    """What writing ``entries`` into ``data``'s reports of ``year`` would do, validated.

    ``data`` is the whole data set, loaded; it is updated to the planned state.
    ``origin`` is the comment that heads a report this creates (by province, when the
    figures came from several forms)."""
    resume = pause_collector()  # the plan's objects hold no cycle: not looked through
    try:
        by_province: dict[str, list[Entry]] = {}
        for entry in entries:
            by_province.setdefault(entry.province, []).append(entry)
        plan = Plan(year, [], [], [], [])
        folder = _Folder(data.root, year)
        for province, wanted in by_province.items():
            plan.files.append(_file_plan(data, folder, province, wanted, plan, force=force))
        if plan.errors or (plan.conflicts and not force):
            return plan
        contents: dict[Path, bytes] = {}
        fresh: dict[Path, Made] = {}  # the reports made new: what they were made from
        texts: dict[int, str] = {}  # the text of each figure written (by id: new_report)
        for file_plan in plan.files:
            changes = [*file_plan.added, *file_plan.changed]  # updates_of's, by place
            if not changes:
                continue
            said = origin if isinstance(origin, str) else origin[file_plan.province]
            title = _("{name}: year-end figures for {year}.")
            header = [title.format(name=file_plan.name, year=year), said]
            metrics = [*map(_ENTRY_METRIC, changes)]  # each update's metric
            if is_new_report(file_plan.path, metrics, exists=file_plan.exists):
                fresh[file_plan.path] = (file_plan, header)
                # as edit_report makes it; each figure's text made once (the figures
                # stay alive with the plan)
                values = [*map(_NEW, changes)]
                file_plan.content = new_report_of(metrics, values, header, texts)
            else:
                resume()  # tomlkit's edits leave cycles: collected from here on
                updates = updates_of(file_plan)
                file_plan.content = edit_report(file_plan.path, updates, header)
            contents[file_plan.path] = file_plan.content
        _validate(data, year, contents, plan, fresh)
    finally:
        resume()
    if plan.errors:
        for file_plan in plan.files:
            file_plan.content = None
    return plan


class _Import:
    """How many imports run (:func:`importing`): each undoes every ``gc.freeze`` when it
    ends (``importer.collecting``), so only then may :func:`pause_collector` freeze."""

    depth = 0


@contextlib.contextmanager
def importing() -> Iterator[None]:
    """The run of an import that unfreezes what was set aside when it ends."""
    _Import.depth += 1
    try:
        yield
    finally:
        _Import.depth -= 1


def pause_collector() -> Callable[[], None]:
    """The cyclic garbage collector paused (within an import, which turns it on), and
    what resumes it: what was made meanwhile stays to the end of the run (the plan), so
    it is set aside (``gc.freeze``, as :func:`pledgecli.collect.importer.settled` does),
    not looked through again and again while the plan grows. Outside an import (``set``,
    ``import --dry-run``, a program calling ``record``) it does nothing: there nothing
    would unfreeze what it set aside."""
    if not gc.isenabled() or not _Import.depth:
        return lambda: None
    gc.disable()
    paused = [True]

    def resume() -> None:
        if paused.pop() if paused else False:
            gc.freeze()
            gc.enable()

    return resume


class _Folder:
    """The folder of a year's reports, named once for the thousands of them (joining
    paths one part at a time costs more than the rest of their plan), and whether it is
    there: when it is not, none of its reports is."""

    def __init__(self, root: Path, year: int) -> None:
        self.year = year
        self.path = report_path(root, year, "_").parent
        try:
            self.there = self.path.is_dir()
        except OSError:  # cannot be told: each report is asked about (and says why)
            self.there = True

    def report(self, province: str) -> Path:
        return self.path / f"{province}.toml"  # report_path(root, year, province)


def _file_plan(
    data: DataSet, folder: _Folder, province: str, entries: list[Entry], plan: Plan, *, force: bool
) -> FilePlan:
    year = folder.year
    path = folder.report(province)
    report = data.actuals.get(year, {}).get(province)
    exists = folder.there and path.exists()
    file_plan = FilePlan(province, data.province_name(province), path, exists)
    if file_plan.exists and report is None:
        problems = [d for d in data.diagnostics if d.path == path and d.severity == "error"]
        plan.errors.extend(with_lines(problems))
        plan.errors.append(
            Diagnostic(path, _("fix this report first: its figures cannot be compared"))
        )
        return file_plan
    recorded: dict[str, Figure] = dict(report.metrics) if report is not None else {}
    if not recorded:  # a new report (the national form's 3,321): every figure is added
        # Change(province, e.metric, None, e.value, e.where) of each entry, made in C
        # (tuple.__new__ of the fields zipped, without Change's __new__): 130,000 of them
        fields = zip(
            repeat(province),
            map(_ENTRY_METRIC, entries),
            repeat(None),
            map(_ENTRY_VALUE, entries),
            map(_ENTRY_WHERE, entries),
        )
        file_plan.added = list(map(tuple.__new__, repeat(Change), fields))
        return file_plan
    for entry in entries:
        old = recorded.get(entry.metric)
        change = Change(province, entry.metric, old, entry.value, entry.where)
        if same(old, entry.value):
            file_plan.unchanged += 1
        elif old is None:
            file_plan.added.append(change)
        else:
            file_plan.changed.append(change)
            if not force:
                plan.conflicts.append(change)
    return file_plan


def _validate(
    data: DataSet, year: int, contents: dict[Path, bytes], plan: Plan, fresh: Mapping[Path, Made]
) -> None:
    """Check the planned reports with everything else, as ``pledge validate`` would."""
    for diagnostic in revalidated(data, year, contents, fresh):
        if diagnostic.path in contents:  # its line would be looked up in the old text on disk
            diagnostic = replace(diagnostic, key=None, line=None)
        if diagnostic.severity == "error":
            plan.errors.append(diagnostic)
        else:
            plan.warnings.append(diagnostic)


def revalidated(
    data: DataSet,
    year: int,
    contents: Mapping[Path, bytes],
    fresh: Mapping[Path, Made] | None = None,
) -> list[Diagnostic]:
    """What ``pledge validate`` would say, were ``contents`` (path -> bytes not yet
    written, reports of ``year``) on disk, that it does not say now: every diagnostic of
    those reports, and the new ones of any other file. ``data`` (loaded whole) gets the
    reports in place of the old ones.

    The same diagnostics, in the same order, as :func:`pledgecli.load.revalidate_actuals`
    followed by keeping what is new, without checking every report of every year again:
    a report's types and spellings depend on it alone (only the new reports are checked),
    and its plausibility on the report of the year before (the new reports are checked
    against those of ``year - 1``, and the province's reports of ``year + 1`` against
    them). Any other check in ``CHECKS`` is run on the whole data set. ``fresh``: the
    reports among ``contents`` that ``edit_report`` made new, with the plan and header
    they were made from (their models are made from those, as reading them would)."""
    from pledgecli.checks import CHECKS, implausible_figures, metric_types, misspelled_metrics
    from pledgecli.load_file import load_actuals
    from pledgecli.plausibility import check_reports

    before = set(data.diagnostics)
    data.diagnostics = [d for d in data.diagnostics if d.path not in contents]
    read_from = len(data.diagnostics)
    new: dict[str, Actuals] = {}
    seen: dict[int, tuple[bool, Any]] = {}  # what each figure reads as (fresh_actuals)
    if fresh:  # the literals of every new report's figures read at once
        plans = [made[0] for made in fresh.values()]
        every = itertools.chain(*(f.added for f in plans), *(f.changed for f in plans))
        read_literals(next(iter(fresh)), map(_NEW, every), seen)
    for path, content in contents.items():
        data.actuals.get(year, {}).pop(path.stem, None)
        made = fresh.get(path) if fresh is not None else None
        if made is not None:
            changes = [*made[0].added, *made[0].changed]  # its figures, alive with the plan
            actuals = fresh_actuals(path, year, data, content, changes, made[1], seen)
        else:
            actuals = load_actuals(path, year, data, content)
        if actuals is not None:
            data.actuals.setdefault(year, {})[actuals.province] = actuals
            new[actuals.province] = actuals
    loaded = data.diagnostics[read_from:]  # what reading the new reports said
    checked: list[Diagnostic] = []
    only_new = replace(data, actuals={year: new})
    following = data.actuals.get(year + 1, {})
    compared = {
        year - 1: data.actuals.get(year - 1, {}),
        year: new,
        year + 1: {p: r for p, r in following.items() if p in new},
    }
    for check in CHECKS:
        if check is metric_types or check is misspelled_metrics:
            checked += check(only_new)
        elif check is implausible_figures:
            warnings = check_reports(data.catalog, compared, [year, year + 1])
            checked += [w.diagnostic(data.catalog) for w in warnings]
        else:
            checked += check(data)
    data.diagnostics = list(dict.fromkeys([*data.diagnostics, *checked]))
    return [d for d in dict.fromkeys([*loaded, *checked]) if d.path in contents or d not in before]


def apply(plan: Plan) -> list[Path]:
    """Write every changed report, all or nothing; the paths written."""
    return write_all([(f.path, f.content) for f in plan.writes if f.content is not None])


# -- the shared flow of import and set -----------------------------------------------


def record(
    data: DataSet,
    year: int,
    entries: Sequence[Entry],
    *,
    force: bool,
    dry_run: bool,
    origin: str | Mapping[str, str],
    strict: bool = False,
) -> Recorded:
    """Plan and (unless ``dry_run``, or refused: differing figures without ``force``)
    write it. Errors of the planned reports are a :class:`UserError`; with ``strict``,
    so are its warnings (figures that cannot be right)."""
    plan = build_plan(data, year, entries, force=force, origin=origin)
    del entries  # planned: 130,000 figures for the national form, not needed any more
    if strict and plan.warnings and not plan.errors:
        raise UserError(
            plan.warnings,
            closing=ngettext(
                "error: {count} warning and --strict; nothing was written",
                "error: {count} warnings and --strict; nothing was written",
                len(plan.warnings),
            ).format(count=len(plan.warnings)),
        )
    if plan.errors:
        raise UserError(
            [*plan.warnings, *plan.errors],
            closing=ngettext(
                "error: {count} problem; nothing was written",
                "error: {count} problems; nothing was written",
                len(plan.errors),
            ).format(count=len(plan.errors)),
        )
    if plan.conflicts and not force:
        names = {p: data.province_name(p) for p in {c.province for c in plan.conflicts}}
        return Recorded(plan, [], dry_run, refused=True, names=names)
    return Recorded(plan, [] if dry_run else apply(plan), dry_run)
