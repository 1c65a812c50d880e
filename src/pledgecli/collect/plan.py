"""From figures (a filled form, or ``pledge set``) to edits of the year's reports.

:func:`build_plan` compares each figure with what is recorded, refuses to replace a
different value unless forced, edits the reports with tomlkit (so comments and layout
that a person wrote stay), and validates the result the way ``pledge validate`` would,
all before anything is written. :func:`apply` then writes each changed report
atomically. A report whose figures are all already recorded is not rewritten.
"""

from __future__ import annotations

import codecs
import re
import tomllib
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from decimal import Decimal
from fractions import Fraction
from pathlib import Path
from typing import Any

from pledgecli.collect.needs import Figure
from pledgecli.collect.numbers import toml_text
from pledgecli.collect.writer import write_all
from pledgecli.diagnostics import Diagnostic, InputError, display_path, with_lines
from pledgecli.i18n import _, ngettext
from pledgecli.load import DataSet, revalidate_actuals

Value = Decimal | bool


class Refused(Exception):
    """Nothing was done, for the reasons in ``lines`` (each a line for stderr)."""

    def __init__(self, lines: list[str]) -> None:
        super().__init__("\n".join(lines))
        self.lines = lines


@dataclass(frozen=True)
class Entry:
    """One figure to record: ``where`` says where it came from (``row 7``, an argument)."""

    province: str
    metric: str
    value: Value
    where: str


@dataclass(frozen=True)
class Change:
    province: str
    metric: str
    old: Figure | None
    new: Value
    where: str


@dataclass
class FilePlan:
    province: str
    name: str
    path: Path
    exists: bool
    added: list[Change] = field(default_factory=list)
    changed: list[Change] = field(default_factory=list)
    unchanged: int = 0
    content: bytes | None = None


@dataclass
class Plan:
    year: int
    files: list[FilePlan]
    conflicts: list[Change]
    errors: list[Diagnostic]
    warnings: list[Diagnostic]

    @property
    def writes(self) -> list[FilePlan]:
        return [f for f in self.files if f.content is not None]

    @property
    def ok(self) -> bool:
        return not self.conflicts and not self.errors


def figure_text(value: Figure | Value | None) -> str:
    if value is None:
        return "—"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, Fraction):
        value = exact_decimal(value)
    return toml_text(value)


def exact_decimal(value: Fraction) -> Decimal:
    """A fraction read from a decimal literal, back as that decimal (exactly)."""
    scale = 0
    while (value * 10**scale).denominator != 1 and scale < 60:
        scale += 1
    return Decimal((value * 10**scale).numerator).scaleb(-scale)


def same(old: Figure | None, new: Value) -> bool:
    if old is None or isinstance(old, bool) != isinstance(new, bool):
        return False
    if isinstance(new, bool):
        return old is new
    return old == Fraction(new)


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


# -- editing a report, keeping what a person wrote ---------------------------------


def _item(value: Value) -> Any:
    import tomlkit

    if isinstance(value, bool):
        return tomlkit.boolean("true" if value else "false")
    return tomlkit.value(toml_text(value))


def edit_report(path: Path, updates: Sequence[tuple[str, Value]], header: Sequence[str]) -> bytes:
    """The report at ``path`` with ``updates`` set under ``[metrics]``; comments, order,
    layout, line endings and byte-order mark kept. A new report gets ``header`` as comments."""
    import tomlkit
    from tomlkit.exceptions import TOMLKitError

    original = path.read_bytes() if path.exists() else None
    if original is None:
        doc = tomlkit.document()
        for line in header:
            doc.add(tomlkit.comment(line))
        doc.add(tomlkit.nl())
        table = tomlkit.table()
        for metric, value in updates:
            table.add(metric, _item(value))
        doc.add("metrics", table)
        return doc.as_string().encode("utf-8")
    bom = original.startswith(codecs.BOM_UTF8)
    text = original.decode("utf-8-sig")
    try:
        doc = tomlkit.parse(text)
        metrics = doc.get("metrics")
        if metrics is None:
            doc.add("metrics", tomlkit.table())
            metrics = doc["metrics"]
        for metric, value in updates:
            metrics[metric] = _item(value)
        out = doc.as_string()
    except (TOMLKitError, TypeError, ValueError) as error:
        raise _cannot_edit(path, str(error)) from None
    if "\r\n" in text:
        out = re.sub(r"(?<!\r)\n", "\r\n", out)
    _check_edit(path, text, out, updates)
    return (codecs.BOM_UTF8 if bom else b"") + out.encode("utf-8")


def _check_edit(path: Path, before: str, after: str, updates: Sequence[tuple[str, Value]]) -> None:
    """The edited text must hold exactly the old data plus the updates: never a silent change."""
    try:
        old = tomllib.loads(before, parse_float=Decimal)
        new = tomllib.loads(after, parse_float=Decimal)
    except tomllib.TOMLDecodeError as error:
        raise _cannot_edit(path, str(error)) from None
    expected_metrics = dict(old.get("metrics", {}))
    for metric, value in updates:
        expected_metrics[metric] = value
    new_metrics = new.pop("metrics", {})
    old.pop("metrics", None)
    fine = old == new and set(new_metrics) == set(expected_metrics)
    fine = fine and all(
        same(_figure(new_metrics[m]), v) if isinstance(v, Decimal | bool) else new_metrics[m] == v
        for m, v in expected_metrics.items()
    )
    if not fine:
        raise _cannot_edit(path, _("the edit would change more than the figures"))


def _figure(value: object) -> Figure | None:
    if isinstance(value, bool):
        return value
    if isinstance(value, int | Decimal):
        return Fraction(value)
    return None


def _cannot_edit(path: Path, reason: str) -> InputError:
    return InputError(
        _(
            "cannot edit {path} without changing what it says ({reason}); nothing was written"
        ).format(path=display_path(path), reason=reason),
        _("enter these figures by hand"),
    )


# -- what people read ----------------------------------------------------------------


def plan_lines(plan: Plan) -> list[str]:
    """Per report: what it gains and what changes; then a summary line."""
    lines: list[str] = []
    for file_plan in plan.files:
        if not file_plan.added and not file_plan.changed:
            continue
        where = display_path(file_plan.path)
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
        for change in file_plan.added:
            lines.append(f"  + {change.metric} = {figure_text(change.new)}")
        for change in file_plan.changed:
            lines.append(
                "  ~ "
                + _("{metric} = {new} (was {old})").format(
                    metric=change.metric, new=figure_text(change.new), old=figure_text(change.old)
                )
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


def conflict_lines(plan: Plan, names: dict[str, str]) -> list[str]:
    lines = [
        _(
            "figures that differ from what is recorded: {count}; nothing was written "
            "(give --force to replace them)"
        ).format(count=len(plan.conflicts))
    ]
    for change in plan.conflicts:
        lines.append(
            "  "
            + _("{name} ({province}) {metric}: recorded {old}, new {new} ({where})").format(
                name=names.get(change.province, change.province),
                province=change.province,
                metric=change.metric,
                old=figure_text(change.old),
                new=figure_text(change.new),
                where=change.where,
            )
        )
    return lines


# -- the shared flow of import and set -----------------------------------------------


@dataclass
class Outcome:
    """What to print (``out`` to stdout, ``err`` to stderr) and the exit status."""

    out: list[str] = field(default_factory=list)
    err: list[str] = field(default_factory=list)
    exit_code: int = 0


def record(
    data: DataSet,
    year: int,
    entries: Sequence[Entry],
    *,
    force: bool,
    dry_run: bool,
    origin: str,
) -> Outcome:
    """Plan, show the plan, and (unless ``dry_run``, or refused) write it."""
    plan = build_plan(data, year, entries, force=force, origin=origin)
    outcome = Outcome()
    outcome.err += [d.render() for d in plan.warnings]
    if plan.errors:
        outcome.err += [d.render() for d in plan.errors]
        outcome.err.append(
            ngettext(
                "error: {count} problem; nothing was written",
                "error: {count} problems; nothing was written",
                len(plan.errors),
            ).format(count=len(plan.errors))
        )
        outcome.exit_code = 2
        return outcome
    if plan.conflicts and not force:
        names = {p: data.province_name(p) for p in {c.province for c in plan.conflicts}}
        lines = conflict_lines(plan, names)
        outcome.err += [_("error: {message}").format(message=lines[0]), *lines[1:]]
        outcome.exit_code = 2
        return outcome
    outcome.out += plan_lines(plan)
    if dry_run:
        outcome.out.append(_("dry run: nothing was written"))
        return outcome
    for path in apply(plan):
        outcome.out.append(_("wrote {path}").format(path=display_path(path)))
    return outcome
