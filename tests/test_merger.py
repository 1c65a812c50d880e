"""The 2025 reorganisation of provinces (spec v1.1): registry, assembled baselines,
former provinces in pledges and on the command line, and what the output says.

Inline cases use a small Mekong registry in which Sóc Trăng and Hậu Giang merged into
Cần Thơ and Bạc Liêu into Cà Mau on 2025-07-01; the bundled cases use data/ (the 2025
Đồng bằng sông Cửu Long pledge, figures checked by hand with Fraction).
"""

from __future__ import annotations

import json
import textwrap
from collections.abc import Mapping
from datetime import date
from fractions import Fraction
from pathlib import Path
from typing import Any

import pytest
from conftest import Run, WriteData

from pledgecli.evaluate import Result, Status, evaluate
from pledgecli.load import load
from pledgecli.merger import (
    baseline_members,
    baseline_members_of,
    predecessors,
    successor,
)
from pledgecli.service import diagnostics_of

MEKONG = """
    [can-tho]
    name = "Cần Thơ"

    [soc-trang]
    name = "Sóc Trăng"
    merged_into = "can-tho"
    merged_on = 2025-07-01

    [hau-giang]
    name = "Hậu Giang"
    merged_into = "can-tho"
    merged_on = 2025-07-01

    [ca-mau]
    name = "Cà Mau"

    [bac-lieu]
    name = "Bạc Liêu"
    merged_into = "ca-mau"
    merged_on = 2025-07-01
"""

GROWTH_8 = """
    metric = "coop_members"
    growth_at_least = "8%"
"""


def pledge_toml(target: str, provinces: str = '"can-tho", "ca-mau"', head: str = "") -> str:
    return (
        'name = "Cụm thử sau sắp xếp"\n'
        + head
        + f"provinces = [{provinces}]\n\n"
        + '[[targets]]\nid = "t"\ntext = "Chỉ tiêu thử"\n'
        + textwrap.dedent(target).strip()
        + "\n"
    )


def metrics(lines: str) -> str:
    return "[metrics]\n" + textwrap.dedent(lines).strip() + "\n"


def judge_2025(
    tmp_path: Path,
    write_data: WriteData,
    target: str,
    actuals: Mapping[str, str],
    *,
    year: int = 2025,
    registry: str = MEKONG,
) -> dict[str | None, Result]:
    """Judge one target of a ``year`` pledge of Cần Thơ and Cà Mau as ``pledge check`` does."""
    files = {"provinces.toml": registry, f"pledges/{year}/cum-thu.toml": pledge_toml(target)}
    files.update({f"actuals/{key}.toml": metrics(text) for key, text in actuals.items()})
    data = load(write_data(tmp_path, files), year)
    assert data.ok, [d.render() for d in diagnostics_of(data)]
    results = evaluate(
        data.pledges[year]["cum-thu"], data.actuals, baseline_members_of(data.provinces)
    )
    return {r.province: r for r in results.results}


# -- assembled baselines -------------------------------------------------------------------


@pytest.mark.parametrize(
    ("members_2025", "status"),
    [(86_400, Status.MET), (86_399, Status.MISSED)],
    ids=["exactly-8%-met", "one-member-short-missed"],
)
def test_growth_against_three_former_provinces(
    tmp_path: Path, write_data: WriteData, members_2025: int, status: Status
) -> None:
    # 2024: Cần Thơ 31,240 + Sóc Trăng 36,510 + Hậu Giang 12,250 = 80,000; +8% is 86,400.
    # Against Cần Thơ alone the 2025 figure would be +176%: the merger, not growth.
    results = judge_2025(
        tmp_path,
        write_data,
        GROWTH_8,
        {
            "2024/can-tho": "coop_members = 31240",
            "2024/soc-trang": "coop_members = 36510",
            "2024/hau-giang": "coop_members = 12250",
            "2024/ca-mau": "coop_members = 100",
            "2024/bac-lieu": "coop_members = 100",
            "2025/can-tho": f"coop_members = {members_2025}",
            "2025/ca-mau": "coop_members = 216",
        },
    )
    can_tho = results["can-tho"]
    assert can_tho.status is status
    assert can_tho.baseline == 80_000
    assert can_tho.baseline_year == 2024
    assert can_tho.actual == Fraction(members_2025, 80_000) - 1
    assert can_tho.baseline_from == ("can-tho", "soc-trang", "hau-giang")
    assert results["ca-mau"].baseline_from == ("ca-mau", "bac-lieu")
    assert results["ca-mau"].actual == Fraction(8, 100)


def test_ratio_growth_pools_numerators_and_denominators(
    tmp_path: Path, write_data: WriteData
) -> None:
    # Effective share of active co-ops, +5% over 2024. Cần Thơ pooled 2024: (10 + 90 + 0)
    # / (100 + 100 + 0) = 50% (Hậu Giang's 0/0 adds nothing, and is no division by zero),
    # so 2025's 105 / 200 = 52.5% is exactly +5%: met. Against Cần Thơ's own 10% it
    # would be +425%.
    target = """
        metric = "coops_effective"
        per = "coops_active"
        growth_at_least = "5%"
    """
    actuals = {
        "2024/can-tho": "coops_effective = 10\ncoops_active = 100",
        "2024/soc-trang": "coops_effective = 90\ncoops_active = 100",
        "2024/hau-giang": "coops_effective = 0\ncoops_active = 0",
        "2024/ca-mau": "coops_effective = 30\ncoops_active = 60",
        "2024/bac-lieu": "coops_effective = 18\ncoops_active = 20",
        "2025/can-tho": "coops_effective = 105\ncoops_active = 200",
        "2025/ca-mau": "coops_effective = 52\ncoops_active = 80",
    }
    results = judge_2025(tmp_path, write_data, target, actuals)
    can_tho, ca_mau = results["can-tho"], results["ca-mau"]
    assert can_tho.baseline == Fraction(100, 200)
    assert can_tho.actual == Fraction(5, 100)
    assert can_tho.status is Status.MET
    # Cà Mau: pooled 2024 (30 + 18) / (60 + 20) = 60%, not the mean of 50% and 90% (70%);
    # 2025's 52 / 80 = 65% is +8.3% over 60%: met (over 70% it would be -7%: missed).
    assert ca_mau.baseline == Fraction(48, 80)
    assert ca_mau.actual == Fraction(65, 60) - 1
    assert ca_mau.status is Status.MET


def test_cluster_growth_pools_every_assembled_baseline(
    tmp_path: Path, write_data: WriteData
) -> None:
    target = GROWTH_8 + 'scope = "cluster"\n'
    results = judge_2025(
        tmp_path,
        write_data,
        target,
        {
            "2024/can-tho": "coop_members = 300",
            "2024/soc-trang": "coop_members = 200",
            "2024/hau-giang": "coop_members = 100",
            "2024/ca-mau": "coop_members = 250",
            "2024/bac-lieu": "coop_members = 150",
            "2025/can-tho": "coop_members = 650",
            "2025/ca-mau": "coop_members = 430",
        },
    )
    cluster = results[None]
    assert cluster.baseline == 1000
    assert cluster.actual == Fraction(1080, 1000) - 1
    assert cluster.status is Status.MET
    assert cluster.assembled == (("can-tho", "soc-trang", "hau-giang"), ("ca-mau", "bac-lieu"))
    assert cluster.baseline_from == ("can-tho", "soc-trang", "hau-giang", "ca-mau", "bac-lieu")


def test_a_missing_former_province_means_no_baseline_and_names_it(
    tmp_path: Path, write_data: WriteData
) -> None:
    results = judge_2025(
        tmp_path,
        write_data,
        GROWTH_8,
        {
            "2024/can-tho": "coop_members = 300",
            "2024/soc-trang": "coop_members = 200",
            "2024/ca-mau": "coop_members = 250",
            "2024/bac-lieu": "coops_new = 3",
            "2025/can-tho": "coop_members = 650",
            "2025/ca-mau": "coop_members = 430",
        },
    )
    assert results["can-tho"].status is Status.NO_BASELINE
    assert results["can-tho"].missing == ("hau-giang 2024: no report",)
    assert results["ca-mau"].status is Status.NO_BASELINE
    assert results["ca-mau"].missing == ("bac-lieu 2024: coop_members",)
    assert results["ca-mau"].baseline_from == ("ca-mau", "bac-lieu")


def test_no_assembly_when_the_judged_year_is_still_before_the_merger(
    tmp_path: Path, write_data: WriteData
) -> None:
    # A 2024 pledge: Cần Thơ's 2024 report is still Cần Thơ alone, so is its 2023 baseline.
    results = judge_2025(
        tmp_path,
        write_data,
        GROWTH_8,
        {
            "2023/can-tho": "coop_members = 100",
            "2023/soc-trang": "coop_members = 900",
            "2023/ca-mau": "coop_members = 100",
            "2024/can-tho": "coop_members = 108",
            "2024/ca-mau": "coop_members = 107",
        },
        year=2024,
    )
    assert results["can-tho"].baseline == 100
    assert results["can-tho"].status is Status.MET
    assert results["can-tho"].assembled == ()


def test_chains_follow_forward_in_time(tmp_path: Path, write_data: WriteData) -> None:
    # A fictitious later merger: Cần Thơ into "mien-tay" on 2030-01-01. For a 2030 target
    # over 2029 only Cần Thơ (already holding Sóc Trăng and Hậu Giang) is added; for one
    # over 2024 all of them are.
    registry = MEKONG.replace(
        '[can-tho]\n    name = "Cần Thơ"\n',
        '[can-tho]\n    name = "Cần Thơ"\n    merged_into = "mien-tay"\n'
        '    merged_on = 2030-01-01\n\n    [mien-tay]\n    name = "Miền Tây"\n',
    )
    data = load(write_data(tmp_path, {"provinces.toml": registry}))
    assert data.ok, [d.render() for d in diagnostics_of(data)]
    registry_ = data.provinces
    assert baseline_members(registry_, "mien-tay", 2029, 2030) == ("mien-tay", "can-tho")
    assert baseline_members(registry_, "mien-tay", 2024, 2030) == (
        "mien-tay",
        "can-tho",
        "soc-trang",
        "hau-giang",
    )
    assert successor(registry_, "soc-trang", date(2030, 6, 1)) == "mien-tay"
    assert successor(registry_, "soc-trang", date(2026, 1, 1)) == "can-tho"
    assert successor(registry_, "soc-trang", date(2025, 6, 30)) == "soc-trang"
    assert predecessors(registry_, "mien-tay") == ("can-tho", "soc-trang", "hau-giang")
    assert predecessors(registry_, "can-tho", date(2025, 6, 30)) == ()
    assert predecessors(registry_, "can-tho", date(2025, 7, 1)) == ("soc-trang", "hau-giang")


# -- the registry ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("entry", "line", "message"),
    [
        (
            '[soc-trang]\nname = "Sóc Trăng"\nmerged_into = "soc-trang"\nmerged_on = 2025-07-01\n',
            3,
            "soc-trang is merged into itself "
            "(name the province it became part of, or remove merged_into)",
        ),
        (
            '[soc-trang]\nname = "Sóc Trăng"\nmerged_into = "can-tho"\n',
            3,
            '[soc-trang] merged_into = "can-tho" needs merged_on, the day of the merger '
            "(add merged_on = 2025-07-01 for the 2025 reorganisation)",
        ),
        (
            '[soc-trang]\nname = "Sóc Trăng"\nmerged_on = 2025-07-01\n',
            3,
            "[soc-trang] merged_on needs merged_into, the province it merged into",
        ),
        (
            '[soc-trang]\nname = "Sóc Trăng"\nmerged_into = "hau-giang"\nmerged_on = 2025-07-01\n',
            3,
            "soc-trang is merged into hau-giang on 2025-07-01, but hau-giang had already "
            'merged into can-tho on 2025-07-01 (did you mean "can-tho"?)',
        ),
    ],
    ids=["itself", "no-date", "date-only", "into-a-former-province"],
)
def test_registry_mergers_are_checked(
    tmp_path: Path, write_data: WriteData, entry: str, line: int, message: str
) -> None:
    registry = (
        '[can-tho]\nname = "Cần Thơ"\n\n'
        '[hau-giang]\nname = "Hậu Giang"\nmerged_into = "can-tho"\nmerged_on = 2025-07-01\n\n'
    )
    data = load(write_data(tmp_path, {"provinces.toml": registry + entry}))
    rendered = [d.render() for d in diagnostics_of(data)]
    assert rendered == [f"{tmp_path / 'provinces.toml'}:{line + 8}: error: {message}"]


# -- former provinces in pledges and reports ------------------------------------------------


@pytest.mark.parametrize(
    ("year", "head", "refused"),
    [
        (2026, "", True),
        (2025, "signed_on = 2025-08-20\n", True),
        (2025, "signed_on = 2025-07-01\n", True),
        (2025, "signed_on = 2025-01-15\n", False),
        (2025, "", False),
        (2021, "signed_on = 2021-01-27\n", False),
    ],
    ids=["2026", "signed-after", "signed-on-the-day", "signed-before", "2025-undated", "2021"],
)
def test_a_pledge_after_the_merger_cannot_list_a_former_province(
    run: Run, tmp_path: Path, write_data: WriteData, year: int, head: str, refused: bool
) -> None:
    pledge = pledge_toml('metric = "coops_new"\nat_least = 1', '"can-tho", "soc-trang"', head)
    root = write_data(tmp_path, {"provinces.toml": MEKONG, f"pledges/{year}/cum-thu.toml": pledge})
    code, out, err = run(["validate", "--data", str(root)])
    line = 3 if head else 2
    expected = (
        f"{root / 'pledges' / str(year) / 'cum-thu.toml'}:{line}: error: Sóc Trăng (soc-trang) "
        'merged into Cần Thơ on 2025-07-01, so it cannot sign this pledge (did you mean "can-tho"?)'
    )
    if refused:
        assert code == 2
        assert expected in out.splitlines()
        code, out, err = run(["check", str(year), "--data", str(root)])
        assert code == 2
        assert expected in err.splitlines()
    else:
        assert code == 0, out + err


def test_a_report_of_a_former_province_after_its_merger_is_flagged(
    run: Run, tmp_path: Path, write_data: WriteData
) -> None:
    root = write_data(
        tmp_path,
        {"provinces.toml": MEKONG, "actuals/2025/soc-trang.toml": metrics("coops_new = 4")},
    )
    code, out, err = run(["validate", "--data", str(root)])
    assert code == 0, err
    assert (
        f"{root / 'actuals' / '2025' / 'soc-trang.toml'}: warning: Sóc Trăng merged into Cần Thơ "
        "on 2025-07-01: its 2025 figures belong in the report of Cần Thơ "
        "(move them to actuals/2025/can-tho.toml)"
    ) in out.splitlines()


def test_the_bundled_2021_pledge_still_lists_the_former_provinces(run: Run, bundled: Path) -> None:
    code, out, err = run(["validate", "--data", str(bundled)])
    assert code == 0, out + err
    assert "errors: 0, warnings: 0" in out + err


# -- --province with a former name ----------------------------------------------------------


@pytest.mark.parametrize("typed", ["Sóc Trăng", "soc trang", "soc-trang"])
def test_a_former_province_after_the_merger_shows_its_successor(
    run: Run, bundled: Path, typed: str
) -> None:
    code, out, err = run(["check", "2025", "--data", str(bundled), "--province", typed])
    assert err == "Sóc Trăng merged into Cần Thơ on 2025-07-01; showing Cần Thơ\n"
    assert code == 0
    assert "\nCần Thơ\n" in out
    assert "Sóc Trăng" not in out.split("†", 1)[1].split("=", 1)[0]
    code, out, err = run(
        ["check", "2025", "--data", str(bundled), "--province", typed, "--format", "json"]
    )
    payload = json.loads(out)
    assert payload["province"] == "can-tho"
    assert {r["province"] for r in payload["pledges"][0]["results"]} == {"can-tho"}


def test_a_former_province_before_the_merger_stays_itself(run: Run, bundled: Path) -> None:
    code, out, err = run(["check", "2021", "--data", str(bundled), "--province", "soc trang"])
    assert code == 1  # Sóc Trăng missed some 2021 targets
    assert err == ""
    assert "\nSóc Trăng\n" in out
    assert "Cần Thơ" not in out


# -- what the output says -------------------------------------------------------------------


def check_2025_json(run: Run, bundled: Path) -> dict[str, Any]:
    code, out, _ = run(["check", "2025", "--data", str(bundled), "--format", "json"])
    assert code == 1
    payload: dict[str, Any] = json.loads(out)
    return payload


def test_json_says_which_provinces_a_baseline_was_assembled_from(run: Run, bundled: Path) -> None:
    payload = check_2025_json(run, bundled)
    results = {(r["province"], r["target"]): r for r in payload["pledges"][0]["results"]}
    can_tho = results[("can-tho", "members-growth")]
    assert can_tho["baseline_from"] == ["can-tho", "soc-trang", "hau-giang"]
    assert can_tho["baseline"] == 86_100  # 31,240 + 36,510 + 18,350
    assert can_tho["baseline_year"] == 2024
    assert can_tho["actual"] == pytest.approx(float(Fraction(93_480, 86_100) - 1))
    assert can_tho["status"] == "met"
    vinh_long = results[("vinh-long", "members-growth")]
    assert vinh_long["baseline_from"] == ["vinh-long", "ben-tre", "tra-vinh"]
    assert vinh_long["baseline"] == 58_810  # +7.28%, though +258% against Vĩnh Long alone
    assert vinh_long["status"] == "missed"
    an_giang = results[("an-giang", "members-growth")]
    assert an_giang["actual"] == 0.08  # 101,520 / 94,000 - 1: exactly on the threshold
    assert an_giang["status"] == "met"
    cluster = results[(None, "cluster-members-growth")]
    assert cluster["baseline"] == 338_960
    assert len(cluster["baseline_from"]) == 12
    assert cluster["status"] == "met"
    assert results[("can-tho", "new-coops")]["baseline_from"] is None
    assert payload["summary"] == {"met": 17, "missed": 4, "no-data": 0, "no-baseline": 0}


def test_json_of_a_year_without_mergers_has_no_assembled_baseline(run: Run, bundled: Path) -> None:
    code, out, _ = run(["check", "2021", "--data", str(bundled), "--format", "json"])
    assert code == 1
    results = [r for p in json.loads(out)["pledges"] for r in p["results"]]
    assert results and all(r["baseline_from"] is None for r in results)


def test_table_marks_assembled_baselines_and_names_the_provinces(run: Run, bundled: Path) -> None:
    code, out, err = run(["check", "2025", "--data", str(bundled)])
    assert (code, err) == (1, "")
    lines = [line.rstrip() for line in out.splitlines()]
    can_tho = next(line for line in lines if line.startswith("Cần Thơ "))
    assert "✓ +8.6%†" in can_tho
    assert "✗ +7.3%†" in next(line for line in lines if line.startswith("Vĩnh Long "))
    assert "✓ +8.5%†" in next(line for line in lines if line.startswith("Whole cluster"))
    footnote = lines[lines.index("† Baseline 2024 assembled from former provinces:") :]
    assert footnote[1:6] == [
        "  Cần Thơ = Cần Thơ + Sóc Trăng + Hậu Giang",
        "  Cà Mau = Cà Mau + Bạc Liêu",
        "  An Giang = An Giang + Kiên Giang",
        "  Vĩnh Long = Vĩnh Long + Bến Tre + Trà Vinh",
        "  Đồng Tháp = Đồng Tháp + Tiền Giang",
    ]
    # under the legend
    assert lines.index("† Baseline 2024 assembled from former provinces:") > next(
        i for i, line in enumerate(lines) if line.startswith("T5 ")
    )


def test_the_detail_view_and_markdown_note_the_assembled_baseline(run: Run, bundled: Path) -> None:
    code, out, _ = run(["check", "2025", "--data", str(bundled), "--province", "ca-mau"])
    assert code == 1
    assert "+6.8%†" in out
    assert "† Baseline 2024 assembled from former provinces:\n  Cà Mau = Cà Mau + Bạc Liêu\n" in out
    code, out, _ = run(["check", "2025", "--data", str(bundled), "--format", "markdown"])
    assert code == 1
    assert "✓ +8.6%†" in out
    assert (
        "† Baseline 2024 assembled from former provinces:\n\n"
        "- Cần Thơ = Cần Thơ + Sóc Trăng + Hậu Giang\n"
    ) in out


def test_no_footnote_without_assembled_baselines(run: Run, bundled: Path) -> None:
    code, out, _ = run(["check", "2021", "--data", str(bundled)])
    assert code == 1
    assert "†" not in out
