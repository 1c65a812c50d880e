"""The review's sums, tallies and ranking in integers (``review._total``, ``review.tallies``,
``scoring.score_keys``) give what the plain Fraction code gives, ties and edges included."""

from __future__ import annotations

import random
from fractions import Fraction

import pytest
from test_scoring_rules import _pledge, _score

from pledgecli.collation import vietnamese_key
from pledgecli.evaluate import PledgeResults, Result, Status
from pledgecli.review import _total, tallies
from pledgecli.scoring import ProvinceScore, rank

HUGE = Fraction(1, 2**700 + 1)  # two such denominators have a common multiple past 2**1024


@pytest.mark.parametrize(
    "values",
    [
        [],
        [True, False, True],
        [Fraction(0), Fraction(4505), Fraction(12)],
        [Fraction("25.8"), Fraction(3), Fraction("0.001"), Fraction(1, 3)],
        [Fraction("12345678901234567890.123456789"), Fraction(10**40)],
        [HUGE, Fraction(1, 2**700 + 3), Fraction(7), Fraction(1, 2**700 + 1)],
    ],
    ids=["none", "yes-no", "whole", "decimals", "huge", "far-apart"],
)
def test_a_metric_total_is_the_exact_sum(values: list[Fraction | bool]) -> None:
    total = _total(values)
    assert type(total) is Fraction
    assert total == sum(values, Fraction(0))


def _plain_ranks(scores: dict[str, ProvinceScore], names: dict[str, str]) -> list[tuple[int, str]]:
    ordered = sorted(
        scores.values(),
        key=lambda s: (-s.score, -s.met, vietnamese_key(names[s.province]), s.province),
    )
    out: list[tuple[int, str]] = []
    for position, score in enumerate(ordered, start=1):
        tied = out and ordered[position - 2].score == score.score
        out.append((out[-1][0] if tied else position, score.province))
    return out


@pytest.mark.parametrize("kind", ["points", "decimals", "far-apart"])
def test_a_ranking_compares_scores_as_the_fractions_do(kind: str) -> None:
    rng = random.Random(kind)
    choices = {
        "points": [Fraction(100 * k, 21) for k in range(22)],  # 4.76 a target met
        "decimals": [Fraction(f"{rng.randint(0, 1000)}.{rng.randint(0, 99):02}") for _ in range(9)],
        "far-apart": [HUGE, Fraction(1, 2**700 + 3), Fraction(0), Fraction(1, 2**700 + 3) * 2],
    }[kind]
    names = {f"p{i}": rng.choice(["Cần Thơ", "Cao Bằng", "Đồng Tháp", "An Giang"]) for i in range(200)}
    scores = {p: _score(p, 0, rng.randint(0, 4)) for p in names}
    scores = {
        p: ProvinceScore(**{**s.__dict__, "score": rng.choice(choices)}) for p, s in scores.items()
    }
    ranked = rank(scores, names)
    assert [(r.rank, r.score.province) for r in ranked] == _plain_ranks(scores, names)


def test_the_tallies_count_each_target_s_statuses_of_the_signatories() -> None:
    pledge = _pledge(["a", "b", "c"])
    assert len(pledge.targets) == 3
    rng = random.Random(3)
    results = tuple(
        Result(t, rng.choice([None, "a", "b", "c"]), rng.choice(list(Status)), t.threshold)
        for t in pledge.targets[:2]
        for _ in range(40)
    )
    tallied = tallies(PledgeResults(pledge, results))
    expected = []
    for target in pledge.targets:
        mine = [r for r in results if r.province and r.target.id == target.id]
        if mine:
            counts = {status: sum(r.status is status for r in mine) for status in Status}
            expected.append((target.id, list(counts.items())))
    assert [(t.target.id, list(t.counts.items())) for t in tallied] == expected
    assert len(tallied) == 2  # a target without a signatory's result has no tally
