"""``--format json``: the v1 contract of data-format.md, plus extra fields."""

from __future__ import annotations

import json
import json.encoder
from collections.abc import Callable, Iterable, Iterator
from fractions import Fraction
from typing import TextIO

from pledgecli.evaluate import Corrected, PledgeResults, Result
from pledgecli.outcomes import Report
from pledgecli.render.formats import Page
from pledgecli.scoring import ProvinceScore
from pledgecli.verification import ScoreCheck

JsonValue = int | float | bool | None


def json_number(value: Fraction | bool | None) -> JsonValue:
    if value is None or isinstance(value, bool):
        return value
    numerator, denominator = value.numerator, value.denominator
    if denominator == 1:
        return numerator
    try:
        # int / int is correctly rounded, as float(value) is, without the detour via numbers.
        return numerator / denominator
    except OverflowError:  # beyond any float (1e400 in a report): the nearest integer
        return round(value)


def score_number(value: Fraction | None) -> JsonValue:
    """A score or points as the tables show them: rounded half up to two decimals, so
    that JSON and CSV carry ``66.67``, not ``66.66666666666667``.

    In integers (national data writes 100,000 of them): |n|/d * 100 rounded half up is
    q + (2r >= d) for q, r = divmod(|n| * 100, d); the signed hundredths h then give h // 100
    when whole, else h / 100, int / int correctly rounded as ``json_number`` would."""
    if value is None:
        return None
    numerator, denominator = value.numerator, value.denominator
    if denominator == 1:  # a whole number of points: itself
        return numerator
    whole, rest = divmod(abs(numerator) * 100, denominator)
    if 2 * rest >= denominator:
        whole += 1
    hundredths = whole if numerator >= 0 else -whole
    if not hundredths % 100:
        return hundredths // 100
    try:
        return hundredths / 100
    except OverflowError:  # beyond any float: the nearest integer, as json_number does
        return round(Fraction(hundredths, 100))


def json_gap(result: Result) -> JsonValue:
    """``json_number(result.gap)`` without making the Fraction: int / int is correctly
    rounded whether or not the fraction is reduced, so the float is the same."""
    actual, threshold = result.actual, result.threshold
    if type(actual) is not Fraction or type(threshold) is not Fraction:
        return json_number(result.gap)
    denominator = actual.denominator * threshold.denominator
    numerator = actual.numerator * threshold.denominator - threshold.numerator * actual.denominator
    if not numerator % denominator:
        return numerator // denominator
    try:
        return numerator / denominator
    except OverflowError:
        return json_number(result.gap)


def result_json(result: Result, report: Report, cluster: str) -> dict[str, object]:
    return {
        "province": result.province,
        "target": result.target.id,
        "status": result.status.value,
        "actual": json_number(result.actual),
        "threshold": json_number(result.threshold),
        "province_name": report.name_of(result.province) if result.province else None,
        "gap": json_gap(result),
        "baseline": json_number(result.baseline),
        "baseline_year": result.baseline_year,
        "missing": result.missing,  # a tuple: a JSON array all the same
        "baseline_from": list(result.baseline_from) if result.assembled else None,
        "score": score_number(report.points_of(cluster, result)),
        "corrected": [correction_json(c) for c in result.corrected],
    }


def correction_json(correction: Corrected) -> dict[str, object]:
    """A figure the cluster corrected: the reported and the verified (judged) value."""
    return {
        "province": correction.province,
        "year": correction.year,
        "metric": correction.metric,
        "reported": json_number(correction.reported),
        "verified": json_number(correction.verified),
        "reason": correction.reason,
        "by": correction.by,
    }


def check_json(check: ScoreCheck | None) -> dict[str, object]:
    """A province's score on the reported and on the verified figures, and its own."""
    if check is None:
        return {
            "reported_score": None,
            "verified_score": None,
            "score_difference": None,
            "self_score": None,
            "self_score_differs": False,
        }
    return {
        "reported_score": score_number(check.reported),
        "verified_score": score_number(check.verified),
        "score_difference": score_number(check.difference),
        "self_score": score_number(check.self_score),
        "self_score_differs": check.self_differs,
    }


def pledge_json(pledge_results: PledgeResults, report: Report) -> dict[str, object]:
    pledge = pledge_results.pledge
    return {
        "cluster": pledge.cluster,
        "name": pledge.name,
        "year": pledge.year,
        "signed_on": pledge.signed_on.isoformat() if pledge.signed_on else None,
        "leader": pledge.leader,
        "provinces": list(pledge.provinces),
        "targets": [
            {
                "id": t.id,
                "text": t.text,
                "metric": t.metric,
                "per": t.per,
                "rule": t.rule.value,
                "scope": t.scope.value,
                "threshold": json_number(t.threshold),
            }
            for t in pledge.targets
        ],
        # Generators: written one by one by ``chunks``, never all held as dicts at once.
        "results": OnePerLine(
            result_json(r, report, pledge.cluster) for r in report.shown(pledge_results)
        ),
        "scores": OnePerLine(
            {**score_json(score), **check_json(report.check_of(pledge.cluster, province))}
            for province in pledge.provinces
            if (score := report.score_of(pledge.cluster, province)) is not None
            and (report.province is None or province == report.province)
        ),
    }


def score_json(score: ProvinceScore) -> dict[str, object]:
    return {
        "province": score.province,
        "score": score_number(score.score),
        "points": score_number(score.points),
        "bonus": score_number(score.bonus),
        "deductions": [
            {"points": score_number(d.points), "reason": d.reason} for d in score.deductions
        ],
        "met": score.met,
        "missed": score.missed,
        "no_data": score.no_data,
        "no_baseline": score.no_baseline,
    }


def render(report: Report) -> str:
    return "".join(chunks(report))


def chunks(report: Report) -> Iterator[str]:
    """The JSON text in pieces, indented by two spaces; a small object or array (a result,
    a score, a target) is written on one line by the C encoder, which keeps national data
    (100,000 results) fast and greppable."""
    payload = {
        "year": report.year,
        "province": report.province,
        "summary": {status.value: n for status, n in report.counts().items()},
        "pledges": (pledge_json(p, report) for p in report.pledges),
    }
    yield from _pieces(payload, 0)
    yield "\n"


def _make_encode() -> Callable[[object], str]:
    """One C encoder for the whole output (``JSONEncoder.encode`` makes one per call, which
    costs as much as encoding a result)."""
    encoder = json.JSONEncoder(ensure_ascii=False, check_circular=False)
    make = getattr(json.encoder, "c_make_encoder", None)
    if make is None:
        return encoder.encode
    iterencode = make(
        None, encoder.default, json.encoder.encode_basestring, None, ": ", ", ", False, False, True
    )
    return lambda value: "".join(iterencode(value, 0))


_encode = _make_encode()
_INLINE_LEAVES = 24  # at most this many values in an object or array written on one line
_SCALARS = frozenset({str, int, float, bool, type(None)})


def _leaves(value: object, budget: int) -> int:
    """How many scalar values ``value`` holds, counting no further than past ``budget``;
    generators count as too many (they are never written on one line)."""
    if type(value) in _SCALARS:
        return 1
    if isinstance(value, dict):
        items: Iterable[object] = value.values()
    elif isinstance(value, list | tuple):
        items = value
    else:
        return budget + 1
    total = 0
    for item in items:
        total += 1 if type(item) in _SCALARS else _leaves(item, budget - total)
        if total > budget:
            break
    return total


class OnePerLine:
    """Records written one per line, each by one encoder call, never held all at once:
    the results and scores of a pledge (100,000 of them for national data)."""

    __slots__ = ("items",)

    def __init__(self, items: Iterable[object]) -> None:
        self.items = items

    def __iter__(self) -> Iterator[object]:
        return iter(self.items)


def _pieces(value: object, level: int) -> Iterator[str]:
    if _leaves(value, _INLINE_LEAVES) <= _INLINE_LEAVES:
        yield _encode(value)
        return
    inner = "\n" + "  " * (level + 1)
    if isinstance(value, dict):
        opening, closing = "{", "}"
        pairs: Iterable[tuple[str | None, object]] = value.items()
    else:
        opening, closing = "[", "]"
        assert isinstance(value, Iterable)
        pairs = ((None, item) for item in value)
    yield opening
    separator = inner
    lines: list[str] = []  # one-line items, handed up in batches rather than one by one
    records = isinstance(value, OnePerLine)
    for key, item in pairs:
        prefix = separator if key is None else separator + _encode(key) + ": "
        separator = "," + inner
        if records or _leaves(item, _INLINE_LEAVES) <= _INLINE_LEAVES:
            lines.append(prefix + _encode(item))
            if len(lines) >= 512:
                yield "".join(lines)
                lines.clear()
            continue
        if lines:
            yield "".join(lines)
            lines.clear()
        yield prefix
        yield from _pieces(item, level + 1)
    if lines:
        yield "".join(lines)
    if separator != inner:
        yield "\n" + "  " * level
    yield closing


def write(page: Page, out: TextIO) -> None:
    """JSON goes out piece by piece, so that national data (100,000 results) never sits in
    memory as one string."""
    assert isinstance(page.value, Report)
    out.writelines(chunks(page.value))
