"""A plain pledge built without pydantic (a short command's start-up).

Importing pydantic and building the schema of a pledge (``schema.py``) is most of the
start-up of ``pledge check`` on a small data directory. A pledge made only of what most
pledges hold (a name, a date, leaders, provinces, targets of one rule, no ``[scoring]``,
``[rotation]`` or ``[document]`` table), each value of the exact type pydantic would
accept without converting it, is built here instead: the same fields, the same defaults,
the same checks (``check_target``, ``check_references``) run on it. Anything else, and
anything a check refuses, returns None, and pydantic validates the pledge and words its
problems as always.
``tests/test_fast_paths.py`` compares both ways on the bundled pledges and their variants.
"""

from __future__ import annotations

from dataclasses import fields
from datetime import date
from pathlib import Path
from typing import Any

from pledgecli.models import (
    RULE_KEYS,
    DocumentHeader,
    JudgedBy,
    Pledge,
    Rotation,
    Scope,
    Scoring,
    Target,
    check_references,
    check_target,
    check_unique_ids,
)

_PLEDGE_KEYS = frozenset(
    {
        "year",
        "cluster",
        "path",
        "name",
        "signed_on",
        "leader",
        "deputy",
        "next_leader",
        "next_deputy",
        "provinces",
        "targets",
    }
)
_OPTIONAL_TEXT = ("leader", "deputy", "next_leader", "next_deputy")
_TARGET_KEYS = frozenset(f.name for f in fields(Target))
_SCOPES = {scope.value: scope for scope in Scope}


def plain_pledge(raw: dict[str, Any]) -> Pledge | None:
    """``schema.validate(Pledge, raw)`` for a plain pledge; None when pydantic must say."""
    if not raw.keys() <= _PLEDGE_KEYS:
        return None
    year, cluster, path = raw.get("year"), raw.get("cluster"), raw.get("path")
    name, signed_on = raw.get("name"), raw.get("signed_on")
    provinces, targets = raw.get("provinces"), raw.get("targets")
    if not (
        type(year) is int
        and type(cluster) is str
        and isinstance(path, Path)
        and type(path) is type(Path())
        and type(name) is str
        and name
        and (signed_on is None or type(signed_on) is date)
        and all(raw.get(key) is None or type(raw.get(key)) is str for key in _OPTIONAL_TEXT)
        and type(provinces) is list
        and provinces
        and all(type(province) is str for province in provinces)
        and len(set(provinces)) == len(provinces)
        and type(targets) is list
        and targets
    ):
        return None
    built: list[Target] = []
    for entry in targets:
        target = _plain_target(entry)
        if target is None:
            return None
        built.append(target)
    values: dict[str, Any] = {
        "year": year,
        "cluster": cluster,
        "path": path,
        "name": name,
        "signed_on": signed_on,
        "leader": raw.get("leader"),
        "deputy": raw.get("deputy"),
        "next_leader": raw.get("next_leader"),
        "next_deputy": raw.get("next_deputy"),
        "provinces": list(provinces),
        "targets": built,
        "scoring": Scoring(),
        "rotation": Rotation(),
        "document": DocumentHeader(),
    }
    try:
        check_unique_ids(target.id for target in built)
        pledge = Pledge(**values)
        check_references(pledge)
    except (ValueError, AssertionError):  # what pydantic reports as a validation error
        return None
    return pledge


def _plain_target(entry: object) -> Target | None:
    """One target as pydantic would build it from ``entry``, or None."""
    if type(entry) is not dict or not entry.keys() <= _TARGET_KEYS:
        return None
    get = entry.get
    texts = (get("id"), get("text"), get("metric"))
    if not all(type(text) is str and text for text in texts):
        return None
    if not all(get(key) is None or type(get(key)) is str for key in ("per", "unit")):
        return None
    scope_text = get("scope", "province")
    scope = _SCOPES.get(scope_text) if type(scope_text) is str else None
    if scope is None:
        return None
    judged_by = get("judged_by")
    if judged_by is not None:
        if judged_by != JudgedBy.CLUSTER.value or type(judged_by) is not str:
            return None
        judged_by = JudgedBy.CLUSTER
    baseline_year, overrides = get("baseline_year"), get("overrides", {})
    if baseline_year is not None and type(baseline_year) is not int:
        return None
    if type(overrides) is not dict:
        return None
    values: dict[str, Any] = {
        "id": texts[0],
        "text": texts[1],
        "metric": texts[2],
        "per": get("per"),
        **{key: get(key) for key in RULE_KEYS},
        "scope": scope,
        "judged_by": judged_by,
        "unit": get("unit"),
        "baseline_year": baseline_year,
        "overrides": dict(overrides),
    }
    try:
        target = Target(**values)
        check_target(target)
    except (ValueError, AssertionError):  # what pydantic reports as a validation error
        return None
    return target
