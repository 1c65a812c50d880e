"""The year-end review: scoring, ranking, nominee, totals, history and the review document."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
from fractions import Fraction
from pathlib import Path

import pytest
from conftest import Run, WriteData

from pledgecli.evaluate import evaluate
from pledgecli.load import load
from pledgecli.review import PledgeReview, review

PROVINCES = """
[an-giang]
name = "An Giang"

[bac-lieu]
name = "Bạc Liêu"

[can-tho]
name = "Cần Thơ"

[dak-lak]
name = "Đắk Lắk"
"""

TARGETS = """
[[targets]]
id = "new-coops"
text = "Thành lập mới ít nhất 20 HTX"
metric = "coops_new"
at_least = 20

[[targets]]
id = "effective-rate"
text = "HTX hoạt động có hiệu quả đạt 60% trở lên"
metric = "coops_effective"
per = "coops_active"
at_least = "60%"

[[targets]]
id = "members-cap"
text = "Không quá 10 HTX giải thể"
metric = "coops_dissolved"
at_most = 10

[[targets]]
id = "support-fund"
text = "Có Quỹ Hỗ trợ phát triển HTX"
metric = "has_support_fund"
must_be = true
"""

# new-coops, effective/active, dissolved, fund
FIGURES = {
    "an-giang": (30, 70, 100, 5, True),  # all met, exceeds new-coops and effective-rate
    "bac-lieu": (10, 60, 100, 5, True),  # misses new-coops at half (10 of 20)
    "can-tho": (20, 60, 100, 10, True),  # all met, exactly on every threshold
    "dak-lak": (20, 30, 100, 20, False),  # misses three
}


def _data(
    write_data: WriteData, root: Path, scoring: str = "", extra: dict[str, str] | None = None
) -> Path:
    files = {
        "provinces.toml": PROVINCES,
        "pledges/2021/cum.toml": (
            'name = "Cụm thi đua thử"\nleader = "can-tho"\nnext_leader = "bac-lieu"\n'
            'provinces = ["an-giang", "bac-lieu", "can-tho", "dak-lak"]\n' + TARGETS + scoring
        ),
    }
    for province, (new, effective, active, dissolved, fund) in FIGURES.items():
        files[f"actuals/2021/{province}.toml"] = (
            f"[metrics]\ncoops_new = {new}\ncoops_effective = {effective}\n"
            f"coops_active = {active}\ncoops_dissolved = {dissolved}\n"
            f"has_support_fund = {'true' if fund else 'false'}\n"
        )
    files.update(extra or {})
    return write_data(root, files)


def _review(root: Path) -> PledgeReview:
    data = load(root, 2021)
    assert data.ok, [d.render() for d in data.diagnostics]
    pledge = data.pledges[2021]["cum"]
    names = {p: v.name for p, v in data.provinces.items()}
    return review(evaluate(pledge, data.actuals), data.actuals[2021], names)


@pytest.mark.parametrize(
    ("scoring", "expected"),
    [
        pytest.param(
            "",
            {"an-giang": 100, "bac-lieu": 75, "can-tho": 100, "dak-lak": 25},
            id="default: 100 points shared, a miss scores zero",
        ),
        pytest.param(
            '\n[scoring]\nmissed = "proportional"\n',
            # bac-lieu: 10 of 20 new co-ops = half of 25; dak-lak: 30% of 60% = half of 25,
            # 10/20 dissolved cap = half of 25, the fund scores nothing
            {"an-giang": 100, "bac-lieu": Fraction(175, 2), "can-tho": 100, "dak-lak": 50},
            id="proportional misses",
        ),
        pytest.param(
            "\n[scoring]\nbase = 1000\n[scoring.points]\nnew-coops = 400\n",
            # the other three share 600
            {"an-giang": 1000, "bac-lieu": 600, "can-tho": 1000, "dak-lak": 400},
            id="base 1000 with points for one target, the rest shared",
        ),
        pytest.param(
            "\n[scoring]\nbonus_cap = 7\n[scoring.bonus]\nnew-coops = 5\neffective-rate = 5\n",
            # an-giang exceeds both (10 bonus, capped at 7); can-tho is exactly on them: no bonus
            {"an-giang": 107, "bac-lieu": 75, "can-tho": 100, "dak-lak": 25},
            id="bonus for exceeding, capped; exactly on the threshold earns none",
        ),
    ],
)
def test_scores(
    write_data: WriteData, tmp_path: Path, scoring: str, expected: dict[str, object]
) -> None:
    result = _review(_data(write_data, tmp_path, scoring))
    assert {p: s.score for p, s in result.scores.items()} == expected


def test_deductions_lower_the_score_but_never_below_zero(
    write_data: WriteData, tmp_path: Path
) -> None:
    root = _data(write_data, tmp_path)
    deduction = '\n[[deductions]]\npoints = 8\nreason = "Nộp báo cáo chậm"\n'
    with (root / "actuals/2021/an-giang.toml").open("a", encoding="utf-8") as f:
        f.write(deduction)
    with (root / "actuals/2021/dak-lak.toml").open("a", encoding="utf-8") as f:
        f.write('\n[[deductions]]\npoints = 40\nreason = "Không ký giao ước"\n')
    result = _review(root)
    assert result.scores["an-giang"].score == 92
    assert result.scores["dak-lak"].score == 0
    assert [d.reason for d in result.scores["an-giang"].deductions] == ["Nộp báo cáo chậm"]


def test_ties_share_a_rank_and_are_ordered_by_met_then_name(
    write_data: WriteData, tmp_path: Path
) -> None:
    result = _review(_data(write_data, tmp_path))
    ranking = [(r.rank, r.score.province) for r in result.ranking]
    # an-giang and can-tho both score 100 and meet 4: alphabetical by name
    assert ranking == [(1, "an-giang"), (1, "can-tho"), (3, "bac-lieu"), (4, "dak-lak")]
    assert result.nominee.provinces == ("an-giang", "can-tho")
    assert result.nominee.reason == "tie"


def test_nominee_rule_excludes_a_top_scorer_that_missed_a_target(
    write_data: WriteData, tmp_path: Path, run: Run
) -> None:
    # bonuses lift bac-lieu (which missed new-coops) above everyone, but the rule wants all met
    scoring = (
        "\n[scoring]\nnominee_must_meet_all = true\nbonus_cap = 60\n"
        "[scoring.bonus]\neffective-rate = 30\nmembers-cap = 30\n"
    )
    metrics = "[metrics]\ncoops_new = {}\ncoops_effective = {}\ncoops_active = 100\n"
    metrics += "coops_dissolved = {}\nhas_support_fund = true\n"
    extra = {
        "actuals/2021/an-giang.toml": metrics.format(20, 60, 10),  # all met, no bonus: 100
        "actuals/2021/bac-lieu.toml": metrics.format(19, 99, 0),  # 75 + 60 bonus = 135
        "actuals/2021/can-tho.toml": metrics.format(19, 60, 10),  # 75
    }
    root = _data(write_data, tmp_path, scoring, extra)
    result = _review(root)
    assert result.ranking[0].score.province == "bac-lieu"
    assert result.ranking[0].score.score == 135
    assert result.nominee.provinces == ("an-giang",)
    out = " ".join(run(["rank", "2021", "--data", str(root)])[1].split())
    assert "Proposed for the emulation flag (Cờ thi đua): An Giang (100 points)." in out
    assert "Bạc Liêu scored highest but did not meet every target" in out


def test_no_eligible_nominee_is_said(write_data: WriteData, tmp_path: Path, run: Run) -> None:
    extra = {
        f"actuals/2021/{p}.toml": (
            "[metrics]\ncoops_new = 1\ncoops_effective = 1\ncoops_active = 100\n"
            "coops_dissolved = 0\nhas_support_fund = true\n"
        )
        for p in FIGURES
    }
    root = _data(write_data, tmp_path, "\n[scoring]\nnominee_must_meet_all = true\n", extra)
    code, out, _ = run(["rank", "2021", "--data", str(root)])
    assert code == 0
    assert "No province can be proposed for the emulation flag: none met every target." in out
    payload = json.loads(run(["rank", "2021", "--data", str(root), "--format", "json"])[1])
    assert payload["pledges"][0]["nominee"] == []
    assert payload["pledges"][0]["nominee_reason"] == "no-eligible"


def test_scoring_keys_are_checked(write_data: WriteData, tmp_path: Path, run: Run) -> None:
    scoring = '\n[scoring]\nmissed = "half"\n[scoring.points]\nnew-coop = 10\n'
    root = _data(write_data, tmp_path, scoring)
    code, out, _ = run(["validate", "--data", str(root)])
    assert code == 2
    assert 'missed must be "zero" or "proportional", not "half"' in out
    scoring = "\n[scoring]\n[scoring.points]\nnew-coop = 10\n"
    root = _data(write_data, tmp_path / "b", scoring)
    code, out, _err = run(["validate", "--data", str(root)])
    assert code == 2
    assert 'scoring.points names "new-coop", which is not a province target' in out
    assert 'did you mean "new-coops"?' in out
    assert "cum.toml:" in out


def test_points_that_exceed_the_base_are_refused(
    write_data: WriteData, tmp_path: Path, run: Run
) -> None:
    scoring = "\n[scoring]\nbase = 100\n[scoring.points]\nnew-coops = 60\neffective-rate = 50\n"
    root = _data(write_data, tmp_path, scoring)
    code, out, _ = run(["validate", "--data", str(root)])
    assert code == 2
    assert "the points of the targets add up to 110, but base is 100" in out


def test_check_shows_scores(bundled: Path, run: Run) -> None:
    _code, out, _ = run(["check", "2022", "--data", str(bundled)])
    assert "Score" in out
    line = next(line for line in out.splitlines() if line.startswith("Đắk Lắk"))
    assert line.rstrip().endswith("110")
    payload = json.loads(run(["check", "2022", "--data", str(bundled), "--format", "json"])[1])
    scores = {s["province"]: s["score"] for s in payload["pledges"][0]["scores"]}
    assert scores["dak-lak"] == 110 and scores["dak-nong"] == 85
    first = payload["pledges"][0]["results"][0]
    assert first["score"] == 30  # 25 points for new-coops met, 5 bonus for exceeding 20
    assert {"province", "target", "status", "actual", "threshold"} <= set(first)


def test_rank_on_the_bundled_data(bundled: Path, run: Run) -> None:
    code, out, err = run(["rank", "2021", "--data", str(bundled)])
    assert code == 0 and err == ""
    assert "Proposed for the emulation flag (Cờ thi đua): An Giang (90.91 points)." in out
    assert "Cluster leader (Cụm trưởng) 2021: An Giang" in out
    assert "Cluster leader elected for 2022: Bạc Liêu" in out
    payload = json.loads(run(["rank", "2021", "--data", str(bundled), "--format", "json"])[1])
    ranking = payload["pledges"][0]["ranking"]
    assert [(r["rank"], r["province"]) for r in ranking][:4] == [
        (1, "an-giang"),
        (2, "bac-lieu"),
        (2, "can-tho"),
        (2, "soc-trang"),
    ]
    csv_out = run(["rank", "2021", "--data", str(bundled), "--format", "csv"])[1]
    # The columns of before, unchanged and first; the new ones after them (issues 14, 11).
    lines = csv_out.splitlines()
    assert lines[0] == (
        "year,cluster,rank,province,score,met,missed,no_data,band,reported_score,"
        "verified_score,score_difference,self_score,self_score_differs,flag,certificate,"
        "province_name"
    )
    assert lines[1].startswith("2021,tay-nam-song-hau,1,an-giang,90.91,10,1,0,")
    assert lines[1].endswith(",An Giang")
    assert csv_out.splitlines()[1].startswith("2021,tay-nam-song-hau,1,an-giang,")
    markdown = run(["rank", "2022", "--data", str(bundled), "--format", "markdown"])[1]
    assert "| 1 | Đắk Lắk | 110 | 4 | 0 | 0 |" in markdown


def test_totals_on_the_bundled_data(bundled: Path, run: Run) -> None:
    code, out, _ = run(["totals", "2022", "--data", str(bundled), "--format", "json"])
    assert code == 0
    pledge = json.loads(out)["pledges"][0]
    metrics = {m["metric"]: m for m in pledge["metrics"]}
    assert metrics["coops_new"]["total"] == 199  # the published cluster total
    assert metrics["coops_new"]["reported"] == 5
    assert metrics["has_support_fund"] == {
        "metric": "has_support_fund",
        "total": 4,
        "reported": 5,
        "boolean": True,
    }
    targets = {t["target"]: t for t in pledge["targets"]}
    assert targets["effective-rate"]["met"] == 4 and targets["effective-rate"]["missed"] == 1
    table = run(["totals", "2021", "--data", str(bundled)])[1]
    assert "Rural households that are co-operative members" in table and "6 of 7" in table


def test_history_of_a_province(bundled: Path, run: Run) -> None:
    code, out, _ = run(
        ["history", "--province", "an giang", "--data", str(bundled), "--to", "2022"]
    )
    assert code == 0
    assert "✓ 32 (≥ 20)" in out
    payload = json.loads(
        run(
            [
                "history",
                "--province",
                "An Giang",
                "--target",
                "new-coops",
                "--data",
                str(bundled),
                "--format",
                "json",
            ]
        )[1]
    )
    row = payload["rows"][0]
    assert row["province"] == "an-giang" and row["target"] == "new-coops"
    assert next(p["year"] for p in row["years"]) == 2021
    assert row["years"][0]["actual"] == 32


def test_history_errors(bundled: Path, run: Run) -> None:
    code, _, err = run(
        ["history", "--province", "an-giang", "--target", "new-coop", "--data", str(bundled)]
    )
    assert code == 2 and 'did you mean "new-coops"?' in err
    code, _, err = run(["history", "--from", "2030", "--data", str(bundled)])
    assert code == 2 and "years with pledges: 2021, 2022" in err


def test_sparkline_shows_the_direction() -> None:
    from pledgecli.history import sparkline

    assert sparkline([Fraction(1), Fraction(2), Fraction(3)]) == "▁▄█ ↑"
    assert sparkline([Fraction(3), Fraction(1)]) == "█▁ ↓"
    assert sparkline([Fraction(2)]) == ""


def test_report_writes_a_file_and_never_overwrites(bundled: Path, run: Run, tmp_path: Path) -> None:
    target = tmp_path / "review.html"
    code, _, err = run(
        ["report", "2021", "--data", str(bundled), "--format", "html", "-o", str(target)]
    )
    assert code == 0
    html = target.read_text(encoding="utf-8")
    assert html.startswith("<!DOCTYPE html>")
    assert "Cụm thi đua Liên minh HTX các tỉnh, thành phố Tây Nam sông Hậu" in html
    # self-contained: nothing fetched (the charts' namespace names are names, not links)
    names = re.sub(r'xmlns(:xlink)?="http://www\.w3\.org/[^"]*"', "", html)
    assert "http" not in names.replace("http-equiv", "")
    assert "<svg" in html and "<img" not in html
    assert html.count("url(") == html.count("url(#")  # clip paths inside the page only
    for section in ("Results", "Cluster totals", "Ranking and emulation flag", "Targets not met"):
        assert f">{section}</h3>" in html
    code, _, err = run(
        ["report", "2021", "--data", str(bundled), "--format", "html", "-o", str(target)]
    )
    assert code == 2 and "already exists" in err and "--force" in err
    target.write_text("mine", encoding="utf-8")
    run(["report", "2021", "--data", str(bundled), "-o", str(target)])
    assert target.read_text(encoding="utf-8") == "mine"
    code, _, _ = run(["report", "2021", "--data", str(bundled), "-o", str(target), "--force"])
    assert code == 0 and target.read_text(encoding="utf-8").startswith("# ")


def test_report_lists_every_missed_target_with_its_gap(bundled: Path, run: Run) -> None:
    out = run(["report", "2021", "--data", str(bundled)])[1]
    missed_section = out.split("### Targets not met", 1)[1]
    assert "| Kiên Giang | Số thành viên HTX tăng từ 8% trở lên so năm 2020 |" in missed_section
    assert missed_section.count("✗ missed") == 15
    assert missed_section.count("? no data") == 1


def test_check_svg_for_slides(bundled: Path, run: Run) -> None:
    code, out, _ = run(["check", "2022", "--data", str(bundled), "--format", "svg"])
    assert code == 1
    assert out.startswith("<?xml") and out.rstrip().endswith("</svg>")
    assert "<!-- Đắk Lắk -->" in out  # the bar of Đắk Lắk (its glyphs are paths)
    # self-contained: no font, style sheet or picture fetched from anywhere
    assert "@import" not in out and "url(http" not in out and "<image" not in out
    assert "<text" not in out  # no font needed to show it


def test_html_report_prints_in_a_real_browser(bundled: Path, run: Run, tmp_path: Path) -> None:
    chromium = shutil.which("chromium")
    pdftotext = shutil.which("pdftotext")
    if chromium is None or pdftotext is None:
        if os.environ.get("PLEDGE_REQUIRE_BROWSER") == "1":
            pytest.fail("chromium and pdftotext are required here (see .ci/run)")
        pytest.skip("chromium or pdftotext not installed")
    page = tmp_path / "review.html"
    pdf = tmp_path / "review.pdf"
    assert (
        run(["report", "2021", "--data", str(bundled), "--format", "html", "-o", str(page)])[0] == 0
    )
    profile = tmp_path / "profile"
    profile.mkdir()
    subprocess.run(
        [
            chromium,
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            f"--user-data-dir={profile}",
            f"--print-to-pdf={pdf}",
            page.as_uri(),
        ],
        check=True,
        capture_output=True,
        timeout=120,
    )
    text = subprocess.run(
        [pdftotext, "-layout", str(pdf), "-"], check=True, capture_output=True, text=True
    ).stdout
    info = subprocess.run(["pdfinfo", str(pdf)], check=True, capture_output=True, text=True).stdout
    pages = int(next(row for row in info.splitlines() if row.startswith("Pages:")).split()[1])
    assert pages >= 1
    assert "Tây Nam sông Hậu" in text
    assert "An Giang" in text
