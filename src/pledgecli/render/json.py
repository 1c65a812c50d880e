"""``--format json``: the v1 contract of data-format.md, plus extra fields."""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping
from fractions import Fraction
from itertools import islice
from typing import TextIO, cast

from pledgecli.evaluate import Corrected, PledgeResults, Result, Status
from pledgecli.outcomes import Report
from pledgecli.render.formats import Page
from pledgecli.render.json_numbers import JsonValue as JsonValue
from pledgecli.render.json_numbers import encode as _encode
from pledgecli.render.json_numbers import json_gap as json_gap
from pledgecli.render.json_numbers import json_number as json_number
from pledgecli.render.json_numbers import number_text, scalar, text
from pledgecli.render.json_numbers import score_number as score_number
from pledgecli.scoring import NO_BONUS, ProvinceScore, ResultScore
from pledgecli.verification import ScoreCheck


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


_STATUS = {status: text(status.value) for status in Status}


class _Seen:
    """The last value written and its text, compared by identity: a target's threshold
    and its points are most often the same object for every province."""

    __slots__ = ("ints", "other", "other_text", "text", "value")

    def __init__(self) -> None:
        self.value: object = _Seen
        self.text = ""
        self.ints: tuple[int, int] | None = None  # a fraction's numerator and denominator
        # the value before the last, and its text: points alternate between a target's
        # weight (met) and zero (missed)
        self.other: object = _Seen
        self.other_text = ""


_PLAIN_TAIL = (
    ', "baseline": null, "baseline_year": null, "missing": [], "baseline_from": null, "score": '
)


def results_text(results: Iterable[Result], report: Report, cluster: str) -> Iterator[str]:
    """Each result as the JSON text ``_encode(result_json(...))`` gives, written field by
    field (national data has 100,000): a province's id, name and scores are looked up
    once, a target's id and status, threshold and points written once while they stay
    the same, the fields of a result without a baseline as one text."""
    provinces: dict[str | None, tuple[str, str, Mapping[str, ResultScore] | None]] = {}
    targets: dict[str, tuple[dict[Status, str], _Seen, _Seen]] = {}
    fraction, irepr, frepr = Fraction, int.__repr__, float.__repr__
    last: object = _Seen  # the province of the result before (results come by province)
    head_text = name_text = ""
    by_target: Mapping[str, ResultScore] | None = None
    for result in results:
        province, target = result.province, result.target
        if province is not last:
            last = province
            head = provinces.get(province)
            if head is None:
                name = report.name_of(province) if province else None
                score = report.score_of(cluster, province)
                head = provinces[province] = (
                    '{"province": ' + scalar(province) + ", ",
                    scalar(name),
                    None if score is None else score.by_target,
                )
            head_text, name_text, by_target = head
        if result.corrected or result.assembled:
            yield _encode(result_json(result, report, cluster))
            continue
        target_id = target.id
        seen = targets.get(target_id)
        if seen is None:
            opening = '"target": ' + text(target_id) + ', "status": '
            seen = targets[target_id] = (
                {status: f'{opening}{words}, "actual": ' for status, words in _STATUS.items()},
                _Seen(),
                _Seen(),
            )
        statuses, threshold, points_seen = seen
        if result.threshold is not threshold.value:
            value = threshold.value = result.threshold
            threshold.text = number_text(value)
            threshold.ints = value.as_integer_ratio() if type(value) is fraction else None
        earned = by_target.get(target_id) if by_target is not None else None
        if earned is None:
            points_text = "null"
        elif earned.bonus is not NO_BONUS and earned.bonus:
            points_text = scalar(score_number(earned.points + earned.bonus))
        else:
            points = earned.points
            if points is not points_seen.value:
                if points is points_seen.other:  # swap: the two last values, both known
                    points_seen.other, points_seen.value = points_seen.value, points
                    points_seen.other_text, points_seen.text = points_seen.text, points_seen.other_text
                else:
                    points_seen.other, points_seen.other_text = points_seen.value, points_seen.text
                    points_seen.value = points
                    points_seen.text = scalar(score_number(points))
            points_text = points_seen.text
        figure, ints = result.actual, threshold.ints
        if type(figure) is fraction and ints is not None:
            # number_text(figure) and scalar(json_gap(result)) in integers, inline: whole
            # numbers as themselves, else int / int (correctly rounded, as json_number does)
            n, d = figure.as_integer_ratio()
            tn, td = ints
            if d == 1 == td:
                actual, gap = irepr(n), irepr(n - tn)
            else:
                top, bottom = n * td - tn * d, d * td
                try:
                    actual = irepr(n) if d == 1 else frepr(n / d)
                    gap = frepr(top / bottom) if top % bottom else irepr(top // bottom)
                except OverflowError:  # beyond any float: as json_number says it
                    actual, gap = number_text(figure), scalar(json_gap(result))
        else:
            actual = number_text(figure)
            gap = scalar(json_gap(result))
        baseline, baseline_year, missing = result.baseline, result.baseline_year, result.missing
        if baseline is None and baseline_year is None and not missing:
            tail = _PLAIN_TAIL
        else:
            base = "null" if baseline is None else number_text(baseline)
            year = "null" if baseline_year is None else irepr(baseline_year)
            absent = "[" + ", ".join(map(text, missing)) + "]" if missing else "[]"
            tail = (
                f', "baseline": {base}, "baseline_year": {year}, "missing": {absent}, '
                '"baseline_from": null, "score": '
            )
        yield (
            f'{head_text}{statuses[result.status]}{actual}, "threshold": {threshold.text}, '
            f'"province_name": {name_text}, "gap": {gap}{tail}{points_text}, "corrected": []}}'
        )


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
            results_text(report.shown(pledge_results), report, pledge.cluster), raw=True
        ),
        "scores": OnePerLine(scores_text(pledge_results, report), raw=True),
    }


_NO_CHECK = (
    '"reported_score": null, "verified_score": null, "score_difference": null, '
    '"self_score": null, "self_score_differs": false}'
)


def scores_text(pledge_results: PledgeResults, report: Report) -> Iterator[str]:
    """Each score as the JSON text ``_encode({**score_json(score), **check_json(check)})``
    gives, written field by field when the province has no deductions and no check of its
    score (the usual case); else by that very call."""
    cluster = pledge_results.pledge.cluster
    for province in pledge_results.pledge.provinces:
        score = report.score_of(cluster, province)
        if score is None or (report.province is not None and province != report.province):
            continue
        check = report.check_of(cluster, province)
        if check is not None or score.deductions:
            yield _encode({**score_json(score), **check_json(check)})
            continue
        yield (
            f'{{"province": {text(score.province)}, "score": {scalar(score_number(score.score))}, '
            f'"points": {scalar(score_number(score.points))}, '
            f'"bonus": {scalar(score_number(score.bonus))}, "deductions": [], '
            f'"met": {int.__repr__(score.met)}, "missed": {int.__repr__(score.missed)}, '
            f'"no_data": {int.__repr__(score.no_data)}, '
            f'"no_baseline": {int.__repr__(score.no_baseline)}, {_NO_CHECK}'
        )


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
    the results and scores of a pledge (100,000 of them for national data). ``raw``: the
    items are JSON text already (``results_text``), written as they are."""

    __slots__ = ("items", "raw")

    def __init__(self, items: Iterable[object], *, raw: bool = False) -> None:
        self.items = items
        self.raw = raw

    def __iter__(self) -> Iterator[object]:
        return iter(self.items)


def _pieces(value: object, level: int) -> Iterator[str]:
    if _leaves(value, _INLINE_LEAVES) <= _INLINE_LEAVES:
        yield _encode(value)
        return
    inner = "\n" + "  " * (level + 1)
    if isinstance(value, OnePerLine) and value.raw:
        yield from _raw_lines(value, inner, level)
        return
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
    records = isinstance(value, OnePerLine)  # not raw: those went to _raw_lines
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


def _raw_lines(value: OnePerLine, inner: str, level: int) -> Iterator[str]:
    """``_pieces`` of records that are JSON text already: joined in batches of 512, with
    no step per record (national data has 100,000)."""
    records = cast(Iterator[str], iter(value))
    batch = list(islice(records, 512))
    if not batch:
        yield "[]"
        return
    separator = "," + inner
    yield "[" + inner + separator.join(batch)
    while batch := list(islice(records, 512)):
        yield separator + separator.join(batch)
    yield "\n" + "  " * level + "]"


def write(page: Page, out: TextIO) -> None:
    """JSON goes out piece by piece, so that national data (100,000 results) never sits in
    memory as one string."""
    assert isinstance(page.value, Report)
    out.writelines(chunks(page.value))
