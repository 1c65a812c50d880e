"""The view of ``pledge validate``: every problem as path:line: message, then a count."""

from __future__ import annotations

import sys
from typing import TextIO

from pledgecli.diagnostics import Diagnostic, render_json, render_text
from pledgecli.i18n import _
from pledgecli.outcomes import Validation
from pledgecli.render.formats import Page


def write_text(page: Page, out: TextIO) -> None:
    assert isinstance(page.value, Validation)
    validation = page.value
    for note in validation.resolved:
        out.write(_note_line(note) + "\n")
    if validation.diagnostics:
        out.write(render_text(validation.diagnostics) + "\n")
    summary = _("files checked: {files}, errors: {errors}, warnings: {warnings}").format(
        files=validation.files_checked,
        errors=validation.errors,
        warnings=len(validation.diagnostics) - validation.errors,
    )
    # The count goes with the problems to stderr; alone (all is well) it is the output.
    (sys.stderr if validation.diagnostics else out).write(summary + "\n")


def _note_line(note: Diagnostic) -> str:
    """``path:line: note: "Cần Thơ" is Cần Thơ (can-tho)``: a name read as an id."""
    from pledgecli.diagnostics import display_path
    from pledgecli.safe_text import visible

    where = display_path(note.path) if note.path is not None else ""
    if note.line is not None:
        where = f"{where}:{note.line}"
    return visible(_("{where}: note: {message}").format(where=where, message=note.message))


def write_json(page: Page, out: TextIO) -> None:
    assert isinstance(page.value, Validation)
    text = render_json(page.value.diagnostics, page.value.files_checked)
    if page.value.resolved:  # --verbose only: the output without it stays as it was
        import json

        payload = json.loads(text)
        payload["resolved"] = [
            {**note.to_json(), "severity": "note"} for note in page.value.resolved
        ]
        text = json.dumps(payload, ensure_ascii=False, indent=2)
    out.write(text + "\n")
