"""Users' text made safe to print: control characters written visibly, never sent raw.

A province name or a target's text can hold anything a file can: an ANSI escape
sequence (``\\x1b[31m`` would recolour or clear the terminal, ``\\x1b]0;...``
retitle it), a newline that would split a table row, a right-to-left override
that would show a name backwards. ``visible`` writes each such character as an
escape a person can read (``\\x1b``, ``\\n``, ``\\u202e``); ordinary text,
Vietnamese included, passes through unchanged. Machine output (JSON) keeps the
exact text and leaves escaping to its own rules.
"""

from __future__ import annotations

import re

# C0 and C1 controls, DEL, and the invisible marks that reorder or hide text.
_UNSAFE = re.compile(r"[\x00-\x1f\x7f-\x9f\u200b-\u200f\u202a-\u202e\u2028\u2029\u2066-\u2069]")
_NAMED = {"\n": "\\n", "\t": "\\t", "\r": "\\r"}


def _escape(match: re.Match[str]) -> str:
    char = match.group()
    named = _NAMED.get(char)
    if named is not None:
        return named
    code = ord(char)
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def visible(text: str, keep: str = "") -> str:
    """``text`` with every control character written as a visible escape, except those
    in ``keep`` (CSV keeps newlines, which its quoting holds together)."""
    if not _UNSAFE.search(text):
        return text
    if not keep:
        return _UNSAFE.sub(_escape, text)
    return _UNSAFE.sub(lambda m: m.group() if m.group() in keep else _escape(m), text)
