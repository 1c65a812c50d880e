"""A target year by year for a province, across pledges and across the 2025 merger (pure)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, fields
from fractions import Fraction

from pledgecli.evaluate import PledgeResults, Result
from pledgecli.merger import predecessors, successor, year_end
from pledgecli.models import Province

SPARKS = "▁▂▃▄▅▆▇█"


@dataclass(frozen=True)
class Point:
    """One year of a history row; ``via`` is the successor whose result stands for it."""

    year: int
    cluster: str
    result: Result
    via: str | None = None


def plain_point(year: int, cluster: str, result: Result, via: str | None = None) -> Point:
    """``Point(year, cluster, result, via)``, its fields set in its ``__dict__`` at once,
    without the frozen dataclass's ``object.__setattr__`` per field (a national history
    makes one per result: 70,000); by the constructor if ``Point`` has changed since."""
    if not _PLAIN_POINT:
        return Point(year, cluster, result, via)
    point = _new(Point)
    point.__dict__.update(year=year, cluster=cluster, result=result, via=via)
    return point


_new = object.__new__
_PLAIN_POINT = (
    tuple(f.name for f in fields(Point)) == ("year", "cluster", "result", "via")
    and not hasattr(Point, "__post_init__")
    and not hasattr(Point, "__slots__")
)


@dataclass
class Row:
    province: str
    target: str
    points: dict[int, Point] = field(default_factory=dict)
    part_of: str | None = None  # a former province shown in its successor's history

    def values(self) -> list[Fraction]:
        return [
            p.result.actual
            for _, p in sorted(self.points.items())
            if isinstance(p.result.actual, Fraction)
        ]


def history(
    judged: Sequence[tuple[int, PledgeResults]],
    registry: Mapping[str, Province],
    province: str | None = None,
    target: str | None = None,
) -> list[Row]:
    """Rows of (province, target) with a point per year, in the order they first appear.

    With ``province``: its own results; for years after it merged away, its successor's
    (``via``); and the rows of every province merged into it, so that the years before a
    merger show the parts that made it up.
    """
    if province is None:
        return _every_province(judged, target)
    parts = predecessors(registry, province) if province else ()
    rows: dict[tuple[str, str], Row] = {}
    for year, pledge_results in judged:
        follow = successor(registry, province, year_end(year)) if province else None
        for result in pledge_results.results:
            if result.province is None or (target is not None and result.target.id != target):
                continue
            owner, via, part_of = _owner(result.province, province, follow, parts)
            if owner is None:
                continue
            row = rows.setdefault((owner, result.target.id), Row(owner, result.target.id))
            row.part_of = part_of
            row.points[year] = plain_point(year, pledge_results.pledge.cluster, result, via)
    return list(rows.values())


def _every_province(
    judged: Sequence[tuple[int, PledgeResults]], target: str | None
) -> list[Row]:
    """:func:`history` without a province: every result in its own province's row (what
    :func:`_owner` says of each, without asking it 70,000 times for a national history)."""
    rows: dict[tuple[str, str], Row] = {}
    for year, pledge_results in judged:
        cluster = pledge_results.pledge.cluster
        for result in pledge_results.results:
            owner = result.province
            if owner is None:
                continue
            target_id = result.target.id
            if target is not None and target_id != target:
                continue
            row = rows.get((owner, target_id))
            if row is None:
                row = rows[owner, target_id] = Row(owner, target_id)
            row.points[year] = plain_point(year, cluster, result)
    return list(rows.values())


def _owner(
    judged: str, wanted: str | None, follow: str | None, parts: tuple[str, ...]
) -> tuple[str | None, str | None, str | None]:
    """Which row a result of ``judged`` belongs to: (row province, via, part of)."""
    if wanted is None or judged == wanted:
        return judged, None, None
    if follow is not None and follow != wanted and judged == follow:
        return wanted, follow, None
    if judged in parts:
        return judged, None, wanted
    return None, None, None


def sparkline(values: Sequence[Fraction]) -> str:
    """A small trend: one bar per year with a number, and an arrow for the last change."""
    if len(values) < 2:
        return ""
    low, high = min(values), max(values)
    span = high - low
    bars = "".join(
        SPARKS[int((v - low) / span * (len(SPARKS) - 1))] if span else SPARKS[3] for v in values
    )
    last, before = values[-1], values[-2]
    arrow = "↑" if last > before else "↓" if last < before else "→"
    return f"{bars} {arrow}"
