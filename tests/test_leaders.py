"""Leaders across years (issue 14.4): each year's pair and next year's proposal by the
documented rotation rule."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from pledgecli.i18n import set_language
from pledgecli.leaders import Basis, YearLeaders, last_led, propose, rotation
from pledgecli.models import Pledge
from pledgecli.schema import validate

SIGNATORIES = ["a", "b", "c", "d", "e"]


def _pledge(year: int, **fields: Any) -> Pledge:
    return validate(Pledge,
        {
            "year": year,
            "cluster": "cum",
            "path": Path(f"pledges/{year}/cum.toml"),
            "name": "Cụm",
            "provinces": fields.pop("provinces", SIGNATORIES),
            "targets": [{"id": "t", "text": "t", "metric": "coops_new", "at_least": 1}],
            **fields,
        }
    )


def test_rotation_lists_each_years_pair_and_fills_a_gap_from_the_election() -> None:
    pledges = [
        _pledge(2023, leader="a", deputy="b", next_leader="b", next_deputy="c"),
        _pledge(2021, leader="c", deputy="a"),
        _pledge(2024),
    ]
    assert rotation(pledges) == [
        YearLeaders(2021, "cum", "c", "a"),
        YearLeaders(2023, "cum", "a", "b"),
        YearLeaders(2024, "cum", "b", "c"),  # elected at the 2023 review
    ]


@pytest.mark.parametrize(
    ("history", "latest", "leader", "leader_basis", "deputy", "deputy_basis"),
    [
        # the deputy becomes head; the next deputy is who has waited longest, in list order
        ([], {"leader": "a", "deputy": "b"}, "b", Basis.DEPUTY, "c", Basis.ROTATION),
        # an election at the review is kept as it is
        (
            [],
            {"leader": "a", "deputy": "b", "next_leader": "d", "next_deputy": "e"},
            "d",
            Basis.ELECTED,
            "e",
            Basis.ELECTED,
        ),
        # no deputy: the one who never led, in the order of the signatories
        ([(2023, "b", None)], {"leader": "a"}, "c", Basis.ROTATION, "d", Basis.ROTATION),
        # the deputy led within N years: passed over
        (
            [(2022, "b", None), (2023, "c", None)],
            {"leader": "a", "deputy": "b", "rotation": {"no_repeat_within": 4}},
            "d",
            Basis.ROTATION,
            "e",
            Basis.ROTATION,
        ),
        # N years have passed: the deputy may lead again
        (
            [(2020, "b", None)],
            {"leader": "a", "deputy": "b", "rotation": {"no_repeat_within": 4}},
            "b",
            Basis.DEPUTY,
            "c",
            Basis.ROTATION,
        ),
        # the rule switched off: rotation by longest wait, never led first
        (
            [(2021, "c", None), (2022, "d", None), (2023, "e", None)],
            {"leader": "a", "deputy": "e", "rotation": {"deputy_becomes_leader": False}},
            "b",
            Basis.ROTATION,
            "c",
            Basis.ROTATION,
        ),
        # everyone led recently: who led longest ago leads, if the gap allows
        (
            [(2020, "b", None), (2021, "c", None), (2022, "d", None), (2023, "e", None)],
            {"leader": "a", "rotation": {"no_repeat_within": 5}},
            "b",
            Basis.ROTATION,
            "c",
            Basis.ROTATION,
        ),
        # nobody may lead
        (
            [(2021, "b", None), (2022, "c", None), (2023, "d", None), (2024, "e", None)],
            {"leader": "a", "rotation": {"no_repeat_within": 10}},
            None,
            Basis.NONE,
            None,
            Basis.NONE,
        ),
    ],
)
def test_next_years_pair(
    history: list[tuple[int, str, str | None]],
    latest: dict[str, Any],
    leader: str | None,
    leader_basis: Basis,
    deputy: str | None,
    deputy_basis: Basis,
) -> None:
    past = [YearLeaders(year, "cum", head, second) for year, head, second in history]
    proposal = propose(past, _pledge(2024, **latest))
    assert proposal.year == 2025
    assert (proposal.leader, proposal.leader_basis) == (leader, leader_basis)
    assert (proposal.deputy, proposal.deputy_basis) == (deputy, deputy_basis)
    assert proposal.leader is None or proposal.leader != proposal.deputy


def test_those_passed_over_are_named_with_the_year_they_led() -> None:
    past = [YearLeaders(2023, "cum", "b", None)]
    proposal = propose(past, _pledge(2024, leader="a", rotation={"no_repeat_within": 3}))
    assert dict(proposal.passed_over) == {"a": 2024, "b": 2023}
    assert last_led([*past, YearLeaders(2020, "cum", "b", None)]) == {"b": 2023}


def test_candidates_leave_out_provinces_that_will_not_sign() -> None:
    proposal = propose([], _pledge(2024, leader="a", deputy="b"), candidates=["a", "c", "d"])
    assert (proposal.leader, proposal.deputy) == ("c", "d")


@pytest.mark.parametrize(
    ("fields", "message"),
    [
        ({"deputy": "x"}, 'deputy "x" does not sign this pledge'),
        ({"leader": "a", "deputy": "a"}, "is also the leader"),
        ({"next_leader": "b", "next_deputy": "b"}, "is also the leader"),
        ({"rotation": {"no_repeat_within": 0}}, "no_repeat_within"),
        ({"rotation": {"every": 2}}, "every"),
    ],
)
def test_bad_leaders_are_refused(fields: dict[str, Any], message: str) -> None:
    with pytest.raises(ValueError, match=message):
        _pledge(2024, **fields)


def test_a_bad_rotation_is_an_error_at_its_line_in_both_languages(
    write_data: Any, tmp_path: Path, provinces_toml: str, run: Any
) -> None:
    root = write_data(
        tmp_path,
        {
            "provinces.toml": provinces_toml,
            "pledges/2021/cum.toml": """
                name = "Cụm"
                leader = "an-giang"
                deputy = "can-tho"
                provinces = ["an-giang", "can-tho"]

                [[targets]]
                id = "new"
                text = "Thành lập mới 20 HTX"
                metric = "coops_new"
                at_least = 20

                [rotation]
                no_repeat_within = 0
            """,
        },
    )
    code, out, err = run(["validate", "--data", str(root)])
    assert code == 2
    assert "cum.toml:13: error: no_repeat_within must be a whole number of at least 1, not 0" in (
        out + err
    )
    try:
        code, out, err = run(["validate", "--data", str(root), "--lang", "vi"])
    finally:
        set_language("en")  # the in-process runner leaves the language set
    assert "no_repeat_within phải là số nguyên từ 1 trở lên, không phải 0" in out + err
