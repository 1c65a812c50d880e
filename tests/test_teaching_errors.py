"""Errors that teach: the common TOML slips get a hint in the reader's language, and
``pledge init`` writes its example pledge commented in the reader's language."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import Run, WriteData

TARGET = """
    [[targets]]
    id = "new-coops"
    text = "Thành lập mới ít nhất 2 HTX"
    metric = "coops_new"
    at_least = 2
"""


def _pledge(head: str) -> str:
    return 'name = "Cụm thử"\n' + head + "\n" + TARGET.replace("\n    ", "\n")


# (what is written on line 2 of the pledge, the line shown, the hint in English, in Vietnamese)
SLIPS = {
    "percent without quotes": (
        'provinces = ["an-giang"]\nat_least = 60%',
        3,
        'a percentage is written in quotes: at_least = "60%"',
        'tỷ lệ phần trăm phải viết trong dấu ngoặc kép: at_least = "60%"',
    ),
    "percent with a space and a comma": (
        'provinces = ["an-giang"]\nat_least = 0,5 %',
        3,
        'at_least = "0.5%"',
        'at_least = "0.5%"',
    ),
    "names of a list without quotes": (
        'provinces = [an-giang, "Cần Thơ"]',
        2,
        'put each name of the list in double quotes: provinces = ["an-giang", "Cần Thơ"]',
        'provinces = ["an-giang", "Cần Thơ"]',
    ),
    "leader without quotes": (
        'provinces = ["an-giang"]\nleader = An Giang',
        3,
        'put text in double quotes: leader = "An Giang"',
        'hãy đặt chữ trong dấu ngoặc kép: leader = "An Giang"',
    ),
    "missing closing quote": (
        'provinces = ["an-giang"]\nleader = "An Giang',
        3,
        'close the text with " on the same line: leader = "An Giang"',
        'hãy đóng đoạn chữ bằng " trên cùng dòng: leader = "An Giang"',
    ),
    "missing closing bracket": (
        'provinces = ["an-giang", "can-tho"\nleader = "an-giang"',
        2,
        'close the list with ] on line 2: provinces = ["an-giang", "can-tho"]',
        'hãy đóng danh sách bằng ] ở dòng 2: provinces = ["an-giang", "can-tho"]',
    ),
    "comma decimal": (
        'provinces = ["an-giang"]\nweight = 1,5',
        3,
        "weight = 1.5",
        "weight = 1.5",
    ),
    "date day first": (
        'provinces = ["an-giang"]\nsigned_on = 27/01/2021',
        3,
        "write a date as year-month-day: signed_on = 2021-01-27",
        "hãy viết ngày theo thứ tự năm-tháng-ngày: signed_on = 2021-01-27",
    ),
}


@pytest.mark.parametrize("slip", SLIPS, ids=list(SLIPS))
def test_a_toml_slip_gets_a_hint_in_the_readers_language(
    slip: str, run: Run, tmp_path: Path, write_data: WriteData, provinces_toml: str
) -> None:
    head, line, english, vietnamese = SLIPS[slip]
    root = write_data(
        tmp_path, {"provinces.toml": provinces_toml, "pledges/2021/cum.toml": _pledge(head)}
    )
    code, out, _ = run(["validate", "--data", str(root)])
    assert code == 2
    assert f"cum.toml:{line}: error: TOML syntax error" in out
    if english is not None:
        assert english in out
    code, out, _ = run(["validate", "--data", str(root), "--lang", "vi"])
    assert code == 2
    assert f"cum.toml:{line}: lỗi: Lỗi cú pháp TOML" in out
    if vietnamese is not None:
        assert vietnamese in out


def test_an_unclosed_table_name_gets_its_brackets(
    run: Run, tmp_path: Path, write_data: WriteData, provinces_toml: str
) -> None:
    pledge = _pledge('provinces = ["an-giang"]').replace("[[targets]]", "[[targets]")
    root = write_data(tmp_path, {"provinces.toml": provinces_toml, "pledges/2021/cum.toml": pledge})
    code, out, _ = run(["validate", "--data", str(root)])
    assert code == 2
    assert "cum.toml:4: error:" in out
    assert "[[targets]])" in out


def test_init_writes_the_example_in_vietnamese_under_lang_vi(run: Run, tmp_path: Path) -> None:
    code, _, _ = run(["init", str(tmp_path / "vi"), "--lang", "vi"])
    assert code == 0
    example = (tmp_path / "vi" / "pledges" / "example.toml").read_text("utf-8")
    comments = [line for line in example.splitlines() if "#" in line]
    assert "# Một giao ước thi đua mẫu để sao chép." in example
    assert "# tùy chọn: ngày ký giao ước" in example
    assert not any("optional" in line or "the day" in line for line in comments)
    code, _, _ = run(["init", str(tmp_path / "en"), "--lang", "en"])
    english = (tmp_path / "en" / "pledges" / "example.toml").read_text("utf-8")
    assert "# An example pledge (giao ước thi đua) to copy." in english
    # Only the comments differ: the same pledge either way.
    strip = [line.split("#", 1)[0].rstrip() for line in example.splitlines()]
    assert strip == [line.split("#", 1)[0].rstrip() for line in english.splitlines()]


def test_the_vietnamese_example_validates_once_copied_into_a_year(run: Run, tmp_path: Path) -> None:
    root = tmp_path / "data"
    run(["init", str(root), "--lang", "vi"])
    (root / "pledges" / "2026").mkdir()
    (root / "pledges" / "example.toml").rename(root / "pledges" / "2026" / "cum-1.toml")
    code, out, _ = run(["validate", "--data", str(root)])
    assert code == 0, out
