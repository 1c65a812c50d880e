"""Sums of fractions and a province's score, fast: the answers of plain Fraction
arithmetic (``sum(values, Fraction(0))`` and ``max(points + bonus - lost, 0)``) on the
edges: nothing to add, one denominator, several, zero, negative points, decimals."""

from __future__ import annotations

from fractions import Fraction

import pytest

from pledgecli.evaluate import Result, Status
from pledgecli.exact import exact_sum
from pledgecli.models import Scoring, Target
from pledgecli.schema import validate
from pledgecli.scoring import score_province

F = Fraction
SUMS: list[list[Fraction]] = [
    [],
    [F(0)],
    [F(7)],
    [F(10, 3)] * 30,
    [F(10, 3), F(10, 3), F(-20, 3)],
    [F(1, 3), F(1, 6), F(1, 2)],
    [F(258, 10), F(-1, 1000), F(0), F(4505)],
    [F(-5), F(2)],
]


@pytest.mark.parametrize("values", SUMS, ids=repr)
def test_a_sum_is_the_fraction_sum(values: list[Fraction]) -> None:
    total = exact_sum(values)
    assert type(total) is Fraction
    assert total == sum(values, Fraction(0))
    assert total.as_integer_ratio() == sum(values, Fraction(0)).as_integer_ratio()


def _result(number: int, status: Status) -> Result:
    target = validate(Target,
        {"id": f"t{number}", "text": "x", "metric": "m", "at_least": 1}
    )
    return Result(target, "p", status, F(1), F(2) if status is Status.MET else F(0))


@pytest.mark.parametrize(
    "weights",
    [
        [F(10, 3)] * 3,
        [F(0), F(0), F(0)],
        [F(5), F(-7), F(1, 2)],
        [F(-1, 3), F(-1, 3), F(-1, 3)],
        [F(25, 10), F(1, 1000), F(100)],
    ],
    ids=repr,
)
def test_a_score_without_bonus_or_deductions_is_its_points_never_below_zero(
    weights: list[Fraction],
) -> None:
    statuses = [Status.MET, Status.MET, Status.MISSED]
    for met in range(4):
        results = [_result(i, Status.MET if i < met else statuses[2]) for i in range(3)]
        by_id = {f"t{i}": w for i, w in enumerate(weights)}
        score = score_province("p", results, Scoring(), by_id, (), {})
        points = sum((w for i, w in enumerate(weights) if i < met), Fraction(0))
        assert score.points == points
        assert score.score == max(points, Fraction(0))
        assert score.met == met and score.missed == 3 - met
