"""openpyxl, imported only when an .xlsx is read or written, so that CSV work and
``pledge --help`` never pay for it. It is a dependency of pledge; an installation
that lacks it anyway gets a one-line hint on how to install it."""

from __future__ import annotations

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
