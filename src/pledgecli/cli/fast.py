"""``pledge check|rank|totals|report ...`` without Typer: a command line read completely
by hand, run by the same body as the Typer command, with what click's main does around it.

Importing Typer (and its click) is a third of the start-up of ``pledge check``. A command
line that :func:`plain_line` reads completely and unambiguously runs the command's body
here (:mod:`pledgecli.cli.checking`, :mod:`pledgecli.cli.reviewing`); any other
(``--help``, an unknown, repeated or misspelled option, a value that is not plainly valid,
a missing YEAR, ``--``, shell completion, a stream click would wrap...) returns None and goes
to Typer, so that every message, usage text and exit status there stays Typer's. What is
accepted is what Typer accepts for these options (:mod:`pledgecli.cli.check`,
:mod:`pledgecli.cli.review`), in their two forms (``--opt value``, ``--opt=value``), before
or after YEAR, with ``--lang`` before the command too; the values are the ones Typer would
pass (:func:`pledgecli.cli.coercion.plain_value`). ``tests/test_check_fast_path.py`` and
``tests/test_review_fast_path.py`` run both ways and compare their bytes.
"""

from __future__ import annotations

import codecs
import errno
import io
import os
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import IO, Any, NoReturn, TextIO, cast

from pledgecli.cli.coercion import plain_value
from pledgecli.cli.outlet import ExitStatus
from pledgecli.i18n import LANGUAGES, _, set_language

# Ctrl-C: Typer's main ends the command with this status (128 + SIGINT), saying nothing;
# PledgeGroup.main exits with it.
INTERRUPTED = 130
_ANSI = r"\033\[[;?0-9]*[a-zA-Z]"  # click's strip_ansi

# option -> (its parameter, its kind): str/Path/int values, None for a flag
_VALUES: dict[str, tuple[str, type]] = {
    "--data": ("data", Path),
    "--cluster": ("cluster", str),
    "--province": ("province", str),
    "--format": ("output_format", str),
    "--output": ("output", Path),
    "-o": ("output", Path),
    "--lang": ("lang", str),
}
_FLAGS = {"--all": "all_rows", "--force": "force", "--strict": "strict"}
# each parameter's value when its option is not given (but --format's: the command's)
_DEFAULTS: dict[str, Any] = {
    "data": None,
    "cluster": None,
    "province": None,
    "all_rows": False,
    "output": None,
    "force": False,
    "strict": False,
}


class Command:
    """What the fast path reads of one command: the view whose formats ``--format`` takes,
    its default format, its parameters besides YEAR and ``--lang`` (as the Typer command
    names them) and its body (``module.function`` of :mod:`pledgecli.cli`), called with the
    outlet and every parameter by name."""

    def __init__(self, view: str, default_format: str, parameters: set[str], body: str) -> None:
        self.view = view
        self.default_format = default_format
        self.parameters = frozenset(parameters | {"year", "output_format", "lang"})
        self.body = body


_SHOWN = {"data", "cluster", "output", "force"}  # the options of every command here
COMMANDS = {
    "check": Command(
        "check", "table", _SHOWN | {"province", "all_rows", "strict"}, "checking.check"
    ),
    "rank": Command("rank", "table", _SHOWN, "reviewing.rank"),
    "totals": Command("totals", "table", _SHOWN, "reviewing.totals"),
    "report": Command("report", "markdown", _SHOWN, "reviewing.report"),
}


class Line:
    """A command line, read: the command and the values Typer would give it."""

    def __init__(self, command: Command, arguments: dict[str, Any], lang: str | None) -> None:
        self.command = command
        self.arguments = arguments  # every parameter of the body, by name
        self.lang = lang


def plain_line(argv: Sequence[str]) -> Line | None:
    """``argv`` (``sys.argv[1:]``) as a plain command line of :data:`COMMANDS`, or None:
    then Typer."""
    if os.name == "nt" or "_PLEDGE_COMPLETE" in os.environ or not _plain_streams():
        return None  # Windows consoles, shell completion, streams click would rewrap
    given: dict[str, Any] = {}
    args = list(argv)
    if args and (args[0] == "--lang" or args[0].startswith("--lang=")):  # pledge's own --lang
        taken = _take_option(args, given, None)
        if taken is None:
            return None
        args = args[taken:]
    command = COMMANDS.get(args[0]) if args else None
    if command is None:
        return None
    index = 1
    while index < len(args):
        arg = args[index]
        if arg in _FLAGS:
            if _FLAGS[arg] in given or _FLAGS[arg] not in command.parameters:
                return None
            given[_FLAGS[arg]] = True
            index += 1
        elif arg.startswith("-") and arg != "-":
            taken = _take_option(args[index:], given, command)
            if taken is None:
                return None
            index += taken
        else:
            year = plain_value(int, arg)
            if "year" in given or not isinstance(year, int):
                return None
            given["year"] = year
            index += 1
    if "year" not in given:
        return None
    lang = given.pop("lang", None)
    arguments = {p: _DEFAULTS[p] for p in command.parameters if p in _DEFAULTS}
    arguments["output_format"] = command.default_format
    return Line(command, {**arguments, **given}, lang)


def _take_option(args: list[str], given: dict[str, Any], command: Command | None) -> int | None:
    """Read the option with a value at ``args[0]`` into ``given``: how many arguments it
    took, or None when it is not plainly one of ``command``'s (unknown, repeated, doubtful;
    no command: pledge's own ``--lang``)."""
    name, equals, value = args[0].partition("=")
    if name not in _VALUES or (equals and name == "-o"):  # click reads -o=F as "=F"
        return None
    parameter, kind = _VALUES[name]
    if command is not None and parameter not in command.parameters:
        return None
    taken = 1
    if not equals:
        if len(args) < 2:
            return None
        value, taken = args[1], 2
        if value.startswith("-") and value != "-":
            return None  # an option's value, or a forgotten value? Typer decides
    plain = plain_value(kind, value)
    if parameter in given or plain is None:
        return None
    if parameter == "output_format" and (command is None or not _is_format(command, value)):
        return None
    if parameter == "lang" and value not in LANGUAGES:
        return None
    given[parameter] = plain
    return taken


def _is_format(command: Command, value: str) -> bool:
    from pledgecli.render.formats import formats

    return value in formats(command.view)


def _plain_streams() -> bool:
    """stdout and stderr are the interpreter's own text streams, in an encoding click keeps
    (click rewraps a stream it finds in ASCII)."""
    for stream in (sys.stdout, sys.stderr):
        if type(stream) is not io.TextIOWrapper or not stream.encoding:
            return False
        try:
            if codecs.lookup(stream.encoding).name == "ascii":
                return False
        except LookupError:
            pass
    return True


class PlainOutlet:
    """What ``typer.echo(line, err=True)`` and ``typer.Exit`` do, without Typer."""

    def say(self, line: str) -> None:
        _echo_err(line)

    def end(self, status: ExitStatus) -> NoReturn:
        raise Finished(status)


class Finished(RuntimeError):
    """The command's end (as click's Exit, a RuntimeError)."""

    def __init__(self, status: int) -> None:
        super().__init__(status)
        self.status = status


def _echo_err(line: str | None) -> None:
    """click.echo(line, err=True) of a str: a newline added, ANSI codes removed when
    stderr is not a terminal, flushed."""
    out = (line or "") + "\n"
    stream = sys.stderr
    if "\033" in out and not _isatty(stream):
        import re

        out = re.sub(_ANSI, "", out)
    stream.write(out)
    stream.flush()


def _isatty(stream: IO[Any]) -> bool:
    try:
        return stream.isatty()
    except Exception:
        return False


class PacifyFlushWrapper:
    """click's: a stream whose flush ignores a broken pipe (at the interpreter's exit)."""

    def __init__(self, wrapped: IO[Any]) -> None:
        self.wrapped = wrapped

    def flush(self) -> None:
        try:
            self.wrapped.flush()
        except OSError as error:
            if error.errno != errno.EPIPE:
                raise

    def __getattr__(self, attr: str) -> Any:
        return getattr(self.wrapped, attr)


def run(line: Line) -> NoReturn:
    """Run ``line``, ending as Typer's main and :class:`PledgeGroup.main` end it."""
    from importlib import import_module

    module, _dot, name = line.command.body.partition(".")
    body = getattr(import_module(f"pledgecli.cli.{module}"), name)
    if line.lang is not None:
        set_language(line.lang)  # the eager --lang's callback
    status: int = ExitStatus.MET
    try:
        try:
            body(PlainOutlet(), **line.arguments)
        except EOFError:
            _echo_err(None)
            _echo_err(_("Aborted!"))
            sys.exit(ExitStatus.NOT_MET)
        except KeyboardInterrupt:
            status = INTERRUPTED
        except OSError as error:
            if error.errno != errno.EPIPE:
                raise
            sys.stdout = cast(TextIO, PacifyFlushWrapper(sys.stdout))
            sys.stderr = cast(TextIO, PacifyFlushWrapper(sys.stderr))
            sys.exit(ExitStatus.NOT_MET)
    except Finished as end:
        status = end.status
    sys.exit(status)
