"""Benchmark of ``pledge``: wall time and peak memory, as ratios to floors that hold anywhere.

Run from the repository root, after ``python3 -m pip install -e .``::

    python3 bench/run.py                 # everything (about two minutes)
    python3 bench/run.py --sizes 3321    # skip the 33,210-unit data

Every command runs as its own process, several times; the table shows the
median wall time and the median peak resident memory of each. Generated data
(``bench/generate.py``) goes to a temporary folder unless ``--keep DIR`` is
given. The exit status is 0 when every goal passes, 1 otherwise.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

BENCH = Path(__file__).resolve().parent
ROOT = BENCH.parent
BUNDLED = ROOT / "data"
sys.path.insert(0, str(BENCH))

from generate import DEFAULT_YEAR, generate  # noqa: E402

NATIONAL = 3321  # communes after the 2025 reorganisation
TARGETS = 30


@dataclass(frozen=True)
class Measure:
    label: str
    seconds: float
    mib: float
    exit_codes: tuple[int, ...]


def run_once(argv: Sequence[str]) -> tuple[float, float, int]:
    """Wall seconds, peak resident MiB and exit status of one run of ``argv``."""
    env = {k: v for k, v in os.environ.items() if k not in {"PLEDGE_DATA", "PLEDGE_LANG"}}
    env["PLEDGE_LANG"] = "en"
    start = time.perf_counter()
    process = subprocess.Popen(
        list(argv), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env, cwd=ROOT
    )
    _, status, usage = os.wait4(process.pid, 0)
    seconds = time.perf_counter() - start
    process.returncode = os.waitstatus_to_exitcode(status)
    return seconds, usage.ru_maxrss / 1024, process.returncode


def measure(label: str, argv: Sequence[str], runs: int) -> Measure:
    run_once(argv)  # warm the file cache and the bytecode cache
    samples = [run_once(argv) for _ in range(runs)]
    measured = Measure(
        label,
        statistics.median(s for s, _, _ in samples),
        statistics.median(m for _, m, _ in samples),
        tuple(sorted({c for _, _, c in samples})),
    )
    codes = ",".join(str(c) for c in measured.exit_codes)
    print(f"  {label:<52} {measured.seconds:8.3f} s {measured.mib:8.1f} MiB   exit {codes}")
    sys.stdout.flush()
    return measured


def pledge_command() -> str:
    beside = Path(sys.executable).parent / "pledge"
    found = str(beside) if beside.is_file() else shutil.which("pledge")
    if found is None:
        sys.exit("pledge is not installed: run python3 -m pip install -e . first")
    return found


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--quick-runs",
        type=int,
        default=15,
        help="runs per command on the bundled data, where noise weighs most (default 15)",
    )
    parser.add_argument(
        "--runs", type=int, default=5, help="runs per command on generated data (default 5)"
    )
    parser.add_argument(
        "--big-runs", type=int, default=3, help="runs per command on the largest data (default 3)"
    )
    parser.add_argument(
        "--sizes",
        type=int,
        nargs="*",
        default=[NATIONAL, NATIONAL * 10],
        help="units of the generated data sets (default 3321 33210; none: bundled data only)",
    )
    parser.add_argument("--keep", type=Path, help="write the generated data here and keep it")
    args = parser.parse_args(argv)

    python, pledge = sys.executable, pledge_command()
    # An installed pledge has its bytecode compiled (pip does it); an editable checkout run
    # with PYTHONDONTWRITEBYTECODE would compile every module on every run instead.
    subprocess.run([python, "-m", "compileall", "-q", str(ROOT / "src")], check=True)
    print(f"pledge benchmark: Python {sys.version.split()[0]}, {pledge}")
    print(
        f"median of {args.quick_runs} runs on the bundled data, {args.runs} on generated data "
        f"({args.big_runs} on the largest), each after one warm-up\n"
    )
    m: dict[str, Measure] = {}
    print("bundled data (data/)")
    m["floor"] = measure(
        'python -c "import tomllib"  (interpreter floor)',
        [python, "-c", "import tomllib"],
        args.quick_runs,
    )
    m["version"] = measure("pledge --version", [pledge, "--version"], args.quick_runs)
    m["help"] = measure("pledge --help", [pledge, "--help"], args.quick_runs)
    bundled = ["--data", str(BUNDLED)]
    m["table"] = measure("pledge check 2021", [pledge, "check", "2021", *bundled], args.quick_runs)
    m["json"] = measure(
        "pledge check 2021 --format json",
        [pledge, "check", "2021", *bundled, "--format", "json"],
        args.quick_runs,
    )

    workdir = args.keep or Path(tempfile.mkdtemp(prefix="pledge-bench-"))
    try:
        for units in args.sizes:
            folder = workdir / f"units-{units}"
            if not (folder / "provinces.toml").is_file():
                started = time.perf_counter()
                generate(folder, units, TARGETS)
                print(f"\n(generated {folder} in {time.perf_counter() - started:.1f} s)")
            files = sum(1 for _ in folder.rglob("*.toml"))
            print(f"\ngenerated: {units:,} units x {TARGETS} targets ({files:,} files)")
            runs = args.big_runs if units == max(args.sizes) and len(args.sizes) > 1 else args.runs
            data = ["--data", str(folder)]
            year = str(DEFAULT_YEAR)
            m[f"parse-{units}"] = measure(
                "parse only, tomllib  (data floor)",
                [python, str(BENCH / "parse_only.py"), str(folder)],
                runs,
            )
            m[f"json-{units}"] = measure(
                f"pledge check {year} --format json",
                [pledge, "check", year, *data, "--format", "json"],
                runs,
            )
            m[f"table-{units}"] = measure(
                f"pledge check {year}  (table, not a terminal)",
                [pledge, "check", year, *data],
                runs,
            )
    finally:
        if args.keep is None:
            shutil.rmtree(workdir, ignore_errors=True)
    return report_goals(m, args.sizes)


def report_goals(m: dict[str, Measure], sizes: Sequence[int]) -> int:
    floor = m["floor"].seconds
    goals: list[tuple[str, float, float, str]] = [
        ("pledge check 2021 (table) / interpreter floor", m["table"].seconds / floor, 6, "x"),
        (
            "pledge check 2021 --format json / interpreter floor",
            m["json"].seconds / floor,
            4.5,
            "x",
        ),
        ("pledge --version / interpreter floor", m["version"].seconds / floor, 3, "x"),
        ("pledge --help / interpreter floor", m["help"].seconds / floor, 3, "x"),
    ]
    if NATIONAL in sizes:
        json_national = m[f"json-{NATIONAL}"]
        goals += [
            (
                f"{NATIONAL:,} units: check --format json / parse only",
                json_national.seconds / m[f"parse-{NATIONAL}"].seconds,
                1.5,
                "x",
            ),
            (
                f"{NATIONAL:,} units: check --format json, peak memory",
                json_national.mib,
                150,
                " MiB",
            ),
        ]
        if NATIONAL * 10 in sizes:
            goals.append(
                (
                    f"{NATIONAL * 10:,} units / {NATIONAL:,} units: check --format json",
                    m[f"json-{NATIONAL * 10}"].seconds / json_national.seconds,
                    11,
                    "x",
                )
            )
    print("\ngoals")
    failed = 0
    for label, value, limit, unit in goals:
        verdict = "PASS" if value <= limit else "FAIL"
        failed += verdict == "FAIL"
        measured, goal = f"{value:.2f}{unit}", f"<= {limit:g}{unit}"
        print(f"  {label:<56} {measured:>10} {goal:<12} {verdict}")
    for size in sizes:
        ratio = m[f"json-{size}"].seconds / m[f"parse-{size}"].seconds
        table = m[f"table-{size}"].seconds / m[f"parse-{size}"].seconds
        print(
            f"  (information) {size:,} units: json {ratio:.2f}x, table {table:.2f}x parse only; "
            f"peak {m[f'json-{size}'].mib:.0f} MiB json, {m[f'table-{size}'].mib:.0f} MiB table"
        )
    print(f"\n{len(goals) - failed} of {len(goals)} goals met")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
