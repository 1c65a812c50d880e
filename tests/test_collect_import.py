"""pledge template and pledge import: the reporting form, out and back in, losing nothing."""

from __future__ import annotations

import csv
import io
import json
import sys
from pathlib import Path

import pytest
from conftest import Run

FORM_HEADER = "year,province,metric,value,province_name,metric_name,kind,value_2020,targets"
# The rows these tests write are in the columns of the forms before metric_name (still read).
OLD_FORM_HEADER = "year,province,metric,value,province_name,kind,value_2020,targets"


def snapshot(root: Path) -> dict[str, tuple[bytes, int]]:
    """Every file's bytes and modification time: a rewrite with the same bytes shows too."""
    return {
        str(p.relative_to(root)): (p.read_bytes(), p.stat().st_mtime_ns)
        for p in sorted(root.rglob("*"))
        if p.is_file()
    }


def write_form(
    path: Path, rows: list[str], *, header: str = OLD_FORM_HEADER, bom: bool = False
) -> Path:
    text = "\n".join([header, *rows]) + "\n"
    path.write_bytes(("\ufeff" if bom else "").encode() + text.encode("utf-8"))
    return path


def results(
    run: Run, root: Path, year: int = 2021
) -> dict[tuple[str | None, str], dict[str, object]]:
    code, out, err = run(["check", str(year), "--data", str(root), "--format", "json"])
    assert code in (0, 1), err
    report = json.loads(out)
    return {(r["province"], r["target"]): r for p in report["pledges"] for r in p["results"]}


def metrics(root: Path, province: str, year: int = 2021) -> dict[str, object]:
    import tomllib

    text = (root / "actuals" / str(year) / f"{province}.toml").read_text("utf-8")
    return dict(tomllib.loads(text).get("metrics", {}))


# -- the form ----------------------------------------------------------------------


def test_template_lists_every_province_and_metric_the_pledges_need(
    run: Run, bundled_copy: Path
) -> None:
    code, out, err = run(["template", "2021", "--data", str(bundled_copy)])
    assert code == 0, err
    rows = list(csv.DictReader(io.StringIO(out)))
    assert list(rows[0]) == FORM_HEADER.split(",")
    assert len(rows) == 7 * 14  # seven provinces, fourteen metrics (metric and per)
    by_key = {(r["province"], r["metric"]): r for r in rows}
    an_giang = by_key[("an-giang", "coop_members")]
    assert an_giang["value"] == "57200"  # pre-filled: already recorded
    assert an_giang["value_2020"] == "52000"  # last year's, read-only help
    assert an_giang["province_name"] == "An Giang"
    assert an_giang["targets"] == "Số thành viên HTX tăng từ 8% trở lên so năm 2020"
    assert by_key[("ca-mau", "households_rural")]["value"] == ""  # not reported yet
    assert by_key[("an-giang", "has_support_fund")]["kind"] == "Yes / No"
    assert by_key[("an-giang", "has_support_fund")]["value"] == "Yes"
    assert "(denominator)" in by_key[("an-giang", "coops_active")]["targets"]


def test_last_years_figure_of_a_merged_province_is_the_sum_of_its_parts(
    run: Run, bundled_copy: Path
) -> None:
    code, out, err = run(["template", "2025", "--data", str(bundled_copy)])
    assert code == 0, err
    rows = {(r["province"], r["metric"]): r for r in csv.DictReader(io.StringIO(out))}
    # Cần Thơ 2024 + Sóc Trăng 2024 + Hậu Giang 2024, merged on 1 July 2025
    assert rows[("can-tho", "coop_members")]["value_2024"] == str(31240 + 36510 + 18350)


def test_template_of_one_cluster(run: Run, bundled_copy: Path) -> None:
    code, out, _ = run(["template", "2022", "--cluster", "tay-nguyen", "--data", str(bundled_copy)])
    assert code == 0
    provinces = {r["province"] for r in csv.DictReader(io.StringIO(out))}
    assert provinces == {"kon-tum", "gia-lai", "dak-lak", "dak-nong", "lam-dong"}


def test_template_of_a_year_without_pledge_is_refused(run: Run, bundled_copy: Path) -> None:
    code, _, err = run(["template", "2019", "--data", str(bundled_copy)])
    assert code == 2
    assert "no pledge for 2019" in err and "2021" in err


def test_a_csv_form_file_has_a_byte_order_mark_for_excel(
    run: Run, bundled_copy: Path, tmp_path: Path
) -> None:
    form = tmp_path / "form.csv"
    code, out, err = run(["template", "2021", "--data", str(bundled_copy), "-o", str(form)])
    assert code == 0, err
    assert "98 rows, 2 to fill" in out  # 96 of them already recorded
    assert form.read_bytes().startswith(b"\xef\xbb\xbf")


def test_template_never_overwrites_a_form_without_force(
    run: Run, bundled_copy: Path, tmp_path: Path
) -> None:
    form = tmp_path / "form.csv"
    form.write_text("filled in by hand", "utf-8")
    code, _, err = run(["template", "2021", "--data", str(bundled_copy), "-o", str(form)])
    assert code == 2 and "already exists" in err and "--force" in err
    assert form.read_text("utf-8") == "filled in by hand"
    code, _, _ = run(["template", "2021", "--data", str(bundled_copy), "-o", str(form), "--force"])
    assert code == 0
    assert form.read_text("utf-8-sig").startswith(FORM_HEADER)


# -- round trips -------------------------------------------------------------------


def test_csv_round_trip_changes_nothing_then_filled_blanks_are_judged(
    run: Run, bundled_copy: Path, tmp_path: Path
) -> None:
    form = tmp_path / "form.csv"
    assert run(["template", "2021", "--data", str(bundled_copy), "-o", str(form)])[0] == 0
    before = snapshot(bundled_copy)
    code, out, err = run(["import", str(form), "--data", str(bundled_copy)])
    assert code == 0, err
    assert "nothing to change" in out
    assert snapshot(bundled_copy) == before  # not even rewritten with the same bytes

    assert results(run, bundled_copy)[("ca-mau", "rural-households")]["status"] == "no-data"
    text = form.read_text("utf-8-sig")
    text = text.replace(
        "2021,ca-mau,households_member,,", '2021,ca-mau,households_member,"98.000",'
    )
    text = text.replace("2021,ca-mau,households_rural,,", "2021,ca-mau,households_rural,140000,")
    form.write_text(text, "utf-8-sig")
    code, out, err = run(["import", str(form), "--data", str(bundled_copy)])
    assert code == 0, err
    assert "+ households_member = 98000" in out
    result = results(run, bundled_copy)[("ca-mau", "rural-households")]
    assert result["status"] == "met"
    assert result["actual"] == 0.7
    changed = {k for k, v in snapshot(bundled_copy).items() if before[k] != v}
    assert changed == {"actuals/2021/ca-mau.toml"}


def test_the_form_printed_on_screen_imports_back_unchanged(
    run: Run, bundled_copy: Path, tmp_path: Path
) -> None:
    code, out, _ = run(["template", "2021", "--format", "csv", "--data", str(bundled_copy)])
    assert code == 0 and not out.startswith("\ufeff")
    form = tmp_path / "form.csv"
    form.write_text(out, "utf-8")
    before = snapshot(bundled_copy)
    code, out, err = run(["import", str(form), "--data", str(bundled_copy)])
    assert code == 0, err
    assert "nothing to change; figures already recorded: 96" in out
    assert snapshot(bundled_copy) == before


def test_xlsx_round_trip_changes_nothing_then_filled_blanks_are_judged(
    run: Run, bundled_copy: Path, tmp_path: Path
) -> None:
    import openpyxl

    form = tmp_path / "form.xlsx"
    code, out, err = run(
        ["template", "2021", "--format", "xlsx", "--data", str(bundled_copy), "-o", str(form)]
    )
    assert code == 0, err
    before = snapshot(bundled_copy)
    code, out, err = run(["import", str(form), "--data", str(bundled_copy)])
    assert code == 0, err
    assert "nothing to change" in out
    assert snapshot(bundled_copy) == before

    workbook = openpyxl.load_workbook(form)
    sheet = workbook.active
    assert sheet is not None
    assert sheet.freeze_panes == "A2"
    header = [c.value for c in sheet[1]]
    assert header == FORM_HEADER.split(",")
    for row in sheet.iter_rows(min_row=2):
        if row[1].value == "ca-mau" and row[2].value == "households_member":
            row[3].value = 98000  # a number cell
        if row[1].value == "ca-mau" and row[2].value == "households_rural":
            row[3].value = "140.000"  # text typed the Vietnamese way
    workbook.save(form)
    code, out, err = run(["import", str(form), "--data", str(bundled_copy)])
    assert code == 0, err
    result = results(run, bundled_copy)[("ca-mau", "rural-households")]
    assert result["status"] == "met" and result["actual"] == 0.7


def test_xlsx_columns_fit_and_read_only_columns_are_shaded(
    run: Run, bundled_copy: Path, tmp_path: Path
) -> None:
    import openpyxl

    form = tmp_path / "form.xlsx"
    run(["template", "2021", "--format", "xlsx", "--data", str(bundled_copy), "-o", str(form)])
    sheet = openpyxl.load_workbook(form).active
    assert sheet is not None
    assert sheet.title == "2021"
    assert sheet.column_dimensions["C"].width >= len("value_chain_models_new")
    assert sheet["E2"].fill.fgColor.rgb.endswith("EDEDED")  # province_name: help only
    assert sheet["B2"].fill.fgColor.rgb in (None, "00000000")  # province: what import reads


def test_xlsx_without_output_goes_to_form_year(
    run: Run, bundled_copy: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    code, _out, err = run(["template", "2021", "--format", "xlsx", "--data", str(bundled_copy)])
    assert code == 0, err
    assert (tmp_path / "form-2021.xlsx").is_file()


def test_importing_the_same_form_twice_changes_nothing_the_second_time(
    run: Run, bundled_copy: Path, tmp_path: Path
) -> None:
    form = write_form(tmp_path / "f.csv", ["2021,ca-mau,households_rural,140000,,,,"])
    assert run(["import", str(form), "--data", str(bundled_copy)])[0] == 0
    before = snapshot(bundled_copy)
    code, out, _ = run(["import", str(form), "--data", str(bundled_copy)])
    assert code == 0
    assert "nothing to change" in out
    assert snapshot(bundled_copy) == before


# -- how people write forms ---------------------------------------------------------


def test_vietnamese_number_writing_is_normalised(
    run: Run, bundled_copy: Path, tmp_path: Path
) -> None:
    form = write_form(
        tmp_path / "f.csv",
        [
            '2021,ca-mau,households_rural,"1.200.000",,,,',
            '2021,ca-mau,households_member,"565.874",,,,',
        ],
    )
    code, _out, err = run(["import", str(form), "--data", str(bundled_copy)])
    assert code == 0, err
    assert metrics(bundled_copy, "ca-mau")["households_rural"] == 1200000
    assert metrics(bundled_copy, "ca-mau")["households_member"] == 565874


def test_a_decimal_comma_is_written_as_a_toml_decimal(
    run: Run, bundled_copy: Path, tmp_path: Path
) -> None:
    form = write_form(tmp_path / "f.csv", ['2021,ca-mau,households_rural,"60,5",,,,'])
    code, _, err = run(["import", str(form), "--data", str(bundled_copy)])
    assert code == 0, err
    text = (bundled_copy / "actuals" / "2021" / "ca-mau.toml").read_text("utf-8")
    assert "households_rural = 60.5\n" in text


def test_a_form_with_a_byte_order_mark_and_semicolons(
    run: Run, bundled_copy: Path, tmp_path: Path
) -> None:
    form = write_form(
        tmp_path / "f.csv",
        ["2021;Cà Mau;households_rural;140000", "2021;CA MAU;households_member;98.000"],
        header="year;province;metric;value",
        bom=True,
    )
    code, _out, err = run(["import", str(form), "--data", str(bundled_copy)])
    assert code == 0, err
    assert metrics(bundled_copy, "ca-mau")["households_member"] == 98000


def test_a_tab_separated_form(run: Run, bundled_copy: Path, tmp_path: Path) -> None:
    form = write_form(
        tmp_path / "f.tsv",
        ["2021\tca-mau\thouseholds_rural\t140000"],
        header="year\tprovince\tmetric\tvalue",
    )
    code, _, err = run(["import", str(form), "--data", str(bundled_copy)])
    assert code == 0, err
    assert metrics(bundled_copy, "ca-mau")["households_rural"] == 140000


def test_blank_cells_mean_not_reported_and_never_erase(
    run: Run, bundled_copy: Path, tmp_path: Path
) -> None:
    form = write_form(
        tmp_path / "f.csv",
        ["2021,an-giang,coops_new,,,,,", "2021,an-giang,coop_members,  ,,,,", ",,,,,,,"],
    )
    before = snapshot(bundled_copy)
    code, _out, err = run(["import", str(form), "--data", str(bundled_copy)])
    assert code == 0, err
    assert snapshot(bundled_copy) == before
    assert metrics(bundled_copy, "an-giang")["coops_new"] == 32


def test_a_form_that_is_not_utf8_says_how_to_save_it(
    run: Run, bundled_copy: Path, tmp_path: Path
) -> None:
    form = tmp_path / "f.csv"
    form.write_bytes((FORM_HEADER + "\n2021,Cà Mau,households_rural,1,,,,\n").encode("cp1258"))
    code, _, err = run(["import", str(form), "--data", str(bundled_copy)])
    assert code == 2
    assert "not UTF-8" in err and "CSV UTF-8" in err


def test_year_comes_from_the_form_or_the_option(
    run: Run, bundled_copy: Path, tmp_path: Path
) -> None:
    form = write_form(
        tmp_path / "f.csv", ["ca-mau,households_rural,140000"], header="province,metric,value"
    )
    code, _, err = run(["import", str(form), "--data", str(bundled_copy)])
    assert code == 2 and "does not say its year" in err and "--year" in err
    code, _, err = run(["import", str(form), "--data", str(bundled_copy), "--year", "2021"])
    assert code == 0, err
    assert metrics(bundled_copy, "ca-mau")["households_rural"] == 140000
    dated = write_form(tmp_path / "g.csv", ["2021,ca-mau,households_rural,1,,,,"])
    code, _, err = run(["import", str(dated), "--data", str(bundled_copy), "--year", "2022"])
    assert code == 2 and "row 2: the form is for 2021, not 2022" in err


# -- mistakes in forms --------------------------------------------------------------


def test_unknown_province_and_metric_are_reported_with_their_rows(
    run: Run, bundled_copy: Path, tmp_path: Path
) -> None:
    form = write_form(
        tmp_path / "f.csv",
        [
            "2021,an-giang,coops_new,32,,,,",
            "2021,Kien Gaing,coops_new,20,,,,",
            "2021,an-giang,coops_nwe,20,,,,",
            "2021,an-giang,coop_members,lots,,,,",
        ],
    )
    before = snapshot(bundled_copy)
    code, _, err = run(["import", str(form), "--data", str(bundled_copy)])
    assert code == 2
    assert 'row 3: unknown province "Kien Gaing" (did you mean "kien-giang"?)' in err
    assert 'row 4: unknown metric "coops_nwe"' in err and 'did you mean "coops_new"?' in err
    assert 'row 5: coop_members: "lots" is not a number' in err
    assert "3 problems" in err and "nothing was written" in err
    assert snapshot(bundled_copy) == before


def test_a_form_without_the_needed_columns(run: Run, bundled_copy: Path, tmp_path: Path) -> None:
    form = write_form(tmp_path / "f.csv", ["2021,an-giang,32"], header="year,tinh,value")
    code, _, err = run(["import", str(form), "--data", str(bundled_copy)])
    assert code == 2
    assert "no province, metric column" in err


def test_a_figure_given_twice_differently(run: Run, bundled_copy: Path, tmp_path: Path) -> None:
    form = write_form(
        tmp_path / "f.csv",
        ["2021,ca-mau,households_rural,1,,,,", "2021,Cà Mau,households_rural,2,,,,"],
    )
    code, _, err = run(["import", str(form), "--data", str(bundled_copy)])
    assert code == 2
    assert "row 3: households_rural of ca-mau is given twice: 1 (row 2) and 2" in err


def test_a_negative_count_is_refused(run: Run, bundled_copy: Path, tmp_path: Path) -> None:
    form = write_form(tmp_path / "f.csv", ["2021,ca-mau,households_rural,-5,,,,"])
    code, _, err = run(["import", str(form), "--data", str(bundled_copy)])
    assert code == 2 and "row 2: households_rural: a count cannot be negative" in err


def test_a_true_false_metric_takes_vietnamese_words(
    run: Run, bundled_copy: Path, tmp_path: Path
) -> None:
    form = write_form(tmp_path / "f.csv", ["2021,ca-mau,has_support_fund,Có,,,,"])
    code, out, err = run(["import", str(form), "--data", str(bundled_copy)])
    assert code == 0, err
    assert "nothing to change" in out  # Cà Mau already reported true
    form = write_form(tmp_path / "f.csv", ["2021,ca-mau,has_support_fund,maybe,,,,"])
    code, _, err = run(["import", str(form), "--data", str(bundled_copy)])
    assert code == 2 and '"maybe" is not true or false' in err


@pytest.mark.parametrize(
    "header", ["year,province,metric,value", "Năm,Mã tỉnh,Mã chỉ tiêu,Số liệu"], ids=["en", "vi"]
)
@pytest.mark.parametrize(
    ("word", "expected"),
    [
        ("Yes", True),
        ("NO", False),
        ("có", True),
        ("KHÔNG", False),
        ("Khong", False),
        ("True", True),
        ("false", False),
    ],
)
def test_a_yes_no_figure_reads_yes_no_co_khong_or_true_false_in_either_form(
    run: Run, bundled_copy: Path, tmp_path: Path, header: str, word: str, expected: bool
) -> None:
    form = write_form(tmp_path / "f.csv", [f"2021,ca-mau,has_support_fund,{word}"], header=header)
    code, _out, err = run(["import", str(form), "--force", "--data", str(bundled_copy)])
    assert code == 0, err
    assert metrics(bundled_copy, "ca-mau")["has_support_fund"] is expected


@pytest.mark.parametrize(("lang", "words"), [("en", ("Yes", "No")), ("vi", ("Có", "Không"))])
def test_the_form_writes_yes_no_in_the_readers_language_and_reads_it_back(
    run: Run, bundled_copy: Path, tmp_path: Path, lang: str, words: tuple[str, str]
) -> None:
    import openpyxl

    form = tmp_path / "form.xlsx"
    code, _, err = run(
        [
            "template",
            "2021",
            "--format",
            "xlsx",
            "--lang",
            lang,
            "--data",
            str(bundled_copy),
            "-o",
            str(form),
        ]
    )
    assert code == 0, err
    sheet = openpyxl.load_workbook(form).worksheets[0]
    rows = [[c.value for c in row] for row in sheet.iter_rows(min_row=2)]
    fund = next(r for r in rows if r[1] == "an-giang" and r[2] == "has_support_fund")
    assert fund[3] == words[0]  # An Giang reported true
    lists = [v.formula1 for v in sheet.data_validations.dataValidation if v.type == "list"]
    assert lists == ['"' + ",".join(words) + '"']
    code, csv_out, err = run(["template", "2021", "--lang", lang, "--data", str(bundled_copy)])
    assert code == 0 and f",{words[0]}," in csv_out
    assert "true" not in csv_out.split("has_support_fund", 1)[1].split("\n", 1)[0]
    before = snapshot(bundled_copy)
    code, out, err = run(["import", str(form), "--data", str(bundled_copy)])
    assert code == 0, err
    assert "nothing to change" in out
    assert snapshot(bundled_copy) == before  # the form's own words read back unchanged


def test_a_conflicting_value_is_refused_without_force(
    run: Run, bundled_copy: Path, tmp_path: Path
) -> None:
    form = write_form(
        tmp_path / "f.csv", ["2021,an-giang,coops_new,33,,,,", "2021,ca-mau,households_rural,9,,,,"]
    )
    before = snapshot(bundled_copy)
    code, out, err = run(["import", str(form), "--data", str(bundled_copy)])
    assert code == 2
    assert "figures that differ from what is recorded: 1; nothing was written" in err
    assert "An Giang (an-giang) coops_new: recorded 32, new 33 (row 2)" in err
    assert "--force" in err
    assert snapshot(bundled_copy) == before  # not even the figure that did not conflict
    code, out, err = run(["import", str(form), "--data", str(bundled_copy), "--force"])
    assert code == 0, err
    assert "~ coops_new = 33 (was 32)" in out
    assert metrics(bundled_copy, "an-giang")["coops_new"] == 33


def test_dry_run_shows_the_plan_and_writes_nothing(
    run: Run, bundled_copy: Path, tmp_path: Path
) -> None:
    form = write_form(
        tmp_path / "f.csv",
        ["2021,ca-mau,households_rural,140000,,,,", "2021,an-giang,coops_new,33,,,,"],
    )
    before = snapshot(bundled_copy)
    code, out, err = run(["import", str(form), "--data", str(bundled_copy), "--dry-run", "--force"])
    assert code == 0, err
    assert "actuals/2021/ca-mau.toml (Cà Mau): 1 added, 0 changed, 0 unchanged" in out
    assert "+ households_rural = 140000" in out
    assert "~ coops_new = 33 (was 32)" in out
    assert "dry run: nothing was written" in out
    assert snapshot(bundled_copy) == before


def test_a_new_report_is_created_with_a_header(
    run: Run, bundled_copy: Path, tmp_path: Path
) -> None:
    form = write_form(tmp_path / "f.csv", ["2022,Kon Tum,coop_members,12.345,,,,"])
    (bundled_copy / "actuals" / "2022" / "kon-tum.toml").unlink()
    code, out, err = run(["import", str(form), "--data", str(bundled_copy)])
    assert code == 0, err
    assert "new report, 1 added" in out
    text = (bundled_copy / "actuals" / "2022" / "kon-tum.toml").read_text("utf-8")
    assert text.startswith(
        "# Kon Tum: year-end figures for 2022.\n# Written by pledge import from f.csv.\n"
    )
    assert "[metrics]\ncoop_members = 12345\n" in text


def test_import_validates_like_validate(run: Run, bundled_copy: Path, tmp_path: Path) -> None:
    broken = bundled_copy / "actuals" / "2021" / "bac-lieu.toml"
    broken.write_text(broken.read_text("utf-8").replace("coops_new = ", "coops_new = -"), "utf-8")
    form = write_form(tmp_path / "f.csv", ["2021,bac-lieu,households_rural,140000,,,,"])
    code, _, err = run(["import", str(form), "--data", str(bundled_copy)])
    assert code == 2
    assert "a count cannot be negative" in err and "bac-lieu.toml" in err
    assert "fix this report first" in err


def test_an_old_excel_file_is_refused_with_a_hint(
    run: Run, bundled_copy: Path, tmp_path: Path
) -> None:
    form = tmp_path / "f.xls"
    form.write_bytes(b"\xd0\xcf\x11\xe0")
    code, _, err = run(["import", str(form), "--data", str(bundled_copy)])
    assert code == 2 and "old Excel format" in err and ".xlsx" in err


def test_a_broken_xlsx_is_one_clear_line(run: Run, bundled_copy: Path, tmp_path: Path) -> None:
    form = tmp_path / "f.xlsx"
    form.write_bytes(b"not a zip")
    code, _, err = run(["import", str(form), "--data", str(bundled_copy)])
    assert code == 2 and "cannot read" in err and "Excel workbook" in err
    assert len(err.strip().splitlines()) == 1


def test_without_openpyxl_xlsx_gives_a_one_line_install_hint(
    run: Run, bundled_copy: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setitem(sys.modules, "openpyxl", None)  # as if it were not installed
    # the form's workbook is written without openpyxl (pledgecli.collect.book_xml)
    form_out = tmp_path / "f.xlsx"
    args = [
        "template",
        "2021",
        "--format",
        "xlsx",
        "--data",
        str(bundled_copy),
        "-o",
        str(form_out),
    ]
    assert run(args)[0] == 0 and form_out.read_bytes().startswith(b"PK")
    form = tmp_path / "g.xlsx"
    form.write_bytes(b"PK")
    code, _, err = run(["import", str(form), "--data", str(bundled_copy)])
    assert code == 2 and "python3 -m pip install openpyxl" in err
    # CSV needs no openpyxl at all
    assert run(["template", "2021", "--data", str(bundled_copy)])[0] == 0


def test_csv_work_never_imports_openpyxl(
    run: Run, bundled_copy: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delitem(sys.modules, "openpyxl", raising=False)
    form = tmp_path / "f.csv"
    run(["template", "2021", "--data", str(bundled_copy), "-o", str(form)])
    run(["import", str(form), "--data", str(bundled_copy)])
    assert "openpyxl" not in sys.modules


def test_an_uncomputed_formula_is_not_taken_for_blank(
    run: Run, bundled_copy: Path, tmp_path: Path
) -> None:
    import openpyxl

    workbook = openpyxl.Workbook()
    sheet = workbook.active
    assert sheet is not None
    sheet.append(["year", "province", "metric", "value"])
    sheet.append([2021, "ca-mau", "households_rural", "=100000+40000"])
    form = tmp_path / "f.xlsx"
    workbook.save(form)
    code, _, err = run(["import", str(form), "--data", str(bundled_copy)])
    assert code == 2
    assert "row 2: households_rural: the formula =100000+40000 has no computed value" in err


def test_an_import_leaves_the_cyclic_collector_as_it_found_it(
    run: Run, bundled_copy: Path, tmp_path: Path
) -> None:
    """Import sets the data it has read aside from the collector (gc.freeze) and looks
    for cycles less often while it works: a program (or these tests) that runs it in
    process gets the collector back as it was, nothing left frozen, whether the import
    wrote, was refused or failed."""
    import gc

    form = write_form(
        tmp_path / "f.csv", ["2021,an-giang,coops_new,33,,,,", "2021,ca-mau,households_rural,9,,,,"]
    )
    bad = write_form(tmp_path / "bad.csv", ["2021,nowhere,coops_new,33,,,,"])
    was_enabled = gc.isenabled()
    gc.enable()  # as a program that runs pledge in process has it
    try:
        thresholds = gc.get_threshold()
        for argv, expected in (
            (["import", str(form), "--dry-run"], 2),  # plans, writes nothing
            (["import", str(form)], 2),  # refused: a figure differs from the recorded one
            (["import", str(bad)], 2),  # an unknown province
            (["set", "2021", "an-giang", "coops_new=34", "--dry-run", "--force"], 0),
            (["set", "2021", "an-giang", "coops_new=34", "--force"], 0),
            (["import", str(form), "--force"], 0),
        ):
            code, _out, err = run([*argv, "--data", str(bundled_copy)])
            assert code == expected, (argv, err)
            assert gc.get_freeze_count() == 0, argv
            assert gc.get_threshold() == thresholds
            assert gc.isenabled()
    finally:
        gc.unfreeze()
        if not was_enabled:
            gc.disable()
    assert metrics(bundled_copy, "an-giang")["coops_new"] == 33


@pytest.mark.parametrize(
    "text", ["row {row}", "dòng {row}", "{row}", "hàng {row} (mẫu)", "{{row}} {row}", "{row}{row}", "row"]
)
def test_each_row_is_named_as_format_names_it(text: str) -> None:
    """A form's rows are named by joining what comes around ``{row}`` in the (translated)
    "row {row}": the same words as ``str.format``, or ``format`` itself when the text is
    not that simple."""
    from pledgecli.collect.importer import _around_row

    head, tail = _around_row(text)
    for number in (1, 2, 10, 172_692, 400_001):
        named = f"{head}{number}{tail}" if head is not None else text.format(row=number)
        assert named == text.format(row=number)
    assert (head is None) == (text.count("{") != 1 or "{{" in text)


def test_the_plan_writes_each_figure_as_it_is_even_when_equal_figures_differ() -> None:
    """The plan's lines name each added figure's text once per figure object: figures that
    are equal yet written differently (0 and -0, 10 and 1E+1, 1.5 and 1.50) keep their own
    text, and a figure shared by many reports is written the same in each."""
    from decimal import Decimal

    from pledgecli.render.plan import _figure, plan_lines
    from pledgecli.round_outcomes import Change, FilePlan, Plan

    shared = Decimal("4505.0")
    values: list[Decimal | bool] = [
        Decimal("0"), Decimal("-0"), Decimal("10"), Decimal("1E+1"), Decimal("1.5"),
        Decimal("1.50"), shared, shared, True, False, Decimal("0.000001"), Decimal("1E-7"),
    ]
    files = [
        FilePlan(
            f"p{n}", f"Xã {n}", Path(f"/nowhere/p{n}.toml"), False,
            added=[Change(f"p{n}", f"m{i}", None, v, f"row {i}") for i, v in enumerate(values)],
        )
        for n in range(2)
    ]
    lines = plan_lines(Plan(2026, files, [], [], []), lambda path: path.name)
    added = [line for line in lines if line.startswith("  + ")]
    assert added == [f"  + m{i} = {_figure(v)}" for _n in range(2) for i, v in enumerate(values)]
    assert "  + m1 = -0" in added and "  + m0 = 0" in added
