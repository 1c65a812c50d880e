"""pledge new: next year's pledge from this year's, ready to edit, never overwriting one."""

from __future__ import annotations

import tomllib
from pathlib import Path
from typing import Any

from conftest import Run, WriteData


def pledge(root: Path, year: int, cluster: str) -> dict[str, Any]:
    return tomllib.loads((root / "pledges" / str(year) / f"{cluster}.toml").read_text("utf-8"))


def test_new_drafts_next_years_pledge_that_validates(run: Run, bundled_copy: Path) -> None:
    code, out, err = run(
        [
            "new",
            "2022",
            "--from",
            "2021",
            "--cluster",
            "tay-nam-song-hau",
            "--data",
            str(bundled_copy),
        ]
    )
    assert code == 0, err
    assert "wrote" in out and "pledges/2022/tay-nam-song-hau.toml" in out
    old, new = (
        pledge(bundled_copy, 2021, "tay-nam-song-hau"),
        pledge(bundled_copy, 2022, "tay-nam-song-hau"),
    )
    assert [t["id"] for t in new["targets"]] == [t["id"] for t in old["targets"]]
    assert new["provinces"] == old["provinces"]
    assert "signed_on" not in new  # left to fill in at the signing
    assert new["leader"] == old["next_leader"] == "bac-lieu"
    members = next(t for t in new["targets"] if t["id"] == "members-growth")
    assert members["text"] == "Số thành viên HTX tăng từ 8% trở lên so năm 2021"
    assert "members-growth: the text now says 2021 instead of 2020" in out
    code, out, err = run(["validate", "--data", str(bundled_copy)])
    assert code == 0, out + err
    code, out, err = run(
        ["check", "2022", "--cluster", "tay-nam-song-hau", "--data", str(bundled_copy)]
    )
    assert code == 1, err  # judged: no 2022 reports yet, so no data


def test_overrides_are_dropped_unless_kept(run: Run, bundled_copy: Path) -> None:
    args = [
        "new",
        "2022",
        "--from",
        "2021",
        "--cluster",
        "tay-nam-song-hau",
        "--data",
        str(bundled_copy),
    ]
    code, out, _ = run(args)
    assert code == 0
    new_coops = pledge(bundled_copy, 2022, "tay-nam-song-hau")["targets"][0]
    assert "overrides" not in new_coops
    assert "new-coops: overrides dropped (kien-giang); --keep-overrides keeps them" in out
    code, out, err = run([*args, "--keep-overrides", "--force"])
    assert code == 0, err
    assert pledge(bundled_copy, 2022, "tay-nam-song-hau")["targets"][0]["overrides"] == {
        "kien-giang": 15
    }


def test_new_never_overwrites_a_pledge_without_force(run: Run, bundled_copy: Path) -> None:
    target = bundled_copy / "pledges" / "2022" / "tay-nguyen.toml"
    before = target.read_bytes()
    code, _, err = run(
        ["new", "2022", "--from", "2021", "--data", str(bundled_copy)]
    )  # would not clash
    assert code == 0, err
    code, _, err = run(["new", "2022", "--from", "2021", "--data", str(bundled_copy)])
    assert code == 2
    assert (
        "a pledge exists already: " in err and "tay-nam-song-hau.toml" in err and "--force" in err
    )
    target.write_bytes(before)
    code, _, err = run(["new", "2022", "--from", "2022", "--data", str(bundled_copy)])
    assert code == 2 and "both 2022" in err
    code, _, err = run(["new", "2023", "--from", "2022", "--data", str(bundled_copy)])
    assert code == 0, err
    (bundled_copy / "pledges" / "2022" / "tay-nguyen.toml").write_text("# mine\n", "utf-8")
    code, _, err = run(["new", "2022", "--from", "2023", "--data", str(bundled_copy)])
    assert code == 2 and "tay-nguyen.toml" in err
    assert (bundled_copy / "pledges" / "2022" / "tay-nguyen.toml").read_text("utf-8") == "# mine\n"


def test_dry_run_shows_the_draft_and_writes_nothing(run: Run, bundled_copy: Path) -> None:
    code, out, err = run(
        ["new", "2023", "--from", "2022", "--dry-run", "--data", str(bundled_copy)]
    )
    assert code == 0, err
    assert "would write" in out and 'name = "Cụm thi đua Liên minh HTX 5 tỉnh Tây Nguyên"' in out
    assert "dry run: nothing was written" in out
    assert not (bundled_copy / "pledges" / "2023").exists()


REGISTRY = """
    [can-tho]
    name = "Cần Thơ"

    [soc-trang]
    name = "Sóc Trăng"
    merged_into = "can-tho"
    merged_on = 2025-07-01

    [ca-mau]
    name = "Cà Mau"
"""

PLEDGE_2025 = """
    # a comment
    name = "Cụm thử"
    signed_on = 2025-02-01
    leader = "soc-trang"
    provinces = ["can-tho", "soc-trang", "ca-mau"]

    [[targets]]
    id = "members"
    text = "Thành viên tăng 8% so năm 2023"
    metric = "coop_members"
    growth_at_least = "8%"
    baseline_year = 2023

    [[targets]]
    id = "new"
    text = "Thành lập mới 20 HTX"
    metric = "coops_new"
    at_least = 20.5

    [targets.overrides]
    soc-trang = 10
    ca-mau = 15
"""


def test_baseline_years_move_on_and_merged_provinces_are_replaced(
    run: Run, tmp_path: Path, write_data: WriteData
) -> None:
    root = write_data(tmp_path, {"provinces.toml": REGISTRY, "pledges/2025/thu.toml": PLEDGE_2025})
    code, out, err = run(["new", "2026", "--from", "2025", "--keep-overrides", "--data", str(root)])
    assert code == 0, err
    new = pledge(root, 2026, "thu")
    assert new["provinces"] == ["can-tho", "ca-mau"]
    assert "Sóc Trăng merged into can-tho: listed as can-tho" in out
    members, founded = new["targets"]
    assert members["baseline_year"] == 2024
    assert members["text"] == "Thành viên tăng 8% so năm 2024"
    assert founded["at_least"] == 20.5
    assert founded["overrides"] == {"ca-mau": 15}
    assert "new: the override of soc-trang was dropped (merged)" in out
    # 2026's pair proposed by rotation (pledge leaders): Sóc Trăng, the 2025 leader, has
    # merged away; Cần Thơ, first of those that never led, leads, Cà Mau is its deputy.
    assert (new["leader"], new["deputy"]) == ("can-tho", "ca-mau")
    text = (root / "pledges" / "2026" / "thu.toml").read_text("utf-8")
    assert 'leader = "can-tho"    # proposed by rotation; a proposal: the cluster decides' in text
    assert "leader: can-tho, proposed by rotation (a proposal: the cluster decides)" in out
    assert "# signed_on = 2026-" in text
    code, out, err = run(["validate", "--data", str(root)])
    assert code == 0, out + err


def test_a_draft_years_ahead_leaves_the_leader_to_fill_in(
    run: Run, tmp_path: Path, write_data: WriteData
) -> None:
    root = write_data(tmp_path, {"provinces.toml": REGISTRY, "pledges/2025/thu.toml": PLEDGE_2025})
    code, _out, err = run(["new", "2027", "--from", "2025", "--data", str(root)])
    assert code == 0, err
    assert "leader" not in pledge(root, 2027, "thu")
    text = (root / "pledges" / "2027" / "thu.toml").read_text("utf-8")
    assert '# leader = "..."    # the cụm trưởng of 2027 (in 2025: "soc-trang")' in text


def test_the_deputy_is_proposed_to_lead_and_the_old_pair_is_not_copied(
    run: Run, tmp_path: Path, write_data: WriteData
) -> None:
    pledge_2025 = PLEDGE_2025.replace(
        'leader = "soc-trang"', 'leader = "can-tho"\n    deputy = "ca-mau"'
    )
    root = write_data(tmp_path, {"provinces.toml": REGISTRY, "pledges/2025/thu.toml": pledge_2025})
    code, out, err = run(["new", "2026", "--from", "2025", "--data", str(root), "--lang", "vi"])
    assert code == 0, err
    new = pledge(root, 2026, "thu")
    assert new["leader"] == "ca-mau"
    assert new.get("deputy") != "ca-mau"  # last year's deputy is not copied as this year's
    assert "đề xuất" in out  # said in Vietnamese, as a proposal


def test_unknown_cluster_or_year(run: Run, bundled_copy: Path) -> None:
    code, _, err = run(
        ["new", "2022", "--from", "2021", "--cluster", "tay-nam", "--data", str(bundled_copy)]
    )
    assert code == 2 and 'no pledge of cluster "tay-nam" for 2021' in err
    code, _, err = run(["new", "22", "--from", "2021", "--data", str(bundled_copy)])
    assert code == 2 and "22 is not a year" in err
    code, _, err = run(["new", "2020", "--from", "2019", "--data", str(bundled_copy)])
    assert code == 2 and "no pledge for 2019" in err
