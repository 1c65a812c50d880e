"""Reading one line of a signed pledge: folding, masking the numbers that are not
thresholds, the figures, the parts a line splits into, and what each part says.

The parser works on a folded copy of each line (no diacritics, lowercase, same length)
in which numbers that are not thresholds (years, terms, cluster numbers, slogans such
as "5 không, 3 sạch") are masked first.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from decimal import Decimal

from pledgecli.diagnostics import Problem
from pledgecli.draft.model import Reason
from pledgecli.models import Rule

# -- folding and masking --------------------------------------------------------


def fold_text(text: str) -> str:
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


def mask(folded: str) -> str:
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
class Part:
    start: int
    end: int
    figures: tuple[_Figure, ...]


def split_line(original: str, masked: str) -> list[Part]:
    """The targets a line holds: at each ';', and at ',' or 'và' between parts that
    each hold a figure (a part without one belongs to its neighbour)."""
    figures = _figures(masked)
    parts: list[Part] = []
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
                parts.append(Part(start, end, inside))
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
EVERY = re.compile(r"\bdeu co\b")
_LEADS_BASE = re.compile(r"(?:^|\bco)\s*$")


@dataclass
class Reading:
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


def read_part(text: str, folded: str, masked: str, part: Part, shift: int) -> Reading:
    """What one part says; ``shift`` is where the part starts in the line."""
    figures = part.figures
    if not figures:
        return Reading(rule=Rule.MUST_BE, value=True, every_member=bool(EVERY.search(masked)))
    if len(figures) > 1:
        shown = ", ".join(text[f.start - shift : f.end - shift] for f in figures)
        return Reading(reason=Reason.SEVERAL_FIGURES, detail=shown)
    figure = figures[0]
    start, end = figure.start - shift, figure.end - shift
    if figure.value is None:
        return Reading(reason=Reason.NOT_A_NUMBER, detail=figure.written)
    before, after = masked[:start], masked[end:]
    reading = Reading(value=figure.value, percent=figure.percent)
    if figure.unit_span is not None:
        reading.unit = text[figure.unit_span[0] - shift : figure.unit_span[1] - shift]
    if figure.percent and figure.value == 100 and EVERY.search(masked):
        return Reading(rule=Rule.MUST_BE, value=True, every_member=True)
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
    reading: Reading, growth: re.Match[str], folded: str, after: str, figure: _Figure
) -> Reading:
    if not figure.percent:
        return Reading(reason=Reason.CHANGE_BY_COUNT, detail=figure.written)
    way, how = growth.group("way"), growth.group("how")
    if how in {"tren", "hon"}:
        return Reading(reason=Reason.STRICT_GROWTH, detail=figure.written)
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


_BASE_WORDS = re.compile(r"\b(?:tren|so voi)\s+tong\s+so\b")


def without_base(text: str) -> str:
    """The text without its ratio's base ("... trên tổng số HTX đang hoạt động")."""
    match = _BASE_WORDS.search(fold_text(text))
    return text[: match.start()] if match else text
