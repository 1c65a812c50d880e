"""The forms of an import read by a second process while this one loads the data set.

Reading a national form (130,000 rows: 49 MB of sheet XML, or 9 MB of CSV) and loading
the data directory it is imported into take about as long as each other, and neither
needs the other. On Linux, with more than one processor and no other thread
(:mod:`pledgecli.forking`), ``pledge import`` forks a reader before it loads the data
when the forms hold 1 MiB or more: the reader reads them
(:func:`~pledgecli.collect.form_read.read_form`, the same code) and sends their records
through a pipe, a batch at a time, while this process loads, then turns the records into
figures as they arrive.

The reader only saves time; it decides nothing. Whatever goes wrong in it (the form is
broken, past a limit, the reader dies or is killed, a message does not arrive whole),
this process reads the form itself from the first record it has not been given: the
records, every error and its message are then those of reading the form here, as
without the reader. Anywhere else (another system, one processor, another thread
running, small forms), the forms are read here as before.
"""

from __future__ import annotations

import contextlib
import importlib
import os
import pickle
import struct
import sys
import warnings
from collections.abc import Iterator, Sequence
from itertools import islice
from pathlib import Path
from typing import IO, Any

from pledgecli.collect.form_read import FormRecord, read_form
from pledgecli.forking import end_helper, fork_helper

MIN_BYTES = 1 << 20  # forms smaller than this in all are read here: a fork costs more
BATCH = 4096  # records a message
_HEAD = struct.Struct("<Q")  # a message's length, before it
_PIPE_BYTES = 1 << 20  # the pipe's capacity asked for (Linux: F_SETPIPE_SZ)
MAX_KEPT = 32 << 20  # bytes of records the reader keeps before it waits for this process
_ROWS, _END, _STOP = 0, 1, 2  # the kinds of message: records; the form read whole; an error


def start(forms: Sequence[Path]) -> Prefetch | None:
    """A reader of ``forms`` (in their order), started; ``None`` when
    they are better read here."""
    books = list(forms)
    if not books or not _worth_it(books):
        return None
    helper = fork_helper(lambda descriptor: _reader(books, descriptor), _PIPE_BYTES)
    if helper is None:
        return None
    pid, read_end = helper
    return Prefetch(pid, os.fdopen(read_end, "rb"), books)


def _worth_it(books: Sequence[Path]) -> bool:
    total = 0
    for path in books:
        with contextlib.suppress(OSError):
            total += path.stat().st_size
    return total >= MIN_BYTES


class Prefetch:
    """The reader's side in this process: each form's records as they come (asked
    for in the reader's order), and the reader stopped at the end."""

    def __init__(self, pid: int, stream: IO[bytes], books: Sequence[Path]) -> None:
        self._pid = pid
        self._stream: IO[bytes] | None = stream
        self._books = list(books)  # the forms the reader reads, the next one first

    def records(self, path: Path) -> Iterator[FormRecord]:
        """The records of the form ``path``: the reader's, when it is the next it reads;
        else :func:`read_form`'s."""
        if not self._books or self._books[0] != path or self._stream is None:
            return read_form(path)
        self._books.pop(0)
        return self._given(path)

    def _given(self, path: Path) -> Iterator[FormRecord]:
        given = 0
        while True:
            message = self._receive()
            if message is None:  # the reader is gone, or said something unexpected
                self.close()
                break
            kind = message[0]
            if kind == _ROWS:
                _kind, numbers, cells, problems = message
                yield from map(_record, zip(numbers, cells, problems, strict=True))
                given += len(numbers)
            elif kind == _END:
                _say(message[1])
                return
            else:  # the reader met an error: read here from there, meeting it again
                break
        yield from islice(read_form(path), given, None)

    def _receive(self) -> tuple[Any, ...] | None:
        stream = self._stream
        if stream is None:
            return None
        try:
            head = stream.read(_HEAD.size)
            if len(head) != _HEAD.size:
                return None
            (size,) = _HEAD.unpack(head)
            body = stream.read(size)
            if len(body) != size:
                return None
            message = pickle.loads(body)
        except Exception:
            return None
        return message if isinstance(message, tuple) and message else None

    def close(self) -> None:
        """Stop the reader (done, or no longer needed) and wait for it."""
        stream, self._stream = self._stream, None
        self._books = []
        if stream is None:
            return
        stream.close()
        end_helper(self._pid)


def _record(fields: tuple[int, tuple[object, object, object, object], str | None]) -> FormRecord:
    return tuple.__new__(FormRecord, fields)


def _reader(books: Sequence[Path], descriptor: int) -> None:
    """The forked reader: each form's records in batches, then whether it was read
    whole (and the warnings reading it gave, as this process's filters let them through:
    once per place for Python's default, across the forms as here)."""
    out = _Outbox(descriptor)
    with warnings.catch_warnings(record=True) as said:
        for path in books:
            said.clear()
            out.send(_read(path, out, said))
    out.finish()


def _read(path: Path, out: _Outbox, said: list[warnings.WarningMessage]) -> tuple[Any, ...]:
    """Send the records of ``path``: what to say at its end (after an error, nothing of
    its warnings: the other process, reading the form itself, gives them)."""
    try:
        records = read_form(path)
        while batch := list(islice(records, BATCH)):
            numbers, cells, problems = zip(*batch, strict=True)
            out.send((_ROWS, numbers, cells, problems))
    except Exception:
        return (_STOP,)
    return (_END, [_shown(warning) for warning in said])


def _shown(warning: warnings.WarningMessage) -> tuple[Any, ...]:
    """A warning as :func:`_say` takes it in the other process: its text, category and
    place, and the module that gave it (found by its file)."""
    message = warning.message
    try:
        pickle.dumps(message)
    except Exception:
        message = str(message)
    module = next(
        (
            name
            for name, loaded in list(sys.modules.items())
            if getattr(loaded, "__file__", None) == warning.filename
        ),
        None,
    )
    return (message, warning.category, warning.filename, warning.lineno, module)


def _say(said: Sequence[tuple[Any, ...]]) -> None:
    """The reader's warnings, through this process's filters and the registry of the
    module that gave each (so that one said before, here or by the reader, is said again
    only as the filters say: Python's default says it once)."""
    for message, category, filename, lineno, module in said:
        registry: dict[Any, Any] | None = None
        if module is not None:
            with contextlib.suppress(Exception):
                registry = vars(importlib.import_module(module)).setdefault(
                    "__warningregistry__", {}
                )
        warnings.warn_explicit(
            message, category, filename, lineno, module=module, registry=registry
        )


class _Outbox:
    """Messages to the pipe without waiting for the other process to read them: what
    the pipe cannot take yet is kept, and written as it can take it (at the end, all)."""

    def __init__(self, descriptor: int) -> None:
        self._descriptor = descriptor
        self._pending = bytearray()
        os.set_blocking(descriptor, False)

    def send(self, message: tuple[Any, ...]) -> None:
        body = pickle.dumps(message, protocol=pickle.HIGHEST_PROTOCOL)
        self._pending += _HEAD.pack(len(body))
        self._pending += body
        self._flush()
        if len(self._pending) > MAX_KEPT:  # the other process waits (for the data's lock)
            os.set_blocking(self._descriptor, True)
            self._flush()
            os.set_blocking(self._descriptor, False)

    def _flush(self) -> None:
        while self._pending:
            try:
                written = os.write(self._descriptor, self._pending)
            except BlockingIOError:
                return
            del self._pending[:written]

    def finish(self) -> None:
        os.set_blocking(self._descriptor, True)
        self._flush()
        os.close(self._descriptor)
