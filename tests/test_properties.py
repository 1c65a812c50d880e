"""Properties of judging that must hold for any figures, checked with hypothesis.

Pledges and reports are built as a TOML file would give them (ints, Decimals,
percentage strings), then judged by ``evaluate`` and scored by ``scoring``.
The last properties check that the fast reader of flat TOML agrees with tomllib.
"""

from __future__ import annotations

import tomllib
from decimal import Decimal
from fractions import Fraction
from pathlib import Path
from typing import Any

from hypothesis import assume, example, given, settings
from hypothesis import strategies as st

from pledgecli.evaluate import PledgeResults, Result, Status, evaluate
from pledgecli.flat_toml import parse_flat
from pledgecli.models import Actuals, Pledge
from pledgecli.schema import validate
from pledgecli.scoring import score_pledge

YEAR = 2021
SETTINGS = settings(max_examples=150, deadline=None)


def pledge_of(
    targets: list[dict[str, Any]], provinces: list[str], scoring: dict[str, Any] | None = None
) -> Pledge:
    raw: dict[str, Any] = {
        "year": YEAR,
        "cluster": "cum",
        "path": Path("pledges/2021/cum.toml"),
        "name": "Giao ước",
        "provinces": provinces,
        "targets": targets,
    }
    if scoring is not None:
        raw["scoring"] = scoring
    return validate(Pledge, raw)


def report(year: int, province: str, metrics: dict[str, Any], **extra: Any) -> Actuals:
    path = Path(f"actuals/{year}/{province}.toml")
    return validate(Actuals,
        {"year": year, "province": province, "path": path, "metrics": metrics, **extra}
    )


def judged(pledge: Pledge, *years: dict[str, dict[str, Any]]) -> PledgeResults:
    """``years``: this year's metrics per province, then (optionally) last year's."""
    actuals = {
        YEAR - offset: {p: report(YEAR - offset, p, m) for p, m in by_province.items()}
        for offset, by_province in enumerate(years)
    }
    return evaluate(pledge, actuals)


def only(results: PledgeResults) -> Result:
    (result,) = results.results
    return result


def percent_text(hundredths: int) -> str:
    """``5833`` -> ``"58.33%"``; ``6000`` -> ``"60%"`` (as people write them)."""
    sign = "-" if hundredths < 0 else ""
    whole, part = divmod(abs(hundredths), 100)
    return f"{sign}{whole}%" if part == 0 else f"{sign}{whole}.{part:02d}%"


counts = st.integers(min_value=0, max_value=10**9)
decimals = st.decimals(min_value=0, max_value=10**7, places=2, allow_nan=False)
amounts = st.one_of(counts, decimals)  # a TOML integer or float (read as Decimal)
hundredths = st.integers(min_value=0, max_value=100_000)  # 0% ... 1000.00%


# -- raising an actual never turns met into missed (at_least), and the mirror --


@SETTINGS
@given(threshold=amounts, low=amounts, high=amounts)
def test_raising_a_count_never_unmeets_at_least(threshold: Any, low: Any, high: Any) -> None:
    low, high = sorted((low, high))
    target = {"id": "t", "text": "t", "metric": "m", "at_least": threshold}
    pledge = pledge_of([target], ["a"])
    before = only(judged(pledge, {"a": {"m": low}})).status
    after = only(judged(pledge, {"a": {"m": high}})).status
    assert not (before is Status.MET and after is Status.MISSED)


@SETTINGS
@given(threshold=amounts, low=amounts, high=amounts)
def test_lowering_a_count_never_unmeets_at_most(threshold: Any, low: Any, high: Any) -> None:
    low, high = sorted((low, high))
    target = {"id": "t", "text": "t", "metric": "m", "at_most": threshold}
    pledge = pledge_of([target], ["a"])
    before = only(judged(pledge, {"a": {"m": high}})).status
    after = only(judged(pledge, {"a": {"m": low}})).status
    assert not (before is Status.MET and after is Status.MISSED)


@SETTINGS
@given(
    rule=st.sampled_from(["at_least", "at_most"]),
    percent=hundredths,
    per=st.integers(min_value=1, max_value=10**6),
    low=counts,
    high=counts,
)
def test_moving_a_ratio_the_right_way_never_unmeets(
    rule: str, percent: int, per: int, low: int, high: int
) -> None:
    low, high = sorted((low, high))
    better, worse = (high, low) if rule == "at_least" else (low, high)
    target = {"id": "t", "text": "t", "metric": "m", "per": "d", rule: percent_text(percent)}
    pledge = pledge_of([target], ["a"])
    before = only(judged(pledge, {"a": {"m": worse, "d": per}})).status
    after = only(judged(pledge, {"a": {"m": better, "d": per}})).status
    assert not (before is Status.MET and after is Status.MISSED)


@SETTINGS
@given(
    percent=st.integers(min_value=-10_000, max_value=100_000),
    base=st.integers(min_value=1, max_value=10**9),
    low=counts,
    high=counts,
)
def test_raising_this_years_figure_never_unmeets_growth(
    percent: int, base: int, low: int, high: int
) -> None:
    low, high = sorted((low, high))
    target = {"id": "t", "text": "t", "metric": "m", "growth_at_least": percent_text(percent)}
    pledge = pledge_of([target], ["a"])
    before = only(judged(pledge, {"a": {"m": low}}, {"a": {"m": base}})).status
    after = only(judged(pledge, {"a": {"m": high}}, {"a": {"m": base}})).status
    assert not (before is Status.MET and after is Status.MISSED)


# -- exactly on the threshold is met, for every kind of rule ------------------


@SETTINGS
@given(rule=st.sampled_from(["at_least", "at_most"]), threshold=amounts)
def test_a_count_exactly_on_its_threshold_is_met(rule: str, threshold: Any) -> None:
    pledge = pledge_of([{"id": "t", "text": "t", "metric": "m", rule: threshold}], ["a"])
    assert only(judged(pledge, {"a": {"m": threshold}})).status is Status.MET


@SETTINGS
@given(
    rule=st.sampled_from(["at_least", "at_most"]),
    percent=hundredths,
    scale=st.integers(min_value=1, max_value=1000),
)
@example(rule="at_least", percent=5800, scale=1)  # 58%: 29 of 50 in the spec, here 5,800/10,000
@example(rule="at_most", percent=1, scale=3)  # 0.01%
def test_a_ratio_exactly_on_its_percentage_is_met(rule: str, percent: int, scale: int) -> None:
    target = {"id": "t", "text": "t", "metric": "m", "per": "d", rule: percent_text(percent)}
    pledge = pledge_of([target], ["a"])
    metrics = {"m": percent * scale, "d": 10_000 * scale}  # exactly percent / 100 %
    assert only(judged(pledge, {"a": metrics})).status is Status.MET


@SETTINGS
@given(
    percent=st.integers(min_value=-10_000, max_value=100_000),
    scale=st.integers(min_value=1, max_value=1000),
)
@example(percent=1000, scale=1)  # the spec's 200 + 10% = 220, scaled
def test_growth_exactly_on_its_percentage_is_met(percent: int, scale: int) -> None:
    base = 10_000 * scale
    current = base + percent * scale  # base x (1 + percent / 10,000) exactly
    target = {"id": "t", "text": "t", "metric": "m", "growth_at_least": percent_text(percent)}
    pledge = pledge_of([target], ["a"])
    result = only(judged(pledge, {"a": {"m": current}}, {"a": {"m": base}}))
    assert result.status is Status.MET
    assert result.gap == 0


@SETTINGS
@given(wanted=st.booleans())
def test_must_be_exactly_the_value_is_met(wanted: bool) -> None:
    pledge = pledge_of([{"id": "t", "text": "t", "metric": "m", "must_be": wanted}], ["a"])
    assert only(judged(pledge, {"a": {"m": wanted}})).status is Status.MET
    assert only(judged(pledge, {"a": {"m": not wanted}})).status is Status.MISSED


@SETTINGS
@given(
    rule=st.sampled_from(["at_least", "at_most", "ratio", "growth"]),
    percent=st.integers(min_value=0, max_value=100_000),
    shares=st.lists(st.integers(min_value=0, max_value=1000), min_size=1, max_size=6),
)
def test_a_cluster_total_exactly_on_its_threshold_is_met(
    rule: str, percent: int, shares: list[int]
) -> None:
    """The pooled figure of the whole cluster, exactly on the threshold, however the
    provinces split it between them."""
    assume(sum(shares) > 0)
    provinces = [f"p{i}" for i in range(len(shares))]
    total = sum(shares)
    target: dict[str, Any] = {"id": "t", "text": "t", "metric": "m", "scope": "cluster"}
    last_year: dict[str, dict[str, Any]] = {}
    if rule in ("at_least", "at_most"):
        target[rule] = total
        this_year = {p: {"m": s} for p, s in zip(provinces, shares, strict=True)}
    elif rule == "ratio":
        target.update(per="d", at_least=percent_text(percent))
        # numerators percent x share, denominators 10,000 x share: pooled exactly percent.
        this_year = {
            p: {"m": percent * s, "d": 10_000 * s} for p, s in zip(provinces, shares, strict=True)
        }
    else:
        target["growth_at_least"] = percent_text(percent)
        last_year = {p: {"m": 10_000 * s} for p, s in zip(provinces, shares, strict=True)}
        this_year = {
            p: {"m": (10_000 + percent) * s} for p, s in zip(provinces, shares, strict=True)
        }
    pledge = pledge_of([target], provinces)
    years = (this_year, last_year) if last_year else (this_year,)
    result = only(judged(pledge, *years))
    assert result.province is None
    assert result.status is Status.MET


# -- a pooled cluster ratio lies between its provinces' ratios -----------------


@SETTINGS
@given(
    figures=st.lists(
        st.tuples(counts, st.integers(min_value=1, max_value=10**9)), min_size=1, max_size=10
    ),
    percent=hundredths,
)
def test_a_pooled_cluster_ratio_lies_between_the_provinces_ratios(
    figures: list[tuple[int, int]], percent: int
) -> None:
    provinces = [f"p{i}" for i in range(len(figures))]
    target = {
        "id": "t",
        "text": "t",
        "metric": "m",
        "per": "d",
        "scope": "cluster",
        "at_least": percent_text(percent),
    }
    pledge = pledge_of([target], provinces)
    this_year = {p: {"m": m, "d": d} for p, (m, d) in zip(provinces, figures, strict=True)}
    pooled = only(judged(pledge, this_year)).actual
    ratios = [Fraction(m, d) for m, d in figures]
    assert isinstance(pooled, Fraction)
    assert min(ratios) <= pooled <= max(ratios)


# -- scores stay within their configured bounds --------------------------------


points = st.integers(min_value=0, max_value=50)


@st.composite
def scored_pledges(draw: st.DrawFn) -> tuple[Pledge, dict[int, dict[str, Actuals]]]:
    n_targets = draw(st.integers(min_value=1, max_value=5))
    ids = [f"t{i}" for i in range(n_targets)]
    rules = draw(
        st.lists(st.sampled_from(["at_least", "at_most"]), min_size=n_targets, max_size=n_targets)
    )
    thresholds = draw(st.lists(counts, min_size=n_targets, max_size=n_targets))
    targets = [
        {"id": i, "text": i, "metric": i, rule: threshold}
        for i, rule, threshold in zip(ids, rules, thresholds, strict=True)
    ]
    base = draw(st.integers(min_value=0, max_value=1000))
    listed = draw(st.lists(st.sampled_from(ids), unique=True, max_size=n_targets - 1))
    shares = draw(st.lists(points, min_size=len(listed), max_size=len(listed)))
    assume(sum(shares) <= base)
    scoring: dict[str, Any] = {
        "base": base,
        "points": dict(zip(listed, shares, strict=True)),
        "missed": draw(st.sampled_from(["zero", "proportional"])),
        "bonus": draw(st.dictionaries(st.sampled_from(ids), points, max_size=n_targets)),
    }
    if draw(st.booleans()):
        scoring["bonus_cap"] = draw(points)
    provinces = [f"p{i}" for i in range(draw(st.integers(min_value=1, max_value=4)))]
    pledge = pledge_of(targets, provinces, scoring)
    reports = {}
    for province in provinces:
        metrics = {i: draw(counts) for i in ids if draw(st.integers(0, 9))}  # some missing
        deductions = draw(
            st.lists(
                st.fixed_dictionaries({"points": points, "reason": st.just("late")}), max_size=2
            )
        )
        reports[province] = report(YEAR, province, metrics, deductions=deductions)
    return pledge, {YEAR: reports}


@SETTINGS
@given(case=scored_pledges())
def test_scores_stay_within_their_configured_bounds(
    case: tuple[Pledge, dict[int, dict[str, Actuals]]],
) -> None:
    pledge, actuals = case
    scoring = pledge.scoring
    bonus_bound = (
        scoring.bonus_cap if scoring.bonus_cap is not None else sum(scoring.bonus.values())
    )
    for score in score_pledge(evaluate(pledge, actuals), actuals[YEAR]).values():
        assert 0 <= score.points <= scoring.base
        assert 0 <= score.bonus <= bonus_bound
        assert 0 <= score.score <= scoring.base + bonus_bound
        for earned in score.by_target.values():
            assert 0 <= earned.points <= earned.weight


# -- the fast reader of flat TOML agrees with tomllib ---------------------------

keys = st.from_regex(r"[A-Za-z0-9_-]{1,12}", fullmatch=True)
plain_text = st.text(
    st.characters(exclude_categories=["Cs"], exclude_characters='"\\\n\r'), max_size=12
)
printable_text = st.text(
    st.characters(exclude_categories=["Cs", "Cc"], exclude_characters='"\\'), max_size=12
)
values = st.one_of(
    st.sampled_from(["true", "false", "0", "-0", "+7", "1_000", "3.14", "-0.0", "1_0.0_1"]),
    st.integers(min_value=-(10**12), max_value=10**12).map(str),
    st.decimals(allow_nan=False, allow_infinity=False, places=3).map(str),
    plain_text.map(lambda s: f'"{s}"'),
    plain_text.map(lambda s: "'" + s.replace("'", "") + "'"),
    st.lists(plain_text, max_size=3).map(lambda xs: "[" + ", ".join(f'"{x}"' for x in xs) + "]"),
    # things the fast path must leave to tomllib (or that are not TOML at all)
    st.sampled_from(["1e3", "inf", "nan", "0x10", "01", "1__0", "2021-01-27", "[1, 2]", "{a = 1}"]),
    st.sampled_from(['"a\\"b"', '"""x"""', "[", "true false", "'a'b'", "1.", ".5", "_1"]),
)
lines = st.one_of(
    st.tuples(keys, st.sampled_from([" = ", "=", "\t=  "]), values).map("".join),
    keys.map(lambda k: f"[{k}]"),
    keys.map(lambda k: f"[ {k} ] # table"),
    st.sampled_from(["", "   ", "# a comment", "  # đã ký", "[metrics]", "a.b = 1", "[[x]]"]),
    st.sampled_from(["key = 1 # note", 'key = "x" #', "x = 1\r", "\x7f = 1", 'k = "\x01"']),
)


def _same(fast: object, slow: object) -> bool:
    """Equal values of the same types all the way down (``1 == Decimal(1)`` is not enough)."""
    if type(fast) is not type(slow):
        return False
    if isinstance(fast, dict):
        assert isinstance(slow, dict)
        return fast.keys() == slow.keys() and all(_same(fast[k], slow[k]) for k in fast)
    if isinstance(fast, list):
        assert isinstance(slow, list)
        return len(fast) == len(slow) and all(_same(a, b) for a, b in zip(fast, slow, strict=True))
    if isinstance(fast, Decimal):
        assert isinstance(slow, Decimal)
        return fast.as_tuple() == slow.as_tuple()
    return bool(fast == slow)


@settings(max_examples=2000, deadline=None)
@given(text=st.lists(lines, max_size=8).map("\n".join), newline=st.sampled_from(["\n", "\r\n"]))
def test_the_flat_reader_parses_what_tomllib_parses_the_same_way(text: str, newline: str) -> None:
    text = text.replace("\n", newline)
    fast = parse_flat(text)
    if fast is None:
        return  # left to tomllib, which decides (and explains)
    slow = tomllib.loads(text, parse_float=Decimal)
    assert _same(fast, slow), (text, fast, slow)


@SETTINGS
@given(
    metrics=st.dictionaries(
        keys, st.one_of(st.booleans(), counts, decimals), min_size=1, max_size=20
    ),
    source=printable_text,
)
def test_a_plain_report_takes_the_fast_path(metrics: dict[str, Any], source: str) -> None:
    lines = [f'source = "{source}"', "", "[metrics]"]
    lines += [f"{k} = {str(v).lower() if isinstance(v, bool) else v}" for k, v in metrics.items()]
    text = "\n".join(lines) + "\n"
    fast = parse_flat(text)
    assert fast is not None
    assert _same(fast, tomllib.loads(text, parse_float=Decimal))
