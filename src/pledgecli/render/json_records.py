"""The records of ``--format json``: a result, a correction, a score as the contract of
data-format.md has them (dicts for the encoder), and the results and scores of a pledge as
the very text the encoder writes of those dicts, written field by field (national data has
100,000 results)."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Mapping
from fractions import Fraction

from pledgecli.evaluate import Corrected, PledgeResults, Result, Status
from pledgecli.outcomes import Report
from pledgecli.render.json_numbers import encode as _encode
from pledgecli.render.json_numbers import json_gap, json_number, number_text, scalar, text
from pledgecli.render.json_numbers import score_number as score_number
from pledgecli.scoring import ProvinceScore, ResultScore
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


# -- the same, as text ---------------------------------------------------------------------

_STATUS = {status: text(status.value) for status in Status}
_PLAIN_TAIL = (
    ', "baseline": null, "baseline_year": null, "missing": [], "baseline_from": null, "score": '
)
_CLOSE = ', "corrected": []}'


def _same(piece: str) -> str:
    return piece


class _Target:
    """What a target's results share: its id and status texts, its threshold (most often
    one object for every province) with that threshold's text, and for the two last points
    earned (one object for every province that met it, one for every province that
    missed it) their text and the end of a plain line with them."""

    __slots__ = (
        "before",
        "earned",
        "ints",
        "last",
        "other",
        "statuses",
        "threshold",
        "threshold_text",
    )

    def __init__(self, target_id: str, held: Callable[[str], str]) -> None:
        opening = '"target": ' + text(target_id) + ', "status": '
        self.statuses = {
            status: held(f'{opening}{words}, "actual": ') for status, words in _STATUS.items()
        }
        self.threshold: object = _Target  # compared by identity: never a threshold
        self.threshold_text = ""
        self.ints: tuple[int, int] | None = None  # a fraction threshold's integers
        self.earned: object = _Target  # the points of the line before
        self.last = ("", "")  # their text, and the end of a plain line with them
        self.other: object = _Target  # the points before those
        self.before = ("", "")

    def against(self, threshold: Fraction | bool) -> None:
        """Take ``threshold`` as the one the next results are judged against."""
        self.threshold = threshold
        self.threshold_text = ', "threshold": ' + number_text(threshold) + ', "province_name": '
        self.ints = threshold.as_integer_ratio() if type(threshold) is Fraction else None

    def earn(self, earned: ResultScore | None) -> tuple[str, str]:
        """Keep ``earned`` as the last points, the last becoming the one before; the text
        of ``earned`` and the end of a plain line (no baseline, nothing missing)."""
        points = _points_text(earned)
        self.other, self.before = self.earned, self.last
        self.earned, self.last = earned, (points, _PLAIN_TAIL + points + _CLOSE)
        return self.last


def _points_text(earned: ResultScore | None) -> str:
    """``scalar(score_number(report.points_of(...)))`` of the points ``earned``."""
    if earned is None:
        return "null"
    bonus = earned.bonus
    return scalar(score_number(earned.points + bonus if bonus else earned.points))


def results_text(
    results: Iterable[Result], report: Report, cluster: str, *, utf8: str | None = None
) -> Iterator[str]:
    """Each result as the JSON text ``_encode(result_json(...))`` gives (``result_batches``
    one by one)."""
    for batch in result_batches(results, report, cluster, utf8=utf8):
        yield from batch


def result_batches(
    results: Iterable[Result],
    report: Report,
    cluster: str,
    *,
    utf8: str | None = None,
    size: int = 512,
) -> Iterator[list[str]]:
    """The results in lists of ``size`` (made without a step per result between them),
    each result as the JSON text ``_encode(result_json(...))`` gives, from pieces: a
    province's id, name and scores looked up once, a target's id and status texts, its
    threshold's text and the ends of its lines by points written once; a corrected or
    assembled result by that very call.

    ``utf8``: each line as its UTF-8 bytes (encoded with that error handler), one char a
    byte (``line.encode("latin-1")`` is then the bytes): names hold letters beyond
    Latin-1, which make every line two bytes a char, slower to join and to encode."""
    held: Callable[[str], str] = _same
    if utf8 is not None:
        errors = utf8

        def held(piece: str) -> str:
            return piece.encode("utf-8", errors).decode("latin-1")

    provinces: dict[str | None, tuple[str, str, Mapping[str, ResultScore]]] = {}
    targets: dict[str, _Target] = {}
    fraction, irepr, frepr = Fraction, int.__repr__, float.__repr__
    no_scores: Mapping[str, ResultScore] = {}
    last: object = _Target  # the province of the result before (results come by province)
    head = name = ""
    by_target = no_scores
    lines: list[str] = []
    line = lines.append
    for result in results:
        if len(lines) >= size:
            yield lines
            lines = []
            line = lines.append
        province = result.province
        if province is not last:
            last = province
            known = provinces.get(province)
            if known is None:
                score = report.score_of(cluster, province)
                name_text = scalar(report.name_of(province) if province else None)
                known = provinces[province] = (
                    held('{"province": ' + scalar(province) + ", "),
                    held(name_text + ', "gap": '),
                    no_scores if score is None else score.by_target,
                )
            head, name, by_target = known
        if result.corrected or result.assembled:
            line(held(_encode(result_json(result, report, cluster))))
            continue
        target_id = result.target.id
        target = targets.get(target_id)
        if target is None:
            target = targets[target_id] = _Target(target_id, held)
        if result.threshold is not target.threshold:
            target.against(result.threshold)
        figure, ints = result.actual, target.ints
        if type(figure) is fraction and ints is not None:
            # number_text(figure) and scalar(json_gap(result)) in integers: whole numbers
            # as themselves, else int / int (correctly rounded, as json_number does)
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
        elif figure is True or figure is False:  # a yes/no figure: no gap
            actual, gap = ("true" if figure else "false"), "null"
        else:
            actual, gap = number_text(figure), scalar(json_gap(result))
        earned = by_target.get(target_id)
        if earned is target.earned:
            points = target.last
        elif earned is target.other:
            points = target.before
        else:
            points = target.earn(earned)
        year, missing = result.baseline_year, result.missing
        if result.baseline is None and year is None and not missing:
            end = points[1]
        else:
            end = (
                f', "baseline": {number_text(result.baseline)}, "baseline_year": '
                f'{"null" if year is None else irepr(year)}, "missing": '
                f"{'[' + ', '.join(map(text, missing)) + ']' if missing else '[]'}, "
                f'"baseline_from": null, "score": {points[0]}{_CLOSE}'
            )
            if missing:  # the only text of a line's end (names of figures)
                end = held(end)
        line(
            f"{head}{target.statuses[result.status]}{actual}{target.threshold_text}{name}{gap}{end}"
        )
    if lines:
        yield lines


_NO_CHECK = (
    '"reported_score": null, "verified_score": null, "score_difference": null, '
    '"self_score": null, "self_score_differs": false}'
)


def scores_text(pledge_results: PledgeResults, report: Report) -> Iterator[str]:
    """Each score as the JSON text ``_encode({**score_json(score), **check_json(check)})``
    gives, written field by field when the province has no deductions (the usual case):
    a value written once (provinces share few scores, and a score is most often the very
    object of its points, its reported and verified score); else by that very call."""
    cluster = pledge_results.pledge.cluster
    known: dict[tuple[int, int], str] = {}

    def written(value: Fraction) -> str:
        ratio = value.as_integer_ratio()
        found = known.get(ratio)
        if found is None:
            if len(known) >= 4096:
                known.clear()
            found = known[ratio] = scalar(score_number(value))
        return found

    for province in pledge_results.pledge.provinces:
        score = report.score_of(cluster, province)
        if score is None or (report.province is not None and province != report.province):
            continue
        if score.deductions:
            check = report.check_of(cluster, province)
            yield _encode({**score_json(score), **check_json(check)})
            continue
        total, points = score.score, score.points
        total_text = written(total)
        points_text = total_text if points is total else written(points)
        check = report.check_of(cluster, province)
        if check is None:
            checked = _NO_CHECK
        else:
            reported, verified = check.reported, check.verified
            reported_text = total_text if reported is total else written(reported)
            verified_text = reported_text if verified is reported else written(verified)
            difference = "0" if verified is reported else written(check.difference)
            own = check.self_score
            checked = (
                f'"reported_score": {reported_text}, "verified_score": {verified_text}, '
                f'"score_difference": {difference}, '
                f'"self_score": {"null" if own is None else written(own)}, '
                f'"self_score_differs": {"true" if check.self_differs else "false"}}}'
            )
        yield (
            f'{{"province": {text(score.province)}, "score": {total_text}, '
            f'"points": {points_text}, "bonus": {written(score.bonus)}, "deductions": [], '
            f'"met": {int.__repr__(score.met)}, "missed": {int.__repr__(score.missed)}, '
            f'"no_data": {int.__repr__(score.no_data)}, '
            f'"no_baseline": {int.__repr__(score.no_baseline)}, {checked}'
        )
