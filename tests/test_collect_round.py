"""A collection round as a non-programmer runs it (issue 12): forms in the reader's
language, one per province, back as a folder, who still owes what, figures that cannot
be right flagged, and baseline forms."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest
from conftest import Run
from test_collect_import import metrics, snapshot


def _xlsx(path: Path) -> object:
    import openpyxl

    return openpyxl.load_workbook(path)


# -- forms for people --------------------------------------------------------------


def test_a_vietnamese_form_has_vietnamese_headers_and_names_and_reads_back(
    run: Run, bundled_copy: Path, tmp_path: Path
) -> None:
    code, out, err = run(["template", "2021", "--data", str(bundled_copy), "--lang", "vi"])
    assert code == 0, err
    rows = list(csv.reader(io.StringIO(out)))
    assert rows[0][:4] == ["Năm", "Mã tỉnh", "Mã chỉ tiêu", "Số liệu"]
    assert "Chỉ tiêu" in rows[0] and "Số liệu 2020" in rows[0]
    by_metric = {r[2]: r for r in rows[1:] if r[1] == "an-giang"}
    assert by_metric["coops_effective"][5] == "Số HTX hoạt động hiệu quả"
    assert by_metric["coops_effective"][6] == "số nguyên"
    assert by_metric["has_support_fund"][3] == "Có"
    form = tmp_path / "mau.csv"
    form.write_text(out.replace("2021,ca-mau,households_rural,,", "2021,ca-mau,households_rural,140.000,"), "utf-8")
    code, out, err = run(["import", str(form), "--data", str(bundled_copy), "--lang", "vi"])
    assert code == 0, err
    assert metrics(bundled_copy, "ca-mau")["households_rural"] == 140000


def test_the_excel_form_guides_whoever_fills_it(
    run: Run, bundled_copy: Path, tmp_path: Path
) -> None:
    form = tmp_path / "form.xlsx"
    args = ["template", "2021", "--format", "xlsx", "-o", str(form), "--lang", "vi"]
    code, out, err = run([*args, "--data", str(bundled_copy)])
    assert code == 0, err
    assert "98 rows, 2 to fill" in out or "98 dòng" in out
    book = _xlsx(form)
    sheet, notes = book.worksheets  # type: ignore[attr-defined]
    assert notes.title == "Hướng dẫn"
    assert any("1.200" in str(row[0]) for row in notes.iter_rows(values_only=True))
    assert sheet.protection.sheet and not sheet.protection.password
    assert sheet["D2"].protection.locked is False  # the value cell is open
    assert sheet["E2"].protection.locked is True  # help is locked
    assert sheet["D2"].fill.fgColor.rgb.endswith("FFF2CC")
    assert sheet.column_dimensions["D"].width >= 20
    kinds = {v.type: v for v in sheet.data_validations.dataValidation}
    assert set(kinds) == {"whole", "list"}
    assert kinds["list"].formula1 == '"Có,Không"'
    assert kinds["whole"].operator == "greaterThanOrEqual" and kinds["whole"].formula1 == "0"
    fund_rows = [c.row for c in sheet["C"] if c.value == "has_support_fund"]
    assert all(f"D{r}" in kinds["list"].sqref for r in fund_rows)
    assert "D2" in kinds["whole"].sqref


def test_split_writes_one_form_per_province_and_a_folder_imports_at_once(
    run: Run, bundled_copy: Path, tmp_path: Path
) -> None:
    forms = tmp_path / "forms"
    args = ["template", "2021", "--format", "xlsx", "--split", str(forms)]
    code, out, err = run([*args, "--data", str(bundled_copy)])
    assert code == 0, err
    names = sorted(p.name for p in forms.iterdir())
    assert len(names) == 7 and "form-2021-ca-mau.xlsx" in names
    assert "form-2021-ca-mau.xlsx: 14 rows, 2 to fill" in out
    sheet = _xlsx(forms / "form-2021-ca-mau.xlsx").worksheets[0]  # type: ignore[attr-defined]
    assert {c.value for c in sheet["B"][1:]} == {"ca-mau"}
    for row in sheet.iter_rows(min_row=2):
        if row[2].value == "households_rural":
            row[3].value = 140000
        if row[2].value == "households_member":
            row[3].value = 98000
    sheet.parent.save(forms / "form-2021-ca-mau.xlsx")
    before = snapshot(bundled_copy)
    code, out, err = run(["import", str(forms), "--data", str(bundled_copy)])
    assert code == 0, err
    assert "+ households_rural = 140000" in out
    changed = {k for k, v in snapshot(bundled_copy).items() if before.get(k) != v}
    assert changed == {"actuals/2021/ca-mau.toml"}
    after = snapshot(bundled_copy)
    code, out, err = run(["import", str(forms), "--data", str(bundled_copy)])
    assert code == 0 and "nothing to change" in out
    assert snapshot(bundled_copy) == after


def test_one_bad_form_in_a_folder_and_nothing_is_written(
    run: Run, bundled_copy: Path, tmp_path: Path
) -> None:
    folder = tmp_path / "back"
    folder.mkdir()
    header = "year,province,metric,value\n"
    (folder / "a.csv").write_text(header + "2021,ca-mau,households_rural,140000\n", "utf-8")
    (folder / "b.csv").write_text(header + "2021,an-giang,coops_new,many\n", "utf-8")
    before = snapshot(bundled_copy)
    code, _out, err = run(["import", str(folder), "--data", str(bundled_copy)])
    assert code == 2
    assert "b.csv" in err and "row 2" in err and "nothing was written" in err
    assert snapshot(bundled_copy) == before


def test_two_forms_giving_different_figures_are_refused(
    run: Run, bundled_copy: Path, tmp_path: Path
) -> None:
    header = "year,province,metric,value\n"
    one, two = tmp_path / "one.csv", tmp_path / "two.csv"
    one.write_text(header + "2021,ca-mau,households_rural,140000\n", "utf-8")
    two.write_text(header + "2021,ca-mau,households_rural,150000\n", "utf-8")
    code, _out, err = run(["import", str(one), str(two), "--data", str(bundled_copy)])
    assert code == 2 and "given twice" in err and "one.csv row 2" in err


# -- who still owes what -------------------------------------------------------------


def test_missing_lists_what_is_owed_until_the_round_is_complete(
    run: Run, bundled_copy: Path
) -> None:
    code, out, err = run(["missing", "2021", "--data", str(bundled_copy), "--format", "json"])
    assert code == 1, err
    payload = json.loads(out)
    owed = {(m["province"], m["year"], m["metric"]) for m in payload["missing"]}
    assert owed == {
        ("ca-mau", 2021, "households_member"),
        ("ca-mau", 2021, "households_rural"),
        ("hau-giang", 2020, "alliance_members"),  # a growth target's baseline
    }
    code, out, _ = run(["missing", "2021", "--data", str(bundled_copy), "--lang", "vi"])
    assert code == 1 and "Số hộ nông dân" in out and "Cà Mau" in out
    sets = [
        ["set", "2021", "ca-mau", "households_member=98000", "households_rural=140000"],
        ["set", "2020", "hau-giang", "alliance_members=120"],
    ]
    for args in sets:
        assert run([*args, "--data", str(bundled_copy)])[0] == 0
    code, out, _ = run(["missing", "2021", "--data", str(bundled_copy), "--format", "csv"])
    assert code == 0
    assert out.splitlines() == [
        "province,province_name,year,reported_by,metric,metric_name,cluster"
    ]


def test_missing_of_one_province(run: Run, bundled_copy: Path) -> None:
    args = ["missing", "2021", "--province", "Cà Mau", "--data", str(bundled_copy)]
    code, out, _ = run([*args, "--format", "json"])
    assert code == 1
    assert {m["province"] for m in json.loads(out)["missing"]} == {"ca-mau"}
    code, _out, err = run(["missing", "2021", "--province", "ca-mou", "--data", str(bundled_copy)])
    assert code == 2 and "ca-mau" in err


# -- figures that cannot be right ----------------------------------------------------


def test_a_fraction_in_a_count_is_a_warning_and_strict_makes_it_an_error(
    run: Run, bundled_copy: Path
) -> None:
    args = ["set", "2021", "ca-mau", "households_rural=1.2", "--data", str(bundled_copy)]
    before = snapshot(bundled_copy)
    code, _out, err = run([*args, "--strict"])
    assert code == 2 and "1200" in err and "nothing was written" in err
    assert snapshot(bundled_copy) == before
    code, _out, err = run(args)
    assert code == 0 and "not a whole number" in err
    code, out, err = run(["validate", "--data", str(bundled_copy)])
    assert code == 0 and "warning" in out + err and "Rural households" in out + err
    assert run(["validate", "--strict", "--data", str(bundled_copy)])[0] == 2
    code, _out, err = run(["check", "2021", "--data", str(bundled_copy), "--lang", "vi"])
    assert "Số hộ nông dân = 1,2" in err or "Số hộ nông dân" in err
    assert run(["check", "2021", "--strict", "--data", str(bundled_copy)])[0] == 2


@pytest.mark.parametrize(
    ("assignment", "words"),
    [
        ("coops_effective=600", "larger than"),  # an-giang: 300 active co-ops
        ("coop_members=572000", "10 times"),  # 57,200 last year... x10
    ],
)
def test_parts_and_changes_are_flagged(
    run: Run, bundled_copy: Path, assignment: str, words: str
) -> None:
    args = ["set", "2021", "an-giang", assignment, "--force", "--data", str(bundled_copy)]
    code, _out, err = run(args)
    assert code == 0 and words in err


# -- baseline forms ------------------------------------------------------------------


def test_a_baseline_form_asks_for_what_next_years_growth_targets_need(
    run: Run, bundled_copy: Path
) -> None:
    code, out, err = run(["template", "2024", "--for", "2025", "--data", str(bundled_copy)])
    assert code == 0, err
    rows = list(csv.DictReader(io.StringIO(out)))
    assert {r["year"] for r in rows} == {"2024"}
    # Cần Thơ's 2025 growth is judged on Cần Thơ + Sóc Trăng + Hậu Giang of 2024
    assert {r["province"] for r in rows if r["metric"] == "coop_members"} >= {
        "can-tho",
        "soc-trang",
        "hau-giang",
    }
    code, _out, err = run(["template", "2025", "--for", "2024", "--data", str(bundled_copy)])
    assert code == 2 and "later year" in err
