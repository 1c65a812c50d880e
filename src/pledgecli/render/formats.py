"""The table of renderers: one writer per (view, format), the single place a format is added.

A view is what a command shows (``check``'s scorecard, ``rank``'s ranking...); a format is
how (``table``, ``json``...). Writers are named as ``module:function`` and imported only
when used, so that ``pledge check --format json`` never imports Rich. Each writer takes the
:class:`Page` and the output stream and writes the whole view.

To add a format: write the writer in the view's module (or a new module for the format)
and add one line per view below; the CLI's ``--format`` choices, its help and the golden
tests (tests/test_golden.py) all follow this table.
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from dataclasses import dataclass
from importlib import import_module
from typing import IO, TextIO


@dataclass(frozen=True)
class Page:
    """One view of one outcome, in one format."""

    view: str
    format: str
    value: object  # the service's outcome for this view (see each writer)
    all_rows: bool = False  # check's table: every province, never the summary


Writer = Callable[[Page, TextIO], None]
BinaryWriter = Callable[[Page, IO[bytes]], None]

# Formats whose output is bytes (a zip of XML), not text: their writers take a binary
# stream, and the CLI writes them to a file (-o) or a pipe, never to a terminal.
BINARY: frozenset[str] = frozenset({"docx", "xlsx"})

# (view, format) -> (writer, whether the output has words, i.e. differs by language)
RENDERERS: dict[tuple[str, str], tuple[str, bool]] = {
    ("check", "table"): ("pledgecli.render.plain_scorecard:write_table", True),
    ("check", "json"): ("pledgecli.render.json:write", False),
    ("check", "csv"): ("pledgecli.render.csv:write", False),
    ("check", "markdown"): ("pledgecli.render.markdown:write", True),
    ("check", "svg"): ("pledgecli.render.office:write_check_svg", True),
    ("check", "xlsx"): ("pledgecli.render.office:write_check_xlsx", True),
    ("validate", "text"): ("pledgecli.render.validate:write_text", True),
    ("validate", "json"): ("pledgecli.render.validate:write_json", True),
    ("rank", "table"): ("pledgecli.render.rank:write_table", True),
    ("rank", "json"): ("pledgecli.render.rank:write_json", False),
    ("rank", "csv"): ("pledgecli.render.rank:write_csv", False),
    ("rank", "markdown"): ("pledgecli.render.rank:write_markdown", True),
    ("rank", "xlsx"): ("pledgecli.render.office:write_rank_xlsx", True),
    ("totals", "table"): ("pledgecli.render.totals:write_table", True),
    ("totals", "json"): ("pledgecli.render.totals:write_json", False),
    ("totals", "csv"): ("pledgecli.render.totals:write_csv", False),
    ("totals", "markdown"): ("pledgecli.render.totals:write_markdown", True),
    ("totals", "xlsx"): ("pledgecli.render.office:write_totals_xlsx", True),
    ("history", "table"): ("pledgecli.render.history:write_table", True),
    ("history", "json"): ("pledgecli.render.history:write_json", False),
    ("history", "csv"): ("pledgecli.render.history:write_csv", False),
    ("history", "markdown"): ("pledgecli.render.history:write_markdown", True),
    ("report", "markdown"): ("pledgecli.render.report:write_markdown", True),
    ("report", "html"): ("pledgecli.render.report:write_html", True),
    ("report", "docx"): ("pledgecli.render.office:write_report_docx", True),
    ("report", "xlsx"): ("pledgecli.render.office:write_report_xlsx", True),
    ("missing", "table"): ("pledgecli.render.missing:write_table", True),
    ("missing", "json"): ("pledgecli.render.missing:write_json", False),
    ("missing", "csv"): ("pledgecli.render.missing:write_csv", False),
    ("leaders", "table"): ("pledgecli.render.leaders:write_table", True),
    ("leaders", "json"): ("pledgecli.render.leaders:write_json", False),
}


def formats(view: str) -> tuple[str, ...]:
    """The formats of ``view``, the first being the default."""
    return tuple(fmt for (name, fmt) in RENDERERS if name == view)


def is_binary(fmt: str) -> bool:
    return fmt in BINARY


def _found(view: str, fmt: str) -> object:
    location, _words = RENDERERS[(view, fmt)]
    module, function = location.split(":")
    return getattr(import_module(module), function)


def writer(view: str, fmt: str) -> Writer:
    found: Writer = _found(view, fmt)  # type: ignore[assignment]
    return found


def binary_writer(view: str, fmt: str) -> BinaryWriter:
    found: BinaryWriter = _found(view, fmt)  # type: ignore[assignment]
    return found


def render(page: Page, out: TextIO | None = None) -> None:
    """Write ``page`` to ``out`` (standard output as it is now, by default). A binary
    format goes to the binary stream beneath ``out``."""
    stream = sys.stdout if out is None else out
    if is_binary(page.format):
        content = render_bytes(page)  # a zip is written with seeks: in memory first
        stream.flush()
        stream.buffer.write(content)
        stream.buffer.flush()
    else:
        writer(page.view, page.format)(page, stream)


def render_bytes(page: Page, *, bom: bool = False) -> bytes:
    """The whole of ``page`` as bytes: a binary format as written, text as UTF-8 (with a
    byte-order mark first when ``bom``, so that Excel reads a CSV file's letters right)."""
    import io

    if is_binary(page.format):
        binary = io.BytesIO()
        binary_writer(page.view, page.format)(page, binary)
        return binary.getvalue()
    # Encoded as it is written: a national report is never held as one str as well.
    binary = io.BytesIO()
    text = io.TextIOWrapper(binary, encoding="utf-8", newline="", write_through=False)
    if bom:
        text.write("\ufeff")
    writer(page.view, page.format)(page, text)
    text.flush()
    return binary.getvalue()
