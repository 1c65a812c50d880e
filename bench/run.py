"""Benchmark of ``pledge``: every command timed alternately with its floor, as ratios.

Run from the repository root, after ``python3 -m pip install -e '.[bench]'``::

    python3 bench/run.py                      # everything (long: 33,210 units, 10,000 targets)
    python3 bench/run.py --sizes 3321         # national data, without the 33,210 units
    python3 bench/run.py --sizes --targets    # the bundled data only (start-up)
    python3 bench/run.py --markdown           # the README's table

Method. Each row of the tables below is a command and its floor, run as their
own processes alternately, pair by pair (floor, command, floor, command ...),
after one warm-up of each; the ratio is taken within each pair and the row
reports the median of those ratios, so a slow moment of the machine weighs on
one pair, not on every ratio. The floors:

- the interpreter: ``python -c pass`` with the interpreter of the installed
  ``pledge`` script (its ``#!`` line), so the same site-packages; nothing
  imported, because any module chosen (tomllib, say, which ``pledge`` does not
  use) would add work ``pledge`` need not do and flatter every ratio;
- parsing: ``bench/parse_only.py`` reading, with rtoml (a compiled parser),
  exactly the files ``pledge check`` opened (recorded once with an audit hook);
  reading their bytes only is shown beside it for information;
- another command: every other command at national scale is paired with
  ``pledge check --format json`` on the same data, and each command at 33,210
  units (or 10,000 targets) with itself at 3,321 units (or 1,000 targets).

Peak memory is the command's own maximum resident size (``os.wait4``), median
over the runs. Commands are run with ``PLEDGE_LANG=vi``, as their users run them,
output to /dev/null. A command this ``pledge`` does not have (yet) is reported
"not available"; the exit status is 0 when every goal measured is met, else 1.
"""

from __future__ import annotations

import argparse
import datetime
import os
import platform
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

BENCH = Path(__file__).resolve().parent
ROOT = BENCH.parent
sys.path.insert(0, str(BENCH))

from generate import DEFAULT_YEAR, FORM_UNITS, generate, write_form_folders, write_forms  # noqa: E402

TRASH = "trash"  # where fresh_year moves the reports an import wrote (removed at the end)
NATIONAL = 3321  # communes after the 2025 reorganisation
TARGETS = 30
PROVINCES = 34  # the data sets of many targets: one cluster of every province
INTERPRETER, RTOML = "interpreter", "rtoml"
CHECK_JSON = "check --format json"
TIME_MARGIN = 1.1  # growth goals: 10x the data in at most 11x the time


@dataclass(frozen=True)
class Bench:
    """One row: ``pledge`` + ``argv`` (placeholders ``{data}``, ``{year}``, ``{out}``,
    ``{forms}``, ``{import_data}``), timed against ``floor`` (INTERPRETER, RTOML or the
    name of another row of the same table), with its goals: the median ratio at most
    ``goal``, the median peak memory at most ``mib``."""

    name: str
    argv: str
    floor: str
    goal: float
    mib: float | None = None
    ok: tuple[int, ...] = (0,)  # the exit statuses of a run that did its work
    fresh_year: bool = False  # before each run, remove the year's reports (import writes them)
    # at every larger size, the command as a user runs it there, and its name (import: the
    # national form is past import's limits at 33,210 units, so a folder of forms is imported); the
    # name closes its own code span: "import FOLDER` (CSV forms ...)"
    growth_argv: str | None = None
    growth_name: str | None = None


MET = (0, 1)  # exit 1: some target missed, some figure missing: the command did its work

# Start-up, on the bundled data.
STARTUP = (
    Bench("--version", "--version", INTERPRETER, 2),
    Bench("--help", "--help", INTERPRETER, 2),
    Bench(CHECK_JSON, "check {year} --data {data} --format json", INTERPRETER, 3.5, ok=MET),
    Bench("check", "check {year} --data {data}", INTERPRETER, 4.5, ok=MET),
)

# National scale: 3,321 units x 30 targets (and the same commands at every larger size).
SCALE = (
    Bench(CHECK_JSON, "check {year} --data {data} --format json", RTOML, 4, 150, ok=MET),
    Bench("check", "check {year} --data {data}", RTOML, 4, 150, ok=MET),
    Bench("check --format csv", "check {year} --data {data} --format csv", CHECK_JSON, 2, 150, ok=MET),
    Bench(
        "check --format xlsx",
        "check {year} --data {data} --format xlsx -o {out}/check.xlsx --force",
        CHECK_JSON, 2, 150, ok=MET,
    ),
    Bench("rank", "rank {year} --data {data}", CHECK_JSON, 2, 150),
    Bench("rank --format json", "rank {year} --data {data} --format json", CHECK_JSON, 2, 150),
    Bench(
        "rank --format xlsx",
        "rank {year} --data {data} --format xlsx -o {out}/rank.xlsx --force",
        CHECK_JSON, 2, 150,
    ),
    Bench("totals", "totals {year} --data {data}", CHECK_JSON, 2, 150),
    Bench(
        "totals --format xlsx",
        "totals {year} --data {data} --format xlsx -o {out}/totals.xlsx --force",
        CHECK_JSON, 2, 150,
    ),
    Bench(
        "report --format markdown",
        "report {year} --data {data} --format markdown -o {out}/report.md --force",
        CHECK_JSON, 2, 150,
    ),
    Bench(
        "report --format html",
        "report {year} --data {data} --format html -o {out}/report.html --force",
        CHECK_JSON, 2, 150,
    ),
    Bench(
        "report --format docx",
        "report {year} --data {data} --format docx -o {out}/report.docx --force",
        CHECK_JSON, 2, 150,
    ),
    Bench(
        "report --format xlsx",
        "report {year} --data {data} --format xlsx -o {out}/report.xlsx --force",
        CHECK_JSON, 2, 150,
    ),
    Bench("history", "history --data {data}", CHECK_JSON, 2, 150),
    Bench("template --format csv", "template {year} --data {data} --format csv", CHECK_JSON, 2, 150),
    Bench(
        "template --format xlsx",
        "template {year} --data {data} --format xlsx -o {out}/form.xlsx --force",
        CHECK_JSON, 2, 150,
    ),
    Bench(
        "import form.csv",
        "import {forms}/form-{year}.csv --data {import_data}",
        CHECK_JSON, 2, 150, fresh_year=True,
        growth_argv="import {forms}/form-{year}-csv --data {import_data}",
        growth_name=f"import FOLDER` (CSV forms of {FORM_UNITS:,} units each)",
    ),
    Bench(
        "import form.xlsx",
        "import {forms}/form-{year}.xlsx --data {import_data}",
        CHECK_JSON, 2, 150, fresh_year=True,
        growth_argv="import {forms}/form-{year}-xlsx --data {import_data}",
        growth_name=f"import FOLDER` (XLSX forms of {FORM_UNITS:,} units each)",
    ),
    Bench("validate", "validate --data {data}", CHECK_JSON, 2, 150),
    Bench("missing", "missing {year} --data {data}", CHECK_JSON, 2, 150, ok=MET),
    Bench("leaders", "leaders --data {data}", CHECK_JSON, 2, 150),
    Bench("draft signed.txt", "draft {forms}/signed-{year}.txt --year {year}", CHECK_JSON, 2, 150),
)

# Commands that must grow linearly with the number of targets (1,000 -> 10,000).
LINEAR_IN_TARGETS = (
    "rank",
    "report --format markdown",
    "report --format html",
    "report --format docx",
    "report --format xlsx",
)

HEADER = ("goal", "measured", "ratio", "limit", "peak memory", "memory limit", "result")
MACHINE = re.compile(
    r"^Measured on (?P<date>\d{4}-\d{2}-\d{2}) on (?P<cores>\d+) cores? \((?P<cpu>[^)]+)\), "
    r"Python (?P<python>\d+\.\d+\.\d+)"
)
RESULTS = ("pass", "FAIL", "not available", "error")

# Click's own words when a command or an option's value does not exist (asked in English).
ABSENT = ("No such command", "No such option", "Invalid value for '--format'")


@dataclass(frozen=True)
class DataSet:
    label: str  # "bundled data", "3,321 units", "10,000 targets"
    data: Path
    year: int
    forms: Path | None = None
    import_data: Path | None = None
    files: Path | None = None  # the files `pledge check` opened, one a line

    def argv(self, template: str, out: Path) -> list[str]:
        values = {
            "data": str(self.data),
            "year": str(self.year),
            "out": str(out),
            "forms": str(self.forms),
            "import_data": str(self.import_data),
        }
        return [word.format(**values) for word in template.split()]


@dataclass
class Result:
    goal: str
    status: str  # one of RESULTS
    command_s: float = 0.0
    floor_s: float = 0.0
    ratio: float = 0.0
    limit: float = 0.0
    mib: float | None = None
    mib_limit: float | None = None
    note: str = ""
    extra: list[Result] = field(default_factory=list)

    def cells(self) -> tuple[str, ...]:
        limit = f"<= {self.limit:g}x" if self.limit else "(information)"
        mib_limit = f"<= {self.mib_limit:g} MiB" if self.mib_limit else ""
        if self.status in {"not available", "error"}:
            result = self.status if not self.note else f"{self.status}: {self.note}"
            return (self.goal, "", "", limit, "", mib_limit, result)
        mib = f"{self.mib:.0f} MiB" if self.mib is not None else ""
        return (
            self.goal,
            f"{self.command_s:.3f} s / {self.floor_s:.3f} s",
            f"{self.ratio:.2f}x",
            limit,
            mib,
            mib_limit,
            self.status,
        )


class Runner:
    def __init__(self, pledge: str, python: str, out: Path) -> None:
        self.pledge, self.python, self.out = pledge, python, out
        self.env = {k: v for k, v in os.environ.items() if k not in {"PLEDGE_DATA", "PLEDGE_LANG"}}

    def run(self, argv: Sequence[str], lang: str = "vi") -> tuple[float, float, int, str]:
        """Wall seconds, peak resident MiB, exit status and standard error (kept in English
        only: the warm-up, which tells whether the command exists)."""
        env = {**self.env, "PLEDGE_LANG": lang}
        with tempfile.TemporaryFile() as errors:
            start = time.perf_counter()
            process = subprocess.Popen(
                list(argv), stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
                stderr=errors if lang == "en" else subprocess.DEVNULL, env=env, cwd=self.out,
            )
            try:
                _, status, usage = os.wait4(process.pid, 0)
            except BaseException:  # interrupted: leave no command running behind
                process.kill()
                process.wait()
                raise
            seconds = time.perf_counter() - start
            process.returncode = os.waitstatus_to_exitcode(status)
            errors.seek(0)
            stderr = errors.read().decode("utf-8", "replace")
        return seconds, usage.ru_maxrss / 1024, process.returncode, stderr

    def pairs(
        self,
        goal: str,
        command: Sequence[str],
        floors: Sequence[Sequence[str]],
        runs: int,
        *,
        ok: tuple[int, ...] = (0,),
        limit: float,
        mib_limit: float | None,
        prepare: Callable[[], None] = lambda: None,
        floor_names: Sequence[str] = (),
    ) -> Result:
        """Warm up, then ``runs`` times: each floor, then the command; ratios per pair.
        ``prepare`` runs (untimed) before every run, floor or command."""
        prepare()
        _, _, code, stderr = self.run(command, lang="en")
        if code not in ok:
            absent = any(words in stderr for words in ABSENT)
            status = "not available" if absent and code == 2 else "error"
            note = "" if absent else f"exit {code}: {last_line(stderr)}"
            progress(f"  {goal}: {status} {note}")
            return Result(goal, status, limit=limit, mib_limit=mib_limit, note=note)
        for floor in floors:
            prepare()
            _, _, code, stderr = self.run(floor, lang="en")
            if code not in (0, 1):
                note = f"floor exit {code}: {last_line(stderr)}"
                progress(f"  {goal}: error {note}")
                return Result(goal, "error", limit=limit, mib_limit=mib_limit, note=note)
        samples: list[tuple[list[float], float, float, int]] = []
        for _ in range(runs):
            times: list[float] = []
            for floor in floors:
                prepare()
                times.append(self.run(floor)[0])
            prepare()
            seconds, peak, code, _ = self.run(command)
            samples.append((times, seconds, peak, code))
        codes = sorted({code for _, _, _, code in samples})
        if any(code not in ok for code in codes):
            return Result(goal, "error", limit=limit, mib_limit=mib_limit, note=f"exit {codes}")
        command_s = statistics.median(s for _, s, _, _ in samples)
        mib = statistics.median(m for _, _, m, _ in samples)
        results = []
        for index in range(len(floors)):
            ratio = statistics.median(s / f[index] for f, s, _, _ in samples)
            results.append((ratio, statistics.median(f[index] for f, _, _, _ in samples)))
        ratio, floor_s = results[0]
        passed = ratio <= limit and (mib_limit is None or mib <= mib_limit)
        result = Result(
            goal, "pass" if passed else "FAIL", command_s, floor_s, ratio, limit, mib, mib_limit
        )
        for name, (other_ratio, other_s) in zip(floor_names[1:], results[1:], strict=True):
            label = goal.rsplit(" / ", 1)[0] + f" / {name}"
            result.extra.append(Result(label, "info", command_s, other_s, other_ratio, 0.0))
        progress(
            f"  {goal}: {command_s:.3f} s / {floor_s:.3f} s, median ratio {ratio:.2f}x "
            f"(limit {limit:g}x), {mib:.0f} MiB: {result.status}"
        )
        return result


def last_line(text: str) -> str:
    lines = [line.strip(" │╭╰─") for line in text.strip().splitlines() if line.strip(" │╭╰─")]
    return lines[-1][:120] if lines else ""


def progress(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


def interpreter_of(script: str) -> str:
    """The interpreter named on the ``#!`` line of the ``pledge`` script, so that the floor
    starts the same Python with the same site-packages; else this one."""
    try:
        with open(script, "rb") as file:
            first = file.readline().decode("utf-8", "replace").strip()
    except OSError:
        return sys.executable
    words = first[2:].split() if first.startswith("#!") else []
    if len(words) == 1 and "python" in Path(words[0]).name and Path(words[0]).is_file():
        return words[0]
    return sys.executable


def pledge_command() -> str:
    beside = Path(sys.executable).parent / "pledge"
    found = str(beside) if beside.is_file() else shutil.which("pledge")
    if found is None:
        sys.exit("pledge is not installed: run python3 -m pip install -e '.[bench]' first")
    return found


AUDIT = r"""
import os, sys
from importlib.metadata import entry_points
listing, data, *args = sys.argv[1:]
opened = []
def hook(event, details):
    if event == "open" and isinstance(details[0], (str, bytes, os.PathLike)):
        opened.append(details[0])
sys.addaudithook(hook)
(main,) = entry_points(group="console_scripts", name="pledge")
sys.argv = ["pledge", *args]
try:
    main.load()()
except SystemExit:
    pass
finally:
    root = os.path.realpath(data) + os.sep
    files = dict.fromkeys(os.path.realpath(os.fsdecode(p)) for p in opened)
    with open(listing, "w", encoding="utf-8") as out:
        out.writelines(p + "\n" for p in files if p.startswith(root) and os.path.isfile(p))
"""


def record_files(python: str, dataset: DataSet, listing: Path, out: Path) -> DataSet:
    """The files ``pledge check --format json`` opens on ``dataset``, written to ``listing``."""
    argv = dataset.argv("check {year} --data {data} --format json", out)
    subprocess.run(
        [python, "-c", AUDIT, str(listing), str(dataset.data), *argv],
        stdout=subprocess.DEVNULL, cwd=out, check=False,
    )
    count = len(listing.read_text("utf-8").splitlines()) if listing.is_file() else 0
    if count == 0:
        sys.exit(f"could not record the files pledge reads in {dataset.data}")
    progress(f"  (pledge check reads {count:,} files there)")
    return DataSet(dataset.label, dataset.data, dataset.year, dataset.forms, dataset.import_data, listing)


def prepared(
    workdir: Path, label: str, name: str, units: int, targets: int, folders: bool = False
) -> DataSet:
    """A generated data set in ``workdir/name`` (kept if already there), with its forms (and,
    with ``folders``, the form cut into folders of forms) and a copy of the data without the
    year's reports, for ``import``."""
    folder, forms, import_data = workdir / name, workdir / f"{name}-forms", workdir / f"{name}-import"
    year = DEFAULT_YEAR
    if not (folder / "provinces.toml").is_file():
        started = time.perf_counter()
        generate(folder, units, targets)
        write_forms(folder, forms, year)
        progress(f"(generated {folder} in {time.perf_counter() - started:.1f} s)")
    if folders and not (forms / f"form-{year}-xlsx").is_dir():
        write_form_folders(folder, forms, year)
    if not import_data.is_dir():
        shutil.copytree(folder, import_data)
    return DataSet(label, folder, year, forms, import_data)


def measure_table(
    runner: Runner,
    rows: Sequence[Bench],
    dataset: DataSet,
    runs: int,
    only: re.Pattern[str] | None,
    done: list[Result],
) -> dict[str, Result]:
    """Every row of ``rows`` on ``dataset``, each result also appended to ``done`` at once
    (so that an interrupted run still shows it)."""
    by_name = {row.name: row for row in rows}
    results: dict[str, Result] = {}
    progress(f"\n{dataset.label} ({dataset.data})")
    for row in rows:
        if only is not None and not only.search(row.name):
            continue
        command = [runner.pledge, *dataset.argv(row.argv, runner.out)]
        floor_names: list[str]
        if row.floor == INTERPRETER:
            floors = [[runner.python, "-c", "pass"]]
            floor_names = ["interpreter (`python -c pass`)"]
        elif row.floor == RTOML:
            assert dataset.files is not None
            parse = [runner.python, str(BENCH / "parse_only.py"), str(dataset.files)]
            floors = [parse, [*parse, "--bytes"]]
            floor_names = ["parsing its files with rtoml", "reading their bytes"]
        else:
            floors = [[runner.pledge, *dataset.argv(by_name[row.floor].argv, runner.out)]]
            floor_names = [f"`pledge {row.floor}`"]
        goal = f"`pledge {row.name}`, {dataset.label} / {floor_names[0]}"
        results[row.name] = runner.pairs(
            goal, command, floors, runs, ok=row.ok, limit=row.goal, mib_limit=row.mib,
            prepare=fresh_year(dataset) if row.fresh_year else lambda: None,
            floor_names=floor_names,
        )
        done.append(results[row.name])
    return results


def fresh_year(*datasets: DataSet) -> Callable[[], None]:
    """Take the year's reports out of the copies ``import`` writes into, so that every run
    of an import records the whole form. They are moved aside into ``TRASH`` (a rename),
    not deleted: on this kind of file system (ext4 without a journal) a file made within
    a minute of thousands being deleted is placed by scanning past every one of them,
    which a user importing a year does not meet (here 3,321 new files took about 1.0 s
    after a deletion and 0.4 s after a rename). ``main`` empties ``TRASH`` at the end."""

    def prepare() -> None:
        for dataset in datasets:
            assert dataset.import_data is not None
            year = dataset.import_data / "actuals" / str(dataset.year)
            if year.exists():
                trash = dataset.import_data.parent / TRASH
                trash.mkdir(exist_ok=True)
                year.rename(trash / f"{dataset.import_data.name}-{time.monotonic_ns()}")

    return prepare


def measure_growth(
    runner: Runner,
    rows: Sequence[Bench],
    small: DataSet,
    large: DataSet,
    factor: float,
    runs: int,
    results: list[Result],
) -> None:
    """Each row on ``large`` paired with itself on ``small`` (at most ``factor`` x 1.1),
    appended to ``results``."""
    progress(f"\n{large.label} against {small.label}")
    for row in rows:
        name = f"`pledge {row.growth_name}" if row.growth_name else f"`pledge {row.name}`"
        goal = f"{name}, {large.label} / {small.label}"
        argv = row.growth_argv or row.argv
        results.append(
            runner.pairs(
                goal,
                [runner.pledge, *large.argv(argv, runner.out)],
                [[runner.pledge, *small.argv(argv, runner.out)]],
                runs, ok=row.ok, limit=round(factor * TIME_MARGIN, 2), mib_limit=None,
                prepare=fresh_year(small, large) if row.fresh_year else lambda: None,
            )
        )


def machine_line(argv: Sequence[str], runs: str) -> str:
    cpu = platform.processor() or platform.machine()
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    cores = os.cpu_count() or 1
    load = os.getloadavg()[0] if hasattr(os, "getloadavg") else 0.0
    command = " ".join(["python3 bench/run.py", *argv])
    return (
        f"Measured on {datetime.date.today().isoformat()} on {cores} core{'s' if cores > 1 else ''} "
        f"({cpu.replace('(', '[').replace(')', ']')}), Python {platform.python_version()}, "
        f"load average {load:.1f} at the start, by `{command}`: {runs}."
    )


def markdown(machine: str, results: Sequence[Result]) -> str:
    lines = [machine, "", "| " + " | ".join(HEADER) + " |", "|" + "---|" * len(HEADER)]
    for result in results:
        for row in (result, *result.extra):
            lines.append("| " + " | ".join(cell.replace("|", "\\|") for cell in row.cells()) + " |")
    return "\n".join(lines) + "\n"


def parse_markdown(text: str) -> tuple[re.Match[str], list[tuple[str, ...]]]:
    """The machine line and the rows of a ``--markdown`` block; ValueError if it is not one."""
    lines = [line for line in text.strip().splitlines()]
    if len(lines) < 4:
        raise ValueError("too short for a benchmark table")
    machine = MACHINE.match(lines[0])
    if machine is None:
        raise ValueError(f"not a machine line: {lines[0]!r}")
    if lines[1] != "" or lines[2] != "| " + " | ".join(HEADER) + " |":
        raise ValueError(f"not the benchmark's header: {lines[2]!r}")
    if lines[3] != "|" + "---|" * len(HEADER):
        raise ValueError(f"not the header's rule: {lines[3]!r}")
    rows = []
    for line in lines[4:]:
        cells = tuple(c.strip() for c in re.split(r"(?<!\\)\|", line.strip())[1:-1])
        if not line.startswith("| ") or len(cells) != len(HEADER):
            raise ValueError(f"not a row of {len(HEADER)} cells: {line!r}")
        goal, measured, ratio, limit, mib, mib_limit, result = cells
        if not goal.startswith("`pledge ") or " / " not in goal:
            raise ValueError(f"not a goal: {goal!r}")
        if not (result in RESULTS or result == "info" or result.split(":")[0] in RESULTS):
            raise ValueError(f"not a result: {result!r}")
        if measured and not re.fullmatch(r"\d+\.\d{3} s / \d+\.\d{3} s", measured):
            raise ValueError(f"not a measure: {measured!r}")
        if ratio and not re.fullmatch(r"\d+\.\d\dx", ratio):
            raise ValueError(f"not a ratio: {ratio!r}")
        if not re.fullmatch(r"<= \d+(\.\d+)?x|\(information\)", limit):
            raise ValueError(f"not a limit: {limit!r}")
        if mib and not re.fullmatch(r"\d+ MiB", mib):
            raise ValueError(f"not a peak memory: {mib!r}")
        if mib_limit and not re.fullmatch(r"<= \d+ MiB", mib_limit):
            raise ValueError(f"not a memory limit: {mib_limit!r}")
        rows.append(cells)
    return machine, rows


def plain(machine: str, results: Sequence[Result]) -> str:
    rows = [HEADER, *(r.cells() for result in results for r in (result, *result.extra))]
    widths = [max(len(row[i]) for row in rows) for i in range(len(HEADER))]
    lines = ["  ".join(cell.ljust(w) for cell, w in zip(row, widths, strict=True)) for row in rows]
    return machine + "\n\n" + "\n".join(line.rstrip() for line in lines) + "\n"


def main(argv: list[str] | None = None) -> int:
    args_list = sys.argv[1:] if argv is None else argv
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--quick-runs", type=int, default=15, help="pairs per row on the bundled data (default 15)")
    parser.add_argument("--runs", type=int, default=5, help="pairs per row on generated data (default 5)")
    parser.add_argument("--big-runs", type=int, default=3, help="pairs per row against the largest data (default 3)")
    parser.add_argument(
        "--sizes", type=int, nargs="*", default=[NATIONAL, NATIONAL * 10],
        help="units of the national data sets (default 3321 33210; none: skip them)",
    )
    parser.add_argument(
        "--targets", type=int, nargs="*", default=[1000, 10000],
        help=f"targets of the data sets of {PROVINCES} provinces (default 1000 10000; none: skip)",
    )
    parser.add_argument("--only", type=re.compile, help="only the rows whose name matches this")
    parser.add_argument("--markdown", action="store_true", help="print the table in Markdown")
    parser.add_argument("--keep", type=Path, help="write the generated data here and keep it")
    args = parser.parse_args(args_list)

    pledge = pledge_command()
    python = interpreter_of(pledge)
    # An installed pledge has its bytecode compiled (pip does it); an editable checkout would
    # otherwise compile every module on its first run only, which the warm-up absorbs anyway.
    subprocess.run([python, "-m", "compileall", "-q", str(ROOT / "src")], check=False)
    runs = f"median of {args.quick_runs} pairs on the bundled data"
    if args.sizes or len(args.targets) > 1:
        runs += f", {args.runs} on generated data"
    if len(args.sizes) > 1 or len(args.targets) > 1:
        runs += f", {args.big_runs} against the largest"
    machine = machine_line(args_list, runs)
    progress(machine)
    workdir = args.keep or Path(tempfile.mkdtemp(prefix="pledge-bench-"))
    workdir.mkdir(parents=True, exist_ok=True)
    out = workdir / "out"
    out.mkdir(exist_ok=True)
    runner = Runner(pledge, python, out)
    results: list[Result] = []
    interrupted = False
    try:
        bundled = DataSet("bundled data", ROOT / "data", 2021)
        measure_table(runner, STARTUP, bundled, args.quick_runs, args.only, results)
        sizes = sorted(set(args.sizes))
        national: dict[int, DataSet] = {}
        for units in sizes:
            dataset = prepared(
                workdir, f"{units:,} units", f"units-{units}", units, TARGETS, folders=len(sizes) > 1
            )
            national[units] = record_files(python, dataset, workdir / f"files-{units}.txt", out)
        if sizes:
            first = measure_table(runner, SCALE, national[sizes[0]], args.runs, args.only, results)
            for units in sizes[1:]:
                rows = [row for row in SCALE if row.name in first]
                measure_growth(
                    runner, rows, national[sizes[0]], national[units], units / sizes[0],
                    args.big_runs if units == sizes[-1] else args.runs, results,
                )
        counts = sorted(set(args.targets))
        if len(counts) > 1:
            many = {
                n: prepared(workdir, f"{n:,} targets", f"targets-{n}", PROVINCES, n) for n in counts
            }
            rows = [r for r in SCALE if r.name in LINEAR_IN_TARGETS]
            if args.only is not None:
                rows = [r for r in rows if args.only.search(r.name)]
            for n in counts[1:]:
                measure_growth(
                    runner, rows, many[counts[0]], many[n], n / counts[0],
                    args.big_runs if n == counts[-1] else args.runs, results,
                )
    except KeyboardInterrupt:  # Ctrl-C (SIGINT): the table of the rows measured so far
        interrupted = True
        progress("\ninterrupted: the table holds the rows measured before")
    finally:
        shutil.rmtree(workdir / TRASH, ignore_errors=True)
        if args.keep is None:
            shutil.rmtree(workdir, ignore_errors=True)
    if interrupted:
        machine = machine.rstrip(".") + ", interrupted before the end."
    print(markdown(machine, results) if args.markdown else plain(machine, results), end="")
    measured = [r for r in results if r.status in {"pass", "FAIL", "error"}]
    failed = [r for r in measured if r.status != "pass"]
    progress(f"\n{len(measured) - len(failed)} of {len(measured)} goals met")
    return 1 if failed or interrupted else 0


if __name__ == "__main__":
    sys.exit(main())
