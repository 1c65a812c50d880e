"""XML character data read from its bytes exactly as an XML parser gives it, or not at all
(``collect/sheet_scan.py``: the texts and figures of a worksheet's cells)."""

from __future__ import annotations

import re

_NOT_TEXT = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\r\ufffe\uffff]|]]>")
_ENTITY = re.compile("&(?:#([0-9]+)|#x([0-9a-fA-F]+)|(amp|lt|gt|quot|apos));")
_NAMED = {"amp": "&", "lt": "<", "gt": ">", "quot": '"', "apos": "'"}


def character_data(raw: bytes) -> str | None:
    """The text of XML character data, as a parser gives it; ``None`` when it is not
    plain (a character XML refuses, a line break a parser would change, an unknown
    entity, invalid UTF-8)."""
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError:
        return None
    if _NOT_TEXT.search(text) is not None:
        return None
    if "&" not in text:
        return text
    pieces = _ENTITY.split(text)
    out = [pieces[0]]
    for index in range(1, len(pieces), 4):
        decimal, hexadecimal, name, after = pieces[index : index + 4]
        if name is not None:
            out.append(_NAMED[name])
        else:
            code = int(decimal) if decimal is not None else int(hexadecimal, 16)
            if not _xml_character(code):
                return None
            out.append(chr(code))
        out.append(after)
    if any("&" in piece for piece in out[::2]):
        return None  # an entity this reader does not know
    return "".join(out)


def _xml_character(code: int) -> bool:
    return (
        code in (0x9, 0xA, 0xD)
        or 0x20 <= code <= 0xD7FF
        or 0xE000 <= code <= 0xFFFD
        or 0x10000 <= code <= 0x10FFFF
    )
