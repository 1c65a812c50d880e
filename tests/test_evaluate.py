"""Evaluation through the library: inline data -> loader -> evaluate -> statuses and values.

Every case writes a tiny data directory (two signatories, An Giang and Cần Thơ, a
2021 pledge, 2021 actuals and 2020 baselines), loads it as the CLI does and judges it.
"""

from __future__ import annotations

import textwrap
from collections.abc import Mapping
from decimal import Decimal
from fractions import Fraction
from pathlib import Path

import pytest
from conftest import WriteData
from hypothesis import given, settings
from hypothesis import strategies as st

from pledgecli.evaluate import Result, Status, evaluate
from pledgecli.load import load
from pledgecli.models import Actuals, Pledge
from pledgecli.schema import validate

MET, MISSED, NO_DATA, NO_BASELINE = (
    Status.MET,
    Status.MISSED,
    Status.NO_DATA,
    Status.NO_BASELINE,
)

Results = dict[tuple[str | None, str], Result]


def judge(
    tmp_path: Path,
    write_data: WriteData,
    provinces_toml: str,
    target: str,
    actuals: Mapping[str, str | None],
    *,
    signatories: tuple[str, ...] = ("an-giang", "can-tho"),
) -> Results:
    """Judge one target (TOML lines under ``[[targets]]``, without id/text) on ``actuals``.

    ``actuals`` maps ``"YEAR/province"`` to the lines of its ``[metrics]`` table;
    ``None`` writes no file at all.
    """
    provinces = ", ".join(f'"{p}"' for p in signatories)
    pledge = (
        'name = "Cụm thử"\n'
        f"provinces = [{provinces}]\n\n"
        "[[targets]]\n"
        'id = "t"\n'
        'text = "Chỉ tiêu thử"\n' + textwrap.dedent(target).strip() + "\n"
    )
    files = {
        "provinces.toml": provinces_toml,
        "pledges/2021/cum-thu.toml": pledge,
    }
    for key, metrics in actuals.items():
        if metrics is not None:
            files[f"actuals/{key}.toml"] = "[metrics]\n" + textwrap.dedent(metrics).strip() + "\n"
    root = write_data(tmp_path, files)
    data = load(root, 2021)
    assert data.ok, [d.render() for d in data.diagnostics]
    judged = evaluate(data.pledges[2021]["cum-thu"], data.actuals)
    return {(r.province, r.target.id): r for r in judged.results}


# -- one province, one target ------------------------------------------------------

PROVINCE_CASES = [
    # (case id, target lines, 2021 metrics, 2020 metrics, status, actual)
    ("at_least exactly on threshold", "metric = 'n'\nat_least = 20", "n = 20", None, MET, 20),
    ("at_least one above", "metric = 'n'\nat_least = 20", "n = 21", None, MET, 21),
    ("at_least one below", "metric = 'n'\nat_least = 20", "n = 19", None, MISSED, 19),
    ("at_least zero threshold", "metric = 'n'\nat_least = 0", "n = 0", None, MET, 0),
    ("at_most exactly on threshold", "metric = 'n'\nat_most = 5", "n = 5", None, MET, 5),
    ("at_most one above", "metric = 'n'\nat_most = 5", "n = 6", None, MISSED, 6),
    ("at_most below", "metric = 'n'\nat_most = 5", "n = 0", None, MET, 0),
    (
        "ratio 29 of 50 meets 58%",
        "metric = 'a'\nper = 'b'\nat_least = '58%'",
        "a = 29\nb = 50",
        None,
        MET,
        Fraction(29, 50),
    ),
    (
        "ratio 28 of 50 misses 58%",
        "metric = 'a'\nper = 'b'\nat_least = '58%'",
        "a = 28\nb = 50",
        None,
        MISSED,
        Fraction(28, 50),
    ),
    (
        "ratio 156 of 260 is exactly 60%",
        "metric = 'a'\nper = 'b'\nat_least = '60%'",
        "a = 156\nb = 260",
        None,
        MET,
        Fraction(3, 5),
    ),
    (
        "ratio with decimal percentage 12.5%",
        "metric = 'a'\nper = 'b'\nat_least = '12.5%'",
        "a = 1\nb = 8",
        None,
        MET,
        Fraction(1, 8),
    ),
    (
        "ratio at_most exactly",
        "metric = 'a'\nper = 'b'\nat_most = '25%'",
        "a = 1\nb = 4",
        None,
        MET,
        Fraction(1, 4),
    ),
    (
        "ratio at_most just above",
        "metric = 'a'\nper = 'b'\nat_most = '25%'",
        "a = 26\nb = 100",
        None,
        MISSED,
        Fraction(26, 100),
    ),
    (
        "growth 200 -> 220 meets +10%",
        "metric = 'm'\ngrowth_at_least = '10%'",
        "m = 220",
        "m = 200",
        MET,
        Fraction(1, 10),
    ),
    (
        "growth 200 -> 219 misses +10%",
        "metric = 'm'\ngrowth_at_least = '10%'",
        "m = 219",
        "m = 200",
        MISSED,
        Fraction(19, 200),
    ),
    (
        # binary floats give 226/200 - 1 = 0.12999999999999990 < 0.13
        "growth 200 -> 226 meets +13% (float would miss)",
        "metric = 'm'\ngrowth_at_least = '13%'",
        "m = 226",
        "m = 200",
        MET,
        Fraction(13, 100),
    ),
    (
        "growth 7.998% misses 8%",
        "metric = 'm'\ngrowth_at_least = '8%'",
        "m = 107998",
        "m = 100000",
        MISSED,
        Fraction(7998, 100000),
    ),
    (
        "negative growth threshold",
        "metric = 'm'\ngrowth_at_least = '-5%'",
        "m = 95",
        "m = 100",
        MET,
        Fraction(-5, 100),
    ),
    ("must_be true, true", "metric = 'f'\nmust_be = true", "f = true", None, MET, True),
    ("must_be true, false", "metric = 'f'\nmust_be = true", "f = false", None, MISSED, False),
    ("must_be false, false", "metric = 'f'\nmust_be = false", "f = false", None, MET, False),
    ("must_be false, true", "metric = 'f'\nmust_be = false", "f = true", None, MISSED, True),
    ("float 0.3 at_least 0.3", "metric = 'x'\nat_least = 0.3", "x = 0.3", None, MET, Fraction(3, 10)),
    (
        "float just above 0.3 misses at_most 0.3",
        "metric = 'x'\nat_most = 0.3",
        "x = 0.30000000000000004",
        None,
        MISSED,
        Fraction("0.30000000000000004"),
    ),
    (
        "float threshold 0.1 with fraction of counts",
        "metric = 'x'\nat_most = 0.1",
        "x = 0.1",
        None,
        MET,
        Fraction(1, 10),
    ),
    # strict comparisons: trên/hơn N (above), dưới N (below); exactly on misses
    (
        "above exactly on threshold misses",
        "metric = 'n'\nabove = 400",
        "n = 400",
        None,
        MISSED,
        400,
    ),
    ("above one more meets", "metric = 'n'\nabove = 400", "n = 401", None, MET, 401),
    ("below exactly on threshold misses", "metric = 'n'\nbelow = 5", "n = 5", None, MISSED, 5),
    ("below one less meets", "metric = 'n'\nbelow = 5", "n = 4", None, MET, 4),
    (
        "above a fraction",
        "metric = 'x'\nabove = 1.5",
        "x = 1.50001",
        None,
        MET,
        Fraction("1.50001"),
    ),
    (
        "ratio above exactly 60% misses",
        "metric = 'a'\nper = 'b'\nabove = '60%'",
        "a = 3\nb = 5",
        None,
        MISSED,
        Fraction(3, 5),
    ),
    (
        "ratio below just under 10% meets",
        "metric = 'a'\nper = 'b'\nbelow = '10%'",
        "a = 99\nb = 1000",
        None,
        MET,
        Fraction(99, 1000),
    ),
    # a decrease: giảm 20% is growth_at_most = "-20%"
    (
        "decrease 200 -> 160 is exactly -20%",
        "metric = 'm'\ngrowth_at_most = '-20%'",
        "m = 160",
        "m = 200",
        MET,
        Fraction(-1, 5),
    ),
    (
        "decrease 200 -> 161 misses -20%",
        "metric = 'm'\ngrowth_at_most = '-20%'",
        "m = 161",
        "m = 200",
        MISSED,
        Fraction(-39, 200),
    ),
    (
        "growth_at_most +5%: 200 -> 210 exactly",
        "metric = 'm'\ngrowth_at_most = '5%'",
        "m = 210",
        "m = 200",
        MET,
        Fraction(1, 20),
    ),
    (
        "judged by the cluster: yes",
        "metric = 'f'\njudged_by = 'cluster'\nmust_be = true",
        "f = true",
        None,
        MET,
        True,
    ),
    (
        "judged by the cluster: no",
        "metric = 'f'\njudged_by = 'cluster'\nmust_be = true",
        "f = false",
        None,
        MISSED,
        False,
    ),
]


@pytest.mark.parametrize(
    ("target", "current", "baseline", "status", "actual"),
    [pytest.param(*case[1:], id=case[0]) for case in PROVINCE_CASES],
)
def test_province_rule(
    tmp_path: Path,
    write_data: WriteData,
    provinces_toml: str,
    target: str,
    current: str,
    baseline: str | None,
    status: Status,
    actual: Fraction | bool,
) -> None:
    results = judge(
        tmp_path,
        write_data,
        provinces_toml,
        target,
        {"2021/an-giang": current, "2020/an-giang": baseline},
        signatories=("an-giang",),
    )
    result = results[("an-giang", "t")]
    assert result.status is status
    assert result.actual == actual
    if isinstance(actual, bool):
        assert result.actual is actual


def test_growth_result_carries_baseline(
    tmp_path: Path, write_data: WriteData, provinces_toml: str
) -> None:
    results = judge(
        tmp_path,
        write_data,
        provinces_toml,
        "metric = 'm'\ngrowth_at_least = '10%'",
        {"2021/an-giang": "m = 220", "2020/an-giang": "m = 200"},
        signatories=("an-giang",),
    )
    result = results[("an-giang", "t")]
    assert (result.baseline, result.baseline_year) == (Fraction(200), 2020)
    assert result.threshold == Fraction(1, 10)
    assert result.gap == 0


# -- overrides ------------------------------------------------------------------------


def test_override_replaces_the_threshold_for_one_province_only(
    tmp_path: Path, write_data: WriteData, provinces_toml: str
) -> None:
    results = judge(
        tmp_path,
        write_data,
        provinces_toml,
        """
        metric = "n"
        at_least = 20
        [targets.overrides]
        an-giang = 15
        """,
        {"2021/an-giang": "n = 15", "2021/can-tho": "n = 15"},
    )
    assert results[("an-giang", "t")].status is MET
    assert results[("an-giang", "t")].threshold == 15
    assert results[("can-tho", "t")].status is MISSED
    assert results[("can-tho", "t")].threshold == 20


def test_override_of_a_ratio_is_a_percentage(
    tmp_path: Path, write_data: WriteData, provinces_toml: str
) -> None:
    results = judge(
        tmp_path,
        write_data,
        provinces_toml,
        """
        metric = "a"
        per = "b"
        at_least = "60%"
        overrides = { can-tho = "50%" }
        """,
        {"2021/an-giang": "a = 55\nb = 100", "2021/can-tho": "a = 55\nb = 100"},
    )
    assert results[("an-giang", "t")].status is MISSED
    assert results[("can-tho", "t")].status is MET
    assert results[("can-tho", "t")].threshold == Fraction(1, 2)


def test_override_can_raise_a_threshold(
    tmp_path: Path, write_data: WriteData, provinces_toml: str
) -> None:
    results = judge(
        tmp_path,
        write_data,
        provinces_toml,
        """
        metric = "n"
        at_least = 20
        overrides = { can-tho = 30 }
        """,
        {"2021/an-giang": "n = 25", "2021/can-tho": "n = 25"},
    )
    assert results[("an-giang", "t")].status is MET
    assert results[("can-tho", "t")].status is MISSED


# -- cluster scope --------------------------------------------------------------------

CLUSTER_CASES = [
    # (case id, target lines, an-giang 2021, can-tho 2021, an-giang 2020, can-tho 2020,
    #  status, actual)
    (
        "sum of counts exactly on threshold",
        "metric = 'n'\nat_least = 25",
        "n = 10",
        "n = 15",
        None,
        None,
        MET,
        25,
    ),
    (
        "sum of counts one below",
        "metric = 'n'\nat_least = 26",
        "n = 10",
        "n = 15",
        None,
        None,
        MISSED,
        25,
    ),
    (
        # average of 90% and 50% is 70% (would meet); pooled 59/110 = 53.6% misses
        "pooled ratio misses where average of percentages would meet",
        "metric = 'a'\nper = 'b'\nat_least = '60%'",
        "a = 9\nb = 10",
        "a = 50\nb = 100",
        None,
        None,
        MISSED,
        Fraction(59, 110),
    ),
    (
        # average of 10% and 90% is 50% (would miss); pooled 91/110 = 82.7% meets
        "pooled ratio meets where average of percentages would miss",
        "metric = 'a'\nper = 'b'\nat_least = '60%'",
        "a = 1\nb = 10",
        "a = 90\nb = 100",
        None,
        None,
        MET,
        Fraction(91, 110),
    ),
    (
        "pooled ratio with one zero denominator still pools",
        "metric = 'a'\nper = 'b'\nat_least = '60%'",
        "a = 0\nb = 0",
        "a = 60\nb = 100",
        None,
        None,
        MET,
        Fraction(3, 5),
    ),
    (
        # average of +50% and 0% is +25% (would meet); pooled 1150/1100 - 1 = +4.5% misses
        "pooled growth is sum(value)/sum(baseline) - 1",
        "metric = 'm'\ngrowth_at_least = '10%'",
        "m = 150",
        "m = 1000",
        "m = 100",
        "m = 1000",
        MISSED,
        Fraction(1, 22),
    ),
    (
        "pooled growth exactly on threshold",
        "metric = 'm'\ngrowth_at_least = '10%'",
        "m = 120",
        "m = 100",
        "m = 100",
        "m = 100",
        MET,
        Fraction(1, 10),
    ),
    (
        "must_be holds when every province holds",
        "metric = 'f'\nmust_be = true",
        "f = true",
        "f = true",
        None,
        None,
        MET,
        True,
    ),
    (
        "must_be fails when one province fails",
        "metric = 'f'\nmust_be = true",
        "f = true",
        "f = false",
        None,
        None,
        MISSED,
        False,
    ),
    (
        "must_be false holds when every province is false",
        "metric = 'f'\nmust_be = false",
        "f = false",
        "f = false",
        None,
        None,
        MET,
        False,
    ),
    (
        "must_be false fails when one province is true",
        "metric = 'f'\nmust_be = false",
        "f = true",
        "f = false",
        None,
        None,
        MISSED,
        True,
    ),
    (
        # in binary floating point 0.1 + 0.2 > 0.3
        "pooled floats 0.1 + 0.2 are exactly 0.3",
        "metric = 'x'\nat_most = 0.3",
        "x = 0.1",
        "x = 0.2",
        None,
        None,
        MET,
        Fraction(3, 10),
    ),
    ("no-data when one province lacks the metric", "metric = 'n'\nat_least = 1",
     "n = 10", "other = 1", None, None, NO_DATA, None),
    ("no-data when one province has no report", "metric = 'n'\nat_least = 1",
     "n = 10", None, None, None, NO_DATA, None),
    ("no-data when one province lacks the denominator", "metric = 'a'\nper = 'b'\nat_least = '1%'",
     "a = 1\nb = 2", "a = 1", None, None, NO_DATA, None),
    ("no-data when the pooled denominator is 0", "metric = 'a'\nper = 'b'\nat_least = '1%'",
     "a = 0\nb = 0", "a = 0\nb = 0", None, None, NO_DATA, None),
    ("no-data for must_be when one province lacks the flag", "metric = 'f'\nmust_be = true",
     "f = true", "other = true", None, None, NO_DATA, None),
    ("no-baseline when one province lacks its baseline", "metric = 'm'\ngrowth_at_least = '1%'",
     "m = 10", "m = 10", "m = 5", None, NO_BASELINE, None),
    ("no-baseline when the pooled baseline is 0", "metric = 'm'\ngrowth_at_least = '1%'",
     "m = 10", "m = 10", "m = 0", "m = 0", NO_BASELINE, None),
    ("no-data beats no-baseline when a current value is missing",
     "metric = 'm'\ngrowth_at_least = '1%'", "m = 10", None, "m = 5", None, NO_DATA, None),
]


@pytest.mark.parametrize(
    ("target", "an_giang", "can_tho", "an_giang_base", "can_tho_base", "status", "actual"),
    [pytest.param(*case[1:], id=case[0]) for case in CLUSTER_CASES],
)
def test_cluster_scope(
    tmp_path: Path,
    write_data: WriteData,
    provinces_toml: str,
    target: str,
    an_giang: str | None,
    can_tho: str | None,
    an_giang_base: str | None,
    can_tho_base: str | None,
    status: Status,
    actual: Fraction | bool | None,
) -> None:
    results = judge(
        tmp_path,
        write_data,
        provinces_toml,
        target + "\nscope = 'cluster'",
        {
            "2021/an-giang": an_giang,
            "2021/can-tho": can_tho,
            "2020/an-giang": an_giang_base,
            "2020/can-tho": can_tho_base,
        },
    )
    assert set(results) == {(None, "t")}, "a cluster target is judged once, with province None"
    result = results[(None, "t")]
    assert result.status is status
    assert result.actual == actual


# -- no-data and no-baseline for one province ----------------------------------------

STATUS_CASES = [
    # (case id, target lines, 2021 metrics or None for no file, 2020 metrics or None, status)
    ("no actuals file", "metric = 'n'\nat_least = 1", None, None, NO_DATA),
    ("metric missing from the file", "metric = 'n'\nat_least = 1", "other = 5", None, NO_DATA),
    ("ratio numerator missing", "metric = 'a'\nper = 'b'\nat_least = '60%'", "b = 10", None, NO_DATA),
    ("ratio denominator missing", "metric = 'a'\nper = 'b'\nat_least = '60%'", "a = 10", None, NO_DATA),
    ("ratio denominator 0", "metric = 'a'\nper = 'b'\nat_least = '60%'", "a = 0\nb = 0", None, NO_DATA),
    ("must_be flag missing", "metric = 'f'\nmust_be = true", "other = true", None, NO_DATA),
    ("growth: current value missing", "metric = 'm'\ngrowth_at_least = '8%'", "other = 1", "m = 100",
     NO_DATA),
    ("growth: no baseline file", "metric = 'm'\ngrowth_at_least = '8%'", "m = 100", None, NO_BASELINE),
    ("growth: baseline value missing", "metric = 'm'\ngrowth_at_least = '8%'", "m = 100", "other = 1",
     NO_BASELINE),
    ("growth: baseline 0", "metric = 'm'\ngrowth_at_least = '8%'", "m = 100", "m = 0", NO_BASELINE),
    (
        "growth of a ratio: baseline denominator 0",
        "metric = 'a'\nper = 'b'\ngrowth_at_least = '8%'",
        "a = 5\nb = 10",
        "a = 0\nb = 0",
        NO_BASELINE,
    ),
]


@pytest.mark.parametrize(
    ("target", "current", "baseline", "status"),
    [pytest.param(*case[1:], id=case[0]) for case in STATUS_CASES],
)
def test_missing_values(
    tmp_path: Path,
    write_data: WriteData,
    provinces_toml: str,
    target: str,
    current: str | None,
    baseline: str | None,
    status: Status,
) -> None:
    results = judge(
        tmp_path,
        write_data,
        provinces_toml,
        target,
        {"2021/an-giang": current, "2020/an-giang": baseline, "2021/can-tho": "unrelated = 1"},
        signatories=("an-giang",),
    )
    result = results[("an-giang", "t")]
    assert result.status is status
    assert result.actual is None
    assert result.gap is None


def test_baseline_year_override(tmp_path: Path, write_data: WriteData, provinces_toml: str) -> None:
    """With baseline_year = 2019 the 2020 figure is ignored."""
    results = judge(
        tmp_path,
        write_data,
        provinces_toml,
        "metric = 'm'\ngrowth_at_least = '10%'\nbaseline_year = 2019",
        {
            "2021/an-giang": "m = 121",
            "2020/an-giang": "m = 120",  # +0.8% over 2020: would miss
            "2019/an-giang": "m = 110",  # +10% over 2019: meets
        },
        signatories=("an-giang",),
    )
    result = results[("an-giang", "t")]
    assert result.status is MET
    assert (result.baseline, result.baseline_year) == (Fraction(110), 2019)
    assert result.actual == Fraction(1, 10)


def test_baseline_year_override_without_that_year_is_no_baseline(
    tmp_path: Path, write_data: WriteData, provinces_toml: str
) -> None:
    results = judge(
        tmp_path,
        write_data,
        provinces_toml,
        "metric = 'm'\ngrowth_at_least = '10%'\nbaseline_year = 2019",
        {"2021/an-giang": "m = 121", "2020/an-giang": "m = 100"},
        signatories=("an-giang",),
    )
    assert results[("an-giang", "t")].status is NO_BASELINE


def test_every_signatory_is_judged_on_every_province_target(
    tmp_path: Path, write_data: WriteData, provinces_toml: str
) -> None:
    results = judge(
        tmp_path,
        write_data,
        provinces_toml,
        "metric = 'n'\nat_least = 1",
        {"2021/an-giang": "n = 1"},
        signatories=("an-giang", "can-tho", "dak-lak"),
    )
    assert {province for province, _ in results} == {"an-giang", "can-tho", "dak-lak"}
    assert results[("an-giang", "t")].status is MET
    assert results[("can-tho", "t")].status is NO_DATA
    assert results[("dak-lak", "t")].status is NO_DATA


# -- the bundled data ----------------------------------------------------------------


@pytest.fixture(scope="module")
def bundled_2021() -> Results:
    from conftest import BUNDLED

    data = load(BUNDLED, 2021)
    assert data.ok
    judged = evaluate(data.pledges[2021]["tay-nam-song-hau"], data.actuals)
    return {(r.province, r.target.id): r for r in judged.results}


def test_bundled_2021_mix(bundled_2021: Results) -> None:
    counts = {status: 0 for status in Status}
    for result in bundled_2021.values():
        counts[result.status] += 1
    assert counts == {MET: 61, MISSED: 15, NO_DATA: 1, NO_BASELINE: 1}
    assert bundled_2021[("ca-mau", "rural-households")].status is NO_DATA
    assert bundled_2021[("hau-giang", "alliance-members-growth")].status is NO_BASELINE


@pytest.mark.parametrize(
    ("province", "target", "status", "actual"),
    [
        ("soc-trang", "effective-rate", MET, Fraction(3, 5)),
        ("bac-lieu", "managers-trained-growth", MET, Fraction(1, 10)),
        ("ca-mau", "members-growth", MET, Fraction(8, 100)),
        ("kien-giang", "new-coops", MET, 15),
        ("hau-giang", "staff-trained-rate", MET, Fraction(2, 5)),
        ("kien-giang", "members-growth", MISSED, None),
        (None, "cluster-new-coops", MET, 157),
    ],
)
def test_bundled_2021_boundaries(
    bundled_2021: Results,
    province: str | None,
    target: str,
    status: Status,
    actual: Fraction | None,
) -> None:
    result = bundled_2021[(province, target)]
    assert result.status is status
    if actual is not None:
        assert result.actual == actual


def test_bundled_2021_kien_giang_override(bundled_2021: Results) -> None:
    assert bundled_2021[("kien-giang", "new-coops")].threshold == 15
    assert bundled_2021[("can-tho", "new-coops")].threshold == 20


def test_bundled_2021_kien_giang_growth_just_below_8_percent(bundled_2021: Results) -> None:
    result = bundled_2021[("kien-giang", "members-growth")]
    assert isinstance(result.actual, Fraction)
    assert Fraction(7997, 100000) < result.actual < Fraction(8, 100)


def test_bundled_2022_mix() -> None:
    from conftest import BUNDLED

    data = load(BUNDLED, 2022)
    assert data.ok
    judged = evaluate(data.pledges[2022]["tay-nguyen"], data.actuals)
    statuses = [r.status for r in judged.results]
    assert (statuses.count(MET), statuses.count(MISSED)) == (18, 3)
    lam_dong = next(
        r for r in judged.results if r.province == "lam-dong" and r.target.id == "new-coops"
    )
    assert (lam_dong.actual, lam_dong.status) == (20, MET)


# -- exact arithmetic against an oracle ---------------------------------------------------


def _pledge(target: dict[str, object]) -> Pledge:
    return validate(Pledge,
        {
            "year": 2021,
            "cluster": "cum-thu",
            "path": Path("pledges/2021/cum-thu.toml"),
            "name": "Cụm thử",
            "provinces": ["an-giang"],
            "targets": [{"id": "t", "text": "t", **target}],
        }
    )


def _actuals(year: int, metrics: dict[str, object]) -> Actuals:
    return validate(Actuals,
        {
            "year": year,
            "province": "an-giang",
            "path": Path(f"actuals/{year}/an-giang.toml"),
            "metrics": metrics,
        }
    )


def _percent(hundredths: int) -> str:
    return f"{Decimal(hundredths).scaleb(-2)}%"


@settings(max_examples=300, deadline=None)
@given(
    base=st.integers(1, 10**6),
    value=st.integers(0, 10**7),
    hundredths=st.integers(-5_000, 30_000),
)
def test_growth_is_judged_exactly(base: int, value: int, hundredths: int) -> None:
    pledge = _pledge({"metric": "m", "growth_at_least": _percent(hundredths)})
    actuals = {
        2021: {"an-giang": _actuals(2021, {"m": value})},
        2020: {"an-giang": _actuals(2020, {"m": base})},
    }
    (result,) = evaluate(pledge, actuals).results
    expected = Fraction(value, base) - 1 >= Fraction(hundredths, 10_000)
    assert (result.status is MET) is expected
    assert result.actual == Fraction(value - base, base)


@settings(max_examples=300, deadline=None)
@given(
    numerator=st.integers(0, 10**6),
    denominator=st.integers(1, 10**6),
    hundredths=st.integers(0, 10_000),
    rule=st.sampled_from(["at_least", "at_most"]),
)
def test_ratio_is_judged_exactly(
    numerator: int, denominator: int, hundredths: int, rule: str
) -> None:
    pledge = _pledge({"metric": "a", "per": "b", rule: _percent(hundredths)})
    actuals = {2021: {"an-giang": _actuals(2021, {"a": numerator, "b": denominator})}}
    (result,) = evaluate(pledge, actuals).results
    ratio, threshold = Fraction(numerator, denominator), Fraction(hundredths, 10_000)
    expected = ratio >= threshold if rule == "at_least" else ratio <= threshold
    assert (result.status is MET) is expected


@settings(max_examples=300, deadline=None)
@given(
    value=st.decimals(min_value=0, max_value=10**6, places=3, allow_nan=False),
    threshold=st.decimals(min_value=0, max_value=10**6, places=3, allow_nan=False),
)
def test_decimal_counts_are_judged_exactly(value: Decimal, threshold: Decimal) -> None:
    """TOML floats reach the models as Decimal (``parse_float=Decimal``)."""
    pledge = _pledge({"metric": "x", "at_least": threshold})
    actuals = {2021: {"an-giang": _actuals(2021, {"x": value})}}
    (result,) = evaluate(pledge, actuals).results
    assert (result.status is MET) is (value >= threshold)


# -- the rules drafts need: decrease without a baseline, judged_by misuse ----------------


def test_decrease_without_baseline_has_no_baseline(
    tmp_path: Path, write_data: WriteData, provinces_toml: str
) -> None:
    results = judge(
        tmp_path,
        write_data,
        provinces_toml,
        "metric = 'm'\ngrowth_at_most = '-20%'",
        {"2021/an-giang": "m = 10"},
        signatories=("an-giang",),
    )
    assert results[("an-giang", "t")].status is NO_BASELINE


@pytest.mark.parametrize(
    ("target", "message"),
    [
        ("metric = 'n'\njudged_by = 'cluster'\nat_least = 3", "give it must_be = true"),
        ("metric = 'f'\njudged_by = 'province'\nmust_be = true", 'judged_by must be "cluster"'),
        ("metric = 'a'\nper = 'b'\nbelow = 10", 'write it as a percentage: \\"10%\\"'),
        ("metric = 'm'\ngrowth_at_most = -20", "the threshold of a growth rule"),
        ("metric = 'n'\nabove = 3\nat_least = 3", "has 2 rules"),
    ],
)
def test_new_rules_are_checked(
    tmp_path: Path, write_data: WriteData, provinces_toml: str, target: str, message: str
) -> None:
    root = write_data(
        tmp_path,
        {
            "provinces.toml": provinces_toml,
            "pledges/2021/cum-thu.toml": (
                'name = "Cụm thử"\nprovinces = ["an-giang"]\n\n[[targets]]\nid = "t"\n'
                'text = "Chỉ tiêu thử"\n' + target + "\n"
            ),
        },
    )
    data = load(root, 2021)
    assert not data.ok
    rendered = " ".join(d.render() for d in data.diagnostics)
    assert message.replace("\\", "") in rendered, rendered


@pytest.mark.parametrize(
    ("rule", "threshold", "actual", "share", "beyond"),
    [
        # giảm 20%: a fall of 10% got half way; a rise got nowhere; -25% is beyond it
        ("growth_at_most", "-20%", Fraction(-1, 10), Fraction(1, 2), False),
        ("growth_at_most", "-20%", Fraction(1, 10), Fraction(0), False),
        ("growth_at_most", "-20%", Fraction(-1, 4), Fraction(1), True),
        # dưới 5: 10 is half way; 4 is beyond it
        ("below", 5, Fraction(10), Fraction(1, 2), False),
        ("below", 5, Fraction(4), Fraction(1), True),
        # trên 400: 200 is half way; 401 is beyond it
        ("above", 400, Fraction(200), Fraction(1, 2), False),
        ("above", 400, Fraction(401), Fraction(1), True),
    ],
)
def test_new_rules_in_scoring(
    rule: str, threshold: object, actual: Fraction, share: Fraction, beyond: bool
) -> None:
    from pledgecli.models import Target
    from pledgecli.scoring import attainment, exceeded

    target = validate(Target, {"id": "t", "text": "x", "metric": "m", rule: threshold})
    limit = target.threshold
    assert isinstance(limit, Fraction)
    status = MET if target.rule.holds(actual, limit) else MISSED
    result = Result(target, "an-giang", status, limit, actual)
    assert (status is MET) == beyond
    if status is MISSED:
        assert attainment(result) == share
    assert exceeded(result) is beyond
