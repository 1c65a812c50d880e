"""Scoring as clusters score (issue 14): rounding half up, Vietnamese order, the bonus cap
per result, rating bands, nominations with quotas, corrections and the self-score."""

from __future__ import annotations

from fractions import Fraction
from pathlib import Path
from typing import Any

import pytest
from conftest import WriteData

from pledgecli.collation import vietnamese_key
from pledgecli.display import number, percent
from pledgecli.evaluate import Status, evaluate
from pledgecli.i18n import set_language
from pledgecli.load import load
from pledgecli.models import Actuals, Pledge, Scoring
from pledgecli.ratings import (
    Award,
    Ineligible,
    band_label,
    band_of,
    bands_of,
    nominate,
    nominations,
)
from pledgecli.schema import validate
from pledgecli.scoring import ProvinceScore, Ranked, nominee, rank, score_pledge
from pledgecli.verification import as_reported, score_checks

# -- rounding ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "shown"),
    [
        ("2.675", "2.68"),
        ("2.665", "2.67"),
        ("0.125", "0.13"),
        ("2.6749", "2.67"),  # from the exact value: no rounding twice
        ("2.66", "2.66"),
        ("103.335", "103.34"),
        ("100", "100"),
    ],
)
def test_scores_round_half_up_from_the_exact_value(value: str, shown: str) -> None:
    assert number(Fraction(value)) == shown


def test_a_third_and_two_thirds_round_to_the_nearest() -> None:
    assert number(Fraction(310, 3)) == "103.33"
    assert number(Fraction(311, 3)) == "103.67"


def test_a_half_percent_rounds_up_and_a_negative_half_away_from_zero() -> None:
    assert percent(Fraction("0.6125")) == "61.3%"  # was 61.2% (half to even)
    assert percent(Fraction("-0.0625"), signed=True) == "-6.3%"
    assert percent(Fraction("0.0625"), signed=True) == "+6.3%"


def test_vietnamese_reader_sees_the_rounded_score_with_a_comma() -> None:
    set_language("vi")
    try:
        assert number(Fraction("2.665")) == "2,67"
    finally:
        set_language("en")


# -- Vietnamese order -------------------------------------------------------------------


@pytest.mark.parametrize(
    ("first", "second"),
    [
        ("Cao Bằng", "Cần Thơ"),  # a < â (without diacritics: can < cao)
        ("Bình Dương", "Bình Định"),  # d < đ (without diacritics: dinh < duong)
        ("Bắc Ninh", "Bến Tre"),  # ă is a letter: b-ă... < b-ê...
        ("An Giang", "Ăn"),  # a < ă
        ("Ăn", "Ân"),  # ă < â
        ("Đắk Lắk", "Điện Biên"),
        ("En", "Ên"),  # e < ê
        ("On", "Ôn"),  # o < ô
        ("Ôn", "Ơn"),  # ô < ơ
        ("Uy", "Ưu"),  # u < ư
        ("Hà Nội", "Hải Phòng"),  # letters first: "ha n" < "hai"
        ("ba", "bà"),  # tones only when the letters are the same: none < huyền
        ("bà", "bả"),  # huyền < hỏi
        ("bả", "bã"),  # hỏi < ngã
        ("bã", "bá"),  # ngã < sắc
        ("bá", "bạ"),  # sắc < nặng
        ("bạ", "bac"),  # a letter more beats any tone
        ("Lâm Đồng", "Long An"),  # a < â < o
    ],
)
def test_vietnamese_alphabetical_order(first: str, second: str) -> None:
    assert vietnamese_key(first) < vietnamese_key(second)


def _score(province: str, score: int | str, met: int = 4, targets: int = 4) -> ProvinceScore:
    value = Fraction(score)
    return ProvinceScore(
        province=province,
        score=value,
        points=value,
        bonus=Fraction(0),
        deductions=(),
        met=met,
        missed=targets - met,
        no_data=0,
        no_baseline=0,
        by_target={},
    )


NAMES = {
    "can-tho": "Cần Thơ",
    "cao-bang": "Cao Bằng",
    "binh-dinh": "Bình Định",
    "binh-duong": "Bình Dương",
    "an-giang": "An Giang",
}


@pytest.mark.parametrize("lang", ["en", "vi"])
def test_a_tie_in_the_ranking_is_in_vietnamese_order_in_both_languages(lang: str) -> None:
    set_language(lang)
    try:
        scores = {p: _score(p, 90) for p in NAMES}
        order = [r.score.province for r in rank(scores, NAMES)]
    finally:
        set_language("en")
    assert order == ["an-giang", "binh-duong", "binh-dinh", "cao-bang", "can-tho"]


# -- pledges built in memory -------------------------------------------------------------

TARGETS: list[dict[str, Any]] = [
    {"id": "new", "text": "Thành lập mới 20 HTX", "metric": "coops_new", "at_least": 20},
    {
        "id": "rate",
        "text": "60% HTX hiệu quả",
        "metric": "coops_effective",
        "per": "coops_active",
        "at_least": "60%",
    },
    {"id": "members", "text": "Thành viên", "metric": "coop_members", "at_least": 1000},
]


def _pledge(provinces: list[str], scoring: dict[str, Any] | None = None, **extra: Any) -> Pledge:
    return validate(Pledge,
        {
            "year": 2021,
            "cluster": "cum",
            "path": Path("pledges/2021/cum.toml"),
            "name": "Cụm",
            "provinces": provinces,
            "targets": TARGETS,
            "scoring": scoring or {},
            **extra,
        }
    )


def _report(province: str, year: int = 2021, **fields: Any) -> Actuals:
    return validate(Actuals,
        {"year": year, "province": province, "path": Path(f"{province}.toml"), **fields}
    )


# -- the bonus cap, result by result -----------------------------------------------------


@pytest.mark.parametrize(
    ("cap", "bonuses", "total"),
    [
        (None, {"new": 5, "rate": 5, "members": 5}, 15),
        (10, {"new": 5, "rate": 5, "members": 0}, 10),  # handed out in pledge order
        (12, {"new": 5, "rate": 5, "members": 2}, 12),
        (20, {"new": 5, "rate": 5, "members": 5}, 15),  # the cap does not bind
        (0, {"new": 0, "rate": 0, "members": 0}, 0),
    ],
)
def test_per_result_scores_add_up_to_the_capped_score(
    cap: int | None, bonuses: dict[str, int], total: int
) -> None:
    scoring: dict[str, Any] = {"bonus": {"new": 5, "rate": 5, "members": 5}}
    if cap is not None:
        scoring["bonus_cap"] = cap
    pledge = _pledge(["an-giang"], scoring)
    report = _report(
        "an-giang",
        metrics={"coops_new": 30, "coops_effective": 80, "coops_active": 100, "coop_members": 2000},
    )
    score = score_pledge(evaluate(pledge, {2021: {"an-giang": report}}), {"an-giang": report})[
        "an-giang"
    ]
    assert score.bonus == total
    assert {t: s.bonus for t, s in score.by_target.items()} == bonuses
    assert {t: s.bonus_before_cap for t, s in score.by_target.items()} == {
        "new": 5,
        "rate": 5,
        "members": 5,
    }
    by_result = sum((s.points + s.bonus for s in score.by_target.values()), Fraction(0))
    assert by_result == score.score == 100 + total


# -- bands --------------------------------------------------------------------------------

BANDS = {"Xuất sắc": 95, "Tốt": 80, "Hoàn thành": 50, "Không hoàn thành": 0}


@pytest.mark.parametrize(
    ("score", "band"),
    [
        ("100", "Xuất sắc"),
        ("95", "Xuất sắc"),  # exactly on the bound
        ("94.99", "Tốt"),
        ("80", "Tốt"),
        ("50", "Hoàn thành"),
        ("49.5", "Không hoàn thành"),
        ("0", "Không hoàn thành"),
    ],
)
def test_a_province_gets_the_highest_band_its_score_reaches(score: str, band: str) -> None:
    assert band_of(Fraction(score), validate(Scoring, {"bands": BANDS})) == band


def test_no_bands_or_below_every_bound_gives_no_band() -> None:
    assert band_of(Fraction(100), Scoring()) is None
    assert band_of(Fraction(40), validate(Scoring, {"bands": {"Tốt": 80}})) is None


@pytest.mark.parametrize(
    ("name", "english"),
    [("Xuất sắc", "Excellent"), ("Hoàn thành tốt nhiệm vụ", "Good"), ("Loại A", "Loại A")],
)
def test_band_names_read_in_the_readers_language(name: str, english: str) -> None:
    assert band_label(name) == english
    set_language("vi")
    try:
        assert band_label(name) == name
    finally:
        set_language("en")


@pytest.mark.parametrize(
    ("scoring", "message"),
    [
        ({"bands": {"Tốt": 80, "Khá": 80}}, "same lower bound"),
        ({"bands": {"Tốt": 80}, "flag_min_band": "Tot"}, "not one of the bands"),
        ({"flag_quota": "120%"}, "a quota is a number or a share"),
        ({"certificate_quota": -1}, "a quota is a number or a share"),
        ({"certificate_quota": "hai"}, "a quota is a number or a share"),
        ({"alternates": -1}, "alternates"),
    ],
)
def test_bad_bands_and_quotas_are_refused(scoring: dict[str, Any], message: str) -> None:
    with pytest.raises(ValueError, match=message):
        validate(Scoring, scoring)


# -- nominations --------------------------------------------------------------------------


def _ranking(*entries: tuple[str, int, int]) -> list[Ranked]:
    scores = {p: _score(p, s, met) for p, s, met in entries}
    return rank(scores, {p: p for p in scores})


@pytest.mark.parametrize(
    ("scoring", "entries", "nominees", "tied", "seats_left", "alternates"),
    [
        # the default: one flag, the best
        ({}, [("a", 100, 4), ("b", 90, 4)], ["a"], [], 0, ["b"]),
        # a tie at the edge is shown, never cut
        ({}, [("a", 100, 4), ("b", 100, 4), ("c", 90, 4)], [], ["a", "b"], 1, ["c"]),
        (
            {"flag_quota": 2},
            [("a", 100, 4), ("b", 95, 4), ("c", 95, 4), ("d", 90, 4)],
            ["a"],
            ["b", "c"],
            1,
            ["d"],
        ),
        # a tie inside the quota takes its seats
        ({"flag_quota": 2}, [("a", 100, 4), ("b", 100, 4), ("c", 90, 4)], ["a", "b"], [], 0, ["c"]),
        # a share of the signatories, rounded down: 30% of 7 is 2
        (
            {"flag_quota": "30%", "alternates": 2},
            [
                ("a", 99, 4),
                ("b", 98, 4),
                ("c", 97, 4),
                ("d", 96, 4),
                ("e", 95, 4),
                ("f", 94, 4),
                ("g", 93, 4),
            ],
            ["a", "b"],
            [],
            0,
            ["c", "d"],
        ),
        # eligibility: every target met
        (
            {"nominee_must_meet_all": True},
            [("a", 100, 3), ("b", 90, 4), ("c", 80, 4)],
            ["b"],
            [],
            0,
            ["c"],
        ),
        # eligibility: a minimum band
        (
            {"bands": {"Xuất sắc": 95, "Tốt": 80}, "flag_min_band": "Xuất sắc", "flag_quota": 2},
            [("a", 100, 4), ("b", 90, 4)],
            ["a"],
            [],
            0,
            [],
        ),
        # nobody eligible
        ({"nominee_must_meet_all": True}, [("a", 100, 3)], [], [], 0, []),
        # no alternates asked for
        ({"alternates": 0}, [("a", 100, 4), ("b", 90, 4)], ["a"], [], 0, []),
    ],
)
def test_flag_nomination_with_quota(
    scoring: dict[str, Any],
    entries: list[tuple[str, int, int]],
    nominees: list[str],
    tied: list[str],
    seats_left: int,
    alternates: list[str],
) -> None:
    nomination = nominate(_ranking(*entries), validate(Scoring, scoring), Award.FLAG)
    assert list(nomination.nominees) == nominees
    assert list(nomination.tied) == tied
    assert nomination.seats_left == seats_left
    assert list(nomination.alternates) == alternates


def test_ineligible_provinces_say_why() -> None:
    scoring = validate(Scoring,
        {"nominee_must_meet_all": True, "bands": {"Tốt": 80}, "flag_min_band": "Tốt"}
    )
    flag = nominate(_ranking(("a", 100, 3), ("b", 70, 4), ("c", 85, 4)), scoring, Award.FLAG)
    assert flag.nominees == ("c",)
    assert dict(flag.ineligible) == {"a": Ineligible.NOT_ALL_MET, "b": Ineligible.BELOW_BAND}


def test_certificates_go_to_those_not_proposed_for_the_flag() -> None:
    scoring = validate(Scoring,
        {
            "certificate_quota": 2,
            "bands": {"Tốt": 80, "Hoàn thành": 50},
            "certificate_min_band": "Tốt",
        }
    )
    ranking = _ranking(("a", 100, 4), ("b", 95, 4), ("c", 85, 4), ("d", 85, 4), ("e", 60, 4))
    flag, certificates = nominations(ranking, scoring)
    assert flag.nominees == ("a",)
    assert certificates.nominees == ("b",)
    assert certificates.tied == ("c", "d")  # two tied for one seat: the cluster decides
    assert certificates.seats_left == 1
    assert certificates.alternates == ()  # e is below the band
    assert (
        "a" not in certificates.ineligible and certificates.ineligible["e"] == Ineligible.BELOW_BAND
    )


def test_no_certificates_by_default_and_bands_of_every_province() -> None:
    scoring = validate(Scoring, {"bands": BANDS})
    ranking = _ranking(("a", 100, 4), ("b", 60, 4))
    assert nominations(ranking, scoring)[1].proposed == ()
    assert nominations(ranking, scoring)[1].alternates == ()
    assert bands_of(ranking, scoring) == {"a": "Xuất sắc", "b": "Hoàn thành"}


def test_the_flag_nominee_respects_the_minimum_band() -> None:
    scoring = validate(Scoring, {"bands": {"Xuất sắc": 95}, "flag_min_band": "Xuất sắc"})
    assert nominee(_ranking(("a", 90, 4)), scoring).provinces == ()


# -- corrections ---------------------------------------------------------------------------

FIGURES = {"coops_new": 25, "coops_effective": 70, "coops_active": 100, "coop_members": 1500}


def _corrected_report(**corrections: Any) -> Actuals:
    return _report(
        "an-giang",
        metrics=FIGURES,
        corrections={
            m: {"value": v, "reason": "Hồ sơ không đủ", "by": "Cụm"} for m, v in corrections.items()
        },
        self_score=100,
    )


def test_judging_uses_the_verified_figure_and_keeps_the_reported_one() -> None:
    report = _corrected_report(coops_new=18)
    pledge = _pledge(["an-giang"])
    results = evaluate(pledge, {2021: {"an-giang": report}})
    new = results.for_province("an-giang")[0]
    assert new.status is Status.MISSED and new.actual == 18
    (corrected,) = new.corrected
    assert (corrected.reported, corrected.verified) == (25, 18)
    assert (corrected.reason, corrected.by, corrected.year) == ("Hồ sơ không đủ", "Cụm", 2021)
    assert report.metrics["coops_new"] == 25  # the reported figure stays
    assert results.for_province("an-giang")[1].corrected == ()


def test_a_corrected_denominator_marks_the_ratio() -> None:
    report = _corrected_report(coops_active=140)
    results = evaluate(_pledge(["an-giang"]), {2021: {"an-giang": report}})
    rate = results.for_province("an-giang")[1]
    assert rate.status is Status.MISSED and rate.actual == Fraction(70, 140)
    assert [c.metric for c in rate.corrected] == ["coops_active"]


@pytest.mark.parametrize(
    ("corrections", "reported", "verified", "self_differs"),
    [
        ({}, 100, 100, False),
        ({"coops_new": 18}, 100, Fraction(200, 3), True),
        ({"coops_new": 30}, 100, 100, False),  # corrected, but still met
    ],
)
def test_scores_on_reported_and_on_verified_figures(
    corrections: dict[str, int], reported: Fraction, verified: Fraction, self_differs: bool
) -> None:
    report = _corrected_report(**corrections)
    pledge = _pledge(["an-giang"])
    actuals = {2021: {"an-giang": report}}
    results = evaluate(pledge, actuals)
    scores = score_pledge(results, actuals[2021])
    check = score_checks(results, actuals, scores)["an-giang"]
    assert (check.reported, check.verified) == (reported, verified)
    assert check.difference == verified - reported
    assert check.self_score == 100
    assert check.self_differs is self_differs
    assert len(check.corrections) == len(corrections)


@pytest.mark.parametrize(
    ("self_score", "differs"),
    [
        ("103.33", False),
        ("103.333", False),
        ("103.3", True),  # compared to two decimals at least: 103.30 is not 103.33
        ("103.34", True),
        (103, True),
        ("103.3334", True),
    ],
)
def test_a_self_score_agrees_to_the_decimals_it_was_written_with(
    self_score: str | int, differs: bool
) -> None:
    from pledgecli.verification import ScoreCheck

    given = Fraction(self_score)
    check = ScoreCheck("a", Fraction(310, 3), Fraction(310, 3), given, ())
    assert check.self_differs is differs


def test_as_reported_drops_the_corrections_only() -> None:
    report = _corrected_report(coops_new=18)
    plain = as_reported({2021: {"an-giang": report}})[2021]["an-giang"]
    assert plain.corrections == {} and plain.verified == plain.metrics == report.metrics
    assert report.verified["coops_new"] == 18


def test_a_correction_of_another_kind_is_refused() -> None:
    with pytest.raises(ValueError, match="must be a number, like the reported figure"):
        _report(
            "an-giang",
            metrics={"coops_new": 5},
            corrections={"coops_new": {"value": True, "reason": "r", "by": "Cụm"}},
        )


def test_corrections_are_read_from_the_report_with_their_lines(
    write_data: WriteData, tmp_path: Path, provinces_toml: str
) -> None:
    pledge = """
        name = "Cụm"
        leader = "an-giang"
        deputy = "can-tho"
        provinces = ["an-giang", "can-tho"]

        [[targets]]
        id = "new"
        text = "Thành lập mới 20 HTX"
        metric = "coops_new"
        at_least = 20

        [scoring]
        bands = { "Xuất sắc" = 95, "Không hoàn thành" = 0 }
        certificate_quota = "50%"
    """
    root = write_data(
        tmp_path,
        {
            "provinces.toml": provinces_toml,
            "pledges/2021/cum.toml": pledge,
            "actuals/2021/an-giang.toml": """
                self_score = 100
                [metrics]
                coops_new = 25

                [corrections.coops_new]
                value = 18
                reason = "3 HTX chưa có giấy chứng nhận đăng ký"
                by = "Đoàn thẩm định của Cụm"
            """,
            "actuals/2021/can-tho.toml": """
                [metrics]
                coops_new = 21

                [corrections.coops_new]
                value = 20
                reasn = "x"
                by = "Cụm"
            """,
            "actuals/2021/dak-lak.toml": """
                [metrics]
                coops_new = 21

                [corrections.coops_new]
                value = true
                reason = "x"
                by = "Cụm"
            """,
        },
    )
    data = load(root)
    from pledgecli.diagnostics import with_lines

    problems = [d.render() for d in with_lines(data.diagnostics)]
    assert any(
        "dak-lak.toml:5" in p and "correction of coops_new must be a number" in p for p in problems
    ), problems
    assert any(
        "can-tho.toml:6" in p and "reasn" in p and 'did you mean "reason"' in p for p in problems
    ), problems
    report = data.actuals[2021]["an-giang"]
    assert report.verified["coops_new"] == 18 and report.metrics["coops_new"] == 25
    pledge_model = data.pledges[2021]["cum"]
    assert pledge_model.deputy == "can-tho"
    assert pledge_model.scoring.certificate_quota.seats(2) == 1


def test_a_correction_that_does_not_fit_the_target_is_an_error_at_its_line(
    write_data: WriteData, tmp_path: Path, provinces_toml: str
) -> None:
    root = write_data(
        tmp_path,
        {
            "provinces.toml": provinces_toml,
            "pledges/2021/cum.toml": """
                name = "Cụm"
                provinces = ["an-giang"]

                [[targets]]
                id = "fund"
                text = "Có Quỹ"
                metric = "has_support_fund"
                must_be = true
            """,
            "actuals/2021/an-giang.toml": """
                [metrics]

                [corrections.has_support_fund]
                value = 1
                reason = "Chưa thành lập Quỹ"
                by = "Cụm"
            """,
        },
    )
    from pledgecli.diagnostics import with_lines

    problems = [d.render() for d in with_lines(load(root).diagnostics)]
    assert any(
        "an-giang.toml:4" in p and "has_support_fund must be true or false" in p for p in problems
    ), problems


# -- the documented examples ------------------------------------------------------------

DOCS = Path(__file__).resolve().parent.parent / "docs" / "data-format.md"


def _toml_block(containing: str) -> dict[str, Any]:
    import re
    import tomllib
    from decimal import Decimal

    blocks = re.findall(r"```toml\n(.*?)```", DOCS.read_text(encoding="utf-8"), re.S)
    (block,) = [b for b in blocks if containing in b]
    return tomllib.loads(block, parse_float=Decimal)


def test_the_documented_scoring_example_is_valid() -> None:
    raw = _toml_block("[scoring.bands]")
    scoring = validate(Scoring, raw["scoring"])
    assert band_of(Fraction(96), scoring) == "Xuất sắc"
    assert scoring.certificate_quota.seats(7) == 2


def test_the_documented_correction_example_is_valid() -> None:
    raw = _toml_block("[corrections.coops_new]")
    report = _report("an-giang", **raw)
    assert report.verified["coops_new"] == 22 and report.metrics["coops_new"] == 25
    assert report.self_score == Fraction("98.5")


def test_the_documented_rotation_example_is_the_default() -> None:
    from pledgecli.models import Rotation

    assert validate(Rotation, _toml_block("[rotation]")["rotation"]) == Rotation()


def test_the_review_carries_bands_and_nominations(
    write_data: WriteData, tmp_path: Path, provinces_toml: str
) -> None:
    from pledgecli.review import review

    root = write_data(
        tmp_path,
        {
            "provinces.toml": provinces_toml,
            "pledges/2021/cum.toml": """
                name = "Cụm"
                provinces = ["an-giang", "can-tho", "dak-lak"]

                [[targets]]
                id = "new"
                text = "Thành lập mới 20 HTX"
                metric = "coops_new"
                at_least = 20

                [scoring]
                certificate_quota = 1
                bands = { "Xuất sắc" = 100, "Không hoàn thành" = 0 }
            """,
            "actuals/2021/an-giang.toml": "[metrics]\ncoops_new = 25\n",
            "actuals/2021/can-tho.toml": "[metrics]\ncoops_new = 21\n",
            "actuals/2021/dak-lak.toml": "[metrics]\ncoops_new = 3\n",
        },
    )
    data = load(root)
    pledge = data.pledges[2021]["cum"]
    names = {p: data.province_name(p) for p in data.provinces}
    result = review(evaluate(pledge, data.actuals), data.actuals[2021], names)
    assert result.bands == {
        "an-giang": "Xuất sắc",
        "can-tho": "Xuất sắc",
        "dak-lak": "Không hoàn thành",
    }
    assert result.flag is not None and result.certificates is not None
    # An Giang and Cần Thơ tie for the one flag: both shown, neither cut
    assert (result.flag.nominees, result.flag.tied) == ((), ("an-giang", "can-tho"))
    # certificates come from those not tied for the flag
    assert result.certificates.nominees == ("dak-lak",)


def test_a_correction_written_as_a_plain_figure_says_how_to_write_it(
    write_data: WriteData, tmp_path: Path, provinces_toml: str, run: Any
) -> None:
    root = write_data(
        tmp_path,
        {
            "provinces.toml": provinces_toml,
            "actuals/2021/an-giang.toml": "[metrics]\ncoops_new = 5\n\n[corrections]\ncoops_new = 4\n",
        },
    )
    code, out, err = run(["validate", "--data", str(root)])
    assert code == 2
    assert (
        "an-giang.toml:5: error: a correction of coops_new is a table with value, reason and by "
        "(write [corrections.coops_new], then" in out + err
    )


def test_a_ranking_sorted_within_ties_is_the_full_order() -> None:
    """Names' sort keys are made only within ties of score and targets met; the order is
    the one a sort on (score, met, name, id) gives, ties of every size included."""
    import random

    from pledgecli.collation import vietnamese_key

    rng = random.Random(7)
    names = {f"p{i}": rng.choice(list(NAMES.values())) + f" {rng.randint(0, 3)}" for i in range(300)}
    scores = {p: _score(p, rng.choice([0, 50, 90, 100]), rng.randint(2, 4)) for p in names}
    expected = sorted(
        scores.values(),
        key=lambda s: (-s.score, -s.met, vietnamese_key(names[s.province]), s.province),
    )
    assert [r.score for r in rank(scores, names)] == expected
    assert [r.score.province for r in rank({}, names)] == []
