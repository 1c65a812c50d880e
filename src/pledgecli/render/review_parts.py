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


def _count(value: int) -> Cell:
    return Cell(str(value), value)


def _points(value: Fraction) -> Cell:
    return Cell(number(value), score_number(value))


def title(review: PledgeReview) -> str:
    pledge = review.pledge
    return _("{name} — {year}").format(name=pledge.name, year=pledge.year)
