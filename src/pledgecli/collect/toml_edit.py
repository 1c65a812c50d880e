"""Editing a report with tomlkit, keeping what a person wrote: comments, order, layout,
line endings and byte-order mark. The edit is checked to change nothing but the figures."""

from __future__ import annotations

import codecs
import itertools
import re
import tomllib
from collections.abc import Iterable, Sequence
from decimal import Decimal
from fractions import Fraction
from itertools import repeat
from pathlib import Path
from typing import Any

from pledgecli.collect.numbers import toml_text
from pledgecli.diagnostics import UserError, display_path
from pledgecli.figure_format import Figure, Value, same
from pledgecli.i18n import _


def _item(value: Value) -> Any:
    import tomlkit

    if isinstance(value, bool):
        return tomlkit.boolean("true" if value else "false")
    return tomlkit.value(toml_text(value))


def edit_report(path: Path, updates: Sequence[tuple[str, Value]], header: Sequence[str]) -> bytes:
    """The report at ``path`` with ``updates`` set under ``[metrics]``; comments, order,
    layout, line endings and byte-order mark kept. A new report gets ``header`` as comments."""
    import tomlkit
    from tomlkit.exceptions import TOMLKitError

    original = path.read_bytes() if path.exists() else None
    if original is None and all(_bare(metric) for metric, _value in updates):
        return _new_report(updates, header).encode("utf-8")
    if original is None:
        doc = tomlkit.document()
        for line in header:
            doc.add(tomlkit.comment(line))
        doc.add(tomlkit.nl())
        table = tomlkit.table()
        for metric, value in updates:
            table.add(metric, _item(value))
        doc.add("metrics", table)
        return doc.as_string().encode("utf-8")
    bom = original.startswith(codecs.BOM_UTF8)
    text = original.decode("utf-8-sig")
    try:
        doc = tomlkit.parse(text)
        metrics = doc.get("metrics")
        if metrics is None:
            doc.add("metrics", tomlkit.table())
            metrics = doc["metrics"]
        for metric, value in updates:
            metrics[metric] = _item(value)
        out = doc.as_string()
    except (TOMLKitError, TypeError, ValueError) as error:
        raise _cannot_edit(path, str(error)) from None
    if "\r\n" in text:
        out = re.sub(r"(?<!\r)\n", "\r\n", out)
    _check_edit(path, text, out, updates)
    return (codecs.BOM_UTF8 if bom else b"") + out.encode("utf-8")


_BARE = re.compile(r"[A-Za-z0-9_-]+\Z")
_BARE_NAMES: dict[str, bool] = {}  # whether each metric's name is a bare key, asked once


def _bare(metric: str) -> bool:
    found = _BARE_NAMES.get(metric)
    if found is None:
        found = _BARE.match(metric) is not None
        if len(_BARE_NAMES) < 4096:
            _BARE_NAMES[metric] = found
    return found


def _new_report(
    updates: Sequence[tuple[str, Value]],
    header: Sequence[str],
    texts: dict[int, str] | None = None,
) -> str:
    """A new report, as tomlkit writes it (comments, a blank line, ``[metrics]``), made
    directly: tomlkit takes a time that grows with the table for each key it adds.
    ``texts``: ``literal`` of each figure already written, by ``id`` (the caller keeps
    every figure alive while it is used: the national form's 130,000 are 6,000 objects)."""
    lines = [f"# {line}\n" if line else "#\n" for line in header]
    lines.append("\n[metrics]\n")
    if texts is not None:
        for metric, value in updates:
            text = texts.get(id(value))
            if text is None:
                text = texts[id(value)] = literal(value)
            lines.append(f"{metric} = {text}\n")
        return "".join(lines)
    literals = _LITERALS
    for metric, value in updates:
        if isinstance(value, bool):
            text = "true" if value else "false"
        else:  # literal(value), inline: 130,000 figures
            key = (value, value.is_signed())  # -0 is written -0: the sign tells it from 0
            found = literals.get(key)
            text = found if found is not None else literal(value)
        lines.append(f"{metric} = {text}\n")
    return "".join(lines)


def new_report(
    updates: Sequence[tuple[str, Value]],
    header: Sequence[str],
    texts: dict[int, str] | None = None,
) -> bytes:
    """What :func:`edit_report` gives when :func:`is_new_report` (without asking again).
    ``texts``: see :func:`_new_report`."""
    return _new_report(updates, header, texts).encode("utf-8")


_KEY_TEXTS: dict[str, str] = {}  # "metric = " of each metric, made once


def new_report_of(
    metrics: Sequence[str], values: Sequence[Value], header: Sequence[str], texts: dict[int, str]
) -> bytes:
    """:func:`new_report` of the updates ``zip(metrics, values)``, made in C when the text
    of each figure is known already (``texts``, by ``id``; the national form's 130,000
    figures are 6,000 objects): one join of the pieces of its lines, no line made."""
    try:
        literals = [*map(texts.__getitem__, map(id, values))]
        keys = [*map(_KEY_TEXTS.__getitem__, metrics)]
    except KeyError:  # a figure or a metric not met yet: line by line, as before
        for metric in metrics:
            if metric not in _KEY_TEXTS and len(_KEY_TEXTS) < 4096:
                _KEY_TEXTS[metric] = f"{metric} = "
        return new_report(list(zip(metrics, values, strict=True)), header, texts)
    lines = [f"# {line}\n" if line else "#\n" for line in header]
    lines.append("\n[metrics]\n")
    lines += itertools.chain.from_iterable(zip(keys, literals, repeat("\n")))
    return "".join(lines).encode("utf-8")


def is_new_report(path: Path, metrics: Iterable[str], *, exists: bool | None = None) -> bool:
    """Whether :func:`edit_report` writes the figures of ``metrics`` as a new report of
    its own making (no file yet, every metric a bare key): its text is then the header's
    comments and one line ``metric = literal(value)`` per figure, in order. ``exists``:
    whether ``path`` is there, when the caller has just asked (not asked again)."""
    if path.exists() if exists is None else exists:
        return False
    names = list(metrics)
    try:  # each name asked before (the national form's 130,000 are 52): looked up in C
        return all(map(_BARE_NAMES.__getitem__, names))
    except KeyError:
        return all(map(_bare, names))


def literal(value: Value) -> str:
    """The TOML text :func:`edit_report` writes for ``value`` in a new report."""
    if isinstance(value, bool):
        return "true" if value else "false"
    key = (value, value.is_signed())  # -0 is written -0: the sign tells it from 0
    found = _LITERALS.get(key)
    if found is None:
        found = toml_text(value)
        if len(_LITERALS) < _MOST_LITERALS and value.is_finite():
            _LITERALS[key] = found
    return found


# The TOML text of each figure, made once (a national form's 130,000 figures hold a few
# thousand different ones). Equal figures of one sign have one text: toml_text writes
# the figure, not how it was typed (1.50 and 1.5 are both 1.5).
_LITERALS: dict[tuple[Decimal, bool], str] = {}
_MOST_LITERALS = 1 << 14


def _check_edit(path: Path, before: str, after: str, updates: Sequence[tuple[str, Value]]) -> None:
    """The edited text must hold exactly the old data plus the updates: never a silent change."""
    try:
        old = tomllib.loads(before, parse_float=Decimal)
        new = tomllib.loads(after, parse_float=Decimal)
    except tomllib.TOMLDecodeError as error:
        raise _cannot_edit(path, str(error)) from None
    expected_metrics = dict(old.get("metrics", {}))
    for metric, value in updates:
        expected_metrics[metric] = value
    new_metrics = new.pop("metrics", {})
    old.pop("metrics", None)
    fine = old == new and set(new_metrics) == set(expected_metrics)
    fine = fine and all(
        same(_figure(new_metrics[m]), v) if isinstance(v, Decimal | bool) else new_metrics[m] == v
        for m, v in expected_metrics.items()
    )
    if not fine:
        raise _cannot_edit(path, _("the edit would change more than the figures"))


def _figure(value: object) -> Figure | None:
    if isinstance(value, bool):
        return value
    if isinstance(value, int | Decimal):
        return Fraction(value)
    return None


def _cannot_edit(path: Path, reason: str) -> UserError:
    return UserError(
        _(
            "cannot edit {path} without changing what it says ({reason}); nothing was written"
        ).format(path=display_path(path), reason=reason),
        _("enter these figures by hand"),
    )
