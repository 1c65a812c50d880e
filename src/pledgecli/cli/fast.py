"""``pledge check ...`` without Typer: a command line read completely by hand, run by the
same body as the Typer command, with what click's main does around a command.

Importing Typer (and its click) is a third of the start-up of ``pledge check``. A command
line that :func:`plain_check` reads completely and unambiguously runs
:func:`pledgecli.cli.checking.check` here; any other (``--help``, an unknown, repeated or
misspelled option, a value that is not plainly valid, a missing YEAR, ``--``, shell
completion, a stream click would wrap...) returns None and goes to Typer, so that every
message, usage text and exit status there stays Typer's. What is accepted is what Typer
accepts for these options (:mod:`pledgecli.cli.check`), in their two forms (``--opt value``,
``--opt=value``), before or after YEAR, with ``--lang`` before ``check`` too; the values are
the ones Typer would pass (:func:`pledgecli.cli.coercion.plain_value`).
``tests/test_check_fast_path.py`` runs both ways and compares their bytes.
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


class CheckLine:
    """A ``pledge check`` command line, read: the values Typer would give the command."""

    def __init__(
        self,
        year: int,
        data: Path | None = None,
        cluster: str | None = None,
        province: str | None = None,
        output_format: str = "table",
        all_rows: bool = False,
        output: Path | None = None,
        force: bool = False,
        strict: bool = False,
        lang: str | None = None,
    ) -> None:
        self.year = year
        self.data = data
        self.cluster = cluster
        self.province = province
        self.output_format = output_format
        self.all_rows = all_rows
        self.output = output
        self.force = force
        self.strict = strict
        self.lang = lang


def plain_check(argv: Sequence[str]) -> CheckLine | None:
    """``argv`` (``sys.argv[1:]``) as a plain ``check`` command line, or None: then Typer."""
    if os.name == "nt" or "_PLEDGE_COMPLETE" in os.environ or not _plain_streams():
        return None  # Windows consoles, shell completion, streams click would rewrap
    given: dict[str, Any] = {}
    args = list(argv)
    if args and (args[0] == "--lang" or args[0].startswith("--lang=")):  # pledge's own --lang
        taken = _take_option(args, given)
        if taken is None:
            return None
        args = args[taken:]
    if not args or args[0] != "check":
        return None
    index = 1
    while index < len(args):
        arg = args[index]
        if arg in _FLAGS:
            if _FLAGS[arg] in given:
                return None
            given[_FLAGS[arg]] = True
            index += 1
        elif arg.startswith("-") and arg != "-":
            taken = _take_option(args[index:], given)
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
    return CheckLine(**given)


def _take_option(args: list[str], given: dict[str, Any]) -> int | None:
    """Read the option with a value at ``args[0]`` into ``given``: how many arguments it
    took, or None when it is not plainly one of check's (unknown, repeated, doubtful)."""
    name, equals, value = args[0].partition("=")
    if name not in _VALUES or (equals and name == "-o"):  # click reads -o=F as "=F"
        return None
    taken = 1
    if not equals:
        if len(args) < 2:
            return None
        value, taken = args[1], 2
        if value.startswith("-") and value != "-":
            return None  # an option's value, or a forgotten value? Typer decides
    parameter, kind = _VALUES[name]
    plain = plain_value(kind, value)
    if parameter in given or plain is None:
        return None
    if parameter == "output_format" and not _is_format(value):
        return None
    if parameter == "lang" and value not in LANGUAGES:
        return None
    given[parameter] = plain
    return taken


def _is_format(value: str) -> bool:
    from pledgecli.render.formats import formats

    return value in formats("check")


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


def run(line: CheckLine) -> NoReturn:
    """Run ``line``, ending as Typer's main and :class:`PledgeGroup.main` end it."""
    from pledgecli.cli import checking

    if line.lang is not None:
        set_language(line.lang)  # the eager --lang's callback
    status: int = ExitStatus.MET
    try:
        try:
            checking.check(
                PlainOutlet(),
                line.year,
                line.data,
                line.cluster,
                line.province,
                line.output_format,
                line.all_rows,
                line.output,
                line.force,
                line.strict,
            )
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
