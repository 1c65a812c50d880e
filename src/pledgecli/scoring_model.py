"""How a pledge scores, rates, nominates and rotates its leaders (the ``[scoring]``,
``[rotation]`` and ``[document]`` tables), as plain frozen dataclasses (their pydantic
schema is ``schema.py``). Re-exported by ``pledgecli.models``.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field
from enum import StrEnum
from fractions import Fraction

from pledgecli.diagnostics import Problem
from pledgecli.figures import Quota
from pledgecli.i18n import _
from pledgecli.names import did_you_mean


class MissedScoring(StrEnum):
    ZERO = "zero"
    PROPORTIONAL = "proportional"


@dataclass(frozen=True, kw_only=True)
class Scoring:
    """How a pledge turns results into points (the ``[scoring]`` table; all keys optional)."""

    base: Fraction = Fraction(100)
    points: dict[str, Fraction] = field(default_factory=dict)
    missed: MissedScoring = MissedScoring.ZERO
    bonus: dict[str, Fraction] = field(default_factory=dict)
    bonus_cap: Fraction | None = None
    nominee_must_meet_all: bool = False
    bands: dict[str, Fraction] = field(default_factory=dict)
    flag_quota: Quota = field(default_factory=lambda: Quota(count=1))
    certificate_quota: Quota = field(default_factory=lambda: Quota(count=0))
    flag_min_band: str | None = None
    certificate_min_band: str | None = None
    alternates: int = 1


def check_bands(bands: dict[str, Fraction]) -> None:
    """Each band of ``[scoring.bands]`` named, with its own lower bound."""
    seen: dict[Fraction, str] = {}
    for name, bound in bands.items():
        if not name.strip():
            raise Problem(_("a band needs a name"), key=(name,))
        if bound in seen:
            raise Problem(
                _('bands "{first}" and "{second}" have the same lower bound {bound}').format(
                    first=seen[bound], second=name, bound=bound
                ),
                key=(name,),
                hint=_("give each band its own lower bound"),
            )
        seen[bound] = name


def check_min_bands(scoring: Scoring) -> None:
    """``flag_min_band`` and ``certificate_min_band`` name bands of ``[scoring.bands]``."""
    for key in ("flag_min_band", "certificate_min_band"):
        band = getattr(scoring, key)
        if band is not None and band not in scoring.bands:
            raise Problem(
                _('{key} = "{band}" is not one of the bands').format(key=key, band=band),
                key=(key,),
                hint=did_you_mean(band, scoring.bands)
                or _("name one of [scoring.bands], or add the band there"),
            )


def check_scoring(scoring: Scoring, scored: list[str]) -> None:
    """``scored``: the ids of the pledge's province-scope targets."""
    for table in ("points", "bonus"):
        for target_id in getattr(scoring, table):
            if target_id not in scored:
                raise Problem(
                    _('scoring.{table} names "{target}", which is not a province target').format(
                        table=table, target=target_id
                    ),
                    key=("scoring", table, target_id),
                    hint=did_you_mean(target_id, scored),
                )
    listed = sum(scoring.points.values(), Fraction(0))
    every_target_listed = bool(scoring.points) and len(scoring.points) == len(scored)
    if listed > scoring.base or (every_target_listed and listed != scoring.base):
        raise Problem(
            _("the points of the targets add up to {total}, but base is {base}").format(
                total=listed, base=scoring.base
            ),
            key=("scoring", "points"),
            hint=_("make them add up to base, or leave some targets out to share the rest"),
        )


@dataclass(frozen=True, kw_only=True)
class Rotation:
    """How next year's leader and deputy are proposed (the ``[rotation]`` table of a pledge;
    see ``pledgecli.leaders``). A proposal, never a decision."""

    deputy_becomes_leader: bool = True
    no_repeat_within: int = 2


@dataclass(frozen=True, kw_only=True)
class DocumentHeader:
    """How the review document names its issuer (the optional ``[document]`` table of a
    pledge): the body above the cluster in the header, the number, the place and the date."""

    issuer: str | None = None
    number: str | None = None
    place: str | None = None
    date: datetime.date | None = None
