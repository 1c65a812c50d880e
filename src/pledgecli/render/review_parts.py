"""What the review views share: names, counts, points and a pledge's title."""

from __future__ import annotations

from collections.abc import Mapping
from fractions import Fraction

from pledgecli.display import (
    number,
)
from pledgecli.i18n import _
from pledgecli.render.document import (
    Cell,
)
from pledgecli.render.json import score_number
from pledgecli.review import PledgeReview

Names = Mapping[str, str]


def _name(names: Names, province: str) -> str:
    return names.get(province, province)


_COUNTS: dict[int, Cell] = {}  # a count's cell (immutable), made once: counts repeat


def _count(value: int) -> Cell:
    if type(value) is not int:  # a bool or another int type: never the cell of an int
        return Cell(str(value), value)
    cell = _COUNTS.get(value)
    if cell is None:
        if len(_COUNTS) >= 4096:
            _COUNTS.clear()
        cell = _COUNTS[value] = Cell(str(value), value)
    return cell


def _points(value: Fraction) -> Cell:
    return Cell(number(value), score_number(value))


def title(review: PledgeReview) -> str:
    pledge = review.pledge
    return _("{name} — {year}").format(name=pledge.name, year=pledge.year)
