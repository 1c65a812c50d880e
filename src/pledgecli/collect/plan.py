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

from collections.abc import Sequence
from dataclasses import dataclass, replace
from pathlib import Path

from pledgecli.collect.toml_edit import edit_report
from pledgecli.collect.writer import write_all
from pledgecli.dataset import DataSet
from pledgecli.diagnostics import Diagnostic, UserError, with_lines
from pledgecli.figure_format import Figure, Value, same
from pledgecli.i18n import _, ngettext
from pledgecli.load import revalidate_actuals
from pledgecli.round_outcomes import Change, FilePlan, Plan, Recorded


@dataclass(frozen=True)
class Entry:
    """One figure to record: ``where`` says where it came from (``row 7``, an argument)."""

    province: str
    metric: str
    value: Value
    where: str


def report_path(root: Path, year: int, province: str) -> Path:
    return root / "actuals" / str(year) / f"{province}.toml"


def build_plan(
    data: DataSet, year: int, entries: Sequence[Entry], *, force: bool, origin: str
) -> Plan:
    """What writing ``entries`` into ``data``'s reports of ``year`` would do, validated.

    ``data`` is the whole data set, loaded; it is updated to the planned state.
    ``origin`` is the comment that heads a report this creates."""
    by_province: dict[str, list[Entry]] = {}
    for entry in entries:
        by_province.setdefault(entry.province, []).append(entry)
    plan = Plan(year, [], [], [], [])
    for province, wanted in by_province.items():
        plan.files.append(_file_plan(data, year, province, wanted, plan, force=force))
    if plan.errors or (plan.conflicts and not force):
        return plan
    contents: dict[Path, bytes] = {}
    for file_plan in plan.files:
        updates = [(c.metric, c.new) for c in (*file_plan.added, *file_plan.changed)]
        if not updates:
            continue
        header = [_("{name}: year-end figures for {year}.").format(name=file_plan.name, year=year)]
        file_plan.content = edit_report(file_plan.path, updates, [*header, origin])
        contents[file_plan.path] = file_plan.content
    _validate(data, year, contents, plan)
    if plan.errors:
        for file_plan in plan.files:
            file_plan.content = None
    return plan


def _file_plan(
    data: DataSet, year: int, province: str, entries: list[Entry], plan: Plan, *, force: bool
) -> FilePlan:
    path = report_path(data.root, year, province)
    report = data.actuals.get(year, {}).get(province)
    file_plan = FilePlan(province, data.province_name(province), path, path.exists())
    if file_plan.exists and report is None:
        problems = [d for d in data.diagnostics if d.path == path and d.severity == "error"]
        plan.errors.extend(with_lines(problems))
        plan.errors.append(
            Diagnostic(path, _("fix this report first: its figures cannot be compared"))
        )
        return file_plan
    recorded: dict[str, Figure] = dict(report.metrics) if report is not None else {}
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


def _validate(data: DataSet, year: int, contents: dict[Path, bytes], plan: Plan) -> None:
    """Check the planned reports with everything else, as ``pledge validate`` would."""
    before = set(data.diagnostics)
    revalidate_actuals(data, year, contents)
    for diagnostic in data.diagnostics:
        touched = diagnostic.path in contents
        if not touched and diagnostic in before:
            continue
        if touched:  # its line would be looked up in the old text on disk
            diagnostic = replace(diagnostic, key=None, line=None)
        if diagnostic.severity == "error":
            plan.errors.append(diagnostic)
        else:
            plan.warnings.append(diagnostic)


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
    origin: str,
    strict: bool = False,
) -> Recorded:
    """Plan and (unless ``dry_run``, or refused: differing figures without ``force``)
    write it. Errors of the planned reports are a :class:`UserError`; with ``strict``,
    so are its warnings (figures that cannot be right)."""
    plan = build_plan(data, year, entries, force=force, origin=origin)
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
