"""A progress bar on stderr while reading a large data directory, never in a pipe.

``load`` takes a plain callback ``progress(done, total)``; this module is the
command layer's callback. Nothing is shown before ``delay`` seconds have
passed (small data never flickers) nor when stderr is not a terminal (scripts,
pipes, CI logs, tests); Rich is imported only when a bar is actually drawn.
"""

from __future__ import annotations

import sys
import time
from collections.abc import Callable
from types import TracebackType
from typing import Any, TextIO

from pledgecli.i18n import _

DELAY = 0.5  # seconds of loading before a bar appears


class LoadProgress:
    """``progress(done, total)`` for ``load``; use as a context manager so the bar goes away."""

    def __init__(
        self,
        *,
        delay: float | None = None,
        stream: TextIO | None = None,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self._delay = DELAY if delay is None else delay
        self._stream = stream
        self._clock = clock
        self._started = clock()
        self._bar: Any = None
        self._task: Any = None
        self._quiet = False

    def __call__(self, done: int, total: int) -> None:
        if self._quiet:
            return
        if self._bar is None:
            if self._clock() - self._started < self._delay:
                return
            stream = self._stream if self._stream is not None else sys.stderr
            if not _is_terminal(stream):
                self._quiet = True  # decided once: a pipe stays a pipe
                return
            self._start(stream, total)
        self._bar.update(self._task, completed=done, total=total)

    def _start(self, stream: TextIO, total: int) -> None:
        from rich.console import Console
        from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn

        console = Console(file=stream, highlight=False, markup=False, emoji=False)
        self._bar = Progress(
            TextColumn("{task.description}"),
            BarColumn(),
            MofNCompleteColumn(),
            console=console,
            transient=True,
        )
        self._task = self._bar.add_task(_("Reading reports"), total=total)
        self._bar.start()

    def close(self) -> None:
        if self._bar is not None:
            self._bar.stop()
            self._bar = None

    def __enter__(self) -> LoadProgress:
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        self.close()


def _is_terminal(stream: TextIO) -> bool:
    try:
        return stream.isatty()
    except (AttributeError, ValueError):  # a closed or unusual stream
        return False
