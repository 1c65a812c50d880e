"""Charts: the figures behind them (pure) and their SVG, which must stand alone."""

from __future__ import annotations

import subprocess
import sys
import xml.etree.ElementTree as ET
import zipfile
from collections.abc import Iterator
from fractions import Fraction
from pathlib import Path

import pytest
from conftest import Run

from pledgecli.evaluate import PledgeResults, Status
from pledgecli.i18n import set_language
from pledgecli.models import Scope
from pledgecli.outcomes import CheckOutcome
from pledgecli.render import charts
from pledgecli.render.charts import LIMIT
from pledgecli.results import plain_result
from pledgecli.service import CheckRequest, run_check

SVG = "{http://www.w3.org/2000/svg}"


@pytest.fixture(autouse=True)
def english_after() -> Iterator[None]:
    yield
    set_language("en")


def checked(root: Path, year: int, province: str | None = None) -> CheckOutcome:
    outcome = run_check(CheckRequest(year, root, province=province))
    assert outcome.report is not None
    return outcome


def test_scores_mark_every_tied_nominee(bundled: Path) -> None:
    report = checked(bundled, 2025).report
    assert report is not None
    results = report.pledges[0]
    bars = charts.scores_bars(results, report.scores[results.pledge.cluster], report.province_names)
    assert bars.labels == ("An Giang", "Cần Thơ", "Đồng Tháp", "Vĩnh Long", "Cà Mau")
    assert bars.series[0].values == (100.0, 100.0, 100.0, 75.0, 25.0)
    assert bars.highlight == frozenset({0, 1, 2})
    assert bars.texts == ("100", "100", "100", "75", "25")


def test_targets_and_statuses_count_the_results(bundled: Path) -> None:
    report = checked(bundled, 2021).report
    assert report is not None
    results = report.pledges[0]
    targets = charts.targets_bars(results)
    assert targets.labels[0] == "T1" and len(targets.labels) == 11  # T12 is cluster-wide
    met, missed, no_data = (s.values for s in targets.series)
    assert (met[5], missed[5], no_data[5]) == (0, 6, 1)  # T6: nobody reached 60%
    statuses = charts.statuses_bars(
        results, report.scores[results.pledge.cluster], report.province_names
    )
    row = statuses.labels.index("Hậu Giang")
    assert [s.values[row] for s in statuses.series] == [7, 3, 1]


def test_many_provinces_draw_those_to_call_first(tmp_path: Path) -> None:
    root = tmp_path / "national"
    generate = Path(__file__).parents[1] / "bench" / "generate.py"
    subprocess.run(
        [sys.executable, str(generate), str(root), "--units", str(LIMIT + 20), "--targets", "10"],
        check=True,
        capture_output=True,
    )
    report = checked(root, 2026).report
    assert report is not None
    results = report.pledges[0]
    scores = report.scores[results.pledge.cluster]
    statuses = charts.statuses_bars(results, scores, report.province_names)
    assert len(statuses.labels) == LIMIT
    assert f"the {LIMIT} that met the fewest, of {LIMIT + 20}" in statuses.title
    fewest = min(s.met for s in scores.values())
    assert statuses.series[0].values[0] == fewest
    top = charts.scores_bars(results, scores, report.province_names)
    assert f"({LIMIT} of {LIMIT + 20} shown)" in top.title


def test_many_targets_draw_those_met_by_the_fewest(tmp_path: Path, run: Run) -> None:
    """A pledge of hundreds of targets draws a readable chart: the LIMIT targets fewest
    provinces met, in the pledge's order, and says so (not one bar per target)."""
    root = tmp_path / "many"
    generate = Path(__file__).parents[1] / "bench" / "generate.py"
    subprocess.run(
        [sys.executable, str(generate), str(root), "--units", "6", "--targets", str(LIMIT + 25)],
        check=True,
        capture_output=True,
    )
    report = checked(root, 2026).report
    assert report is not None
    results = report.pledges[0]
    every = {label: met for label, met in _met_per_target(results).items()}
    assert len(every) > LIMIT
    bars = charts.targets_bars(results)
    assert len(bars.labels) == LIMIT
    assert f"the {LIMIT} targets met by the fewest, of {len(every)}" in bars.title
    shown = dict(zip(bars.labels, bars.series[0].values, strict=True))
    assert max(shown.values()) <= min(m for label, m in every.items() if label not in shown)
    numbers = [int(label[1:]) for label in bars.labels]
    assert numbers == sorted(numbers)  # in the pledge's order
    # The workbook's native chart likewise draws LIMIT targets and says how many there are.
    book = tmp_path / "check.xlsx"
    code, _out, err = run(
        ["check", "2026", "--data", str(root), "--format", "xlsx", "-o", str(book)]
    )
    assert code in (0, 1), err
    with zipfile.ZipFile(book) as archive:
        titles = "".join(
            archive.read(name).decode() for name in archive.namelist() if "charts/chart" in name
        )
    assert f"Provinces that met each target ({LIMIT} of {len(every)} shown)" in titles


def _met_per_target(results: PledgeResults) -> dict[str, int]:
    met: dict[str, int] = {}
    for i, target in enumerate(results.pledge.targets):
        if target.scope is Scope.PROVINCE:
            met[f"T{i + 1}"] = sum(
                1
                for r in results.results
                if r.target.id == target.id and r.province is not None and r.status is Status.MET
            )
    return met


def _self_contained(svg: str) -> ET.Element:
    root = ET.fromstring(svg)
    assert root.tag == f"{SVG}svg"
    assert not list(root.iter(f"{SVG}image"))
    assert not list(root.iter(f"{SVG}text"))  # glyphs are paths: no font needed
    for element in root.iter():
        for name, value in element.attrib.items():
            if name.endswith("href"):
                assert value.startswith("#"), value  # only links inside the file
    assert "@import" not in svg and "url(http" not in svg and "@font-face" not in svg
    return root


def test_check_svg_is_a_chart_that_fetches_nothing(bundled: Path) -> None:
    set_language("vi")
    report = checked(bundled, 2025).report
    assert report is not None
    svg = charts.check_svg(report)
    root = _self_contained(svg)
    assert len([g for g in root.iter(f"{SVG}g") if g.get("id", "").startswith("axes_")]) == 3
    assert svg == charts.check_svg(report)  # the same bytes every run


def test_check_svg_of_one_province(bundled: Path) -> None:
    report = checked(bundled, 2021, "Hậu Giang").report
    assert report is not None
    root = _self_contained(charts.check_svg(report))
    assert len([g for g in root.iter(f"{SVG}g") if g.get("id", "").startswith("axes_")]) == 1


def test_png_for_the_word_report(bundled: Path) -> None:
    report = checked(bundled, 2025).report
    assert report is not None
    results = report.pledges[0]
    picture = charts.png(charts.targets_bars(results))
    assert picture.startswith(b"\x89PNG\r\n\x1a\n")


def test_inline_svg_for_the_html_report(bundled: Path) -> None:
    report = checked(bundled, 2025).report
    assert report is not None
    results = report.pledges[0]
    scores = report.scores[results.pledge.cluster]
    drawn = [
        charts.inline_svg(c) for c in charts.review_charts(results, scores, report.province_names)
    ]
    assert len(drawn) == 3
    for element in drawn:
        assert element.startswith("<svg") and "<?xml" not in element and "<!DOCTYPE" not in element
        _self_contained(element)


def test_targets_counted_in_c_as_one_by_one(bundled: Path) -> None:
    """Provinces per target and status counted with a Counter (the cluster's own results
    taken off again) are the counts result by result: every status, the cluster's results
    left out, a target with only the cluster's result left out of the chart."""
    report = checked(bundled, 2022).report
    assert report is not None
    results = report.pledges[0]
    first, second = results.pledge.targets[:2]
    some = [r for r in results.results if r.province is not None]
    province = some[0].province
    made = [
        plain_result(first, province, Status.MET, Fraction(5), Fraction(5)),
        plain_result(first, province, Status.MISSED, Fraction(5), Fraction(4)),
        plain_result(first, province, Status.NO_DATA, Fraction(5), None),
        plain_result(first, province, Status.NO_BASELINE, Fraction(5), None),
        plain_result(first, None, Status.MET, Fraction(5), Fraction(6)),
        plain_result(first, None, Status.NO_DATA, Fraction(5), None),
        plain_result(second, None, Status.MISSED, Fraction(5), Fraction(1)),
    ]
    for every in (results.results, tuple(made), (*some, *made), ()):
        mixed = PledgeResults(results.pledge, every)
        expected: dict[str, list[int]] = {}
        for r in every:
            if r.province is not None:
                row = expected.setdefault(r.target.id, [0, 0, 0])
                row[0 if r.status is Status.MET else 1 if r.status is Status.MISSED else 2] += 1
        counts = charts._province_counts(mixed)
        assert {k: list(v) for k, v in counts.items()} == expected
    only_cluster = PledgeResults(results.pledge, (made[-1],))
    assert charts._province_counts(only_cluster) == {}
    assert charts.targets_bars(PledgeResults(results.pledge, tuple(made[:5]))).series[2].values == (
        2.0,
    )
