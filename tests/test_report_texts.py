"""The figures' texts a review keeps for its two tables of results (render/grid.py,
render/report.py) read exactly as display's own ``value_text`` and ``gap_text`` write them:
on the threshold, either side of it, zero, negative, decimals, yes/no, no data, in both
languages; and each is made once per review however many units show it."""

from __future__ import annotations

from collections.abc import Iterator
from fractions import Fraction
from types import SimpleNamespace

import pytest
from conftest import BUNDLED, EDGE_FIGURES, Run

from pledgecli import display, i18n
from pledgecli.evaluate import Result
from pledgecli.figures import Threshold
from pledgecli.models import Rule, Target
from pledgecli.render import grid, report_rows
from pledgecli.service import CheckRequest, run_check

F = Fraction


@pytest.fixture(params=["en", "vi"])
def lang(request: pytest.FixtureRequest) -> Iterator[str]:
    before = i18n.language()
    i18n.set_language(request.param)
    yield request.param
    i18n.set_language(before)


def bundled_results() -> list[Result]:
    results: list[Result] = []
    for year in (2021, 2022, 2025):
        outcome = run_check(CheckRequest(year, BUNDLED))
        for pledge in outcome.report.pledges:
            results += pledge.results
    return results


def test_every_bundled_figure_reads_as_display_writes_it(lang: str) -> None:
    # growth, ratios, counts with units, yes/no targets, no data, no baseline, corrections
    results = bundled_results()
    texts: grid.Texts = {}
    for r in results:
        expected = display.value_text(r.target, r.actual, r.threshold)
        assert grid.actual_text(r, texts) == expected
        assert grid.actual_text(r, texts) == expected  # looked up the second time
        assert display.fresh_value_text(r.target, r.actual, r.threshold) == expected
        assert display.fresh_gap_text(r) == display.gap_text(r)
    assert {type(r.actual) for r in results} >= {Fraction, bool, type(None)}




@pytest.mark.parametrize("rule", [Rule.AT_LEAST, Rule.AT_MOST, Rule.GROWTH_AT_LEAST])
@pytest.mark.parametrize("per", [None, "members"])
def test_edge_figures_read_as_display_writes_them(lang: str, rule: Rule, per: str | None) -> None:
    target = SimpleNamespace(
        rule=rule, per=per, unit=None if per else "hộ", is_percent=per is not None
    )
    other = SimpleNamespace(rule=rule, per=per, unit="kg", is_percent=per is not None)
    texts: grid.Texts = {}
    for held in (target, other):  # the same figures of two targets: never mixed up
        for actual, threshold in EDGE_FIGURES:
            r = SimpleNamespace(
                target=held, actual=actual, threshold=threshold, assembled=(), corrected=()
            )
            expected = display.value_text(held, actual, threshold)  # type: ignore[arg-type]
            assert grid.actual_text(r, texts) == expected  # type: ignore[arg-type]
            assert display.fresh_gap_text(r) == display.gap_text(r)  # type: ignore[arg-type]
    # Fraction(1) and True never share a text, nor 1/1 of a threshold and yes
    one = SimpleNamespace(target=target, actual=F(1), threshold=F(1))
    yes = SimpleNamespace(target=target, actual=True, threshold=True)
    assert grid.figure_key(one) != grid.figure_key(yes)  # type: ignore[arg-type]


def test_a_full_memo_starts_again_and_reads_the_same(
    lang: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(grid, "TEXTS_HELD", 3)
    texts: grid.Texts = {}
    for r in bundled_results():
        assert grid.actual_text(r, texts) == display.value_text(r.target, r.actual, r.threshold)
        assert len(texts) <= 3


def test_each_figure_of_a_review_is_written_once_for_both_tables(
    run: Run, monkeypatch: pytest.MonkeyPatch
) -> None:
    """``pledge report``: the scorecard and the table of targets not met make a figure's
    text once between them (not once per province showing it, nor again for the second
    table), and leave display's own memo alone."""
    made: list[tuple[object, ...]] = []
    fresh = display.fresh_value_text

    def counted(target: Target, value: Fraction | bool | None, threshold: Threshold) -> str:
        made.append((id(target), value, threshold))
        return fresh(target, value, threshold)

    monkeypatch.setattr(report_rows, "fresh_value_text", counted)
    display._VALUE_TEXTS.clear()
    code, out, _err = run(["report", "2021", "--data", str(BUNDLED)])
    assert code in (0, 1) and "Targets not met" in out
    assert made and len(made) == len(set(made))  # once each per review
    assert len(display._VALUE_TEXTS) < len(made) / 10  # only the cluster totals' few
