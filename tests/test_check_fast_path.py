"""``pledge check`` without Typer (:mod:`pledgecli.cli.fast`) says exactly what the Typer
command says: the same bytes on stdout and stderr, the same files, the same exit status;
and every command line it does not read completely goes to Typer (issue 15, start-up)."""

from __future__ import annotations

import io
import os
import subprocess
import sys
import zipfile
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

import pytest
from conftest import Run

from pledgecli.render.formats import formats

# Runs ``pledge ARGV`` as the ``pledge`` script does; PLEDGE_TEST_PATH=typer takes the
# Typer path (the fast path's reader says no), PLEDGE_TEST_RAISE makes the service raise.
SCRIPT = """\
import errno, os, runpy, sys
from pledgecli.cli import fast
if os.environ["PLEDGE_TEST_PATH"] == "typer":
    fast.plain_line = lambda argv: None
kind = os.environ.get("PLEDGE_TEST_RAISE")
if kind:
    import pledgecli.service
    errors = {
        "KeyboardInterrupt": KeyboardInterrupt(),
        "EOFError": EOFError(),
        "EPIPE": OSError(errno.EPIPE, "Broken pipe"),
        "EACCES": OSError(errno.EACCES, "Permission denied"),
        "ValueError": ValueError("a bug"),
    }
    def run_check(request):
        raise errors[kind]
    pledgecli.service.run_check = pledgecli.service.run_review = run_check
try:
    runpy.run_module("pledgecli", run_name="__main__")
finally:
    with open(os.environ["PLEDGE_TEST_MODULES"], "w") as modules:
        modules.write(" ".join(sorted(sys.modules)))
"""


@dataclass(frozen=True)
class Done:
    status: int
    stdout: bytes
    stderr: bytes
    files: dict[str, bytes]
    typer: bool  # was Typer imported


def _pledge(
    path: str,
    argv: Sequence[str],
    cwd: Path,
    env: Mapping[str, str] | None = None,
    stdout: int | None = subprocess.PIPE,
) -> Done:
    cwd.mkdir(parents=True, exist_ok=True)
    modules = cwd.parent / f"modules-{path}.txt"
    environ = {k: v for k, v in os.environ.items() if k not in {"PLEDGE_DATA", "LANGUAGE"}}
    environ.update(PLEDGE_LANG="en", COLUMNS="100", PLEDGE_TEST_PATH=path)
    environ.update(PLEDGE_TEST_MODULES=str(modules), **(env or {}))
    done = subprocess.run(
        [sys.executable, "-c", SCRIPT, *argv],
        stdout=stdout,
        stderr=subprocess.PIPE,
        cwd=cwd,
        env=environ,
        check=False,
    )
    files = {p.name: p.read_bytes() for p in sorted(cwd.iterdir())}
    imported = set(modules.read_text().split())
    return Done(done.returncode, done.stdout or b"", done.stderr, files, "typer" in imported)


def _same_both_ways(
    argv: Sequence[str],
    tmp_path: Path,
    env: Mapping[str, str] | None = None,
    files: Mapping[str, bytes] | None = None,
) -> Done:
    """Run ``argv`` by the fast path and by Typer (each in a folder holding ``files``);
    assert they say and write the same; the fast run."""
    runs = {}
    for path in ("fast", "typer"):
        folder = tmp_path / path
        folder.mkdir(parents=True, exist_ok=True)
        for name, content in (files or {}).items():
            (folder / name).write_bytes(content)
        runs[path] = _pledge(path, argv, folder, env)
    fast, typer = runs["fast"], runs["typer"]
    assert not fast.typer, "the fast path was not taken"
    assert typer.typer
    assert (fast.status, fast.stderr.decode()) == (typer.status, typer.stderr.decode())
    assert _comparable(fast.stdout) == _comparable(typer.stdout)
    assert {k: _comparable(v) for k, v in fast.files.items()} == {
        k: _comparable(v) for k, v in typer.files.items()
    }
    return fast


def _comparable(content: bytes) -> bytes | dict[str, bytes]:
    """A workbook as its parts but the one holding the time it was made; else the bytes."""
    if not content.startswith(b"PK"):
        return content
    with zipfile.ZipFile(io.BytesIO(content)) as book:
        return {n: book.read(n) for n in book.namelist() if n != "docProps/core.xml"}


CHECK_FORMATS = formats("check")


@pytest.mark.parametrize("form", CHECK_FORMATS)
@pytest.mark.parametrize("lang", ["en", "vi"])
def test_every_format_in_both_languages(
    form: str, lang: str, bundled: Path, tmp_path: Path
) -> None:
    argv = ["check", "2021", "--data", str(bundled), "--format", form]
    done = _same_both_ways(argv, tmp_path, {"PLEDGE_LANG": lang})
    assert done.status == 1 and done.stdout


OPTION_LINES = [
    ["check", "--format=json", "--data={data}", "2021"],
    ["check", "--data", "{data}", "2021", "--all"],
    ["check", "--all", "2021", "--data={data}", "--format", "markdown"],
    ["check", "2021", "--cluster", "tay-nam-song-hau", "--data", "{data}", "--format", "csv"],
    ["check", "2021", "--cluster=tay-nam-song-hau", "--data", "{data}"],
    ["check", "2021", "--cluster", "no-such-cluster", "--data", "{data}"],
    ["check", "2021", "--province", "Cần Thơ", "--data", "{data}"],
    ["check", "2021", "--province=Ca Mau", "--data", "{data}", "--format", "json"],
    ["check", "2021", "--province", "Can Tho City", "--data", "{data}"],
    ["check", "2021", "--province", "", "--data", "{data}"],
    ["check", "2021", "--data", "{data}", "--lang", "en", "--format", "csv"],
    ["check", "2021", "--data", "{data}", "--lang=vi", "--province", "Sóc Trăng"],
    ["--lang", "en", "check", "2021", "--data", "{data}", "--province", "Bac Lieu"],
    ["--lang=vi", "check", "2021", "--data", "{data}", "--cluster", "nope"],
    ["check", "1999", "--data", "{data}"],
    ["check", "0", "--data", "{data}", "--format", "json"],
    ["check", "2021", "--data", "{data}/no-such-folder"],
    ["check", "2021", "--data", "{data}/provinces.toml"],
    ["check", "2021", "--data", "{data}", "-o", "-", "--format", "xlsx"],
    ["check", "2021", "--data", "{data}", "--strict"],
]


# each command line once, PLEDGE_LANG vi and en by turns (--lang says the other)
@pytest.mark.parametrize(
    ("argv", "lang"), [(argv, ("vi", "en")[n % 2]) for n, argv in enumerate(OPTION_LINES)]
)
def test_options_in_both_forms_before_and_after_the_year(
    argv: list[str], lang: str, bundled: Path, tmp_path: Path
) -> None:
    args = [arg.replace("{data}", str(bundled)) for arg in argv]
    _same_both_ways(args, tmp_path, {"PLEDGE_LANG": lang})


@pytest.mark.parametrize(
    ("argv", "existing"),
    [
        (["-o", "out.csv", "--format", "csv"], {}),
        (["--output=out.json", "--format=json"], {}),
        (["-o", "out.csv", "--format", "csv"], {"out.csv": b"kept\n"}),
        (["-o", "out.csv", "--format", "csv", "--force"], {"out.csv": b"replaced\n"}),
        (["--force", "--output", "out.xlsx", "--format", "xlsx"], {"out.xlsx": b"old"}),
        (["-o", "out.md", "--format", "markdown", "--lang", "vi"], {}),
        # click removes colour codes from what it says when stderr is not a terminal
        (["-o", "\x1b[1mout.csv", "--format", "csv"], {}),
    ],
)
def test_output_files_and_force(
    argv: list[str], existing: dict[str, bytes], bundled: Path, tmp_path: Path
) -> None:
    argv = ["check", "2021", "--data", str(bundled), *argv]
    done = _same_both_ways(argv, tmp_path, None, existing)
    assert done.stdout == b""
    if existing and "--force" not in argv:  # never over a file without --force
        assert (done.status, done.files) == (2, existing)
    else:
        assert done.status == 1 and len(done.files) == 1
        assert set(done.files.values()).isdisjoint(existing.values())


@pytest.mark.parametrize("lang", ["en", "vi"])
@pytest.mark.parametrize("strict", [[], ["--strict"]])
def test_warnings_and_strict(
    strict: list[str], lang: str, run: Run, bundled_copy: Path, tmp_path: Path
) -> None:
    assignment = ["set", "2021", "ca-mau", "households_rural=1.2", "--data", str(bundled_copy)]
    assert run(assignment)[0] == 0
    argv = ["check", "2021", "--data", str(bundled_copy), "--format", "json", *strict]
    done = _same_both_ways(argv, tmp_path, {"PLEDGE_LANG": lang})
    assert done.status == (2 if strict else 1)
    assert b"1,2" in done.stderr or b"1.2" in done.stderr


@pytest.mark.parametrize("kind", ["KeyboardInterrupt", "EOFError", "EPIPE", "EACCES", "ValueError"])
@pytest.mark.parametrize("lang", ["en", "vi"])
def test_interruptions_and_bugs_end_as_with_typer(
    kind: str, lang: str, bundled: Path, tmp_path: Path
) -> None:
    argv = ["check", "2021", "--data", str(bundled), "--format", "json"]
    done = _same_both_ways(argv, tmp_path, {"PLEDGE_LANG": lang, "PLEDGE_TEST_RAISE": kind})
    assert done.status != 0


def test_a_reader_gone_away_ends_as_with_typer(bundled: Path, tmp_path: Path) -> None:
    """``pledge check ... | head -c 0``: the pipe is closed before pledge writes."""
    closed_pipe_both_ways(["check", "2021", "--data", str(bundled), "--format", "svg"], tmp_path)


def closed_pipe_both_ways(argv: list[str], tmp_path: Path) -> None:
    """``argv`` run both ways into a pipe closed before pledge writes: the same status and
    stderr, a failure, and Typer imported only the Typer way."""
    said = []
    for path in ("fast", "typer"):
        read, write = os.pipe()
        os.close(read)
        try:
            said.append(_pledge(path, argv, tmp_path / path, stdout=write))
        finally:
            os.close(write)
    fast, typer = said
    assert not fast.typer and typer.typer
    assert (fast.status, fast.stderr) == (typer.status, typer.stderr)
    assert fast.status != 0


@pytest.mark.parametrize(
    "argv",
    [
        ["check", "--help"],
        ["check", "2021", "-h"],
        ["check", "2021", "--bogus"],
        ["check", "2021", "--formt", "json"],
        ["check", "20x1"],
        ["check", "02021"],
        ["check", "-5"],
        ["check"],
        ["check", "2021", "2022"],
        ["check", "2021", "--format", "pdf"],
        ["check", "2021", "--format"],
        ["check", "2021", "--format", "--all"],
        ["check", "2021", "--all=yes"],
        ["check", "2021", "--all", "--all"],
        ["check", "2021", "--format", "json", "--format=csv"],
        ["check", "2021", "-o", "a.csv", "--output", "b.csv"],
        ["check", "2021", "-oout.csv"],
        ["check", "2021", "--data="],
        ["check", "2021", "--lang", "fr"],
        ["--lang", "vi", "check", "2021", "--lang", "en"],
        ["check", "--", "2021"],
        ["--version", "check", "2021"],
        ["chek", "2021"],
        ["validate"],
    ],
)
def test_what_the_fast_path_does_not_read_goes_to_typer(
    argv: list[str], bundled: Path, tmp_path: Path
) -> None:
    done = _pledge("fast", argv, tmp_path / "run", {"PLEDGE_DATA": str(bundled)})
    assert done.typer


@pytest.mark.parametrize(
    "env",
    [
        {"_PLEDGE_COMPLETE": "complete_bash"},  # shell completion is Typer's
        {"PYTHONIOENCODING": "ascii"},  # click would write its messages in UTF-8 anyway
    ],
)
def test_shell_completion_and_ascii_streams_go_to_typer(
    env: dict[str, str], bundled: Path, tmp_path: Path
) -> None:
    argv = ["check", "2021", "--data", str(bundled), "--format", "json"]
    done = _pledge("fast", argv, tmp_path / "run", env)
    assert done.typer
