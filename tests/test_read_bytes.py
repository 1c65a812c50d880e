"""A file's bytes become the text (or the complaint) they always did, BOM or not: the
BOM dropped once, UTF-8 decoded, and an undecodable byte named with its line exactly as
the ``utf-8-sig`` codec places it; a file is read whole whatever its size."""

from __future__ import annotations

import unicodedata
from pathlib import Path

import pytest

from pledgecli.diagnostics import Diagnostic
from pledgecli.files import read_data_file
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
