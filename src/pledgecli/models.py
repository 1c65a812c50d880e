"""The domain as pydantic models: provinces, pledges and their targets, year-end actuals.

No I/O here. Values arrive as tomllib gives them, with floats already parsed
as ``Decimal`` so that no binary rounding ever touches a figure; numbers are
kept as ``Fraction`` from then on.
"""

from __future__ import annotations

import datetime
import re
from datetime import date
from decimal import Decimal
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
    field_validator,
    model_validator,
)

from pledgecli.i18n import _
from pledgecli.names import did_you_mean, fold, is_slug

MetricValue = Fraction | bool
Threshold = Fraction | bool


class Problem(ValueError):
    """A validation problem that knows the key it is about and how to fix it."""

    def __init__(self, message: str, *, key: tuple[str | int, ...] = (), hint: str | None = None):
        super().__init__(message)
        self.message = message
        self.key = key
        self.hint = hint


class Rule(StrEnum):
    AT_LEAST = "at_least"
    AT_MOST = "at_most"
    GROWTH_AT_LEAST = "growth_at_least"
    MUST_BE = "must_be"


class Scope(StrEnum):
    PROVINCE = "province"
    CLUSTER = "cluster"


RULE_KEYS = tuple(rule.value for rule in Rule)
_RULES = tuple(Rule)
_PERCENT = re.compile(r"^\s*([+-]?\d+(?:\.\d+)?)\s*%\s*$")
_NUMBER = re.compile(r"^\s*[+-]?\d+(?:[.,]\d+)?\s*$")


# No figure has a thousand digits; far below the 4,300 digits Python writes out of an
# integer, so that even a cluster's sum of such figures can still be printed.
MAX_EXPONENT = 1000
LARGEST = 10**MAX_EXPONENT


def as_number(value: object) -> Fraction:
    """An exact number from a TOML int or (Decimal-parsed) float; booleans are not numbers."""
    if isinstance(value, bool) or not isinstance(value, int | Decimal | Fraction):
        raise TypeError(value)
    if isinstance(value, Decimal) and not value.is_finite():
        written = "nan" if value.is_nan() else ("inf" if value > 0 else "-inf")
        raise Problem(
            _("{value} is not a number").format(value=written), hint=_("write a finite number")
        )
    too_large = abs(value) >= LARGEST if isinstance(value, int) else False
    if too_large or (isinstance(value, Decimal) and abs(value.adjusted()) > MAX_EXPONENT):
        # 1e999999999 as a Fraction would take all memory and time: no figure is that large.
        raise Problem(
            _("{value} is too large or too small to be a figure").format(value=value),
            hint=_("write the figure in full, without an exponent"),
        )
    return Fraction(value)


def parse_percent(value: object) -> Fraction | None:
    """``"60%"`` -> ``3/5``; ``None`` when ``value`` is not a percentage string."""
    if not isinstance(value, str):
        return None
    match = _PERCENT.match(value)
    return Fraction(Decimal(match.group(1))) / 100 if match else None


def _describe(value: object) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, str):
        return f'"{value}"'
    return str(value)


def _percent_hint(value: object) -> str:
    text = str(value).strip().rstrip("%").replace(",", ".")
    return _('write it as a percentage: "{text}%"').format(text=text)


class Target(BaseModel):
    """One chỉ tiêu of a pledge, with exactly one rule."""

    model_config = ConfigDict(extra="forbid", frozen=True, arbitrary_types_allowed=True)

    id: str = Field(min_length=1)
    text: str = Field(min_length=1)
    metric: str = Field(min_length=1)
    per: str | None = None
    at_least: Any = None
    at_most: Any = None
    growth_at_least: Any = None
    must_be: Any = None
    scope: Scope = Scope.PROVINCE
    unit: str | None = None
    baseline_year: int | None = None
    overrides: dict[str, Any] = Field(default_factory=dict)

    @field_validator("scope", mode="before")
    @classmethod
    def _scope(cls, value: object) -> object:
        if isinstance(value, str) and value not in {s.value for s in Scope}:
            raise Problem(
                _('scope must be "province" or "cluster", not {value}').format(
                    value=_describe(value)
                ),
                hint=did_you_mean(value, [s.value for s in Scope]),
            )
        return value

    @model_validator(mode="after")
    def _one_rule(self) -> Target:
        given = [key for key in RULE_KEYS if getattr(self, key) is not None]
        if not given:
            raise Problem(
                _('target "{target}" has no rule').format(target=self.id),
                hint=_("add one of at_least, at_most, growth_at_least, must_be"),
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
        if self.baseline_year is not None and rule is not Rule.GROWTH_AT_LEAST:
            raise Problem(
                _("baseline_year only applies to growth_at_least"), key=("baseline_year",)
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
        return self.per is not None or self.rule is Rule.GROWTH_AT_LEAST

    @cached_property
    def threshold(self) -> Threshold:
        # Parsed once per target, not once per province (targets are frozen).
        return self.parse_threshold(getattr(self, self.rule.value), ())

    def threshold_for(self, province: str | None) -> Threshold:
        if province is not None and province in self.overrides:
            return self.parse_threshold(self.overrides[province], ())
        return self.threshold

    def uses_baseline(self) -> bool:
        return self.rule is Rule.GROWTH_AT_LEAST

    def parse_threshold(self, value: object, key: tuple[str | int, ...]) -> Threshold:
        rule = self.rule if key == () or key[0] == "overrides" else Rule(str(key[0]))
        if rule is Rule.MUST_BE:
            if not isinstance(value, bool):
                raise Problem(
                    _("must_be takes true or false, not {value}").format(value=_describe(value)),
                    key=key,
                )
            return value
        if self.per is not None or rule is Rule.GROWTH_AT_LEAST:
            percent = parse_percent(value)
            if percent is None:
                what = _("a growth rule") if rule is Rule.GROWTH_AT_LEAST else _("a ratio (per)")
                raise Problem(
                    _("the threshold of {what} must be a percentage, not {value}").format(
                        what=what, value=_describe(value)
                    ),
                    key=key,
                    hint=_percent_hint(value),
                )
            if rule is not Rule.GROWTH_AT_LEAST and percent < 0:
                raise Problem(
                    _("a ratio threshold cannot be negative ({value})").format(value=value), key=key
                )
            return percent
        if isinstance(value, str):
            if parse_percent(value) is not None:
                raise Problem(
                    _("{value} is a percentage, but the target has no per (denominator)").format(
                        value=value
                    ),
                    key=key,
                    hint=_('add per = "<metric to divide by>", or write a count'),
                )
            hint = _("write the number without quotes") if _NUMBER.match(value) else None
            raise Problem(
                _("the threshold must be a number, not {value}").format(value=_describe(value)),
                key=key,
                hint=hint,
            )
        try:
            number = as_number(value)
        except TypeError:
            raise Problem(
                _("the threshold must be a number, not {value}").format(value=_describe(value)),
                key=key,
            ) from None
        if number < 0:
            raise Problem(
                _("a count threshold cannot be negative ({value})").format(value=value), key=key
            )
        return number


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


def _points(value: object) -> Fraction:
    """A number of points: a TOML number, never negative."""
    if isinstance(value, str):
        raise Problem(
            _("points must be a number, not {value}").format(value=_describe(value)),
            hint=_("write the number without quotes") if _NUMBER.match(value) else None,
        )
    try:
        number = as_number(value)
    except TypeError:
        raise Problem(
            _("points must be a number, not {value}").format(value=_describe(value))
        ) from None
    if number < 0:
        raise Problem(_("points cannot be negative ({value})").format(value=value))
    return number


Points = Annotated[Fraction, BeforeValidator(_points)]


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

    @field_validator("missed", mode="before")
    @classmethod
    def _missed(cls, value: object) -> object:
        choices = [m.value for m in MissedScoring]
        if isinstance(value, str) and value not in choices:
            raise Problem(
                _('missed must be "zero" or "proportional", not {value}').format(
                    value=_describe(value)
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
    next_leader: str | None = None
    provinces: list[str] = Field(min_length=1)
    targets: list[Target] = Field(min_length=1)
    scoring: Scoring = Field(default_factory=Scoring)
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
        return {self.baseline_year_of(t) for t in self.targets if t.rule is Rule.GROWTH_AT_LEAST}

    def baseline_year_of(self, target: Target) -> int:
        return target.baseline_year if target.baseline_year is not None else self.year - 1


def _metric_value(value: object) -> MetricValue:
    if isinstance(value, bool):
        return value
    if isinstance(value, str):
        hint = None
        if _NUMBER.match(value.replace(".", "")):
            digits = value.replace(".", "").replace(",", ".").strip()
            hint = _("write the number without quotes or thousands separators: {digits}").format(
                digits=digits
            )
        elif value.strip().lower() in {"true", "false", "có", "co", "không", "khong"}:
            hint = _("write true or false without quotes")
        raise Problem(
            _("a metric value must be a number or true/false, not {value}").format(
                value=_describe(value)
            ),
            hint=hint,
        )
    try:
        number = as_number(value)
    except TypeError:
        raise Problem(
            _("a metric value must be a number or true/false, not {value}").format(
                value=type(value).__name__
            )
        ) from None
    if number < 0:
        raise Problem(_("a count cannot be negative ({value})").format(value=value))
    return number


Metric = Annotated[MetricValue, BeforeValidator(_metric_value)]


class Actuals(BaseModel):
    """One province's year-end report (báo cáo tổng kết) for one year."""

    model_config = ConfigDict(extra="forbid", frozen=True, arbitrary_types_allowed=True)

    year: int
    province: str
    path: Path
    source: str | None = None
    metrics: dict[str, Metric] = Field(default_factory=dict)
    deductions: list[Deduction] = Field(default_factory=list)


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


def slug_problem(text: str, what: str) -> Problem | None:
    if is_slug(text):
        return None
    return Problem(
        _('{what} "{text}" is not a lowercase kebab-case id').format(what=what, text=text),
        hint=_('use "{id}"').format(id=fold(text)),
    )
