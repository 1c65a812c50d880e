"""The domain as pydantic models: provinces, pledges and their targets, year-end actuals.

No I/O here. Values arrive as tomllib gives them, with floats already parsed
as ``Decimal`` so that no binary rounding ever touches a figure; numbers are
kept as ``Fraction`` from then on. How a figure, a threshold or a number of
points is read and refused is ``figures.py``; the models declare where each goes.
"""

from __future__ import annotations

from datetime import date
from enum import StrEnum
from fractions import Fraction
from functools import cached_property
from pathlib import Path
from typing import Any

from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    StrictInt,
    field_validator,
    model_validator,
)

from pledgecli.diagnostics import Problem
from pledgecli.figures import (
    Threshold,
    describe,
    parse_threshold,
)
from pledgecli.i18n import _
from pledgecli.names import did_you_mean
from pledgecli.report_model import Actuals as Actuals
from pledgecli.report_model import Correction as Correction
from pledgecli.report_model import Deduction as Deduction
from pledgecli.report_model import Metric as Metric
from pledgecli.report_model import Points as Points
from pledgecli.report_model import Province as Province
from pledgecli.scoring_model import DocumentHeader as DocumentHeader
from pledgecli.scoring_model import MissedScoring as MissedScoring
from pledgecli.scoring_model import QuotaValue as QuotaValue
from pledgecli.scoring_model import Rotation as Rotation
from pledgecli.scoring_model import Scoring as Scoring
from pledgecli.scoring_model import check_scoring


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

    model_config = ConfigDict(
        defer_build=True, extra="forbid", frozen=True, arbitrary_types_allowed=True
    )

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


class Pledge(BaseModel):
    """A cluster's giao ước thi đua for one year. ``year`` and ``cluster`` come from the path."""

    model_config = ConfigDict(
        defer_build=True, extra="forbid", frozen=True, arbitrary_types_allowed=True
    )

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
        check_scoring(self.scoring, [t.id for t in self.targets if t.scope is Scope.PROVINCE])
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
