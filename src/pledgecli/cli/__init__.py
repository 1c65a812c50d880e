"""Entry point of the ``pledge`` command: the app is built from the command groups.

The language is chosen before the commands are built, so that ``--help`` is
translated too. ``check``/``validate``, the review commands and the collection commands
each live in their own module, which imports :mod:`pledgecli.cli.options` and never
another command module; :mod:`pledgecli.cli.commands` names them, and a command is built
only when it is run (see :class:`pledgecli.cli.framework.PledgeGroup`).
"""

import gc
import os
import sys
from typing import TYPE_CHECKING, Annotated, Any

if TYPE_CHECKING:
    import typer


def build() -> "typer.Typer":
    """The ``pledge`` app in the current language."""
    # Typer (and its click) is imported here, after main() has turned the cyclic garbage
    # collector off: importing it with the collector on costs pledge's start-up ~10 ms.
    import typer

    from pledgecli.cli.framework import PledgeGroup
    from pledgecli.cli.options import ExitStatus, LangOption, finish
    from pledgecli.i18n import _

    app = typer.Typer(
        cls=PledgeGroup,
        help=_(
            "Track emulation pledges (giao ước thi đua) of co-operative alliance clusters "
            "against year-end results."
        ),
        context_settings={"help_option_names": ["-h", "--help"]},
        invoke_without_command=True,
        add_completion=True,
        pretty_exceptions_enable=False,
        rich_markup_mode=None,
    )

    def version(value: bool) -> None:
        if value:
            from pledgecli import __version__

            typer.echo(f"pledge {__version__}")
            raise typer.Exit()

    @app.callback()
    def main_callback(
        ctx: typer.Context,
        show_version: Annotated[
            bool,
            typer.Option(
                "--version", callback=version, is_eager=True, help=_("Show the version and exit.")
            ),
        ] = False,
        lang: LangOption = None,
    ) -> None:
        """Track emulation pledges against year-end results."""
        if ctx.invoked_subcommand is None:  # bare ``pledge``: its help, and success
            typer.echo(ctx.get_help())
            finish(ExitStatus.MET)

    return app  # its commands: PledgeGroup's, built on demand


def main() -> None:
    # One short run allocates up to millions of small objects (national data) and frees
    # them by reference counting; the cyclic collector would only walk them again and
    # again (a third of the time of pledge check at 3,321 provinces). Off for the run.
    gc.disable()
    if sys.argv[1:] == ["--version"]:  # what Typer would say, without importing it
        from pledgecli import __version__

        print(f"pledge {__version__}")
        return
    # Building its first model, pydantic reads the entry points of every installed
    # distribution, looking for plugins (some 10 ms here): pledge uses none, and says so as
    # Typer does while it builds its own adapters (unless the environment already decided).
    os.environ.setdefault("PYDANTIC_DISABLE_PLUGINS", "__all__")
    from pledgecli.i18n import detect_language, language_from_argv, set_language

    _never_fail_on_encoding()
    set_language(detect_language(language_from_argv(sys.argv[1:])))
    from pledgecli.cli import fast
    from pledgecli.cli.outlet import ExitStatus

    # A plain ``pledge check|rank|totals|report ...`` runs without importing Typer (a third
    # of its start-up); any other command line, or one the fast path does not read
    # completely, goes to Typer.
    plain_line = fast.plain_line(sys.argv[1:])
    try:
        if plain_line is not None:
            fast.run(plain_line)
        build()(prog_name="pledge")
    except Exception as error:  # a bug of ours: one line, not a traceback
        if os.environ.get("PLEDGE_DEBUG"):
            raise
        from pledgecli.i18n import _

        message = _(
            "internal error ({kind}: {detail}); please report it with the command you ran "
            "(PLEDGE_DEBUG=1 shows the details)"
        ).format(kind=type(error).__name__, detail=error)
        print(message, file=sys.stderr)
        sys.exit(ExitStatus.INVALID)
    finally:
        # Python's last act is one more walk over every object for cycles (Typer, pydantic
        # and Rich make many): nothing worth collecting is left, so spare it (0.7x the
        # start-up of the interpreter).
        gc.freeze()


def __getattr__(name: str) -> Any:
    if name == "app":  # ``from pledgecli.cli import app`` (the tests)
        return build()
    raise AttributeError(name)


def _never_fail_on_encoding() -> None:
    """A console that cannot show Vietnamese letters gets "?" rather than a crash."""
    for stream in (sys.stdout, sys.stderr):
        reconfigure = getattr(stream, "reconfigure", None)
        if reconfigure is not None:
            reconfigure(errors="replace")
