"""The integer fast paths of ``pledge check`` give the answers of plain Fraction arithmetic.

Plausibility warnings, a rule against its threshold, a bonus's exceeded threshold, the
rounding of scores and the JSON text of a result are each computed here the slow, obvious
way and compared with what the code computes, on the edge cases: exactly on a threshold,
exactly ten times last year, exactly a quarter off, zero, decimals, negative growth,
figures beyond any float.
"""

from __future__ import annotations

import itertools
from dataclasses import asdict, fields, replace
from datetime import date
from decimal import Decimal
from fractions import Fraction
from pathlib import Path
from typing import Any

import pytest
from conftest import BUNDLED

from pledgecli.catalog import Catalog, Kind, shipped_catalog
from pledgecli.evaluate import Result, Status
from pledgecli.exact import holds
from pledgecli.models import Actuals, Rule, Target
from pledgecli.plausibility import (
    CHANGE_FACTOR,
    CHANGE_FLOOR,
    FigureWarning,
    Implausible,
    check_report,
    check_reports,
)
from pledgecli.render.json import json_number, result_json, results_text, score_number
from pledgecli.render.json_numbers import encode, number_text
from pledgecli.schema import validate
from pledgecli.scoring import exceeded
from pledgecli.service import CheckRequest, run_check

F = Fraction
# Figures around every boundary the checks draw: 0, a third, 10 and 100 (CHANGE_FLOOR),
# 66 of 200 (66% of 200 is 132), 88 and 176 (exactly a quarter from 66 and 132 as last
# year's figure: 88 - 66 = 88 / 4), 105.6 (132 exactly a quarter above it), 1000 (ten
# times 100), decimals just either side.
GRID = [
    F(0),
    F(1, 3),
    F(10),
    F(66),
    F(88),
    F("99.99"),
    F(100),
    F("100.01"),
    F("105.6"),
    F(132),
    F(176),
    F(200),
    F(1000),
    F("1000.01"),
]


# -- the reference: plausibility as plain Fraction arithmetic ------------------------------


def _reference(
    catalog: Catalog, report: Actuals, previous: Actuals | None
) -> list[tuple[Any, ...]]:
    out: list[tuple[Any, ...]] = []
    figures = report.metrics
    for metric, value in figures.items():
        if isinstance(value, bool):
            continue
        known = catalog.get(metric)
        count = known is not None and known.kind is Kind.COUNT
        if count and value.denominator != 1:
            out.append((Implausible.FRACTION_IN_COUNT, metric, value, None, None, None))
        for whole in catalog.wholes(metric):
            total = figures.get(whole)
            if isinstance(total, Fraction) and value > total:
                out.append((Implausible.PART_EXCEEDS_WHOLE, metric, value, whole, total, None))
        if previous is None:
            continue
        before = previous.metrics.get(metric)
        if not isinstance(before, Fraction) or before <= 0 or value <= 0:
            continue
        as_percent = False
        if count and value <= 100 and abs(value - before) * 4 > before:
            assert known is not None
            for whole in known.part_of:
                total = figures.get(whole)
                if (
                    isinstance(total, Fraction)
                    and total > 0
                    and abs(value * total / 100 - before) * 4 <= before
                ):
                    as_percent = True
                    break
        if as_percent:
            out.append((Implausible.PERCENT_IN_COUNT, metric, value, None, before, previous.year))
        elif max(value, before) >= CHANGE_FLOOR and (
            value >= before * CHANGE_FACTOR or value * CHANGE_FACTOR <= before
        ):
            out.append((Implausible.CHANGE_FACTOR, metric, value, None, before, previous.year))
    return out


def _seen(warnings: list[FigureWarning]) -> list[tuple[Any, ...]]:
    return [
        (w.kind, w.metric, w.value, w.other_metric, w.other_value, w.other_year) for w in warnings
    ]


def _report(year: int, **metrics: Fraction | bool) -> Actuals:
    return validate(Actuals,
        {"year": year, "province": "soc-trang", "path": Path(f"{year}.toml"), "metrics": metrics}
    )


def test_plausibility_warns_as_fraction_arithmetic_does_on_every_boundary() -> None:
    catalog = shipped_catalog()
    warned = 0
    for value, whole, before in itertools.product(GRID, GRID, [*GRID, None]):
        # a count that is part of a whole, an amount, and a yes-no beside them
        current = _report(
            2021,
            coops_effective=value,
            coops_active=whole,
            revenue_per_coop=value,
            has_support_fund=True,
        )
        last: dict[str, Fraction | bool] = {"has_support_fund": False}
        if before is not None:
            last |= {"coops_effective": before, "revenue_per_coop": before}
        previous = _report(2020, **last)
        found = _seen(check_report(catalog, current, previous))
        assert found == _reference(catalog, current, previous), (value, whole, before)
        warned += bool(found)
    assert warned > 100  # the grid does reach the warnings, not only the quiet cases


@pytest.mark.parametrize(
    ("value", "before", "kinds"),
    [
        (F(1000), F(100), [Implausible.CHANGE_FACTOR]),  # exactly ten times: flagged
        (F("999.99"), F(100), []),
        (F(100), F(1000), [Implausible.CHANGE_FACTOR]),  # exactly a tenth
        (F("100.01"), F(1000), []),
        (F(100), F(10), [Implausible.CHANGE_FACTOR]),  # the larger exactly at the floor
        (F("99.99"), F("9.999"), []),  # both under the floor
        (F(0), F(1000), []),  # no ratio with zero
    ],
)
def test_the_change_factor_on_its_boundaries(
    value: Fraction, before: Fraction, kinds: list[Implausible]
) -> None:
    current = _report(2021, revenue_per_coop=value)  # an amount: decimals are fine
    previous = _report(2020, revenue_per_coop=before)
    assert [w.kind for w in check_report(shipped_catalog(), current, previous)] == kinds


def test_a_part_equal_to_its_whole_is_fine_and_a_hundredth_more_is_not() -> None:
    catalog = shipped_catalog()
    equal = _report(2021, coops_effective=F("200.5"), coops_active=F("200.5"))
    above = _report(2021, coops_new=F("200.51"), coops_active=F("200.5"))
    assert [w.kind for w in check_report(catalog, equal) if w.other_metric] == []
    assert [w.kind for w in check_report(catalog, above) if w.other_metric] == [
        Implausible.PART_EXCEEDS_WHOLE
    ]


def test_every_report_of_a_data_directory_as_fraction_arithmetic_says() -> None:
    from pledgecli.load import load

    data = load(BUNDLED)
    expected = [
        warning
        for year in sorted(data.actuals)
        for province, report in data.actuals[year].items()
        for warning in _reference(
            data.catalog, report, data.actuals.get(year - 1, {}).get(province)
        )
    ]
    assert _seen(check_reports(data.catalog, data.actuals)) == expected


# -- a rule against its threshold ---------------------------------------------------------

SIGNED = [F(0), F(-1, 5), F(-1, 3), F(1, 3), F(2, 6), F("0.2"), F("0.2000001"), F(7), F(-7)]


@pytest.mark.parametrize("rule", [r for r in Rule if r is not Rule.MUST_BE])
def test_a_rule_holds_as_fraction_comparison_says(rule: Rule) -> None:
    for actual, threshold in itertools.product(SIGNED, SIGNED):
        assert holds(rule, actual, threshold) == rule.holds(actual, threshold), (actual, threshold)


@pytest.mark.parametrize(
    ("rule", "met"),
    [
        (Rule.AT_LEAST, True),
        (Rule.AT_MOST, True),
        (Rule.GROWTH_AT_LEAST, True),
        (Rule.GROWTH_AT_MOST, True),
        (Rule.ABOVE, False),
        (Rule.BELOW, False),
    ],
)
def test_exactly_on_the_threshold_meets_it_unless_the_rule_is_strict(rule: Rule, met: bool) -> None:
    # 1/3 written two ways, and a decrease of exactly 20%
    assert holds(rule, F(1, 3), F(2, 6)) is met
    assert holds(rule, F("-0.2"), F(-1, 5)) is met


def _result(rule: Rule, actual: Fraction, threshold: Fraction, status: Status) -> Result:
    # the result carries the threshold judged (a province's own, maybe); the target's rule
    target = validate(Target,
        {"id": "T1", "text": "x", "metric": "m", rule.value: "20%" if rule.is_growth else 1}
    )
    return Result(target, "soc-trang", status, threshold, actual)


@pytest.mark.parametrize("rule", [Rule.AT_LEAST, Rule.AT_MOST, Rule.ABOVE, Rule.GROWTH_AT_MOST])
def test_a_bonus_is_earned_only_past_the_threshold(rule: Rule) -> None:
    thresholds = [F(0), F(1, 3), F(7)] if not rule.is_growth else [F(-1, 5), F(0), F(1, 3)]
    for actual, threshold in itertools.product([*SIGNED, F(1, 3) + F(1, 10**9)], thresholds):
        if not rule.is_growth and actual < 0:
            continue
        result = _result(rule, actual, threshold, Status.MET)
        past = actual < threshold if rule.is_upper else actual > threshold
        assert exceeded(result) is past, (actual, threshold)


# -- scores and results as JSON -----------------------------------------------------------


def _score_reference(value: Fraction) -> object:
    hundredths = abs(value) * 100
    whole = hundredths.numerator // hundredths.denominator
    if hundredths - whole >= Fraction(1, 2):
        whole += 1
    return json_number(Fraction(whole if value >= 0 else -whole, 100))


@pytest.mark.parametrize(
    "value",
    [
        F(0),
        F(7),
        F(-7),
        F(2, 3),
        F(-2, 3),
        F(1, 200),  # 0.005: exactly half a hundredth, up
        F(-1, 200),
        F(1, 201),
        F(199, 200),  # 0.995 -> 1 (a whole number)
        F(-199, 200),
        F(100, 3),
        F(10**400),  # beyond any float
        F(10**400 + 1, 3),
        F(-(10**400) - 1, 3),
    ],
)
def test_a_score_rounds_half_up_to_hundredths_as_fraction_arithmetic_does(value: Fraction) -> None:
    got, expected = score_number(value), _score_reference(value)
    assert got == expected and type(got) is type(expected)


@pytest.mark.parametrize(
    "value", [None, True, False, F(0), F(3), F(1, 3), F(-2, 7), F(10**400, 7), F(10**30 + 1, 10)]
)
def test_a_number_is_written_as_the_json_encoder_writes_it(value: Fraction | bool | None) -> None:
    assert number_text(value) == encode(json_number(value))


@pytest.mark.parametrize("year", [2021, 2022, 2025])
def test_each_result_is_written_as_the_json_encoder_writes_its_fields(year: int) -> None:
    # the bundled data: growth targets, ratios, true/false targets, no data, corrections
    outcome = run_check(CheckRequest(year, BUNDLED))
    report = outcome.report
    statuses: set[Status] = set()
    for pledge in report.pledges:
        shown = report.shown(pledge)
        expected = [encode(result_json(r, report, pledge.pledge.cluster)) for r in shown]
        assert list(results_text(shown, report, pledge.pledge.cluster)) == expected
        statuses |= {r.status for r in shown}
    assert len(statuses) >= (3 if year == 2021 else 2)


# -- judging one province ------------------------------------------------------------------


@pytest.mark.parametrize("year", [2021, 2022, 2025])
def test_each_province_is_judged_as_the_general_path_judges_it(year: int) -> None:
    # The bundled data: ratios, growth with a merged province's assembled baseline, must_be,
    # missing figures and reports.
    from pledgecli.evaluate import evaluate, judge
    from pledgecli.load import load
    from pledgecli.merger import baseline_members_of
    from pledgecli.models import Scope

    data = load(BUNDLED)
    actuals = data.actuals
    members = baseline_members_of(data.provinces)
    statuses: set[Status] = set()
    for pledge in data.pledges[year].values():
        got = evaluate(pledge, actuals, members).results
        expected = [
            judge(pledge, target, actuals, (province,), province, members)
            for province in pledge.provinces
            for target in pledge.targets
            if target.scope is Scope.PROVINCE
        ]
        assert list(got[: len(expected)]) == expected
        statuses |= {r.status for r in expected}
    assert statuses >= {Status.MET, Status.MISSED}


@pytest.mark.parametrize(
    ("now", "before", "status", "actual"),
    [
        (F(110), F(100), Status.MET, F(1, 10)),  # exactly +10%: met
        (F("109.99"), F(100), Status.MISSED, F("0.0999")),
        (F(90), F(100), Status.MISSED, F(-1, 10)),  # a fall
        (F(100), F(0), Status.NO_BASELINE, None),  # nothing to grow from
        (F(0), F(100), Status.MISSED, F(-1)),
    ],
)
def test_growth_of_one_province_exactly(
    now: Fraction, before: Fraction, status: Status, actual: Fraction | None
) -> None:
    from pledgecli.evaluate import evaluate
    from pledgecli.models import Pledge

    pledge = validate(Pledge,
        {
            "cluster": "c",
            "name": "c",
            "year": 2021,
            "provinces": ["soc-trang"],
            "path": Path("c.toml"),
            "targets": [
                {"id": "g", "text": "x", "metric": "coop_members", "growth_at_least": "10%"}
            ],
        }
    )
    actuals = {
        2021: {"soc-trang": _report(2021, coop_members=now)},
        2020: {"soc-trang": _report(2020, coop_members=before)},
    }
    (result,) = evaluate(pledge, actuals).results
    assert (result.status, result.actual) == (status, actual)
    if status is not Status.NO_BASELINE:
        assert result.baseline == before and result.baseline_year == 2020


def _corrected(year: int, province: str, metric: str, value: int, **metrics: Any) -> Actuals:
    return validate(Actuals,
        {
            "year": year,
            "province": province,
            "path": Path(f"{province}-{year}.toml"),
            "metrics": metrics,
            "corrections": {metric: {"value": value, "reason": "sai số", "by": "cụm"}},
        }
    )


def test_a_corrected_figure_is_judged_and_named_whichever_year_it_corrects() -> None:
    from pledgecli.evaluate import evaluate, judge
    from pledgecli.models import Pledge

    provinces = ["an-giang", "can-tho", "soc-trang"]
    pledge = validate(Pledge,
        {
            "cluster": "c",
            "name": "c",
            "year": 2021,
            "path": Path("c.toml"),
            "provinces": provinces,
            "targets": [
                {"id": "count", "text": "x", "metric": "m", "at_least": 100},
                {"id": "ratio", "text": "x", "metric": "m", "per": "w", "at_least": "50%"},
                {"id": "growth", "text": "x", "metric": "m", "growth_at_least": "10%"},
                {"id": "flag", "text": "x", "metric": "f", "must_be": True},
            ],
        }
    )
    plain: dict[str, F | bool] = {"m": F(110), "w": F(200), "f": True}
    actuals = {
        2021: {
            # corrected this year: 110 reported, 90 verified
            "an-giang": _corrected(2021, "an-giang", "m", 90, m=110, w=200, f=True),
            "can-tho": replace(_report(2021, **plain), province="can-tho"),
            "soc-trang": _report(2021, **plain),
        },
        2020: {
            "an-giang": _report(2020, m=F(100), w=F(200)),
            # corrected in the baseline year: 100 reported, 50 verified
            "can-tho": _corrected(2020, "can-tho", "m", 50, m=100, w=200),
            "soc-trang": _report(2020, m=F(100), w=F(200)),
        },
    }
    got = evaluate(pledge, actuals).results
    expected = [
        judge(pledge, target, actuals, (province,), province)
        for province in provinces
        for target in pledge.targets
    ]
    assert list(got) == expected
    by = {(r.province, r.target.id): r for r in got}
    assert by["an-giang", "count"].actual == 90 and by["an-giang", "count"].corrected
    assert by["can-tho", "growth"].baseline == 50 and by["can-tho", "growth"].corrected
    assert not by["can-tho", "count"].corrected and not by["soc-trang", "growth"].corrected


@pytest.mark.parametrize("rule", ["at_least", "at_most", "above", "below"])
@pytest.mark.parametrize(
    ("figure", "threshold"),
    [
        (F(100), 100),  # exactly on the threshold
        (F("99.99"), 100),
        (F("100.01"), 100),
        (F(0), 0),
        (F(0), Decimal("0.5")),
        (F(1, 3), Decimal("0.33")),
        (F("12.5"), Decimal("12.5")),
    ],
)
def test_a_figure_against_a_number_is_judged_as_the_general_path_judges_it(
    rule: str, figure: Fraction, threshold: object
) -> None:
    from pledgecli.evaluate import evaluate, judge
    from pledgecli.models import Pledge

    provinces = ["an-giang", "can-tho", "soc-trang"]
    pledge = validate(Pledge,
        {
            "cluster": "c",
            "name": "c",
            "year": 2021,
            "path": Path("c.toml"),
            "provinces": provinces,
            "targets": [
                {
                    "id": "t",
                    "text": "x",
                    "metric": "m",
                    rule: threshold,
                    "overrides": {"can-tho": 1},
                },
                {"id": "u", "text": "x", "metric": "m", rule: threshold},
            ],
        }
    )
    actuals = {
        2021: {p: replace(_report(2021, m=figure), province=p) for p in provinces}
    }
    got = evaluate(pledge, actuals).results
    expected = [
        judge(pledge, target, actuals, (p,), p) for p in provinces for target in pledge.targets
    ]
    assert list(got) == expected
    on_threshold = figure == F(str(threshold))
    if on_threshold:  # exactly on the threshold meets it unless the rule is strict
        met = rule in ("at_least", "at_most")
        assert got[1].status is (Status.MET if met else Status.MISSED)


@pytest.mark.parametrize(
    "metrics",
    [
        {"m": F(50), "w": F(100), "f": True},  # exactly 50%
        {"m": F(1), "w": F(3), "f": False},
        {"m": F(5), "w": F(0), "f": True},  # divided by zero: no data
        {"m": F(0), "w": F(7)},  # nothing met; f missing
        {"m": F("1000.5"), "w": F(2001), "f": True},  # decimals: exactly 50%
        {"w": F(2), "f": False},
    ],
)
def test_a_ratio_and_a_yes_no_figure_are_judged_as_the_general_path_judges_them(
    metrics: dict[str, Fraction | bool],
) -> None:
    from pledgecli.evaluate import evaluate, judge
    from pledgecli.models import Pledge

    provinces = ["an-giang", "can-tho", "soc-trang"]
    pledge = validate(Pledge,
        {
            "cluster": "c",
            "name": "c",
            "year": 2021,
            "path": Path("c.toml"),
            "provinces": provinces,
            "targets": [
                {"id": "r", "text": "x", "metric": "m", "per": "w", "at_least": "50%"},
                {"id": "s", "text": "x", "metric": "m", "per": "w", "at_most": "50%"},
                {"id": "f", "text": "x", "metric": "f", "must_be": True},
                {
                    "id": "g",
                    "text": "x",
                    "metric": "f",
                    "must_be": False,
                    "overrides": {"can-tho": True},
                },
            ],
        }
    )
    actuals = {
        2021: {p: replace(_report(2021, **metrics), province=p) for p in provinces}
    }
    got = evaluate(pledge, actuals).results
    expected = [
        judge(pledge, target, actuals, (p,), p) for p in provinces for target in pledge.targets
    ]
    assert list(got) == expected


@pytest.mark.parametrize(
    ("data", "year", "province"),
    [
        (BUNDLED, 2021, None),
        (BUNDLED, 2022, None),
        (BUNDLED, 2021, "can-tho"),
        (Path(__file__).parent / "fixtures" / "scoring", 2025, None),
    ],
)
def test_each_score_is_written_as_the_json_encoder_writes_its_fields(
    data: Path, year: int, province: str | None
) -> None:
    # points in thirds; the scoring fixture: deductions, corrected figures, own scores
    from pledgecli.render.json import check_json, score_json, scores_text

    report = run_check(CheckRequest(year, data, province=province)).report
    written = 0
    for pledge in report.pledges:
        cluster = pledge.pledge.cluster
        expected = [
            encode({**score_json(score), **check_json(report.check_of(cluster, p))})
            for p in pledge.pledge.provinces
            if (score := report.score_of(cluster, p)) is not None
            and (report.province is None or p == report.province)
        ]
        assert list(scores_text(pledge, report)) == expected
        written += len(expected)
    assert written


@pytest.mark.parametrize(
    "entry",
    [
        {"name": "Cần Thơ"},
        {"name": "Cần Thơ", "aliases": ["TP Cần Thơ", "Thành phố Cần Thơ"]},
        {"name": "Sóc Trăng", "merged_into": "can-tho", "merged_on": "2025-07-01"},
        {"name": "Bạc Liêu", "aliases": [], "merged_into": "", "merged_on": "2025-07-01"},
        {"merged_on": "2025-07-01", "merged_into": "ca-mau", "name": "Bạc Liêu"},
        # refused, or taken the long way: the same answer and the same messages
        {"name": "Sóc Trăng", "merged_into": "can-tho"},
        {"name": "Sóc Trăng", "merged_on": "2025-07-01"},
        {"name": "Sóc Trăng", "merged_into": 3, "merged_on": "2025-07-01"},
        {"name": "Sóc Trăng", "merged_into": "can-tho", "merged_on": "2025-07-01T00:00:00"},
        {"name": "Sóc Trăng", "merged_into": "can-tho", "merged_on": "1 July 2025"},
        {"name": "Sóc Trăng", "merged_into": "can-tho", "merged_on": 20250701},
        {"name": "", "merged_into": "can-tho", "merged_on": "2025-07-01"},
        {"name": "Sóc Trăng", "merged_into": "can-tho", "merged_on": "2025-07-01", "x": 1},
        {"name": "Sóc Trăng", "aliases": ["ST", 3]},
    ],
)
def test_a_province_entry_is_read_as_pydantic_reads_it(entry: dict[str, Any]) -> None:
    # provinces.toml, merged provinces included: the fast path gives the model (or the
    # messages) pydantic's validation gives
    import datetime

    from pydantic import ValidationError

    from pledgecli.dataset import DataSet
    from pledgecli.load_registry import _validate_province
    from pledgecli.models import Province

    def typed(value: Any) -> Any:  # TOML gives dates and date-times as objects
        if isinstance(value, str) and value[:1].isdigit() and "-" in value:
            return (datetime.datetime if "T" in value else datetime.date).fromisoformat(value)
        return value

    raw = {key: typed(value) for key, value in entry.items()}
    data = DataSet(Path("data"))
    got = _validate_province("soc-trang", dict(raw), Path("provinces.toml"), data)
    try:
        expected: Province | None = validate(Province, dict(raw))
    except ValidationError:
        expected = None
    assert got == expected
    if got is not None and expected is not None:
        assert repr(got) == repr(expected)
        assert not data.diagnostics
    else:
        assert data.diagnostics


def test_vietnamese_numbers_and_dates_are_written_as_babel_writes_them() -> None:
    # the Vietnamese symbols and dates are known without loading Babel's data: Babel agrees
    import datetime

    from babel.dates import format_date

    from pledgecli import display
    from pledgecli.i18n import language, set_language

    assert display._symbols("vi") == display.VIETNAMESE_SYMBOLS
    before = language()
    set_language("vi")
    try:
        for day in (
            datetime.date(1, 1, 1),
            datetime.date(9, 9, 9),
            datetime.date(999, 12, 31),
            datetime.date(2021, 1, 27),
            datetime.date(2025, 7, 1),
            datetime.date(9999, 12, 31),
        ):
            assert display.date_text(day) == format_date(day, "dd/MM/yyyy", locale="vi")
        for numerator, denominator, digits in (
            (-123456789, 100, 2),
            (0, 1, 0),
            (0, 1, 3),
            (1234567, 1, 0),
            (-1, 3, 2),
            (2, 3, 4),
            (999999, 1000, 2),
        ):
            assert display._fixed(numerator, denominator, digits) == display._babel(
                numerator, denominator, digits, "vi"
            )
    finally:
        set_language(before)


_POINTS = {"new-coops": 20, "new-unions": 10, "effective-rate": Decimal("12.5")}
_EVERY_SCORING_KEY: dict[str, Any] = {
    "base": 100,
    "points": {"new-coops": 20, "new-unions": Decimal("10.5")},
    "missed": "proportional",
    "bonus": {"new-coops": 5, "effective-rate": Decimal("2.5")},
    "bonus_cap": 10,
    "nominee_must_meet_all": True,
    "bands": {"Xuất sắc": 95, "Tốt": Decimal("80.5"), "Khá": 0},
    "flag_quota": "20%",
    "certificate_quota": 3,
    "flag_min_band": "Xuất sắc",
    "certificate_min_band": "Tốt",
    "alternates": 0,
}
_EVERY_DOCUMENT_KEY: dict[str, Any] = {
    "issuer": "Liên minh HTX Việt Nam",
    "number": "12/BC-CTĐ",
    "place": "Cần Thơ",
    "date": date(2021, 12, 20),
}
# taken by the fast path, never pydantic's
_FAST = {
    "tay-nam-song-hau",
    "tay-nguyen",
    "dong-bang-song-cuu-long",
    "scoring",
    "rotation",
    "document",
    "scoring, every key",
    "scoring empty",
    "scoring points of some targets",
    "scoring points not every target",
    "scoring base decimal",
    "scoring base zero",
    "scoring quota share",
    "scoring alternates zero",
    "rotation every key",
    "document every key",
}


def _pledge_variants() -> list[tuple[str, dict[str, Any]]]:
    """The bundled pledges as the loader hands them to pydantic, and variants of the 2021
    one: plain ones (the fast path's) and every kind of problem or rarer key (pydantic's)."""
    import copy
    import datetime
    import tomllib

    from pledgecli.pledge_names import resolve_names  # noqa: F401  (ids already in the files)

    raws: list[tuple[str, dict[str, Any]]] = []
    for path in sorted((BUNDLED / "pledges").glob("*/*.toml")):
        raw = tomllib.loads(path.read_text(encoding="utf-8"), parse_float=Decimal)
        raws.append(
            (path.stem, {**raw, "year": int(path.parent.name), "cluster": path.stem, "path": path})
        )
    base = next(raw for name, raw in raws if name == "tay-nam-song-hau")

    def variant(change: Any) -> dict[str, Any]:
        raw = copy.deepcopy(base)
        change(raw)
        return raw

    def first(key: str, value: Any) -> Any:
        return lambda raw: raw["targets"][0].__setitem__(key, value)

    def top(key: str, value: Any) -> Any:
        return lambda raw: raw.__setitem__(key, value)

    changes: dict[str, Any] = {
        "deputy": top("deputy", "can-tho"),
        "deputy is leader": top("deputy", "an-giang"),
        "next_deputy": top("next_deputy", "ca-mau"),
        "leader not signing": top("leader", "ha-noi"),
        "leader not text": top("leader", 3),
        "no date": lambda raw: raw.pop("signed_on"),
        "date-time": top("signed_on", datetime.datetime(2021, 1, 27)),
        "date as text": top("signed_on", "2021-01-27"),
        "empty name": top("name", ""),
        "no name": lambda raw: raw.pop("name"),
        "unknown key": top("chair", "an-giang"),
        "scoring": top("scoring", {"base": 100}),
        "rotation": top("rotation", {"no_repeat_within": 3}),
        "document": top("document", {"place": "Cần Thơ"}),
        "scoring, every key": top("scoring", _EVERY_SCORING_KEY),
        "scoring empty": top("scoring", {}),
        "scoring points of some targets": top("scoring", {"points": _POINTS}),
        "scoring points over base": top("scoring", {"points": {"new-coops": 60, "new-unions": 41}}),
        "scoring points not every target": top("scoring", {"points": {"new-coops": 100}}),
        "scoring points of no target": top("scoring", {"points": {"nowhere": 1}}),
        "scoring points of a cluster target": lambda raw: (
            raw["targets"][1].update(scope="cluster"),
            raw.__setitem__("scoring", {"points": {"new-unions": 1}}),
        ),
        "scoring points negative": top("scoring", {"points": {"new-coops": -1}}),
        "scoring points as text": top("scoring", {"points": {"new-coops": "5"}}),
        "scoring points yes": top("scoring", {"points": {"new-coops": True}}),
        "scoring base decimal": top("scoring", {"base": Decimal("99.5")}),
        "scoring base zero": top("scoring", {"base": 0}),
        "scoring base text": top("scoring", {"base": "100"}),
        "scoring missed unknown": top("scoring", {"missed": "half"}),
        "scoring missed not text": top("scoring", {"missed": 0}),
        "scoring must meet all as 1": top("scoring", {"nominee_must_meet_all": 1}),
        "scoring bands twice": top("scoring", {"bands": {"Tốt": 80, "Khá": 80}}),
        "scoring band without name": top("scoring", {"bands": {" ": 80}}),
        "scoring min band unknown": top("scoring", {"flag_min_band": "Tốt"}),
        "scoring quota share": top("scoring", {"flag_quota": "20%", "certificate_quota": 2}),
        "scoring quota over all": top("scoring", {"flag_quota": "120%"}),
        "scoring quota negative": top("scoring", {"flag_quota": -1}),
        "scoring quota yes": top("scoring", {"flag_quota": True}),
        "scoring alternates zero": top("scoring", {"alternates": 0}),
        "scoring alternates negative": top("scoring", {"alternates": -1}),
        "scoring alternates yes": top("scoring", {"alternates": True}),
        "scoring unknown key": top("scoring", {"weight": 1}),
        "scoring not a table": top("scoring", 100),
        "rotation every key": top(
            "rotation", {"deputy_becomes_leader": False, "no_repeat_within": 1}
        ),
        "rotation zero": top("rotation", {"no_repeat_within": 0}),
        "rotation as text": top("rotation", {"no_repeat_within": "2"}),
        "rotation yes": top("rotation", {"no_repeat_within": True}),
        "rotation becomes as 0": top("rotation", {"deputy_becomes_leader": 0}),
        "rotation unknown key": top("rotation", {"every": 2}),
        "document every key": top("document", _EVERY_DOCUMENT_KEY),
        "document empty issuer": top("document", {"issuer": ""}),
        "document number not text": top("document", {"number": 12}),
        "document date-time": top("document", {"date": datetime.datetime(2021, 12, 20)}),
        "document date as text": top("document", {"date": "2021-12-20"}),
        "document unknown key": top("document", {"signer": "x"}),
        "document not a table": top("document", "x"),
        "no provinces": top("provinces", []),
        "province twice": lambda raw: raw["provinces"].append("can-tho"),
        "province not text": lambda raw: raw["provinces"].append(7),
        "no targets": top("targets", []),
        "targets not a list": top("targets", {"id": "x"}),
        "target twice": lambda raw: raw["targets"].append(copy.deepcopy(raw["targets"][0])),
        "two rules": first("at_most", 30),
        "no rule": lambda raw: raw["targets"][0].pop("at_least"),
        "threshold exactly": first("at_least", Decimal("20.5")),
        "threshold zero": first("at_least", 0),
        "threshold negative": first("at_least", -3),
        "threshold bad text": first("at_least", "lots"),
        "threshold yes/no": first("at_least", True),
        "must_be": lambda raw: raw["targets"][0].update(at_least=None, must_be=True),
        "must_be with per": lambda raw: raw["targets"][2].update(at_least=None, must_be=True),
        "override unknown": lambda raw: raw["targets"][0]["overrides"].update({"ha-noi": 3}),
        "override bad": lambda raw: raw["targets"][0]["overrides"].update({"ca-mau": "many"}),
        "overrides not a table": first("overrides", 3),
        "cluster scope": first("scope", "cluster"),
        "cluster scope, no overrides": lambda raw: raw["targets"][1].update(scope="cluster"),
        "province scope": first("scope", "province"),
        "scope unknown": first("scope", "cluter"),
        "scope not text": first("scope", ["cluster"]),
        "judged_by": lambda raw: raw["targets"][8].update(judged_by="cluster"),
        "judged_by other": lambda raw: raw["targets"][8].update(judged_by="leader"),
        "judged_by not must_be": first("judged_by", "cluster"),
        "baseline_year": lambda raw: raw["targets"][3].update(baseline_year=2019),
        "baseline_year too late": lambda raw: raw["targets"][3].update(baseline_year=2021),
        "baseline_year yes": lambda raw: raw["targets"][3].update(baseline_year=True),
        "baseline_year text": lambda raw: raw["targets"][3].update(baseline_year="2019"),
        "baseline_year not growth": first("baseline_year", 2019),
        "unit": first("unit", "HTX"),
        "unit not text": first("unit", 3),
        "empty text": first("text", ""),
        "id not text": first("id", 1),
        "unknown target key": first("weight", 2),
        "target not a table": lambda raw: raw["targets"].append("x"),
        "per not text": lambda raw: raw["targets"][2].update(per=2),
        "year not int": top("year", "2021"),
    }
    return raws + [(name, variant(change)) for name, change in changes.items()]


@pytest.mark.parametrize(("name", "raw"), _pledge_variants())
def test_a_pledge_is_built_as_pydantic_builds_it(name: str, raw: dict[str, Any]) -> None:
    # the fast path builds the very pledge pydantic validates, or leaves it to pydantic
    # (which then words the problem)
    import copy

    from pydantic import ValidationError

    from pledgecli.models import Pledge
    from pledgecli.plain_pledge import plain_pledge

    fast = plain_pledge(copy.deepcopy(raw))
    try:
        slow: Pledge | None = validate(Pledge, copy.deepcopy(raw))
    except ValidationError:
        slow = None
    if slow is None:
        assert fast is None
        return
    if fast is None:  # a rarer pledge: pydantic's (the bundled ones are always fast)
        assert name not in _FAST
        return
    assert fast == slow
    assert repr(fast) == repr(slow)
    assert asdict(fast) == asdict(slow)
    for mine, theirs in zip(fast.targets, slow.targets, strict=True):
        for field in fields(Target):
            assert type(getattr(mine, field.name)) is type(getattr(theirs, field.name))
        assert mine.threshold == theirs.threshold
    for part in ("scoring", "rotation", "document"):
        assert repr(getattr(fast, part)) == repr(getattr(slow, part))


def test_the_shipped_catalogue_is_read_flat_as_tomllib_reads_it() -> None:
    import tomllib

    from pledgecli.catalog import SHIPPED
    from pledgecli.flat_toml import parse_flat

    text = SHIPPED.read_text(encoding="utf-8")
    flat = parse_flat(text)
    assert flat is not None  # the fast path is taken
    assert flat == tomllib.loads(text, parse_float=Decimal)


def test_results_of_every_kind_are_written_as_the_json_encoder_writes_their_fields() -> None:
    """Results made by hand: on the threshold, zero, negative, decimals, beyond any float,
    true/false, no data with what is missing, no baseline, a growth with its baseline, a
    province's own threshold between others, the cluster's row, in any order."""
    from types import SimpleNamespace

    from pledgecli.models import Target
    from pledgecli.results import Result
    from pledgecli.scoring import ResultScore

    number = Target(id="t1", text="Số", metric="m", at_least=3)
    flag = Target(id="t2", text="Có", metric="f", must_be=True)
    share = ResultScore(F(5, 3), F(0), F(5, 3))
    bonus = ResultScore(F(5, 3), F(1, 2), F(5, 3))
    by_target = {"a": {"t1": share, "t2": bonus}, "b": {"t1": ResultScore(F(0), F(0), F(5, 3))}}
    report = SimpleNamespace(
        name_of=lambda p: {"a": "An Giang", "b": "Bà Rịa – Vũng Tàu"}.get(p, "Cả cụm"),
        score_of=lambda c, p: SimpleNamespace(by_target=by_target[p]) if p in by_target else None,
        points_of=lambda c, r: (
            None
            if r.province not in by_target or r.target.id not in by_target[r.province]
            else by_target[r.province][r.target.id].points + by_target[r.province][r.target.id].bonus
        ),
    )
    met, missed = Status.MET, Status.MISSED
    results = [
        Result(number, "a", met, F(3), F(3)),
        Result(number, "a", missed, F(3), F(0)),
        Result(number, "b", missed, F(5, 2), F(-7, 3)),
        Result(number, "b", met, F(1, 3), F(10**400, 3)),
        Result(number, "a", met, F(3), F(10**400)),
        Result(number, "b", met, F(3), F("25.80")),
        Result(flag, "a", met, True, True),
        Result(flag, "b", missed, True, False),
        Result(number, "a", Status.NO_DATA, F(3), missing=("a 2026: m", 'b "2026"')),
        Result(number, "b", Status.NO_BASELINE, F(1, 10), baseline_year=2025, missing=("x",)),
        Result(number, "a", met, F(1, 10), F(3, 25), F(2500), 2025),
        Result(number, None, missed, F(3), F(2)),
        Result(number, "c", met, F(3), F(4)),
    ]
    for order in (results, results[::-1], results[1::2] + results[::2]):
        expected = [encode(result_json(r, report, "x")) for r in order]  # type: ignore[arg-type]
        assert list(results_text(order, report, "x")) == expected  # type: ignore[arg-type]


def test_english_numbers_padded_as_the_format_spec_pads_them() -> None:
    """The decimals padded with zfill are those ``f"{n:0{digits}d}"`` writes: zero, a
    half rounded up, negatives (never -0), thousands grouped, long decimals."""
    from pledgecli.display import _english

    for numerator, denominator in itertools.product(
        (0, 1, -1, 5, -5, 999, 1005, -1005, 123456789, -123456789, 10**12 + 7), (1, 2, 3, 8, 1000)
    ):
        for digits in range(0, 6):
            value = Fraction(numerator, denominator)
            rounded = (value * 10**digits + Fraction(1, 2) * (1 if value >= 0 else -1))
            whole = abs(int(rounded))  # half away from zero, as to_decimal rounds
            sign = "-" if value < 0 and whole else ""
            units, decimals = divmod(whole, 10**digits)
            expected = (
                f"{sign}{units:,}.{decimals:0{digits}d}" if digits else f"{sign}{whole:,}"
            )
            assert _english(numerator, denominator, digits) == expected, (value, digits)


def test_the_plans_paths_are_shown_as_display_path_shows_them(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """``pledge import``'s plan names each report's folder once: every path reads as
    ``display_path`` says it, inside or outside the working directory, through a link,
    with ``..`` in it, in the same folder asked twice."""
    from pledgecli.diagnostics import display_path
    from pledgecli.render.plan import path_shower

    work = tmp_path / "work"
    (work / "data" / "actuals" / "2026").mkdir(parents=True)
    (tmp_path / "elsewhere").mkdir()
    (work / "link").symlink_to(work / "data", target_is_directory=True)
    (work / "loop").symlink_to(work / "loop")
    monkeypatch.chdir(work)
    names = [
        "data/actuals/2026/xa-00001.toml",
        "data/actuals/2026/xa-00002.toml",
        "link/actuals/2026/xa-00001.toml",
        "data/../data/actuals/2026/xa-00001.toml",
        "xa-00001.toml",
        ".",
        "..",
        "../elsewhere/a.toml",
        "loop/a.toml",
        str(work / "data" / "actuals" / "2026" / "xa-00003.toml"),
        str(tmp_path / "elsewhere" / "b.toml"),
        "/",
        "/x.toml",
    ]
    shown = path_shower()
    for name in [*names, *names]:  # the second time: each folder already known
        assert shown(Path(name)) == display_path(Path(name)), name


def test_the_plans_lines_of_added_figures_are_each_figures_own_text(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The plan's line of each added figure, made for a report at once, is the line made
    figure by figure: equal figures written apart (10 and 1E+1, 0 and -0) each keep
    their own text, yes/no, decimals, a metric the catalogue names, in Vietnamese."""
    from pledgecli.i18n import set_language
    from pledgecli.render import plan as plan_render
    from pledgecli.round_outcomes import Change, FilePlan, Plan

    monkeypatch.chdir(tmp_path)
    figures: list[Any] = [
        Decimal("10"), Decimal("1E+1"), Decimal("0"), Decimal("-0"), Decimal("12.50"),
        True, False, Decimal("0.001"), Decimal("123456789012345678901234567.125"),
    ]
    ten = figures[0]
    files = []
    for number, metrics in enumerate([["coops_new", "coops_active", "x"], ["coops_new"], []]):
        path = tmp_path / "actuals" / "2026" / f"xa-{number}.toml"
        file_plan = FilePlan(f"xa-{number}", f"Xã Thử Nghiệm {number}", path, False)
        file_plan.added = [
            Change(f"xa-{number}", metric, None, value, f"dòng {row}")
            for row, value in enumerate([*figures, ten])
            for metric in metrics
        ]
        files.append(file_plan)
    plan = Plan(2026, files, [], [], [])
    for lang in ("vi", "en"):
        set_language(lang)
        try:
            lines = plan_render.plan_lines(plan)
            one_by_one: list[str] = []
            named = plan_render._namer()
            for file_plan in files:
                plan_render._added_lines(file_plan, one_by_one, {}, {}, {}, named)
            assert [line for line in lines if line.startswith("  + ")] == one_by_one
            x_lines = [line for line in lines if line.startswith("  + x = ")]
            assert [line.removeprefix("  + x = ") for line in x_lines] == [
                "10", "10", "0", "-0", "12.5", "true", "false", "0.001",
                "123456789012345678901234567.125", "10",
            ]  # 0 and -0 apart though equal
        finally:
            set_language("en")
