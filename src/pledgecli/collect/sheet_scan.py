"""The rows of a worksheet's XML read straight from its bytes, when they have the usual
shape (``collect/form_xlsx.py``): what openpyxl, Excel, LibreOffice and ``pledge
template`` write. Reading the national form (130,000 rows, 49 MB of XML) element by
element with lxml took most of an import; here a regular expression checks and splits
whole rows at once, and each different cell (its style, its type and its value, as
bytes) is read once.

Only what is certain is read this way: a row is given only when every byte of it, and
of the sheet before it, has the shape below (cells of a number, a shared text, a text
of their own, a boolean, or empty; known entities; no comment, formula or CDATA), and
the rest of the sheet (its head, and what follows ``sheetData``) is checked by lxml
itself. Anything else (an odd cell, a date, broken XML, a damaged archive) and the
sheet is read on from that row by lxml (``form_xlsx.lxml_rows``), which says
what is wrong exactly as before: the rows, their values and every error are those of
the lxml reader. A row is held back until ``LOOKAHEAD`` bytes after it are known to be
regular, so that a broken sheet never yields a row lxml would not have yielded before
its error.
"""

from __future__ import annotations

import importlib
import re
from collections.abc import Callable, Iterator
from typing import IO, Any

from pledgecli.collect.xml_text import character_data as _text

CHUNK = 1 << 18  # bytes read at a time
LOOKAHEAD = 1 << 18  # a row is given once this much of the sheet after it is regular
MAX_ROW_BYTES = 1 << 20  # a row longer than this: lxml reads it
MAX_HEAD_BYTES = 1 << 20  # the sheet's head (before its rows): the same
VALUES_KEPT = 50_000  # different cells remembered at once
FIRST_ROWS_BYTES = 1 << 14  # the rows that tell the layout: this much of the first stretch

_SPACE = rb"[ \t\r\n]*"
_VALUE = (
    rb"(?:/>|>(?:<v>[^<]*</v>"
    rb'|<is><t(?: xml:space="preserve")?(?:/>|>[^<]*</t>)</is>)?</c>)'
)
_KIND = rb'(?: s="[0-9]+")?(?: t="(?:n|s|b|str|inlineStr)")?'
# _KIND and _VALUE as Python's regular expressions match them faster (a third less time
# for the national form), for the pattern of a usual row: the same texts, matched the same
# way. An optional part "(?:X)?" is written "(?:X|)" (tried the same way: X, then
# nothing, without the machinery of a repeat), and of the alternatives, only one can
# match (each followed by a different text), the usual one first.
_KIND_LAID = rb'(?: s="[0-9]+"|)(?: t="(?:inlineStr|n|str|s|b)"|)'
_VALUE_LAID = (
    rb"(?:>(?:<v>[^<]*</v>"
    rb'|<is><t(?:>[^<]*</t>| xml:space="preserve"(?:>[^<]*</t>|/>)|/>)</is>|)</c>|/>)'
)
_CELL = rb'<c(?: r="[A-Z]{1,3}[0-9]+")?' + _KIND + _VALUE
_ATTRIBUTES = rb'(?: [A-Za-z_][\w.-]*(?::[A-Za-z_][\w.-]*)?="[ !#-%\'-;=?-~]*")*'
# One token of the rows: a whole row (its number, its other attributes, its cells),
# white space between rows, or anything else (one byte: not the usual shape).
_ROWS = re.compile(
    rb'<row r="([0-9]+)"('
    + _ATTRIBUTES
    + rb")(?:/>|>("
    + _SPACE
    + rb"(?:"
    + _CELL
    + _SPACE
    + rb")*)</row>)|[ \t\r\n]+|(.)",
    re.DOTALL,
)
_CELLS = re.compile(rb'<c(?: r="([A-Z]{1,3})[0-9]+")?(' + _KIND + _VALUE + rb")")
_PARTS = re.compile(
    rb'(?: s="([0-9]+)")?(?: t="([a-zA-Z]+)")?'
    rb"(?:/>|>(?:<v>([^<]*)</v>|(<is>)<t(?: xml:space=\"preserve\")?(?:/>|>([^<]*)</t>)</is>)?</c>)"
)
_ATTRIBUTE = re.compile(rb' ([^=]+)="')
_DECLARATION = re.compile(rb"\A(?:\xef\xbb\xbf)?<\?xml[^>]*?encoding=[\"']([^\"']*)[\"']")
_START = b"<sheetData>"
_END = b"</sheetData>"

_IRREGULAR = object()  # a cell this reader leaves to lxml


class Irregular(Exception):
    """The sheet is not of the usual shape from here on: lxml reads on."""


def scan_rows(
    source: IO[bytes],
    width: int,
    shared_strings: Any,
    date_formats: Any,
    main_namespace: str,
    progress: list[int],
) -> Iterator[tuple[int, list[object]]]:
    """(row number, values by column up to ``width``; a value further right marked by
    one more cell, ``True``) of each row of the sheet read from ``source``, as
    ``form_xlsx`` reads them with lxml. Stops with :class:`Irregular` where it cannot
    be sure; ``progress`` then holds the count of rows given and the last row's
    number, for lxml to go on from there."""
    etree: Any = importlib.import_module("lxml.etree")
    head = _read_head(source)
    checker: Any = etree.XMLPullParser(
        events=("start",),
        resolve_entities=False,
        no_network=True,
        load_dtd=False,
        huge_tree=False,
    )
    root_prefixes = _check_head(checker, head, main_namespace)
    rows_of = _RowReader(width, shared_strings, date_formats, root_prefixes)
    buffer = head[head.index(_START) + len(_START) :]
    at = 0  # where ``buffer`` starts in the sheet's rows
    held: list[tuple[int, list[tuple[int, list[object]]]]] = []  # (end, rows) not given yet
    checked = 0  # ``buffer`` holds no end of the rows before here (but its last bytes)
    ended = False
    while not ended:
        chunk = source.read(CHUNK)
        buffer += chunk
        end = buffer.find(_END, max(0, checked - len(_END)))  # not again where it is not
        checked = len(buffer)
        if end >= 0:
            region, buffer, ended = buffer[:end], buffer[end:], True
        elif not chunk:
            raise Irregular  # the sheet stops in its rows: lxml says how
        else:
            cut = buffer.rfind(b"<row ")
            if cut <= 0:
                if len(buffer) > MAX_ROW_BYTES:
                    raise Irregular
                continue
            region, buffer = buffer[:cut], buffer[cut:]
            checked -= cut
        at += len(region)
        held.append((at, rows_of(region)))
        while held and held[0][0] <= at - LOOKAHEAD:
            yield from _give(held.pop(0)[1], progress)
    tail = buffer + source.read()
    try:
        checker.feed(tail)
        checker.close()
    except etree.LxmlError:
        raise Irregular from None
    row_tag = f"{{{main_namespace}}}row"
    if any(element.tag == row_tag for _event, element in checker.read_events()):
        raise Irregular  # a row outside the sheet's data: lxml reads it too
    for _end, rows in held:
        yield from _give(rows, progress)


class _RowReader:
    """The rows of a stretch of the sheet's data. Once the first row (the header) says
    how many columns there are, a second pattern reads a row whose cells are each in
    their place (``r``), in order, within those columns, in one match: its values are
    then looked up at once."""

    def __init__(
        self, width: int, shared_strings: Any, date_formats: Any, prefixes: frozenset[bytes]
    ) -> None:
        from openpyxl.utils.cell import column_index_from_string, get_column_letter

        self.width = width
        self.values: dict[bytes, object] = {b"": None}  # a cell's bytes after its place
        self.read_cell = _cell_reader(shared_strings, date_formats, self.values)
        self.prefixes = prefixes
        self.column_index = column_index_from_string
        self.letter = get_column_letter
        self.attributes_fine: dict[bytes, bool] = {}
        self.columns: dict[bytes, int] = {}
        self.pattern = _ROWS
        self.laid: int | None = None  # columns of the one-match pattern, once made

    def __call__(self, region: bytes) -> list[tuple[int, list[object]]]:
        if self.laid is None and len(region) > FIRST_ROWS_BYTES:
            # The layout is known from the first rows (the header and some figures): the
            # rest of the first stretch is read with its pattern too. (Cut where a row
            # starts, as the stretches are: no text of a usual row holds "<".)
            cut = region.find(b"<row ", FIRST_ROWS_BYTES)
            if cut > 0:
                return self.read(region[:cut]) + self.read(region[cut:])
        return self.read(region)

    def read(self, region: bytes) -> list[tuple[int, list[object]]]:
        rows: list[tuple[int, list[object]]] = []
        laid = self.laid
        known = self.values.__getitem__
        for found in self.pattern.findall(region):
            if laid:
                number = found[0]
                if number:  # a row of the usual layout
                    attributes = found[1]
                    if attributes and not self.fine(attributes):
                        raise Irregular
                    parts = found[2 : 2 + laid]
                    try:
                        cells = [*map(known, parts)]  # each cell read before
                    except KeyError:
                        cells = [self.read_cell(part) for part in parts]
                    if not parts[-1]:
                        count = laid
                        while count and not parts[count - 1]:
                            count -= 1
                        del cells[count:]
                    rows.append((int(number), cells))
                    continue
                found = found[2 + laid :]
            number, attributes, body, other = found
            if other:
                raise Irregular
            if not number:
                continue  # white space between rows
            if attributes and not self.fine(attributes):
                raise Irregular
            rows.append((int(number), self.cells(body)))
        if laid is None and rows:
            width = self.width
            self.laid = laid = max((len(c) for _n, c in rows if len(c) <= width), default=0)
            if 0 < laid <= 100:
                self.pattern = re.compile(self._layout(laid) + b"|" + _ROWS.pattern, re.DOTALL)
            else:
                self.laid = 0
        return rows

    def _layout(self, laid: int) -> bytes:
        """A row of at most ``laid`` cells, each with its place (in the row: ``\\1``, its
        number), in order, nothing else. (A cell placed in another row, or a row of another
        shape, is read by the pattern of any row, ``_ROWS``, as before.)"""
        cells = b"".join(
            b'(?:<c r="'
            + self.letter(n).encode("ascii")
            + rb'\1"('
            + _KIND_LAID
            + _VALUE_LAID
            + b")|)"  # (?:...)?, see _KIND_LAID
            for n in range(1, laid + 1)
        )
        return b'<row r="([0-9]+)"(' + _ATTRIBUTES + b")>" + cells + b"</row>"

    def fine(self, attributes: bytes) -> bool:
        return _fine_attributes(attributes, self.attributes_fine, self.prefixes)

    def cells(self, body: bytes) -> list[object]:
        """A row's values laid out by column, as ``form_xlsx``'s ``cells_of`` lays them."""
        width, read_cell, columns = self.width, self.read_cell, self.columns
        cells: list[object] = []
        beyond = False
        column = 0
        for letters, rest in _CELLS.findall(body):
            if letters:
                found = columns.get(letters)
                if found is None:
                    found = columns[letters] = self.column_index(letters.decode("ascii"))
                column = found
            else:
                column += 1  # a cell without its place follows the one before (openpyxl)
            value = read_cell(rest)
            if column > width:
                beyond = beyond or value is not None
                continue
            laid = len(cells)
            if column > laid:
                if column > laid + 1:
                    cells.extend([None] * (column - 1 - laid))
                cells.append(value)
            else:
                cells[column - 1] = value
        if beyond:
            cells.extend([None] * (width - len(cells)))
            cells.append(True)
        return cells


def _give(
    rows: list[tuple[int, list[object]]], progress: list[int]
) -> list[tuple[int, list[object]]]:
    """``rows``, counted as given (lxml, should it read on, starts after them: it only
    ever does so between two stretches, never within one)."""
    if rows:
        progress[0] += len(rows)
        progress[1] = rows[-1][0]
    return rows


def _read_head(source: IO[bytes]) -> bytes:
    """The sheet up to its rows (``<sheetData>`` included)."""
    head = b""
    while _START not in head:
        chunk = source.read(1 << 16)
        if not chunk or len(head) > MAX_HEAD_BYTES:
            raise Irregular  # no rows (<sheetData/>), or an odd sheet
        head += chunk
    declared = _DECLARATION.match(head)
    if declared is not None and declared.group(1).lower() not in (b"utf-8", b"utf8"):
        raise Irregular
    if b"<!" in head[: head.index(_START)]:
        raise Irregular  # a DOCTYPE, a comment, a CDATA section: lxml's
    return head


def _check_head(checker: Any, head: bytes, main_namespace: str) -> frozenset[bytes]:
    """The head is well formed, its ``sheetData`` the root's child with the main
    namespace by default (so that the rows' names are those lxml looks for), and it
    holds no row; the prefixes of namespaces the root declares."""
    etree: Any = importlib.import_module("lxml.etree")
    try:
        checker.feed(head[: head.index(_START) + len(_START)])
    except etree.LxmlError:
        raise Irregular from None
    started = [element for _event, element in checker.read_events()]
    if not started:
        raise Irregular
    data = started[-1]
    root = started[0]
    if (
        data.tag != f"{{{main_namespace}}}sheetData"
        or data.getparent() is not root
        or data.nsmap.get(None) != main_namespace
        or any(element.tag == f"{{{main_namespace}}}row" for element in started)
    ):
        raise Irregular
    return frozenset(prefix.encode("utf-8") for prefix in root.nsmap if prefix is not None)


def _fine_attributes(
    attributes: bytes, known: dict[bytes, bool], prefixes: frozenset[bytes]
) -> bool:
    """A row's attributes after ``r`` are each named once, none ``r`` or a namespace's
    declaration, each prefix declared by the sheet (Excel: ``x14ac:dyDescent``)."""
    fine = known.get(attributes)
    if fine is None:
        names = _ATTRIBUTE.findall(attributes)
        fine = len(set(names)) == len(names) and all(
            name != b"r"
            and not name.startswith(b"xmlns")
            and (b":" not in name or name.split(b":")[0] in prefixes)
            for name in names
        )
        if len(known) < VALUES_KEPT:
            known[attributes] = fine
    return fine


def _cell_reader(
    shared_strings: Any, date_formats: Any, values: dict[bytes, object]
) -> Callable[[bytes], object]:
    """The value of a cell from its bytes after its place (style, type, content), each
    different one read once (kept in ``values``); :class:`Irregular` for one lxml
    must read."""

    def read_cell(rest: bytes) -> object:
        value = values.get(rest, _IRREGULAR)
        if value is _IRREGULAR:
            value = _value(rest, shared_strings, date_formats)
            if value is _IRREGULAR:
                raise Irregular
            if len(values) >= VALUES_KEPT:
                values.clear()
                values[b""] = None  # an absent cell
            values[rest] = value
        return value

    return read_cell


def _value(rest: bytes, shared_strings: Any, date_formats: Any) -> object:
    """A cell's value as ``form_xlsx``'s ``cells_of`` reads it (and openpyxl)."""
    parts = _PARTS.fullmatch(rest)
    if parts is None:
        return _IRREGULAR
    style, kind_bytes, value_bytes, inline, inline_bytes = parts.groups()
    kind = kind_bytes.decode("ascii") if kind_bytes is not None else "n"
    if kind == "inlineStr":
        if inline is None:
            return None
        text = _text(inline_bytes or b"")
        return _IRREGULAR if text is None else text
    if value_bytes is None:
        return None
    text = _text(value_bytes)
    if text is None:
        return _IRREGULAR
    if not text:
        return None
    if kind == "n":
        if style is not None and int(style) in date_formats:
            return _IRREGULAR  # a date: openpyxl's conversion
        try:
            is_float = "." in text or "E" in text or "e" in text
            return float(text) if is_float else int(text)
        except ValueError:
            return _IRREGULAR
    if kind == "s":
        try:
            return shared_strings[int(text)]
        except (ValueError, IndexError):
            return _IRREGULAR
    if kind == "b":
        try:
            return bool(int(text))
        except ValueError:
            return _IRREGULAR
    if kind == "str":
        return text
    return _IRREGULAR
