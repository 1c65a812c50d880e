"""Reading one TOML file: bytes -> values, or a diagnostic in the reader's language.

Most files take the flat fast path (``flat_toml.py``); the rest go to tomllib, whose
errors are translated here, with the line they are on and a hint where one helps.
"""

from __future__ import annotations

import re
import sys
import tomllib
import unicodedata
from decimal import Decimal
from pathlib import Path
from typing import Any

from pledgecli.diagnostics import Diagnostic
from pledgecli.files import FileProblem, read_data_file
from pledgecli.flat_toml import parse_flat
from pledgecli.i18n import N_, _

_BOM = b"\xef\xbb\xbf"
# The patterns of what went wrong, compiled (by re, once) only when something did.
_TOML_POSITION = r"\(at line (\d+), column (\d+)\)"


def read_toml(
    path: Path, diagnostics: list[Diagnostic], content: bytes | None = None
) -> dict[str, Any] | None:
    """Parse one TOML file (UTF-8, with or without BOM, LF or CRLF); floats become Decimal.

    ``content``: the file's would-be bytes, checked before they are written."""
    text = read_text(path, diagnostics, content)
    return None if text is None else parse_toml(text, path, diagnostics)


def read_text(
    path: Path,
    diagnostics: list[Diagnostic],
    content: bytes | None = None,
    *,
    listed: str | None = None,
) -> str | None:
    """The text of one TOML file as ``read_toml`` parses it (NFC, without BOM), or
    ``None`` (why, in ``diagnostics``); ``listed``: as ``read_data_file``'s."""
    try:
        raw = read_data_file(path, listed=listed) if content is None else content
    except FileProblem as problem:
        diagnostics.append(Diagnostic(path, problem.message, hint=problem.hint))
        return None
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        diagnostics.append(
            Diagnostic(
                path,
                _("the file is UTF-16 text, not UTF-8"),
                hint=_("save it as UTF-8; in Notepad: File > Save As > Encoding: UTF-8"),
            )
        )
        return None
    try:
        # utf-8-sig's work without its Python-level codec: the BOM dropped, then UTF-8
        text = raw[3:].decode() if raw[:3] == _BOM else raw.decode()
    except UnicodeDecodeError:
        text = None
    try:
        text = raw.decode("utf-8-sig") if text is None else text  # its error, as before
    except UnicodeDecodeError as error:
        bad_line = raw[: error.start].count(b"\n") + 1
        diagnostics.append(
            Diagnostic(
                path,
                _("the file is not UTF-8 text (byte 0x{byte:02x})").format(byte=raw[error.start]),
                line=bad_line,
                hint=_("save it as UTF-8; in Notepad: File > Save As > Encoding: UTF-8"),
            )
        )
        return None
    if not unicodedata.is_normalized("NFC", text):  # names, ids and keys compare as NFC
        text = unicodedata.normalize("NFC", text)  # (newlines stay: lines are the same)
    return text


def parse_toml(text: str, path: Path, diagnostics: list[Diagnostic]) -> dict[str, Any] | None:
    """``text`` (of ``read_text``) parsed, or ``None`` (its syntax error in ``diagnostics``)."""
    flat = parse_flat(text)  # most files: several times faster than tomllib, same values
    if flat is not None:
        return flat
    try:
        return tomllib.loads(text, parse_float=Decimal)
    except tomllib.TOMLDecodeError as error:
        message = str(error)
        from pledgecli.read_hints import syntax_hint  # only once tomllib refused a file

        position = re.search(_TOML_POSITION, message)
        line = int(position.group(1)) if position else None
        if line is None and "(at end of document)" in message:
            line = text.count("\n") + (0 if text.endswith("\n") else 1)
        plain = re.sub(_TOML_POSITION, "", message).replace("(at end of document)", "").strip()
        line, hint = syntax_hint(text, line, plain)
        diagnostics.append(
            Diagnostic(
                path,
                _("TOML syntax error: {message}").format(message=_toml_message(plain)),
                line=line,
                hint=hint,
            )
        )
        return None
    except RecursionError:  # tomllib reads nested arrays and tables recursively
        diagnostics.append(
            Diagnostic(
                path,
                _("values are nested too deeply to read"),
                line=_first_line(text, _DEEP),
                hint=_("a figure is a number, true or false; a list is one level deep"),
            )
        )
        return None
    except ValueError:  # the only other one: an integer longer than Python converts
        diagnostics.append(
            Diagnostic(
                path,
                _("a number is too long to read (more than {digits} digits)").format(
                    digits=sys.get_int_max_str_digits()
                ),
                line=_first_line(text, _LONG_NUMBER),
            )
        )
        return None
    except ArithmeticError:  # Decimal refuses an exponent beyond any figure (1e9999...9)
        diagnostics.append(
            Diagnostic(
                path,
                _("a number is too large or too small to read"),
                line=_first_line(text, _HUGE_EXPONENT),
                hint=_("write the figure in full, without an exponent"),
            )
        )
        return None


_HUGE_EXPONENT = r"[0-9][eE][+-]?[0-9_]{18,}"
_DEEP = r"[\[{](?:\s*[\[{]){99}"
_LONG_NUMBER = r"\d{1000}"


def _first_line(text: str, pattern: str) -> int | None:
    found = re.search(pattern, text)
    return text.count("\n", 0, found.start()) + 1 if found else None


# What tomllib says, in the reader's language (other messages stay as tomllib words them).
_TOML_MESSAGES = {
    "Invalid value": N_("Invalid value"),
    "Cannot overwrite a value": N_("Cannot overwrite a value"),
    "Unterminated string": N_("Unterminated string"),
    "Expected ']' at the end of a table declaration": N_(
        "Expected ']' at the end of a table declaration"
    ),
    "Expected '=' after a key in a key/value pair": N_(
        "Expected '=' after a key in a key/value pair"
    ),
    "Expected newline or end of document after a statement": N_(
        "Expected newline or end of document after a statement"
    ),
    "Unclosed array": N_("Unclosed array"),
    "Unclosed inline table": N_("Unclosed inline table"),
    "Illegal character '\\n'": N_("the text is not closed before the end of the line"),
    "Expected ']]' at the end of an array declaration": N_(
        "Expected ']]' at the end of an array declaration"
    ),
}


def _toml_message(message: str) -> str:
    known = _TOML_MESSAGES.get(message)
    return _(known) if known is not None else message
