"""Nothing lost, nothing silently skipped (the README's "Reliability"): concurrent
writers under the data directory's lock, imports all or nothing across reports, forms
read strictly, writes that respect links and special files, and forms bounded in
rows, columns, bytes and memory."""

from __future__ import annotations

import errno
import os
import shutil
import stat
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest
from conftest import PINNED_ENV, TESTS, Run

from pledgecli.collect import form_read, lock, writer

FORM_HEADER = "year,province,metric,value"


def snapshot(root: Path) -> dict[str, bytes]:
    return {
        str(p.relative_to(root)): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()
    }


def report(root: Path, province: str, year: int = 2021) -> Path:
    return root / "actuals" / str(year) / f"{province}.toml"


def metrics(root: Path, province: str, year: int = 2021) -> dict[str, object]:
    return dict(tomllib.loads(report(root, province, year).read_text("utf-8"))["metrics"])


def write_form(path: Path, rows: list[str], header: str = FORM_HEADER) -> Path:
    path.write_text("\n".join([header, *rows]) + "\n", encoding="utf-8")
    return path


def environment() -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k not in PINNED_ENV}
    env.update({k: v for k, v in PINNED_ENV.items() if v is not None})
    env["PYTHONPATH"] = str(TESTS.parent / "src")
    return env


def pledge(*args: str) -> list[str]:
    return [sys.executable, "-m", "pledgecli", *args]


# -- 1. concurrent writers never lose a figure -----------------------------------------


def test_parallel_set_and_import_never_lose_a_figure(bundled_copy: Path, tmp_path: Path) -> None:
    """Four `set` on one province and an `import` touching it, all at once, six times:
    every command exits 0 and every figure each one names is in the report."""
    metrics_of_set = ["coops_new", "unions_new", "coops_active", "staff_total"]
    data = str(bundled_copy)
    for round_ in range(1, 7):
        form = write_form(
            tmp_path / f"form{round_}.csv",
            [
                f"2021,ca-mau,managers_trained,{500 + round_}",
                f"2021,bac-lieu,coops_new,{900 + round_}",
            ],
        )
        commands = [
            pledge(
                "set", "2021", "ca-mau", f"{metric}={round_ * 100 + i}", "--force", "--data", data
            )
            for i, metric in enumerate(metrics_of_set)
        ]
        commands.append(pledge("import", str(form), "--force", "--data", data))
        processes = [
            subprocess.Popen(
                command, env=environment(), stdout=subprocess.PIPE, stderr=subprocess.PIPE
            )
            for command in commands
        ]
        for process in processes:
            _out, err = process.communicate(timeout=300)
            assert process.returncode == 0, err.decode()
        found = metrics(bundled_copy, "ca-mau")
        expected = {m: round_ * 100 + i for i, m in enumerate(metrics_of_set)}
        expected["managers_trained"] = 500 + round_
        assert {m: found.get(m) for m in expected} == expected, f"round {round_}"
        assert metrics(bundled_copy, "bac-lieu")["coops_new"] == 900 + round_
    assert not list(bundled_copy.rglob("*.tmp"))
    assert not (bundled_copy / lock.LOCK_NAME).exists()  # the lock leaves nothing behind


def test_a_writer_waits_for_the_lock_and_then_says_why_it_gave_up(
    run: Run, bundled_copy: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import fcntl

    monkeypatch.setattr(lock, "LOCK_TIMEOUT", 0.2)
    holder = os.open(bundled_copy, os.O_RDONLY)
    try:
        fcntl.flock(holder, fcntl.LOCK_EX)
        before = snapshot(bundled_copy)
        code, _, err = run(
            ["set", "2021", "ca-mau", "coops_new=99", "--force", "--data", str(bundled_copy)]
        )
        assert code == 2
        assert "is being written by another pledge command" in err
        assert snapshot(bundled_copy) == before
        # a dry run writes nothing, so it never waits
        code, out, _ = run(
            [
                "set",
                "2021",
                "ca-mau",
                "coops_new=99",
                "--force",
                "--dry-run",
                "--data",
                str(bundled_copy),
            ]
        )
        assert code == 0 and "dry run" in out
    finally:
        os.close(holder)


# -- 2. an import is all or nothing across files ---------------------------------------


def two_province_form(tmp_path: Path) -> Path:
    return write_form(
        tmp_path / "form.csv", ["2021,ca-mau,coops_new,71", "2021,bac-lieu,coops_new,72"]
    )


def test_a_failed_second_rename_puts_the_first_report_back(
    run: Run, bundled_copy: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    form = two_province_form(tmp_path)
    before = snapshot(bundled_copy)
    real_replace = os.replace
    calls: list[str] = []

    def replace(source: str, target: object) -> None:
        if str(target).endswith(".toml") and not str(source).endswith(".backup.tmp"):
            calls.append(str(target))
            if len(calls) == 2:
                raise OSError(errno.EACCES, "Permission denied")
        real_replace(source, target)  # type: ignore[arg-type]

    monkeypatch.setattr(os, "replace", replace)
    code, out, err = run(["import", str(form), "--force", "--data", str(bundled_copy)])
    assert code == 2
    assert "Permission denied" in err
    assert "no file was changed" in err
    assert "wrote" not in out
    assert snapshot(bundled_copy) == before  # the first report is as it was, no temp left


def test_a_full_disk_on_the_second_report_changes_nothing(
    run: Run, bundled_copy: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    form = two_province_form(tmp_path)
    before = snapshot(bundled_copy)
    real_fsync = os.fsync
    count = 0

    def fsync(descriptor: int) -> None:
        nonlocal count
        if stat.S_ISREG(os.fstat(descriptor).st_mode):
            count += 1
            if count == 2:
                raise OSError(errno.ENOSPC, "No space left on device")
        real_fsync(descriptor)

    monkeypatch.setattr(os, "fsync", fsync)
    code, _, err = run(["import", str(form), "--force", "--data", str(bundled_copy)])
    assert code == 2
    assert "No space left on device" in err and "no file was changed" in err
    assert snapshot(bundled_copy) == before


def test_a_small_disk_filled_by_the_second_report_changes_nothing(
    run: Run, bundled_copy: Path, tmp_path: Path
) -> None:
    """A real full disk: a tmpfs with one page free, the second report growing by a page."""
    if os.geteuid() != 0:
        pytest.skip("mounting a tmpfs needs root")
    mount = tmp_path / "small"
    mount.mkdir()
    if subprocess.run(["mount", "-t", "tmpfs", "-o", "size=2m", "tmpfs", str(mount)]).returncode:
        pytest.skip("cannot mount a tmpfs here")
    try:
        data = mount / "data"
        shutil.copytree(bundled_copy, data)
        long_note = "# " + "ghi chú " * 1000 + "\n"  # the second report will need two pages
        form = write_form(
            tmp_path / "form.csv",
            ["2021,bac-lieu,coops_new,71", "2021,ca-mau,coops_new,72"],
        )
        report(data, "ca-mau").write_text(
            report(data, "ca-mau")
            .read_text("utf-8")
            .replace("[metrics]", "[metrics]\n" + long_note[:3000]),
            "utf-8",
        )
        before = snapshot(data)
        filler = os.open(mount / "filler", os.O_WRONLY | os.O_CREAT)
        try:
            while os.write(filler, b"\0" * 4096):
                pass
        except OSError:
            pass
        finally:
            os.close(filler)
        size = (mount / "filler").stat().st_size
        os.truncate(mount / "filler", size - size % 4096 - 4096)  # one page free
        code, out, err = run(["import", str(form), "--force", "--data", str(data)])
        assert code == 2, out
        assert "No space left on device" in err
        assert snapshot(data) == before
        (mount / "filler").unlink()
        code, out, err = run(["import", str(form), "--force", "--data", str(data)])
        assert code == 0, err
        assert metrics(data, "bac-lieu")["coops_new"] == 71
        assert metrics(data, "ca-mau")["coops_new"] == 72
    finally:
        subprocess.run(["umount", str(mount)])


# -- 3. forms are read strictly ----------------------------------------------------------


@pytest.mark.parametrize(
    ("rows", "expected"),
    [
        (
            ['2021,ca-mau,coops_new,"17', "2021,bac-lieu,coops_new,5"],
            'form.csv: row 3 (line 3): a quote (") opens a cell and is never closed',
        ),
        (
            ['2021,ca-mau,coops_new,"1"7'],
            'form.csv: row 3 (line 3): a quote (") closes a cell before its end',
        ),
        (
            ["2021,ca-mau,coops_new,17,5"],
            "form.csv: error: row 3: 5 cells where the header names 4 columns",
        ),
        (
            ["2021,ca-mau,coops_new"],
            "form.csv: error: row 3: 3 cells where the header names 4 columns",
        ),
        (["2021,ca-mau,,17"], "form.csv: error: row 3: the row has no metric"),
        (["2021,,coops_new,"], "form.csv: error: row 3: coops_new: the row has no province"),
        (["2021,,,"], "form.csv: error: row 3: the row has no province and no metric"),
    ],
)
def test_a_malformed_row_is_named_never_swallowed(
    run: Run, bundled_copy: Path, tmp_path: Path, rows: list[str], expected: str
) -> None:
    form = write_form(tmp_path / "form.csv", ["2021,ca-mau,coops_new,17", *rows])
    before = snapshot(bundled_copy)
    code, out, err = run(["import", str(form), "--data", str(bundled_copy)])
    assert code == 2, out
    assert expected in err
    assert "nothing to change" not in out
    assert snapshot(bundled_copy) == before


def test_a_form_of_errors_shows_the_first_thousand_and_counts_the_rest(
    run: Run, bundled_copy: Path, tmp_path: Path
) -> None:
    form = write_form(tmp_path / "form.csv", [f"2021,nowhere-{i},coops_new,1" for i in range(1500)])
    code, _, err = run(["import", str(form), "--data", str(bundled_copy)])
    assert code == 2
    assert err.count('unknown province "nowhere-') == form_read.MAX_ERRORS
    assert "and 500 more problems, not shown" in err
    assert "error: 1500 problems in" in err


# -- 5. writes respect what is there -----------------------------------------------------


def test_set_on_a_linked_report_updates_the_file_it_points_to(
    run: Run, bundled_copy: Path, tmp_path: Path
) -> None:
    shared = tmp_path / "shared" / "ca-mau.toml"
    shared.parent.mkdir()
    link = report(bundled_copy, "ca-mau")
    shutil.move(link, shared)
    link.symlink_to(shared)
    code, _, err = run(
        ["set", "2021", "ca-mau", "coops_new=23", "--force", "--data", str(bundled_copy)]
    )
    assert code == 0, err
    assert link.is_symlink() and link.resolve() == shared.resolve()
    assert tomllib.loads(shared.read_text("utf-8"))["metrics"]["coops_new"] == 23
    assert not list(shared.parent.glob(".*.tmp")) and not list(link.parent.glob(".*.tmp"))


def test_a_dangling_link_is_refused_clearly(tmp_path: Path) -> None:
    from pledgecli.diagnostics import UserError

    link = tmp_path / "out.md"
    link.symlink_to(tmp_path / "gone" / "out.md")
    with pytest.raises(UserError, match="is a link to a file that does not exist"):
        writer.write_atomic(link, "x", force=True)
    assert link.is_symlink()


@pytest.mark.parametrize("kind", ["fifo", "folder", "device"])
def test_output_onto_a_fifo_a_folder_or_a_device_is_refused_even_with_force(
    run: Run, bundled_copy: Path, tmp_path: Path, kind: str
) -> None:
    if kind == "fifo":
        target = tmp_path / "pipe"
        os.mkfifo(target)
        expected = "is a FIFO (named pipe), not a file"
    elif kind == "folder":
        target = tmp_path / "folder"
        target.mkdir()
        expected = "is a folder, not a file"
    else:
        # a device node of its own (like /dev/null), never the system's: code that
        # replaced it would break every program on the machine
        target = tmp_path / "null"
        try:
            os.mknod(target, stat.S_IFCHR | 0o666, os.makedev(1, 3))
        except (PermissionError, AttributeError):
            pytest.skip("making a device node needs root")
        expected = "is a device, not a file"
    for command in (
        ["template", "2021", "-o", str(target), "--force"],
        ["report", "2021", "-o", str(target), "--force"],
    ):
        code, _, err = run([*command, "--data", str(bundled_copy)])
        assert code == 2, command
        assert expected in err
    if kind == "fifo":
        assert stat.S_ISFIFO(target.stat().st_mode)
    if kind == "device":
        assert stat.S_ISCHR(target.stat().st_mode)


def test_dash_output_writes_to_standard_output(
    run: Run, bundled_copy: Path, tmp_path: Path
) -> None:
    code, out, err = run(["template", "2021", "-o", "-", "--data", str(bundled_copy)], env={})
    assert code == 0, err
    assert out.startswith("year,province,metric,value")
    assert not Path("-").exists()
    code, out, err = run(["report", "2021", "-o", "-", "--data", str(bundled_copy)])
    assert code == 0, err
    assert out.startswith("#") and not Path("-").exists()
    empty = tmp_path / "empty"
    empty.mkdir()
    result = subprocess.run(
        pledge("template", "2021", "--format", "xlsx", "-o", "-", "--data", str(bundled_copy)),
        env=environment(),
        capture_output=True,
        cwd=empty,
    )
    assert result.returncode == 0, result.stderr.decode()
    assert result.stdout.startswith(b"PK")  # the workbook itself, nothing else
    assert list(empty.iterdir()) == []


def test_the_temporary_file_of_a_killed_write_is_removed_by_the_next_write(
    bundled_copy: Path, run: Run
) -> None:
    target = report(bundled_copy, "ca-mau")
    crash = (
        "import os, sys\n"
        "from pathlib import Path\n"
        "from pledgecli.collect import writer\n"
        "writer.os.replace = lambda *a: os._exit(9)\n"  # killed between write and rename
        "writer.write_atomic(Path(sys.argv[1]), 'half', force=True)\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", crash, str(target)], env=environment(), capture_output=True
    )
    assert result.returncode == 9
    left = list(target.parent.glob(".ca-mau.toml.*.tmp"))
    assert len(left) == 1
    code, _, err = run(
        ["set", "2021", "ca-mau", "coops_new=30", "--force", "--data", str(bundled_copy)]
    )
    assert code == 0, err
    assert not list(target.parent.glob(".ca-mau.toml.*.tmp"))
    assert metrics(bundled_copy, "ca-mau")["coops_new"] == 30


# -- 6. bounded on hostile workbooks and huge files ---------------------------------------


def peak_memory(command: list[str], cwd: Path) -> tuple[int, int, str, str]:
    """Run ``command`` in a child of a fresh process, under a 4 GiB address-space limit;
    (exit code, peak resident memory in MiB, stdout, stderr)."""
    measure = (
        "import resource, subprocess, sys\n"
        "limit = 4 << 30\n"
        "def cap(): resource.setrlimit(resource.RLIMIT_AS, (limit, limit))\n"
        "done = subprocess.run(sys.argv[1:], preexec_fn=cap, capture_output=True)\n"
        "sys.stdout.buffer.write(done.stdout); sys.stderr.buffer.write(done.stderr)\n"
        "peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss // 1024\n"
        "sys.stderr.write(f'\\nPEAK {done.returncode} {peak}\\n')\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", measure, *command],
        env=environment(),
        capture_output=True,
        cwd=cwd,
        text=True,
    )
    err, _, tail = result.stderr.rpartition("\nPEAK ")
    code, peak = (int(x) for x in tail.split())
    return code, peak, result.stdout, err


def test_a_tiny_workbook_with_a_cell_at_xfd1048576_is_refused_in_little_memory(
    bundled_copy: Path, tmp_path: Path
) -> None:
    import openpyxl

    workbook = openpyxl.Workbook()
    sheet = workbook.active
    assert sheet is not None
    sheet["XFD1048576"] = 1
    form = tmp_path / "far.xlsx"
    workbook.save(form)
    assert form.stat().st_size < 10_000
    code, peak, _out, err = peak_memory(
        pledge("import", str(form), "--data", str(bundled_copy)), tmp_path
    )
    assert code == 2, err
    assert "far.xlsx: row 1048576: more than 64 columns" in err
    assert peak < 300, f"{peak} MiB"


def test_a_form_past_the_limits_is_refused_naming_the_file(
    run: Run, bundled_copy: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    form = write_form(tmp_path / "form.csv", [f"2021,ca-mau,coops_new,{i}" for i in range(10)])
    monkeypatch.setattr(form_read, "MAX_ROWS", 5)
    code, _, err = run(["import", str(form), "--data", str(bundled_copy)])
    assert code == 2
    assert "form.csv: row 7: more than 5 rows to import" in err
    wide = write_form(tmp_path / "wide.csv", ["2021,ca-mau,coops_new,1" + ",x" * 70])
    code, _, err = run(["import", str(wide), "--data", str(bundled_copy)])
    assert code == 2
    assert "wide.csv: row 2: more than 64 columns" in err
    monkeypatch.setattr(form_read, "MAX_FORM_BYTES", 100)
    code, _, err = run(["import", str(form), "--data", str(bundled_copy)])
    assert code == 2
    assert "form.csv is too large to import" in err


def test_a_workbook_that_unpacks_past_the_limit_is_refused(
    run: Run, bundled_copy: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import openpyxl

    workbook = openpyxl.Workbook()
    sheet = workbook.active
    assert sheet is not None
    sheet.append(["year", "province", "metric", "value"])
    for _ in range(200):
        sheet.append([2021, "ca-mau", "coops_new", 17])
    form = tmp_path / "form.xlsx"
    workbook.save(form)
    monkeypatch.setattr(form_read, "MAX_UNPACKED_BYTES", 20_000)
    code, _, err = run(["import", str(form), "--data", str(bundled_copy)])
    assert code == 2
    assert "form.xlsx is too large to import" in err and "unpacked" in err


def _generator_module() -> object:
    import importlib.util

    spec = importlib.util.spec_from_file_location(
        "bench_generate", TESTS.parent / "bench" / "generate.py"
    )
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


def test_the_national_form_imports_and_a_huge_bad_form_is_refused_under_300_mib(
    tmp_path: Path,
) -> None:
    """3,321 units x 40 targets (172,692 rows to fill): template, change a column of
    figures, import; then a 30 MB form of unknown provinces. Each under 300 MiB."""
    generate = _generator_module()
    data = generate.generate(tmp_path / "data", 3321, 40)  # type: ignore[attr-defined]
    year = str(generate.DEFAULT_YEAR)  # type: ignore[attr-defined]
    form = tmp_path / "form.csv"
    code, peak, out, err = peak_memory(
        pledge("template", year, "-o", str(form), "--data", str(data)), tmp_path
    )
    assert code == 0, err
    lines = form.read_text("utf-8-sig").splitlines()
    metric = lines[1].split(",")[2]
    assert len(lines) > 3321 * 40
    # every unit's first metric gets a new figure
    changed = [lines[0]]
    seen: set[str] = set()
    for line in lines[1:]:
        cells = line.split(",")
        if cells[1] not in seen:
            seen.add(cells[1])
            cells[3] = "123456"
        changed.append(",".join(cells))
    form.write_text("\n".join(changed) + "\n", encoding="utf-8")
    code, peak, out, err = peak_memory(
        pledge("import", str(form), "--force", "--data", str(data)), tmp_path
    )
    assert code == 0, err
    assert "reports to write: 3321" in out
    assert peak < 300, f"import of the national form: {peak} MiB"
    print(f"national import: {peak} MiB")
    bad = tmp_path / "bad.csv"
    with bad.open("w", encoding="utf-8") as stream:
        stream.write("year,province,metric,value,note\n")
        for i in range(300_000):
            stream.write(f"{year},nowhere-{i},{metric},{i},{'x' * 60}\n")
    assert bad.stat().st_size > 25_000_000
    code, peak, out, err = peak_memory(pledge("import", str(bad), "--data", str(data)), tmp_path)
    assert code == 2
    assert "error: 300000 problems in" in err
    assert peak < 300, f"import of a huge bad form: {peak} MiB"
    print(f"huge bad form: {peak} MiB")


# -- 9. smaller holes in set -------------------------------------------------------------


def test_set_refuses_a_metric_given_twice_differently(run: Run, bundled_copy: Path) -> None:
    before = snapshot(bundled_copy)
    code, _, err = run(
        ["set", "2021", "ca-mau", "coops_new=1", "coops_new=2", "--data", str(bundled_copy)]
    )
    assert code == 2
    assert 'coops_new of ca-mau is given twice: 1 ("coops_new=1") and 2' in err
    assert snapshot(bundled_copy) == before
    code, _, err = run(
        ["set", "2021", "ca-mau", "coops_new=17", "coops_new=17", "--data", str(bundled_copy)]
    )
    assert code == 0, err


def test_a_negative_count_on_the_command_line_names_its_metric(
    run: Run, bundled_copy: Path
) -> None:
    code, _, err = run(["set", "2021", "ca-mau", "coops_new=-3", "--data", str(bundled_copy)])
    assert code == 2
    assert "coops_new: a count cannot be negative (-3)" in err
