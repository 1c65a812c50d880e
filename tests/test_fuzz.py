"""Fuzzing: whatever a person or a broken export puts in a file, ``pledge check`` and
``pledge validate`` end with exit status 0, 1 or 2 and a message, never a traceback.

Each case mutates one file of a copy of the bundled data (byte flips, truncation,
repeated or dropped lines, values of the wrong type, random Unicode, huge numbers,
deep nesting...) and runs both commands in-process. Cases are drawn from a fixed
seed, so a failure names its case and reproduces:

    PLEDGE_FUZZ_CASE=1234 python3 -m pytest tests/test_fuzz.py      # that case alone
    PLEDGE_FUZZ_CASES=100000 python3 -m pytest tests/test_fuzz.py   # a longer run
    PLEDGE_FUZZ_SEED=7 ...                                           # other cases
"""

from __future__ import annotations

import os
import random
import shutil
import traceback
from collections.abc import Callable
from pathlib import Path

import pytest
from conftest import BUNDLED, PINNED_ENV, Run, WriteData
from typer.testing import CliRunner

from pledgecli.cli import app

SEED = int(os.environ.get("PLEDGE_FUZZ_SEED", "6"))
CASES = int(os.environ.get("PLEDGE_FUZZ_CASES", "2000"))
ONLY = os.environ.get("PLEDGE_FUZZ_CASE")

Mutation = Callable[[random.Random, bytes], bytes]

HUGE = [
    "1e400",
    "-1e400",
    "1.0e-400",
    "1" * 1001,
    "-" + "9" * 5000,
    "9" * 4301,
    "0." + "0" * 500 + "1",
    "1" + "0" * 300 + ".5",
    "inf",
    "-inf",
    "nan",
    "+nan",
    "18446744073709551616",
    "1e99999999999999999999",
    "1e999999999999",
    "-2.5E-99999",
    "-0",
    "-0.0",
]
STRANGE = [
    "\x00",
    "\x1b[31m",
    "\u202e",
    "\ufeff",
    "\u0301",
    "\U0001f600",
    "\ud7ff",
    "\u2028",
    "\r",
    "\t",
    "Đắk Lắk",
    "[bold]x[/bold]",
    "=cmd|' /C calc'!A0",
    '"',
    "'",
    "\\",
    "\\u0000",
    "[",
    "]",
    "{",
    "=",
    "#",
    ".",
    "\n[metrics]\n",
    "\n[[targets]]\n",
]
VALUES = [
    '"text"',
    '""',
    "12",
    "-5",
    "0",
    "12.5",
    "true",
    "false",
    "[1, 2]",
    '["a", "b"]',
    "[]",
    "{ a = 1 }",
    "{}",
    "2021-01-27",
    "2021-01-27T10:00:00",
    "10:00:00",
    '"60%"',
    '"60"',
    '"1.200"',
    '"abc%"',
    "'literal'",
    '"""multi\nline"""',
    *HUGE,
]


def _lines(data: bytes) -> list[bytes]:
    return data.split(b"\n")


def flip_bytes(rng: random.Random, data: bytes) -> bytes:
    out = bytearray(data)
    for _ in range(rng.randint(1, 8)):
        if out:
            out[rng.randrange(len(out))] = rng.randrange(256)
    return bytes(out)


def truncate(rng: random.Random, data: bytes) -> bytes:
    return data[: rng.randint(0, len(data))]


def repeat_line(rng: random.Random, data: bytes) -> bytes:
    lines = _lines(data)
    index = rng.randrange(len(lines))
    lines.insert(index, lines[index])
    return b"\n".join(lines)


def drop_line(rng: random.Random, data: bytes) -> bytes:
    lines = _lines(data)
    del lines[rng.randrange(len(lines))]
    return b"\n".join(lines)


def swap_lines(rng: random.Random, data: bytes) -> bytes:
    lines = _lines(data)
    a, b = rng.randrange(len(lines)), rng.randrange(len(lines))
    lines[a], lines[b] = lines[b], lines[a]
    return b"\n".join(lines)


def swap_type(rng: random.Random, data: bytes) -> bytes:
    """A value of another type (or a huge one) after some ``=``."""
    lines = _lines(data)
    assignments = [i for i, line in enumerate(lines) if b"=" in line]
    if not assignments:
        return data
    index = rng.choice(assignments)
    key = lines[index].split(b"=", 1)[0]
    lines[index] = key + b"= " + rng.choice(VALUES).encode()
    return b"\n".join(lines)


def insert_unicode(rng: random.Random, data: bytes) -> bytes:
    text = data.decode("utf-8", errors="replace")
    for _ in range(rng.randint(1, 4)):
        position = rng.randint(0, len(text))
        piece = rng.choice(STRANGE) if rng.random() < 0.6 else chr(rng.randrange(0x20, 0x2FFFF))
        text = text[:position] + piece + text[position:]
    return text.encode("utf-8", errors="surrogatepass")


def deep_nesting(rng: random.Random, data: bytes) -> bytes:
    depth = rng.choice([50, 300, 1000, 3000])
    kind = rng.choice(["array", "table", "both"])
    if kind == "array":
        value = "[" * depth + "1" + "]" * depth
    elif kind == "table":
        value = "{ a = " * depth + "1" + " }" * depth
    else:
        value = "[{ a = " * depth + "1" + " }]" * depth
    key = rng.choice([b"coops_new", b"provinces", b"name", b"at_least", b"deep"])
    line = key + b" = " + value.encode()
    lines = _lines(data)
    lines.insert(rng.randint(0, len(lines)), line)
    return b"\n".join(lines)


def new_table(rng: random.Random, data: bytes) -> bytes:
    header = rng.choice(
        [
            b"[metrics]",
            b"[[targets]]",
            b"[scoring]",
            b"[[deductions]]",
            b"[targets.overrides]",
            b"[x.y.z]",
        ]
    )
    lines = _lines(data)
    lines.insert(rng.randint(0, len(lines)), header)
    return b"\n".join(lines)


def replace_whole(rng: random.Random, data: bytes) -> bytes:
    return rng.choice(
        [
            b"",
            b"\xef\xbb\xbf",
            b"\x00" * 10,
            b"\xff\xfe" + "a = 1".encode("utf-16-le"),
            b"metrics = 5\n",
            b"[metrics]\ncoops_new = 1e400\n",
            b"[metrics]\ncoops_new = " + b"9" * 5000 + b"\n",
            b"provinces = " + b"[" * 2000 + b"]" * 2000 + b"\n",
            data.replace(b"\n", b"\r"),
            data.replace(b"\n", b"\r\n"),
            data * 3,
        ]
    )


MUTATIONS: list[Mutation] = [
    flip_bytes,
    truncate,
    repeat_line,
    drop_line,
    swap_lines,
    swap_type,
    swap_type,
    insert_unicode,
    deep_nesting,
    new_table,
    replace_whole,
]


def _year_of(relative: Path) -> int:
    for part in relative.parts:
        if part.isdigit() and len(part) == 4:
            return int(part)
    return 2021


def _check_year(relative: Path, rng: random.Random) -> int:
    """A year whose check reads the mutated file: its own, or the next (as a baseline)."""
    year = _year_of(relative)
    if relative.parts[0] == "actuals" and rng.random() < 0.4:
        year += 1
    return year if year in (2021, 2022, 2025) else 2021


@pytest.fixture(scope="module")
def data_copy(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("fuzz") / "data"
    shutil.copytree(BUNDLED, root)
    return root


def _invoke(args: list[str]) -> tuple[int, str, BaseException | None]:
    result = CliRunner().invoke(app, args, env=PINNED_ENV, catch_exceptions=True)
    error = result.exception if not isinstance(result.exception, SystemExit) else None
    return result.exit_code, result.stdout + result.stderr, error


def test_no_input_makes_check_or_validate_crash(
    data_copy: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("COLUMNS", "80")
    files = sorted(p.relative_to(data_copy) for p in data_copy.rglob("*.toml"))
    originals = {f: (data_copy / f).read_bytes() for f in files}
    cases = [int(ONLY)] if ONLY is not None else range(CASES)
    for case in cases:
        rng = random.Random(f"{SEED}-{case}")
        relative = rng.choice(files)
        content = originals[relative]
        applied = []
        for _ in range(rng.choice([1, 1, 1, 2, 3])):
            mutation = rng.choice(MUTATIONS)
            content = mutation(rng, content)
            applied.append(mutation.__name__)
        path = data_copy / relative
        path.write_bytes(content)
        try:
            year = _check_year(relative, rng)
            output_format = rng.choice(["table", "json", "csv", "markdown"])
            for args in (["check", str(year), "--format", output_format], ["validate"]):
                code, output, error = _invoke([*args, "--data", str(data_copy)])
                problem = None
                if error is not None:
                    problem = "".join(traceback.format_exception(error))
                elif code not in (0, 1, 2):
                    problem = f"exit status {code}"
                elif code == 2 and not output.strip():
                    problem = "exit status 2 without a message"
                elif "Traceback" in output:
                    problem = "a traceback in the output"
                if problem is not None:
                    pytest.fail(
                        f"fuzz case {case} (PLEDGE_FUZZ_SEED={SEED} PLEDGE_FUZZ_CASE={case}): "
                        f"pledge {' '.join(args)} on {relative} mutated by {applied}: "
                        f"{problem}\ncontent: {content[:600]!r}\noutput: {output[-600:]}"
                    )
        finally:
            path.write_bytes(originals[relative])


# -- folders and file types: what is there instead of a file or a folder ----------

KINDS = ["folder", "dangling link", "looping link", "fifo", "device link", "empty file", "file"]
FILE_CASES = int(os.environ.get("PLEDGE_FUZZ_FILE_CASES", "60"))


def _make(path: Path, kind: str) -> None:
    """Put ``kind`` where ``path`` (a file or a folder) was."""
    if path.is_dir() and not path.is_symlink():
        shutil.rmtree(path)
    elif path.exists() or path.is_symlink():
        path.unlink()
    if kind == "folder":
        path.mkdir()
    elif kind == "dangling link":
        path.symlink_to("nowhere")
    elif kind == "looping link":
        path.symlink_to(path.name)
    elif kind == "fifo":
        os.mkfifo(path)
    elif kind == "device link":
        path.symlink_to("/dev/zero")
    elif kind == "empty file":
        path.write_bytes(b"")
    else:
        path.write_bytes(b"[metrics]\n")


def test_a_folder_or_file_of_another_kind_is_an_error_never_a_crash_or_a_hang(
    bundled: Path, tmp_path: Path
) -> None:
    """Each case puts a folder, a link to nothing, a looping link, a FIFO, /dev/zero or a
    file where a report, a pledge, the registry or a folder was: validate exits 2 naming
    that path; check (which reads only what its year needs) never crashes; neither hangs
    (a FIFO is never opened)."""
    cases = [int(ONLY)] if ONLY is not None else range(FILE_CASES)
    for case in cases:
        rng = random.Random(f"{SEED}-files-{case}")
        root = tmp_path / f"case-{case}"
        shutil.copytree(bundled, root)
        paths = [
            Path("provinces.toml"),
            Path("actuals"),
            Path("pledges"),
            *sorted(
                p.relative_to(root)
                for folder in ("actuals", "pledges")
                for p in (root / folder).rglob("*")
                if p.suffix == ".toml" or p.is_dir()
            ),
        ]
        relative = rng.choice(paths)
        if (root / relative).is_file():  # anything but a file
            kind = rng.choice(KINDS[:5])
        else:  # anything but a folder
            kind = rng.choice([*KINDS[1:5], "file"])
        _make(root / relative, kind)
        for args in (["check", "2021"], ["validate"]):
            code, output, error = _invoke([*args, "--data", str(root)])
            said = f"fuzz file case {case} (PLEDGE_FUZZ_CASE={case}): {kind} at {relative}"
            assert error is None, said + "".join(traceback.format_exception(error))
            assert "internal error" not in output and "Traceback" not in output, said + output
            if args == ["validate"]:
                assert code == 2, f"{said}: exit {code}\n{output[-600:]}"
                assert f"{root / relative}: error: " in output, f"{said}\n{output[-600:]}"
            else:
                assert code in (1, 2), f"{said}: exit {code}\n{output[-600:]}"


# -- regressions: crashes the fuzzer found, each now a message ------------------

PLEDGE = """
    name = "Cụm thử"
    provinces = ["an-giang", "can-tho"]

    [[targets]]
    id = "new-coops"
    text = "Thành lập mới ít nhất 20 HTX"
    metric = "coops_new"
    at_least = 20

    [[targets]]
    id = "members-growth"
    text = "Thành viên tăng 8%"
    metric = "coop_members"
    growth_at_least = "8%"
"""


def _data(write_data: WriteData, root: Path, provinces: str, an_giang: str) -> Path:
    return write_data(
        root,
        {
            "provinces.toml": provinces,
            "pledges/2021/cum.toml": PLEDGE,
            "actuals/2020/an-giang.toml": "[metrics]\ncoop_members = 100\n",
            "actuals/2020/can-tho.toml": "[metrics]\ncoop_members = 100\n",
            "actuals/2021/an-giang.toml": an_giang,
            "actuals/2021/can-tho.toml": "[metrics]\ncoops_new = 25\ncoop_members = 110\n",
        },
    )


@pytest.mark.parametrize("output_format", ["table", "json", "csv", "markdown"])
def test_a_figure_of_1e400_is_judged_and_shown_not_a_crash(
    tmp_path: Path, run: Run, write_data: WriteData, provinces_toml: str, output_format: str
) -> None:
    report = "[metrics]\ncoops_new = 1e400\ncoop_members = 1e400\n"
    data = _data(write_data, tmp_path, provinces_toml, report)
    code, out, err = run(["check", "2021", "--data", str(data), "--format", output_format])
    assert code == 0, err
    assert "10,000,000,000" in out or "1e+400" in out.lower() or "1" + "0" * 30 in out


def test_an_integer_too_long_to_read_is_a_message(
    tmp_path: Path, run: Run, write_data: WriteData, provinces_toml: str
) -> None:
    report = "[metrics]\ncoop_members = 110\ncoops_new = " + "9" * 5000 + "\n"
    data = _data(write_data, tmp_path, provinces_toml, report)
    for command in (["validate"], ["check", "2021"]):
        code, out, err = run([*command, "--data", str(data)])
        assert code == 2
        assert "an-giang.toml:3: error: a number is too long to read" in out + err


def test_values_nested_too_deeply_are_a_message(
    tmp_path: Path, run: Run, write_data: WriteData, provinces_toml: str
) -> None:
    report = "[metrics]\ncoops_new = 25\ncoop_members = " + "[" * 1000 + "1" + "]" * 1000 + "\n"
    data = _data(write_data, tmp_path, provinces_toml, report)
    for command in (["validate"], ["check", "2021"]):
        code, out, err = run([*command, "--data", str(data)])
        assert code == 2
        assert "an-giang.toml:3: error: values are nested too deeply to read" in out + err


@pytest.mark.parametrize(
    ("figure", "message"),
    [
        ("1e99999999999999999999", "a number is too large or too small to read"),
        ("1e999999999999", "1E+999999999999 is too large or too small to be a figure"),
        ("-1.5e-999999", "is too large or too small to be a figure"),
    ],
)
def test_an_exponent_beyond_any_figure_is_a_message_not_a_hang(
    tmp_path: Path,
    run: Run,
    write_data: WriteData,
    provinces_toml: str,
    figure: str,
    message: str,
) -> None:
    report = f"[metrics]\ncoop_members = 110\ncoops_new = {figure}\n"
    data = _data(write_data, tmp_path, provinces_toml, report)
    for command in (["validate"], ["check", "2021"]):
        code, out, err = run([*command, "--data", str(data)])
        assert code == 2
        assert "an-giang.toml:3: error:" in out + err
        assert message in out + err
