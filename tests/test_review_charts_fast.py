"""The charts of a national review made the fast way (render/charts.py) are the charts the
general way made: the scores chart from the review's own ranking rather than ranking every
province again, the provinces to call first picked without sorting them all; ties of
targets met and score (many, among hundreds of provinces) kept in the same order."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from pledgecli.i18n import set_language
from pledgecli.render import charts
from pledgecli.render.charts import LIMIT
from pledgecli.render.review_parts import _name
from pledgecli.review import review
from pledgecli.scoring import rank
from pledgecli.service import CheckRequest, run_check


@pytest.fixture(scope="module")
def national(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("national") / "data"
    generate = Path(__file__).parents[1] / "bench" / "generate.py"
    subprocess.run(
        [sys.executable, str(generate), str(root), "--units", "300", "--targets", "10"],
        check=True,
        capture_output=True,
    )
    return root


@pytest.mark.parametrize("lang", ["en", "vi"])
def test_national_charts_are_those_of_the_general_way(national: Path, lang: str) -> None:
    set_language(lang)
    try:
        outcome = run_check(CheckRequest(2026, national))
        report = outcome.report
        assert report is not None
        results = report.pledges[0]
        scores = report.scores[results.pledge.cluster]
        names = report.province_names
        assert len(scores) > LIMIT
        # many ties of (targets met, score): the order within them is the names'
        keys = [(s.met, s.score) for s in scores.values()]
        assert len(set(keys)) < len(keys) - LIMIT

        reviewed = review(results, {}, names, scores)
        assert list(reviewed.ranking) == rank(scores, names)
        fast = charts.review_charts(results, scores, names, reviewed.ranking)
        assert fast == charts.review_charts(results, scores, names)
        assert charts.scores_bars(results, scores, names, reviewed.ranking) == (
            charts.scores_bars(results, scores, names)
        )

        statuses = charts.statuses_bars(results, scores, names)
        every = [p for p in results.pledge.provinces if p in scores]
        first = sorted(every, key=lambda p: (scores[p].met, scores[p].score, _name(names, p)))
        assert statuses.labels == tuple(_name(names, p) for p in first[:LIMIT])
    finally:
        set_language("en")
