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
from decimal import Decimal
from sys import intern
from typing import Any

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
