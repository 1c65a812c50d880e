"""provinces.toml, the registry of provinces: ids, names, aliases and mergers."""

from __future__ import annotations

import os
from datetime import date
from pathlib import Path
from typing import Any

from pledgecli.dataset import DataSet
from pledgecli.diagnostics import Diagnostic
from pledgecli.i18n import _
from pledgecli.merger import merger_problems
from pledgecli.models import Province
from pledgecli.names import did_you_mean, fold, slug_problem
from pledgecli.read import read_toml


def load_provinces(data: DataSet) -> None:
    """Read provinces.toml into ``data.provinces``; its problems into ``data.diagnostics``."""
    path = data.root / "provinces.toml"
    if not os.path.lexists(path):
        data.diagnostics.append(
            Diagnostic(
                path,
                _("provinces.toml is missing"),
                hint=_("it lists every province id and name"),
            )
        )
        data.registry_unread = True
        return
    data.files_checked += 1
    raw = read_toml(path, data.diagnostics)
    if raw is None:
        data.registry_unread = True  # its one error stands for every name it would know
        return
    seen: dict[str, str] = {}
    for province_id, entry in raw.items():
        problem = slug_problem(province_id, _("province id"))
        if problem is not None:
            data.diagnostics.append(
                Diagnostic(path, problem.message, hint=problem.hint, key=(province_id,))
            )
            continue
        if not isinstance(entry, dict):
            data.diagnostics.append(
                Diagnostic(
                    path,
                    _("[{id}] must be a table with a name").format(id=province_id),
                    key=(province_id,),
                )
            )
            continue
        province = _validate_province(province_id, entry, path, data)
        if province is None:
            continue
        own: set[str] = set()  # the file is read as NFC: "Cần Thơ" typed twice is one name
        for index, label in enumerate((province_id, province.name, *province.aliases)):
            if label in own:
                data.diagnostics.append(
                    Diagnostic(
                        path,
                        _('"{label}" is listed twice for {id}').format(label=label, id=province_id),
                        key=(province_id, "aliases") if index > 1 else (province_id,),
                        hint=_("keep one"),
                    )
                )
            own.add(label)
            # an id is a slug (checked above), which folds to itself: one fold less per
            # province (3,321 communes); "\n" is the one character a slug's "$" lets by
            folded = label if index == 0 and "\n" not in label else fold(label)
            other = seen.get(folded)
            if other is not None and other != province_id:
                data.diagnostics.append(
                    Diagnostic(
                        path,
                        _(
                            '"{label}" of {id} also names {other}; names and aliases must be unique'
                        ).format(label=label, id=province_id, other=other),
                        key=(province_id,),
                    )
                )
            seen[folded] = province_id
        data.provinces[province_id] = province
    for province_id, province in data.provinces.items():
        if province.merged_into is not None and province.merged_into not in data.provinces:
            data.diagnostics.append(
                Diagnostic(
                    path,
                    _('{id} is merged into "{successor}", which is not listed').format(
                        id=province_id, successor=province.merged_into
                    ),
                    key=(province_id, "merged_into"),
                    hint=did_you_mean(province.merged_into, data.provinces),
                )
            )
    for problem in merger_problems(data.provinces):
        data.diagnostics.append(
            Diagnostic(path, problem.message, hint=problem.hint, key=problem.key)
        )


_PLAIN_PROVINCE_KEYS = frozenset({"name", "aliases", "merged_into", "merged_on"})


def _validate_province(
    province_id: str, entry: dict[str, Any], path: Path, data: DataSet
) -> Province | None:
    name, aliases = entry.get("name"), entry.get("aliases", [])
    merged_into, merged_on = entry.get("merged_into"), entry.get("merged_on")
    if (  # the usual entry (a name, maybe aliases, maybe both halves of a merger, each of
        # its exact type): a domain object without pydantic (``schema.py``: importing it
        # and building its validator is most of a short command's start-up)
        entry.keys() <= _PLAIN_PROVINCE_KEYS
        and type(name) is str
        and name
        and type(aliases) is list
        and all(type(alias) is str for alias in aliases)
        and (merged_into is None) is (merged_on is None)
        and (merged_into is None or (type(merged_into) is str and type(merged_on) is date))
    ):
        return Province(name=name, aliases=aliases, merged_into=merged_into, merged_on=merged_on)
    from pydantic import ValidationError

    from pledgecli.model_errors import model_diagnostic
    from pledgecli.schema import validate

    try:
        return validate(Province, entry)
    except ValidationError as error:
        for detail in error.errors():
            diag = model_diagnostic(Province, path, detail, entry)
            data.diagnostics.append(
                Diagnostic(
                    path,
                    f"[{province_id}] {diag.message}",
                    hint=diag.hint,
                    key=(province_id, *(diag.key or ())),
                )
            )
        return None
