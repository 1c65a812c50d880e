"""A spreadsheet's threshold and rule columns, checked against what the text says."""

from __future__ import annotations

from dataclasses import replace
from decimal import Decimal

from pledgecli.diagnostics import Problem
from pledgecli.draft.metrics import derived_id
from pledgecli.draft.model import DraftTarget, Note, Reason, Status
from pledgecli.draft.reading import without_base
from pledgecli.draft.source import SourceLine
from pledgecli.models import Rule


def with_columns(target: DraftTarget, line: SourceLine) -> DraftTarget:
    """A spreadsheet's threshold and rule columns: they give what the text lacks and
    must agree with what it says."""
    from pledgecli.collect.numbers import parse_number

    if target.parts > 1 or target.status is Status.NOT_UNDERSTOOD:
        return target
    written = (line.threshold or "").strip()
    percent = written.endswith("%")
    value: Decimal | None = None
    if written:
        try:
            value = parse_number(written.rstrip("%").strip())
        except Problem:
            return replace(target, status=Status.NOT_UNDERSTOOD, reason=Reason.BAD_COLUMN,
                           detail=written)  # fmt: skip
    rule = _column_rule(line.rule) if line.rule else None
    if line.rule and rule is None:
        return replace(
            target, status=Status.NOT_UNDERSTOOD, reason=Reason.BAD_COLUMN, detail=line.rule
        )
    if value is not None and target.judged_by_cluster:
        target = replace(
            target, status=Status.UNDERSTOOD, judged_by_cluster=False, rule=Rule.AT_LEAST,
            notes=[Note.NEW_METRIC] if target.metric_new else [],
        )  # fmt: skip
        target.value, target.percent = value, percent
        if percent:
            target.per = derived_id("tong so " + without_base(target.text))
            target.per_new = True
            target.notes.append(Note.NEW_PER)
    elif value is not None and (value != target.value or percent != target.percent):
        shown = f"{target.value}{'%' if target.percent else ''}"
        return replace(
            target,
            status=Status.NOT_UNDERSTOOD,
            reason=Reason.COLUMN_DISAGREES,
            detail=f"{shown} / {written}",
        )
    if rule is not None and target.rule is not Rule.MUST_BE:
        if target.rule is not None and target.rule.is_growth:
            rule = {Rule.AT_LEAST: Rule.GROWTH_AT_LEAST, Rule.AT_MOST: Rule.GROWTH_AT_MOST}.get(
                rule, rule
            )
        target.rule = rule
        target.notes = [n for n in target.notes if n is not Note.READ_AS_AT_LEAST]
    if line.unit and not target.percent:
        target.unit = line.unit
    target.notes.append(Note.FROM_COLUMN)
    return target


_COLUMN_RULES = {
    "at-least": Rule.AT_LEAST, ">=": Rule.AT_LEAST, "≥": Rule.AT_LEAST, "it-nhat": Rule.AT_LEAST,
    "toi-thieu": Rule.AT_LEAST, "tro-len": Rule.AT_LEAST,
    "at-most": Rule.AT_MOST, "<=": Rule.AT_MOST, "≤": Rule.AT_MOST, "khong-qua": Rule.AT_MOST,
    "toi-da": Rule.AT_MOST, "above": Rule.ABOVE, ">": Rule.ABOVE, "tren": Rule.ABOVE,
    "hon": Rule.ABOVE, "below": Rule.BELOW, "<": Rule.BELOW, "duoi": Rule.BELOW,
    "growth-at-least": Rule.GROWTH_AT_LEAST, "growth-at-most": Rule.GROWTH_AT_MOST,
}  # fmt: skip


def _column_rule(written: str) -> Rule | None:
    from pledgecli.names import fold

    key = written.strip() if written.strip() in {">=", "<=", ">", "<", "≥", "≤"} else fold(written)
    return _COLUMN_RULES.get(key)
