"""A file's bytes become the text (or the complaint) they always did, BOM or not: the
BOM dropped once, UTF-8 decoded, and an undecodable byte named with its line exactly as
the ``utf-8-sig`` codec places it; a file is read whole whatever its size."""

from __future__ import annotations

import os
import unicodedata
from pathlib import Path

import pytest

from pledgecli.diagnostics import Diagnostic
from pledgecli.files import FileProblem, read_data_file
from pledgecli.read import read_text

BOM = b"\xef\xbb\xbf"
CONTENTS = [
    b"",
    b"a = 1\n",
    BOM + b"a = 1\r\n",
    BOM + BOM + b"a = 1\n",
    BOM,
    b"\xef",
    b"\xef\xbb",
    b"\xef\xbbX",
    "# Báo cáo tổng kết\nsource = \"Xã Thử Nghiệm\"\n".encode(),
    BOM + "a = 1  # quý IV\n".encode(),
    "# Hòa\n".encode().replace("ò".encode(), "o\u0300".encode()),  # not NFC
    b"a = 1\n\xff\n",
    BOM + b"a = 1\nb = 2\n\xc3\n",
    b"a = 1\n\xed\xa0\x80\n",  # a surrogate
]


@pytest.mark.parametrize("content", CONTENTS, ids=repr)
def test_the_text_of_a_file_is_what_utf_8_sig_gives(content: bytes) -> None:
    said: list[Diagnostic] = []
    text = read_text(Path("x.toml"), said, content)
    try:
        expected = content.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        assert text is None
        (diagnostic,) = said
        assert diagnostic.line == content[: error.start].count(b"\n") + 1
        assert f"0x{content[error.start]:02x}" in diagnostic.message
        return
    assert not said
    assert text == unicodedata.normalize("NFC", expected)


@pytest.mark.parametrize("size", [0, 1, 4095, 4096, 4097, 1 << 20, (1 << 20) + 3])
def test_a_file_is_read_whole(tmp_path: Path, size: int) -> None:
    path = tmp_path / "r.toml"
    content = bytes(range(256)) * (size // 256) + b"x" * (size % 256)
    path.write_bytes(content)
    assert read_data_file(path) == content


@pytest.mark.parametrize("most", [1, 7, 4096])
def test_a_file_read_short_is_read_on_to_its_end(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, most: int
) -> None:
    # Some network file systems return fewer bytes than asked before the end: the rest of
    # the report must not be lost (its last figures would be judged "no data").
    path = tmp_path / "r.toml"
    content = "[metrics]\ncoops_new = 32\n# Hậu Giang\ncoops_active = 300\n".encode() * 200
    path.write_bytes(content)
    real_read = os.read
    monkeypatch.setattr(os, "read", lambda fd, n: real_read(fd, min(n, most)))
    assert read_data_file(path) == content
    assert read_data_file(path, listed=str(path)) == content


def _outcome(path: Path, listed: bool) -> object:
    try:
        return read_data_file(path, listed=str(path) if listed else None)
    except FileProblem as problem:
        return (problem.message, problem.hint)


@pytest.mark.parametrize("kind", ["file", "link", "dangling", "loop", "fifo", "folder", "gone"])
def test_a_file_the_listing_called_regular_reads_as_any_other(tmp_path: Path, kind: str) -> None:
    """What took a listed file's place before it was read (a link, a FIFO, a folder,
    nothing) is read or refused exactly as when nothing was known of it."""
    path = tmp_path / "r.toml"
    (tmp_path / "real.toml").write_bytes(b"a = 1\n")
    if kind == "file":
        path.write_bytes(b"a = 1\n")
    elif kind == "link":
        path.symlink_to(tmp_path / "real.toml")
    elif kind == "dangling":
        path.symlink_to(tmp_path / "none.toml")
    elif kind == "loop":
        path.symlink_to(path)
    elif kind == "fifo":
        os.mkfifo(path)
    elif kind == "folder":
        path.mkdir()
    assert _outcome(path, listed=True) == _outcome(path, listed=False)
    if kind in ("file", "link"):
        assert _outcome(path, listed=True) == b"a = 1\n"


def test_the_reports_of_a_folder_are_read_as_listed_when_they_are_plain_files(
    tmp_path: Path,
) -> None:
    from pledgecli.dataset import DataSet
    from pledgecli.load import _toml_entries

    folder = tmp_path / "2026"
    folder.mkdir()
    (folder / "a.toml").write_bytes(b"")
    (folder / "b.toml").symlink_to(folder / "a.toml")
    os.mkfifo(folder / "c.toml")
    listed = _toml_entries(folder, DataSet(root=tmp_path))
    assert [(path.name, regular) for path, regular in listed] == [
        ("a.toml", str(folder / "a.toml")),
        ("b.toml", None),
        ("c.toml", None),
    ]
