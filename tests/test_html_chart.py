"""The HTML report's charts, drawn without matplotlib: the same axes as matplotlib would
draw (limits, ticks, their texts), every glyph a path, ids unique on the page."""

from __future__ import annotations

import random
import re
import subprocess
import sys
import xml.etree.ElementTree as ET
from collections.abc import Sequence
from pathlib import Path

import pytest
from conftest import Run

from pledgecli.render import charts, html_axis

SVG = "{http://www.w3.org/2000/svg}"


def _bars(series: Sequence[Sequence[float]]) -> charts.Bars:
    count = len(series[0])
    return charts.Bars(
        charts.Chart.STATUSES,
        "title",
        tuple(f"P{i}" for i in range(count)),
        tuple(charts.Series(f"S{k}", "#000000", tuple(s)) for k, s in enumerate(series)),
        "axis",
    )


def _matplotlib_axes(series: Sequence[Sequence[float]]) -> tuple[tuple[float, ...], list[str]]:
    """(xmin, xmax, ytop, ybottom) and the x tick texts matplotlib draws for these bars."""
    from matplotlib.backends.backend_svg import FigureCanvasSVG
    from matplotlib.figure import Figure
    from matplotlib.ticker import MaxNLocator

    figure = Figure(figsize=(7.5, 3))
    FigureCanvasSVG(figure)
    axes = figure.add_axes((0.3, 0.2, 0.4, 0.6))
    left = [0.0] * len(series[0])
    for values in series:
        axes.barh(range(len(values)), values, left=left, height=0.7)
        left = [a + b for a, b in zip(left, values, strict=True)]
    axes.invert_yaxis()
    axes.xaxis.set_major_locator(MaxNLocator(integer=True))
    figure.canvas.draw()
    x0, x1 = axes.get_xlim()
    y0, y1 = axes.get_ylim()
    texts = [t.get_text() for t in axes.get_xticklabels()]
    return (x0, x1, y1, y0), texts


CASES: list[list[list[float]]] = [
    [[0.0]],  # nothing met by anyone: a zero-width axis
    [[0.0, 0.0, 0.0]],
    [[1.0]],
    [[3321.0, 12.0]],
    [[9.0, 7.0], [2.0, 3.0], [0.0, 1.0]],  # a zero-width bar starts where the longest ends
    [[0.4, 0.25]],  # scores under one: decimals on the axis
    [[100.0, 99.5, 63.64]],
    [[8.0, 10.0], [3.0, 1.0], [0.0, 0.0]],
]


def _value(chance: random.Random, kind: str) -> float:
    if kind == "int":
        return float(chance.randint(0, 4000))
    return chance.uniform(0, 300 if kind == "float" else 3)


def _random_cases() -> list[list[list[float]]]:
    chance = random.Random(15)
    cases = []
    for _ in range(60):
        rows, width = chance.randint(1, 6), chance.choice([1, 3])
        kind = chance.choice(["int", "float", "small"])
        cases.append([[_value(chance, kind) for _ in range(rows)] for _ in range(width)])
    return cases


@pytest.mark.parametrize("series", CASES + _random_cases())
def test_axes_are_those_matplotlib_draws(series: list[list[float]]) -> None:
    limits, texts = _matplotlib_axes(series)
    mine = html_axis.limits(_bars(series))
    assert mine == pytest.approx(limits, rel=1e-12, abs=1e-12)
    xmin, xmax = mine[0], mine[1]
    assert html_axis.tick_labels(html_axis.ticks(xmin, xmax)) == texts


def _page(run: Run, bundled: Path, *args: str) -> str:
    code, out, _ = run(["report", "2021", "--data", str(bundled), "--format", "html", *args])
    assert code in (0, 1)
    return out


def test_charts_of_the_page_stand_alone_with_unique_ids(run: Run, bundled: Path) -> None:
    page = _page(run, bundled, "--lang", "vi")
    svgs = re.findall(r"<svg .*?</svg>", page, re.S)
    assert len(svgs) == 3
    ids: list[str] = []
    for svg in svgs:
        root = ET.fromstring(svg)
        assert not list(root.iter(f"{SVG}text")) and not list(root.iter(f"{SVG}image"))
        uses = [u for u in root.iter(f"{SVG}use")]
        assert uses  # the words are there, as glyphs
        defined = {p.get("id") for p in root.iter(f"{SVG}path") if p.get("id")}
        for use in uses:
            link = use.get("{http://www.w3.org/1999/xlink}href", "")
            assert link.startswith("#") and link[1:] in defined  # only inside the chart
        ids += sorted(i for i in defined if i)
    assert len(ids) == len(set(ids))
    assert "matplotlib" not in page and "url(http" not in page


def test_the_html_report_does_not_import_matplotlib(bundled: Path) -> None:
    code = (
        "import sys\n"
        "from pledgecli.cli import main\n"
        "try:\n"
        "    main()\n"
        "except SystemExit:\n"
        "    pass\n"
        "sys.stdout.flush()\n"
        "assert 'matplotlib' not in sys.modules, 'matplotlib imported'\n"
    )
    argv = ["report", "2021", "--data", str(bundled), "--format", "html"]
    done = subprocess.run(
        [sys.executable, "-c", code, *argv], capture_output=True, text=True, check=False
    )
    assert "<figure" in done.stdout and "matplotlib imported" not in done.stderr
    assert done.returncode == 0, done.stderr


def test_the_same_bytes_every_run(run: Run, bundled: Path) -> None:
    assert _page(run, bundled) == _page(run, bundled)


@pytest.mark.parametrize(
    ("data", "year"), [("bundled", 2021), ("bundled", 2022), ("scoring", 2025)]
)
def test_tables_of_results_read_the_same_with_texts_shared(
    bundled: Path, data: str, year: int
) -> None:
    """The results table and the list of targets not met look their figures' texts up in
    one dict (each written once): the same cells as when each writes them itself (marks of
    corrected or assembled figures, no actual, no base, booleans)."""
    from pledgecli.i18n import set_language
    from pledgecli.render.report import missed_table, scorecard_table
    from pledgecli.render.report_rows import Shown
    from pledgecli.service import CheckRequest, run_review

    root = bundled if data == "bundled" else Path(__file__).parent / "fixtures" / "scoring"
    for language in ("en", "vi"):
        set_language(language)
        outcome = run_review(CheckRequest(year, root))
        for review in outcome.reviews:
            texts: Shown = {}
            alone = list(scorecard_table(outcome.report, review).rows)
            assert list(scorecard_table(outcome.report, review, texts).rows) == alone
            assert texts  # the figures were written once, and kept
            alone_missed = missed_table(review, outcome.names)
            shared = missed_table(review, outcome.names, texts)
            assert (alone_missed is None) == (shared is None)
            if alone_missed is not None and shared is not None:
                assert list(alone_missed.rows) == list(shared.rows)
    set_language("en")


def test_texts_tell_a_boolean_from_the_number_one(bundled: Path) -> None:
    """``True == Fraction(1)`` in Python: the shared texts must not give one for the other."""
    from dataclasses import replace
    from fractions import Fraction

    from pledgecli.render.grid import Texts, actual_text
    from pledgecli.service import CheckRequest, run_review

    review = run_review(CheckRequest(2021, bundled)).reviews[0]
    sample = next(r for r in review.results.results if isinstance(r.actual, Fraction))
    one, yes = replace(sample, actual=Fraction(1)), replace(sample, actual=True)
    texts: Texts = {}
    assert actual_text(one, texts) == actual_text(one)
    assert actual_text(yes, texts) == actual_text(yes) != actual_text(one)


def test_two_charts_share_ids_only_when_they_are_the_same() -> None:
    """Two pledges of a page may draw charts of the same title and provinces: their glyph
    ids differ unless the whole chart is the same (then so are the definitions)."""
    from pledgecli.render.html_chart import inline_svg

    def ids(svg: str) -> set[str]:
        return set(re.findall(r'id="([^"]+)"', svg))

    first = inline_svg(_bars([[3.0, 12.0]]))
    second = inline_svg(_bars([[3.0, 1200.0]]))  # other ticks: other glyphs, other order
    assert ids(first) and not ids(first) & ids(second)
    assert inline_svg(_bars([[3.0, 12.0]])) == first


def test_the_glyphs_kept_are_those_of_the_font() -> None:
    """html_glyphs.json is what the font matplotlib ships says of the common characters
    (made anew by ``python -m pledgecli.render.html_chart`` when the font changes)."""
    import json

    from pledgecli.render.html_chart import COMMON, GLYPHS, common_glyphs

    kept = json.loads(GLYPHS.read_text(encoding="utf-8"))
    assert kept == json.loads(json.dumps(common_glyphs()))
    assert {"ạ", "ư", "ơ", "đ", "Ỹ", "−", "…"} <= set(COMMON)
    assert {chr(int(code)) for code in kept["cmap"]} == set(COMMON)  # the font has every one


def test_a_rare_letter_draws_as_with_the_whole_font(monkeypatch: pytest.MonkeyPatch) -> None:
    """A text with a character not kept (Greek, Chinese, one the font lacks) reads the
    font: the chart is the one drawn with the whole font from the start, common letters,
    their kerning (``AV``) and the missing one's ``?`` included."""
    from pledgecli.render import html_chart

    rare = charts.Bars(
        charts.Chart.SCORES,
        "Điểm AV Ωμέγα 漢 — Tỉnh",
        ("Hà Nội AV", "Ωmega", "漢字", "Thừa Thiên Huế"),
        (charts.Series("Điểm", "#000000", (3.0, 1.5, 0.0, 2.25)),),
        "Ω axis",
        texts=("3", "1,5", "0", "2,25"),
    )
    common = _bars([[3.0, 12.0]])
    html_chart._font.cache_clear()
    kept = [html_chart.inline_svg(common), html_chart.inline_svg(rare)]
    assert html_chart._font().glyphs is not None  # the rare letters read the font
    html_chart._font.cache_clear()
    whole = html_chart._read_font()
    monkeypatch.setattr(html_chart, "_font", lambda: whole)
    assert [html_chart.inline_svg(common), html_chart.inline_svg(rare)] == kept
