"""The pydantic schema of the files (``schema.py``) and the domain objects (``models.py``)
say the same: the same fields in the same order with the same defaults, and what pydantic
validates becomes the domain object, all the way down."""

from __future__ import annotations

import dataclasses
from decimal import Decimal
from fractions import Fraction
from pathlib import Path
from typing import Any

import pytest
from pydantic import BaseModel, ValidationError

from pledgecli import models
from pledgecli.diagnostics import Problem
from pledgecli.schema import DOMAIN, to_domain, validate


def _domain_default(field: dataclasses.Field[Any]) -> Any:
    if field.default_factory is not dataclasses.MISSING:
        return field.default_factory()
    return field.default


@pytest.mark.parametrize("model", list(DOMAIN), ids=lambda model: model.__name__)
def test_each_schema_model_has_the_fields_of_its_domain_class(model: type[BaseModel]) -> None:
    domain = DOMAIN[model]
    assert domain.__name__ == model.__name__  # pydantic's messages name the model
    domain_fields = dataclasses.fields(domain)
    assert [f.name for f in domain_fields] == list(model.model_fields)
    for field in domain_fields:
        info = model.model_fields[field.name]
        assert info.is_required() is (_domain_default(field) is dataclasses.MISSING)
        if not info.is_required():
            default = to_domain(info.get_default(call_default_factory=True))
            assert default == _domain_default(field)
            assert type(default) is type(_domain_default(field))


def test_a_validated_pledge_is_made_of_domain_objects_only() -> None:
    raw: dict[str, Any] = {
        "year": 2021,
        "cluster": "c",
        "path": Path("c.toml"),
        "name": "Cụm",
        "provinces": ["a", "b"],
        "targets": [
            {"id": "t", "text": "x", "metric": "m", "at_least": 3, "overrides": {"a": 2}},
            {"id": "u", "text": "y", "metric": "n", "must_be": True, "judged_by": "cluster"},
        ],
        "scoring": {"bands": {"Tốt": 80}, "points": {"t": 40}},
        "rotation": {"no_repeat_within": 3},
        "document": {"issuer": "Liên minh HTX"},
    }
    pledge = validate(models.Pledge, raw)
    assert type(pledge) is models.Pledge
    assert [type(target) for target in pledge.targets] == [models.Target, models.Target]
    assert type(pledge.scoring) is models.Scoring
    assert type(pledge.rotation) is models.Rotation
    assert type(pledge.document) is models.DocumentHeader
    assert pledge.scoring.points == {"t": Fraction(40)}
    assert pledge.targets[1].judged_by is models.JudgedBy.CLUSTER
    assert pledge.target("t").threshold_for("a") != pledge.target("t").threshold
    assert pledge.rotation.no_repeat_within == 3


def test_a_validated_report_is_made_of_domain_objects_only() -> None:
    raw: dict[str, Any] = {
        "year": 2021,
        "province": "a",
        "path": Path("a.toml"),
        "metrics": {"m": 4, "ok": False},
        "deductions": [{"points": Decimal("1.5"), "reason": "chậm"}],
        "corrections": {"m": {"value": 3, "reason": "thẩm định", "by": "b"}},
        "self_score": 98,
    }
    report = validate(models.Actuals, raw)
    assert type(report) is models.Actuals
    assert report.deductions == [models.Deduction(points=Fraction(3, 2), reason="chậm")]
    assert report.corrections == {
        "m": models.Correction(value=Fraction(3), reason="thẩm định", by="b")
    }
    assert report.verified == {"m": Fraction(3), "ok": False}
    assert to_domain(report) is report  # nothing left to convert


def test_the_checks_across_fields_are_the_domains_own() -> None:
    # the schema's validators run the very checks the plain paths run
    with pytest.raises(ValidationError, match="has 2 rules"):
        validate(models.Target, {"id": "t", "text": "x", "metric": "m", "at_least": 1, "below": 2})
    with pytest.raises(Problem, match="has 2 rules"):
        models.check_target(models.Target(id="t", text="x", metric="m", at_least=1, below=2))
