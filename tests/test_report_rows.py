"""The rows of ``pledge report``'s two tables of results (render/report_rows.py), each
distinct cell made once, are the rows the general way makes (a grid row per signatory,
``cell_text``, display's ``value_text`` and ``gap_text`` per result): on the bundled data
(corrections, assembled baselines, no data, no baseline, yes/no), on generated national
data (every rule and status, the same figures many times), and on edge figures (exactly on
the threshold, either side of it, zero, negative, decimals, yes/no, none) whatever status
they come with, in both languages, however small the memo."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace
from fractions import Fraction
from pathlib import Path

import pytest
from conftest import BUNDLED, EDGE_FIGURES
from test_scale import YEAR

from pledgecli import display, i18n
from pledgecli.evaluate import Corrected, PledgeResults, Result, Status
from pledgecli.i18n import _
from pledgecli.outcomes import Report
from pledgecli.render import grid, report_rows
from pledgecli.render.document import Cell
from pledgecli.render.review_parts import Names
from pledgecli.review import PledgeReview
from pledgecli.service import CheckRequest, run_review

F = Fraction
Row = tuple[Cell, ...]


@pytest.fixture(params=["en", "vi"])
def lang(request: pytest.FixtureRequest) -> Iterator[str]:
    before = i18n.language()
    i18n.set_language(request.param)
    yield request.param
    i18n.set_language(before)


def general_scorecard(report: Report, review: PledgeReview) -> list[Row]:
    """The scorecard's rows as the general way makes them (grid rows, then cells)."""
    return [
        (
            Cell(row.label),
            *(Cell(c.text, None, c.status) for c in row.cells),
            Cell(row.met),
            Cell(row.score),
        )
        for row in grid.rows(report, review.results)
    ]


def general_missed(review: PledgeReview, names: Names) -> list[Row]:
    """The rows of targets not met, each text made by display for its result."""
    return [
        (
            Cell(names.get(r.province, r.province) if r.province else _("Whole cluster")),
            Cell(r.target.text),
            Cell(display.threshold_text(r.target, r.threshold, baseline_year=r.baseline_year)),
            Cell(
                ("—" if r.actual is None else display.value_text(r.target, r.actual, r.threshold))
                + (grid.CORRECTED if r.corrected else "")
            ),
            Cell(display.gap_text(r)),
            Cell(display.status_word(r.status), None, r.status),
        )
        for r in review.missed()
    ]


def assert_same_rows(report: Report, review: PledgeReview, names: Names) -> None:
    scorecard = general_scorecard(report, review)
    missed = general_missed(review, names)
    shown: report_rows.Shown = {}
    assert list(report_rows.scorecard_rows(report, review, shown)) == scorecard
    assert list(report_rows.missed_rows(review.missed(), names, shown)) == missed
    # the other way round, and each table again from a memo already full of its cells
    shown = {}
    assert list(report_rows.missed_rows(review.missed(), names, shown)) == missed
    assert list(report_rows.scorecard_rows(report, review, shown)) == scorecard
    assert list(report_rows.scorecard_rows(report, review, shown)) == scorecard
    assert list(report_rows.missed_rows(review.missed(), names, shown)) == missed


def reviews_of(root: Path, year: int) -> Iterator[tuple[Report, PledgeReview, Names]]:
    outcome = run_review(CheckRequest(year, root))
    for review in outcome.reviews:
        yield outcome.report, review, outcome.names


@pytest.mark.parametrize("year", [2021, 2022, 2025])
def test_bundled_rows_are_the_general_rows(lang: str, year: int) -> None:
    seen = False
    for report, review, names in reviews_of(BUNDLED, year):
        assert_same_rows(report, review, names)
        seen = True
    assert seen


def test_bundled_data_has_assembled_and_empty_cells(lang: str) -> None:
    results = [
        r
        for year in (2021, 2022, 2025)
        for _report, review, _names in reviews_of(BUNDLED, year)
        for r in review.results.results
    ]
    assert any(r.assembled for r in results)  # corrections: see edged()
    assert {r.status for r in results} >= {Status.MET, Status.MISSED, Status.NO_DATA}
    assert {type(r.actual) for r in results} >= {Fraction, bool, type(None)}


def test_national_rows_are_the_general_rows(lang: str, national: Path) -> None:
    for report, review, names in reviews_of(national, int(YEAR)):
        assert {r.status for r in review.results.results} == set(Status)
        assert_same_rows(report, review, names)




CORRECTION = Corrected("can-tho", 2025, "members", F(7), F(5), "typed twice", "cluster")
MARKS: list[tuple[tuple[tuple[str, ...], ...], tuple[Corrected, ...]]] = [
    ((), ()),
    ((("can-tho", "soc-trang"),), ()),  # assembled: †
    ((), (CORRECTION,)),  # corrected: ‡
    ((("can-tho", "soc-trang"),), (CORRECTION,)),
    ((), ()),
]


def edged(review: PledgeReview) -> PledgeReview:
    """The review with each result's figures, status and marks replaced by the next edge
    figures, the next status and the next marks (13 figures, 4 statuses, 5 marks: the same
    figure comes with every status and every mark)."""
    statuses = list(Status)
    results: list[Result] = []
    for index, result in enumerate(review.results.results):
        actual, threshold = EDGE_FIGURES[index % len(EDGE_FIGURES)]
        status = statuses[index % len(statuses)]
        assembled, corrected = MARKS[index % len(MARKS)]
        results.append(
            replace(
                result,
                actual=actual,
                threshold=threshold,
                status=status,
                assembled=assembled,
                corrected=corrected,
            )
        )
    return replace(review, results=PledgeResults(review.pledge, tuple(results)))


def test_edge_figures_with_any_status_are_the_general_rows(lang: str, national: Path) -> None:
    for year, root in ((2021, BUNDLED), (2025, BUNDLED), (int(YEAR), national)):
        for report, review, names in reviews_of(root, year):
            assert_same_rows(report, edged(review), names)


def test_a_full_memo_starts_again_and_reads_the_same(
    lang: str, national: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(report_rows, "TEXTS_HELD", 3)
    for report, review, names in reviews_of(national, int(YEAR)):
        assert_same_rows(report, edged(review), names)
        shown: report_rows.Shown = {}
        for _row in report_rows.scorecard_rows(report, review, shown):
            assert len(shown) <= 3


def test_a_figure_shown_by_many_rows_is_one_cell(national: Path) -> None:
    """The point of the fast way: the same figure of a target is one shared cell."""
    for report, review, _names in reviews_of(national, int(YEAR)):
        cells = [c for row in report_rows.scorecard_rows(report, review, {}) for c in row[1:-2]]
        assert len({id(c) for c in cells}) < len(cells) / 2


def test_a_count_is_one_cell_per_value_and_never_a_booleans() -> None:
    from pledgecli.render.review_parts import _count

    for value in [0, 1, -1, 10**20, *range(5000), 7]:
        assert _count(value) == Cell(str(value), value)
        assert type(_count(value).value) is int
    assert _count(7) is _count(7)
    assert _count(True) == Cell("True", True) and _count(True).value is True
    assert _count(1).value is not True and _count(1).text == "1"
