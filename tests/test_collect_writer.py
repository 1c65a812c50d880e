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
