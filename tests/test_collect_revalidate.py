"""The checks ``import`` and ``set`` run on the reports they are about to write: only what
the new reports can change is checked again, with the same answer as checking it all."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from pledgecli.collect.plan import revalidated
from pledgecli.dataset import DataSet
from pledgecli.load import load, revalidate_actuals


def whole_check(data: DataSet, year: int, contents: dict[Path, bytes]) -> list[object]:
    """The way it was done: every report of every year checked again, then what is new."""
    before = set(data.diagnostics)
    revalidate_actuals(data, year, contents)
    return [d for d in data.diagnostics if d.path in contents or d not in before]


def edited(path: Path, replacements: dict[str, str], extra: str = "") -> bytes:
    text = path.read_text("utf-8")
    for old, new in replacements.items():
        assert old in text, (path, old)
        text = text.replace(old, new)
    return (text + extra).encode("utf-8")


CASES = {
    # a figure ten times last year's and next year's, a fraction in a count, a part
    # larger than its whole, a yes/no where a number belongs, a misspelt metric
    "implausible": (
        2021,
        {
            "ca-mau": (
                {"coops_new = 17": "coops_new = 350", "staff_trained = 8": "staff_trained = 8.5"},
                "",
            ),
            "an-giang": ({}, "coops_effective_x = 3\n"),
        },
    ),
    "types and spelling": (
        2021,
        {
            "ca-mau": ({"coops_active = 310": "coops_active = true"}, "coop_member = 3\n"),
            "bac-lieu": ({}, "has_support_fund = 12\n"),
        },
    ),
    # next year's figure (2021: 310) exactly ten times this one: a warning on a report
    # that is not written; a zero; a broken file
    "next year's report and a broken file": (
        2020,
        {
            "ca-mau": (
                {"coops_active = 300": "coops_active = 31", "coops_new = 35": "coops_new = 0"},
                "",
            ),
            "an-giang": ({}, "not toml = = \n"),
        },
    ),
}


@pytest.mark.parametrize("case", list(CASES))
def test_checking_only_what_the_new_reports_change_says_the_same(
    bundled: Path, tmp_path: Path, case: str
) -> None:
    root = tmp_path / "data"
    shutil.copytree(bundled, root)
    year, edits = CASES[case]
    contents = {}
    for province, (replacements, extra) in edits.items():
        path = root / "actuals" / str(year) / f"{province}.toml"
        contents[path] = edited(path, replacements, extra)
    expected = whole_check(load(root), year, contents)
    data = load(root)
    found = revalidated(data, year, contents)
    assert found == expected
    assert found  # each case says something
    if case == "next year's report and a broken file":
        assert any(d.path == root / "actuals" / "2021" / "ca-mau.toml" for d in found)
    assert data.actuals[year]["ca-mau"].path == root / "actuals" / str(year) / "ca-mau.toml"
    assert data.actuals[year]["ca-mau"].metrics != load(root).actuals[year]["ca-mau"].metrics
