"""Vietnamese first: the catalog is complete and compiled, no English escapes into
``--lang vi`` output, numbers read as a Vietnamese reader writes them, and machine
output stays English."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from fractions import Fraction
from pathlib import Path

import pytest
from babel.messages.extract import extract_from_dir
from babel.messages.mofile import read_mo
from babel.messages.pofile import read_po
from conftest import TESTS, Run

from pledgecli.display import percent, pledged
from pledgecli.i18n import detect_language, set_language

LOCALE = TESTS.parent / "src" / "pledgecli" / "locale"
PO = LOCALE / "vi" / "LC_MESSAGES" / "pledge.po"
MO = LOCALE / "vi" / "LC_MESSAGES" / "pledge.mo"
BROKEN = TESTS / "fixtures" / "broken"


Key = tuple[str | None, str]  # (context, message)


def _catalog() -> dict[Key, str]:
    with PO.open("rb") as f:
        catalog = read_po(f)
    out: dict[Key, str] = {}
    for message in catalog:
        if not message.id:
            continue
        key = message.id[0] if isinstance(message.id, (tuple, list)) else message.id
        string = message.string
        if isinstance(string, (tuple, list)):
            string = string[0]
        out[(message.context, key)] = string or ""
    return out


CATALOG = _catalog()


def _code_messages() -> set[Key]:
    keywords = {
        "_": None,
        "N_": None,
        "ngettext": (1, 2),
        "pgettext": ((1, "c"), 2),
        "NC_": ((1, "c"), 2),
    }
    found = set()
    for _file, _line, message, _comments, context in extract_from_dir(
        str(TESTS.parent / "src" / "pledgecli"), keywords=keywords
    ):
        found.add((context, message[0] if isinstance(message, tuple) else message))
    return found


def test_every_message_in_the_code_is_translated() -> None:
    """Run scripts/catalog and translate the new messages when this fails."""
    missing = sorted(m for m in _code_messages() if not CATALOG.get(m))
    assert missing == []


def test_translations_keep_their_placeholders() -> None:
    pattern = re.compile(r"\{[^}]*\}|%\([a-z]+\)s")
    wrong = {
        m: t
        for (_context, m), t in CATALOG.items()
        if t and sorted(pattern.findall(m)) != sorted(pattern.findall(t))
    }
    assert wrong == {}


def test_the_compiled_catalog_matches_the_po_file() -> None:
    """The .mo that pledge reads is compiled from the current .po (scripts/catalog)."""
    with MO.open("rb") as f:
        compiled = read_mo(f)
    strings = {
        (
            m.context.decode() if isinstance(m.context, bytes) else m.context,
            m.id[0] if isinstance(m.id, (tuple, list)) else m.id,
        ): (m.string[0] if isinstance(m.string, (tuple, list)) else m.string)
        for m in compiled
        if m.id
    }
    assert strings == {m: t for m, t in CATALOG.items() if t}


# -- no English in Vietnamese output --------------------------------------------------

VI_COMMANDS = [
    ["check", "2021"],
    ["check", "2021", "--province", "hau giang"],
    ["check", "2021", "--format", "markdown"],
    ["check", "2022"],
    ["check", "2025"],
    ["check", "2025", "--province", "soc trang"],
    ["rank", "2021"],
    ["rank", "2022"],
    ["totals", "2021"],
    ["history", "--province", "kien giang"],
    ["report", "2021"],
    ["report", "2025", "--format", "html"],
    ["validate"],
    ["check", "--help"],
    ["rank", "--help"],
    ["report", "--help"],
    ["--help"],
    ["check", "2030"],
    ["check", "2021", "--province", "xyz"],
]

ENGLISH_WORD = re.compile(r"[A-Za-z]{2,}")


def _fragments(message: str) -> list[str]:
    """The literal English parts of a message, long enough to recognise."""
    parts = re.split(r"\{[^}]*\}|%\([a-z]+\)s|\n", message)
    return [p.strip(" .,:;()") for p in parts if len(ENGLISH_WORD.findall(p)) >= 2]


def _english_in(text: str) -> list[str]:
    flat = " ".join(text.split())
    found = []
    for (_context, message), translation in CATALOG.items():
        if not translation or translation == message:
            continue
        for fragment in _fragments(message):
            if " ".join(fragment.split()) in flat and fragment not in translation:
                found.append(fragment)
    return found


@pytest.mark.parametrize("args", VI_COMMANDS, ids=[" ".join(a) for a in VI_COMMANDS])
def test_no_english_escapes_into_vietnamese_output(
    args: list[str], bundled: Path, run: Run
) -> None:
    if "--help" in args:
        # Help texts are fixed when the commands are built, once per process: ask a new one.
        done = subprocess.run(
            [sys.executable, "-m", "pledgecli", *args, "--lang", "vi"],
            capture_output=True,
            text=True,
            encoding="utf-8",
            check=False,
            env={**os.environ, "COLUMNS": "80"},
        )
        code, out, err = done.returncode, done.stdout, done.stderr
    else:
        code, out, err = run([*args, "--data", str(bundled), "--lang", "vi"])
    assert code in (0, 1, 2)
    assert _english_in(out + err) == []


def test_vietnamese_validate_errors(run: Run) -> None:
    code, out, err = run(["validate", "--data", str(BROKEN), "--lang", "vi"])
    assert code == 2
    assert _english_in(out + err) == []
    assert "can-tho" in out  # the suggestion is what the user must type


def test_statuses_in_vietnamese(bundled: Path, run: Run) -> None:
    args = ["check", "2021", "--data", str(bundled), "--lang", "vi", "--province", "hau-giang"]
    out = " ".join(run(args)[1].split())
    for word in ("Đạt", "Không đạt", "Thiếu số liệu năm gốc"):
        assert word in out
    out = run(["check", "2021", "--data", str(bundled), "--lang", "vi", "--province", "ca-mau"])[1]
    assert "Thiếu số liệu" in out


@pytest.mark.parametrize("fmt", ["json", "csv"])
def test_machine_output_is_the_same_in_every_language(fmt: str, bundled: Path, run: Run) -> None:
    english = run(["check", "2021", "--data", str(bundled), "--format", fmt])[1]
    vietnamese = run(["check", "2021", "--data", str(bundled), "--format", fmt, "--lang", "vi"])[1]
    assert english == vietnamese


# -- numbers ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("language", "value", "expected"),
    [
        ("vi", Fraction(565874), "565.874"),
        ("en", Fraction(565874), "565,874"),
        ("vi", Fraction(155, 100), "1,55"),
        ("en", Fraction(155, 100), "1.55"),
    ],
)
def test_numbers_as_the_reader_writes_them(language: str, value: Fraction, expected: str) -> None:
    set_language(language)
    try:
        assert pledged(value) == expected
    finally:
        set_language("en")


@pytest.mark.parametrize(
    ("language", "value", "threshold", "expected"),
    [
        ("vi", Fraction(605, 1000), None, "60,5%"),
        ("en", Fraction(605, 1000), None, "60.5%"),
        # 59.999% missed 60%: never shown as 60%
        ("vi", Fraction(59999, 100000), Fraction(60, 100), "59,999%"),
        ("en", Fraction(59999, 100000), Fraction(60, 100), "59.999%"),
        # exactly on the threshold reads as the threshold
        ("en", Fraction(60, 100), Fraction(60, 100), "60%"),
        # 60.0004% met 60%: shown above it, not as 60%
        ("en", Fraction(600004, 1000000), Fraction(60, 100), "60.0004%"),
    ],
)
def test_percentages_show_the_deciding_digit(
    language: str, value: Fraction, threshold: Fraction | None, expected: str
) -> None:
    set_language(language)
    try:
        assert percent(value, threshold) == expected
    finally:
        set_language("en")


def test_units_follow_the_value(
    bundled: Path, run: Run, write_data: object, tmp_path: Path
) -> None:
    from conftest import _write_data

    root = _write_data(
        tmp_path,
        {
            "provinces.toml": '[an-giang]\nname = "An Giang"\n',
            "pledges/2021/cum.toml": (
                'name = "Cụm"\nprovinces = ["an-giang"]\n[[targets]]\nid = "revenue"\n'
                'text = "Doanh thu bình quân 1,5 tỷ đồng/HTX"\nmetric = "revenue"\n'
                'unit = "tỷ đồng"\nat_least = 1.5\n'
            ),
            "actuals/2021/an-giang.toml": "[metrics]\nrevenue = 1.55\n",
        },
    )
    args = ["check", "2021", "--data", str(root), "--province", "an-giang", "--lang", "vi"]
    flat = run([*args, "--format", "markdown"])[1]
    assert "1,55 tỷ đồng" in flat and "≥ 1,5 tỷ đồng" in flat


# -- choosing the language ---------------------------------------------------------------


@pytest.mark.parametrize(
    ("explicit", "environ", "expected"),
    [
        (None, {}, "en"),
        ("vi", {}, "vi"),
        ("en", {"PLEDGE_LANG": "vi"}, "en"),
        (None, {"PLEDGE_LANG": "vi"}, "vi"),
        (None, {"LANG": "vi_VN.UTF-8"}, "vi"),
        (None, {"LC_ALL": "vi_VN.UTF-8", "LANG": "en_US.UTF-8"}, "vi"),
        (None, {"LC_ALL": "C", "LANG": "vi_VN.UTF-8"}, "en"),
        (None, {"PLEDGE_LANG": "en", "LANG": "vi_VN"}, "en"),
    ],
)
def test_language_choice(explicit: str | None, environ: dict[str, str], expected: str) -> None:
    assert detect_language(explicit, environ) == expected


def test_language_from_the_environment_reaches_the_output(bundled: Path, run: Run) -> None:
    out = run(["rank", "2021", "--data", str(bundled)], env={"PLEDGE_LANG": "vi"})[1]
    assert "Hạng" in out
    out = run(["rank", "2021", "--data", str(bundled)], env={"LANG": "vi_VN.UTF-8"})[1]
    assert "Hạng" in out


def test_unknown_language_is_refused(bundled: Path, run: Run) -> None:
    code, _, err = run(["check", "2021", "--data", str(bundled), "--lang", "fr"])
    assert code == 2 and "en, vi" in err
