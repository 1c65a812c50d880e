"""Every write is a temporary file renamed into place: never half a file, never a stray one."""

from __future__ import annotations

import os
import stat
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
    from pledgecli.collect import writer

    synced: list[Path] = []
    real_sync = writer._sync_folder

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
