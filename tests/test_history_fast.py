"""``pledge history`` of every province makes each distinct cell once and shares it, finds
every province's rows without asking whose row each result is, and writes shared cells
measured once. A reader (and a script diffing yesterday's output) must see the same bytes
as the general path gives: each case here compares the fast path with the general one."""

from __future__ import annotations

import io
import itertools
from collections.abc import Callable, Sequence
from decimal import Decimal
from fractions import Fraction as F
from pathlib import Path

import pytest
from conftest import BUNDLED
from rich.console import Console

from pledgecli.checks import _all_fit
from pledgecli.dataset import DataSet
from pledgecli.evaluate import PledgeResults, Result, Status
from pledgecli.history import Point, Row, _owner, history
from pledgecli.i18n import set_language
from pledgecli.load import load
from pledgecli.merger import baseline_members_of
from pledgecli.models import Rule, Target
from pledgecli.render import document
from pledgecli.render.document import Cell, Column, Heading, TableBlock, to_rich
from pledgecli.render.formats import Page
from pledgecli.render.grid import Texts
from pledgecli.render.history import (
    Cells,
    Thresholds,
    _history_cell,
    _year_cell,
    history_blocks,
    write_table,
)
from pledgecli.results import Corrected
from pledgecli.schema import validate
from pledgecli.service import CheckRequest, _judge, run_history

NAMES = {"soc-trang": "Sóc Trăng", "can-tho": "Cần Thơ"}
CORRECTED = (Corrected("can-tho", 2026, "m", F(1), F(2), "typo", "cluster"),)


def _target(rule: str, value: object, unit: str | None = None) -> Target:
    fields: dict[str, object] = {"id": "T-" + rule, "text": "x", "metric": "m", rule: value}
    if unit is not None:
        fields["unit"] = unit
    if isinstance(value, str) and value.endswith("%") and not rule.startswith("growth"):
        fields["per"] = "members"
    return validate(Target, fields)


def _results() -> list[Result]:
    """Results on every edge a cell's text depends on: exactly on the threshold, zero,
    negative, decimals, a figure equal to 1 and the answer yes (equal as numbers, not as
    cells), no data, the assembled and corrected marks."""
    targets = [
        _target("at_least", 20),
        _target("at_most", "40%"),
        _target("growth_at_least", "5%"),
        _target("growth_at_most", "-20%"),
        _target("must_be", True),
        _target("at_least", Decimal("1.5"), "tỷ đồng"),
    ]
    figures: list[F | bool | None] = [
        F(0), F(1), F(20), F(2, 5), F(-1, 5), F(1, 3), F(3, 2), F("-0.05"), True, False, None
    ]
    thresholds: list[F | bool] = [F(20), F(2, 5), F(1, 20), F(-1, 5), F(1), True, F(0)]
    results = []
    for target, actual, threshold, status, marks in itertools.product(
        targets,
        figures,
        thresholds,
        [Status.MET, Status.MISSED, Status.NO_DATA, Status.NO_BASELINE],
        [((), ()), ((("can-tho", "soc-trang"),), ()), ((), CORRECTED)],
    ):
        if isinstance(threshold, bool) is not isinstance(actual, bool) and actual is not None:
            continue
        results.append(Result(target, "can-tho", status, threshold, actual, None, None, (), *marks))
    return results


@pytest.mark.parametrize("language", ["en", "vi"])
def test_a_shared_cell_is_the_cell_made_for_its_own_result(language: str) -> None:
    set_language(language)
    try:
        cells: Cells = {}
        thresholds: Thresholds = {}
        texts: Texts = {}
        results = _results()
        for via in (None, "soc-trang"):
            for result in results + results:  # the second time from the memo
                point = Point(2026, "c", result, via)
                shared = _year_cell(point, NAMES, thresholds, texts, cells)
                alone = _history_cell(point, NAMES, {}, {})
                assert (shared.text, shared.value, shared.status) == (
                    alone.text,
                    alone.value,
                    alone.status,
                ), (result, via)
                # 1 and yes are equal numbers but different cells
                assert type(shared.value) is type(alone.value)
        assert len(cells) == 2 * len(results)  # each made once, then shared
        assert _year_cell(None, NAMES, thresholds, texts, cells) == _history_cell(
            None, NAMES, {}, {}
        )
    finally:
        set_language("en")


def _general(
    judged: Sequence[tuple[int, PledgeResults]], target: str | None
) -> list[tuple[str, str, str | None, list[tuple[int, Point]]]]:
    """The rows of every province as the general path (``_owner``) makes them."""
    rows: dict[tuple[str, str], Row] = {}
    for year, pledge_results in judged:
        for result in pledge_results.results:
            if result.province is None or (target is not None and result.target.id != target):
                continue
            owner, via, part_of = _owner(result.province, None, None, ())
            assert owner is not None
            row = rows.setdefault((owner, result.target.id), Row(owner, result.target.id))
            row.part_of = part_of
            row.points[year] = Point(year, pledge_results.pledge.cluster, result, via)
    return [(r.province, r.target, r.part_of, list(r.points.items())) for r in rows.values()]


def _judged(root: Path) -> list[tuple[int, PledgeResults]]:
    judged: list[tuple[int, PledgeResults]] = []
    for year in (2021, 2022):
        outcome, _ = _judge(CheckRequest(year, root))
        judged += [(year, results) for results in outcome.report.pledges]
    return judged


@pytest.mark.parametrize("target", [None, "new-coops", "no-such-target"])
def test_every_province_has_the_rows_the_general_path_gives(target: str | None) -> None:
    judged = _judged(BUNDLED)
    _, data_set = _judge(CheckRequest(2022, BUNDLED))
    rows = history(judged, data_set.provinces, None, target)
    fast = [(r.province, r.target, r.part_of, list(r.points.items())) for r in rows]
    assert fast == _general(judged, target)
    assert fast or target == "no-such-target"


def _written(blocks: list[document.Block], width: int, shared: bool) -> str:
    out = io.StringIO()
    to_rich(blocks, Console(file=out, highlight=False, width=width), shared)
    return out.getvalue()


@pytest.mark.parametrize("width", [30, 60, 80, 200])
def test_shared_cells_are_written_as_cells_made_one_by_one(width: int) -> None:
    """The same cell object in many rows and tables, a cell Rich must sanitise (a control
    character) or measure (wide characters), and a cell that makes the table too wide."""
    columns = (Column("target", "Target"), Column("2026", "2026"), Column("trend", "Trend"))
    met = Cell("✓ 24 (≥ 20)", 24, Status.MET)
    wide = Cell("界界 (≥ 20)", 1, Status.MISSED)
    control = Cell("a\u200bb", None)
    label = Cell("new-coops", "new-coops")
    empty = Cell("")
    blocks: list[document.Block] = []
    for index, rows in enumerate(
        [
            ((label, met, empty), (label, met, empty)),
            ((label, wide, empty), (label, met, empty)),
            ((label, control, empty),),
            ((label, Cell("x" * 70, 1), empty), (label, met, empty)),
        ]
    ):
        blocks += [Heading(f"Tỉnh {index}"), TableBlock(columns, rows)]
    assert _written(blocks, width, True) == _written(blocks, width, False)


@pytest.mark.parametrize("language", ["en", "vi"])
def test_a_history_table_is_the_one_the_general_writer_gives(language: str) -> None:
    set_language(language)
    try:
        outcome = run_history(BUNDLED, None, None, None, None)
        fast = io.StringIO()
        write_table(Page("history", "table", outcome), fast)
        general = io.StringIO()
        document.write_rich(history_blocks(outcome), general)
        assert fast.getvalue() == general.getvalue()
        assert "✓" in fast.getvalue()
    finally:
        set_language("en")


# -- the one pass of metric_types over whose reports each year needs ---------------------


def _all_fit_general(data: DataSet, members: Callable[[str, int, int], tuple[str, ...]]) -> bool:
    """``checks._all_fit`` as it was: every target adds its provinces (and members) again."""
    wanted: dict[int, tuple[set[str], set[str], dict[str, None]]] = {}
    for year, pledges in data.pledges.items():
        for pledge in pledges.values():
            for target in pledge.targets:
                needed = [m for m in (target.metric, target.per) if m is not None]
                years = [(year, list(pledge.provinces))]
                if target.rule.is_growth:
                    base_year = pledge.baseline_year_of(target)
                    years.append(
                        (base_year, [m for p in pledge.provinces for m in members(p, base_year, year)])
                    )
                for checked_year, provinces in years:
                    flags, numbers, who = wanted.setdefault(checked_year, (set(), set(), {}))
                    (flags if target.rule is Rule.MUST_BE else numbers).update(needed)
                    who.update(dict.fromkeys(provinces))
    for year, (flags, numbers, who) in wanted.items():
        if flags & numbers:
            return False
        reports = data.actuals.get(year, {})
        for province in who:
            actuals = reports.get(province)
            if actuals is None:
                continue
            metrics = actuals.metrics
            if actuals.corrections or any(
                metric in metrics and (type(metrics[metric]) is bool) is not (metric in flags)
                for metric in (*flags, *numbers)
            ):
                return False
    return True


@pytest.mark.parametrize(
    ("year", "province", "line", "fits"),
    [
        (None, None, None, True),
        ("2020", "an-giang", "coop_members = true", False),  # a baseline year's figure
        ("2021", "can-tho", "coops_new = true", False),
        ("2021", "can-tho", "coops_new = 0", True),  # zero is a number
        ("2020", "an-giang", "coop_members = 52000.5", True),  # decimals too
    ],
)
def test_whose_reports_are_checked_is_what_every_target_would_add(
    bundled_copy: Path, year: str | None, province: str | None, line: str | None, fits: bool
) -> None:
    if year is not None and province is not None and line is not None:
        path = bundled_copy / "actuals" / year / f"{province}.toml"
        metric = line.split(" = ")[0]
        text = "\n".join(
            line if row.startswith(metric + " =") else row
            for row in path.read_text(encoding="utf-8").split("\n")
        )
        assert line in text
        path.write_text(text, encoding="utf-8")
    data = load(bundled_copy, 2021)
    members = baseline_members_of(data.provinces)
    assert _all_fit(data, members) is fits
    assert _all_fit_general(data, members) is fits


@pytest.mark.parametrize("via", [None, "can-tho"])
def test_a_point_made_plainly_is_the_point_its_constructor_makes(via: str | None) -> None:
    from pledgecli.history import _PLAIN_POINT, plain_point

    target = Target(id="new", text="Thành lập mới", metric="coops_new", at_least=F(20))
    result = Result(target, "hau-giang", Status.MET, F(20), F(20))
    made, built = plain_point(2025, "tay-nam-bo", result, via), Point(2025, "tay-nam-bo", result, via)
    assert _PLAIN_POINT  # else every point goes through the constructor, and this proves nothing
    assert type(made) is Point
    assert made == built and repr(made) == repr(built)
    assert vars(made) == vars(built) and list(vars(made)) == list(vars(built))
    with pytest.raises(AttributeError):  # frozen, as the constructor's (FrozenInstanceError)
        made.year = 2026  # type: ignore[misc]
