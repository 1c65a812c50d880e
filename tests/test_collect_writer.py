"""Every write is a temporary file renamed into place: never half a file, never a stray one."""

from __future__ import annotations

import os
import stat
import subprocess
import sys
from pathlib import Path

import pytest

from pledgecli.collect.writer import write_atomic
from pledgecli.diagnostics import UserError


def test_writes_a_new_file_and_its_folders(tmp_path: Path) -> None:
    path = tmp_path / "a" / "b" / "x.toml"
    write_atomic(path, "x = 1\n")
    assert path.read_text("utf-8") == "x = 1\n"
    assert os.listdir(path.parent) == ["x.toml"]


def test_refuses_to_replace_a_file_unless_forced(tmp_path: Path) -> None:
    path = tmp_path / "x.toml"
    path.write_text("old", "utf-8")
    with pytest.raises(UserError) as caught:
        write_atomic(path, "new")
    assert caught.value.hint == "give --force to replace it"
    assert path.read_text("utf-8") == "old"
    write_atomic(path, "new", force=True)
    assert path.read_text("utf-8") == "new"


def test_a_failed_rename_leaves_the_old_file_and_no_temporary_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "x.toml"
    path.write_text("old", "utf-8")

    def crash(src: object, dst: object) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "replace", crash)
    with pytest.raises(UserError) as caught:
        write_atomic(path, "new", force=True)
    assert "No space left on device" in caught.value.message
    assert path.read_text("utf-8") == "old"
    assert os.listdir(tmp_path) == ["x.toml"]


def test_an_interrupt_between_write_and_rename_leaves_no_temporary_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "x.toml"
    path.write_text("old", "utf-8")

    def interrupted(src: object, dst: object) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr(os, "replace", interrupted)
    with pytest.raises(KeyboardInterrupt):
        write_atomic(path, "new", force=True)
    assert path.read_text("utf-8") == "old"
    assert os.listdir(tmp_path) == ["x.toml"]


def test_a_replaced_file_keeps_its_permissions(tmp_path: Path) -> None:
    path = tmp_path / "x.toml"
    path.write_text("old", "utf-8")
    path.chmod(0o640)
    write_atomic(path, "new", force=True)
    assert stat.S_IMODE(path.stat().st_mode) == 0o640


def many_files(tmp_path: Path, count: int) -> list[tuple[Path, bytes]]:
    from pledgecli.collect.durable import BATCH_SYNC

    assert count >= BATCH_SYNC  # the batched path: written first, then synced together
    for index in range(0, count, 2):  # half of them exist, with their own permissions
        old = tmp_path / f"r{index:03}.toml"
        old.write_bytes(b"old\n")
        old.chmod(0o640)
    return [(tmp_path / f"r{index:03}.toml", f"new {index}\n".encode()) for index in range(count)]


def test_many_files_are_all_on_disk_before_the_first_rename(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from pledgecli.collect import durable, writer

    files = many_files(tmp_path, 40)
    events: list[str] = []
    real_sync, real_fsync, real_replace = durable.sync_file_system, os.fsync, os.replace

    def sync_file_system(folder: Path) -> bool:
        events.append("sync")
        return real_sync(folder)

    def fsync(descriptor: int) -> None:
        if stat.S_ISREG(os.fstat(descriptor).st_mode):
            events.append("fsync")
        real_fsync(descriptor)

    def replace(source: str, target: object) -> None:
        if str(source).endswith(".tmp") and not str(source).endswith(".backup.tmp"):
            events.append("rename")
        real_replace(source, target)  # type: ignore[arg-type]

    monkeypatch.setattr(durable, "sync_file_system", sync_file_system)
    monkeypatch.setattr(os, "fsync", fsync)
    monkeypatch.setattr(os, "replace", replace)
    assert writer.write_all(files) == [path for path, _ in files]
    renames = events.index("rename")
    synced = events[:renames]
    # one sync of the file system, or (where there is none) an fsync of every file
    assert synced == ["sync"] or synced == ["sync", *["fsync"] * len(files)]
    assert events[renames:] == ["rename"] * len(files)
    for path, content in files:
        assert path.read_bytes() == content
    assert stat.S_IMODE((tmp_path / "r000.toml").stat().st_mode) == 0o640
    assert sorted(os.listdir(tmp_path)) == sorted(path.name for path, _ in files)


def test_without_syncfs_every_one_of_many_files_is_fsynced(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from pledgecli.collect import durable, writer

    files = many_files(tmp_path, 20)
    synced: list[int] = []
    real_fsync = os.fsync

    def fsync(descriptor: int) -> None:
        if stat.S_ISREG(os.fstat(descriptor).st_mode):
            synced.append(descriptor)
        real_fsync(descriptor)

    monkeypatch.setattr(durable, "sync_file_system", lambda folder: False)
    monkeypatch.setattr(os, "fsync", fsync)
    writer.write_all(files)
    assert len(synced) == len(files)
    assert [path.read_bytes() for path, _ in files] == [content for _, content in files]


@pytest.mark.parametrize("failing", ["syncfs", "fsync"])
def test_a_failed_sync_of_many_files_changes_none(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, failing: str
) -> None:
    from pledgecli.collect import durable, writer

    files = many_files(tmp_path, 40)
    before = {p.name: p.read_bytes() for p in tmp_path.iterdir()}
    real_fsync = os.fsync
    count = 0

    def full(folder: Path) -> bool:
        raise OSError(28, "No space left on device")

    def fsync(descriptor: int) -> None:
        nonlocal count
        if stat.S_ISREG(os.fstat(descriptor).st_mode):
            count += 1
            if count == 25:
                raise OSError(28, "No space left on device")
        real_fsync(descriptor)

    if failing == "syncfs":
        monkeypatch.setattr(durable, "sync_file_system", full)
    else:
        monkeypatch.setattr(durable, "sync_file_system", lambda folder: False)
        monkeypatch.setattr(os, "fsync", fsync)
    with pytest.raises(UserError) as caught:
        writer.write_all(files)
    assert "No space left on device" in caught.value.message
    assert caught.value.hint == "no file was changed: every one is as it was before"
    assert {p.name: p.read_bytes() for p in tmp_path.iterdir()} == before  # no temporary left


def test_a_new_folder_is_made_durable_in_its_parent(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A report written into a year folder that did not exist (``actuals/2026``) is only as
    durable as the folder's own entry: each folder made is synced in its parent."""
    from pledgecli.collect import durable, writer

    synced: list[Path] = []
    real_sync = durable.sync_folder

    def sync_folder(folder: Path) -> None:
        synced.append(folder)
        real_sync(folder)

    monkeypatch.setattr(writer, "_sync_folder", sync_folder)
    (tmp_path / "actuals").mkdir()
    target = tmp_path / "actuals" / "2026" / "hanoi" / "report.toml"
    writer.write_atomic(target, "x = 1\n")
    assert target.read_text() == "x = 1\n"
    assert tmp_path / "actuals" in synced  # the entry of 2026
    assert tmp_path / "actuals" / "2026" in synced  # the entry of hanoi
    assert tmp_path not in synced[:2]  # actuals was already there


@pytest.mark.parametrize("umask", [0o022, 0o077])
def test_many_new_files_in_a_new_folder_get_the_mode_a_new_file_gets(
    tmp_path: Path, umask: int
) -> None:
    """A new year's reports (a folder that does not exist yet) are written each with the
    permissions of a new file under the umask, as one written alone is; the ones that
    existed keep theirs; no temporary file is left."""
    from pledgecli.collect import writer

    folder = tmp_path / "actuals" / "2026"
    files = [(folder / f"p{index:03}.toml", f"x = {index}\n".encode()) for index in range(30)]
    existing = many_files(tmp_path, 20)
    old = os.umask(umask)
    try:
        assert writer.write_all([*files, *existing]) == [p for p, _ in [*files, *existing]]
        alone = tmp_path / "alone.toml"
        writer.write_atomic(alone, "x = 1\n")
    finally:
        os.umask(old)
    expected = stat.S_IMODE(alone.stat().st_mode)
    assert expected == 0o666 & ~umask
    assert {stat.S_IMODE(path.stat().st_mode) for path, _ in files} == {expected}
    assert stat.S_IMODE((tmp_path / "r000.toml").stat().st_mode) == 0o640
    assert sorted(os.listdir(folder)) == sorted(path.name for path, _ in files)
    assert [path.read_bytes() for path, _ in files] == [content for _, content in files]


def new_year(tmp_path: Path, count: int = 30) -> tuple[Path, list[tuple[Path, bytes]]]:
    """The reports of a year whose folder does not exist yet, as an import writes them."""
    (tmp_path / "actuals").mkdir()
    folder = tmp_path / "actuals" / "2026"
    return folder, [(folder / f"p{index:03}.toml", f"x = {index}\n".encode()) for index in range(count)]


@pytest.mark.parametrize("umask", [0o022, 0o077])
def test_a_new_year_folder_appears_whole_with_the_modes_mkdir_and_a_new_file_give(
    tmp_path: Path, umask: int
) -> None:
    """A new year's reports are written in a private folder renamed into place at once:
    the folder and its files get the permissions ``mkdir`` and a new file get under the
    umask, and nothing else is left beside it."""
    from pledgecli.collect import writer

    folder, files = new_year(tmp_path)
    old = os.umask(umask)
    try:
        assert writer.write_all(files) == [path for path, _ in files]
        (tmp_path / "plain").mkdir()
    finally:
        os.umask(old)
    assert os.listdir(tmp_path / "actuals") == ["2026"]
    assert sorted(os.listdir(folder)) == [path.name for path, _ in files]
    assert [path.read_bytes() for path, _ in files] == [content for _, content in files]
    assert stat.S_IMODE(folder.stat().st_mode) == stat.S_IMODE((tmp_path / "plain").stat().st_mode)
    assert {stat.S_IMODE(path.stat().st_mode) for path, _ in files} == {0o666 & ~umask}


@pytest.mark.parametrize("failing", ["write", "syncfs", "rename"])
def test_a_new_year_folder_that_cannot_be_written_whole_is_not_there_at_all(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, failing: str
) -> None:
    """A full disk at the 25th report, a failed sync or a failed rename: no year folder,
    no half of one, no temporary folder left, and the message says nothing changed."""
    from pledgecli.collect import durable, writer

    folder, files = new_year(tmp_path, 40)
    written = 0
    real_new_file = durable.new_file

    def new_file(name: str, data: bytes, mode: int) -> None:
        nonlocal written
        written += 1
        if written == 25:
            raise OSError(28, "No space left on device")
        real_new_file(name, data, mode)

    def full(folder: Path) -> bool:
        raise OSError(28, "No space left on device")

    def rename(source: object, target: object) -> None:
        raise OSError(28, "No space left on device")

    if failing == "write":
        monkeypatch.setattr(durable, "new_file", new_file)
    elif failing == "syncfs":
        monkeypatch.setattr(durable, "sync_file_system", full)
    else:
        monkeypatch.setattr(os, "rename", rename)
    with pytest.raises(UserError) as caught:
        writer.write_all(files)
    assert "No space left on device" in caught.value.message
    assert caught.value.hint == "no file was changed: every one is as it was before"
    assert os.listdir(tmp_path / "actuals") == []
    assert not folder.exists()


def test_the_folder_a_killed_import_left_is_removed_by_the_next_one(tmp_path: Path) -> None:
    """A new year's folder half written by a process that was killed stays hidden
    (``.2026.<pid>.<random>.folder.tmp``) and is removed by the next write of that year;
    one of a process still running is left alone."""
    from pledgecli.collect import writer

    folder, files = new_year(tmp_path)
    dead = subprocess.Popen([sys.executable, "-c", "pass"])
    dead.wait()
    stale = tmp_path / "actuals" / f".2026.{dead.pid}.k1ll3d_x.folder.tmp"
    stale.mkdir()
    (stale / "p000.toml").write_bytes(b"x = 'half'\n")
    alive = tmp_path / "actuals" / f".2026.{os.getpid()}.w0rk1ng_.folder.tmp"
    alive.mkdir()
    writer.write_all(files)
    assert sorted(os.listdir(tmp_path / "actuals")) == sorted(["2026", alive.name])
    assert (folder / "p000.toml").read_bytes() == b"x = 0\n"


def test_files_of_a_new_folder_named_twice_or_beside_others_go_the_usual_way(
    tmp_path: Path,
) -> None:
    """Only a set of distinct files of one new folder is written as a folder: a name
    given twice keeps the last content, as a rename over the first would."""
    from pledgecli.collect import writer

    folder, files = new_year(tmp_path, 3)
    twice = [*files, (files[0][0], b"x = 'last'\n")]
    writer.write_all(twice)
    assert (folder / "p000.toml").read_bytes() == b"x = 'last'\n"
    assert sorted(os.listdir(folder)) == ["p000.toml", "p001.toml", "p002.toml"]


def test_a_new_year_folder_keeps_the_group_its_parent_gives(tmp_path: Path) -> None:
    """In a shared data directory whose folders pass their group on (set-group-ID), the
    new year's folder does too, as ``mkdir`` would make it."""
    from pledgecli.collect import writer

    folder, files = new_year(tmp_path)
    actuals = tmp_path / "actuals"
    actuals.chmod(actuals.stat().st_mode | stat.S_ISGID)
    writer.write_all(files)
    assert folder.stat().st_mode & stat.S_ISGID


def test_a_year_folder_made_meanwhile_gets_the_reports_one_by_one(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Should the year's folder appear while its reports are written beside it (someone
    made it, with a file in it), the reports are written into it as into any folder:
    its file stays, nothing hidden is left, the write succeeds."""
    from pledgecli.collect import durable, writer

    folder, files = new_year(tmp_path, 20)
    real_make_durable = durable.make_durable

    def meanwhile(written: list[tuple[Path, str]]) -> None:
        real_make_durable(written)
        if not folder.exists():
            folder.mkdir()
            (folder / "notes.txt").write_text("mine", "utf-8")

    monkeypatch.setattr(durable, "make_durable", meanwhile)
    assert writer.write_all(files) == [path for path, _ in files]
    assert (folder / "notes.txt").read_text("utf-8") == "mine"
    assert sorted(os.listdir(folder)) == sorted(["notes.txt", *(p.name for p, _ in files)])
    assert [path.read_bytes() for path, _ in files] == [content for _, content in files]
    assert os.listdir(tmp_path / "actuals") == ["2026"]


def test_the_folder_a_killed_import_left_is_removed_by_a_later_single_write(
    tmp_path: Path,
) -> None:
    """Once the year exists, a ``set`` of one report also removes what a killed import of
    that year left beside it."""
    from pledgecli.collect import writer

    _folder, files = new_year(tmp_path, 2)
    writer.write_all(files)
    dead = subprocess.Popen([sys.executable, "-c", "pass"])
    dead.wait()
    stale = tmp_path / "actuals" / f".2026.{dead.pid}.k1ll3d_x.folder.tmp"
    stale.mkdir()
    (stale / "p000.toml").write_bytes(b"x = 'half'\n")
    writer.write_atomic(files[0][0], "x = 9\n", force=True)
    assert os.listdir(tmp_path / "actuals") == ["2026"]
