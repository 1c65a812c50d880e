"""Hints for the common TOML slips, in the reader's language: a percentage or a text
without quotes, a missing closing quote or bracket, a comma before the decimals, a date
written the Vietnamese way. ``read.py`` asks here once tomllib has refused a file."""

from __future__ import annotations

import re

from pledgecli.i18n import _

_PERCENT = re.compile(r"^([+-]?\d+(?:[.,]\d+)?)\s*%$")
_COMMA_DECIMAL = re.compile(r"^([+-]?\d+),(\d+)$")
_DATE = re.compile(r"^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$")
_TOML_VALUE = re.compile(
    r"""^(?:["'\[{]|[+-]?(?:\d|inf\b|nan\b)|true\b|false\b)"""  # what a TOML value starts with
)


def syntax_hint(text: str, line: int | None, message: str) -> tuple[int | None, str | None]:
    """The line to show (an unclosed list: the line it opens on) and a hint, if one helps."""
    if message.startswith(("Cannot overwrite a value", "Cannot declare")):
        return line, _("a key or a table is written twice in this file; keep one")
    lines = text.splitlines()
    if line is None or not 0 < line <= len(lines):
        return line, None
    if message.startswith("Unclosed array"):
        opening = _opening(lines, line)
        return opening, _("close the list with ] on line {line}: {example}").format(
            line=opening, example=_closed(lines[opening - 1])
        )
    source = lines[line - 1]
    if message.startswith("Expected ']]'") or (
        message.startswith("Expected ']'") and source.lstrip().startswith("[")
    ):
        name = source.strip().strip("[]").strip()
        table = f"[[{name}]]" if source.lstrip().startswith("[[") else f"[{name}]"
        return line, _("write the table's name between brackets: {example}").format(example=table)
    if "=" not in source:
        return line, None
    key, value = (part.strip() for part in source.split("=", 1))
    value = _without_comment(value)
    if message.startswith("Illegal character") and value.startswith(('"', "'")):
        quote = value[0]
        return line, _("close the text with {quote} on the same line: {example}").format(
            quote=quote, example=f"{key} = {value}{quote}"
        )
    if message.startswith("Invalid value") and value.startswith("[") and value.endswith("]"):
        items = [item.strip() for item in value[1:-1].split(",") if item.strip()]
        quoted = ", ".join(item if item[0] in "\"'" else f'"{item}"' for item in items)
        return line, _("put each name of the list in double quotes: {example}").format(
            example=f"{key} = [{quoted}]"
        )
    percent = _PERCENT.match(value)
    if percent:
        number = percent.group(1).replace(",", ".")
        return line, _("a percentage is written in quotes: {example}").format(
            example=f'{key} = "{number}%"'
        )
    comma = _COMMA_DECIMAL.match(value)
    if comma:
        return line, _(
            "write the decimals after a point, not a comma, and no separator between "
            "thousands: {example}"
        ).format(example=f"{key} = {comma.group(1)}.{comma.group(2)}")
    date = _DATE.match(value)
    if date:
        day, month, year = date.groups()
        return line, _("write a date as year-month-day: {example}").format(
            example=f"{key} = {year}-{int(month):02d}-{int(day):02d}"
        )
    if value and not value.startswith("#") and not _TOML_VALUE.match(value):
        return line, _("put text in double quotes: {example}").format(
            example=f'{key} = "{value}"'
        )
    return line, None


def _without_comment(value: str) -> str:
    """The value without a trailing ``# comment`` (outside quotes, roughly)."""
    if value.startswith(('"', "'")):
        return value.rstrip()
    return value.split(" #", 1)[0].split("\t#", 1)[0].strip()


def _opening(lines: list[str], line: int) -> int:
    """The line where the list that is still open at ``line`` begins."""
    for number in range(min(line, len(lines)), 0, -1):
        source = lines[number - 1]
        if "[" in source.split("#", 1)[0] and "=" in source and "]" not in source.split("=", 1)[1]:
            return number
    return line


def _closed(source: str) -> str:
    """The opening line of a list, closed: ``provinces = ["a", "b"]``."""
    body = source.split("#", 1)[0].rstrip().rstrip(",")
    return body + "]"
