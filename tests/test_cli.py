"""The ``pledge`` command through the in-process runner, with Rich pinned to 80 columns."""

from __future__ import annotations

import csv
import io
import json
import re
import shutil
import unicodedata
from collections import Counter
from pathlib import Path
from typing import Any

import pytest
from conftest import Run, WriteData
from rich.cells import cell_len

STATUS_COUNTS_2021 = {"met": 61, "missed": 15, "no-data": 1, "no-baseline": 1}
PROVINCES_2021 = ["Cần Thơ", "Sóc Trăng", "Bạc Liêu", "Cà Mau", "An Giang", "Kiên Giang", "Hậu Giang"]
PROVINCES_2022 = ["Kon Tum", "Gia Lai", "Đắk Lắk", "Đắk Nông", "Lâm Đồng"]
TARGETS_2021 = [
    "new-coops",
    "new-unions",
    "effective-rate",
    "managers-trained-growth",
    "members-growth",
    "rural-households",
    "value-chain-models",
    "alliance-members-growth",
    "support-fund",
    "training-plan",
    "staff-trained-rate",
    "cluster-new-coops",
]


def words(text: str) -> str:
    """Whitespace collapsed, so wrapped text reads as one line."""
    return " ".join(text.split())


def check_json(run: Run, *args: str) -> tuple[int, dict[str, Any]]:
    code, out, _ = run(["check", *args, "--format", "json"])
    return code, json.loads(out)


def results_of(payload: dict[str, Any]) -> list[dict[str, Any]]:
    return [r for pledge in payload["pledges"] for r in pledge["results"]]


def result(payload: dict[str, Any], province: str | None, target: str) -> dict[str, Any]:
    (found,) = [r for r in results_of(payload) if (r["province"], r["target"]) == (province, target)]
    return found


def assert_fits(text: str, width: int = 80) -> None:
    for line in text.splitlines():
        assert cell_len(line) <= width, f"{cell_len(line)} cells: {line!r}"
        assert len(line) <= width, f"{len(line)} characters: {line!r}"


# -- the table -------------------------------------------------------------------------


def test_check_2021_table(run: Run, bundled: Path) -> None:
    code, out, err = run(["check", "2021", "--data", str(bundled)])
    assert code == 1
    assert err == ""
    assert "Tây Nam sông Hậu" in out
    for name in PROVINCES_2021:
        assert name in out
    flat = words(out)
    for target in TARGETS_2021:
        assert f"({target}:" in flat, f"legend lacks {target}"
    # the legend gives each target's full text
    assert "HTX hoạt động có hiệu quả đạt 60% trở lên trên tổng số HTX đang hoạt động" in flat
    assert "Toàn Cụm thành lập mới ít nhất 150 HTX" in flat
    for label in (f"T{n}" for n in range(1, 13)):
        assert re.search(rf"^{label}\s", out, re.MULTILINE), f"no legend line for {label}"
    assert "61 met" in out
    assert "15 missed" in out
    assert "1 no data" in out
    assert "1 no baseline" in out


def test_table_marks_are_unmistakable(run: Run, bundled: Path) -> None:
    _, out, _ = run(["check", "2021", "--data", str(bundled)])
    assert "✓" in out and "✗" in out and "no data" in out
    cà_mau = [line for line in out.splitlines() if line.startswith("Cà Mau")]
    assert any("no data" in line for line in cà_mau)
    assert any("✗ 17" in line for line in cà_mau), "Cà Mau's 17 new co-ops missed 20"


@pytest.mark.parametrize(
    "args",
    [
        ["check", "2021"],
        ["check", "2022"],
        ["check", "2021", "--province", "an-giang"],
        ["check", "2021", "--province", "kien-giang"],
        ["check", "2022", "--province", "dak-lak"],
        ["validate"],
    ],
    ids=" ".join,
)
def test_table_fits_80_columns(run: Run, bundled: Path, args: list[str]) -> None:
    code, out, err = run([*args, "--data", str(bundled)])
    assert code in (0, 1)
    assert out.strip()
    assert_fits(out)
    assert_fits(err)


def test_no_colour_when_not_a_terminal(run: Run, bundled: Path) -> None:
    _, out, err = run(["check", "2021", "--data", str(bundled)])
    assert "\x1b[" not in out + err


def test_long_names_and_many_targets_still_fit_80_columns(
    run: Run, write_data: WriteData, tmp_path: Path
) -> None:
    targets = "".join(
        f"""
        [[targets]]
        id = "target-with-a-rather-long-id-{i}"
        text = "Chỉ tiêu số {i}: thành lập mới ít nhất một trăm hợp tác xã nông nghiệp kiểu mới"
        metric = "m{i}"
        per = "d"
        at_least = "33.5%"
        """
        for i in range(9)
    )
    metrics = "".join(f"m{i} = {i * 1234567}\n" for i in range(9))
    root = write_data(
        tmp_path,
        {
            "provinces.toml": """
                [an-giang]
                name = "Liên minh Hợp tác xã tỉnh An Giang và các vùng phụ cận"
                [can-tho]
                name = "Cần Thơ"
            """,
            "pledges/2021/cum.toml": 'name = "Cụm"\nprovinces = ["an-giang", "can-tho"]\n' + targets,
            "actuals/2021/an-giang.toml": "[metrics]\nd = 3\n" + metrics,
            "actuals/2021/can-tho.toml": "[metrics]\nd = 7\n" + metrics,
        },
    )
    for extra in ([], ["--province", "an-giang"]):
        code, out, _ = run(["check", "2021", "--data", str(root), *extra])
        assert code == 1
        assert_fits(out)
        assert "Liên minh" in out, "long province names are folded, not cut"


def test_user_text_is_not_rich_markup(run: Run, write_data: WriteData, tmp_path: Path) -> None:
    root = write_data(
        tmp_path,
        {
            "provinces.toml": '[an-giang]\nname = "[bold]An Giang[/bold]"\n',
            "pledges/2021/cum.toml": """
                name = "Cụm [red]x[/red]"
                provinces = ["an-giang"]
                [[targets]]
                id = "t"
                text = "[i]Chỉ tiêu[/i]"
                metric = "n"
                at_least = 1
            """,
            "actuals/2021/an-giang.toml": "[metrics]\nn = 1\n",
        },
    )
    code, out, _ = run(["check", "2021", "--data", str(root)])
    assert code == 0
    assert "[bold]An Giang[/bold]" in out
    assert "Cụm [red]x[/red]" in out
    assert "[i]Chỉ tiêu[/i]" in out


# -- the detail view of one province ------------------------------------------------------


@pytest.mark.parametrize(
    "typed",
    [
        "can-tho",
        "Cần Thơ",
        "cần thơ",
        "can tho",
        "CAN THO",
        "TP Cần Thơ",
        unicodedata.normalize("NFD", "Cần Thơ"),
    ],
)
def test_province_option_accepts_what_people_type(run: Run, bundled: Path, typed: str) -> None:
    code, payload = check_json(run, "2021", "--data", str(bundled), "--province", typed)
    assert code == 1
    provinces = {r["province"] for r in results_of(payload)}
    assert provinces == {"can-tho"}
    assert len(results_of(payload)) == 11


def test_province_detail_view(run: Run, bundled: Path) -> None:
    code, out, _ = run(["check", "2021", "--data", str(bundled), "--province", "Soc Trang"])
    assert code == 1
    header = next(line for line in out.splitlines() if "Threshold" in line)
    for column in ("Target", "Threshold", "Actual", "Gap", "Status"):
        assert column in header
    assert "Sóc Trăng" in out
    for other in ("Cần Thơ", "Bạc Liêu", "Hậu Giang"):
        assert other not in out
    flat = words(out)
    # effective-rate: 156 of 260 is exactly 60%: met with no gap
    assert "≥ 60%" in flat
    assert "met" in flat and "missed" in flat
    # value-chain-models: 1 of 2 missed by one
    assert re.search(r"≥ 2\s+1\s+-1\s+✗ missed", out)


def test_province_detail_shows_gap_in_points(run: Run, bundled: Path) -> None:
    _, out, _ = run(["check", "2022", "--data", str(bundled), "--province", "dak-lak"])
    assert re.search(r"≥ 60%\s+70\.3%\s+\+10\.3 pp\s+✓ met", out)
    assert re.search(r"≥ 20\s+72\s+\+52\s+✓ met", out)


def test_exit_0_when_every_shown_result_is_met(run: Run, bundled: Path) -> None:
    for province in ("dak-lak", "Lâm Đồng"):
        code, out, err = run(["check", "2022", "--data", str(bundled), "--province", province])
        assert code == 0, out + err
        assert "4 met" in out


def test_exit_1_when_one_shown_result_is_missed(run: Run, bundled: Path) -> None:
    code, payload = check_json(run, "2021", "--data", str(bundled), "--province", "an-giang")
    assert code == 1
    statuses = Counter(r["status"] for r in results_of(payload))
    assert statuses == {"met": 10, "missed": 1}


def test_province_json_leaves_out_cluster_results(run: Run, bundled: Path) -> None:
    _, payload = check_json(run, "2022", "--data", str(bundled), "--province", "dak-lak")
    assert all(r["province"] == "dak-lak" for r in results_of(payload))
    assert {r["target"] for r in results_of(payload)} == {
        "new-coops",
        "effective-rate",
        "members-growth",
        "support-fund",
    }


# -- --cluster --------------------------------------------------------------------------


@pytest.fixture
def two_clusters(bundled: Path, tmp_path: Path) -> Path:
    """The bundled data plus a second 2021 pledge, signed by the Tây Nguyên provinces."""
    root = tmp_path / "data"
    shutil.copytree(bundled, root)
    (root / "pledges/2021/tay-nguyen.toml").write_text(
        'name = "Cụm Tây Nguyên"\n'
        'provinces = ["kon-tum", "gia-lai", "dak-lak", "dak-nong", "lam-dong"]\n'
        '[[targets]]\nid = "new-coops"\ntext = "Thành lập mới ít nhất 10 HTX"\n'
        'metric = "coops_new"\nat_least = 10\n',
        encoding="utf-8",
    )
    return root


def test_cluster_option_selects_one_pledge(run: Run, two_clusters: Path) -> None:
    _, both = check_json(run, "2021", "--data", str(two_clusters))
    assert {p["cluster"] for p in both["pledges"]} == {"tay-nam-song-hau", "tay-nguyen"}
    code, one = check_json(run, "2021", "--data", str(two_clusters), "--cluster", "tay-nguyen")
    assert [p["cluster"] for p in one["pledges"]] == ["tay-nguyen"]
    assert code == 0
    code, out, _ = run(["check", "2021", "--data", str(two_clusters), "--cluster", "tay-nam-song-hau"])
    assert code == 1
    assert "Cần Thơ" in out and "Kon Tum" not in out


def test_province_option_selects_its_clusters(run: Run, two_clusters: Path) -> None:
    _, payload = check_json(run, "2021", "--data", str(two_clusters), "--province", "Gia Lai")
    assert [p["cluster"] for p in payload["pledges"]] == ["tay-nguyen"]


# -- JSON -------------------------------------------------------------------------------


def test_json_contract(run: Run, bundled: Path) -> None:
    code, payload = check_json(run, "2021", "--data", str(bundled))
    assert code == 1
    assert payload["year"] == 2021
    (pledge,) = payload["pledges"]
    assert pledge["cluster"] == "tay-nam-song-hau"
    assert pledge["name"] == "Cụm thi đua Liên minh HTX các tỉnh, thành phố Tây Nam sông Hậu"
    assert [t["id"] for t in pledge["targets"]] == TARGETS_2021
    for target in pledge["targets"]:
        assert {"id", "text", "metric", "rule", "scope"} <= set(target)
    rules = {t["id"]: (t["rule"], t["scope"], t["metric"]) for t in pledge["targets"]}
    assert rules["effective-rate"] == ("at_least", "province", "coops_effective")
    assert rules["members-growth"] == ("growth_at_least", "province", "coop_members")
    assert rules["support-fund"] == ("must_be", "province", "has_support_fund")
    assert rules["cluster-new-coops"] == ("at_least", "cluster", "coops_new")
    for r in pledge["results"]:
        assert {"province", "target", "status", "actual", "threshold"} <= set(r)
    assert len(pledge["results"]) == 7 * 11 + 1


def test_json_status_counts(run: Run, bundled: Path) -> None:
    _, payload = check_json(run, "2021", "--data", str(bundled))
    assert Counter(r["status"] for r in results_of(payload)) == STATUS_COUNTS_2021
    _, payload = check_json(run, "2022", "--data", str(bundled))
    assert Counter(r["status"] for r in results_of(payload)) == {"met": 18, "missed": 3}


def test_json_values(run: Run, bundled: Path) -> None:
    _, payload = check_json(run, "2021", "--data", str(bundled))
    cluster = result(payload, None, "cluster-new-coops")
    assert (cluster["status"], cluster["actual"], cluster["threshold"]) == ("met", 157, 150)
    rate = result(payload, "soc-trang", "effective-rate")
    assert (rate["status"], rate["actual"], rate["threshold"]) == ("met", 0.6, 0.6)
    growth = result(payload, "bac-lieu", "managers-trained-growth")
    assert (growth["status"], growth["actual"], growth["threshold"]) == ("met", 0.1, 0.1)
    members = result(payload, "ca-mau", "members-growth")
    assert (members["status"], members["actual"], members["threshold"]) == ("met", 0.08, 0.08)
    kien_giang = result(payload, "kien-giang", "new-coops")
    assert (kien_giang["status"], kien_giang["actual"], kien_giang["threshold"]) == ("met", 15, 15)
    staff = result(payload, "hau-giang", "staff-trained-rate")
    assert (staff["status"], staff["actual"]) == ("met", 0.4)
    missed = result(payload, "kien-giang", "members-growth")
    assert missed["status"] == "missed"
    assert 0.07997 < missed["actual"] < 0.08
    fund = result(payload, "hau-giang", "support-fund")
    assert (fund["status"], fund["actual"], fund["threshold"]) == ("missed", False, True)
    no_data = result(payload, "ca-mau", "rural-households")
    assert (no_data["status"], no_data["actual"]) == ("no-data", None)
    no_base = result(payload, "hau-giang", "alliance-members-growth")
    assert (no_base["status"], no_base["actual"]) == ("no-baseline", None)


def test_json_2022_boundary(run: Run, bundled: Path) -> None:
    _, payload = check_json(run, "2022", "--data", str(bundled))
    lam_dong = result(payload, "lam-dong", "new-coops")
    assert (lam_dong["status"], lam_dong["actual"], lam_dong["threshold"]) == ("met", 20, 20)
    cluster = result(payload, None, "cluster-new-coops")
    assert (cluster["status"], cluster["actual"]) == ("met", 199)


# -- CSV --------------------------------------------------------------------------------


def read_csv(text: str) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(text, newline="")))


def test_csv_one_row_per_result(run: Run, bundled: Path) -> None:
    code, out, _ = run(["check", "2021", "--data", str(bundled), "--format", "csv"])
    assert code == 1
    header = next(csv.reader(io.StringIO(out)))
    for column in ("province", "province_name", "target", "status", "actual", "threshold"):
        assert column in header
    rows = read_csv(out)
    assert len(rows) == 78
    assert Counter(r["status"] for r in rows) == STATUS_COUNTS_2021
    (soc_trang,) = [
        r for r in rows if (r["province"], r["target"]) == ("soc-trang", "effective-rate")
    ]
    assert soc_trang["province_name"] == "Sóc Trăng"
    assert float(soc_trang["actual"]) == 0.6
    (cluster,) = [r for r in rows if r["target"] == "cluster-new-coops"]
    assert (cluster["province"], cluster["actual"], cluster["threshold"]) == ("", "157", "150")


@pytest.fixture
def formula_data(write_data: WriteData, tmp_path: Path) -> Path:
    """Names and target ids that a spreadsheet would run as formulas."""
    return write_data(
        tmp_path,
        {
            "provinces.toml": """
                [an-giang]
                name = "=SUM(A1)"
                [can-tho]
                name = "+Cần Thơ"
                [dak-lak]
                name = "@Đắk Lắk"
                [bac-lieu]
                name = "-Bạc Liêu"
            """,
            "pledges/2021/cum.toml": """
                name = "Cụm | thử"
                provinces = ["an-giang", "can-tho", "dak-lak", "bac-lieu"]

                [[targets]]
                id = "-minus"
                text = "Chỉ tiêu | có gạch đứng"
                metric = "n"
                at_least = 20

                [[targets]]
                id = "=eq"
                text = "=1+1"
                metric = "n"
                scope = "cluster"
                at_least = 1

                [[targets]]
                id = "g"
                text = "Tăng trưởng"
                metric = "n"
                growth_at_least = "10%"
            """,
            "actuals/2021/an-giang.toml": "[metrics]\nn = 5\n",
            "actuals/2021/can-tho.toml": "[metrics]\nn = 25\n",
            "actuals/2021/dak-lak.toml": "[metrics]\nn = 20\n",
            "actuals/2021/bac-lieu.toml": "[metrics]\nn = 21\n",
            "actuals/2020/an-giang.toml": "[metrics]\nn = 10\n",
        },
    )


def test_csv_cannot_run_formulas(run: Run, formula_data: Path) -> None:
    code, out, _ = run(["check", "2021", "--data", str(formula_data), "--format", "csv"])
    assert code == 1
    rows = read_csv(out)
    names = {r["province"]: r["province_name"] for r in rows if r["province"]}
    assert names == {
        "an-giang": "'=SUM(A1)",
        "can-tho": "'+Cần Thơ",
        "dak-lak": "'@Đắk Lắk",
        "bac-lieu": "'-Bạc Liêu",
    }
    assert {r["target"] for r in rows} == {"'-minus", "'=eq", "g"}
    for row in rows:
        for value in row.values():
            assert not value.startswith(("=", "+", "-", "@")) or _is_number(value), row


def _is_number(text: str) -> bool:
    try:
        float(text)
    except ValueError:
        return False
    return True


def test_csv_negative_numbers_stay_numbers(run: Run, formula_data: Path) -> None:
    _, out, _ = run(["check", "2021", "--data", str(formula_data), "--format", "csv"])
    rows = read_csv(out)
    (count,) = [r for r in rows if (r["province"], r["target"]) == ("an-giang", "'-minus")]
    assert (count["actual"], count["threshold"]) == ("5", "20")
    if "gap" in count:
        assert count["gap"] == "-15"
    (growth,) = [r for r in rows if (r["province"], r["target"]) == ("an-giang", "g")]
    assert float(growth["actual"]) == -0.5
    assert growth["actual"].startswith("-")


# -- Markdown ---------------------------------------------------------------------------

_CELL_SPLIT = re.compile(r"(?<!\\)\|")


def table_rows(markdown: str) -> list[list[str]]:
    rows = []
    for line in markdown.splitlines():
        if line.startswith("|"):
            rows.append([cell.strip() for cell in _CELL_SPLIT.split(line)[1:-1]])
    return rows


def test_markdown_table(run: Run, bundled: Path) -> None:
    code, out, _ = run(["check", "2021", "--data", str(bundled), "--format", "markdown"])
    assert code == 1
    rows = table_rows(out)
    assert len({len(row) for row in rows}) == 1, "every row has as many cells as the header"
    assert re.fullmatch(r"[-: ]+", "".join(rows[1])), "second row separates the header"
    labels = [row[0] for row in rows[2:]]
    for name in PROVINCES_2021:
        assert name in labels
    assert len(rows) == 2 + 7 + 1


def test_markdown_escapes_pipes(run: Run, formula_data: Path) -> None:
    _, out, _ = run(["check", "2021", "--data", str(formula_data), "--format", "markdown"])
    assert "Chỉ tiêu \\| có gạch đứng" in out
    assert "Cụm \\| thử" in out
    rows = table_rows(out)
    assert len({len(row) for row in rows}) == 1


def test_markdown_detail_escapes_pipes(run: Run, formula_data: Path) -> None:
    _, out, _ = run(
        ["check", "2021", "--data", str(formula_data), "--format", "markdown", "--province", "can-tho"]
    )
    rows = table_rows(out)
    assert len({len(row) for row in rows}) == 1
    assert any("Chỉ tiêu \\| có gạch đứng" in cell for row in rows for cell in row)


def test_markdown_text_on_several_lines_stays_in_one_row(
    run: Run, write_data: WriteData, tmp_path: Path, provinces_toml: str
) -> None:
    root = write_data(
        tmp_path,
        {
            "provinces.toml": provinces_toml,
            "pledges/2021/cum.toml": '''
                name = "Cụm"
                provinces = ["an-giang"]
                [[targets]]
                id = "t"
                text = """Dòng một
                dòng hai"""
                metric = "n"
                at_least = 1
            ''',
            "actuals/2021/an-giang.toml": "[metrics]\nn = 1\n",
        },
    )
    for extra in ([], ["--province", "an-giang"]):
        code, out, _ = run(["check", "2021", "--data", str(root), "--format", "markdown", *extra])
        assert code == 0
        assert "Dòng một dòng hai" in out
        assert not any(line.strip().startswith("dòng hai") for line in out.splitlines())


# -- errors: exit 2, one clear line on stderr, no traceback ------------------------------------


def assert_one_line_error(out: str, err: str) -> str:
    assert out == ""
    lines = err.strip().splitlines()
    assert len(lines) == 1, err
    assert lines[0].startswith("error: ")
    return lines[0]


def test_no_pledge_for_year(run: Run, bundled: Path) -> None:
    code, out, err = run(["check", "2019", "--data", str(bundled)])
    assert code == 2
    line = assert_one_line_error(out, err)
    assert "2019" in line
    assert "2021" in line and "2022" in line


def test_missing_data_directory(run: Run, tmp_path: Path) -> None:
    missing = tmp_path / "nowhere"
    code, out, err = run(["check", "2021", "--data", str(missing)])
    assert code == 2
    line = assert_one_line_error(out, err)
    assert str(missing) in line


def test_missing_default_data_directory(
    run: Run, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    code, out, err = run(["check", "2021"])
    assert code == 2
    line = assert_one_line_error(out, err)
    assert "data" in line and "--data" in line and "PLEDGE_DATA" in line


def test_unknown_cluster(run: Run, bundled: Path) -> None:
    code, out, err = run(["check", "2021", "--data", str(bundled), "--cluster", "tay-nam"])
    assert code == 2
    line = assert_one_line_error(out, err)
    assert '"tay-nam"' in line
    assert 'did you mean "tay-nam-song-hau"?' in line


def test_unknown_province(run: Run, bundled: Path) -> None:
    code, out, err = run(["check", "2021", "--data", str(bundled), "--province", "Can Thoo"])
    assert code == 2
    line = assert_one_line_error(out, err)
    assert "Can Thoo" in line
    assert "did you mean" in line and ("can-tho" in line or "Cần Thơ" in line)


def test_province_that_signs_no_pledge_of_the_year(run: Run, bundled: Path) -> None:
    code, out, err = run(["check", "2021", "--data", str(bundled), "--province", "dak-lak"])
    assert code == 2
    line = assert_one_line_error(out, err)
    assert "Đắk Lắk" in line or "dak-lak" in line


@pytest.mark.parametrize(
    "args",
    [["check", "twenty"], ["check", "2021", "--format", "xml"], ["check"], ["nonsense"]],
    ids=" ".join,
)
def test_wrong_command_line(run: Run, bundled: Path, args: list[str]) -> None:
    code, out, err = run([*args, "--data", str(bundled)] if args[0] == "check" else args)
    assert code == 2
    assert out == ""
    assert err.strip()


@pytest.fixture
def broken(write_data: WriteData, tmp_path: Path, provinces_toml: str) -> Path:
    """Three problems in two files, plus one in a year ``check 2021`` does not read."""
    return write_data(
        tmp_path,
        {
            "provinces.toml": provinces_toml,
            "pledges/2021/cum.toml": """
                name = "Cụm"
                provinces = ["an-giang", "can-th"]

                [[targets]]
                id = "rate"
                text = "Tỷ lệ"
                metric = "a"
                per = "b"
                at_least = 60
            """,
            "actuals/2021/an-giang.toml": "[metrics]\na = -1\nb = nan\n",
            "actuals/2019/an-giang.toml": "[metrics]\na = inf\n",
        },
    )


def test_check_refuses_invalid_data(
    run: Run, broken: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(broken)
    code, out, err = run(["check", "2021", "--data", "."])
    assert code == 2
    assert out == ""
    lines = err.strip().splitlines()
    problems = [line for line in lines if re.match(r"^\S+:\d+: error: ", line)]
    assert [p.split(": error: ")[0] for p in problems] == [
        "actuals/2021/an-giang.toml:2",
        "actuals/2021/an-giang.toml:3",
        "pledges/2021/cum.toml:2",
        "pledges/2021/cum.toml:9",
    ]
    assert 'did you mean "can-tho"?' in err
    assert '"60%"' in err
    assert lines[-1].startswith("error: ")


def test_validate_bundled(run: Run, bundled: Path) -> None:
    code, out, err = run(["validate", "--data", str(bundled)])
    assert code == 0
    assert "errors: 0" in out + err
    assert "error:" not in out + err


def test_validate_lists_every_problem(
    run: Run, broken: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(broken)
    code, out, err = run(["validate", "--data", "."])
    assert code == 2
    problems = [line for line in (out + err).splitlines() if ": error: " in line]
    assert [p.split(": error: ")[0] for p in problems] == [
        "actuals/2019/an-giang.toml:2",
        "actuals/2021/an-giang.toml:2",
        "actuals/2021/an-giang.toml:3",
        "pledges/2021/cum.toml:2",
        "pledges/2021/cum.toml:9",
    ]
    assert "errors: 5" in out + err


def test_validate_json(run: Run, broken: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(broken)
    code, out, _ = run(["validate", "--data", ".", "--format", "json"])
    assert code == 2
    payload = json.loads(out)
    assert payload["ok"] is False
    assert payload["files_checked"] == 4
    assert payload["warnings"] == []
    assert len(payload["errors"]) == 5
    for error in payload["errors"]:
        assert {"path", "line", "message", "hint"} <= set(error)
        assert isinstance(error["line"], int)
    signatory = next(e for e in payload["errors"] if "can-th" in e["message"])
    assert (signatory["path"], signatory["line"]) == ("pledges/2021/cum.toml", 2)
    assert "can-tho" in signatory["hint"]


def test_validate_json_bundled(run: Run, bundled: Path) -> None:
    code, out, _ = run(["validate", "--data", str(bundled), "--format", "json"])
    assert code == 0
    payload = json.loads(out)
    assert payload["ok"] is True
    assert payload["errors"] == [] and payload["warnings"] == []
    assert payload["files_checked"] == len(list(bundled.rglob("*.toml")))


def test_warnings_do_not_block(
    run: Run, write_data: WriteData, tmp_path: Path, provinces_toml: str
) -> None:
    root = write_data(
        tmp_path,
        {
            "provinces.toml": provinces_toml,
            "pledges/2021/cum.toml": """
                name = "Cụm"
                provinces = ["an-giang"]
                [[targets]]
                id = "t"
                text = "t"
                metric = "coops_new"
                at_least = 1
            """,
            "actuals/2021/an-giang.toml": "[metrics]\ncoop_new = 5\n",
        },
    )
    code, out, _ = run(["validate", "--data", str(root), "--format", "json"])
    assert code == 0
    payload = json.loads(out)
    assert payload["ok"] is True and payload["errors"] == []
    (warning,) = payload["warnings"]
    assert "coops_new" in warning["message"]
    assert "coop_new" in warning["hint"]
    code, out, err = run(["check", "2021", "--data", str(root)])
    assert code == 1
    assert "no data" in out
    assert "warning" in err


# -- where the data comes from ---------------------------------------------------------------


def test_pledge_data_environment_variable(run: Run, bundled: Path) -> None:
    code, out, _ = run(["check", "2022"], env={"PLEDGE_DATA": str(bundled)})
    assert code == 1
    assert "Tây Nguyên" in out


def test_pledge_data_that_does_not_exist(run: Run, tmp_path: Path) -> None:
    code, out, err = run(["check", "2022"], env={"PLEDGE_DATA": str(tmp_path / "nope")})
    assert code == 2
    line = assert_one_line_error(out, err)
    assert "PLEDGE_DATA" in line


def test_data_option_wins_over_environment(
    run: Run, bundled: Path, tmp_path: Path, write_data: WriteData, provinces_toml: str
) -> None:
    code, out, _ = run(
        ["check", "2022", "--data", str(bundled)], env={"PLEDGE_DATA": str(tmp_path / "nope")}
    )
    assert code == 1
    assert "Tây Nguyên" in out
    other = write_data(
        tmp_path / "other",
        {
            "provinces.toml": provinces_toml,
            "pledges/2022/khac.toml": """
                name = "Cụm khác"
                provinces = ["dak-lak"]
                [[targets]]
                id = "t"
                text = "t"
                metric = "n"
                at_least = 1
            """,
            "actuals/2022/dak-lak.toml": "[metrics]\nn = 1\n",
        },
    )
    code, out, _ = run(["check", "2022", "--data", str(other)], env={"PLEDGE_DATA": str(bundled)})
    assert code == 0
    assert "Cụm khác" in out and "Tây Nguyên" not in out


def test_default_data_directory(run: Run, bundled: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(bundled.parent)
    code, out, _ = run(["check", "2021"])
    assert code == 1
    assert "Tây Nam sông Hậu" in out


# -- how figures read -------------------------------------------------------------------------


@pytest.fixture
def fine_thresholds(write_data: WriteData, tmp_path: Path, provinces_toml: str) -> Path:
    """Thresholds with more decimals than one, each missed by a hair."""
    return write_data(
        tmp_path,
        {
            "provinces.toml": provinces_toml,
            "pledges/2021/cum.toml": """
                name = "Cụm"
                provinces = ["an-giang"]

                [[targets]]
                id = "rate"
                text = "Tỷ lệ"
                metric = "a"
                per = "b"
                at_least = "7.25%"

                [[targets]]
                id = "count"
                text = "Số"
                metric = "c"
                at_least = 2.345
            """,
            "actuals/2021/an-giang.toml": "[metrics]\na = 724\nb = 10000\nc = 2.344\n",
        },
    )


def test_a_miss_by_a_hair_does_not_read_as_met(run: Run, bundled: Path) -> None:
    """Kiên Giang's +7.998% must not be rounded up to the pledged +8%."""
    _, out, _ = run(["check", "2021", "--data", str(bundled), "--province", "kien-giang"])
    assert "+7.998%" in out


def test_percentage_threshold_is_shown_as_pledged(run: Run, fine_thresholds: Path) -> None:
    _, out, _ = run(["check", "2021", "--data", str(fine_thresholds), "--province", "an-giang"])
    assert "≥ 7.25%" in out


def test_count_threshold_is_shown_as_pledged(run: Run, fine_thresholds: Path) -> None:
    _, out, _ = run(["check", "2021", "--data", str(fine_thresholds), "--province", "an-giang"])
    assert "≥ 2.345" in out


def test_missed_count_reads_below_its_threshold(run: Run, fine_thresholds: Path) -> None:
    _, out, _ = run(["check", "2021", "--data", str(fine_thresholds), "--province", "an-giang"])
    row = next(line for line in out.splitlines() if line.startswith("T2"))
    assert "2.344" in row
    assert not re.search(r"(?<![\d.])-0(?![\d.])", row)


def test_a_bug_of_ours_is_one_line_not_a_traceback(bundled: Path) -> None:
    """The last line of defence: even an unexpected exception ends in one clear line."""
    import subprocess
    import sys

    code = (
        "import sys, pledgecli.service as s\n"
        "def boom(*a, **k): raise KeyError('x')\n"
        "s.run_check = boom\n"
        f"sys.argv = ['pledge', 'check', '2021', '--data', {str(bundled)!r}]\n"
        "from pledgecli.cli import main\n"
        "main()\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=False)
    assert done.returncode == 2
    assert "Traceback" not in done.stderr
    assert done.stderr.startswith("internal error (KeyError: 'x'); please report it")
