"""The view of ``pledge validate``: every problem as path:line: message, then a count."""

from __future__ import annotations

import sys
from typing import TextIO

from pledgecli.diagnostics import render_json, render_text
from pledgecli.i18n import _
from pledgecli.outcomes import Validation
from pledgecli.render.formats import Page


def write_text(page: Page, out: TextIO) -> None:
    assert isinstance(page.value, Validation)
    validation = page.value
    if validation.diagnostics:
        out.write(render_text(validation.diagnostics) + "\n")
    summary = _("files checked: {files}, errors: {errors}, warnings: {warnings}").format(
        files=validation.files_checked,
        errors=validation.errors,
        warnings=len(validation.diagnostics) - validation.errors,
    )
    # The count goes with the problems to stderr; alone (all is well) it is the output.
    (sys.stderr if validation.diagnostics else out).write(summary + "\n")


def write_json(page: Page, out: TextIO) -> None:
    assert isinstance(page.value, Validation)
    out.write(render_json(page.value.diagnostics, page.value.files_checked) + "\n")
