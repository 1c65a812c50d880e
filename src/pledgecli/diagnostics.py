"""Problems in users' files, as values: a path, a line when known, a message, a hint."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Literal

from pledgecli.safe_text import visible

Severity = Literal["error", "warning"]
KeyPath = tuple[str | int, ...]


@dataclass(frozen=True)
class Diagnostic:
    """One problem found in a file.

    ``key`` is the TOML key path the problem is about (for example
    ``("targets", 2, "at_least")``); the line is looked up from it only when
    the diagnostic is shown, so valid data never pays for it.
    """

    path: Path | None  # None: not about a file (the command line)
    message: str
    line: int | None = None
    hint: str | None = None
    severity: Severity = "error"
    key: KeyPath | None = None

    def render(self) -> str:
        from pledgecli.i18n import _

        if self.path is None:
            text = _("error: {message}").format(message=self.message)
            return visible(text + (f" ({self.hint})" if self.hint else ""))
        where = display_path(self.path)
        if self.line is not None:
            where = f"{where}:{self.line}"
        severity = _("error") if self.severity == "error" else _("warning")
        text = f"{where}: {severity}: {self.message}"
        if self.hint:
            text += f" ({self.hint})"
        return visible(text)  # one line, whatever a file's name or content holds

    def to_json(self) -> dict[str, object]:
        return {
            "path": display_path(self.path) if self.path is not None else None,
            "line": self.line,
            "severity": self.severity,
            "message": self.message,
            "hint": self.hint,
        }


class Problem(ValueError):
    """A validation problem that knows the key it is about and how to fix it."""

    def __init__(self, message: str, *, key: tuple[str | int, ...] = (), hint: str | None = None):
        super().__init__(message)
        self.message = message
        self.key = key
        self.hint = hint


class UserError(Exception):
    """The one type of user error: nothing was done, for the reasons in ``diagnostics``.

    Services raise it; the CLI shows it in one place (``pledgecli.cli.options.fail``).
    ``UserError(message, hint)`` is the short form for one problem with no file of its
    own (the command line, a missing folder): it is shown as ``error: message (hint)``.
    """

    def __init__(
        self,
        problem: str | Sequence[Diagnostic],
        hint: str | None = None,
        *,
        closing: str | None = None,
    ) -> None:
        self.closing = closing  # a last line after the diagnostics: how many, what was not done
        if isinstance(problem, str):
            diagnostics: tuple[Diagnostic, ...] = (Diagnostic(None, problem, hint=hint),)
        else:
            diagnostics = tuple(problem)
        super().__init__("; ".join(d.message for d in diagnostics))
        self.diagnostics = diagnostics

    @property
    def message(self) -> str:
        return self.diagnostics[0].message

    @property
    def hint(self) -> str | None:
        return self.diagnostics[0].hint

    def lines(self) -> list[str]:
        """What a person reads, one line each."""
        lines = [d.render() for d in self.diagnostics]
        return [*lines, self.closing] if self.closing else lines

    def render(self) -> str:
        return "\n".join(self.lines())



def display_path(path: Path) -> str:
    """The path relative to the working directory when it lies below it."""
    try:  # the folder resolved, not the name: a link is named, not the file it points to
        return str((path.parent.resolve() / path.name).relative_to(Path.cwd().resolve()))
    except (ValueError, OSError, RuntimeError):  # RuntimeError: a folder link that loops
        return str(path)


def has_errors(diagnostics: Iterable[Diagnostic]) -> bool:
    return any(d.severity == "error" for d in diagnostics)


LOCATED_PER_FILE = 200


def with_lines(diagnostics: Sequence[Diagnostic]) -> list[Diagnostic]:
    """Fill in line numbers from key paths, reading each file at most once."""
    texts: dict[Path, str | None] = {}
    located: dict[Path, int] = {}
    out: list[Diagnostic] = []
    for diag in diagnostics:
        # Each lookup reads the file from the top: past LOCATED_PER_FILE problems in one file
        # (a pledge of 3,321 communes against the wrong registry) the rest go without a line.
        if diag.line is None and diag.key is not None and diag.path is not None:
            from pledgecli.locate import locate_key  # valid data never needs it

            located[diag.path] = located.get(diag.path, 0) + 1
            if located[diag.path] > LOCATED_PER_FILE:
                out.append(diag)
                continue
            if diag.path not in texts:
                texts[diag.path] = _read_text(diag.path)
            text = texts[diag.path]
            line = locate_key(text, diag.key) if text is not None else None
            diag = replace(diag, line=line)
        out.append(diag)
    return out


def sort_key(diag: Diagnostic) -> tuple[str, int]:
    return (str(diag.path), diag.line or 0)


def _read_text(path: Path) -> str | None:
    from pledgecli.files import FileProblem, read_data_file  # never opens a FIFO or device

    try:
        return read_data_file(path).decode("utf-8-sig", errors="replace")
    except FileProblem:
        return None


def render_text(diagnostics: Sequence[Diagnostic]) -> str:
    return "\n".join(d.render() for d in diagnostics)


def render_json(diagnostics: Sequence[Diagnostic], files_checked: int) -> str:
    payload = {
        "ok": not has_errors(diagnostics),
        "files_checked": files_checked,
        "errors": [d.to_json() for d in diagnostics if d.severity == "error"],
        "warnings": [d.to_json() for d in diagnostics if d.severity == "warning"],
    }
    import json  # only validate --format json needs it

    return json.dumps(payload, ensure_ascii=False, indent=2)
