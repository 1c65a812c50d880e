"""Click's and Typer's own words (usage, errors, help sections), translated with ours.

Click and Typer call ``gettext.gettext``/``ngettext`` through a module-level ``_``;
``translate_click`` points those at pledge's catalog, so ``pledge --help --lang vi``
and usage errors read in Vietnamese too. The list below only marks the messages
for extraction into the catalog.
"""

from __future__ import annotations

import contextlib
import sys
from typing import Any

from pledgecli.i18n import N_, _, ngettext

MESSAGES = (
    N_("Usage:"),
    N_("Options"),
    N_("Arguments"),
    N_("Commands"),
    N_("Show this message and exit."),
    N_("default: {default}"),
    N_("required"),
    N_("Error"),
    N_("Error: {message}"),
    N_("Try '{command} {option}' for help."),
    N_("Invalid value for {param_hint}: {message}"),
    N_("Invalid value: {message}"),
    N_("Missing argument"),
    N_("Missing option"),
    N_("Missing parameter"),
    N_("Missing command."),
    N_("No such command {name!r}."),
    N_("No such option: {name}"),
    N_("{value!r} is not one of {choices}."),
    N_("{value!r} is not a valid {number_type}."),
    N_("Aborted!"),
)

MODULES = (
    "click.core",
    "click.decorators",
    "click.exceptions",
    "click.formatting",
    "click.parser",
    "click.types",
    "click.termui",
    "click.utils",
    "typer.core",
    "typer.main",
)
# Typer may carry its own copy of click with the English written in: its few
# framework words are translated by wrapping the methods that print them.
VENDORED = "typer._click"


def translate_click() -> None:
    for name in MODULES:
        module = sys.modules.get(name)
        if module is None:
            continue
        if hasattr(module, "_"):
            module._ = _  # type: ignore[attr-defined]
        if hasattr(module, "ngettext"):
            module.ngettext = ngettext  # type: ignore[attr-defined]
    # Another Typer without its own click: its words went through gettext above.
    with contextlib.suppress(ImportError, AttributeError):
        _translate_vendored_click()


def _translate_vendored_click() -> None:
    import importlib

    core = importlib.import_module(VENDORED + ".core")
    exceptions = importlib.import_module(VENDORED + ".exceptions")
    formatting = importlib.import_module(VENDORED + ".formatting")
    utils = importlib.import_module(VENDORED + ".utils")

    write_usage = formatting.HelpFormatter.write_usage

    def usage(self: Any, prog: str, args: str = "", prefix: str | None = None) -> None:
        write_usage(self, prog, args, _("Usage:") + " " if prefix is None else prefix)

    get_help_option = core.Command.get_help_option

    def help_option(self: Any, ctx: Any) -> Any:
        option = get_help_option(self, ctx)
        if option is not None:
            option.help = _("Show this message and exit.")
        return option

    def show_error(self: Any, file: Any = None) -> None:
        stream = exceptions.get_text_stderr() if file is None else file
        ctx = getattr(self, "ctx", None)
        if ctx is not None:
            hint = ""
            if ctx.command.get_help_option(ctx) is not None:
                hint = _("Try '{command} {option}' for help.").format(
                    command=ctx.command_path, option=ctx.help_option_names[0]
                )
            utils.echo(f"{ctx.get_usage()}\n{hint}\n", file=stream)
        utils.echo(_("Error: {message}").format(message=self.format_message()), file=stream)

    def bad_parameter(self: Any) -> str:
        hint = self.param_hint if self.param_hint is not None else None
        if hint is None and self.param is not None:
            hint = self.param.get_error_hint()
        message = self.message
        if isinstance(message, str) and message.startswith("Input should be a valid integer"):
            message = _("a whole number is needed, such as 2021")
        if hint is None:
            return _("Invalid value: {message}").format(message=message)
        hint = " / ".join(f"'{h}'" for h in hint) if isinstance(hint, list | tuple) else hint
        return _("Invalid value for {param_hint}: {message}").format(
            param_hint=hint, message=message
        )

    def no_such_option(self: Any) -> str:
        message = _("No such option: {name}").format(name=self.option_name)
        if self.possibilities:
            suggestion = _('did you mean "{match}"?').format(match=sorted(self.possibilities)[0])
            message += f" ({suggestion})"
        return message

    formatting.HelpFormatter.write_usage = usage
    core.Command.get_help_option = help_option
    exceptions.ClickException.show = show_error
    exceptions.UsageError.show = show_error
    exceptions.BadParameter.format_message = bad_parameter
    exceptions.NoSuchOption.format_message = no_such_option
