"""The README stays true: every `pledge` command it shows runs, and its test command is CI's."""

from __future__ import annotations

import re
import shlex
import shutil
from pathlib import Path

import pytest
from conftest import BUNDLED, TESTS, invoke

ROOT = TESTS.parent
README = (ROOT / "README.md").read_text(encoding="utf-8")
BLOCKS = re.findall(r"```sh\n(.*?)```", README, flags=re.S)


def _commands() -> list[list[str]]:
    commands = []
    for block in BLOCKS:
        for line in block.splitlines():
            words = shlex.split(line, comments=True)
            if words[:1] != ["pledge"]:
                continue
            if ">" in words:  # the shell's redirection, not an argument
                words = words[: words.index(">")]
            commands.append(words[1:])
    return commands


COMMANDS = _commands()


def test_the_readme_shows_commands() -> None:
    assert len(COMMANDS) > 10


def test_every_readme_command_runs(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """In README order, in a folder holding a copy of the bundled data (files the
    examples write land there, and later examples may read them)."""
    shutil.copytree(BUNDLED, tmp_path / "data")
    monkeypatch.chdir(tmp_path)
    for args in COMMANDS:
        result = invoke(args)
        shown = "pledge " + shlex.join(args)
        assert result.exit_code in (0, 1), (shown, result.stdout, result.stderr)
        assert "Traceback" not in result.stdout + result.stderr, shown
        assert result.stdout or result.stderr, shown


def test_set_up_commands() -> None:
    install, tests = BLOCKS[0].strip(), BLOCKS[1].strip()
    assert install == "python3 -m pip install . && pledge check 2021"
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8").strip().splitlines()[-1]
    assert tests == ci
