"""pydantic's validation errors as diagnostics, in the reader's language.

Imported only when a file needs pydantic's validation (``schema.py``).
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import Any, TypeVar

from pydantic import BaseModel, ValidationError

from pledgecli.diagnostics import Diagnostic, KeyPath, Problem
from pledgecli.i18n import N_, _
from pledgecli.names import did_you_mean
from pledgecli.schema import (
    SCHEMA,
    Actuals,
    Correction,
    Deduction,
    DocumentHeader,
    Rotation,
    Scoring,
    Target,
)
from pledgecli.schema import validate as validated

_Domain = TypeVar("_Domain")


def validate(
    domain: type[_Domain], raw: dict[str, Any], path: Path, diagnostics: list[Diagnostic]
) -> _Domain | None:
    """The ``domain`` object (``models.Pledge``...) pydantic validates from ``raw``; ``None``,
    with a diagnostic per problem, if it is not."""
    try:
        return validated(domain, raw)
    except ValidationError as error:
        for detail in error.errors():
            diagnostics.append(model_diagnostic(domain, path, detail, raw))
        return None


def model_diagnostic(
    domain: type[Any], path: Path, detail: Any, raw: Mapping[str, Any]
) -> Diagnostic:
    """One of pydantic's errors validating a ``domain`` object (``models.Province``...)."""
    model = SCHEMA[domain]
    loc: KeyPath = tuple(detail["loc"])
    kind = detail["type"]
    problem = (detail.get("ctx") or {}).get("error")
    if isinstance(problem, Problem):
        message, metric = problem.message, _figure_metric(model, loc)
        if metric is not None and not message.startswith(f"{metric}:"):
            message = f"{metric}: {message}"  # every error about a figure names its metric
        return Diagnostic(path, message, hint=problem.hint, key=loc + problem.key)
    name = ".".join(str(part) for part in loc) or _("file")
    if kind == "extra_forbidden":
        known = _known_keys(model, loc)
        hint = did_you_mean(str(loc[-1]), known)
        if model is Actuals and len(loc) == 1 and hint is None:
            hint = _("metrics go in the [metrics] table")
        return Diagnostic(path, _('unknown key "{key}"').format(key=loc[-1]), hint=hint, key=loc)
    if kind == "missing":
        message = _('missing required key "{key}"').format(key=loc[-1])
        return Diagnostic(path, message, key=loc[:-1] or None)
    if kind == "too_short":
        message = _("{key} is empty; it needs at least one entry").format(key=name)
        return Diagnostic(path, message, key=loc)
    words = next((w for t, w in _PYDANTIC_WORDS if kind.startswith(t)), None)
    last = next((str(part) for part in reversed(loc) if isinstance(part, str)), name)
    if words is not None:
        return Diagnostic(path, _(words).format(key=last), key=loc)
    message = str(detail["msg"]).removeprefix("Value error, ")
    return Diagnostic(path, f"{last}: {message}", key=loc)


def _figure_metric(model: type[BaseModel], loc: KeyPath) -> str | None:
    """The metric of a figure of a report (``[metrics]`` or ``[corrections.<metric>]``)."""
    if (
        model is Actuals
        and len(loc) >= 2
        and loc[0] in ("metrics", "corrections")
        and isinstance(loc[1], str)
    ):
        return loc[1]
    return None


# pydantic's messages for wrong types, in the reader's language (by error type prefix)
_PYDANTIC_WORDS = (
    ("date", N_("{key} must be a date such as 2021-01-27")),
    ("int", N_("{key} must be a whole number")),
    ("string", N_("{key} must be text in double quotes")),
    ("bool", N_("{key} must be true or false")),
    ("list", N_("{key} must be a list in square brackets")),
    ("dict", N_("{key} must be a table")),
    ("model", N_("{key} must be a table")),
    ("enum", N_("{key} is not one of the allowed words")),
    ("literal", N_("{key} is not one of the allowed words")),
)


def _known_keys(model: type[BaseModel], loc: KeyPath) -> list[str]:
    nested: dict[str, type[BaseModel]] = {
        "targets": Target,
        "scoring": Scoring,
        "deductions": Deduction,
        "corrections": Correction,
        "rotation": Rotation,
        "document": DocumentHeader,
    }
    current: type[BaseModel] = model
    for part in loc[:-1]:
        if isinstance(part, str) and part in nested:
            current = nested[part]
    hidden = {"path"}
    return [name for name in current.model_fields if name not in hidden]
