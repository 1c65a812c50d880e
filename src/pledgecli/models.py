"""The domain as pydantic models: provinces, pledges and their targets, year-end actuals.

No I/O here. Values arrive as tomllib gives them, with floats already parsed
as ``Decimal`` so that no binary rounding ever touches a figure; numbers are
kept as ``Fraction`` from then on. How a figure, a threshold or a number of
points is read and refused is ``figures.py``; the models declare where each goes.
"""

from __future__ import annotations

import datetime
from datetime import date
from enum import StrEnum
from fractions import Fraction
from functools import cached_property
from pathlib import Path
from typing import Annotated, Any

from pydantic import (
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    StrictInt,
    field_validator,
    model_validator,
)

from pledgecli.diagnostics import Problem
from pledgecli.figures import (
    MetricValue,
    Quota,
    Threshold,
    describe,
    parse_metric_value,
    parse_points,
    parse_quota,
    parse_threshold,
    whole_at_least,
)
from pledgecli.i18n import _
from pledgecli.names import did_you_mean


class Rule(StrEnum):
    AT_LEAST = "at_least"
    AT_MOST = "at_most"
    ABOVE = "above"
    BELOW = "below"
    GROWTH_AT_LEAST = "growth_at_least"
    GROWTH_AT_MOST = "growth_at_most"
    MUST_BE = "must_be"

    @property
    def is_growth(self) -> bool:
        """Judged on (this year - baseline year) / baseline year."""
        return self is Rule.GROWTH_AT_LEAST or self is Rule.GROWTH_AT_MOST

    @property
    def is_upper(self) -> bool:
        """The figure must stay at or under the threshold (strictly, for ``below``)."""
        return self is Rule.AT_MOST or self is Rule.BELOW or self is Rule.GROWTH_AT_MOST

    @property
    def is_strict(self) -> bool:
        """Exactly on the threshold misses (``above``: trên/hơn N, ``below``: dưới N)."""
        return self is Rule.ABOVE or self is Rule.BELOW

    def holds(self, actual: Fraction, threshold: Fraction) -> bool:
        """Whether ``actual`` meets ``threshold`` under this rule, exactly."""
        if self.is_strict:
            return actual < threshold if self.is_upper else actual > threshold
        return actual <= threshold if self.is_upper else actual >= threshold


class JudgedBy(StrEnum):
    CLUSTER = "cluster"


class Scope(StrEnum):
    PROVINCE = "province"
    CLUSTER = "cluster"


RULE_KEYS = tuple(rule.value for rule in Rule)
_RULES = tuple(Rule)


class Target(BaseModel):
    """One chỉ tiêu of a pledge, with exactly one rule."""

    model_config = ConfigDict(extra="forbid", frozen=True, arbitrary_types_allowed=True)

    id: str = Field(min_length=1)
    text: str = Field(min_length=1)
    metric: str = Field(min_length=1)
    per: str | None = None
    at_least: Any = None
    at_most: Any = None
    above: Any = None
    below: Any = None
    growth_at_least: Any = None
    growth_at_most: Any = None
    must_be: Any = None
    scope: Scope = Scope.PROVINCE
    judged_by: JudgedBy | None = None
    unit: str | None = None
    baseline_year: StrictInt | None = None  # "2020" (text) is refused, as any wrong type
    overrides: dict[str, Any] = Field(default_factory=dict)

    @field_validator("scope", mode="before")
    @classmethod
    def _scope(cls, value: object) -> object:
        if isinstance(value, str) and value not in {s.value for s in Scope}:
            raise Problem(
                _('scope must be "province" or "cluster", not {value}').format(
                    value=describe(value)
                ),
                hint=did_you_mean(value, [s.value for s in Scope]),
            )
        return value

    @field_validator("judged_by", mode="before")
    @classmethod
    def _judged_by(cls, value: object) -> object:
        if value != JudgedBy.CLUSTER.value:
            raise Problem(
                _('judged_by must be "cluster", not {value}').format(value=describe(value)),
                hint=_('write judged_by = "cluster", or leave it out'),
            )
        return value

    @model_validator(mode="after")
    def _one_rule(self) -> Target:
        given = [key for key in RULE_KEYS if getattr(self, key) is not None]
        if not given:
            raise Problem(
                _('target "{target}" has no rule').format(target=self.id),
                hint=_(
                    "add one of at_least, at_most, above, below, growth_at_least, "
                    "growth_at_most, must_be"
                ),
            )
        if len(given) > 1:
            raise Problem(
                _('target "{target}" has {count} rules ({rules}); a target has one').format(
                    target=self.id, count=len(given), rules=", ".join(given)
                ),
                key=(given[1],),
                hint=_("split it into two targets"),
            )
        rule = Rule(given[0])
        self.parse_threshold(getattr(self, rule.value), (rule.value,))
        for province, value in self.overrides.items():
            self.parse_threshold(value, ("overrides", province))
        if self.scope is Scope.CLUSTER and self.overrides:
            raise Problem(
                _(
                    'target "{target}" is judged on the whole cluster, so it cannot have overrides'
                ).format(target=self.id),
                key=("overrides",),
            )
        if self.per is not None and rule is Rule.MUST_BE:
            raise Problem(_("a must_be target cannot have per"), key=("per",))
        if self.baseline_year is not None and not rule.is_growth:
            raise Problem(
                _("baseline_year only applies to growth_at_least and growth_at_most"),
                key=("baseline_year",),
            )
        if self.judged_by is not None and rule is not Rule.MUST_BE:
            raise Problem(
                _("a target judged by the cluster is a yes/no target: give it must_be = true"),
                key=("judged_by",),
            )
        return self

    @cached_property
    def rule(self) -> Rule:
        # Asked several times per result: found once per target (targets are frozen).
        for rule in _RULES:
            if getattr(self, rule.value) is not None:
                return rule
        raise AssertionError("validated targets have a rule")

    @property
    def is_percent(self) -> bool:
        """Ratios and growth are judged as percentages."""
        return self.per is not None or self.rule.is_growth

    @cached_property
    def threshold(self) -> Threshold:
        # Parsed once per target, not once per province (targets are frozen).
        return self.parse_threshold(getattr(self, self.rule.value), ())

    def threshold_for(self, province: str | None) -> Threshold:
        if province is not None and province in self.overrides:
            return self.parse_threshold(self.overrides[province], ())
        return self.threshold

    def uses_baseline(self) -> bool:
        return self.rule.is_growth

    def parse_threshold(self, value: object, key: tuple[str | int, ...]) -> Threshold:
        rule = self.rule if key == () or key[0] == "overrides" else Rule(str(key[0]))
        return parse_threshold(
            value,
            key,
            must_be=rule is Rule.MUST_BE,
            growth=rule.is_growth,
            per=self.per is not None,
        )


def _unique_target_ids(targets: list[Target]) -> list[Target]:
    seen: set[str] = set()
    for index, target in enumerate(targets):
        if target.id in seen:
            raise Problem(
                _('target id "{target}" is used twice; ids must be unique in a pledge').format(
                    target=target.id
                ),
                key=(index, "id"),
            )
        seen.add(target.id)
    return targets


Points = Annotated[Fraction, BeforeValidator(parse_points)]


QuotaValue = Annotated[Quota, BeforeValidator(parse_quota)]


class MissedScoring(StrEnum):
    ZERO = "zero"
    PROPORTIONAL = "proportional"


class Scoring(BaseModel):
    """How a pledge turns results into points (the ``[scoring]`` table; all keys optional)."""

    model_config = ConfigDict(extra="forbid", frozen=True, arbitrary_types_allowed=True)

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


class Deduction(BaseModel):
    """Points a province loses, with the reason (an ``[[deductions]]`` entry of its report)."""

    model_config = ConfigDict(extra="forbid", frozen=True, arbitrary_types_allowed=True)

    points: Points
    reason: str = Field(min_length=1)


def _check_scoring(scoring: Scoring, targets: list[Target]) -> None:
    scored = [t.id for t in targets if t.scope is Scope.PROVINCE]
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

    model_config = ConfigDict(extra="forbid", frozen=True)

    deputy_becomes_leader: bool = True
    no_repeat_within: Annotated[int, BeforeValidator(whole_at_least(1, "no_repeat_within"))] = 2


class DocumentHeader(BaseModel):
    """How the review document names its issuer (the optional ``[document]`` table of a
    pledge): the body above the cluster in the header, the number, the place and the date."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    issuer: str | None = Field(default=None, min_length=1)
    number: str | None = Field(default=None, min_length=1)
    place: str | None = Field(default=None, min_length=1)
    date: datetime.date | None = None


class Pledge(BaseModel):
    """A cluster's giao ước thi đua for one year. ``year`` and ``cluster`` come from the path."""

    model_config = ConfigDict(extra="forbid", frozen=True, arbitrary_types_allowed=True)

    year: int
    cluster: str
    path: Path
    name: str = Field(min_length=1)
    signed_on: date | None = None
    leader: str | None = None
    deputy: str | None = None
    next_leader: str | None = None
    next_deputy: str | None = None
    provinces: list[str] = Field(min_length=1)
    targets: list[Target] = Field(min_length=1)
    scoring: Scoring = Field(default_factory=Scoring)
    rotation: Rotation = Field(default_factory=lambda: Rotation())
    document: DocumentHeader = Field(default_factory=DocumentHeader)

    @field_validator("provinces")
    @classmethod
    def _distinct(cls, provinces: list[str]) -> list[str]:
        seen: set[str] = set()
        for index, province in enumerate(provinces):
            if province in seen:
                raise Problem(
                    _('"{province}" is listed twice').format(province=province), key=(index,)
                )
            seen.add(province)
        return provinces

    @field_validator("targets")
    @classmethod
    def _targets(cls, targets: list[Target]) -> list[Target]:
        return _unique_target_ids(targets)

    @model_validator(mode="after")
    def _references(self) -> Pledge:
        for index, target in enumerate(self.targets):
            if target.baseline_year is not None and not 0 < target.baseline_year < self.year:
                raise Problem(
                    _("baseline_year {baseline} is not a year before {year}").format(
                        baseline=target.baseline_year, year=self.year
                    ),
                    key=("targets", index, "baseline_year"),
                    hint=_("leave it out to compare with {year}").format(year=self.year - 1),
                )
        if self.leader is not None and self.leader not in self.provinces:
            raise Problem(
                _('leader "{leader}" does not sign this pledge').format(leader=self.leader),
                key=("leader",),
                hint=did_you_mean(self.leader, self.provinces) or _("name one of provinces"),
            )
        if self.next_leader is not None and self.next_leader not in self.provinces:
            raise Problem(
                _('next_leader "{leader}" does not sign this pledge').format(
                    leader=self.next_leader
                ),
                key=("next_leader",),
                hint=did_you_mean(self.next_leader, self.provinces) or _("name one of provinces"),
            )
        for key, head in (("deputy", self.leader), ("next_deputy", self.next_leader)):
            deputy = getattr(self, key)
            if deputy is not None and deputy not in self.provinces:
                raise Problem(
                    _('{key} "{province}" does not sign this pledge').format(
                        key=key, province=deputy
                    ),
                    key=(key,),
                    hint=did_you_mean(deputy, self.provinces) or _("name one of provinces"),
                )
            if deputy is not None and deputy == head:
                raise Problem(
                    _('{key} "{province}" is also the leader; the deputy is another unit').format(
                        key=key, province=deputy
                    ),
                    key=(key,),
                )
        _check_scoring(self.scoring, self.targets)
        signatories = set(self.provinces)  # overrides x provinces would be quadratic
        for index, target in enumerate(self.targets):
            for province in target.overrides:
                if province not in signatories:
                    raise Problem(
                        _('override for "{province}", which does not sign this pledge').format(
                            province=province
                        ),
                        key=("targets", index, "overrides", province),
                        hint=did_you_mean(province, self.provinces),
                    )
        return self

    def target(self, target_id: str) -> Target:
        return next(t for t in self.targets if t.id == target_id)

    def baseline_years(self) -> set[int]:
        return {self.baseline_year_of(t) for t in self.targets if t.rule.is_growth}

    def baseline_year_of(self, target: Target) -> int:
        return target.baseline_year if target.baseline_year is not None else self.year - 1


Metric = Annotated[MetricValue, BeforeValidator(parse_metric_value)]


class Correction(BaseModel):
    """The cluster's verified figure for one metric of a report (chấm chéo, thẩm định):
    an entry of the report's ``[corrections]`` table. The reported figure stays in
    ``[metrics]``."""

    model_config = ConfigDict(extra="forbid", frozen=True, arbitrary_types_allowed=True)

    value: Metric
    reason: str = Field(min_length=1)
    by: str = Field(min_length=1)


class Actuals(BaseModel):
    """One province's year-end report (báo cáo tổng kết) for one year."""

    model_config = ConfigDict(extra="forbid", frozen=True, arbitrary_types_allowed=True)

    year: int
    province: str
    path: Path
    source: str | None = None
    metrics: dict[str, Metric] = Field(default_factory=dict)
    deductions: list[Deduction] = Field(default_factory=list)
    corrections: dict[str, Correction] = Field(default_factory=dict)
    self_score: Points | None = None

    @field_validator("corrections", mode="before")
    @classmethod
    def _correction_tables(cls, value: object) -> object:
        if isinstance(value, dict):
            for metric, entry in value.items():
                if not isinstance(entry, dict):
                    raise Problem(
                        _("a correction of {metric} is a table with value, reason and by").format(
                            metric=metric
                        ),
                        key=(metric,),
                        hint=_(
                            'write [corrections.{metric}], then value = ..., reason = "..." and '
                            'by = "..." on lines of their own'
                        ).format(metric=metric),
                    )
        return value

    @model_validator(mode="after")
    def _corrections_match(self) -> Actuals:
        for metric, correction in self.corrections.items():
            reported = self.metrics.get(metric)
            if reported is not None and isinstance(reported, bool) != isinstance(
                correction.value, bool
            ):
                expected = _("true or false") if isinstance(reported, bool) else _("a number")
                raise Problem(
                    _(
                        "the correction of {metric} must be {expected}, like the reported figure"
                    ).format(metric=metric, expected=expected),
                    key=("corrections", metric, "value"),
                )
        return self

    @cached_property
    def verified(self) -> dict[str, MetricValue]:
        """The figures judged: the reported ones, with the cluster's corrections applied."""
        if not self.corrections:
            return self.metrics
        return {**self.metrics, **{m: c.value for m, c in self.corrections.items()}}


class Province(BaseModel):
    """An entry of provinces.toml."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    name: str = Field(min_length=1)
    aliases: list[str] = Field(default_factory=list)
    merged_into: str | None = None
    merged_on: date | None = None

    @model_validator(mode="after")
    def _merger(self) -> Province:
        # Both or neither: a merger without its date cannot say which years it affects.
        if self.merged_into is not None and self.merged_on is None:
            raise Problem(
                _('merged_into = "{successor}" needs merged_on, the day of the merger').format(
                    successor=self.merged_into
                ),
                key=("merged_into",),
                hint=_("add merged_on = 2025-07-01 for the 2025 reorganisation"),
            )
        if self.merged_on is not None and self.merged_into is None:
            raise Problem(
                _("merged_on needs merged_into, the province it merged into"),
                key=("merged_on",),
            )
        return self
