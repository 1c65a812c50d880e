"""Languages of what people read: gettext catalogs in ``pledgecli/locale``.

Machine output (JSON keys and status values, CSV headers) is never translated.
The language is chosen once per run: ``--lang``, then ``PLEDGE_LANG``, then the
locale (``LC_ALL``, ``LC_MESSAGES``, ``LANG`` starting with ``vi``), else English.
"""

from __future__ import annotations

import gettext
import os
from collections.abc import Mapping, Sequence
from pathlib import Path

LANGUAGES = ("en", "vi")
DOMAIN = "pledge"
LOCALE_DIR = Path(__file__).parent / "locale"

_state: dict[str, gettext.NullTranslations | str] = {
    "translation": gettext.NullTranslations(),
    "language": "en",
}


def set_language(language: str) -> None:
    _state["language"] = language
    # click and Typer call gettext.gettext, in gettext's current domain and the language of
    # $LANGUAGE: bind pledge's catalog there, so that their words come out in ours.
    gettext.bindtextdomain(DOMAIN, LOCALE_DIR)
    gettext.textdomain(DOMAIN)
    os.environ["LANGUAGE"] = language
    _state["translation"] = gettext.translation(
        DOMAIN, LOCALE_DIR, languages=[language], fallback=True
    )


def language() -> str:
    current = _state["language"]
    assert isinstance(current, str)
    return current


def _(message: str) -> str:
    """The message in the current language (English when it has no translation)."""
    translation = _state["translation"]
    assert isinstance(translation, gettext.NullTranslations)
    return translation.gettext(message)


def ngettext(singular: str, plural: str, count: int) -> str:
    translation = _state["translation"]
    assert isinstance(translation, gettext.NullTranslations)
    return translation.ngettext(singular, plural, count)


def pgettext(context: str, message: str) -> str:
    """A message whose translation depends on where it is shown (``context``)."""
    translation = _state["translation"]
    assert isinstance(translation, gettext.NullTranslations)
    return translation.pgettext(context, message)


def N_(message: str) -> str:
    """Mark a message for extraction without translating it yet."""
    return message


def NC_(context: str, message: str) -> str:
    """Mark a message with a context for extraction (see ``pgettext``)."""
    return message


def detect_language(explicit: str | None, environ: Mapping[str, str] | None = None) -> str:
    env = os.environ if environ is None else environ
    for candidate in (explicit, env.get("PLEDGE_LANG")):
        if candidate:
            short = candidate.strip().lower()[:2]
            if short in LANGUAGES:
                return short
    for variable in ("LC_ALL", "LC_MESSAGES", "LANG"):
        value = env.get(variable)
        if value:
            return "vi" if value.lower().startswith("vi") else "en"
    return "en"


def language_from_argv(argv: Sequence[str]) -> str | None:
    """The value of ``--lang`` on a command line, before Typer parses it (for --help)."""
    for index, arg in enumerate(argv):
        if arg == "--lang" and index + 1 < len(argv):
            return argv[index + 1]
        if arg.startswith("--lang="):
            return arg.split("=", 1)[1]
    return None
