"""The validated model of a report that ``import`` or ``set`` creates, made from its figures.

Before writing, :func:`pledgecli.collect.plan.revalidated` reads every planned report back
as ``pledge validate`` would (``load_file.load_actuals`` of its bytes). A report the
plan creates (:func:`pledgecli.collect.toml_edit.is_new_report`: the national form's
3,321) holds nothing but comments and one ``metric = literal`` line per figure, so reading
it back gives what reading each literal gives, under ``[metrics]``: here each different
literal is read once, by the same reader, and the model is made from them as
``load_actuals`` makes it. Anything else (a comment that is not plain text, a metric
twice, a figure the plain model refuses, a province unknown or merged) and the bytes are
read as before, so that every diagnostic is the reader's own.
"""

from __future__ import annotations

import operator
import re
from collections.abc import Iterable, Sequence
from datetime import date
from pathlib import Path
from typing import Any

from pledgecli.collect.toml_edit import literal
from pledgecli.dataset import DataSet
from pledgecli.diagnostics import Diagnostic
from pledgecli.figure_format import Value
from pledgecli.models import Actuals
from pledgecli.round_outcomes import Change

_FIRST = operator.itemgetter(0)  # (fine, read) -> fine
_SECOND = operator.itemgetter(1)  # (fine, read) -> read; a Change -> its metric
_NEW = operator.itemgetter(3)  # a Change -> its new figure
_READ: dict[str, tuple[bool, Any]] = {}  # literal -> (read cleanly, its value)
_MOST_READ = 1 << 14


def fresh_actuals(
    path: Path,
    year: int,
    data: DataSet,
    content: bytes,
    changes: Sequence[Change],
    header: Sequence[str],
    seen: dict[int, tuple[bool, Any]],
) -> Actuals | None:
    """``load_actuals(path, year, data, content)`` of the new report ``content``, written
    by ``edit_report`` under ``header`` from ``changes`` (its plan's, in order: each
    ``(metric, new)`` an update, taken from them by place rather than made again).
    ``seen``: what each figure (by ``id``: the caller keeps every figure alive while it
    is used) reads as."""
    from pledgecli.load_file import _plain_actuals, load_actuals

    metrics = _figures(path, changes, header, seen)
    province = path.stem
    entry = data.provinces.get(province) if metrics is not None else None
    if (
        metrics is None
        or entry is None
        or (entry.merged_on is not None and entry.merged_on <= date(year, 12, 31))
    ):
        return load_actuals(path, year, data, content)
    raw = {"metrics": metrics, "year": year, "province": province, "path": path}
    actuals: Actuals | None = _plain_actuals(raw)
    if actuals is None:
        return load_actuals(path, year, data, content)
    data.files_checked += 1
    return actuals


def _figures(
    path: Path,
    changes: Sequence[Change],
    header: Sequence[str],
    seen: dict[int, tuple[bool, Any]],
) -> dict[str, Any] | None:
    """What reading the report gives under ``[metrics]``; ``None`` when reading the text
    could say more (a comment line that is not plain, a metric twice, a literal the
    reader does not take as it is)."""
    if not all(line.isprintable() for line in header):
        return None  # a line break, a control character: the comment would not be one
    try:  # each figure read already (read_literals): looked up in C
        found_all = [*map(seen.__getitem__, map(id, map(_NEW, changes)))]
    except KeyError:
        found_all = None
    if found_all is not None:
        if not all(map(_FIRST, found_all)):
            return None  # a literal the reader does not take as it is
        metrics = dict(zip(map(_SECOND, changes), map(_SECOND, found_all), strict=True))
        return metrics if len(metrics) == len(changes) else None  # else a metric twice
    metrics = {}
    for _province, metric, _old, value, _where in changes:
        found = seen.get(id(value))  # the national form's 130,000 are 6,000 objects
        if found is None:
            text = literal(value)
            found = _READ.get(text)
            if found is None:
                found = _read_literal(path, text)
                if len(_READ) < _MOST_READ:
                    _READ[text] = found
            seen[id(value)] = found
        fine, read = found
        if not fine or metric in metrics:
            return None
        metrics[metric] = read
    return metrics


# A literal as ``literal`` writes a figure (a plain decimal, a boolean): one per line,
# read together, each reads as it would alone.
_TOKEN = re.compile(r"-?[0-9]+(?:\.[0-9]+)?|true|false")


def read_literals(path: Path, values: Iterable[Value], seen: dict[int, tuple[bool, Any]]) -> None:
    """What each of ``values`` reads as (``seen``, by ``id``, as :func:`fresh_actuals`
    fills it), the literals not read yet read together: one document of one line per
    literal, by the same reader, instead of one document each (6,000 for the national
    form). When the reader says anything of it (one literal it would refuse), nothing is
    kept from it: each is then read alone, by :func:`fresh_actuals`, as before."""
    figures = list(values)
    distinct = dict(zip(map(id, figures), figures, strict=True))  # each object once, in C
    pending: dict[str, list[Value]] = {}
    for value in distinct.values():
        if id(value) in seen:
            continue
        text = literal(value)
        found = _READ.get(text)
        if found is not None:
            seen[id(value)] = found
        elif _TOKEN.fullmatch(text):
            pending.setdefault(text, []).append(value)
    texts = list(pending)[: max(0, _MOST_READ - len(_READ))]
    if len(texts) < 2:
        return
    from pledgecli.read import read_toml

    keys = [f"x{number}" for number in range(len(texts))]
    document = "[metrics]\n" + "".join(f"{key} = {text}\n" for key, text in zip(keys, texts, strict=True))
    said: list[Diagnostic] = []
    raw = read_toml(path, said, document.encode())
    if said or raw is None or list(raw) != ["metrics"] or list(raw["metrics"]) != keys:
        return
    read = raw["metrics"]
    for key, text in zip(keys, texts, strict=True):
        found = _READ[text] = (True, read[key])
        for value in pending[text]:
            seen[id(value)] = found


def _read_literal(path: Path, text: str) -> tuple[bool, Any]:
    """``text`` read as the value of a key under ``[metrics]``, by the reports' reader."""
    from pledgecli.read import read_toml

    said: list[Diagnostic] = []
    raw = read_toml(path, said, f"[metrics]\nx = {text}\n".encode())
    if said or raw is None or list(raw) != ["metrics"] or list(raw["metrics"]) != ["x"]:
        return False, None
    return True, raw["metrics"]["x"]
