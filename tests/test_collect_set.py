"""pledge set: quick entry from the command line, validated like an import, keeping
every comment and the layout a person wrote in the report."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from conftest import Run, WriteData

PLEDGE = """
    name = "Cụm thử"
    provinces = ["an-giang", "can-tho"]

    [[targets]]
    id = "members"
    text = "Thành viên tăng 8%"
    metric = "coop_members"
    growth_at_least = "8%"
"""


def report(root: Path, province: str, year: int = 2021) -> Path:
    return root / "actuals" / str(year) / f"{province}.toml"


def test_set_adds_figures_and_keeps_every_comment(run: Run, bundled_copy: Path) -> None:
    path = report(bundled_copy, "ca-mau")
    before = path.read_text("utf-8")
    assert "# households_rural and households_member are deliberately absent" in before
    code, out, err = run(
        [
            "set",
            "2021",
            "Cà Mau",
            "households_rural=140.000",
            "households_member=98000",
            "--data",
            str(bundled_copy),
        ]
    )
    assert code == 0, err
    assert "wrote" in out
    after = path.read_text("utf-8")
    assert after.startswith(before)  # every line as it was, new figures after them
    assert after[len(before) :] == "households_rural = 140000\nhouseholds_member = 98000\n"


def test_set_changes_a_figure_in_place_keeping_its_comment(
    run: Run, tmp_path: Path, write_data: WriteData, provinces_toml: str
) -> None:
    root = write_data(
        tmp_path,
        {
            "provinces.toml": provinces_toml,
            "actuals/2021/an-giang.toml": """
                # An Giang's report, typed in by Lan.
                source = "Báo cáo tổng kết"

                [metrics]
                # counts from page 3
                coops_new   = 25    # checked twice
                coop_members = 52000
            """,
        },
    )
    code, _, err = run(["set", "2021", "an giang", "coops_new=26", "--force", "--data", str(root)])
    assert code == 0, err
    text = (root / "actuals" / "2021" / "an-giang.toml").read_text("utf-8")
    assert text == (
        "# An Giang's report, typed in by Lan.\n"
        'source = "Báo cáo tổng kết"\n'
        "\n"
        "[metrics]\n"
        "# counts from page 3\n"
        "coops_new   = 26    # checked twice\n"
        "coop_members = 52000\n"
    )


def test_set_keeps_windows_line_endings_and_byte_order_mark(
    run: Run, tmp_path: Path, write_data: WriteData, provinces_toml: str
) -> None:
    root = write_data(tmp_path, {"provinces.toml": provinces_toml, "pledges/2021/thu.toml": PLEDGE})
    path = root / "actuals" / "2021" / "an-giang.toml"
    path.parent.mkdir(parents=True)
    path.write_bytes(b"\xef\xbb\xbf# note\r\n[metrics]\r\ncoops_new = 25\r\n")
    code, _, err = run(["set", "2021", "an-giang", "coop_members=1", "--data", str(root)])
    assert code == 0, err
    assert (
        path.read_bytes()
        == b"\xef\xbb\xbf# note\r\n[metrics]\r\ncoops_new = 25\r\ncoop_members = 1\r\n"
    )


def test_set_into_an_inline_metrics_table(
    run: Run, tmp_path: Path, write_data: WriteData, provinces_toml: str
) -> None:
    root = write_data(
        tmp_path,
        {
            "provinces.toml": provinces_toml,
            "pledges/2021/thu.toml": PLEDGE,
            "actuals/2021/an-giang.toml": "metrics = { coops_new = 25 }  # short\n",
        },
    )
    code, _, err = run(["set", "2021", "an-giang", "coop_members=7", "--data", str(root)])
    assert code == 0, err
    text = (root / "actuals" / "2021" / "an-giang.toml").read_text("utf-8")
    assert text.startswith("metrics = { coops_new = 25, coop_members = 7")
    assert text.endswith("}  # short\n")


def test_set_refuses_a_different_figure_without_force(run: Run, bundled_copy: Path) -> None:
    path = report(bundled_copy, "an-giang")
    before = path.read_bytes()
    code, _, err = run(["set", "2021", "an-giang", "coops_new=33", "--data", str(bundled_copy)])
    assert code == 2
    assert "An Giang (an-giang) coops_new: recorded 32, new 33" in err
    assert path.read_bytes() == before


def test_set_the_same_figure_changes_nothing(run: Run, bundled_copy: Path) -> None:
    path = report(bundled_copy, "an-giang")
    stamp = path.stat().st_mtime_ns
    code, out, _ = run(["set", "2021", "an-giang", "coops_new=32", "--data", str(bundled_copy)])
    assert code == 0
    assert "nothing to change" in out
    assert path.stat().st_mtime_ns == stamp


def test_set_dry_run_writes_nothing(run: Run, bundled_copy: Path) -> None:
    path = report(bundled_copy, "ca-mau")
    before = path.read_bytes()
    code, out, _ = run(
        [
            "set",
            "2021",
            "ca-mau",
            "households_rural=1.200",
            "--dry-run",
            "--data",
            str(bundled_copy),
        ]
    )
    assert code == 0
    assert "+ households_rural = 1200" in out and "dry run: nothing was written" in out
    assert path.read_bytes() == before


def test_set_unknown_metric_or_province(run: Run, bundled_copy: Path) -> None:
    code, _, err = run(["set", "2021", "an-giang", "coops_nwe=3", "--data", str(bundled_copy)])
    assert code == 2 and 'unknown metric "coops_nwe"' in err and 'did you mean "coops_new"?' in err
    code, _, err = run(["set", "2021", "An Gaing", "coops_new=3", "--data", str(bundled_copy)])
    assert code == 2 and 'unknown province "An Gaing"' in err and "an-giang" in err
    code, _, err = run(["set", "2021", "an-giang", "coops_new", "--data", str(bundled_copy)])
    assert code == 2 and "is not metric=value" in err


def test_set_true_false_in_vietnamese(run: Run, bundled_copy: Path) -> None:
    code, _, err = run(
        [
            "set",
            "2021",
            "ca-mau",
            "training_plan_done=không",
            "--force",
            "--data",
            str(bundled_copy),
        ]
    )
    assert code == 0, err
    assert "training_plan_done = false" in report(bundled_copy, "ca-mau").read_text("utf-8")
    code, _, err = run(
        ["set", "2021", "ca-mau", "training_plan_done=25", "--force", "--data", str(bundled_copy)]
    )
    assert code == 2 and "is not true or false" in err


def test_set_a_new_report(run: Run, bundled_copy: Path) -> None:
    code, out, err = run(["set", "2023", "lam-dong", "coops_new=20", "--data", str(bundled_copy)])
    assert code == 0, err
    assert "new report" in out
    text = report(bundled_copy, "lam-dong", 2023).read_text("utf-8")
    assert "# Written by pledge set." in text and "coops_new = 20" in text
    assert run(["validate", "--data", str(bundled_copy)])[0] == 0


def test_an_interrupted_write_leaves_the_old_report_whole(
    run: Run, bundled_copy: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = report(bundled_copy, "ca-mau")
    before = path.read_bytes()
    real_replace = os.replace

    def fail_once(src: str, dst: str) -> None:  # the failure comes between write and rename
        raise OSError(5, "Input/output error")

    monkeypatch.setattr(os, "replace", fail_once)
    code, _, err = run(
        ["set", "2021", "ca-mau", "households_rural=140000", "--data", str(bundled_copy)]
    )
    assert code == 2
    assert "cannot write" in err and "Input/output error" in err
    assert path.read_bytes() == before
    assert sorted(os.listdir(path.parent)) == sorted(
        p.name for p in path.parent.iterdir() if p.suffix == ".toml"
    )
    assert not [p for p in path.parent.iterdir() if p.name.endswith(".tmp")]
    monkeypatch.setattr(os, "replace", real_replace)
    assert (
        run(["set", "2021", "ca-mau", "households_rural=140000", "--data", str(bundled_copy)])[0]
        == 0
    )


def test_a_year_must_be_written_in_full(run: Run, bundled_copy: Path) -> None:
    code, _, err = run(["set", "21", "an-giang", "coops_new=3", "--data", str(bundled_copy)])
    assert code == 2 and "21 is not a year" in err and "2021" in err
    assert not (bundled_copy / "actuals" / "21").exists()
