"""Find the line of a TOML key path in a file's text.

tomllib gives values without positions, so after a file has parsed we scan
its lines: table headers set the current path (counting ``[[array]]``
elements), ``key = value`` lines extend it. The line of the exact key wins;
otherwise the nearest enclosing table or key.
"""

from __future__ import annotations

import re

_HEADER = re.compile(r"^\s*(\[\[?)\s*([^\[\]]+?)\s*\]\]?\s*(#.*)?$")
_KEY = re.compile(
    r"""^\s*((?:[A-Za-z0-9_-]+|"[^"]*"|'[^']*')(?:\s*\.\s*(?:[A-Za-z0-9_-]+|"[^"]*"|'[^']*'))*)\s*="""
)
_PART = re.compile(r"""[A-Za-z0-9_-]+|"[^"]*"|'[^']*'""")


def split_key(dotted: str) -> list[str]:
    return [part.strip("\"'") for part in _PART.findall(dotted)]


def locate_key(text: str, key: tuple[str | int, ...]) -> int | None:
    """1-based line of ``key`` in ``text``, or of its closest enclosing key."""
    lines = text.splitlines()
    array_counts: dict[tuple[str | int, ...], int] = {}
    current: tuple[str | int, ...] = ()
    best_line: int | None = None
    best_len = 0
    in_multiline = False
    for number, line in enumerate(lines, start=1):
        if line.count('"""') % 2 == 1 or line.count("'''") % 2 == 1:
            in_multiline = not in_multiline
            if not in_multiline:
                continue
        elif in_multiline:
            continue
        header = _HEADER.match(line)
        if header:
            current = _header_path(header.group(2), header.group(1) == "[[", array_counts)
            found: tuple[str | int, ...] = current
        else:
            match = _KEY.match(line)
            if not match:
                continue
            found = current + tuple(split_key(match.group(1)))
        common = _common_prefix(found, key)
        if common == len(key) and len(found) == len(key):
            return number
        if (
            not header
            and common == len(found)
            and len(key) == len(found) + 1
            and isinstance(key[-1], int)
        ):
            return _element_line(lines, number - 1, key[-1])
        if common == len(found) and common > best_len:
            best_line, best_len = number, common
    return best_line


def _header_path(
    dotted: str, is_array: bool, array_counts: dict[tuple[str | int, ...], int]
) -> tuple[str | int, ...]:
    path: tuple[str | int, ...] = ()
    parts = split_key(dotted)
    for position, part in enumerate(parts):
        path += (part,)
        last = position == len(parts) - 1
        if last and is_array:
            index = array_counts.get(path, -1) + 1
            array_counts[path] = index
            path += (index,)
        elif path in array_counts:
            path += (array_counts[path],)
    return path


def _common_prefix(a: tuple[str | int, ...], b: tuple[str | int, ...]) -> int:
    n = 0
    for x, y in zip(a, b, strict=False):
        if x != y:
            break
        n += 1
    return n


def _element_line(lines: list[str], start: int, index: int) -> int:
    """The line where element ``index`` of the array assigned on line ``start`` begins."""
    depth, count, quote = 0, 0, ""
    first = lines[start].index("=") + 1
    for number in range(start, len(lines)):
        line = lines[number]
        for char in line[first if number == start else 0 :]:
            if quote:
                quote = "" if char == quote else quote
            elif depth == 1 and count == index and not char.isspace() and char not in ",]#":
                return number + 1
            elif char in "\"'":
                quote = char
            elif char == "#":
                break
            elif char in "[{":
                depth += 1
            elif char in "]}":
                depth -= 1
                if depth == 0:
                    return start + 1
            elif char == "," and depth == 1:
                count += 1
    return start + 1
