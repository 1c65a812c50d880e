"""The Typer commands of data collection: ``init``, ``new``, ``template``, ``import``, ``set``.

Thin: options -> one library call -> messages -> exit code. ``register`` is called at
the end of :mod:`pledgecli.commands` (so the shared options exist by then); heavy
modules are imported inside the commands.
"""

from pathlib import Path
from typing import Annotated

import typer

from pledgecli.i18n import _


def register(app: typer.Typer) -> None:
    """Add the collection commands to ``app``."""
    from pledgecli.commands import DataOption, LangOption, fail  # noqa: F401
    from pledgecli.diagnostics import InputError

    @app.command(
        "init",
        help=_(
            "Create a data directory: provinces.toml with the 34 province-level units and "
            "the 63 former ones, an example pledge, and an empty actuals folder."
        ),
    )
    def init_command(
        directory: Annotated[
            Path | None,
            typer.Argument(
                help=_("The new data directory (default: $PLEDGE_DATA, then ./data)."),
                show_default=False,
            ),
        ] = None,
        lang: LangOption = None,
    ) -> None:
        import os

        from pledgecli.collect.init import init
        from pledgecli.diagnostics import display_path

        root = directory
        if root is None:
            root = Path(os.environ.get("PLEDGE_DATA") or "data")
        try:
            outcome = init(root)
        except InputError as error:
            fail(error.message, error.hint)
        for path in outcome.written:
            typer.echo(_("wrote {path}").format(path=display_path(path)))
        typer.echo(
            _(
                "{path}: {current} province-level units and {merged} former ones merged into "
                "them; copy pledges/example.toml to pledges/<year>/<cluster>.toml to start"
            ).format(
                path=display_path(outcome.root), current=outcome.current, merged=outcome.merged
            )
        )
