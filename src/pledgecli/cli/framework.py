"""Typer and click in the reader's language, through their public hooks only.

* click and Typer's own words that go through ``gettext`` (section titles, "required",
  "default", "Missing command."...) are found in pledge's catalog: ``i18n.set_language`` binds
  the ``pledge`` domain as gettext's current domain (see :mod:`pledgecli.i18n`).
* Typer 0.29 vendors click with its remaining words written in English (the usage prefix,
  the help option's text, the error block, "Missing argument", "Did you mean"): the
  command classes below (given to Typer as ``cls=``) override the public methods that
  print them, and :meth:`PledgeGroup.main` runs click with ``standalone_mode=False`` so
  that its errors come back here to be said in the reader's language.

Start-up: :class:`PledgeGroup` builds a command only when it is asked for (its module of
:mod:`pledgecli.cli` imported then, see :mod:`pledgecli.cli.commands`), and its options
coerce plain values without pydantic (:mod:`pledgecli.cli.coercion`).
"""

from __future__ import annotations

import sys
from collections.abc import Iterator, MutableMapping, Sequence
from typing import Any, NoReturn

import typer
import typer.core

from pledgecli.cli.coercion import use_plain_coercion
from pledgecli.cli.commands import MODULES, command_help
from pledgecli.cli.options import ExitStatus
from pledgecli.i18n import N_, _

# The words Typer 0.29's core.py says through gettext.gettext (found in pledge's catalog
# once i18n.set_language has made "pledge" gettext's domain). Marked here for extraction only.
CLICK_WORDS = (
    N_("Options"),
    N_("Arguments"),
    N_("Commands"),
    N_("required"),
    N_("default: {default}"),
    N_("env var: {var}"),
    N_("(dynamic)"),
    N_("Missing command."),
    N_("No such command {name!r}."),
    N_("Aborted!"),
)

# Typer 0.29's click is private (typer._click); its exception classes are reached through
# the bases of the public typer.BadParameter: BadParameter -> UsageError -> ClickException.
_CLICK_EXCEPTION: type[Exception] = next(
    c for c in typer.BadParameter.__mro__ if c.__name__ == "ClickException"
)


def _usage_pieces(pieces: list[str]) -> list[str]:
    words = {"[OPTIONS]": _("[OPTIONS]"), "COMMAND [ARGS]...": _("COMMAND [ARGS]...")}
    return [words.get(piece, piece) for piece in pieces]


class _Words:
    """What both classes override: the usage line and the help option's text."""

    def collect_usage_pieces(self, ctx: Any) -> list[str]:
        pieces: list[str] = super().collect_usage_pieces(ctx)  # type: ignore[misc]
        return _usage_pieces(pieces)

    def format_usage(self, ctx: Any, formatter: Any) -> None:
        pieces = self.collect_usage_pieces(ctx)
        formatter.write_usage(ctx.command_path, " ".join(pieces), prefix=_("Usage:") + " ")

    def get_help_option(self, ctx: Any) -> Any:
        option = super().get_help_option(ctx)  # type: ignore[misc]
        if option is not None:
            option.help = _("Show this message and exit.")
        return option

    def get_params(self, ctx: Any) -> Any:
        params = super().get_params(ctx)  # type: ignore[misc]
        texts = {
            # Typer 0.29 writes these two in English in typer/main.py, without gettext.
            "install_completion": _("Install completion for the current shell."),
            "show_completion": _(
                "Show completion for the current shell, to copy it or customize the installation."
            ),
        }
        for param in params:
            use_plain_coercion(param)
            if type(param).__name__.endswith("Argument") and param.metavar:
                # the metavar says what to type; Typer 0.29 would add "<int>" in English
                param.display_type_rich = lambda ctx: ""
            if param.name in texts:
                param.help = texts[param.name]
        return params


class PledgeCommand(_Words, typer.core.TyperCommand):
    pass


class PledgeGroup(_Words, typer.core.TyperGroup):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.suggest_commands = False  # in English: resolve_command says it instead
        self.commands = _Commands(self.commands)

    def list_commands(self, ctx: Any) -> list[str]:
        return list(self.commands)  # the names, without building the commands

    def format_commands(self, ctx: Any, formatter: Any) -> None:
        """Typer's listing of the commands, from their help texts alone (nothing built)."""
        assert isinstance(self.commands, _Commands)
        rows = [(name, self.commands.described(name)) for name in self.list_commands(ctx)]
        rows = [(name, command) for name, command in rows if not command.hidden]
        if rows:
            limit = formatter.width - 6 - max(len(name) for name, _command in rows)
            with formatter.section(_("Commands")):
                formatter.write_dl([(name, c.get_short_help_str(limit)) for name, c in rows])

    def resolve_command(self, ctx: Any, args: list[str]) -> Any:
        try:
            return super().resolve_command(ctx, args)
        except _CLICK_EXCEPTION as error:
            from difflib import get_close_matches

            matches = get_close_matches(args[0], list(self.commands)) if args else []
            if matches:
                suggestion = _('did you mean "{match}"?').format(match=matches[0])
                error.message = f"{error.message.rstrip('.')} ({suggestion})"  # type: ignore[attr-defined]
            raise

    def main(  # type: ignore[override]
        self,
        args: Sequence[str] | None = None,
        prog_name: str | None = None,
        complete_var: str | None = None,
        standalone_mode: bool = True,
        **extra: Any,
    ) -> Any:
        try:
            status = super().main(args, prog_name, complete_var, standalone_mode=False, **extra)
        except _CLICK_EXCEPTION as error:
            _show_error(error)
        except typer.Abort:
            typer.echo(_("Aborted!"), err=True)
            sys.exit(ExitStatus.NOT_MET)
        if not standalone_mode:
            return status
        sys.exit(status if isinstance(status, int) else ExitStatus.MET)


class _Commands(MutableMapping[str, Any]):
    """The commands of ``pledge``, each built the first time it is looked up: ``pledge
    check`` never imports the modules of the others, nor builds ``validate``."""

    def __init__(self, built: MutableMapping[str, Any]) -> None:
        self.built = dict(built)

    def __getitem__(self, name: str) -> Any:
        if name not in self.built and name in MODULES:
            self.built[name] = _build(name)
        return self.built[name]

    def __contains__(self, name: object) -> bool:
        return name in self.built or name in MODULES

    def __iter__(self) -> Iterator[str]:
        yield from MODULES
        yield from (name for name in self.built if name not in MODULES)

    def __len__(self) -> int:
        return len(MODULES.keys() | self.built.keys())

    def __setitem__(self, name: str, command: Any) -> None:
        self.built[name] = command

    def __delitem__(self, name: str) -> None:
        del self.built[name]

    def described(self, name: str) -> Any:
        """The command if it is built, else one standing for it in the list of commands:
        its name and its help text, as the command itself will have them."""
        if name in self.built:
            return self.built[name]
        import inspect

        return PledgeCommand(name, help=inspect.cleandoc(command_help(name)), rich_markup_mode=None)


def _build(name: str) -> Any:
    """Command ``name``, registered by its module of :mod:`pledgecli.cli`, built by Typer
    (the other commands of the module are not)."""
    import importlib

    app = typer.Typer(rich_markup_mode=None, pretty_exceptions_enable=False, add_completion=False)
    register = app.command

    def command(*args: Any, **kwargs: Any) -> Any:
        kwargs.setdefault("cls", PledgeCommand)
        return register(*args, **kwargs)

    app.command = command  # type: ignore[method-assign]
    importlib.import_module(f"pledgecli.cli.{MODULES[name]}").register(app)
    app.registered_commands = [c for c in app.registered_commands if c.name == name]
    return typer.main.get_group(app).commands[name]


def _show_error(error: Exception) -> NoReturn:
    ctx = getattr(error, "ctx", None)
    if ctx is not None:
        hint = _("Try '{command} {option}' for help.").format(
            command=ctx.command_path, option=ctx.help_option_names[-1]
        )
        typer.echo(f"{ctx.get_usage()}\n{hint}\n", err=True)
    typer.echo(_("Error: {message}").format(message=_message(error)), err=True)
    sys.exit(ExitStatus.INVALID)


def _message(error: Any) -> str:
    kind = type(error).__name__
    param = getattr(error, "param", None)
    name = None
    if param is not None:
        name = (param.metavar or param.name) if kind == "MissingParameter" else None
        name = name or param.get_error_hint()
    if kind == "MissingParameter":
        if getattr(param, "param_type_name", "") == "argument" or (
            param is not None and type(param).__name__.endswith("Argument")
        ):
            return _("Missing argument {name}.").format(name=name)
        return _("Missing option {name}.").format(name=name)
    if kind == "NoSuchOption":
        message = _("No such option: {name}").format(name=error.option_name)
        if error.possibilities:
            match = next(iter(error.possibilities))  # difflib's order: the closest first
            message += " (" + _('did you mean "{match}"?').format(match=match) + ")"
        return message
    if kind == "BadOptionUsage":  # raised by click's parser, in English, without a context
        said_in_english = str(getattr(error, "message", ""))
        option = repr(getattr(error, "option_name", ""))
        if "requires" in said_in_english:
            return _("Option {name} needs a value.").format(name=option)
        if "does not take a value" in said_in_english:
            return _("Option {name} takes no value.").format(name=option)
    if kind == "BadParameter":
        message = str(error.message)
        if (
            message.startswith("Input should be a valid integer")
            or "is not a valid integer" in message
        ):
            message = _("a whole number is needed, such as 2021")
        message = message.removeprefix("Value error, ")
        if name is None:
            return _("Invalid value: {message}").format(message=message)
        return _("Invalid value for {param_hint}: {message}").format(
            param_hint=name, message=message
        )
    said: str = error.format_message()
    return said
