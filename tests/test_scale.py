"""National scale as a user meets it: the benchmark's generator writes valid data, a
table of many provinces is a summary unless --all, the JSON of every result streams
out whole, and the progress bar of a long load never reaches a pipe."""

from __future__ import annotations

import importlib.util
import io
import json
import re
import shutil
import sys
from pathlib import Path
from types import ModuleType

import pytest
from conftest import TESTS, Run

from pledgecli.diagnostics import LOCATED_PER_FILE
from pledgecli.load import load
from pledgecli.progress import LoadProgress
from pledgecli.render.table import SUMMARY_ABOVE

BENCH = TESTS.parent / "bench"


def _generator() -> ModuleType:
    spec = importlib.util.spec_from_file_location("bench_generate", BENCH / "generate.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up while being built
    spec.loader.exec_module(module)
    return module


GENERATE = _generator()
YEAR = str(GENERATE.DEFAULT_YEAR)


def generated(root: Path, units: int, targets: int = 10) -> Path:
    return GENERATE.generate(root / "data", units, targets)  # type: ignore[no-any-return]


def test_the_benchmark_generator_writes_valid_data(tmp_path: Path, run: Run) -> None:
    data = generated(tmp_path, units=12, targets=12)
    code, out, err = run(["validate", "--data", str(data)])
    assert code == 0, out + err
    assert "errors: 0, warnings: 0" in out + err


def test_the_generator_covers_every_kind_of_rule_and_status(tmp_path: Path, run: Run) -> None:
    data = generated(tmp_path, units=202, targets=10)
    code, out, _ = run(["check", YEAR, "--data", str(data), "--format", "json"])
    assert code == 1
    pledge = json.loads(out)["pledges"][0]
    rules = {(t["rule"], t["scope"], t["per"] is not None) for t in pledge["targets"]}
    assert rules >= {
        ("at_least", "province", False),
        ("at_most", "province", False),
        ("at_least", "province", True),
        ("at_most", "province", True),
        ("growth_at_least", "province", False),
        ("must_be", "province", False),
        ("at_least", "cluster", False),
        ("at_least", "cluster", True),
        ("growth_at_least", "cluster", False),
    }
    statuses = {r["status"] for r in pledge["results"]}
    assert statuses == {"met", "missed", "no-data", "no-baseline"}
    cluster = [r for r in pledge["results"] if r["province"] is None]
    assert len(cluster) == 3 and all(r["status"] in {"met", "missed"} for r in cluster)


def test_the_generator_is_deterministic(tmp_path: Path) -> None:
    first = generated(tmp_path / "a", units=5)
    second = generated(tmp_path / "b", units=5)
    files = sorted(p.relative_to(first) for p in first.rglob("*.toml"))
    assert files == sorted(p.relative_to(second) for p in second.rglob("*.toml"))
    assert all((first / f).read_bytes() == (second / f).read_bytes() for f in files)


def test_a_table_of_many_provinces_is_a_summary(tmp_path: Path, run: Run) -> None:
    units = SUMMARY_ABOVE + 5
    data = generated(tmp_path, units=units)
    code, out, _ = run(["check", YEAR, "--data", str(data)])
    assert code == 1
    assert f"{units} provinces sign this pledge" in out
    assert "--all" in out and "--format csv" in out
    assert "Fewest targets met" in out
    rows = [line for line in out.splitlines() if line.startswith("Xã Thử Nghiệm")]
    assert len(rows) == 10  # the worst ten, not a wall of rows
    assert len(out.splitlines()) < 60


def test_all_shows_every_province(tmp_path: Path, run: Run) -> None:
    units = SUMMARY_ABOVE + 5
    data = generated(tmp_path, units=units)
    code, out, _ = run(["check", YEAR, "--data", str(data), "--all"])
    assert code == 1
    assert "Fewest targets met" not in out
    assert all(f"Xã Thử Nghiệm {n:05d}" in out for n in range(1, units + 1))


def test_a_small_pledge_is_never_summarised(bundled: Path, run: Run) -> None:
    _, out, _ = run(["check", "2021", "--data", str(bundled)])
    assert "Fewest targets met" not in out
    assert "Hậu Giang" in out and "Cần Thơ" in out


def test_json_holds_every_result_of_a_large_pledge(tmp_path: Path, run: Run) -> None:
    units, targets = 150, 10
    data = generated(tmp_path, units=units, targets=targets)
    code, out, _ = run(["check", YEAR, "--data", str(data), "--format", "json"])
    assert code == 1
    payload = json.loads(out)
    results = payload["pledges"][0]["results"]
    own = sum(1 for i in range(targets) if GENERATE.kind_of(i).scope == "province")
    assert len(results) == units * own + (targets - own)
    assert sum(payload["summary"].values()) == len(results)
    assert len(out.splitlines()) > len(results)  # one line per result: greppable


def test_load_reports_its_progress(tmp_path: Path) -> None:
    data = generated(tmp_path, units=7)
    calls: list[tuple[int, int]] = []
    load(data, int(YEAR), progress=lambda done, total: calls.append((done, total)))
    assert calls[-1] == (14, 14)
    assert [done for done, _ in calls] == list(range(1, 15))


class _Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_the_progress_bar_shows_on_a_terminal_after_the_delay(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # The pinned test terminal ("dumb", not TTY-compatible) would draw no bar at all.
    monkeypatch.setenv("TERM", "xterm-256color")
    monkeypatch.delenv("TTY_COMPATIBLE")
    now = [0.0]
    stream = _Terminal()
    with LoadProgress(stream=stream, clock=lambda: now[0]) as progress:
        progress(1, 10)  # before the delay: nothing
        assert stream.getvalue() == ""
        now[0] = 0.6
        progress(5, 10)
    assert "Reading reports" in stream.getvalue()


def test_the_progress_bar_never_shows_in_a_pipe() -> None:
    stream = io.StringIO()
    with LoadProgress(stream=stream, delay=0) as progress:
        for done in range(1, 11):
            progress(done, 10)
    assert stream.getvalue() == ""


def test_no_progress_output_from_the_command_in_a_pipe(
    tmp_path: Path, run: Run, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("pledgecli.progress.DELAY", 0.0)  # as if loading were slow
    data = generated(tmp_path, units=30)
    for args in (["check", YEAR], ["check", YEAR, "--format", "json"], ["validate"]):
        code, out, err = run([*args, "--data", str(data)])
        assert code in (0, 1), err
        assert "Reading reports" not in out + err
        assert "\x1b" not in out + err


def test_a_pledge_of_many_unknown_provinces_reports_every_one(tmp_path: Path, run: Run) -> None:
    """The wrong registry for a national pledge: every signatory is unknown. Each is
    reported with the closest unit of the registry (searched in compiled code, so the
    report comes at once); line numbers are looked for only so many times."""
    units = 260
    data = generated(tmp_path, units=units, targets=2)
    pledge = data / "pledges" / YEAR / "bench.toml"
    pledge.write_text(pledge.read_text(encoding="utf-8").replace('"xa-0', '"xa-9'), "utf-8")
    code, out, err = run(["validate", "--data", str(data)])
    assert code == 2
    unknown = [line for line in (out + err).splitlines() if "is not in provinces.toml" in line]
    assert len(unknown) == units
    located = [line for line in unknown if re.search(r"bench\.toml:\d+: error", line)]
    assert len(located) == LOCATED_PER_FILE  # the rest name the file without a line
    assert all("bench.toml: error" in line for line in unknown if line not in located)
    assert all('did you mean "xa-0' in line for line in unknown)


def test_a_folder_of_forms_records_what_the_whole_form_records(tmp_path: Path, run: Run) -> None:
    # The benchmark imports, past import's limits, the national form cut into a folder of
    # forms: the folder must hold every row once and record exactly the same reports.
    data = generated(tmp_path, units=7, targets=6)
    forms = tmp_path / "forms"
    GENERATE.write_forms(data, forms)
    csv_folder, xlsx_folder = GENERATE.write_form_folders(data, forms, units_per_form=3)
    assert sorted(p.name for p in csv_folder.iterdir()) == [f"form-{YEAR}-0{n}.csv" for n in (1, 2, 3)]
    whole = (forms / f"form-{YEAR}.csv").read_text("utf-8-sig").splitlines()
    parts = [p.read_text("utf-8-sig").splitlines() for p in sorted(csv_folder.iterdir())]
    assert all(part[0] == whole[0] for part in parts)
    assert [row for part in parts for row in part[1:]] == whole[1:]
    recorded = {}
    for name, source in (("whole", forms / f"form-{YEAR}.xlsx"), ("csv", csv_folder), ("xlsx", xlsx_folder)):
        target = tmp_path / name
        shutil.copytree(data, target)
        shutil.rmtree(target / "actuals" / YEAR)
        code, out, err = run(["import", str(source), "--data", str(target)])
        assert code == 0, out + err
        recorded[name] = {  # all but the comment naming the forms
            p.name: [line for line in p.read_text("utf-8").splitlines() if "pledge import" not in line]
            for p in (target / "actuals" / YEAR).iterdir()
        }
    assert len(recorded["whole"]) == 7
    assert recorded["csv"] == recorded["whole"] == recorded["xlsx"]
    # Each report names the form its province's figures came from, not all ten of them.
    for unit, part in (("xa-00001", 1), ("xa-00004", 2), ("xa-00007", 3)):
        text = (tmp_path / "csv" / "actuals" / YEAR / f"{unit}.toml").read_text("utf-8")
        assert f"# Written by pledge import from form-{YEAR}-0{part}.csv.\n" in text
