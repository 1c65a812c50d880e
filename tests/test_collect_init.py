"""pledge init: a data directory ready to use, with every province before and after 2025."""

from __future__ import annotations

import tomllib
from pathlib import Path

from conftest import Run

from pledgecli.collect.registry import CURRENT, FORMER
from pledgecli.names import fold, is_slug


def test_init_writes_a_registry_that_validates(run: Run, tmp_path: Path) -> None:
    root = tmp_path / "mydata"
    code, out, err = run(["init", str(root)])
    assert code == 0, err
    assert "34 province-level units" in out
    assert (root / "actuals").is_dir()
    code, out, err = run(["validate", "--data", str(root)])
    assert code == 0, out + err
    assert "errors: 0, warnings: 0" in out + err


def test_registry_holds_the_34_current_and_63_former_units(tmp_path: Path, run: Run) -> None:
    run(["init", str(tmp_path / "d")])
    registry = tomllib.loads((tmp_path / "d" / "provinces.toml").read_text("utf-8"))
    current = [p for p, e in registry.items() if "merged_into" not in e]
    assert len(current) == 34
    assert len(registry) == 63  # every former unit, the 34 that kept a name included
    merged = {p: e for p, e in registry.items() if "merged_into" in e}
    assert len(merged) == 29
    assert all(str(e["merged_on"]) == "2025-07-01" for e in merged.values())
    assert all(e["merged_into"] in current for e in merged.values())
    assert merged["soc-trang"]["merged_into"] == "can-tho"
    assert merged["hau-giang"]["merged_into"] == "can-tho"
    assert merged["ba-ria-vung-tau"]["name"] == "Bà Rịa – Vũng Tàu"
    assert merged["ba-ria-vung-tau"]["merged_into"] == "ho-chi-minh"
    assert registry["can-tho"]["name"] == "Cần Thơ"
    assert registry["hue"]["name"] == "Huế"
    assert "Thừa Thiên Huế" in registry["hue"]["aliases"]
    assert "merged_into" not in registry["hue"]


def test_ids_are_the_names_folded() -> None:
    for unit in (*CURRENT, *FORMER):
        assert is_slug(unit.id)
        assert unit.id == fold(unit.name) or unit.id == fold(unit.name.removeprefix("TP "))


def test_every_unit_is_found_by_its_vietnamese_name(run: Run, tmp_path: Path) -> None:
    root = tmp_path / "d"
    run(["init", str(root)])
    (root / "pledges" / "2026").mkdir()
    (root / "pledges" / "example.toml").rename(root / "pledges" / "2026" / "cum-1.toml")
    code, out, err = run(["check", "2026", "--data", str(root), "--province", "Thừa Thiên Huế"])
    assert code == 2 and "signs no 2026 pledge" in err  # found, but not a signatory
    code, out, err = run(["check", "2026", "--data", str(root), "--province", "LAI CHAU"])
    assert code == 1, err
    assert "Lai Châu" in out


def test_the_example_pledge_validates_once_copied_into_a_year(run: Run, tmp_path: Path) -> None:
    root = tmp_path / "d"
    run(["init", str(root)])
    example = (root / "pledges" / "example.toml").read_text("utf-8")
    assert example.startswith("#")
    (root / "pledges" / "2026").mkdir()
    (root / "pledges" / "2026" / "cum-1.toml").write_text(example, "utf-8")
    code, out, err = run(["validate", "--data", str(root)])
    assert code == 0, out + err


def test_init_refuses_a_folder_that_holds_data(run: Run, tmp_path: Path) -> None:
    root = tmp_path / "d"
    root.mkdir()
    (root / "notes.txt").write_text("mine", "utf-8")
    code, _out, err = run(["init", str(root)])
    assert code == 2
    assert "already holds data" in err and "notes.txt" in err
    assert sorted(p.name for p in root.iterdir()) == ["notes.txt"]


def test_init_refuses_to_run_twice(run: Run, tmp_path: Path) -> None:
    root = tmp_path / "d"
    assert run(["init", str(root)])[0] == 0
    before = (root / "provinces.toml").read_bytes()
    code, _, err = run(["init", str(root)])
    assert code == 2 and "already holds data" in err
    assert (root / "provinces.toml").read_bytes() == before


def test_init_accepts_an_empty_folder_and_hidden_files(run: Run, tmp_path: Path) -> None:
    (tmp_path / ".git").mkdir()
    code, _, err = run(["init", str(tmp_path)])
    assert code == 0, err
    assert (tmp_path / "provinces.toml").is_file()


def test_init_defaults_to_pledge_data(run: Run, tmp_path: Path) -> None:
    root = tmp_path / "from-env"
    code, _, err = run(["init"], env={"PLEDGE_DATA": str(root)})
    assert code == 0, err
    assert (root / "provinces.toml").is_file()
