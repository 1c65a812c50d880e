"""The benchmark harness works and the README's performance table is one of its outputs.

No figure is asserted (a timed test would only measure the machine running the tests):
the harness runs on the bundled data with few pairs, and its Markdown, like the
README's table, must have the machine line and the columns the harness writes."""

from __future__ import annotations

import importlib.util
import re
import subprocess
import sys
from pathlib import Path
from types import ModuleType

import pytest
from conftest import TESTS

ROOT = TESTS.parent
BENCH = ROOT / "bench"


def _harness() -> ModuleType:
    spec = importlib.util.spec_from_file_location("bench_run", BENCH / "run.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up while being built
    spec.loader.exec_module(module)
    return module


RUN = _harness()


def readme_table() -> str:
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    section = text.split("\n## Performance", 1)[1].split("\n## ", 1)[0]
    lines = section.splitlines()
    start = next(i for i, line in enumerate(lines) if line.startswith("Measured on "))
    end = start + 2
    while end < len(lines) and lines[end].startswith("|"):
        end += 1
    return "\n".join(lines[start:end]) + "\n"


@pytest.fixture(scope="module")
def bundled_markdown() -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, str(BENCH / "run.py"), "--sizes", "--targets", "--quick-runs", "2", "--markdown"],
        capture_output=True, text=True, cwd=ROOT, timeout=300, check=False,
    )


def test_the_harness_prints_the_start_up_goals_in_markdown(
    bundled_markdown: subprocess.CompletedProcess[str],
) -> None:
    # 0 every goal met, 1 some missed: both are a finished run; anything else is a crash.
    assert bundled_markdown.returncode in {0, 1}, bundled_markdown.stderr
    machine, rows = RUN.parse_markdown(bundled_markdown.stdout)
    assert machine["python"] == ".".join(str(n) for n in sys.version_info[:3])
    assert int(machine["cores"]) >= 1 and machine["cpu"]
    goals = [row[0] for row in rows]
    assert goals == [
        "`pledge --version`, bundled data / interpreter (`python -c pass`)",
        "`pledge --help`, bundled data / interpreter (`python -c pass`)",
        "`pledge check --format json`, bundled data / interpreter (`python -c pass`)",
        "`pledge check`, bundled data / interpreter (`python -c pass`)",
    ]
    assert [row[3] for row in rows] == ["<= 2x", "<= 2x", "<= 3.5x", "<= 4.5x"]
    for _goal, measured, ratio, _limit, peak, _memory, result in rows:
        assert result in {"pass", "FAIL"}
        assert re.fullmatch(r"\d+\.\d{3} s / \d+\.\d{3} s", measured) and ratio.endswith("x")
        assert re.fullmatch(r"\d+ MiB", peak)
    assert ("FAIL" in {row[6] for row in rows}) == (bundled_markdown.returncode == 1)
    # The progress goes to standard error, so the Markdown can be pasted as it is.
    assert "bundled data (" in bundled_markdown.stderr


def test_the_readmes_performance_table_is_a_markdown_output_of_the_harness() -> None:
    machine, rows = RUN.parse_markdown(readme_table())
    assert re.fullmatch(r"\d{4}-\d{2}-\d{2}", machine["date"])
    goals = " ".join(row[0] for row in rows)
    for wanted in ("`pledge --version`", "`pledge check --format json`, 3,321 units"):
        assert wanted in goals


def test_the_parser_refuses_a_table_not_written_by_the_harness() -> None:
    good = RUN.markdown(
        "Measured on 2026-01-02 on 2 cores (a CPU), Python 3.11.7, load average 0.5",
        [RUN.Result("`pledge --version`, bundled data / x", "pass", 0.05, 0.02, 2.5, 3, 19.0)],
    )
    assert RUN.parse_markdown(good)[1][0][2] == "2.50x"
    for bad in (
        good.replace("Measured on", "Run on"),
        good.replace("| ratio |", "| factor |"),
        good.replace("2.50x", "2.5 times"),
        good.replace("| pass |", "| pass | extra |"),
    ):
        with pytest.raises(ValueError):
            RUN.parse_markdown(bad)


def test_a_command_this_pledge_lacks_is_reported_not_available(tmp_path: Path) -> None:
    runner = RUN.Runner(RUN.pledge_command(), sys.executable, tmp_path)
    result = runner.pairs(
        "`pledge no-such-command`, bundled data / interpreter",
        [runner.pledge, "no-such-command-here"],
        [[sys.executable, "-c", "pass"]],
        1,
        limit=2,
        mib_limit=None,
    )
    assert result.status == "not available"
    assert result.cells()[-1] == "not available"
