"""A report that ``import`` creates is checked from the figures it is made of, not read back
from its bytes: the same model and the same diagnostics as reading it, on every edge."""

from __future__ import annotations

import shutil
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest

import pledgecli.load_file
from pledgecli.collect.plan import report_path, revalidated
from pledgecli.collect.toml_edit import edit_report, is_new_report
from pledgecli.figure_format import Value
from pledgecli.load import load
from pledgecli.round_outcomes import Change, FilePlan

HEADER = ["Cà Mau: year-end figures for 2023.", "Written by pledge import from form-2023.xlsx."]

FIGURES: list[tuple[str, Value]] = [
    ("coops_active", Decimal("310")),  # next year's 334: no warning
    ("coops_new", Decimal("0")),  # zero
    ("coops_effective", Decimal("3100")),  # ten times last year's: a warning
    ("coop_members", Decimal("52760.0")),  # a whole number written with a point
    ("staff_trained", Decimal("8.5")),  # a fraction in a count
    ("has_support_fund", True),
    ("coops_member_income", Decimal("0.10")),
    ("coops_x", Decimal("1E+3")),  # a misspelt metric, a figure with an exponent
    ("avg_revenue", Decimal("123456789012345678901234567.125")),
]

CASES: dict[str, tuple[int, str, list[tuple[str, Value]], list[str]]] = {
    "figures of every kind": (2023, "ca-mau", FIGURES, HEADER),
    "no and -0": (2023, "an-giang", [("has_support_fund", False), ("coops_new", Decimal("-0"))], HEADER),
    "a negative figure": (2023, "ca-mau", [("coops_new", Decimal("-3"))], HEADER),
    "a figure too large": (2023, "ca-mau", [("coops_new", Decimal("1E+400"))], HEADER),
    "a metric twice": (2023, "ca-mau", [("coops_new", Decimal("1")), ("coops_new", Decimal("2"))], HEADER),
    "a line break in a file's name": (
        2023,
        "ca-mau",
        [("coops_new", Decimal("2"))],
        [HEADER[0], "Written by pledge import from a\ncoops_active = 9.xlsx."],
    ),
    "an empty comment line": (2023, "ca-mau", [("coops_new", Decimal("2"))], ["", HEADER[1]]),
    "a province that is not registered": (2023, "nowhere", [("coops_new", Decimal("2"))], HEADER),
    "a province merged that year": (2025, "soc-trang", [("coops_new", Decimal("2"))], HEADER),
    "exactly on next year's factor": (2023, "ca-mau", [("coops_active", Decimal("33.4"))], HEADER),
}


def planned(path: Path, province: str, updates: list[tuple[str, Value]]) -> FilePlan:
    """The plan of a new report of ``updates``, as ``build_plan`` makes it."""
    file_plan = FilePlan(province, province, path, False)
    file_plan.added = [Change(province, m, None, v, f"row {n}") for n, (m, v) in enumerate(updates)]
    return file_plan


def checked(root: Path, case: str, *, fresh: bool) -> tuple[list[Any], Any, int]:
    year, province, updates, header = CASES[case]
    path = report_path(root, year, province)
    assert is_new_report(path, (metric for metric, _value in updates))
    content = edit_report(path, updates, header)
    data = load(root)
    made = {path: (planned(path, province, updates), header)} if fresh else None
    found = revalidated(data, year, {path: content}, made)
    return found, data.actuals.get(year, {}).get(province), data.files_checked


@pytest.mark.parametrize("case", list(CASES))
def test_a_new_report_checked_from_its_figures_is_checked_as_read_back(
    bundled: Path, tmp_path: Path, case: str
) -> None:
    root = tmp_path / "data"
    shutil.copytree(bundled, root)
    assert checked(root, case, fresh=True) == checked(root, case, fresh=False)


def test_the_usual_new_report_is_not_read_back(
    bundled: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    root = tmp_path / "data"
    shutil.copytree(bundled, root)
    expected = checked(root, "figures of every kind", fresh=False)
    assert expected[1] is not None and len(expected[0]) >= 2  # a model, and its warnings
    data = load(root)  # the data set itself is read as ever; then no report is read again

    def refused(*_args: object) -> None:
        raise AssertionError("read back")

    monkeypatch.setattr(pledgecli.load_file, "load_actuals", refused)
    year, province, updates, header = CASES["figures of every kind"]
    path = report_path(root, year, province)
    content = edit_report(path, updates, header)
    made = {path: (planned(path, province, updates), header)}
    found = revalidated(data, year, {path: content}, made)
    assert (found, data.actuals[year][province], data.files_checked) == expected


def test_a_new_report_written_with_the_texts_of_earlier_figures_is_the_same(tmp_path: Path) -> None:
    """``new_report`` given the texts of the figures already written (by object, as
    ``build_plan`` gives them for thousands of reports) writes what ``edit_report``
    writes, figure for figure: yes/no, zero and minus zero, trailing zeros, a value
    exactly on a threshold, negatives, decimals, one figure object in several reports."""
    from pledgecli.collect.toml_edit import new_report

    shared = Decimal("33.4")
    figures: list[Value] = [
        True, False, Decimal("0"), Decimal("-0"), Decimal("1.50"), Decimal("1.5"), Decimal("-12.900"),
        Decimal("1E+3"), Decimal("0.000001"), shared, Decimal("33.40"), Decimal("123456789012.5"),
    ]
    texts: dict[int, str] = {}
    header = ["Xã Thử Nghiệm: số liệu tổng kết năm 2026.", "Ghi bằng lệnh pledge import."]
    for number in range(3):  # the same objects again in the next reports
        updates = [(f"metric_{n}", v) for n, v in enumerate([*figures[number:], shared])]
        path = tmp_path / f"xa-{number}.toml"
        written = new_report(updates, header, texts)
        assert written == new_report(updates, header) == edit_report(path, updates, header)
    assert len(texts) == len({id(v) for v in figures})  # each figure's text made once


@pytest.mark.parametrize(
    "names",
    [
        ["coops_new", "coops_active", "households-rural"],
        ["coops_new", "số hộ", "coops_active"],  # not a bare key: quoted by tomlkit
        ["never asked 1", "coops_new"],
        ["coops_new", "never_asked_2", "x.y"],
        [],
    ],
    ids=repr,
)
def test_a_report_is_new_only_when_every_name_is_a_bare_key(tmp_path: Path, names: list[str]) -> None:
    """Whether a new report is written directly (every metric a bare key), the same the
    first time a name is asked and the times after (when it is looked up)."""
    import re

    expected = all(re.fullmatch(r"[A-Za-z0-9_-]+", name) for name in names)
    absent = tmp_path / "absent.toml"
    for _time in range(2):
        assert is_new_report(absent, iter(names)) is expected
        assert is_new_report(absent, iter(names), exists=False) is expected
    there = tmp_path / "there.toml"
    there.write_text("", "utf-8")
    assert is_new_report(there, iter(names)) is False


EDGE_LITERALS: list[Value] = [
    Decimal("0"), Decimal("-0"), Decimal("0.0"), Decimal("10"), Decimal("1E+1"),
    Decimal("12.50"), Decimal("-3.25"), Decimal("0.001"), Decimal("1E+30"),
    Decimal("123456789012345678901234567890.5"), Decimal("1E-7"), True, False,
    Decimal("4839"), Decimal("39.7"), Decimal("-0.50"),
]


def test_the_literals_of_many_figures_read_together_read_as_each_alone(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Each figure of the new reports reads, in one document of them all, as its literal
    reads alone (the figures of ``literal``: zero and minus zero, decimals, exponents,
    yes/no)."""
    from pledgecli.collect import fresh_report
    from pledgecli.collect.toml_edit import literal

    path = tmp_path / "xa-00001.toml"
    monkeypatch.setattr(fresh_report, "_READ", {})
    seen: dict[int, tuple[bool, Any]] = {}
    figures = [*EDGE_LITERALS, *EDGE_LITERALS]  # each object twice: read once
    fresh_report.read_literals(path, iter(figures), seen)
    alone = {id(v): fresh_report._read_literal(path, literal(v)) for v in EDGE_LITERALS}
    assert set(seen) == set(alone)
    for key, (fine, value) in seen.items():
        assert fine == alone[key][0]
        assert (type(value), value) == (type(alone[key][1]), alone[key][1])
        assert str(value) == str(alone[key][1])


def test_literals_the_reader_refuses_together_are_read_alone(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """When the document of them all is refused, nothing is kept from it."""
    from pledgecli.collect import fresh_report

    monkeypatch.setattr(fresh_report, "_READ", {})
    monkeypatch.setattr(fresh_report, "literal", lambda value: "007" if value == 7 else str(value))
    seen: dict[int, tuple[bool, Any]] = {}
    fresh_report.read_literals(tmp_path / "x.toml", iter([Decimal(7), Decimal(8)]), seen)
    assert seen == {}
    assert fresh_report._read_literal(tmp_path / "x.toml", "007")[0] is False


def test_a_new_report_made_at_once_is_the_one_made_line_by_line() -> None:
    """``new_report_of`` (the figures' texts known: one join) writes the bytes of
    ``new_report`` the first time (texts not known yet) and every time after; equal
    figures written apart (0 and -0, 10 and 1E+1) keep their own text."""
    from pledgecli.collect.toml_edit import new_report, new_report_of

    values: list[Value] = [
        Decimal("0"), Decimal("-0"), Decimal("10"), Decimal("1E+1"), Decimal("12.50"),
        True, False, Decimal("0.001"), Decimal("123456789012345678901234567.125"),
    ]
    metrics = [f"metric_{n:02}" for n in range(len(values))]
    header = ["Xã Thử Nghiệm: số liệu cuối năm 2026.", "", "Written by pledge import."]
    expected = new_report(list(zip(metrics, values, strict=True)), header)
    texts: dict[int, str] = {}
    for _time in range(3):
        assert new_report_of(metrics, values, header, texts) == expected
    assert b"metric_01 = -0\n" in expected and b"metric_03 = 10\n" in expected
