"""Timing one piece of work in process: the median of several runs after a warm-up."""

from __future__ import annotations

import statistics
import time
from collections.abc import Callable


def median_ms(work: Callable[[], object], runs: int) -> float:
    """Milliseconds `work()` takes, the median of `runs` runs after one warm-up run (query
    files read, caches filled)."""
    work()
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        work()
        times.append((time.perf_counter() - started) * 1000)
    return statistics.median(times)
