"""The conventions people expect of a command line: -h, completion, bare ``pledge``,
examples at the end of each command's help, and click's own words in the reader's language."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest
import typer
from conftest import PINNED_ENV, Run

from pledgecli.cli import build
from pledgecli.i18n import set_language

# What Typer and click say in English when nothing translates them.
ENGLISH_LEFTOVERS = (
    "[OPTIONS]",
    "COMMAND [ARGS]...",
    "<int>",
    "Did you mean",
    "did you mean",
    "Missing argument",
    "Missing option",
    "Usage:",
    "Options:",
    "Arguments:",
    "Commands:",
    "[required]",
    "default:",
    "No such",
    "Error:",
    "Invalid value",
    "Try '",
    "is not one of",
    "Show this message",
)


def command_names() -> list[str]:
    set_language("en")
    group = typer.main.get_command(build())
    assert isinstance(group, typer.core.TyperGroup)
    return list(group.commands)


COMMANDS = command_names()

# Each a mistake people make, and what click must say about it (in Vietnamese).
MISTAKES: dict[str, tuple[list[str], str]] = {
    "missing argument": (["check"], "Thiếu tham số"),
    "bad int": (["check", "hai-nghìn"], "cần một số nguyên"),
    "bad choice": (["check", "2021", "--format", "pdf"], "'pdf'"),
    "unknown option": (["check", "2021", "--provnce", "an-giang"], '"--province"'),
    "unknown command": (["chek", "2021"], 'có phải là "check" không?'),
    "missing option value": (["check", "2021", "--format"], "Tùy chọn '--format' cần một giá trị"),
}


def test_all_commands_are_found() -> None:
    assert {"check", "validate", "rank", "totals", "history", "report"} <= set(COMMANDS)
    assert {"init", "template", "import", "set", "new"} <= set(COMMANDS)


@pytest.mark.parametrize("command", [[], *([name] for name in COMMANDS)], ids=["pledge", *COMMANDS])
def test_short_h_is_help(run: Run, command: list[str]) -> None:
    long = run([*command, "--help"])
    short = run([*command, "-h"])
    assert long[0] == 0
    assert short == long


def test_bare_pledge_prints_its_help_and_succeeds(run: Run) -> None:
    code, out, err = run([])
    assert code == 0
    assert err == ""
    assert out.rstrip("\n") == run(["--help"])[1].rstrip("\n")
    for name in COMMANDS:
        assert f"  {name} " in out


@pytest.mark.parametrize("lang", ["en", "vi"])
@pytest.mark.parametrize("name", COMMANDS)
def test_every_command_help_ends_with_examples(run: Run, name: str, lang: str) -> None:
    code, out, _err = run([name, "--help", "--lang", lang])
    assert code == 0
    heading = "Examples:" if lang == "en" else "Ví dụ:"
    description = out.split("\n\n" + ("Arguments:" if lang == "en" else "Tham số:"))[0]
    description = description.split("\n\n" + ("Options:" if lang == "en" else "Tùy chọn:"))[0]
    # the description's last paragraphs: the heading, then one or two commands to copy
    head, _, block = description.rpartition(heading)
    assert head, out
    examples = [line.strip() for line in block.strip("\n").splitlines()]
    assert 1 <= len(examples) <= 2, examples
    assert all(line.startswith(f"pledge {name}") for line in examples), examples


def test_show_completion_prints_the_script(run: Run) -> None:
    code, out, _err = run(["--show-completion", "bash"])
    assert code == 0
    assert "_PLEDGE_COMPLETE=complete_bash" in out
    assert "complete -o default -F _pledge_completion pledge" in out


@pytest.mark.parametrize("args", [[], ["check", "2021"], *([n] for n in COMMANDS)])
def test_help_under_vi_has_no_english_words(args: list[str]) -> None:
    # The shared options' texts are fixed when cli/options.py is imported, once per process
    # (pledge sets the language first): ask a new process, as people do.
    done = _pledge(*args, "--help", "--lang", "vi")
    assert done.returncode == 0
    assert done.stdout.startswith("Cách dùng: pledge")
    assert "Tùy chọn:" in done.stdout
    for word in ENGLISH_LEFTOVERS:
        assert word not in done.stdout + done.stderr, word


@pytest.mark.parametrize(("args", "said"), list(MISTAKES.values()), ids=list(MISTAKES))
def test_click_errors_under_vi_have_no_english_words(run: Run, args: list[str], said: str) -> None:
    code, out, err = run(["--lang", "vi", *args])
    assert code == 2
    assert out == ""
    assert "Lỗi: " in err
    assert said in err
    for word in ENGLISH_LEFTOVERS:
        assert word not in err, word


@pytest.mark.parametrize(("args", "said"), list(MISTAKES.values())[:5], ids=list(MISTAKES)[:5])
def test_click_errors_in_english_keep_their_suggestions(
    run: Run, args: list[str], said: str
) -> None:
    code, _out, err = run([*args, "--lang", "en"])
    assert code == 2
    assert err.startswith("Usage: pledge")
    assert "Error: " in err


def _pledge(*args: str) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if k not in PINNED_ENV}
    env.update({k: v for k, v in PINNED_ENV.items() if v is not None})
    return subprocess.run(
        [sys.executable, "-m", "pledgecli", *args],
        capture_output=True,
        text=True,
        encoding="utf-8",
        env=env,
        check=False,
    )


def test_the_real_command_in_vietnamese() -> None:
    """Once through a real process: the language is chosen before click is built."""
    bare = _pledge("--lang", "vi")
    assert bare.returncode == 0
    assert bare.stdout == _pledge("--lang", "vi", "-h").stdout
    assert bare.stdout.startswith("Cách dùng: pledge [TÙY CHỌN] LỆNH")
    wrong = _pledge("--lang", "vi", "chek", "2021")
    assert wrong.returncode == 2
    assert "Lỗi: Không có lệnh 'chek' (có phải là \"check\" không?)" in wrong.stderr
    missing = _pledge("--lang", "vi", "check")
    assert missing.returncode == 2
    assert "Thiếu tham số NĂM" in missing.stderr
    for said in (bare.stdout, wrong.stderr, missing.stderr):
        for word in ENGLISH_LEFTOVERS:
            assert word not in said, word


def test_the_real_command_completes_commands_and_options() -> None:
    """Typer's completion, as bash asks for it."""
    env_words = {"_PLEDGE_COMPLETE": "complete_bash"}
    for words, cword, expected in (
        ("pledge ch", "1", "check"),
        ("pledge check 2021 --for", "3", "--format"),
    ):
        completed = subprocess.run(
            [sys.executable, "-m", "pledgecli"],
            capture_output=True,
            text=True,
            env={**os.environ, **env_words, "COMP_WORDS": words, "COMP_CWORD": cword},
            check=False,
        )
        assert completed.returncode == 0
        assert expected in completed.stdout.split()
