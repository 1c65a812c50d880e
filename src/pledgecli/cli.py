"""Entry point of the ``pledge`` command.

The language is chosen before the commands are built, so that ``--help`` is
translated too; the commands themselves live in ``pledgecli.commands``.
"""

from __future__ import annotations

import gc
import os
import sys
from typing import Any

from pledgecli.i18n import detect_language, language_from_argv, set_language


def main() -> None:
    # One short run allocates up to millions of small objects (national data) and frees
    # them by reference counting; the cyclic collector would only walk them again and
    # again (a third of the time of pledge check at 3,321 provinces). Off for the run.
    gc.disable()
    _never_fail_on_encoding()
    set_language(detect_language(language_from_argv(sys.argv[1:])))
    from pledgecli.commands import app

    try:
        app()
    except Exception as error:  # a bug of ours: one line, not a traceback
        if os.environ.get("PLEDGE_DEBUG"):
            raise
        from pledgecli.i18n import _

        message = _(
            "internal error ({kind}: {detail}); please report it with the command you ran "
            "(PLEDGE_DEBUG=1 shows the details)"
        ).format(kind=type(error).__name__, detail=error)
        print(message, file=sys.stderr)
        sys.exit(2)
    finally:
        # Python's last act is one more walk over every object for cycles (Typer, pydantic
        # and Rich make many): nothing worth collecting is left, so spare it (0.7x the
        # start-up of the interpreter).
        gc.freeze()


def __getattr__(name: str) -> Any:
    if name == "app":
        from pledgecli.commands import app

        return app
    raise AttributeError(name)


def _never_fail_on_encoding() -> None:
    """A console that cannot show Vietnamese letters gets "?" rather than a crash."""
    for stream in (sys.stdout, sys.stderr):
        reconfigure = getattr(stream, "reconfigure", None)
        if reconfigure is not None:
            reconfigure(errors="replace")
