"""The targets as signed, line by line, from a .txt/.md, a Word .docx or an Excel .xlsx.

Nothing is interpreted here: each line keeps its text (NFC) and where it came from.
A line is an *item* when it is a list entry (``- ...``, ``1. ...``, a Word list
paragraph, a table row, a spreadsheet row); when a document has items, only its
items are targets and the rest is the prose around them.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path

from pledgecli.diagnostics import UserError, display_path
from pledgecli.i18n import _
from pledgecli.names import fold

SUFFIXES = (".txt", ".md", ".docx", ".xlsx")

_BULLET = re.compile(r"^\s*(?:[-–—•*+·▪●○]|\(?\d{1,2}[.)]|\(?[a-zđ][.)])\s+", re.IGNORECASE)
_HEADING = re.compile(r"^\s*#+\s+")
_SPACES = re.compile(r"[\s\u00a0\u202f]+")

# Spreadsheet headers, folded: which column holds what.
_TEXT_HEADERS = {"chi-tieu", "noi-dung", "noi-dung-chi-tieu", "ten-chi-tieu", "text", "target"}
_THRESHOLD_HEADERS = {"nguong", "muc", "muc-chi-tieu", "gia-tri", "threshold", "so-lieu"}
_RULE_HEADERS = {"quy-tac", "so-sanh", "dieu-kien", "rule"}
_UNIT_HEADERS = {"don-vi", "don-vi-tinh", "dvt", "unit"}


class Where(StrEnum):
    LINE = "line"
    PARAGRAPH = "paragraph"
    ROW = "row"


@dataclass(frozen=True)
class SourceLine:
    """One line of the signed document, as written (bullet and final full stop removed)."""

    text: str
    number: int
    where: Where = Where.LINE
    is_item: bool = False
    threshold: str | None = None
    rule: str | None = None
    unit: str | None = None


def clean(text: str) -> tuple[str, bool]:
    """The text without its list bullet and final full stop; whether it had a bullet."""
    text = _SPACES.sub(" ", unicodedata.normalize("NFC", text)).strip()
    heading = _HEADING.match(text)
    if heading:  # a Markdown heading: text around the list, never a list entry
        return text[heading.end() :].strip(), False
    bullet = _BULLET.match(text)
    if bullet:
        text = text[bullet.end() :]
    text = text.strip()
    while text.endswith((".", ";")) and not text.endswith(("v.v.", "...")):
        text = text[:-1].rstrip()
    return text, bullet is not None


def read_source(path: Path) -> list[SourceLine]:
    """Every non-empty line of ``path``; :class:`UserError` when it cannot be read."""
    suffix = path.suffix.lower()
    if suffix not in SUFFIXES:
        hint = _("save it as .docx") if suffix == ".doc" else _("save it as .xlsx")
        raise UserError(
            _("{path}: cannot read a {suffix} file; give a .txt, .md, .docx or .xlsx").format(
                path=display_path(path), suffix=suffix or _("(no extension)")
            ),
            hint if suffix in {".doc", ".xls", ".ods", ".csv"} else None,
        )
    if not path.is_file():
        raise UserError(
            _("{path}: no such file").format(path=display_path(path)),
            _("give the path of the signed document"),
        )
    if suffix == ".docx":
        return _docx(path)
    if suffix == ".xlsx":
        return _xlsx(path)
    return _text(path)


def _text(path: Path) -> list[SourceLine]:
    try:
        content = path.read_bytes().decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = path.read_bytes()[: error.start].count(b"\n") + 1
        raise UserError(
            _("{path}:{line}: the file is not UTF-8 text").format(
                path=display_path(path), line=line
            ),
            _("save it as UTF-8 (in Notepad: Save As, Encoding: UTF-8)"),
        ) from None
    except OSError as error:
        raise _unreadable(path, error) from None
    lines = []
    for number, raw in enumerate(content.splitlines(), start=1):
        text, item = clean(raw)
        if text:
            lines.append(SourceLine(text, number, Where.LINE, item))
    return lines


def _unreadable(path: Path, error: object) -> UserError:
    return UserError(
        _("cannot read {path}: {reason}").format(
            path=display_path(path), reason=str(error) or type(error).__name__
        )
    )


def _docx(path: Path) -> list[SourceLine]:
    try:
        import docx
        from docx.oxml.ns import qn
        from docx.table import Table
        from docx.text.paragraph import Paragraph
    except ImportError:
        raise UserError(
            _("reading .docx files needs the python-docx package"),
            _("install it with: python3 -m pip install python-docx"),
        ) from None
    try:
        document = docx.Document(str(path))
    except Exception as error:  # python-docx raises many kinds on a broken file
        raise UserError(
            _("cannot read {path} as a Word document: {reason}").format(
                path=display_path(path), reason=str(error) or type(error).__name__
            ),
            _("open it in Word and save it again as .docx"),
        ) from None
    lines: list[SourceLine] = []
    number = 0
    body = document.element.body
    for child in body.iterchildren():
        if child.tag == qn("w:p"):
            number += 1
            paragraph = Paragraph(child, document)
            style = (paragraph.style.name or "") if paragraph.style is not None else ""
            properties = child.pPr
            numbered = properties is not None and properties.numPr is not None
            text, bullet = clean(paragraph.text)
            if text:
                item = bullet or numbered or style.lower().startswith("list")
                lines.append(SourceLine(text, number, Where.PARAGRAPH, item))
        elif child.tag == qn("w:tbl"):
            table = Table(child, document)
            for row in table.rows:
                number += 1
                cells = [clean(cell.text)[0] for cell in row.cells]
                text = max(cells, key=_letters, default="")
                if text and fold(text) not in _TEXT_HEADERS and _letters(text) > 3:
                    lines.append(SourceLine(text, number, Where.PARAGRAPH, True))
    return lines


def _letters(text: str) -> int:
    return sum(c.isalpha() for c in text)


def _xlsx(path: Path) -> list[SourceLine]:
    from pledgecli.collect.xlsx import openpyxl

    module = openpyxl()
    try:
        workbook = module.load_workbook(path, read_only=True, data_only=True)
    except Exception as error:  # openpyxl raises many kinds on a broken file
        raise UserError(
            _("cannot read {path} as an Excel workbook: {reason}").format(
                path=display_path(path), reason=str(error) or type(error).__name__
            )
        ) from None
    try:
        rows = [[_value(c) for c in row] for row in workbook.worksheets[0].iter_rows()]
    finally:
        workbook.close()
    columns: dict[str, int] = {}
    start = 0
    for index, row in enumerate(rows):
        if not any(_cell(c) for c in row):
            continue
        headers = {fold(_cell(c)): position for position, c in enumerate(row)}
        for kind, names in (
            ("text", _TEXT_HEADERS),
            ("threshold", _THRESHOLD_HEADERS),
            ("rule", _RULE_HEADERS),
            ("unit", _UNIT_HEADERS),
        ):
            found = [position for name, position in headers.items() if name in names]
            if found:
                columns[kind] = found[0]
        if "text" in columns:
            start = index + 1
        else:
            columns.clear()
        break
    if "text" not in columns:
        # No header: the column with the most letters holds the targets.
        width = max((len(r) for r in rows), default=0)
        if width == 0:
            return []
        columns["text"] = max(
            range(width), key=lambda c: sum(_letters(_cell(r[c])) for r in rows if c < len(r))
        )
    lines = []
    for index in range(start, len(rows)):
        row = rows[index]

        def cell(kind: str, row: list[object] = row) -> str | None:
            position = columns.get(kind)
            if position is None or position >= len(row):
                return None
            return _cell(row[position]).strip() or None

        text, _bullet = clean(cell("text") or "")
        if text:
            lines.append(
                SourceLine(
                    text, index + 1, Where.ROW, True, cell("threshold"), cell("rule"), cell("unit")
                )
            )
    return lines


def _value(cell: object) -> object:
    """A cell's value; a number shown as a percentage comes as its text, ``"60%"``."""
    value = getattr(cell, "value", None)
    number = isinstance(value, int | float) and not isinstance(value, bool)
    if number and "%" in str(getattr(cell, "number_format", "") or ""):
        from decimal import Decimal

        percent = Decimal(repr(value)) * 100
        return f"{percent.normalize():f}%"
    return value


def _cell(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)
