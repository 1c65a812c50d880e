"""The Typer commands of data collection: ``init``, ``new``, ``template``, ``import``, ``set``.

Thin: options -> one library call -> messages -> exit code. ``register`` is called at
the end of :mod:`pledgecli.commands` (so the shared options exist by then); heavy
modules are imported inside the commands.
"""

from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, NoReturn

import typer

from pledgecli.i18n import _

if TYPE_CHECKING:
    from pledgecli.collect.plan import Outcome


class FormFormat(StrEnum):
    csv = "csv"
    xlsx = "xlsx"


def register(app: typer.Typer) -> None:
    """Add the collection commands to ``app``."""
    from pledgecli.commands import ClusterOption, DataOption, LangOption, YearArgument, fail
    from pledgecli.diagnostics import InputError

    # import and set record figures the same way, with the same two switches
    DryRunOption = Annotated[
        bool, typer.Option("--dry-run", help=_("Show what would change; write nothing."))
    ]
    ForceOption = Annotated[
        bool, typer.Option("--force", help=_("Replace recorded figures that differ."))
    ]

    @app.command(
        "init",
        help=_(
            "Create a data directory: provinces.toml with the 34 province-level units and "
            "the 29 former ones merged into them (the 63 of before 2025), an example pledge, "
            "and an empty actuals folder."
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

    def finish(outcome: "Outcome") -> NoReturn:
        for line in outcome.out:
            typer.echo(line)
        for line in outcome.err:
            typer.echo(line, err=True)
        raise typer.Exit(outcome.exit_code)

    def refused(error: Exception) -> NoReturn:
        from pledgecli.collect.plan import Refused

        if isinstance(error, Refused):
            for line in error.lines:
                typer.echo(line, err=True)
            raise typer.Exit(2)
        if isinstance(error, InputError):
            fail(error.message, error.hint)
        raise error

    @app.command(
        "template",
        help=_(
            "Write YEAR's reporting form: one row per province and metric the year's pledges "
            "need, with columns year, province, metric, value (pre-filled where a figure is "
            "recorded) and read-only help. Fill in value and read it back with pledge import."
        ),
    )
    def template_command(
        year: YearArgument,
        form_format: Annotated[
            FormFormat, typer.Option("--format", help=_("csv, or xlsx for Excel."))
        ] = FormFormat.csv,
        output: Annotated[
            Path | None,
            typer.Option(
                "--output",
                "-o",
                help=_(
                    "File to write (default: the CSV on standard output; "
                    "the XLSX as form-YEAR.xlsx)."
                ),
                show_default=False,
            ),
        ] = None,
        cluster: ClusterOption = None,
        force: Annotated[
            bool, typer.Option("--force", help=_("Replace an existing file."))
        ] = False,
        data: DataOption = None,
        lang: LangOption = None,
    ) -> None:
        import sys

        from pledgecli.collect.plan import Refused
        from pledgecli.collect.template import make_form
        from pledgecli.collect.writer import is_stdout, write_atomic, write_stdout
        from pledgecli.diagnostics import display_path

        to_stdout = (output is None and form_format is FormFormat.csv) or is_stdout(output)
        try:
            form = make_form(data, year, cluster, form_format.value, bom=not to_stdout)
            if to_stdout and form_format is FormFormat.xlsx:
                write_stdout(form.content)
                raise typer.Exit(0)
            if to_stdout:
                sys.stdout.write(form.content.decode("utf-8").replace("\r\n", "\n"))
                raise typer.Exit(0)
            path = output if output is not None else Path(form.default_name)
            write_atomic(path, form.content, force=force)
        except (InputError, Refused) as error:
            refused(error)
        typer.echo(
            _("wrote {path}: {rows} rows to fill for {year}").format(
                path=display_path(path), rows=len(form.rows), year=year
            )
        )

    @app.command(
        "import",
        help=_(
            "Record the figures of a filled form (CSV or XLSX) in actuals/<year>/<province>.toml. "
            "Shows what it adds or changes per province; refuses to replace a different recorded "
            "figure without --force. Empty values mean not reported."
        ),
    )
    def import_command(
        form: Annotated[
            Path, typer.Argument(help=_("The filled form: .csv or .xlsx."), show_default=False)
        ],
        year: Annotated[
            int | None,
            typer.Option(
                help=_("The year of the figures, when the form has no year column."),
                show_default=False,
            ),
        ] = None,
        dry_run: DryRunOption = False,
        force: ForceOption = False,
        data: DataOption = None,
        lang: LangOption = None,
    ) -> None:
        from pledgecli.collect.importer import run_import
        from pledgecli.collect.plan import Refused

        try:
            outcome = run_import(form, data, year, force=force, dry_run=dry_run)
        except (InputError, Refused) as error:
            refused(error)
        finish(outcome)

    @app.command(
        "set",
        help=_(
            "Record figures of one province from the command line, e.g. "
            "pledge set 2021 an-giang coops_new=25 has_support_fund=true. "
            "Validated like pledge import."
        ),
    )
    def set_command(
        year: Annotated[
            int, typer.Argument(help=_("The year of the figures."), show_default=False)
        ],
        province: Annotated[
            str, typer.Argument(help=_("Id, name or alias of the province."), show_default=False)
        ],
        assignments: Annotated[
            list[str], typer.Argument(help=_("metric=value ..."), show_default=False)
        ],
        dry_run: DryRunOption = False,
        force: ForceOption = False,
        data: DataOption = None,
        lang: LangOption = None,
    ) -> None:
        from pledgecli.collect.plan import Refused
        from pledgecli.collect.setter import run_set

        try:
            outcome = run_set(data, year, province, assignments, force=force, dry_run=dry_run)
        except (InputError, Refused) as error:
            refused(error)
        finish(outcome)

    @app.command(
        "new",
        help=_(
            "Draft YEAR's pledge from another year's, ready to edit: the same targets, baseline "
            "years moved on, per-province overrides dropped (or kept with --keep-overrides), "
            "signed_on left to fill in. Never replaces an existing pledge without --force."
        ),
    )
    def new_command(
        year: Annotated[
            int, typer.Argument(help=_("The year of the new pledge."), show_default=False)
        ],
        from_year: Annotated[
            int,
            typer.Option("--from", help=_("The year to copy the pledge from."), show_default=False),
        ],
        cluster: ClusterOption = None,
        keep_overrides: Annotated[
            bool,
            typer.Option(
                "--keep-overrides", help=_("Keep the per-province thresholds (overrides).")
            ),
        ] = False,
        dry_run: Annotated[
            bool, typer.Option("--dry-run", help=_("Show the draft; write nothing."))
        ] = False,
        force: Annotated[
            bool, typer.Option("--force", help=_("Replace an existing pledge."))
        ] = False,
        data: DataOption = None,
        lang: LangOption = None,
    ) -> None:
        from pledgecli.collect.new import run_new
        from pledgecli.collect.plan import Refused

        try:
            outcome = run_new(
                data,
                year,
                from_year,
                cluster,
                keep_overrides=keep_overrides,
                force=force,
                dry_run=dry_run,
            )
        except (InputError, Refused) as error:
            refused(error)
        finish(outcome)
