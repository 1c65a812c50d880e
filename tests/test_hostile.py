"""Hostile text in users' files is shown literally and safely in every format.

Province names, target ids and text, a pledge's name and metric names may hold
Rich markup, ANSI escape sequences, newlines, tabs and spreadsheet formula
starters. None of it may be interpreted: no markup, no escape byte reaching a
terminal (control characters are written visibly, as ``\\x1b``), no table row
broken in two, no formula run by Excel, no Markdown table or list broken.
"""

from __future__ import annotations

import csv
import io
import json
import re
from pathlib import Path

import pytest
import tomli_w
from conftest import Run

ESC = "\x1b"
HOSTILE = {
    "markup": "[bold]Bạc Liêu[/bold]",
    "link": "[link=x.vn]Cà Mau[/link]",
    "ansi": f"{ESC}[31mKiên{ESC}[0m",
    "title": f"{ESC}]0;owned{ESC}\\Cần Thơ",
    "newline": "Hậu\nGiang",
    "tab": "An\tGiang",
    "formula": "=cmd|' /C calc'!A0",
    "plus": "+1 Sóc Trăng",
    "minus": "-1 Long An",
    "at": "@SUM(A1:A9)",
    "markdown": "x|y*z_`<b>#[a](b)",
    "bidi": "Tây\u202eNinh",
}
IDS = {key: f"p-{n}" for n, key in enumerate(HOSTILE)}
TARGET_TEXT = f"[red]Thành lập[/red] {ESC}[1m20 HTX\nmới\t=1+1"
TARGET_ID = "=new|coops"
METRIC = f"coops{ESC}[2Jnew"
UNESCAPED_PIPE = re.compile(r"(?<!\\)\|")


def _write(root: Path, name: str, value: object) -> None:
    path = root / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(tomli_w.dumps(value), encoding="utf-8")  # type: ignore[arg-type]


@pytest.fixture
def hostile_data(tmp_path: Path) -> Path:
    root = tmp_path / "data"
    _write(root, "provinces.toml", {IDS[k]: {"name": v} for k, v in HOSTILE.items()})
    pledge = {
        "name": f"[blink]Cụm[/blink] {ESC}[5m thi đua\nhai dòng",
        "provinces": list(IDS.values()),
        "targets": [
            {"id": TARGET_ID, "text": TARGET_TEXT, "metric": METRIC, "at_least": 20},
            {"id": "growth", "text": "+8%", "metric": "members", "growth_at_least": "8%"},
        ],
    }
    _write(root, "pledges/2021/cum.toml", pledge)
    for n, province in enumerate(IDS.values()):
        _write(root, f"actuals/2021/{province}.toml", {"metrics": {METRIC: 15 + n, "members": 110}})
        _write(root, f"actuals/2020/{province}.toml", {"metrics": {"members": 100 - n}})
    return root


def _no_raw_controls(text: str) -> None:
    assert ESC not in text
    assert "\u202e" not in text
    assert not any(ord(c) < 32 and c not in "\n\r" for c in text), repr(text)


def test_the_table_shows_hostile_text_literally(hostile_data: Path, run: Run) -> None:
    code, out, err = run(["check", "2021", "--data", str(hostile_data), "--lang", "en"])
    assert code == 1, err
    _no_raw_controls(out + err)
    assert "[bold]Bạc Liêu[/bold]" in out  # markup shown, not applied
    assert "[link=x.vn]Cà Mau[/link]" in out
    assert "\\x1b[31mKiên\\x1b[0m" in out
    assert "Hậu\\nGiang" in out  # one row, the newline written visibly
    assert "An\\tGiang" in out
    assert "Tây\\u202eNinh" in out
    assert "[red]Thành lập[/red] \\x1b[1m20 HTX\\nmới\\t=1+1" in out.replace("\n    ", "")
    assert "[blink]Cụm[/blink]" in out


def test_one_province_table_shows_hostile_text_literally(hostile_data: Path, run: Run) -> None:
    code, out, err = run(["check", "2021", "--data", str(hostile_data), "--province", "p-2"])
    assert code in (0, 1), err
    _no_raw_controls(out + err)
    assert "\\x1b[31mKiên\\x1b[0m" in out


def test_json_keeps_hostile_text_exactly(hostile_data: Path, run: Run) -> None:
    code, out, _ = run(["check", "2021", "--data", str(hostile_data), "--format", "json"])
    assert code == 1
    assert ESC not in out  # JSON escapes it as \u001b
    pledge = json.loads(out)["pledges"][0]
    names = {r["province"]: r["province_name"] for r in pledge["results"] if r["province"]}
    assert names == {IDS[k]: v for k, v in HOSTILE.items()}  # nothing lost or changed
    assert pledge["targets"][0]["text"] == TARGET_TEXT
    assert pledge["targets"][0]["id"] == TARGET_ID
    assert pledge["targets"][0]["metric"] == METRIC


def test_csv_cells_are_escaped_and_never_formulas(hostile_data: Path, run: Run) -> None:
    code, out, _ = run(["check", "2021", "--data", str(hostile_data), "--format", "csv"])
    assert code == 1
    _no_raw_controls(out)
    rows = list(csv.DictReader(io.StringIO(out)))
    names = {row["province"]: row["province_name"] for row in rows if row["province"]}
    assert names[IDS["formula"]] == "'=cmd|' /C calc'!A0"
    assert names[IDS["plus"]] == "'+1 Sóc Trăng"
    assert names[IDS["minus"]] == "'-1 Long An"
    assert names[IDS["at"]] == "'@SUM(A1:A9)"
    assert names[IDS["newline"]] == "Hậu\nGiang"  # quoted, so the row holds together
    assert names[IDS["ansi"]] == "\\x1b[31mKiên\\x1b[0m"
    assert {row["target"] for row in rows} == {"'" + TARGET_ID, "growth"}
    for row in rows:
        for cell in row.values():
            assert not cell.startswith(("=", "+", "-", "@", "\t", "\r")) or _is_number(cell)


def _is_number(cell: str) -> bool:
    try:
        float(cell)
    except ValueError:
        return False
    return True


def test_markdown_cells_are_escaped(hostile_data: Path, run: Run) -> None:
    code, out, _ = run(["check", "2021", "--data", str(hostile_data), "--format", "markdown"])
    assert code == 1
    _no_raw_controls(out)
    table = [line for line in out.splitlines() if line.startswith("|")]
    assert len(table) == 2 + len(HOSTILE) + 0  # header, rule, one row per province
    columns = len(UNESCAPED_PIPE.findall(table[0]))
    assert all(len(UNESCAPED_PIPE.findall(row)) == columns for row in table)  # no cell splits
    assert "\\[bold\\]Bạc Liêu\\[/bold\\]" in out
    assert "x\\|y\\*z\\_\\`\\<b\\>\\#\\[a\\](b)" in out
    legend = [line for line in out.splitlines() if line.startswith("- **T")]
    assert len(legend) == 2  # a newline in the target's text does not end its item


def test_validate_messages_show_hostile_text_visibly(tmp_path: Path, run: Run) -> None:
    root = tmp_path / "data"
    _write(root, "provinces.toml", {"an-giang": {"name": "An Giang"}})
    _write(
        root,
        "pledges/2021/cum.toml",
        {
            "name": "Cụm",
            "provinces": ["an-giang", f"{ESC}[31mevil\nline"],
            "targets": [{"id": "t", "text": "t", "metric": "m", "at_least": 1}],
        },
    )
    _write(root, "actuals/2021/an-giang.toml", {"metrics": {"m": f"[bold]{ESC}[2J\n=1"}})
    for args in (["validate"], ["check", "2021"]):
        code, out, err = run([*args, "--data", str(root)])
        assert code == 2
        _no_raw_controls(out + err)
        errors = [line for line in (out + err).splitlines() if ": error: " in line]
        assert any("\\x1b[31mevil\\nline" in line for line in errors), errors
        assert any("[bold]\\x1b[2J\\n=1" in line for line in errors), errors


def test_hostile_text_typed_on_the_command_line_is_shown_visibly(
    hostile_data: Path, run: Run
) -> None:
    code, out, err = run(
        ["check", "2021", "--data", str(hostile_data), "--province", f"{ESC}[31mx"]
    )
    assert code == 2
    _no_raw_controls(out + err)
    assert "\\x1b[31mx" in err


@pytest.mark.parametrize(
    "args",
    [
        ["rank", "2021"],
        ["totals", "2021"],
        ["history"],
        ["report", "2021"],
        ["report", "2021", "--format", "html"],
        ["rank", "2021", "--format", "csv"],
    ],
    ids=lambda a: " ".join(a),
)
def test_the_review_commands_show_hostile_text_literally(
    args: list[str], hostile_data: Path, run: Run
) -> None:
    code, out, err = run([*args, "--data", str(hostile_data), "--lang", "en"])
    assert code == 0, err
    _no_raw_controls(out + err)
    if args[-1] == "csv":
        assert all(
            not row[3].startswith(("=", "+", "-", "@")) for row in csv.reader(io.StringIO(out))
        )
    elif args[-1] != "html":
        literal = ("[blink]Cụm[/blink]", "[bold]Bạc Liêu[/bold]")  # as written, or escaped
        escaped = ("\\[blink\\]Cụm\\[/blink\\]", "\\[bold\\]Bạc Liêu\\[/bold\\]")
        assert any(text in out for text in literal + escaped)
