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


def openpyxl_to_read() -> ModuleType:
    """:func:`openpyxl`, for reading a returned form: imported without numpy when neither
    is imported yet. openpyxl imports numpy, when it is installed, only to know numpy's
    number types as values to write (20 MiB and a tenth of a second for ``pledge
    import`` of the national form); what it reads is the same without it."""
    if "openpyxl" in sys.modules or "numpy" in sys.modules:
        return openpyxl()
    sys.modules["numpy"] = None  # type: ignore[assignment]  # "import numpy" fails at once
    try:
        return openpyxl()
    finally:
        del sys.modules["numpy"]
