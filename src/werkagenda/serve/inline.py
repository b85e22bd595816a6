"""Named queries answered in the server process: no pickle and pipe round trip to a worker.

A named query is known before anyone asks: its text is ours (`queries/*.rq`), its
parameters are checked values (`query.lookups`) bound into one agenda graph, so its cost is
bounded by one agenda, not by what a client writes and not by the number of agendas. Such a
query runs on a thread of this small pool over the server's own read-only store; pyoxigraph
releases the GIL while it evaluates, so the event loop goes on serving. A raw `/sparql` query
never runs here: only workers can be killed, and the timeout guarantee is theirs.

Should a named query still take longer than `limit` seconds here (a far larger agenda), it
is sent to the workers from then on; and when every thread is busy a run goes to the workers
too, so this lane never makes a request wait.
"""

from __future__ import annotations

import asyncio
import functools
import logging
from concurrent.futures import ThreadPoolExecutor
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


class InlineLane:
    """`threads` threads running named queries over a read-only store opened here."""

    def __init__(self, store: Path, context: dict, threads: int, limit: float) -> None:
        self.store = ox.Store.read_only(str(store))
        self.known = KnownValues(self.store)
        self.context, self.limit, self.free = context, limit, threads
        self.slow: set[str] = set()  # named queries that took longer than `limit` here
        self._threads = ThreadPoolExecutor(threads, thread_name_prefix="werkagenda-inline")

    def takes(self, job: str, kwargs: dict[str, Any]) -> bool:
        """Whether this run is answered here now: a named query not known to be slow,
        and a thread free for it."""
        return job == "named_run" and self.free > 0 and kwargs["name"] not in self.slow

    async def call(self, job: str, /, **kwargs: Any) -> Reply:
        """Run the named query as a worker's `named_run` job would; refusals as a worker's."""
        assert job == "named_run"
        loop = asyncio.get_running_loop()
        run = functools.partial(
            named.run,
            self.store,
            kwargs["name"],
            kwargs["values"],
            accept=kwargs["accept"],
            format_key=kwargs["format_key"],
            max_rows=self.context["max_rows"],
            max_bytes=self.context["max_bytes"],
            known=self.known,
        )
        self.free -= 1
        started = loop.time()
        try:
            return await loop.run_in_executor(self._threads, run)
        except (Refused, SyntaxError, InputError) as e:  # as a worker answers them
            raise refusal(e) from None
        finally:
            self.free += 1
            if (took := loop.time() - started) > self.limit and kwargs["name"] not in self.slow:
                self.slow.add(kwargs["name"])
                log.warning(
                    "named query %s took %.2f s in the server process; workers run it from now",
                    kwargs["name"],
                    took,
                )

    def close(self) -> None:
        self._threads.shutdown(wait=False, cancel_futures=True)
