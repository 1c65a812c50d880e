"""The models of a province's year-end report and of the registry of provinces: figures,
deductions, the cluster's corrections, the self-score; ``Province`` of provinces.toml.

Re-exported by ``pledgecli.models`` (import them from there or from here alike).
"""

from __future__ import annotations

from datetime import date
from fractions import Fraction
from functools import cached_property
from pathlib import Path
from typing import Annotated, Any, TypeVar

from pydantic import BaseModel, BeforeValidator, ConfigDict, Field, field_validator, model_validator

from pledgecli.diagnostics import Problem
from pledgecli.figures import MetricValue, parse_metric_value, parse_points
from pledgecli.i18n import _

Points = Annotated[Fraction, BeforeValidator(parse_points)]


class Deduction(BaseModel):
    """Points a province loses, with the reason (an ``[[deductions]]`` entry of its report)."""

    model_config = ConfigDict(
        defer_build=True, extra="forbid", frozen=True, arbitrary_types_allowed=True
    )

    points: Points
    reason: str = Field(min_length=1)


Metric = Annotated[MetricValue, BeforeValidator(parse_metric_value)]


class Correction(BaseModel):
    """The cluster's verified figure for one metric of a report (chấm chéo, thẩm định):
    an entry of the report's ``[corrections]`` table. The reported figure stays in
    ``[metrics]``."""

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

    model_config = ConfigDict(defer_build=True, extra="forbid", frozen=True)

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


_Model = TypeVar("_Model", bound=BaseModel)
_set = object.__setattr__
_PLAIN: dict[type[BaseModel], bool] = {}


def constructed(cls: type[_Model], values: dict[str, Any], fields_set: set[str]) -> _Model:
    """``cls.model_construct(_fields_set=fields_set, **values)`` when ``values`` gives every
    field of ``cls`` in its order (what the fast paths of loading build), without its walk
    through the fields for aliases and defaults (national data makes 10,000 models): the
    same instance attributes as model_construct sets, for a model with neither aliases nor
    a post-init nor extra fields allowed; else model_construct itself."""
    plain = _PLAIN.get(cls)
    if plain is None:
        fields = cls.__pydantic_fields__.values()
        plain = _PLAIN[cls] = (
            not cls.__pydantic_root_model__
            and cls.__pydantic_post_init__ is None
            and cls.model_config.get("extra") != "allow"
            and all(f.alias is None and f.validation_alias is None for f in fields)
        )
    if not plain or list(values) != list(cls.__pydantic_fields__):
        return cls.model_construct(fields_set, **values)
    model = cls.__new__(cls)
    _set(model, "__dict__", values)
    _set(model, "__pydantic_fields_set__", fields_set)
    _set(model, "__pydantic_extra__", None)
    _set(model, "__pydantic_private__", None)
    return model
