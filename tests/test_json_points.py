"""Each result's points in ``--format json``, written from the two last texts of its
target (met: the weight, missed: zero, alternating province by province), are what the
encoder writes of the result's own fields, in every bundled year."""

from __future__ import annotations

import pytest
from conftest import BUNDLED

from pledgecli.render.json import result_json, results_text
from pledgecli.render.json_numbers import encode
from pledgecli.service import CheckRequest, run_check


@pytest.mark.parametrize("year", [2021, 2022, 2025])
def test_each_result_is_written_with_its_own_points(year: int) -> None:
    report = run_check(CheckRequest(year, BUNDLED)).report
    alternations = 0
    for pledge in report.pledges:
        cluster = pledge.pledge.cluster
        shown = report.shown(pledge)
        expected = [encode(result_json(r, report, cluster)) for r in shown]
        assert list(results_text(shown, report, cluster)) == expected
        by_target: dict[str, list[object]] = {}
        for result in shown:
            score = report.score_of(cluster, result.province)
            earned = score.by_target.get(result.target.id) if score is not None else None
            if earned is not None:
                seen = by_target.setdefault(result.target.id, [])
                alternations += len(seen) >= 2 and earned.points is seen[-2] is not seen[-1]
                seen.append(earned.points)
    assert alternations  # a target's points went back to the value before the last
