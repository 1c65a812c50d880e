"""How a pledge scores, rates, nominates and rotates its leaders (the ``[scoring]``,
``[rotation]`` and ``[document]`` tables). Re-exported by ``pledgecli.models``.
"""

from __future__ import annotations

import datetime
from enum import StrEnum
from fractions import Fraction
from typing import Annotated

from pydantic import BaseModel, BeforeValidator, ConfigDict, Field, field_validator, model_validator

from pledgecli.diagnostics import Problem
from pledgecli.figures import Quota, describe, parse_quota, whole_at_least
from pledgecli.i18n import _
from pledgecli.names import did_you_mean
from pledgecli.report_model import Points

QuotaValue = Annotated[Quota, BeforeValidator(parse_quota)]


class MissedScoring(StrEnum):
    ZERO = "zero"
    PROPORTIONAL = "proportional"


class Scoring(BaseModel):
    """How a pledge turns results into points (the ``[scoring]`` table; all keys optional)."""

    model_config = ConfigDict(
        defer_build=True, extra="forbid", frozen=True, arbitrary_types_allowed=True
    )

    base: Points = Fraction(100)
    points: dict[str, Points] = Field(default_factory=dict)
    missed: MissedScoring = MissedScoring.ZERO
    bonus: dict[str, Points] = Field(default_factory=dict)
    bonus_cap: Points | None = None
    nominee_must_meet_all: bool = False
    bands: dict[str, Points] = Field(default_factory=dict)
    flag_quota: QuotaValue = Field(default_factory=lambda: Quota(count=1))
    certificate_quota: QuotaValue = Field(default_factory=lambda: Quota(count=0))
    flag_min_band: str | None = None
    certificate_min_band: str | None = None
    alternates: Annotated[int, BeforeValidator(whole_at_least(0, "alternates"))] = 1

    @field_validator("bands")
    @classmethod
    def _bands(cls, bands: dict[str, Fraction]) -> dict[str, Fraction]:
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
        return bands

    @model_validator(mode="after")
    def _min_bands(self) -> Scoring:
        for key in ("flag_min_band", "certificate_min_band"):
            band = getattr(self, key)
            if band is not None and band not in self.bands:
                raise Problem(
                    _('{key} = "{band}" is not one of the bands').format(key=key, band=band),
                    key=(key,),
                    hint=did_you_mean(band, self.bands)
                    or _("name one of [scoring.bands], or add the band there"),
                )
        return self

    @field_validator("missed", mode="before")
    @classmethod
    def _missed(cls, value: object) -> object:
        choices = [m.value for m in MissedScoring]
        if isinstance(value, str) and value not in choices:
            raise Problem(
                _('missed must be "zero" or "proportional", not {value}').format(
                    value=describe(value)
                ),
                hint=did_you_mean(value, choices),
            )
        return value


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


class Rotation(BaseModel):
    """How next year's leader and deputy are proposed (the ``[rotation]`` table of a pledge;
    see ``pledgecli.leaders``). A proposal, never a decision."""

    model_config = ConfigDict(defer_build=True, extra="forbid", frozen=True)

    deputy_becomes_leader: bool = True
    no_repeat_within: Annotated[int, BeforeValidator(whole_at_least(1, "no_repeat_within"))] = 2


class DocumentHeader(BaseModel):
    """How the review document names its issuer (the optional ``[document]`` table of a
    pledge): the body above the cluster in the header, the number, the place and the date."""

    model_config = ConfigDict(defer_build=True, extra="forbid", frozen=True)

    issuer: str | None = Field(default=None, min_length=1)
    number: str | None = Field(default=None, min_length=1)
    place: str | None = Field(default=None, min_length=1)
    date: datetime.date | None = None
