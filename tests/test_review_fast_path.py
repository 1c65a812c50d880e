"""``pledge rank``, ``pledge totals`` and ``pledge report`` without Typer
(:mod:`pledgecli.cli.fast`, :mod:`pledgecli.cli.reviewing`) say exactly what their Typer
commands say: the same bytes on stdout and stderr, the same files (workbooks and documents
but the part holding the time they were made), the same exit status; and every command line
the fast path does not read completely goes to Typer (issue 15, start-up)."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import Run
from test_check_fast_path import _pledge, _same_both_ways, closed_pipe_both_ways

from pledgecli.render.formats import formats

REVIEWS = ("rank", "totals", "report")
DEFAULT_FORMAT = {"rank": "table", "totals": "table", "report": "markdown"}


@pytest.mark.parametrize(
    ("command", "form"), [(command, form) for command in REVIEWS for form in formats(command)]
)
@pytest.mark.parametrize("lang", ["en", "vi"])
def test_every_format_of_each_view_in_both_languages(
    command: str, form: str, lang: str, bundled: Path, tmp_path: Path
) -> None:
    argv = [command, "2021", "--data", str(bundled), "--format", form]
    done = _same_both_ways(argv, tmp_path, {"PLEDGE_LANG": lang})
    assert done.status == 0 and done.stdout
    if form in ("xlsx", "docx"):  # a binary format to a pipe: the file's bytes
        assert done.stdout.startswith(b"PK")


@pytest.mark.parametrize("command", REVIEWS)
def test_each_view_has_its_own_default_format(command: str, bundled: Path, tmp_path: Path) -> None:
    done = _same_both_ways([command, "2021", "--data", str(bundled)], tmp_path)
    given = _pledge(
        "fast",
        [command, "2021", "--data", str(bundled), "--format", DEFAULT_FORMAT[command]],
        tmp_path / "given",
    )
    assert done.status == given.status == 0
    assert done.stdout == given.stdout and not given.typer


OPTION_LINES = [
    ["report", "--format=html", "--data={data}", "2021"],
    ["report", "--data", "{data}", "2021", "--cluster", "tay-nam-song-hau"],
    ["report", "2021", "--cluster=tay-nam-song-hau", "--data={data}", "--format", "docx"],
    ["report", "2021", "--cluster", "no-such-cluster", "--data", "{data}"],
    ["report", "2022", "--data", "{data}", "--lang", "en"],
    ["report", "2021", "--data", "{data}", "--lang=vi", "--format", "xlsx"],
    ["--lang", "en", "report", "2021", "--data", "{data}"],
    ["--lang=vi", "report", "--format", "html", "2021", "--data", "{data}"],
    ["report", "1999", "--data", "{data}"],
    ["report", "2021", "--data", "{data}/no-such-folder"],
    ["report", "2021", "--data", "{data}", "-o", "-", "--format", "docx"],
    ["rank", "--format=json", "--data={data}", "2021"],
    ["rank", "2021", "--cluster", "tay-nam-song-hau", "--data", "{data}", "--format", "csv"],
    ["rank", "2021", "--cluster", "nope", "--data", "{data}", "--lang", "vi"],
    ["--lang", "vi", "rank", "2025", "--data", "{data}", "--format", "markdown"],
    ["rank", "0", "--data", "{data}"],
    ["totals", "--data", "{data}", "--format", "xlsx", "2021"],
    ["totals", "2021", "--cluster=tay-nam-song-hau", "--data={data}", "--lang=en"],
    ["--lang=en", "totals", "2022", "--data", "{data}", "--format", "json"],
    ["totals", "2021", "--data", "{data}/provinces.toml"],
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


@pytest.mark.parametrize("command", REVIEWS)
@pytest.mark.parametrize(
    ("options", "existing"),
    [
        (["-o", "out.xlsx", "--format", "xlsx"], {}),
        (["--output=out.md", "--format=markdown"], {}),
        (["-o", "out.xlsx", "--format", "xlsx"], {"out.xlsx": b"kept\n"}),
        (["-o", "out.md", "--format", "markdown", "--force"], {"out.md": b"replaced\n"}),
        (["--force", "--output", "out.xlsx", "--format", "xlsx"], {"out.xlsx": b"old"}),
        (["-o", "out.md", "--format", "markdown", "--lang", "vi"], {}),
    ],
)
def test_output_files_and_force(
    command: str,
    options: list[str],
    existing: dict[str, bytes],
    bundled: Path,
    tmp_path: Path,
) -> None:
    argv = [command, "2021", "--data", str(bundled), *options]
    done = _same_both_ways(argv, tmp_path, None, existing)
    assert done.stdout == b""
    if existing and "--force" not in argv:  # never over a file without --force
        assert (done.status, done.files) == (2, existing)
    else:
        assert done.status == 0 and len(done.files) == 1
        assert set(done.files.values()).isdisjoint(existing.values())


@pytest.mark.parametrize("form", ["docx", "html"])
def test_report_documents_written_to_a_file(form: str, bundled: Path, tmp_path: Path) -> None:
    argv = ["report", "2021", "--data", str(bundled), "--format", form, "-o", f"r.{form}"]
    done = _same_both_ways(argv, tmp_path, {"PLEDGE_LANG": "vi"}, {f"r.{form}": b"old"})
    assert done.status == 2  # an existing file, no --force
    old = {f"r.{form}": b"old"}
    done = _same_both_ways([*argv, "--force"], tmp_path / "forced", {"PLEDGE_LANG": "vi"}, old)
    assert done.status == 0 and list(done.files) == [f"r.{form}"]
    assert done.files[f"r.{form}"] != b"old"


@pytest.mark.parametrize("command", REVIEWS)
@pytest.mark.parametrize("lang", ["en", "vi"])
def test_warnings_and_notes_on_stderr(
    command: str, lang: str, run: Run, bundled_copy: Path, tmp_path: Path
) -> None:
    assignment = ["set", "2021", "ca-mau", "households_rural=1.2", "--data", str(bundled_copy)]
    assert run(assignment)[0] == 0
    argv = [command, "2021", "--data", str(bundled_copy)]
    done = _same_both_ways(argv, tmp_path, {"PLEDGE_LANG": lang})
    assert done.status == 0 and done.stdout
    assert b"1,2" in done.stderr or b"1.2" in done.stderr


@pytest.mark.parametrize("kind", ["KeyboardInterrupt", "EOFError", "EPIPE", "EACCES", "ValueError"])
@pytest.mark.parametrize("command", REVIEWS)
def test_interruptions_and_bugs_end_as_with_typer(
    kind: str, command: str, bundled: Path, tmp_path: Path
) -> None:
    argv = [command, "2021", "--data", str(bundled)]
    env = {"PLEDGE_LANG": "vi", "PLEDGE_TEST_RAISE": kind}
    done = _same_both_ways(argv, tmp_path, env)
    assert done.status != 0


@pytest.mark.parametrize("command", REVIEWS)
def test_a_reader_gone_away_ends_as_with_typer(command: str, bundled: Path, tmp_path: Path) -> None:
    """``pledge report ... | head -c 0``: the pipe is closed before pledge writes."""
    closed_pipe_both_ways([command, "2021", "--data", str(bundled)], tmp_path)


@pytest.mark.parametrize(
    "argv",
    [
        ["report", "--help"],
        ["rank", "2021", "-h"],
        ["totals", "--help", "2021"],
        ["report", "2021", "--format", "table"],  # rank's and totals' format, not report's
        ["report", "2021", "--format", "csv"],
        ["rank", "2021", "--format", "html"],  # report's format, not rank's
        ["totals", "2021", "--format", "docx"],
        ["report", "2021", "--format"],
        ["report", "20x1"],
        ["rank", "02021"],
        ["totals", "-5"],
        ["report"],
        ["rank"],
        ["totals", "--data", "data"],
        ["report", "2021", "2022"],
        ["report", "2021", "--bogus"],
        ["rank", "2021", "--clustr", "x"],
        ["rank", "2021", "--province", "Cần Thơ"],  # check's options are not theirs
        ["totals", "2021", "--all"],
        ["report", "2021", "--strict"],
        ["report", "2021", "--force", "--force"],
        ["rank", "2021", "--cluster", "a", "--cluster=b"],
        ["totals", "2021", "-o", "a.md", "--output", "b.md"],
        ["report", "2021", "--lang", "fr"],
        ["--lang", "vi", "report", "2021", "--lang", "en"],
        ["report", "--", "2021"],
        ["history"],
        ["reprot", "2021"],
    ],
)
def test_what_the_fast_path_does_not_read_goes_to_typer(
    argv: list[str], bundled: Path, tmp_path: Path
) -> None:
    done = _pledge("fast", argv, tmp_path / "run", {"PLEDGE_DATA": str(bundled)})
    assert done.typer


@pytest.mark.parametrize(
    "argv",
    [
        ["report", "2021", "--format", "table"],
        ["rank", "2021", "--format", "html"],
        ["totals"],
        ["report", "2021", "--all"],
        ["rank", "2021", "--data", "{data}", "--data", "{data}"],  # the last one counts
    ],
)
@pytest.mark.parametrize("lang", ["en", "vi"])
def test_typer_still_says_what_it_said(
    argv: list[str], lang: str, bundled: Path, tmp_path: Path
) -> None:
    """Left to Typer, a command line ends as before: its message and exit status."""
    args = [arg.replace("{data}", str(bundled)) for arg in argv]
    env = {"PLEDGE_DATA": str(bundled), "PLEDGE_LANG": lang}
    fast = _pledge("fast", args, tmp_path / "fast", env)
    typer = _pledge("typer", args, tmp_path / "typer", env)
    assert fast.typer and typer.typer
    assert (fast.status, fast.stdout, fast.stderr) == (typer.status, typer.stdout, typer.stderr)
    assert fast.status == (0 if "--data" in argv else 2)


@pytest.mark.parametrize("command", ["check", *REVIEWS])
def test_the_table_of_the_fast_path_matches_the_typer_commands(command: str) -> None:
    """The fast path reads a command's own parameters and default format, and its body
    takes them all: an option dropped from a Typer command would not linger here."""
    import importlib
    import inspect

    from pledgecli.cli import fast

    module = "check" if command == "check" else "review"
    typer_command = getattr(importlib.import_module(f"pledgecli.cli.{module}"), command)
    typer_parameters = inspect.signature(typer_command).parameters
    table = fast.COMMANDS[command]
    assert set(typer_parameters) == table.parameters
    assert typer_parameters["output_format"].default == table.default_format
    assert table.view == command and table.default_format in formats(command)
    body_module, _, name = table.body.partition(".")
    body = getattr(importlib.import_module(f"pledgecli.cli.{body_module}"), name)
    assert list(inspect.signature(body).parameters) == [
        "outlet",
        *(p for p in typer_parameters if p != "lang"),
    ]
