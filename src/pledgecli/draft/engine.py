"""From the lines of a signed pledge to draft targets: rule, threshold, metric, or why not.

Every line becomes one or more targets or a commented block; nothing is dropped and
nothing is guessed without saying so (each guess is a :class:`Note`). The parser
works on a folded copy of each line (no diacritics, lowercase, same length) in
which numbers that are not thresholds (years, terms, cluster numbers, slogans such
as "5 không, 3 sạch") are masked first.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from pledgecli.draft.columns import with_columns
from pledgecli.draft.metrics import derived_id, metric_for, per_for, words
from pledgecli.draft.model import Draft, DraftTarget, Note, Reason, Status
from pledgecli.draft.reading import (
    Part,
    Reading,
    fold_text,
    mask,
    read_part,
    split_line,
    without_base,
)
from pledgecli.draft.source import SourceLine
from pledgecli.models import Rule

__all__ = ["Draft", "DraftTarget", "Note", "Reason", "Status", "draft"]


# -- the draft ----------------------------------------------------------------------


def draft(
    lines: Sequence[SourceLine], year: int | None = None, cluster: str | None = None
) -> Draft:
    """The draft pledge of ``lines`` for ``year`` (inferred from "so năm YYYY" when not
    given) and ``cluster``."""
    items = [line for line in lines if line.is_item]
    chosen = items if items else list(lines)
    context = [line for line in lines if line not in chosen]
    result = Draft([], year, False, cluster, _cluster_name(context))
    result.context_lines = len(lines) - len(chosen)
    for line in chosen:
        if line.text.endswith(":"):
            result.headings.append(line)
            continue
        result.targets.extend(_line_targets(line))
    _settle_years(result)
    _name_ids(result.targets)
    return result


_CLUSTER_NAME = re.compile(r"Cụm thi đua[^.;:()\n]*", re.IGNORECASE)


def _cluster_name(lines: Sequence[SourceLine]) -> str | None:
    for line in lines:
        match = _CLUSTER_NAME.search(line.text)
        if match:
            name = re.split(r"\s+(?:năm|tổng kết|tổ chức|đã|ký)\b", match.group(0))[0]
            return name.strip()
    return None


def _line_targets(line: SourceLine) -> list[DraftTarget]:
    text = line.text
    folded = fold_text(text)
    masked = mask(folded)
    parts = split_line(text, masked)
    if not parts:
        parts = [Part(0, len(text), ())]
    readings = [
        read_part(
            text[p.start : p.end], folded[p.start : p.end], masked[p.start : p.end], p, p.start
        )
        for p in parts
    ]
    _share(readings)
    lead = _lead(text, masked, parts[0])
    targets = []
    for index, (part, reading) in enumerate(zip(parts, readings, strict=True)):
        part_text = text[part.start : part.end]
        shared = bool(index) and not reading.explicit and readings[0].explicit
        target = _target(line, part_text, reading, lead if index else "", shared)
        target.part, target.parts = index + 1, len(parts)
        if len(parts) > 1 and target.status is Status.UNDERSTOOD:
            target.status = Status.SPLIT
        targets.append(target)
    if line.threshold is not None or line.rule is not None:
        targets = [with_columns(t, line) for t in targets]
    return targets


def _share(readings: list[Reading]) -> None:
    """Parts of one line share their comparison word and their ratio's base."""
    explicit = [r for r in readings if r.rule is not None and r.explicit and r.reason is None]
    for reading in readings:
        levels = {Rule.AT_LEAST, Rule.AT_MOST, Rule.ABOVE, Rule.BELOW}
        if reading.reason is None and not reading.explicit and explicit and reading.rule in levels:
            reading.rule = explicit[0].rule
    bases = [r.base for r in readings if r.base]
    for reading in readings:
        ratio = reading.rule is not None and not reading.rule.is_growth
        if reading.percent and reading.base is None and bases and ratio:
            reading.base = bases[0]
            reading.detail = "shared-base"


_LEAD_STOP = re.compile(r"\s*(?:it nhat|toi thieu|dat|tu|tren|hon|duoi|khong qua|toi da)?\s*$")


def _lead(text: str, masked: str, part: Part) -> str:
    """The words before the first part's figure, without its comparison word: the
    subject that later parts of the line share ("Thành lập mới" of "..., 01 Liên hiệp HTX")."""
    if not part.figures:
        return ""
    before = masked[part.start : part.figures[0].start]
    cut = _LEAD_STOP.search(before)
    end = part.start + (cut.start() if cut else len(before))
    return text[part.start : end].strip()


def _target(line: SourceLine, text: str, reading: Reading, lead: str, shared: bool) -> DraftTarget:
    target = DraftTarget(line, text, Status.UNDERSTOOD)
    if reading.reason is not None:
        target.status, target.reason, target.detail = (
            Status.NOT_UNDERSTOOD,
            reading.reason,
            reading.detail,
        )
        target.metric = derived_id(text)
        target.metric_new = True
        return target
    target.rule, target.value, target.percent = reading.rule, reading.value, reading.percent
    target.unit, target.baseline_year = reading.unit, reading.baseline_year
    subject = _subject(text, lead)
    metric = metric_for(subject)
    target.metric = metric or derived_id(without_base(subject))
    target.metric_new = metric is None
    if target.metric_new:
        target.notes.append(Note.NEW_METRIC)
    if reading.rule is Rule.MUST_BE:
        if reading.every_member:
            target.notes.append(Note.EVERY_MEMBER)
        else:
            target.status = Status.JUDGED
            target.judged_by_cluster = True
        return target
    if shared:
        target.notes.append(Note.SHARED_RULE)
    elif not reading.explicit:
        target.notes.append(Note.READ_AS_AT_LEAST)
    if not reading.baseline_stated:
        target.notes.append(Note.BASELINE_NOT_STATED)
    if reading.percent and reading.rule is not None and not reading.rule.is_growth:
        per = per_for(metric, reading.base)
        if reading.detail == "shared-base":
            target.notes.append(Note.SHARED_BASE)
        if per is None:
            per = derived_id("tong so " + (reading.base or without_base(subject)))
            per = per if per.startswith("tong") else "tong_" + per
            target.per_new = True
            target.notes.append(Note.NEW_PER)
        target.per = per
    return target


def _subject(text: str, lead: str) -> str:
    """The text a metric is looked up by: a later part of a split line borrows the
    first part's subject ("trong lĩnh vực phi nông nghiệp" -> "... hiệu quả trong
    lĩnh vực phi nông nghiệp")."""
    if not lead:
        return text
    folded_text = words(text)
    if metric_for(text) is not None and not folded_text.startswith(("trong ", "o ", "tai ")):
        return text
    folded_lead = words(lead)
    if folded_text.startswith(("trong ", "o ", "tai ")):
        for marker in (" trong ", " o ", " tai "):
            position = fold_text(lead).find(marker)
            if position > 0:
                return lead[:position] + " " + text
    return (lead + " " + text) if folded_lead else text


def _settle_years(result: Draft) -> None:
    """The pledge's year (given, or the year after the baseline the growth targets
    name), then each growth target's baseline_year only when it is not the year before."""
    named = {t.baseline_year for t in result.targets if t.baseline_year is not None}
    if result.year is None and len(named) == 1:
        result.year = next(iter(named)) + 1
        result.year_inferred = True
    for target in result.targets:
        if target.baseline_year is None or result.year is None:
            continue
        if target.baseline_year == result.year - 1:
            target.baseline_year = None
        elif target.baseline_year >= result.year:
            target.status, target.reason = Status.NOT_UNDERSTOOD, Reason.BASELINE_NOT_BEFORE
            target.detail = str(target.baseline_year)


def _name_ids(targets: list[DraftTarget]) -> None:
    seen: set[str] = set()
    for target in targets:
        base = target.metric.replace("_", "-")[:40].strip("-") or "target"
        candidate, number = base, 2
        while candidate in seen:
            candidate, number = f"{base}-{number}", number + 1
        seen.add(candidate)
        target.id = candidate
