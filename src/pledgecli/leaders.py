"""Leaders across years: who headed a cluster (cụm trưởng) and who was deputy (cụm phó),
and a proposal for next year's pair. Pure; a proposal, never a decision.

The rule, configurable in a pledge's ``[rotation]`` table:

1. A pair the pledge already names (``next_leader``, ``next_deputy``: elected at the
   review) is kept as it is.
2. Otherwise, with ``deputy_becomes_leader = true`` (the default), this year's deputy is
   proposed as next year's leader.
3. No unit is proposed to lead again within ``no_repeat_within`` years of leading (default
   2: never two years running; 5 means a unit that led in 2021 may lead again in 2026).
4. When rule 2 gives no one, the leader is the signatory that has gone longest without
   leading (never first), in the order the pledge lists its signatories; the deputy is the
   next in that order after the leader, among those who may lead the year after.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from enum import StrEnum

from pledgecli.merger import merged_by
from pledgecli.models import Pledge, Province, Rotation


@dataclass(frozen=True)
class YearLeaders:
    """The leader and deputy of one year's pledge of a cluster (None: not recorded)."""

    year: int
    cluster: str
    leader: str | None
    deputy: str | None


class Basis(StrEnum):
    """Why a unit is proposed (JSON values)."""

    ELECTED = "elected"  # the pledge names it (next_leader / next_deputy)
    DEPUTY = "deputy-becomes-leader"
    ROTATION = "rotation"  # longest without leading, in signatory order
    NONE = "none"  # no signatory may take it


@dataclass(frozen=True)
class Proposal:
    year: int
    leader: str | None
    leader_basis: Basis
    deputy: str | None
    deputy_basis: Basis
    passed_over: Mapping[str, int] = field(default_factory=dict)
    """Signatories not proposed to lead because they led too recently -> the year they led."""


def rotation(pledges: Iterable[Pledge]) -> list[YearLeaders]:
    """Each year's pair, oldest first, from one cluster's pledges. A year whose pledge
    names no leader takes the one the year before elected (``next_leader``), likewise the
    deputy."""
    ordered = sorted(pledges, key=lambda p: p.year)
    out: list[YearLeaders] = []
    previous: Pledge | None = None
    for pledge in ordered:
        elected = previous if previous is not None and previous.year == pledge.year - 1 else None
        leader = pledge.leader or (elected.next_leader if elected else None)
        deputy = pledge.deputy or (elected.next_deputy if elected else None)
        out.append(YearLeaders(pledge.year, pledge.cluster, leader, deputy))
        previous = pledge
    return out


def last_led(history: Sequence[YearLeaders]) -> dict[str, int]:
    """The last year each unit led."""
    out: dict[str, int] = {}
    for entry in history:
        if entry.leader is not None:
            out[entry.leader] = max(entry.year, out.get(entry.leader, entry.year))
    return out


def propose(
    history: Sequence[YearLeaders], latest: Pledge, candidates: Sequence[str] | None = None
) -> Proposal:
    """Next year's leader and deputy for the cluster of ``latest`` (its last pledge).

    ``candidates``: who may be proposed (default: the signatories of ``latest``; the
    caller leaves out, say, provinces merged away by next year)."""
    year = latest.year + 1
    pool = list(latest.provinces if candidates is None else candidates)
    led = last_led([*history, YearLeaders(latest.year, latest.cluster, latest.leader, None)])
    gap = latest.rotation.no_repeat_within

    def may_lead(province: str, in_year: int) -> bool:
        return province not in led or in_year - led[province] >= gap

    position: dict[str, int] = {}  # each one's place in the pool (its first, as list.index)
    for index, province in enumerate(pool):
        position.setdefault(province, index)

    def turn(province: str) -> tuple[int, int]:
        return (led.get(province, -1), position[province])

    passed_over = {p: led[p] for p in pool if not may_lead(p, year)}
    if latest.next_leader is not None:
        leader: str | None = latest.next_leader
        leader_basis = Basis.ELECTED
    elif (
        latest.rotation.deputy_becomes_leader
        and latest.deputy is not None
        and latest.deputy in pool
        and may_lead(latest.deputy, year)
    ):
        leader, leader_basis = latest.deputy, Basis.DEPUTY
    else:
        ready = sorted((p for p in pool if may_lead(p, year)), key=turn)
        leader = ready[0] if ready else None
        leader_basis = Basis.ROTATION if ready else Basis.NONE
    if latest.next_deputy is not None:
        deputy: str | None = latest.next_deputy
        deputy_basis = Basis.ELECTED
    else:
        ready = sorted((p for p in pool if p != leader and may_lead(p, year + 1)), key=turn)
        deputy = ready[0] if ready else None
        deputy_basis = Basis.ROTATION if ready else Basis.NONE
    return Proposal(year, leader, leader_basis, deputy, deputy_basis, passed_over)


@dataclass(frozen=True)
class ClusterLeaders:
    """One cluster's rotation over the years and the proposed pair for the year after its
    last pledge. ``left_out``: signatories of that pledge not considered, having merged
    into another province by then."""

    cluster: str
    name: str
    rotation: tuple[YearLeaders, ...]
    proposal: Proposal
    left_out: tuple[str, ...]
    rule: Rotation


@dataclass
class LeadersOutcome:
    """What ``pledge leaders`` shows: each cluster's rotation and proposal."""

    clusters: list[ClusterLeaders]
    names: dict[str, str]


def candidates(latest: Pledge, registry: Mapping[str, Province]) -> list[str]:
    """Who may be proposed for the year after ``latest``: its signatories, without those
    merged into another province by the first day of that year."""
    first_day = date(latest.year + 1, 1, 1)
    return [
        p for p in latest.provinces if p not in registry or not merged_by(registry[p], first_day)
    ]


def cluster_leaders(pledges: Iterable[Pledge], registry: Mapping[str, Province]) -> ClusterLeaders:
    """The rotation of one cluster's pledges and the proposal after the last of them."""
    ordered = sorted(pledges, key=lambda p: p.year)
    latest = ordered[-1]
    pool = candidates(latest, registry)
    in_pool = set(pool)
    history = rotation(ordered)
    return ClusterLeaders(
        cluster=latest.cluster,
        name=latest.name,
        rotation=tuple(history),
        proposal=propose(history, latest, pool),
        left_out=tuple(p for p in latest.provinces if p not in in_pool),
        rule=latest.rotation,
    )
