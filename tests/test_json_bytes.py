"""``--format json`` written to a UTF-8 stream: the results are made as their UTF-8 bytes
(each byte a char) and written as bytes. Whatever the stream, the bytes are those of the
text the encoder writes of each result's fields, encoded as the stream encodes it."""

from __future__ import annotations

import io
from fractions import Fraction as F
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import pytest
from conftest import BUNDLED, TESTS, Run

from pledgecli.evaluate import Corrected, Result, Status
from pledgecli.i18n import set_language
from pledgecli.models import Target
from pledgecli.outcomes import Report
from pledgecli.render.formats import Page
from pledgecli.render.json import render, result_json, results_text, write
from pledgecli.render.json_numbers import encode
from pledgecli.scoring import ResultScore
from pledgecli.service import CheckRequest, run_check

MET, MISSED = Status.MET, Status.MISSED


def _hand_made() -> tuple[Any, list[Result]]:
    """A report's lookups and results made by hand: every kind of figure and line."""
    number = Target(id="t1", text="Số", metric="m", at_least=3)
    flag = Target(id="t2", text="Có", metric="f", must_be=True)
    ratio = Target(id="chỉ-tiêu-3", text="Tỷ lệ", metric="r", at_least=F(1, 8))
    share = ResultScore(F(5, 3), F(0), F(5, 3))
    bonus = ResultScore(F(5, 3), F(1, 2), F(5, 3))
    nothing = ResultScore(F(0), F(0), F(5, 3))
    by_target = {
        "a": {"t1": share, "t2": bonus, "chỉ-tiêu-3": share},
        "b": {"t1": nothing, "chỉ-tiêu-3": nothing, "t2": share},
    }
    names = {"a": "An Giang", "b": "Bà Rịa – Vũng Tàu", "d": "Đắk \udcc3Lắk"}  # d: a lone surrogate

    def points_of(cluster: str, result: Result) -> F | None:
        earned = by_target.get(result.province or "", {}).get(result.target.id)
        return None if earned is None else earned.points + earned.bonus

    report = SimpleNamespace(
        name_of=lambda p: names.get(p, "Cả cụm"),
        score_of=lambda c, p: SimpleNamespace(by_target=by_target[p]) if p in by_target else None,
        points_of=points_of,
    )
    fix = Corrected("a", 2026, "m", F(7, 2), F(3), "thẩm định lại", "Cụm trưởng")
    results = [
        Result(number, "a", MET, F(3), F(3)),  # exactly on the threshold
        Result(number, "a", MISSED, F(3), F(0)),
        Result(number, "b", MISSED, F(5, 2), F(-7, 3)),  # negative, a fraction threshold
        Result(number, "b", MET, F(1, 3), F(10**400, 3)),  # a gap beyond any float
        Result(number, "a", MET, F(3), F(10**400)),  # a whole number beyond any float
        Result(number, "b", MET, F(3), F(10**400 + 1, 7)),  # a figure beyond any float
        Result(number, "b", MET, F(3), F("25.80")),
        Result(ratio, "a", MET, F(1, 8), F(1, 8)),
        Result(ratio, "b", MISSED, F(1, 8), F(1, 9)),
        Result(ratio, "a", MET, F(1, 8), F(1, 9)),  # the same figure, the same texts
        Result(ratio, "b", MET, F(1, 7), F(1, 9)),  # another threshold, the same figure
        Result(ratio, "d", MET, F(1, 8), F(-1, 200)),  # growth below last year
        Result(flag, "a", MET, True, True),
        Result(flag, "b", MISSED, True, False),
        Result(flag, "a", MISSED, F(1, 2), True),  # a yes/no figure against a number
        Result(number, "b", MISSED, True, F(1)),  # a number figure against yes/no
        Result(number, "a", Status.NO_DATA, F(3), missing=("a 2026: m", 'Bà "2026"')),
        Result(number, "b", Status.NO_BASELINE, F(1, 10), baseline_year=2025, missing=("x",)),
        Result(number, "a", MET, F(1, 10), F(3, 25), F(2500), 2025),
        Result(number, "a", MET, F(3), F(3), corrected=(fix,)),
        Result(number, "b", MET, F(3), F(4), F(90), 2025, assembled=(("b", "đ"),)),
        Result(number, None, MISSED, F(3), F(2)),  # the cluster's row
        Result(number, "c", MET, F(3), F(4)),  # no score
        Result(ratio, "d", MISSED, F(0), F(0)),
    ]
    return report, results


def _orders(results: list[Result]) -> list[list[Result]]:
    return [results, results[::-1], results[1::2] + results[::2], results[2:] + results[:2]]


def test_each_result_in_utf8_is_the_encoders_text_encoded() -> None:
    report, results = _hand_made()
    for order in _orders(results):
        expected = [encode(result_json(r, report, "x")) for r in order]
        assert list(results_text(order, report, "x")) == expected
        for errors in ("surrogateescape", "replace", "backslashreplace"):
            held = list(results_text(order, report, "x", utf8=errors))
            assert [line.encode("latin-1") for line in held] == [
                line.encode("utf-8", errors) for line in expected
            ]
    assert any("\udcc3" in line for line in expected)  # the lone surrogate was written


def test_a_lone_surrogate_fails_in_utf8_as_the_stream_would() -> None:
    report, results = _hand_made()
    with pytest.raises(UnicodeEncodeError):
        list(results_text(results, report, "x", utf8="strict"))


def _reports() -> list[Report]:
    reports = []
    for year in (2021, 2022, 2025):
        reports.append(run_check(CheckRequest(year, BUNDLED)).report)
    reports.append(run_check(CheckRequest(2021, BUNDLED, province="can-tho")).report)
    reports.append(run_check(CheckRequest(2025, TESTS / "fixtures" / "scoring")).report)
    return reports


def _written(report: Report, stream: io.TextIOWrapper) -> bytes:
    stream.write("trước ")  # held by the stream, written first
    write(Page("check", "json", report), stream)
    stream.write(" sau")
    stream.flush()
    buffer = stream.buffer
    assert isinstance(buffer, io.BytesIO)
    return buffer.getvalue()


@pytest.mark.parametrize("language", ["en", "vi"])
def test_json_to_any_stream_is_its_text_as_that_stream_encodes_it(language: str) -> None:
    set_language(language)
    for report in _reports():
        whole = render(report)
        assert '"province_name": "' in whole and any(ord(c) > 255 for c in whole)
        text = io.StringIO()
        write(Page("check", "json", report), text)
        assert text.getvalue() == whole
        for encoding in ("utf-8", "UTF8", "cp1258", "utf-16"):
            stream = io.TextIOWrapper(io.BytesIO(), encoding=encoding, errors="replace")
            assert _written(report, stream) == f"trước {whole} sau".encode(encoding, "replace")


def test_check_json_on_standard_output_and_in_a_file_is_the_same(run: Run, tmp_path: Path) -> None:
    out = tmp_path / "check.json"
    code, stdout, _ = run(["check", "2021", "--data", str(BUNDLED), "--format", "json"])
    code_file, _, _ = run(
        ["check", "2021", "--data", str(BUNDLED), "--format", "json", "-o", str(out)]
    )
    assert code == code_file == 1
    report = run_check(CheckRequest(2021, BUNDLED)).report
    assert out.read_bytes() == stdout.encode("utf-8") == render(report).encode("utf-8")
    assert "Cần Thơ" in stdout


def test_each_score_of_every_kind_is_the_encoders_text() -> None:
    """Scores made by hand: whole and in thirds, a bonus, deductions, a score that is not
    its points, checks whose figures are other objects of the same or another value, an
    own score that differs, no check, a province outside the report's one province."""
    from pledgecli.render.json import check_json, score_json, scores_text
    from pledgecli.report_model import Deduction
    from pledgecli.scoring import ProvinceScore
    from pledgecli.verification import ScoreCheck

    def score(province: str, total: F, points: F, bonus: F = F(0), *lost: F) -> ProvinceScore:
        deductions = tuple(Deduction(points=p, reason="trễ hạn") for p in lost)
        return ProvinceScore(province, total, points, bonus, deductions, 3, 1, 0, 0, {})

    third = F(200, 3)
    scores = {
        "a": score("a", third, third),
        "b": score("b", F(70), F(65), F(5)),
        "c": score("c", F(60), F(65), F(0), F(5)),  # a deduction
        "d": score("d", F(200, 3), F(200, 3)),  # equal to a's, other objects
        "đ": score("đ", F(1, 200), F(1, 200)),  # half a hundredth: rounds up
        "e": score("e", F(0), F(0)),
        "g": score("g", F(10**400, 3), F(10**400, 3)),  # beyond any float
    }
    checks = {
        "a": ScoreCheck("a", third, third, None, ()),
        "b": ScoreCheck("b", F(75), scores["b"].score, F("69.99"), ()),  # lost 5, differs
        "c": ScoreCheck("c", F(60), F(60), F(60), ()),
        "d": ScoreCheck("d", F(200, 3), scores["d"].score, F("66.67"), ()),  # equal, agrees
        "e": ScoreCheck("e", F(0), F(1, 3), F(0), ()),
        "g": ScoreCheck("g", F(1), scores["g"].score, None, ()),
    }
    for province in (None, "b", "đ", "x"):
        pledge = SimpleNamespace(pledge=SimpleNamespace(cluster="x", provinces=[*scores, "x"]))
        report = SimpleNamespace(
            province=province,
            score_of=lambda c, p: scores.get(p),
            check_of=lambda c, p: checks.get(p),
        )
        expected = [
            encode({**score_json(s), **check_json(checks.get(p))})
            for p, s in scores.items()
            if province is None or p == province
        ]
        assert list(scores_text(pledge, report)) == expected  # type: ignore[arg-type]
        assert len(expected) == (7 if province is None else 0 if province == "x" else 1)


def test_a_long_list_of_texts_is_written_one_a_line_as_the_encoder_writes_them() -> None:
    # a pledge's provinces (3,321 communes): each id or name written by the encoder's own
    # string writer, as the encoder writes it
    import json

    from pledgecli.render.json import _pieces

    texts = ["xa-00001", "Cần Thơ", 'a "b"', "back\\slash", "tab\tnew\nline", "\x00\x1f", "€ 😀"]
    texts = texts * 5 + ["\udcc3"]
    pieces = list(_pieces({"provinces": texts, "ints": list(range(30))}, 0))
    assert all(isinstance(p, str) for p in pieces)
    expected = json.dumps(
        {"provinces": texts, "ints": list(range(30))}, indent=2, ensure_ascii=False
    )
    assert "".join(str(p) for p in pieces) == expected
