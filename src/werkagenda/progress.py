"""How long-running library calls report progress, without printing anything themselves.

A call takes a `Progress` and announces each step (`start`, with a total when it counts
items), each item done (`advance`) and the end of a step (`finished`, with its time and a
detail). The CLI passes a terminal display (cli/ui.py); everything else the silent default.
"""

from __future__ import annotations

import time
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Protocol


class Progress(Protocol):
    def start(self, step: str, total: int | None = None) -> None: ...

    def advance(self, n: int = 1) -> None: ...

    def finished(self, step: str, seconds: float, detail: str) -> None: ...


class Silent:
    """Reports nothing (the default)."""

    def start(self, step: str, total: int | None = None) -> None:
        pass

    def advance(self, n: int = 1) -> None:
        pass

    def finished(self, step: str, seconds: float, detail: str) -> None:
        pass


class Steps:
    """Times named steps and reports them; `detail` set inside a step is reported with it.

    >>> steps = Steps(Silent())
    >>> with steps("load", total=2):
    ...     steps.advance()
    ...     steps.detail = "2 files"
    """

    def __init__(self, progress: Progress | None) -> None:
        self.progress: Progress = progress or Silent()
        self.detail = ""

    @contextmanager
    def __call__(self, name: str, total: int | None = None) -> Iterator[None]:
        self.detail = ""
        started = time.perf_counter()
        self.progress.start(name, total)
        yield
        self.progress.finished(name, time.perf_counter() - started, self.detail)

    def advance(self, n: int = 1) -> None:
        self.progress.advance(n)
