"""Shared fixtures: the bundled data, an in-process CLI runner with a pinned terminal,
and small data directories written from inline TOML."""

from __future__ import annotations

import textwrap
from collections.abc import Callable, Iterator, Mapping, Sequence
from fractions import Fraction
from pathlib import Path

import pytest
from typer.testing import CliRunner, Result

from pledgecli.cli import build
from pledgecli.i18n import detect_language, language_from_argv, set_language

TESTS = Path(__file__).resolve().parent
BUNDLED = TESTS.parent / "data"

F = Fraction
# A result's figure and threshold at the edges a table's text must get right: exactly on
# the threshold, just under and over it, zero, a fall, thirds, a huge figure, the number
# 1 (never the cell of True), yes/no and no figure.
EDGE_FIGURES: list[tuple[Fraction | bool | None, Fraction | bool]] = [
    (F(6, 10), F(6, 10)),  # exactly on the threshold
    (F(599999, 1000000), F(6, 10)),  # just under it
    (F(600001, 1000000), F(6, 10)),  # just over it
    (F(0), F(6, 10)),
    (F(0), F(0)),
    (F(-1, 200), F(1, 10)),  # a fall
    (F(2345, 1000), F(2)),
    (F(1, 3), F(1, 3)),
    (F(10**30, 7), F(5)),
    (F(1), F(1)),  # never the cell of True
    (True, True),
    (False, True),
    (None, F(1, 2)),
]

# Rich decides width, colour and terminal-ness from these variables (Console reads
# os.environ when it is created). Pin them so table output is the same everywhere:
# 80 columns, never a terminal, never colour.
PINNED_ENV: dict[str, str | None] = {
    "COLUMNS": "80",
    "LINES": "25",
    "TERM": "dumb",
    "NO_COLOR": "1",
    "TTY_COMPATIBLE": "0",
    "FORCE_COLOR": None,
    "TTY_INTERACTIVE": None,
    "JUPYTER_COLUMNS": None,
    "JUPYTER_LINES": None,
    "PLEDGE_DATA": None,
    "PLEDGE_LANG": None,
    "LC_ALL": None,
    "LC_MESSAGES": None,
    "LANG": "C.UTF-8",
}

CliResult = tuple[int, str, str]
Run = Callable[..., CliResult]
WriteData = Callable[[Path, Mapping[str, str]], Path]


@pytest.fixture(scope="module")
def national(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Generated data of more provinces than the rows that fit the columns (100): 202 units
    under 12 targets (``bench/generate.py``), made once per test module."""
    from test_scale import generated

    return generated(tmp_path_factory.mktemp("national"), units=202, targets=12)


@pytest.fixture(autouse=True)
def pinned_terminal(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """Also pin the process environment, for code that builds a Console outside the runner.

    Every test starts and ends in English: a test that runs ``pledge --lang vi`` in-process
    sets the language (and $LANGUAGE, which click reads) for the whole process, and would
    otherwise leave later tests, in any order, reading Vietnamese."""
    for name, value in PINNED_ENV.items():
        if value is None:
            monkeypatch.delenv(name, raising=False)
        else:
            monkeypatch.setenv(name, value)
    monkeypatch.delenv("LANGUAGE", raising=False)  # restored by monkeypatch afterwards
    set_language("en")
    yield
    set_language("en")


@pytest.fixture
def bundled() -> Path:
    """The data directory shipped with the project."""
    assert (BUNDLED / "provinces.toml").is_file(), BUNDLED
    return BUNDLED


@pytest.fixture
def bundled_copy(bundled: Path, tmp_path: Path) -> Path:
    """A copy of the bundled data, for commands that write into the data directory."""
    import shutil

    copy = tmp_path / "data"
    shutil.copytree(bundled, copy)
    return copy


def invoke(args: Sequence[str], env: Mapping[str, str | None] | None = None) -> Result:
    """Invoke ``pledge ARGS`` in-process with the pinned terminal.

    Exceptions other than ``SystemExit`` propagate (``catch_exceptions=False``), so
    a crash fails the test loudly instead of hiding in ``result.exception``.
    Click 8.2+ always keeps stderr apart: ``result.stdout`` / ``result.stderr``.
    """
    merged = {**PINNED_ENV, **(env or {})}
    # As ``pledge`` itself does before building its commands: --lang, then the environment.
    set_language(
        detect_language(
            language_from_argv(args), {k: v for k, v in merged.items() if v is not None}
        )
    )
    runner = CliRunner()
    # Built after the language is set, as ``pledge`` does, so help texts are in it too.
    return runner.invoke(
        build(),
        list(args),
        env={**PINNED_ENV, **(env or {})},
        catch_exceptions=False,
        prog_name="pledge",
    )


def _run(args: Sequence[str], env: Mapping[str, str | None] | None = None) -> CliResult:
    """Invoke ``pledge ARGS`` in-process; return (exit code, stdout, stderr)."""
    result = invoke(args, env)
    stdout, stderr = result.stdout, result.stderr
    assert "Traceback" not in stdout + stderr
    return result.exit_code, stdout, stderr


@pytest.fixture
def run() -> Run:
    """``run(["check", "2021", "--data", str(path)], env={...})`` -> (code, stdout, stderr)."""
    return _run


def _write_data(root: Path, files: Mapping[str, str]) -> Path:
    """Write ``{relative path: TOML text}`` under ``root`` (dedented); return ``root``."""
    for relative, text in files.items():
        path = root / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(textwrap.dedent(text).lstrip("\n"), encoding="utf-8")
    return root


@pytest.fixture
def write_data() -> WriteData:
    """``write_data(tmp_path, {"provinces.toml": "...", ...})`` -> the data directory."""
    return _write_data


PROVINCES = """
    [an-giang]
    name = "An Giang"

    [can-tho]
    name = "Cần Thơ"
    aliases = ["TP Cần Thơ"]

    [dak-lak]
    name = "Đắk Lắk"
    aliases = ["Daklak"]
"""


@pytest.fixture
def provinces_toml() -> str:
    """A three-province registry most inline data sets start from."""
    return PROVINCES
