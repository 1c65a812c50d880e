"""``--format json``: the v1 contract of data-format.md, plus extra fields."""

from __future__ import annotations

import codecs
import io
import os
from collections.abc import Iterable, Iterator
from itertools import islice
from typing import BinaryIO, TextIO, cast

from pledgecli.evaluate import PledgeResults
from pledgecli.outcomes import Report
from pledgecli.render.formats import Page
from pledgecli.render.json_numbers import JsonValue as JsonValue
from pledgecli.render.json_numbers import encode as _encode
from pledgecli.render.json_numbers import json_gap as json_gap
from pledgecli.render.json_numbers import json_number as json_number
from pledgecli.render.json_numbers import score_number as score_number
from pledgecli.render.json_numbers import text
from pledgecli.render.json_records import check_json as check_json
from pledgecli.render.json_records import correction_json as correction_json
from pledgecli.render.json_records import result_batches
from pledgecli.render.json_records import result_json as result_json
from pledgecli.render.json_records import results_text as results_text
from pledgecli.render.json_records import score_json as score_json
from pledgecli.render.json_records import scores_text as scores_text


def pledge_json(
    pledge_results: PledgeResults, report: Report, utf8: str | None = None
) -> dict[str, object]:
    """``utf8``: the results as their UTF-8 bytes (see ``results_text``)."""
    pledge = pledge_results.pledge
    return {
        "cluster": pledge.cluster,
        "name": pledge.name,
        "year": pledge.year,
        "signed_on": pledge.signed_on.isoformat() if pledge.signed_on else None,
        "leader": pledge.leader,
        "provinces": list(pledge.provinces),
        "targets": [
            {
                "id": t.id,
                "text": t.text,
                "metric": t.metric,
                "per": t.per,
                "rule": t.rule.value,
                "scope": t.scope.value,
                "threshold": json_number(t.threshold),
            }
            for t in pledge.targets
        ],
        # Generators: written one by one by ``chunks``, never all held as dicts at once.
        "results": OnePerLine(
            result_batches(report.shown(pledge_results), report, pledge.cluster, utf8=utf8),
            raw=True,
            batched=True,
            utf8=utf8 is not None,
        ),
        "scores": OnePerLine(scores_text(pledge_results, report), raw=True),
    }


def render(report: Report) -> str:
    return "".join(chunks(report))


def chunks(report: Report) -> Iterator[str]:
    """The JSON text in pieces, indented by two spaces; a small object or array (a result,
    a score, a target) is written on one line by the C encoder, which keeps national data
    (100,000 results) fast and greppable."""
    return cast(Iterator[str], _chunks(report, None))


def _chunks(report: Report, utf8: str | None) -> Iterator[str | bytes]:
    """``chunks``; with ``utf8`` (an error handler), the results already as their UTF-8
    bytes (the only pieces that are bytes)."""
    payload = {
        "year": report.year,
        "province": report.province,
        "summary": {status.value: n for status, n in report.counts().items()},
        "pledges": (pledge_json(p, report, utf8) for p in report.pledges),
    }
    yield from _pieces(payload, 0)
    yield "\n"


_INLINE_LEAVES = 24  # at most this many values in an object or array written on one line
_SCALARS = frozenset({str, int, float, bool, type(None)})


def _leaves(value: object, budget: int) -> int:
    """How many scalar values ``value`` holds, counting no further than past ``budget``;
    generators count as too many (they are never written on one line)."""
    if type(value) in _SCALARS:
        return 1
    if isinstance(value, dict):
        items: Iterable[object] = value.values()
    elif isinstance(value, list | tuple):
        items = value
    else:
        return budget + 1
    total = 0
    for item in items:
        total += 1 if type(item) in _SCALARS else _leaves(item, budget - total)
        if total > budget:
            break
    return total


class OnePerLine:
    """Records written one per line, each by one encoder call, never held all at once:
    the results and scores of a pledge (100,000 of them for national data). ``raw``: the
    items are JSON text already (``results_text``), written as they are; ``batched``: in
    lists of such texts (``result_batches``); ``utf8``: that text as its UTF-8 bytes, one
    char a byte (written as bytes)."""

    __slots__ = ("batched", "items", "raw", "utf8")

    def __init__(
        self,
        items: Iterable[object],
        *,
        raw: bool = False,
        batched: bool = False,
        utf8: bool = False,
    ) -> None:
        self.items = items
        self.raw = raw
        self.batched = batched
        self.utf8 = utf8

    def __iter__(self) -> Iterator[object]:
        return iter(self.items)


def _pieces(value: object, level: int) -> Iterator[str | bytes]:
    if _leaves(value, _INLINE_LEAVES) <= _INLINE_LEAVES:
        yield _encode(value)
        return
    inner = "\n" + "  " * (level + 1)
    if isinstance(value, OnePerLine) and value.raw:
        yield from _raw_lines(value, inner, level)
        return
    if isinstance(value, dict):
        opening, closing = "{", "}"
        pairs: Iterable[tuple[str | None, object]] = value.items()
    else:
        opening, closing = "[", "]"
        assert isinstance(value, Iterable)
        pairs = ((None, item) for item in value)
    yield opening
    separator, comma = inner, "," + inner
    lines: list[str] = []  # one-line items, handed up in batches rather than one by one
    records = isinstance(value, OnePerLine)  # not raw: those went to _raw_lines
    for key, item in pairs:
        prefix = separator if key is None else separator + _encode(key) + ": "
        separator = comma
        if type(item) is str:  # an id, a name (3,321 provinces): as the encoder writes it
            lines.append(prefix + text(item))
        elif records or _leaves(item, _INLINE_LEAVES) <= _INLINE_LEAVES:
            lines.append(prefix + _encode(item))
        else:
            if lines:
                yield "".join(lines)
                lines.clear()
            yield prefix
            yield from _pieces(item, level + 1)
            continue
        if len(lines) >= 512:
            yield "".join(lines)
            lines.clear()
    if lines:
        yield "".join(lines)
    if separator != inner:
        yield "\n" + "  " * level
    yield closing


def _raw_lines(value: OnePerLine, inner: str, level: int) -> Iterator[str | bytes]:
    """``_pieces`` of records that are JSON text already: joined in batches of 512, with
    no step per record (national data has 100,000); as bytes when they are UTF-8."""
    if value.batched:
        batches = cast(Iterator[list[str]], iter(value))
    else:
        records = cast(Iterator[str], iter(value))
        batches = iter(lambda: list(islice(records, 512)), [])
    separator = "," + inner
    opening = "[" + inner
    before = opening
    for batch in batches:
        piece = before + separator.join(batch)
        before = separator
        yield piece.encode("latin-1") if value.utf8 else piece  # latin-1: one char a byte
    yield "[]" if before is opening else "\n" + "  " * level + "]"


def write(page: Page, out: TextIO) -> None:
    """JSON goes out piece by piece, so that national data (100,000 results) never sits in
    memory as one string; to a UTF-8 stream, the results as bytes, made as bytes."""
    assert isinstance(page.value, Report)
    binary = _utf8_bytes(out)
    if binary is None:
        out.writelines(chunks(page.value))
        return
    errors = out.errors or "strict"
    out.flush()  # what the stream holds goes first
    binary.writelines(
        piece if isinstance(piece, bytes) else piece.encode("utf-8", errors)
        for piece in _chunks(page.value, errors)
    )


def _utf8_bytes(out: TextIO) -> BinaryIO | None:
    """The bytes beneath ``out`` when what ``out`` makes of a text is its UTF-8 bytes (a
    text stream in UTF-8 that writes "\\n" as it is: standard output on POSIX, the text of
    ``-o FILE``); else None."""
    if os.linesep != "\n" or not isinstance(out, io.TextIOWrapper):
        return None
    try:
        if codecs.lookup(out.encoding).name != "utf-8":
            return None
    except LookupError:
        return None
    return cast(BinaryIO, out.buffer)
