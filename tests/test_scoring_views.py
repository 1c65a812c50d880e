"""What a user sees of issue 14: corrected figures, reported against verified scores,
self-scores, bands, nominations with quotas, ties and alternates, and leaders by rotation,
in rank, check, report and pledge leaders (tests/fixtures/scoring and small made-up data)."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest
from conftest import TESTS, Run, WriteData

SCORING = TESTS / "fixtures" / "scoring"


def test_rank_shows_bands_both_scores_the_self_score_and_the_nominations(run: Run) -> None:
    code, out, _err = run(["rank", "2025", "--data", str(SCORING)], env={"COLUMNS": "200"})
    assert code == 0
    lines = out.splitlines()
    row = next(line for line in lines if line.lstrip().startswith("6 "))
    assert "Đồng Nai" in row and row.rstrip().endswith("Completed")  # Hoàn thành, in English
    verified = next(line for line in lines if line.startswith("Cao Bằng "))
    assert verified.split()[2:] == ["100", "95", "-5", "100", "≠"]
    assert "Cao Bằng: 100 points on its reported figures, 95 on the figures verified by" in out
    assert "reported 15, verified 9: 6 HTX chưa có giấy chứng nhận đăng ký" in out
    assert "Cao Bằng: its own score (tự chấm) 100 differs from the computed 95." in out
    assert "Bình Dương: its own score" not in out  # 100 as computed: nothing to say
    # Two provinces tied on the flag's only seat: neither is cut, the cluster decides.
    assert "Tied for the emulation flag (Cờ thi đua): Bình Dương (100 points), Bình Phước" in out
    assert "Proposed for the emulation flag" not in out
    assert (
        "Proposed for a certificate of merit (Bằng khen), 2 at most: Cần Thơ (98.96 points), "
        "Cao Bằng (95 points)." in out
    )
    assert "Alternate for a certificate of merit, in rank order: Bình Định (90 points)." in out
    assert "Cluster deputy (Cụm phó) 2025: Bình Phước" in out


def test_rank_in_vietnamese_names_the_bands_as_written(run: Run) -> None:
    code, out, _err = run(["rank", "2025", "--data", str(SCORING), "--lang", "vi"])
    assert code == 0
    assert "Xếp loại" in out and "Hoàn thành" in out and "Completed" not in out
    assert "Đồng điểm khi xét đề nghị tặng Cờ thi đua" in out
    assert "Điểm báo cáo" in out and "điểm tự chấm 100 khác với điểm tính được 95" in out


def test_rank_json_keeps_its_fields_and_adds_the_new_ones_after_them(run: Run) -> None:
    code, out, _err = run(["rank", "2025", "--data", str(SCORING), "--format", "json"])
    assert code == 0
    pledge = json.loads(out)["pledges"][0]
    assert list(pledge)[:7] == [
        "cluster", "name", "leader", "next_leader", "nominee", "nominee_reason", "ranking",
    ]  # fmt: skip
    by_province = {entry["province"]: entry for entry in pledge["ranking"]}
    cao_bang = by_province["cao-bang"]
    assert list(cao_bang)[:9] == [
        "rank", "province", "score", "met", "missed", "no_data", "no_baseline", "deductions",
        "band",
    ]  # fmt: skip
    assert cao_bang["band"] == "Xuất sắc"  # exactly on the bound of 95
    assert (cao_bang["reported_score"], cao_bang["verified_score"]) == (100, 95)
    assert cao_bang["score_difference"] == -5
    assert (cao_bang["self_score"], cao_bang["self_score_differs"]) == (100, True)
    assert cao_bang["corrections"] == [
        {
            "province": "cao-bang",
            "year": 2025,
            "metric": "coops_new",
            "reported": 15,
            "verified": 9,
            "reason": "6 HTX chưa có giấy chứng nhận đăng ký",
            "by": "Đoàn thẩm định Cụm",
        }
    ]
    assert by_province["dong-nai"]["certificate"] == "below-band"
    flag = pledge["nominations"]["flag"]
    assert (flag["quota"], flag["nominees"], flag["tied"]) == (1, [], ["binh-duong", "binh-phuoc"])
    assert flag["seats_left"] == 1
    certificate = pledge["nominations"]["certificate"]
    assert certificate["nominees"] == ["can-tho", "cao-bang"]
    assert certificate["alternates"] == ["binh-dinh"]
    assert [b["name"] for b in pledge["bands"]] == [
        "Xuất sắc",
        "Tốt",
        "Hoàn thành",
        "Không hoàn thành",
    ]
    assert (pledge["deputy"], pledge["next_deputy"]) == ("binh-phuoc", None)


def test_check_marks_the_corrected_figure_in_every_format(run: Run) -> None:
    code, out, _err = run(["check", "2025", "--data", str(SCORING)])
    assert code == 1
    assert "✗ 9‡" in out
    assert "‡ Judged on the figure verified by the cluster; reported figure and reason:" in out
    code, out, _err = run(["check", "2025", "--data", str(SCORING), "--format", "json"])
    results = json.loads(out)["pledges"][0]["results"]
    corrected = [r for r in results if r["corrected"]]
    assert [(r["province"], r["target"], r["actual"]) for r in corrected] == [
        ("cao-bang", "new-coops", 9)
    ]
    assert corrected[0]["corrected"][0]["reported"] == 15
    scores = {s["province"]: s for s in json.loads(out)["pledges"][0]["scores"]}
    assert (scores["cao-bang"]["reported_score"], scores["cao-bang"]["verified_score"]) == (
        100,
        95,
    )
    code, out, _err = run(["check", "2025", "--data", str(SCORING), "--format", "csv"])
    rows = list(csv.DictReader(io.StringIO(out)))
    row = next(r for r in rows if r["province"] == "cao-bang" and r["target"] == "new-coops")
    assert (row["actual"], row["corrected"], row["reported"]) == ("9", "true", "15")
    assert row["correction_reason"] == "6 HTX chưa có giấy chứng nhận đăng ký (Đoàn thẩm định Cụm)"
    assert {r["corrected"] for r in rows if r["province"] != "cao-bang"} == {"false"}


@pytest.mark.parametrize("fmt", ["markdown", "html"])
def test_the_report_shows_bands_nominations_and_corrections(run: Run, fmt: str) -> None:
    code, out, _err = run(["report", "2025", "--data", str(SCORING), "--format", fmt])
    assert code == 0
    for expected in (
        "9‡",
        "Scores on the reported and on the verified figures",
        "Tied for the emulation flag",
        "Alternate for a certificate of merit",
        "Excellent",
    ):
        assert expected in out, expected


REGISTRY = "".join(f'[{p}]\nname = "{p.upper()}"\n\n' for p in "abcdefg")


def _pledge(scoring: str, provinces: str = "abcdef") -> str:
    listed = ", ".join(f'"{p}"' for p in provinces)
    return f"""
name = "Cụm thử"
provinces = [{listed}]

[[targets]]
id = "new"
text = "Thành lập mới 10 HTX"
metric = "coops_new"
at_least = 10

[scoring]
missed = "proportional"
{scoring}
"""


# coops_new of a..f -> scores 100, 100, 100, 90, 80, 50 (proportional below 10)
FIGURES = dict(zip("abcdef", (12, 10, 10, 9, 8, 5), strict=True))


@pytest.mark.parametrize(
    ("scoring", "expected", "absent"),
    [
        (  # three tied at 100 fit within 3 seats: all proposed
            "flag_quota = 3",
            [
                "Proposed for the emulation flag (Cờ thi đua): A (100 points), B (100 points), "
                "C (100 points).",
                "Alternate for the emulation flag, in rank order: D (90 points).",
            ],
            ["Tied"],
        ),
        (  # three tied at 100 for 2 seats: none is cut, the cluster decides
            "flag_quota = 2",
            [
                "Tied for the 2 seats left of the emulation flag (Cờ thi đua): A (100 points), "
                "B (100 points), C (100 points); the cluster decides.",
            ],
            ["Proposed for the emulation flag"],
        ),
        (
            "flag_quota = 1\nalternates = 2",
            [
                "Tied for the emulation flag (Cờ thi đua): A (100 points), B (100 points), "
                "C (100 points); the cluster decides.",
                "Alternates for the emulation flag, in rank order: D (90 points), E (80 points).",
            ],
            ["Proposed for the emulation flag"],
        ),
        (
            "flag_quota = 0",
            ["The pledge proposes no one for the emulation flag (flag_quota = 0)."],
            ["Alternate"],
        ),
        (
            'nominee_must_meet_all = true\nflag_quota = 4\ncertificate_quota = "34%"\n'
            'certificate_min_band = "Tốt"\n[scoring.bands]\n"Tốt" = 80\n"Khá" = 60',
            [
                "Proposed for the emulation flag (Cờ thi đua): A (100 points), B (100 points), "
                "C (100 points).",
                # 34% of 6 is 2 seats; D and E qualify (Tốt from 80), F's 50 does not
                "Proposed for a certificate of merit (Bằng khen), 2 at most: D (90 points), "
                "E (80 points).",
            ],
            ["Alternate for a certificate", "F (50 points)"],
        ),
        (
            'certificate_quota = 2\nflag_min_band = "Xuất sắc"\n[scoring.bands]\n'
            '"Xuất sắc" = 101\n"Tốt" = 80',
            [
                "No province can be proposed for the emulation flag: none is eligible.",
                "Tied for the 2 certificates of merit left: A (100 points), B (100 points), "
                "C (100 points); the cluster decides.",
            ],
            ["Proposed for the emulation flag"],
        ),
    ],
    ids=[
        "tie-fits",
        "tie-for-2-seats",
        "tie-at-the-edge",
        "no-flag",
        "bands-and-certificates",
        "none-eligible",
    ],
)
def test_nominations(
    run: Run,
    tmp_path: Path,
    write_data: WriteData,
    scoring: str,
    expected: list[str],
    absent: list[str],
) -> None:
    files = {"provinces.toml": REGISTRY, "pledges/2025/thu.toml": _pledge(scoring)}
    for province, figure in FIGURES.items():
        files[f"actuals/2025/{province}.toml"] = f"[metrics]\ncoops_new = {figure}\n"
    root = write_data(tmp_path, files)
    code, out, err = run(["rank", "2025", "--data", str(root)], env={"COLUMNS": "250"})
    assert code == 0, err
    for sentence in expected:
        assert sentence in out, sentence
    for text in absent:
        assert text not in out, text


def test_leaders_shows_the_rotation_and_a_proposal_with_its_basis(run: Run) -> None:
    code, out, err = run(["leaders", "--data", str(SCORING)], env={"COLUMNS": "200"})
    assert code == 0, err
    assert "2024   Bình Dương            Cao Bằng" in out
    assert "2025   Cao Bằng              Bình Phước" in out
    assert (
        "Proposed for 2026 (a proposal; the cluster decides): leader Cần Thơ, deputy Bình Định."
        in out
    )
    # The 2025 deputy merged into Đồng Nai on 2025-07-01: it cannot lead in 2026.
    assert "Left out, merged into another province by 2026: Bình Phước." in out
    assert "Not proposed to lead, having led too recently: Cao Bằng (2025)." in out
    code, out, _err = run(["leaders", "--data", str(SCORING), "--format", "json"])
    proposal = json.loads(out)["clusters"][0]["proposal"]
    assert proposal["decided"] is False
    assert (proposal["leader"], proposal["leader_basis"]) == ("can-tho", "rotation")
    assert proposal["left_out"] == ["binh-phuoc"]


def test_leaders_deputy_becomes_leader_in_both_languages(
    run: Run, tmp_path: Path, write_data: WriteData
) -> None:
    pledge = _pledge("", "abc").replace(
        'name = "Cụm thử"', 'name = "Cụm thử"\nleader = "a"\ndeputy = "b"'
    )
    root = write_data(tmp_path, {"provinces.toml": REGISTRY, "pledges/2025/thu.toml": pledge})
    code, out, _err = run(["leaders", "--data", str(root)], env={"COLUMNS": "200"})
    assert code == 0
    assert "Leader B: deputy in 2025, the deputy becomes leader." in out
    code, out, _err = run(["leaders", "--data", str(root), "--lang", "vi"])
    assert "Cụm trưởng B: Cụm phó năm 2025, Cụm phó lên làm Cụm trưởng." in out
    assert "chỉ là đề xuất" in out


def test_leaders_refuses_an_unknown_cluster_with_a_suggestion(run: Run) -> None:
    code, out, err = run(["leaders", "--data", str(SCORING), "--cluster", "dong-nan"])
    assert code == 2 and out == ""
    assert 'no pledge of cluster "dong-nan"' in err and "dong-nam" in err


def test_leaders_refuses_a_broken_pledge_at_its_line(
    run: Run, tmp_path: Path, write_data: WriteData
) -> None:
    pledge = _pledge("", "abc").replace('name = "Cụm thử"', 'name = "Cụm thử"\ndeputy = "z"')
    root = write_data(tmp_path, {"provinces.toml": REGISTRY, "pledges/2025/thu.toml": pledge})
    code, out, err = run(["leaders", "--data", str(root)])
    assert code == 2 and out == ""
    assert "thu.toml:2: error" in err and 'deputy "z" does not sign this pledge' in err
    assert "nothing was proposed (see pledge validate)" in err
