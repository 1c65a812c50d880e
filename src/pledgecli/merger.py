"""The 2025 reorganisation of provinces: pure questions about the registry's mergers.

A former province stays in ``provinces.toml`` with ``merged_into`` (the province it
became part of) and ``merged_on`` (the day it stopped existing on its own). Chains
are allowed when their dates move forward: A merged into B on d1, then B into C on a
later d2. Everything here takes the registry (``id -> Province``) and dates, never
files, so the loader, ``evaluate`` and ``history`` can share it.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date

from pledgecli.diagnostics import Problem
from pledgecli.evaluate import BaselineMembers
from pledgecli.i18n import _
from pledgecli.models import Province

Registry = Mapping[str, Province]


def year_end(year: int) -> date:
    return date(year, 12, 31)


def merged_by(province: Province, on_date: date) -> bool:
    """Whether ``province`` had stopped existing on its own by ``on_date``."""
    return (
        province.merged_into is not None
        and province.merged_on is not None
        and province.merged_on <= on_date
    )


def successor(registry: Registry, province: str, on_date: date) -> str:
    """The province that ``province`` is part of on ``on_date`` (itself when not merged)."""
    current = province
    seen = {current}
    while True:
        entry = registry.get(current)
        if entry is None or not merged_by(entry, on_date) or entry.merged_into is None:
            return current
        current = entry.merged_into
        if current in seen:  # a cycle: an invalid registry, reported by merger_problems
            return current
        seen.add(current)


def absorbed_index(registry: Registry) -> dict[str, list[str]]:
    """Successor id -> the ids merged into it, in registry order (one pass over the registry,
    so that asking for every signatory's parts stays linear)."""
    index: dict[str, list[str]] = {}
    for other_id, other in registry.items():
        if other.merged_into is not None:
            index.setdefault(other.merged_into, []).append(other_id)
    return index


def parts_at(
    registry: Registry,
    province: str,
    then: date,
    now: date,
    absorbed: Mapping[str, list[str]] | None = None,
) -> tuple[str, ...]:
    """The provinces that existed on their own on ``then`` and are part of ``province`` on
    ``now``: ``province`` itself first, then what merged into it in between, in registry
    order (following chains, so a province that had already absorbed another by ``then``
    stands for both). ``absorbed`` is :func:`absorbed_index` of ``registry``, when known."""
    index = absorbed_index(registry) if absorbed is None else absorbed
    out: list[str] = []

    def visit(current: str) -> None:
        if current in out:
            return
        out.append(current)
        for other_id in index.get(current, ()):
            other = registry[other_id]
            if other.merged_on is not None and then < other.merged_on <= now:
                visit(other_id)

    visit(province)
    return tuple(out)


def predecessors(registry: Registry, province: str, on_date: date | None = None) -> tuple[str, ...]:
    """Every former province merged into ``province`` (directly or through a chain) on or
    before ``on_date`` (any date when ``None``), in registry order; ``province`` excluded.

    ``pledge history`` uses it to follow a province back: before the merger, the figures
    of ``province`` are the sum over itself and these (see :func:`baseline_members`).
    """
    now = on_date if on_date is not None else date.max
    return parts_at(registry, province, date.min, now)[1:]


def baseline_members(
    registry: Registry,
    province: str,
    baseline_year: int,
    year: int,
    absorbed: Mapping[str, list[str]] | None = None,
) -> tuple[str, ...]:
    """Whose ``baseline_year`` reports make up ``province``'s baseline for a ``year`` target.

    A province that absorbed others after the end of the baseline year and by the end of
    the judged year is compared with the sum of itself and them: Cần Thơ's 2025 growth
    over 2024 is measured against Cần Thơ + Sóc Trăng + Hậu Giang in 2024. A merger after
    the judged year does not count (the judged report is still the old province's).
    """
    return parts_at(registry, province, year_end(baseline_year), year_end(year), absorbed)


def baseline_members_of(registry: Registry) -> BaselineMembers:
    """:func:`baseline_members` bound to ``registry``, as ``evaluate`` takes it."""
    absorbed = absorbed_index(registry)

    def members(province: str, baseline_year: int, year: int) -> tuple[str, ...]:
        if province not in absorbed:  # nothing ever merged into it: the common case
            return (province,)
        return baseline_members(registry, province, baseline_year, year, absorbed)

    return members


def former_signatory(registry: Registry, province: str, year: int, signed_on: date | None) -> bool:
    """Whether a pledge of ``year`` (signed on ``signed_on``, if known) is dated after
    ``province`` merged into another: its year is later than the merger's, or it was
    signed on or after the merger day."""
    entry = registry.get(province)
    if entry is None or entry.merged_into is None or entry.merged_on is None:
        return False
    if year > entry.merged_on.year:
        return True
    return signed_on is not None and signed_on >= entry.merged_on


def merger_problems(registry: Registry) -> list[Problem]:
    """What is wrong with the registry's mergers, each with its key ``(id, "merged_into")``.

    Unknown successors are reported by the loader; here: a province merged into itself,
    into a province that had already merged by then (a chain must move forward in time:
    point it at the later province), and cycles.
    """
    problems: list[Problem] = []
    for province_id, province in registry.items():
        target = province.merged_into
        if target is None or target not in registry:
            continue
        key = (province_id, "merged_into")
        if target == province_id:
            problems.append(
                Problem(
                    _("{id} is merged into itself").format(id=province_id),
                    key=key,
                    hint=_("name the province it became part of, or remove merged_into"),
                )
            )
            continue
        successor_entry = registry[target]
        if (
            successor_entry.merged_into is not None
            and successor_entry.merged_on is not None
            and province.merged_on is not None
            and successor_entry.merged_on <= province.merged_on
        ):
            final = successor(registry, target, province.merged_on)
            problems.append(
                Problem(
                    _(
                        "{id} is merged into {successor} on {date}, but {successor} had "
                        "already merged into {later} on {later_date}"
                    ).format(
                        id=province_id,
                        successor=target,
                        date=province.merged_on.isoformat(),
                        later=successor_entry.merged_into,
                        later_date=successor_entry.merged_on.isoformat(),
                    ),
                    key=key,
                    hint=_('did you mean "{match}"?').format(match=final),
                )
            )
    return problems
