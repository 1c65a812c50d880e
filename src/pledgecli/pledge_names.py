"""Names welcome in a pledge file: ``provinces``, ``leader``, ``next_leader``, ``deputy``
and ``next_deputy`` may hold a province's id, name or alias, with or without diacritics
(as ``--province`` does); they are read as ids before the pledge is validated.

A name that matches no province is left as written, for the usual diagnostic (with its
suggestion). Each name read as an id is kept as a note that ``validate --verbose`` shows.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from pledgecli.dataset import DataSet
from pledgecli.diagnostics import Diagnostic, KeyPath
from pledgecli.i18n import _
from pledgecli.lookup import province_labels, resolve_province

ROLES = ("leader", "next_leader", "deputy", "next_deputy")


def resolve_names(raw: dict[str, Any], path: Path, data: DataSet) -> dict[str, Any]:
    """``raw`` with every province name of the keys above replaced by its id."""
    resolved = dict(raw)
    signatories = raw.get("provinces")
    if isinstance(signatories, list):
        resolved["provinces"] = [
            _resolve(value, path, data, ("provinces", index))
            for index, value in enumerate(signatories)
        ]
    for key in ROLES:
        if key in raw:
            resolved[key] = _resolve(raw[key], path, data, (key,))
    return resolved


def _resolve(value: object, path: Path, data: DataSet, key: KeyPath) -> object:
    if not isinstance(value, str) or value in data.provinces:
        return value
    if not data.labels:
        data.labels = province_labels(data.provinces)
    province = resolve_province(value, data.provinces, data.labels)
    if province is None:
        return value
    data.resolved.append(
        Diagnostic(
            path,
            _('"{written}" is {name} ({id})').format(
                written=value, name=data.province_name(province), id=province
            ),
            key=key,
            severity="warning",  # never counted: these notes are not in data.diagnostics
        )
    )
    return province
