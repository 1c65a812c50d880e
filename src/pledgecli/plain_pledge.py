"""A plain pledge built without pydantic (a short command's start-up).

Importing pydantic and building the schema of a pledge (``schema.py``) is most of the
start-up of ``pledge check`` on a small data directory. A pledge made only of what most
pledges hold (a name, a date, leaders, provinces, targets of one rule, maybe ``[scoring]``,
``[rotation]`` and ``[document]`` tables), each value of the exact type pydantic would
accept without converting it (a figure read by the parser pydantic calls), is built here
instead: the same fields, the same defaults,
the same checks (``check_target``, ``check_references``) run on it. Anything else, and
anything a check refuses, returns None, and pydantic validates the pledge and words its
problems as always.
``tests/test_fast_paths.py`` compares both ways on the bundled pledges and their variants.
"""

from __future__ import annotations

from dataclasses import fields
from datetime import date
from decimal import Decimal
from fractions import Fraction
from pathlib import Path
from typing import Any

from pledgecli.figures import parse_points, parse_quota, whole_at_least
from pledgecli.models import (
    RULE_KEYS,
    DocumentHeader,
    JudgedBy,
    MissedScoring,
    Pledge,
    Rotation,
    Scope,
    Scoring,
    Target,
    check_references,
    check_target,
    check_unique_ids,
)
from pledgecli.scoring_model import check_bands, check_min_bands

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
        "scoring",
        "rotation",
        "document",
    }
)
_OPTIONAL_TEXT = ("leader", "deputy", "next_leader", "next_deputy")
_TARGET_KEYS = frozenset(f.name for f in fields(Target))
_SCOPES = {scope.value: scope for scope in Scope}
_SCORING_KEYS = frozenset(f.name for f in fields(Scoring))
_MISSED = {missed.value: missed for missed in MissedScoring}
_NUMBER = (int, Decimal)  # bool is not int here: type, not isinstance
_ALTERNATES = whole_at_least(0, "alternates")
_NO_REPEAT = whole_at_least(1, "no_repeat_within")


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
    }
    try:
        tables = _plain_tables(raw)
        if tables is None:
            return None
        values.update(tables)
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


def _plain_tables(raw: dict[str, Any]) -> dict[str, Any] | None:
    """The ``[scoring]``, ``[rotation]`` and ``[document]`` tables as pydantic would build
    them (their defaults when absent), or None; ``Problem`` when a parser refuses."""
    scoring, rotation, document = raw.get("scoring"), raw.get("rotation"), raw.get("document")
    built: dict[str, Any] = {
        "scoring": Scoring() if scoring is None else _plain_scoring(scoring),
        "rotation": Rotation() if rotation is None else _plain_rotation(rotation),
        "document": DocumentHeader() if document is None else _plain_document(document),
    }
    return None if None in built.values() else built


def _plain_scoring(entry: object) -> Scoring | None:
    if type(entry) is not dict or not entry.keys() <= _SCORING_KEYS:
        return None
    values: dict[str, Any] = {}
    for key, value in entry.items():
        kind = type(value)
        if key in ("base", "bonus_cap") and kind in _NUMBER:
            values[key] = parse_points(value)
        elif key in ("points", "bonus", "bands") and kind is dict:
            table = _plain_points(value)
            if table is None:
                return None
            values[key] = table
        elif key == "missed" and kind is str and value in _MISSED:
            values[key] = _MISSED[value]
        elif key == "nominee_must_meet_all" and kind is bool:
            values[key] = value
        elif key in ("flag_quota", "certificate_quota") and kind in (int, str):
            values[key] = parse_quota(value)
        elif key in ("flag_min_band", "certificate_min_band") and kind is str:
            values[key] = value
        elif key == "alternates" and kind is int:
            values[key] = _ALTERNATES(value)
        else:
            return None
    scoring = Scoring(**values)
    check_bands(scoring.bands)
    check_min_bands(scoring)
    return scoring


def _plain_points(table: dict[Any, Any]) -> dict[str, Fraction] | None:
    """A table of points by target or band: text keys, numbers read by ``parse_points``."""
    if not all(type(key) is str and type(value) in _NUMBER for key, value in table.items()):
        return None
    return {key: parse_points(value) for key, value in table.items()}


def _plain_rotation(entry: object) -> Rotation | None:
    if type(entry) is not dict or not entry.keys() <= {"deputy_becomes_leader", "no_repeat_within"}:
        return None
    becomes, no_repeat = entry.get("deputy_becomes_leader", True), entry.get("no_repeat_within", 2)
    if type(becomes) is not bool or type(no_repeat) is not int:
        return None
    return Rotation(deputy_becomes_leader=becomes, no_repeat_within=_NO_REPEAT(no_repeat))


def _plain_document(entry: object) -> DocumentHeader | None:
    if type(entry) is not dict or not entry.keys() <= {"issuer", "number", "place", "date"}:
        return None
    texts = [entry.get(key) for key in ("issuer", "number", "place")]
    day = entry.get("date")
    if not all(text is None or (type(text) is str and text) for text in texts):
        return None
    if day is not None and type(day) is not date:
        return None
    return DocumentHeader(issuer=texts[0], number=texts[1], place=texts[2], date=day)
