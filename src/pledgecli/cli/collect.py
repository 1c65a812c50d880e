"""The data-collection commands: ``init``, ``new``, ``template``, ``import``, ``set``."""

from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from pledgecli.cli.commands import command_help
from pledgecli.cli.options import (
    ClusterOption,
    DataOption,
    DryRunOption,
    ExitStatus,
    ForceOption,
    LangOption,
    StrictOption,
    YearArgument,
    attempt,
    fail,
    finish,
    warn,
)
from pledgecli.i18n import _, ngettext

if TYPE_CHECKING:
    from pledgecli.collect.new import Outcome
    from pledgecli.round_outcomes import Recorded

FORM_FORMATS = ("csv", "xlsx")


def register(app: typer.Typer) -> None:
    app.command("init", help=command_help("init"))(init_command)
    app.command("template", help=command_help("template"))(template_command)
    app.command("import", help=command_help("import"))(import_command)
    app.command("set", help=command_help("set"))(set_command)
    app.command("new", help=command_help("new"))(new_command)


def _done(outcome: "Outcome") -> None:
    warn(outcome.warnings)
    for line in outcome.out:
        typer.echo(line)
    finish(ExitStatus.MET)


def _recorded(recorded: "Recorded") -> None:
    """``pledge import``/``set``: the plan and what was written, or the refusal."""
    from pledgecli.diagnostics import UserError
    from pledgecli.render.plan import recorded_lines, refusal

    if recorded.refused:
        fail(UserError(recorded.plan.warnings, closing=refusal(recorded)))
    warn(recorded.plan.warnings)
    typer.echo("\n".join(recorded_lines(recorded)))  # one write: 136,000 lines at national scale
    finish(ExitStatus.MET)


def init_command(
    directory: Annotated[
        Path | None,
        typer.Argument(
            help=_("The new data directory (default: $PLEDGE_DATA, then ./data)."),
            metavar=_("FOLDER"),
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
    outcome = attempt(lambda: init(root))
    for path in outcome.written:
        typer.echo(_("wrote {path}").format(path=display_path(path)))
    typer.echo(
        _(
            "{path}: {current} province-level units and {merged} former ones merged into "
            "them; copy pledges/example.toml to pledges/<year>/<cluster>.toml to start"
        ).format(path=display_path(outcome.root), current=outcome.current, merged=outcome.merged)
    )


def _form_format(value: str) -> str:
    if value not in FORM_FORMATS:
        raise typer.BadParameter(
            _("{value!r} is not one of {choices}.").format(
                value=value, choices=", ".join(repr(c) for c in FORM_FORMATS)
            )
        )
    return value


def template_command(
    year: YearArgument,
    form_format: Annotated[
        str,
        typer.Option(
            "--format",
            help=_("csv, or xlsx for Excel."),
            callback=_form_format,
            metavar="<csv|xlsx>",
        ),
    ] = "csv",
    output: Annotated[
        Path | None,
        typer.Option(
            "--output",
            "-o",
            help=_(
                "File to write (default: the CSV on standard output; the XLSX as form-YEAR.xlsx)."
            ),
            metavar=_("FILE"),
            show_default=False,
        ),
    ] = None,
    cluster: ClusterOption = None,
    force: Annotated[bool, typer.Option("--force", help=_("Replace an existing file."))] = False,
    split: Annotated[
        Path | None,
        typer.Option(
            "--split",
            help=_(
                "Write one form per province into this folder, each with only its rows "
                "(form-YEAR-<province>.xlsx)."
            ),
            metavar=_("FOLDER"),
            show_default=False,
        ),
    ] = None,
    for_year: Annotated[
        int | None,
        typer.Option(
            "--for",
            help=_(
                "A baseline form: ask for the YEAR figures that this later year's growth "
                "targets need."
            ),
            metavar=_("YEAR"),
            show_default=False,
        ),
    ] = None,
    data: DataOption = None,
    lang: LangOption = None,
) -> None:
    import sys

    from pledgecli.collect.forms_out import write_split, write_text
    from pledgecli.collect.template import make_forms
    from pledgecli.collect.writer import is_stdout, write_stdout
    from pledgecli.diagnostics import display_path

    to_stdout = (output is None and split is None and form_format == "csv") or is_stdout(output)
    forms = attempt(
        lambda: make_forms(
            data,
            year,
            cluster,
            form_format,
            bom=not to_stdout,
            for_year=for_year,
            split=split is not None,
        )
    )
    if to_stdout and form_format == "xlsx":
        attempt(lambda: write_stdout(forms[0].content))
        finish(ExitStatus.MET)
    if to_stdout:
        write_text(sys.stdout, forms[0].content)
        finish(ExitStatus.MET)
    if split is not None:
        attempt(lambda: _folder(split))
        attempt(lambda: write_split([(split / f.default_name, f.content) for f in forms], force))
    for form in forms:
        path = split / form.default_name if split is not None else output or Path(form.default_name)
        if split is None:
            _write(path, form.content, force=force)
        typer.echo(
            ngettext(
                "wrote {path}: {rows} row, {left} to fill",
                "wrote {path}: {rows} rows, {left} to fill",
                len(form.rows),
            ).format(path=display_path(path), rows=len(form.rows), left=form.to_fill)
        )


def _write(path: Path, content: bytes, *, force: bool) -> None:
    from pledgecli.collect.writer import write_atomic

    attempt(lambda: write_atomic(path, content, force=force))


def _folder(path: Path) -> None:
    from pledgecli.diagnostics import UserError, display_path

    if path.exists() and not path.is_dir():
        raise UserError(
            _("{path} is not a folder").format(path=display_path(path)),
            _("--split takes a folder to write the forms into"),
        )
    path.mkdir(parents=True, exist_ok=True)


def import_command(
    forms: Annotated[
        list[Path],
        typer.Argument(
            help=_("The filled forms (.csv or .xlsx), or folders of them."),
            metavar=_("FORM..."),
            show_default=False,
        ),
    ],
    year: Annotated[
        int | None,
        typer.Option(
            help=_("The year of the figures, when the form has no year column."),
            metavar=_("YEAR"),
            show_default=False,
        ),
    ] = None,
    dry_run: DryRunOption = False,
    force: ForceOption = False,
    strict: StrictOption = False,
    data: DataOption = None,
    lang: LangOption = None,
) -> None:
    from pledgecli.collect.batch import import_forms

    recorded = attempt(
        lambda: import_forms(forms, data, year, force=force, dry_run=dry_run, strict=strict)
    )
    _recorded(recorded)


def set_command(
    year: Annotated[
        int,
        typer.Argument(help=_("The year of the figures."), metavar=_("YEAR"), show_default=False),
    ],
    province: Annotated[
        str,
        typer.Argument(
            help=_("Id, name or alias of the province."),
            metavar=_("PROVINCE"),
            show_default=False,
        ),
    ],
    assignments: Annotated[
        list[str],
        typer.Argument(
            help=_("metric=value ..."), metavar=_("METRIC=VALUE..."), show_default=False
        ),
    ],
    dry_run: DryRunOption = False,
    force: ForceOption = False,
    strict: StrictOption = False,
    data: DataOption = None,
    lang: LangOption = None,
) -> None:
    from pledgecli.collect.setter import run_set

    _recorded(
        attempt(
            lambda: run_set(
                data, year, province, assignments, force=force, dry_run=dry_run, strict=strict
            )
        )
    )


def new_command(
    year: Annotated[
        int,
        typer.Argument(
            help=_("The year of the new pledge."), metavar=_("YEAR"), show_default=False
        ),
    ],
    from_year: Annotated[
        int | None,
        typer.Option(
            "--from",
            help=_("The year to copy the pledge from."),
            metavar=_("YEAR"),
            show_default=False,
        ),
    ] = None,
    cluster: ClusterOption = None,
    keep_overrides: Annotated[
        bool,
        typer.Option("--keep-overrides", help=_("Keep the per-province thresholds (overrides).")),
    ] = False,
    dry_run: Annotated[
        bool, typer.Option("--dry-run", help=_("Show the draft; write nothing."))
    ] = False,
    force: Annotated[bool, typer.Option("--force", help=_("Replace an existing pledge."))] = False,
    interactive: Annotated[
        bool,
        typer.Option(
            "--interactive",
            "-i",
            help=_(
                "Ask for the cluster, the signatories and each target's text; the draft "
                "engine proposes each rule and threshold, you confirm or correct. "
                "Only in a terminal."
            ),
        ),
    ] = False,
    data: DataOption = None,
    lang: LangOption = None,
) -> None:
    from pledgecli.collect.new import run_new

    if interactive:
        from pledgecli.cli.questions import ask_new_pledge
        from pledgecli.diagnostics import UserError

        if from_year is not None:
            fail(UserError(_("give either --from or --interactive, not both")))
        ask_new_pledge(year, data, force=force)
    if from_year is None:
        from pledgecli.diagnostics import UserError

        fail(
            UserError(
                _("say where the pledge comes from"),
                _("give --from YEAR0 (copy that year's pledge) or --interactive (questions)"),
            )
        )

    _done(
        attempt(
            lambda: run_new(
                data,
                year,
                from_year,
                cluster,
                keep_overrides=keep_overrides,
                force=force,
                dry_run=dry_run,
            )
        )
    )
