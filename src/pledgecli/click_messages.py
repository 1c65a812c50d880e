"""Click's and Typer's own words (usage, errors, help sections), translated with ours.

Click and Typer call ``gettext.gettext``/``ngettext`` through a module-level ``_``;
``translate_click`` points those at pledge's catalog, so ``pledge --help --lang vi``
and usage errors read in Vietnamese too. The list below only marks the messages
for extraction into the catalog.
"""

from __future__ import annotations

import sys

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


def translate_click() -> None:
    for name in MODULES:
        module = sys.modules.get(name)
        if module is None:
            continue
        if hasattr(module, "_"):
            module._ = _  # type: ignore[attr-defined]
        if hasattr(module, "ngettext"):
            module.ngettext = ngettext  # type: ignore[attr-defined]
