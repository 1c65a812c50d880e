"""The long sheets of a workbook compressed while they are written: zlib releases the GIL,
so a thread of its own deflates each piece of XML while the next rows are built (national
data: 40 to 56 MB of XML, a quarter of a second of zlib at level 1).

A sheet's entry in the zip is then three deflate streams one after the other, each ended
on a byte boundary (``Z_SYNC_FLUSH``), the last one final: the start of the sheet, known
only when the workbook closes (its columns' widths); its rows, deflated as they came; its
end. That is one valid deflate stream (what pigz writes), at the same level: readers see
the same XML; only a few bytes of the compressed entry differ."""

from __future__ import annotations

import tempfile
import threading
import zlib
from collections import deque
from collections.abc import Callable, Iterator
from concurrent.futures import Future, ThreadPoolExecutor
from typing import IO, Any
from zipfile import ZipFile, ZipInfo

LEVEL = 1  # the level of every entry of the workbooks
AT_ONCE = 1 << 20  # bytes of a streamed entry deflated in the caller's thread first
PENDING = 4  # pieces waiting for the thread at most (a piece is some 1.5 MB of XML)

_pool: ThreadPoolExecutor | None = None
_pool_lock = threading.Lock()


def _thread() -> ThreadPoolExecutor:
    """One thread for every sheet: the pieces of a sheet are deflated in their order."""
    global _pool
    with _pool_lock:
        if _pool is None:
            _pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix="pledge-deflate")
        return _pool


def settle() -> None:
    """Every piece handed to the thread deflated, and the thread gone (made again when a
    piece comes): this process may then fork (``xlsx_beside``)."""
    global _pool
    with _pool_lock:
        pool, _pool = _pool, None
    if pool is not None:
        pool.shutdown(wait=True)


def _deflater() -> zlib._Compress:
    return zlib.compressobj(LEVEL, zlib.DEFLATED, -15)


class _Deflating:
    """Pieces deflated in their order by ``compressor`` (in the thread when fed), the
    deflated bytes handed to ``sink``, their CRC-32 and size counted as they come."""

    def __init__(self, compressor: Any, sink: Callable[[bytes], object]) -> None:
        self._deflate = compressor
        self._sink = sink
        self.crc = 0
        self.size = 0
        self._pending: deque[Future[None]] = deque()

    def _take(self, data: bytes) -> None:
        self.crc = zlib.crc32(data, self.crc)
        self.size += len(data)
        out = self._deflate.compress(data)
        if out:
            self._sink(out)

    def _feed(self, data: bytes) -> None:
        """Deflate ``data`` in the thread, after the pieces before it."""
        while len(self._pending) >= PENDING:
            self._pending.popleft().result()
        self._pending.append(_thread().submit(self._take, data))


class Deflated(_Deflating):
    """UTF-8 pieces deflated in the thread (the first few in the caller's when there are
    few: a small workbook starts no thread), into a temporary file."""

    def __init__(self) -> None:
        self._file: IO[bytes] = tempfile.TemporaryFile("w+b")  # noqa: SIM115 closed by pieces()
        super().__init__(_deflater(), self._file.write)

    def feed(self, data: bytes) -> None:
        """Deflate ``data`` in the thread, after the pieces before it."""
        self._feed(data)

    def finish(self, data: bytes) -> None:
        """The last piece: deflated here once the thread is done with the others."""
        while self._pending:
            self._pending.popleft().result()
        self._take(data)
        self._file.write(self._deflate.flush(zlib.Z_SYNC_FLUSH))
        self._file.flush()  # in the file itself: a forked writer's parent reads it

    def adopt(self, crc: int, size: int) -> None:
        """The file holds the deflated pieces, written (and finished) by a forked copy of
        this object: their CRC-32 and size."""
        self.crc, self.size = crc, size

    def close(self) -> None:
        """The temporary file closed (its pieces are not wanted)."""
        self._file.close()

    def pieces(self) -> Iterator[bytes]:
        """The deflated bytes (after :meth:`finish`), then the file is closed."""
        self._file.seek(0)
        while chunk := self._file.read(1 << 20):
            yield chunk
        self._file.close()


class _AsGiven:
    """A compressor that leaves its input as it is: the bytes written are deflated already."""

    def compress(self, data: bytes) -> bytes:
        return data

    def flush(self) -> bytes:
        return b""


def write_entry(
    target: ZipFile, entry: ZipInfo, before: bytes, rows: Deflated, after: bytes
) -> None:
    """The entry ``before + rows + after`` (``rows`` deflated already), deflated."""
    head = _deflater()
    start = head.compress(before) + head.flush(zlib.Z_SYNC_FLUSH)
    tail = _deflater()
    end = tail.compress(after) + tail.flush()
    crc = crc32_combine(
        crc32_combine(zlib.crc32(before), rows.crc, rows.size), zlib.crc32(after), len(after)
    )
    size = len(before) + rows.size + len(after)
    with target.open(entry, "w") as stream:
        if not all(hasattr(stream, field) for field in ("_compressor", "_crc", "_file_size")):
            # zipfile without the fields this relies on: inflate the rows and write it all
            inflate = zlib.decompressobj(-15)
            stream.write(before)
            for piece in rows.pieces():
                stream.write(inflate.decompress(piece))
            stream.write(inflate.flush())
            stream.write(after)
            return
        stream._compressor = _AsGiven()  # type: ignore[attr-defined]
        stream.write(start)
        for piece in rows.pieces():
            stream.write(piece)
        stream.write(end)
        # what the entry holds once inflated (write() counted the deflated bytes)
        stream._crc = crc  # type: ignore[attr-defined]
        stream._file_size = size  # type: ignore[attr-defined]


# -- CRC-32 of two pieces from theirs (zlib's crc32_combine, which Python does not offer) --
# As zlib 1.2.12 computes it: multiply the first CRC by x^(8 * len(second)) modulo the
# CRC polynomial (bits reflected), by squares of x kept in a table: some hundred steps
# where the matrices of older zlibs took tens of thousands (milliseconds a sheet).

_POLY = 0xEDB88320  # the CRC-32 polynomial, reflected


def _times(a: int, b: int) -> int:
    """``a * b`` modulo the polynomial (reflected: x^0 is the top bit)."""
    m = 1 << 31
    product = 0
    while True:
        if a & m:
            product ^= b
            if not a & (m - 1):
                return product
        m >>= 1
        b = (b >> 1) ^ _POLY if b & 1 else b >> 1


def _squares() -> list[int]:
    """x^(2^k) modulo the polynomial, k = 0..31."""
    table = [1 << 30]  # x^1
    for _k in range(31):
        table.append(_times(table[-1], table[-1]))
    return table


_X2N = _squares()


def crc32_combine(first: int, second: int, second_length: int) -> int:
    """``zlib.crc32(a + b)`` from ``zlib.crc32(a)``, ``zlib.crc32(b)`` and ``len(b)``."""
    if second_length <= 0:
        return first
    power, k, n = 1 << 31, 3, second_length  # x^0; 2^3 bits a byte
    while n:
        if n & 1:
            power = _times(_X2N[k & 31], power)
        n >>= 1
        k += 1
    return _times(power, first) ^ second


class Streamed(_Deflating):
    """Bytes written into an open zip entry (``ZipFile.open(entry, "w")``) and deflated
    in the thread by the entry's own compressor while the caller makes the next ones:
    one deflate stream fed the same pieces in the same order, so the same bytes as
    writing each piece to the entry at once (the form's 40 MB of XML: half a second of
    zlib off the caller's thread). Used as a context manager around the writes; a
    zipfile without the fields this relies on gets the pieces written at once."""

    def __init__(self, stream: IO[bytes]) -> None:
        super().__init__(getattr(stream, "_compressor", None), stream.write)
        self._stream = stream
        self._threaded = self._deflate is not None and all(
            hasattr(stream, field) for field in ("_crc", "_file_size")
        )
        self._fed = 0

    def __enter__(self) -> Streamed:
        if self._threaded:
            self._stream._compressor = _AsGiven()  # type: ignore[attr-defined]
        return self

    def write(self, data: bytes) -> None:
        """Deflate and write ``data`` after the pieces before it."""
        if not self._threaded:
            self._stream.write(data)
            return
        self._fed += len(data)
        if self._fed <= AT_ONCE:  # a small sheet (a province's form): no thread for it
            self._take(data)
            return
        self._feed(data)

    def __exit__(self, kind: object, error: object, trace: object) -> None:
        failed: BaseException | None = None
        while self._pending:  # every piece written (or failed) before the entry closes
            try:
                self._pending.popleft().result()
            except BaseException as problem:  # raised below, once all are done
                failed = failed or problem
        if failed is not None and error is None:
            raise failed
        if not self._threaded or error is not None:
            return
        self._stream.write(self._deflate.flush())
        # what the entry holds once inflated (write() counted the deflated bytes)
        self._stream._crc = self.crc  # type: ignore[attr-defined]
        self._stream._file_size = self.size  # type: ignore[attr-defined]
