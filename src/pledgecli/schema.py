"""The pydantic schema of the files: what validates a pledge, a year-end report or an
entry of provinces.toml that is not plain, and words its problems (``model_errors.py``).

Imported only when a file needs it: a plain file becomes its domain object
(``models.py``) without pydantic (``load_file.py``, ``plain_pledge.py``,
``load_registry.py``). Each model here has exactly the fields, defaults and order of the
domain class of the same name (``tests/test_schema.py`` checks it), the validators that
read a single value, and "after" validators that run the domain's own checks
(``check_target``, ``check_references``...) on the converted object; ``validate`` turns
what pydantic validated into the domain object.
"""

from __future__ import annotations

import datetime
from collections.abc import Mapping
from fractions import Fraction
from pathlib import Path
from typing import Annotated, Any, TypeVar

from pydantic import (
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    StrictInt,
    field_validator,
    model_validator,
)

from pledgecli import models, report_model, scoring_model
from pledgecli.diagnostics import Problem
from pledgecli.figures import (
    MetricValue,
    Quota,
    describe,
    parse_metric_value,
    parse_points,
    parse_quota,
    whole_at_least,
)
from pledgecli.i18n import _
from pledgecli.models import JudgedBy, Scope
from pledgecli.names import did_you_mean
from pledgecli.scoring_model import MissedScoring

Points = Annotated[Fraction, BeforeValidator(parse_points)]
Metric = Annotated[MetricValue, BeforeValidator(parse_metric_value)]
QuotaValue = Annotated[Quota, BeforeValidator(parse_quota)]

_Domain = TypeVar("_Domain")


class Deduction(BaseModel):
    """Points a province loses, with the reason (an ``[[deductions]]`` entry of its report)."""

    model_config = ConfigDict(
        defer_build=True, extra="forbid", frozen=True, arbitrary_types_allowed=True
    )

    points: Points
    reason: str = Field(min_length=1)


class Correction(BaseModel):
    """The cluster's verified figure for one metric of a report."""

    model_config = ConfigDict(
        defer_build=True, extra="forbid", frozen=True, arbitrary_types_allowed=True
    )

    value: Metric
    reason: str = Field(min_length=1)
    by: str = Field(min_length=1)


class Actuals(BaseModel):
    """One province's year-end report (báo cáo tổng kết) for one year."""

    model_config = ConfigDict(
        defer_build=True, extra="forbid", frozen=True, arbitrary_types_allowed=True
    )

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
        report_model.check_corrections(to_domain(self))
        return self


class Province(BaseModel):
    """An entry of provinces.toml."""

    model_config = ConfigDict(defer_build=True, extra="forbid", frozen=True)

    name: str = Field(min_length=1)
    aliases: list[str] = Field(default_factory=list)
    merged_into: str | None = None
    merged_on: datetime.date | None = None

    @model_validator(mode="after")
    def _merger(self) -> Province:
        report_model.check_merger(to_domain(self))
        return self


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
        scoring_model.check_bands(bands)
        return bands

    @model_validator(mode="after")
    def _min_bands(self) -> Scoring:
        scoring_model.check_min_bands(to_domain(self))
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


class Rotation(BaseModel):
    """How next year's leader and deputy are proposed (the ``[rotation]`` table)."""

    model_config = ConfigDict(defer_build=True, extra="forbid", frozen=True)

    deputy_becomes_leader: bool = True
    no_repeat_within: Annotated[int, BeforeValidator(whole_at_least(1, "no_repeat_within"))] = 2


class DocumentHeader(BaseModel):
    """How the review document names its issuer (the optional ``[document]`` table)."""

    model_config = ConfigDict(defer_build=True, extra="forbid", frozen=True)

    issuer: str | None = Field(default=None, min_length=1)
    number: str | None = Field(default=None, min_length=1)
    place: str | None = Field(default=None, min_length=1)
    date: datetime.date | None = None


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
        models.check_target(to_domain(self))
        return self


class Pledge(BaseModel):
    """A cluster's giao ước thi đua for one year. ``year`` and ``cluster`` come from the path."""

    model_config = ConfigDict(
        defer_build=True, extra="forbid", frozen=True, arbitrary_types_allowed=True
    )

    year: int
    cluster: str
    path: Path
    name: str = Field(min_length=1)
    signed_on: datetime.date | None = None
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
        models.check_distinct(provinces)
        return provinces

    @field_validator("targets")
    @classmethod
    def _targets(cls, targets: list[Target]) -> list[Target]:
        models.check_unique_ids(target.id for target in targets)
        return targets

    @model_validator(mode="after")
    def _references(self) -> Pledge:
        models.check_references(to_domain(self))
        return self


# each schema model and the domain class it validates (same name, fields and order)
DOMAIN: dict[type[BaseModel], type[Any]] = {
    Target: models.Target,
    Pledge: models.Pledge,
    Scoring: scoring_model.Scoring,
    Rotation: scoring_model.Rotation,
    DocumentHeader: scoring_model.DocumentHeader,
    Actuals: report_model.Actuals,
    Deduction: report_model.Deduction,
    Correction: report_model.Correction,
    Province: report_model.Province,
}
SCHEMA: dict[type[Any], type[BaseModel]] = {domain: model for model, domain in DOMAIN.items()}


def to_domain(value: Any) -> Any:
    """``value`` with every schema model in it (in lists and dicts too) made its domain
    object, field by field."""
    if isinstance(value, BaseModel):
        fields = type(value).model_fields
        return DOMAIN[type(value)](**{name: to_domain(getattr(value, name)) for name in fields})
    if type(value) is list:
        return [to_domain(item) for item in value]
    if type(value) is dict:
        return {key: to_domain(item) for key, item in value.items()}
    return value


def validate(domain: type[_Domain], raw: Mapping[str, Any]) -> _Domain:
    """The ``domain`` object (``models.Pledge``...) that pydantic validates from ``raw``;
    pydantic's ``ValidationError`` if it does not."""
    result: _Domain = to_domain(SCHEMA[domain].model_validate(raw))
    return result
