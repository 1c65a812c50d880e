"""The plan of ``pledge import``/``pledge set`` in the reader's language: per report, what it
gains and what changes, a summary, and what was written (or why nothing was)."""

from __future__ import annotations

from pledgecli.diagnostics import display_path
from pledgecli.figure_format import figure_text
from pledgecli.i18n import _
from pledgecli.round_outcomes import Plan, Recorded
from pledgecli.safe_text import visible


def plan_lines(plan: Plan) -> list[str]:
    """Per report: what it gains and what changes; then a summary line. Control characters
    and bidi overrides (of a province's name, a path, a form's row) are written visibly."""
    return [visible(line) for line in _plan_lines(plan)]


def _plan_lines(plan: Plan) -> list[str]:
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
            lines.append(f"  + {change.metric} = {figure_text(change.new)}" + _named(change.metric))
        for change in file_plan.changed:
            lines.append(
                "  ~ "
                + _("{metric} = {new} (was {old})").format(
                    metric=change.metric, new=figure_text(change.new), old=figure_text(change.old)
                )
                + _named(change.metric)
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
    lines = plan_lines(recorded.plan)
    if recorded.dry_run:
        return [*lines, _("dry run: nothing was written")]
    return [
        *lines,
        *(visible(_("wrote {path}").format(path=display_path(p))) for p in recorded.written),
    ]


def _named(metric: str) -> str:
    """`` — the metric's name`` in the reader's language, when the catalogue knows it."""
    from pledgecli.catalog import metric_name

    name = metric_name(metric)
    return f" — {name}" if name != metric else ""
