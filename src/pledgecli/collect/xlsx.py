"""openpyxl, imported only when an .xlsx is read or written, so that CSV work and
``pledge --help`` never pay for it. It is a dependency of pledge; an installation
that lacks it anyway gets a one-line hint on how to install it."""

from __future__ import annotations

import sys
from types import ModuleType

from pledgecli.diagnostics import UserError
from pledgecli.i18n import _


def openpyxl() -> ModuleType:
    try:
        import openpyxl as module
    except ImportError:
        raise UserError(
            _("reading and writing .xlsx files needs the openpyxl package"),
            _("install it with: python3 -m pip install openpyxl"),
        ) from None
    return module


# What openpyxl imports, when installed, only for what reading a form never uses.
_UNUSED_TO_READ = ("numpy", "PIL")


def openpyxl_to_read() -> ModuleType:
    """:func:`openpyxl`, for reading a returned form: imported without numpy and Pillow
    (each unless imported already). openpyxl imports numpy, when it is installed, only
    to know numpy's number types as values to write (20 MiB and a tenth of a second for
    ``pledge import`` of the national form), and Pillow only for the pictures of a sheet,
    which a workbook opened read-only (as every form is read) never loads; what it reads
    is the same without them."""
    if "openpyxl" in sys.modules:
        return openpyxl()
    unused = [name for name in _UNUSED_TO_READ if name not in sys.modules]
    for name in unused:
        sys.modules[name] = None  # type: ignore[assignment]  # "import numpy" fails at once
    try:
        return openpyxl()
    finally:
        for name in unused:
            del sys.modules[name]
