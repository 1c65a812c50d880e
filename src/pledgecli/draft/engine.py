"""From the lines of a signed pledge to draft targets: rule, threshold, metric, or why not.

Every line becomes one or more targets or a commented block; nothing is dropped and
nothing is guessed without saying so (each guess is a :class:`Note`). The parser
works on a folded copy of each line (no diacritics, lowercase, same length) in
which numbers that are not thresholds (years, terms, cluster numbers, slogans such
as "5 không, 3 sạch") are masked first.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from decimal import Decimal
from enum import StrEnum
from fractions import Fraction

from pledgecli.diagnostics import Problem
from pledgecli.draft.metrics import derived_id, metric_for, per_for, words
from pledgecli.draft.source import SourceLine
from pledgecli.models import Rule


class Status(StrEnum):
    UNDERSTOOD = "understood"
    SPLIT = "split"
    JUDGED = "judged-by-cluster"
    NOT_UNDERSTOOD = "not-understood"


class Note(StrEnum):
    """A choice the draft made that a person should know of."""

    READ_AS_AT_LEAST = "read-as-at-least"
    SHARED_RULE = "shared-rule"
    SHARED_BASE = "shared-base"
    BASELINE_NOT_STATED = "baseline-not-stated"
    NEW_METRIC = "new-metric"
    NEW_PER = "new-per"
    EVERY_MEMBER = "every-member"
    FROM_COLUMN = "from-column"


class Reason(StrEnum):
    """Why a target was not understood."""

    SEVERAL_FIGURES = "several-figures"
    STRICT_GROWTH = "strict-growth"
    CHANGE_BY_COUNT = "change-by-count"
    NOT_A_NUMBER = "not-a-number"
    BASELINE_NOT_BEFORE = "baseline-not-before"
    COLUMN_DISAGREES = "column-disagrees"
    BAD_COLUMN = "bad-column"


@dataclass
class DraftTarget:
    """One target of the draft (or one not understood, kept with its text)."""

    source: SourceLine
    text: str
    status: Status
    id: str = ""
    metric: str = ""
    metric_new: bool = False
    rule: Rule | None = None
    value: Decimal | bool | None = None
    percent: bool = False
    per: str | None = None
    per_new: bool = False
    unit: str | None = None
    baseline_year: int | None = None
    judged_by_cluster: bool = False
    part: int = 1
    parts: int = 1
    notes: list[Note] = field(default_factory=list)
    reason: Reason | None = None
    detail: str = ""

    @property
    def threshold(self) -> Fraction | bool | None:
        """The threshold as the pledge file means it: a fraction for a percentage."""
        if self.value is None or isinstance(self.value, bool):
            return self.value
        number = Fraction(self.value)
        return number / 100 if self.percent else number


@dataclass
class Draft:
    targets: list[DraftTarget]
    year: int | None = None
    year_inferred: bool = False
    cluster: str | None = None
    name: str | None = None
    headings: list[SourceLine] = field(default_factory=list)
    context_lines: int = 0


# -- folding and masking --------------------------------------------------------


def _fold(text: str) -> str:
    """Lowercase, without diacritics, ``đ`` as ``d``: one character for each of ``text``."""
    out = []
    for char in text:
        base = unicodedata.normalize("NFD", char)[:1] or char
        if base in "đĐ":
            base = "d"
        out.append(base.lower()[:1] or base)
    return "".join(out)


_YEAR = r"(?:19|20)\d{2}"
_MASKS = tuple(
    re.compile(pattern)
    for pattern in (
        r"\b\d{1,2}/\d{1,2}(?:/\d{2,4})?\b",  # dates
        r"\b\d+(?:/\d+)*/[a-z][\w-]*",  # 45/2021/nd-cp, 20-nq/tw
        r"\b\d+-[a-z]+/[a-z]+",
        rf"\b{_YEAR}\s*[-–—/]\s*{_YEAR}\b",  # 2020 - 2025
        r"\b(?:nhiem ky|giai doan|khoa|dai hoi)\s+[\divxlc\s–—-]*\d[\dxvi\s–—-]*",
        r"\b(?:nghi quyet|nghi dinh|quyet dinh|chi thi|thong tu|cong van|ket luan|luat|"
        r"van ban|ke hoach|chuong trinh|de an)(?:\s+so)?\s+\d[\w/.-]*",
        r"\b(?:cum thi dua|cum|khoi thi dua|khoi|vung)\s+(?:so\s+)?\d+",
        r"\b(?:lan thu|thu|quy|thang|tuan|dot|muc|dieu|khoan|chuong|phan|so thu tu|stt)"
        r"\s+[\divxlc]+\b",
        r"\b\d+\s+(?:thang|nam|ngay|tuan|quy)\b",  # 6 tháng, 5 năm
        # slogans: "5 không, 3 sạch", "3 giảm", "1 phải"
        r"\b\d+\s+(?:khong|sach|giam|tang|phai|tot|dung|xanh|dep|an toan|nhat|chu dong)"
        r"(?!\s*(?:%|phan tram))\b(?:\s*,\s*\d+\s+[a-z]+)*",
        r"[a-z]-\d+",  # covid-19
        r"\b\d+\.0\b",  # 4.0
    )
)
_YEAR_ALONE = re.compile(rf"(?<![\d.,]){_YEAR}(?![\d.,%])(?!\s*(?:%|phan tram))")
_KEEPS_YEAR = re.compile(r"(?:it nhat|toi thieu|tren|hon|duoi|khong qua|toi da|dat|moi|them)\s+$")


def _mask(folded: str) -> str:
    chars = list(folded)
    for pattern in _MASKS:
        for match in pattern.finditer(folded):
            for index in range(match.start(), match.end()):
                if folded[index].isdigit():
                    chars[index] = "#"
    for match in _YEAR_ALONE.finditer(folded):
        if not _KEEPS_YEAR.search(folded[: match.start()]):
            for index in range(match.start(), match.end()):
                chars[index] = "#"
    return "".join(chars)


# -- figures ----------------------------------------------------------------------

_NUMBER = re.compile(
    r"(?<![\w#.,/])(\d{1,3}(?:\.\d{3})+(?:,\d+)?|\d+(?:[.,]\d+)?)(?![\w#/])"
    r"(?:\s*(%|phan tram))?"
)
_WORDS = {
    "mot": 1, "hai": 2, "ba": 3, "bon": 4, "sau": 6, "bay": 7, "tam": 8, "chin": 9, "muoi": 10,
}  # fmt: skip
_NUMBER_WORD = re.compile(
    r"\b(?:it nhat|toi thieu|khong qua|toi da|duoi|tren|hon|dat|moi|them)\s+"
    r"(mot|hai|ba|bon|sau|bay|tam|chin|muoi)\b"
)
_UNIT = re.compile(r"\s*\b(ty dong|trieu dong|nghin dong|ngan dong|dong|ty|trieu|nghin)\b")


@dataclass(frozen=True)
class _Figure:
    start: int
    end: int
    written: str
    value: Decimal | None
    percent: bool
    unit_span: tuple[int, int] | None = None


def _figures(masked: str) -> list[_Figure]:
    from pledgecli.collect.numbers import parse_number

    found: list[_Figure] = []
    for match in _NUMBER.finditer(masked):
        written = match.group(1)
        try:
            value: Decimal | None = parse_number(written)
        except Problem:
            value = None
        percent = match.group(2) is not None
        end = match.end()
        unit = None
        if not percent:
            unit_match = _UNIT.match(masked, end)
            if unit_match:
                unit = (unit_match.start(1), unit_match.end(1))
        found.append(_Figure(match.start(1), end, written, value, percent, unit))
    for match in _NUMBER_WORD.finditer(masked):
        found.append(
            _Figure(
                match.start(1), match.end(1), match.group(1), Decimal(_WORDS[match.group(1)]), False
            )
        )
    return sorted(found, key=lambda f: f.start)


# -- splitting a line -------------------------------------------------------------

_CLAUSE = re.compile(r";")
_PIECE = re.compile(r",(?!\d)|\s+va\s+")
_FILLER_CLAUSE = re.compile(r"^[\s.]*(?:v\s*\.?\s*v|vv|\.\.\.|…)?[\s.…]*$")


@dataclass(frozen=True)
class _Part:
    start: int
    end: int
    figures: tuple[_Figure, ...]


def _split(original: str, masked: str) -> list[_Part]:
    """The targets a line holds: at each ';', and at ',' or 'và' between parts that
    each hold a figure (a part without one belongs to its neighbour)."""
    figures = _figures(masked)
    parts: list[_Part] = []
    for clause in _spans(masked, _CLAUSE, 0, len(masked)):
        if _FILLER_CLAUSE.match(masked[clause[0] : clause[1]]):
            continue
        groups: list[list[int]] = []  # [start, end, count]
        for start, end in _spans(masked, _PIECE, *clause):
            count = sum(1 for f in figures if start <= f.start < end)
            if groups and (count == 0 or groups[-1][2] == 0):
                groups[-1][1] = end
                groups[-1][2] += count
            else:
                groups.append([start, end, count])
        for start, end, _count in groups:
            start, end = _trim(original, start, end)
            if start < end:
                inside = tuple(f for f in figures if start <= f.start < end)
                parts.append(_Part(start, end, inside))
    return parts


def _spans(text: str, separator: re.Pattern[str], start: int, end: int) -> list[tuple[int, int]]:
    spans, position = [], start
    for match in separator.finditer(text, start, end):
        spans.append((position, match.start()))
        position = match.end()
    spans.append((position, end))
    return spans


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start] in " ,;:":
        start += 1
    while end > start and text[end - 1] in " ,;:.":
        end -= 1
    return start, end


# -- reading one part -------------------------------------------------------------

_AT_LEAST = re.compile(
    r"(?:it nhat|toi thieu|khong it hon|khong duoi|dat tu|dat it nhat|dat|tu|^co)\s*$"
)
_AT_MOST = re.compile(r"(?:khong qua|toi da|khong vuot qua|khong vuot|khong nhieu hon)\s*$")
_BELOW = re.compile(r"(?:duoi|it hon|thap hon)\s*$")
_ABOVE = re.compile(r"(?:tren|hon|nhieu hon|cao hon|vuot)\s*$")
_UP_TO_MORE = re.compile(r"^[^,;]*?\btro len\b")
_UP_TO_LESS = re.compile(r"^[^,;]*?\btro xuong\b")
_GROWTH = re.compile(
    r"\b(?P<way>tang|giam)(?: truong)?(?: them)?(?: binh quan)?(?: hang nam)?"
    r"(?:\s+(?P<how>tu|it nhat|toi thieu|tren|hon|khong qua|toi da|duoi))?\s*$"
)
_DOWN_TO = re.compile(r"\bxuong(?: con)?(?:\s+(?P<how>duoi|khong qua|toi da|con))?\s*$")
_BASE_YEAR = re.compile(rf"\bso\s+(?:voi\s+)?(?:cung ky\s+)?(?:nam\s+)?({_YEAR})\b")
_BASE_PREVIOUS = re.compile(r"\bso\s+(?:voi\s+)?(?:nam truoc|nam ngoai|cung ky)")
_BASE_TOTAL = re.compile(r"\b(?:tren|so voi)\s+tong\s+so\s+(?P<b>.+)$")
_ENDS_BASE = r"\s+(?:tham gia|duoc|co(?! quan)|la|dat|da|deu)\b"
_BASE_OF = re.compile(r"^\s*(?:tro len\s+)?so\s+(?P<b>.+?)" + _ENDS_BASE)
_BASE_LEAD = re.compile(r"^\s*(?:tro len\s+)?(?P<b>.+?)" + _ENDS_BASE)
_EVERY = re.compile(r"\bdeu co\b")
_LEADS_BASE = re.compile(r"(?:^|\bco)\s*$")


@dataclass
class _Reading:
    rule: Rule | None = None
    explicit: bool = True
    value: Decimal | bool | None = None
    percent: bool = False
    unit: str | None = None
    base: str | None = None
    baseline_year: int | None = None
    baseline_stated: bool = True
    every_member: bool = False
    reason: Reason | None = None
    detail: str = ""


def _comparison(before: str, after: str) -> tuple[Rule | None, bool]:
    """The rule the words around a figure give, and whether a word gave it."""
    if _AT_MOST.search(before) or _UP_TO_LESS.match(after):
        return Rule.AT_MOST, True
    if _AT_LEAST.search(before) or _UP_TO_MORE.match(after):
        return Rule.AT_LEAST, True
    if _BELOW.search(before):
        return Rule.BELOW, True
    if _ABOVE.search(before):
        return Rule.ABOVE, True
    return Rule.AT_LEAST, False


def _read(text: str, folded: str, masked: str, part: _Part, shift: int) -> _Reading:
    """What one part says; ``shift`` is where the part starts in the line."""
    figures = part.figures
    if not figures:
        return _Reading(rule=Rule.MUST_BE, value=True, every_member=bool(_EVERY.search(masked)))
    if len(figures) > 1:
        shown = ", ".join(text[f.start - shift : f.end - shift] for f in figures)
        return _Reading(reason=Reason.SEVERAL_FIGURES, detail=shown)
    figure = figures[0]
    start, end = figure.start - shift, figure.end - shift
    if figure.value is None:
        return _Reading(reason=Reason.NOT_A_NUMBER, detail=figure.written)
    before, after = masked[:start], masked[end:]
    reading = _Reading(value=figure.value, percent=figure.percent)
    if figure.unit_span is not None:
        reading.unit = text[figure.unit_span[0] - shift : figure.unit_span[1] - shift]
    if figure.percent and figure.value == 100 and _EVERY.search(masked):
        return _Reading(rule=Rule.MUST_BE, value=True, every_member=True)
    down_to = _DOWN_TO.search(before)
    growth = None if down_to else _GROWTH.search(before)
    if growth is not None:
        return _growth(reading, growth, folded, after, figure)
    if down_to is not None:
        how = down_to.group("how")
        reading.rule = Rule.BELOW if how == "duoi" else Rule.AT_MOST
    else:
        reading.rule, reading.explicit = _comparison(before, after)
    if figure.percent:
        base = _BASE_TOTAL.search(after)
        if base is None and _LEADS_BASE.search(before):
            base = _BASE_OF.match(after) or _BASE_LEAD.match(after)
        if base is not None:
            offset = end + base.start("b")
            reading.base = text[offset : end + base.end("b")]
    return reading


def _growth(
    reading: _Reading, growth: re.Match[str], folded: str, after: str, figure: _Figure
) -> _Reading:
    if not figure.percent:
        return _Reading(reason=Reason.CHANGE_BY_COUNT, detail=figure.written)
    way, how = growth.group("way"), growth.group("how")
    if how in {"tren", "hon"}:
        return _Reading(reason=Reason.STRICT_GROWTH, detail=figure.written)
    assert isinstance(reading.value, Decimal)
    at_most = how in {"khong qua", "toi da"} or _UP_TO_LESS.match(after) is not None
    if way == "tang":
        reading.rule = Rule.GROWTH_AT_MOST if at_most else Rule.GROWTH_AT_LEAST
    else:  # a decrease of N% is a growth of at most -N% (at least -N% when "không quá")
        reading.rule = Rule.GROWTH_AT_LEAST if at_most else Rule.GROWTH_AT_MOST
        reading.value = -reading.value
    year = _BASE_YEAR.search(folded)
    if year is not None:
        reading.baseline_year = int(year.group(1))
    elif _BASE_PREVIOUS.search(folded) is None:
        reading.baseline_stated = False
    return reading


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
    folded = _fold(text)
    masked = _mask(folded)
    parts = _split(text, masked)
    if not parts:
        parts = [_Part(0, len(text), ())]
    readings = [
        _read(text[p.start : p.end], folded[p.start : p.end], masked[p.start : p.end], p, p.start)
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
        targets = [_with_columns(t, line) for t in targets]
    return targets


def _share(readings: list[_Reading]) -> None:
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


def _lead(text: str, masked: str, part: _Part) -> str:
    """The words before the first part's figure, without its comparison word: the
    subject that later parts of the line share ("Thành lập mới" of "..., 01 Liên hiệp HTX")."""
    if not part.figures:
        return ""
    before = masked[part.start : part.figures[0].start]
    cut = _LEAD_STOP.search(before)
    end = part.start + (cut.start() if cut else len(before))
    return text[part.start : end].strip()


def _target(line: SourceLine, text: str, reading: _Reading, lead: str, shared: bool) -> DraftTarget:
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
    target.metric = metric or derived_id(_without_base(subject))
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
            per = derived_id("tong so " + (reading.base or _without_base(subject)))
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
            position = _fold(lead).find(marker)
            if position > 0:
                return lead[:position] + " " + text
    return (lead + " " + text) if folded_lead else text


_BASE_WORDS = re.compile(r"\b(?:tren|so voi)\s+tong\s+so\b")


def _without_base(text: str) -> str:
    """The text without its ratio's base ("... trên tổng số HTX đang hoạt động")."""
    match = _BASE_WORDS.search(_fold(text))
    return text[: match.start()] if match else text


def _with_columns(target: DraftTarget, line: SourceLine) -> DraftTarget:
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
            target.per = derived_id("tong so " + _without_base(target.text))
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
