"""A fast path for the flat TOML that year-end reports and registries are written in.

tomllib is written in Python and reading national data (6,600 reports of 40
figures) spends most of its time there. Nearly every file is flat: comments,
``[table]`` headers and ``key = value`` lines whose values are integers,
decimals, booleans, strings or one-line arrays of strings. ``parse_flat`` reads
exactly that subset with one regular expression and returns ``None`` for
anything else (or anything doubtful: a repeated key, a control character, an
escape in a string, a huge number), so that tomllib parses it and reports its
errors. Whatever it accepts, it parses to the same value as
``tomllib.loads(text, parse_float=Decimal)``; tests/test_properties.py checks
that on generated files.

The expression never backtracks: every repetition is possessive (``*+``, ``++``,
``?+``), which is safe because what follows each one can never start with what it
repeats; the usual line (``key = number``) is tried first.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from decimal import Decimal
from sys import intern
from typing import Any, TypeVar

V = TypeVar("V")

_KEY = r"[A-Za-z0-9_-]++"
_BASIC = r'"[^"\\\n]*+"'
_LINE = re.compile(
    rf"""
    ^[ \t]*+
    (?:
        ({_KEY})[ \t]*+=[ \t]*+                                        # 1: key =
        (?:
            ([+-]?+(?:0|[1-9][0-9]*+(?:_[0-9]++)*+)(?:\.[0-9]++(?:_[0-9]++)*+)?+)
                                                                       # 2: integer or decimal
          | (                                                          # 3: any other value
                true | false
              | {_BASIC}                                               #    "basic string"
              | '[^'\n]*+'                                             #    'literal string'
              | \[[ \t]*+(?:{_BASIC}[ \t]*+(?:,[ \t]*+{_BASIC}[ \t]*+)*+(?:,[ \t]*+)?+)?+\]
            )                                                          #    ["a", "b"]
        )
      | \[[ \t]*+({_KEY})[ \t]*+\]                                     # 4: [table]
    )?+
    [ \t]*+(?:\#[^\n]*+)?+$
    """,
    re.MULTILINE | re.VERBOSE,
)
_STRING = re.compile(r'"([^"\\\n]*)"')
# TOML forbids control characters other than tab (and newlines) everywhere.
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f]")
_LONGEST_NUMBER = 40  # longer numbers are left to tomllib (and its limits on int size)


# One line of a table (no header), its value as written: a key = value line gives
# (key, value), a blank or comment line ("", ""). Its texts and comments take no control
# character (TOML forbids them; tab is no part of _NOT_TEXT), so a file that has one is
# not matched and parse_flat's own check refuses it.
_NOT_TEXT = r"\x00-\x08\n-\x1f\x7f"
_TEXT = rf'"[^"\\{_NOT_TEXT}]*+"'

# A value as written (verbose syntax): a number, true or false, a text, a list of texts.
_VALUE = rf"""
            [+-]?+(?:0|[1-9][0-9]*+(?:_[0-9]++)*+)(?:\.[0-9]++(?:_[0-9]++)*+)?+
          | true | false
          | {_TEXT}
          | '[^'{_NOT_TEXT}]*+'
          | \[[ \t]*+(?:{_TEXT}[ \t]*+(?:,[ \t]*+{_TEXT}[ \t]*+)*+(?:,[ \t]*+)?+)?+\]
"""
# What follows a value on its line, and all of a blank or comment line.
_REST = rf"[ \t]*+(?:\#[^{_NOT_TEXT}]*+)?+"
_ENTRY = re.compile(
    rf"""
    ^[ \t]*+
    (?:
        ({_KEY})[ \t]*+=[ \t]*+                                        # key =
        ({_VALUE})                                                     # value, as written
    )?+
    {_REST}$
    """,
    re.MULTILINE | re.VERBOSE,
)
# The rest of a header line after its "[" (which starts the line).
_HEAD = re.compile(rf"[ \t]*+({_KEY})[ \t]*+\][ \t]*+(?:\#[^{_NOT_TEXT}]*+)?+")
_BLANK = ("", "")
Tokens = dict[str, str]
"""A table's keys and their values as written (``"4839"``, ``"true"``, ``'"text"'``)."""


def flat_tokens(text: str) -> tuple[Tokens, list[tuple[str, Tokens]]] | None:
    """The root table's tokens and each ``[table]``'s, in order, when ``text`` (CRLF made
    LF) is flat TOML, with no control character, whose
    headers start their line and whose keys are not repeated in a table; else ``None``.

    The lines are matched by one expression per table and the tables built by ``dict``,
    not a loop per line (national data has 280,000 lines); the keys are interned (one
    string each for thousands of reports)."""
    tables = flat_columns(text)
    if tables is None:
        return None
    (keys, values), rest = tables
    return dict(zip(keys, values, strict=True)), [
        (name, dict(zip(names, tokens, strict=True))) for name, (names, tokens) in rest
    ]


Columns = tuple[tuple[str, ...], tuple[str, ...]]
"""A table as ``flat_tokens`` reads it, in two columns: its keys, and their tokens."""


def flat_columns(text: str) -> tuple[Columns, list[tuple[str, Columns]]] | None:
    """``flat_tokens``, each table as its ``Columns`` (no dict made of the tokens)."""
    parts = ("\n" + text).split("\n[")
    root = _table("", parts[0])
    if root is None:
        return None
    tables: list[tuple[str, Columns]] = []
    for part in parts[1:]:
        head, _newline, body = part.partition("\n")
        header = _HEAD.fullmatch(head)
        if header is None:
            return None
        name = header.group(1)
        columns = _table(name, "\n" + body) if _newline else ((), ())
        if columns is None:
            return None
        tables.append((name, columns))
    return root, tables


# Shapes. Reports of one data set give the same figures in the same order, so a table's
# lines, once seen a few times, are matched whole by one expression (``fullmatch``, about
# three times faster than ``_ENTRY``'s match per line): its keys as they are, any blank or
# comment lines before and after them (and those between them where they were), each value
# in its group.
# A value is taken there as any text in quotes or any run of characters without a blank, a
# "#" or a quote, and kept only if it is a value ``_ENTRY`` takes (checked once per value
# written, not once per line), so that a table read by its shape gives the tokens that
# ``_entries`` gives, and one that it does not read goes to ``_entries``.
_LOOSE = rf'("[^"\\{_NOT_TEXT}]*+"|[^ \t\n#"]++)'
_TOKEN = re.compile(_VALUE, re.VERBOSE)  # one value, as _ENTRY takes it
Shape = tuple[re.Pattern[str], tuple[str, ...]]
_SHAPES: dict[str, list[Shape]] = {}  # by table name ("" for the root table)
_SIGHTINGS: dict[tuple[str, tuple[str, ...]], int] = {}
_VALID: set[str] = set()  # values checked by _TOKEN (no texts: they are matched as such)
_MOST_SHAPES = 4  # per table name: a table read by none of them tries them all
_MOST_SIGHTINGS = 256
_SHAPE_SIGHTINGS = 4  # a shape costs a few milliseconds to make: only for lines seen often
_LONGEST_SHAPE = 512  # lines


def _table(name: str, body: str) -> Columns | None:
    """``_entries(body)`` as ``Columns``, by a shape of the table ``name`` when one reads it."""
    shapes = _SHAPES.get(name)
    if shapes is not None:
        for index, (pattern, keys) in enumerate(shapes):
            found = pattern.fullmatch(body)
            if found is not None:
                values = found.groups()
                if not (_VALID.issuperset(values) or _valid(values)):
                    break
                if index:  # the shape last read first
                    shapes.insert(0, shapes.pop(index))
                return keys, values
    pairs = _ENTRY.findall(body)
    tokens = _tokens(pairs, body)
    if tokens is None:
        return None
    if len(_SIGHTINGS) < _MOST_SIGHTINGS:
        _learn(name, pairs)
    return tuple(map(intern, tokens)), tuple(tokens.values())  # keys interned, as a shape's


def _valid(values: tuple[str, ...]) -> bool:
    """Whether each value is one ``_ENTRY`` takes (the new ones remembered)."""
    for value in set(values).difference(_VALID):  # the few not checked before
        if value[0] != '"':
            if _TOKEN.fullmatch(value) is None:
                return False
            if len(_VALID) < MOST_TOKENS:
                _VALID.add(value)
    return True


def _learn(name: str, pairs: list[tuple[str, str]]) -> None:
    """The lines of a table read by ``_entries`` counted; a shape made once seen often."""
    layout = [key for key, _value in pairs]
    while layout and not layout[-1]:
        layout.pop()
    first = next((i for i, key in enumerate(layout) if key), len(layout))
    lines = tuple(layout[first:])
    shapes = _SHAPES.setdefault(name, [])
    if not lines or len(lines) > _LONGEST_SHAPE or len(shapes) >= _MOST_SHAPES:
        return
    seen = _SIGHTINGS.get((name, lines), 0)
    _SIGHTINGS[name, lines] = seen + 1
    if seen + 1 == _SHAPE_SIGHTINGS:
        shapes.append((shape_pattern(lines), tuple(intern(key) for key in lines if key)))


def shape_pattern(lines: tuple[str, ...]) -> re.Pattern[str]:
    """The expression of a table's body whose lines are ``lines``, in this order: a key's
    line for each key, a blank or comment line for each ``""`` (the first and last being
    keys), with any blank or comment lines before the first and after the last."""
    parts = [
        rf"[ \t]*+{re.escape(key)}[ \t]*+=[ \t]*+{_LOOSE}{_REST}" if key else _REST
        for key in lines
    ]
    return re.compile(rf"(?:{_REST}\n)*+" + "\n".join(parts) + rf"(?:\n{_REST})*+")


def _entries(body: str) -> Tokens | None:
    return _tokens(_ENTRY.findall(body), body)


def _tokens(pairs: list[tuple[str, str]], body: str) -> Tokens | None:
    if len(pairs) != body.count("\n") + 1:  # some line is not flat
        return None
    blanks = pairs.count(_BLANK)
    tokens = dict(pairs)
    if blanks:
        del tokens[""]
    if len(tokens) != len(pairs) - blanks:  # a key given twice: tomllib says so
        return None
    return tokens


def token_value(token: str) -> Any:
    """The value of a token of ``flat_tokens`` as tomllib gives it (floats as Decimal);
    ``None`` for a number too long to trust here."""
    first = token[0]
    if first == '"' or first == "'":
        return token[1:-1]
    if first == "[":
        return _STRING.findall(token)
    if first == "t" or first == "f":
        return first == "t"
    if len(token) > _LONGEST_NUMBER:
        return None
    if "_" in token:
        token = token.replace("_", "")
    return Decimal(token) if "." in token else int(token)


MOST_TOKENS = 1 << 15
"""At most this many values kept by the text they are written as (a few MiB)."""


class _NotRead(Exception):
    """A value ``Seen.convert`` does not take: the table is not read this way."""


class Seen(dict[str, V]):
    """Values by the text they are written as (``"4839"``, ``"true"``), each converted by
    ``convert`` the first time it is looked up (``None``: a value the caller does not
    read this way). Reports repeat the same figures, so most tables are converted by one
    ``map`` over this dict with no call per value, and a new value costs one call here,
    in the same pass. Numbers and booleans only are kept (at most ``MOST_TOKENS``), so a
    hit is what ``convert`` gives; texts are seldom repeated, and a list must not be
    shared."""

    __slots__ = ("convert",)

    def __init__(self, convert: Callable[[str], V | None]) -> None:
        super().__init__()
        self.convert = convert

    def __missing__(self, token: str) -> V:
        value = self.convert(token)
        if value is None:
            raise _NotRead(token)
        if token[0] not in _UNSHARED and len(self) < MOST_TOKENS:
            self[token] = value
        return value


def table_values(tokens: Tokens, seen: Seen[V]) -> dict[str, V] | None:
    """``tokens`` with each value converted by ``seen`` (``None``: the table is not what
    the caller reads this way)."""
    return column_values((tuple(tokens), tuple(tokens.values())), seen)


def column_values(columns: Columns, seen: Seen[V]) -> dict[str, V] | None:
    """``table_values`` of a table given as its ``Columns``."""
    keys, tokens = columns
    try:
        return dict(zip(keys, map(seen.__getitem__, tokens), strict=True))
    except _NotRead:
        return None


_UNSHARED = "\"'["  # strings are seldom repeated, and a list must not be shared


def parse_flat(text: str) -> dict[str, Any] | None:
    """``text`` parsed when it is flat TOML (see the module's docstring), else ``None``."""
    if "\r" in text:
        text = text.replace("\r\n", "\n")
    if _CONTROL.search(text):
        return None
    lines = _LINE.findall(text)
    if len(lines) != text.count("\n") + 1:  # some line is not flat: let tomllib judge
        return None
    root: dict[str, Any] = {}
    table = root
    for key, number, value, header in lines:
        if key:
            if key in table:
                return None
            key = intern(key)  # thousands of reports name the same metrics: one string each
            if number:
                if len(number) > _LONGEST_NUMBER:
                    return None
                if "_" in number:
                    number = number.replace("_", "")
                table[key] = Decimal(number) if "." in number else int(number)
                continue
            first = value[0]
            if first == '"' or first == "'":
                table[key] = value[1:-1]
            elif first == "[":
                table[key] = _STRING.findall(value)
            else:
                table[key] = first == "t"
        elif header:
            if header in root:
                return None
            table = root[header] = {}
    return root
