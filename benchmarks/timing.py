"""Timing work in process: one home for the benchmarks' medians and per-item costs.

`clock` is `time.perf_counter` (wall time) unless a benchmark asks for CPU time
(`time.process_time`, every thread of this process).
"""

from __future__ import annotations

import statistics
import time
from collections.abc import Callable
from typing import TypeVar

T = TypeVar("T")
Clock = Callable[[], float]


def timed(
    work: Callable[[], T], runs: int, *, warm_up: bool = True, clock: Clock = time.perf_counter
) -> tuple[float, T]:
    """Milliseconds `work()` takes, the median of `runs` runs, and what the last run returned;
    after one warm-up run (query files read, caches filled) unless `warm_up` is False."""
    if warm_up:
        work()
    times = []
    for _ in range(runs):
        started = clock()
        out = work()
        times.append((clock() - started) * 1000)
    return statistics.median(times), out


def median_ms(
    work: Callable[[], object], runs: int, *, warm_up: bool = True, clock: Clock = time.perf_counter
) -> float:
    """`timed` without the result."""
    return timed(work, runs, warm_up=warm_up, clock=clock)[0]


def ms_each(work: Callable[[], object], count: int, *, clock: Clock = time.process_time) -> float:
    """Milliseconds per item of one run of `work()` over `count` items (CPU time unless told):
    for benchmarks that interleave their rounds themselves and take the median after."""
    started = clock()
    work()
    return (clock() - started) * 1000 / count
