"""Named queries answered in the server process: no pickle and pipe round trip to a worker.

A named query is known before anyone asks: its text is ours (`queries/*.rq`), its
parameters are checked values (`query.lookups`) bound into one agenda graph, so its cost is
bounded by one agenda, not by what a client writes and not by the number of agendas. Such a
query runs on a thread of this small pool over the server's own read-only store; pyoxigraph
releases the GIL while it evaluates, so the event loop goes on serving. A raw `/sparql` query
never runs here: only workers can be killed, and the timeout guarantee is theirs.

Runs wait in line for a thread, first come first served: on cores the threads already fill, a
worker would do the same work plus a pickle round trip (uncached A/B of 7 December: higher
rates and half the p99 for `inspanning-goals` and `organisation-portfolio` under 32 clients,
and idle workers that do not grow). A run no thread has started within `wait` seconds is
taken back (`LaneBusy`) and goes to the workers, so the line never holds a request long.
Should a named query take longer than `limit` seconds on its thread (a far larger agenda), it
is sent to the workers from then on. Two callers put runs in the line: the route (`call`, via
`http.call`) and, for a GET under httptools, the protocol itself (`submit` and `ran`, from
`serve.fast_connection`, with no ASGI cycle).
"""

from __future__ import annotations

import asyncio
import functools
import logging
import time
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from pathlib import Path
from typing import Any

import pyoxigraph as ox

from werkagenda.errors import InputError
from werkagenda.query.lookups import KnownValues
from werkagenda.serve import named
from werkagenda.serve.execute import Reply
from werkagenda.serve.protocol import Refused
from werkagenda.serve.worker import refusal

log = logging.getLogger("werkagenda.serve")


class LaneBusy(Exception):
    """No thread started the run within the lane's `wait`: the caller sends it to the workers."""


class InlineLane:
    """`threads` threads running named queries over a read-only store opened here."""

    def __init__(
        self, store: Path, context: dict, threads: int, limit: float, wait: float | None = None
    ) -> None:
        self.store = ox.Store.read_only(str(store))
        self.known = KnownValues(self.store)
        self.context, self.limit = context, limit
        self.wait = limit if wait is None else wait
        self.slow: set[str] = set()  # named queries that took longer than `limit` here
        self._threads = ThreadPoolExecutor(threads, thread_name_prefix="werkagenda-inline")

    def takes(self, job: str, kwargs: dict[str, Any]) -> bool:
        """Whether this run is offered to the lane: a named query not known to be slow."""
        return job == "named_run" and kwargs["name"] not in self.slow

    def submit(
        self,
        name: str,
        values: dict[str, str | list[str]],
        accept: str | None,
        format_key: str | None,
    ) -> Future[tuple[Reply, float]]:
        """Put the run in line for a thread: its Reply and the seconds it ran. A caller that
        stops waiting cancels the future (a run no thread has picked up is dropped)."""
        run = functools.partial(
            _timed,
            named.run,
            self.store,
            name,
            values,
            accept=accept,
            format_key=format_key,
            max_rows=self.context["max_rows"],
            max_bytes=self.context["max_bytes"],
            known=self.known,
        )
        return self._threads.submit(run)

    def ran(self, name: str, took: float) -> None:
        """Note a run's time: a query slower than `limit` goes to the workers from now on."""
        if took > self.limit and name not in self.slow:
            self.slow.add(name)
            log.warning(
                "named query %s took %.2f s in the server process; workers run it from now",
                name,
                took,
            )

    async def call(self, job: str, /, **kwargs: Any) -> Reply:
        """Run the named query as a worker's `named_run` job would; refusals as a worker's.
        Raises LaneBusy when no thread started it within `wait` seconds."""
        assert job == "named_run"
        name = kwargs["name"]
        queued = self.submit(name, kwargs["values"], kwargs["accept"], kwargs["format_key"])
        answer = asyncio.wrap_future(queued)
        try:
            done, _ = await asyncio.wait((answer,), timeout=self.wait)
            # still in line: `cancel` succeeds only for a run no thread has picked up
            if not done and queued.cancel():
                raise LaneBusy(f"no thread free within {self.wait:g} s")
            reply, took = await answer
        except (Refused, SyntaxError, InputError) as e:  # as a worker answers them
            raise refusal(e) from None
        except asyncio.CancelledError:  # the client went away: a run still in line is dropped
            queued.cancel()
            raise
        self.ran(name, took)
        return reply

    def close(self) -> None:
        self._threads.shutdown(wait=False, cancel_futures=True)


def _timed(run: Callable[..., Reply], *args: Any, **kwargs: Any) -> tuple[Reply, float]:
    """`run(*args, **kwargs)` and the seconds it took on its thread (its wait in line not
    counted, so a long line does not mark a query slow)."""
    started = time.perf_counter()
    return run(*args, **kwargs), time.perf_counter() - started
