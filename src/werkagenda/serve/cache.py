"""Answers kept in the server process: a byte-bounded LRU of finished responses (body, headers
and key count towards the bound).

The store is opened read-only when the server starts and cannot change while it serves, so a
dereferenced page or a named query's result, once computed by a worker, is the answer to the
same request until the server stops. Entries are complete HTTP responses (status, the final
header list including the security headers, body): a hit is answered by the ASGI front
(`front.Front`, asked by `app.Guard` and by the httptools protocol) without routing,
negotiation objects or a worker.

Concurrent misses of one key share one worker job (single flight), so a burst of clients on a
cold page costs one render, not one per client.

>>> c = ResponseCache(max_entries=2, max_bytes=19)  # a one-letter key takes 3 bytes: 'a'
>>> c.put("a", Cached(200, [], b"12345")); c.put("b", Cached(200, [], b"123"))
>>> c.get("a").body, len(c)
(b'12345', 2)
>>> c.put("c", Cached(200, [], b"1234")); sorted(c.keys())  # over 19 bytes: "b" is oldest
['a', 'c']
>>> c.put("big", Cached(200, [], b"x" * 20)); "big" in c  # larger than the budget
False
"""

from __future__ import annotations

import asyncio
from collections import OrderedDict
from collections.abc import Awaitable, Callable, Hashable, Iterable
from typing import Any, NamedTuple

from starlette.types import Send

from werkagenda.serve.settings import DEFAULT_CACHE_BYTES as DEFAULT_MAX_BYTES
from werkagenda.serve.settings import DEFAULT_CACHE_ENTRIES as DEFAULT_MAX_ENTRIES

MAX_ENTRY_BYTES = 256 * 1024  # larger answers are recomputed each time


class Cached(NamedTuple):
    """A finished response: status, raw header list (lower-case names), body."""

    status: int
    headers: list[tuple[bytes, bytes]]
    body: bytes

    async def send(self, send: Send) -> None:
        await send({"type": "http.response.start", "status": self.status, "headers": self.headers})
        await send({"type": "http.response.body", "body": self.body})


class ResponseCache:
    """LRU of `Cached` responses bounded by entry count and total body bytes."""

    def __init__(
        self,
        max_entries: int = DEFAULT_MAX_ENTRIES,
        max_bytes: int = DEFAULT_MAX_BYTES,
        max_entry_bytes: int = MAX_ENTRY_BYTES,
    ) -> None:
        self.max_entries, self.max_bytes = max_entries, max_bytes
        self.max_entry_bytes = min(max_entry_bytes, max_bytes)
        self._lru: OrderedDict[Hashable, Cached] = OrderedDict()
        self._bytes = 0
        self._flights: dict[Hashable, asyncio.Future] = {}
        self.hits = self.misses = 0

    def __len__(self) -> int:
        return len(self._lru)

    def __contains__(self, key: Hashable) -> bool:
        return key in self._lru

    def keys(self) -> Iterable[Hashable]:
        return self._lru.keys()

    def get(self, key: Hashable) -> Cached | None:
        found = self._lru.get(key)
        if found is None:
            self.misses += 1
            return None
        self._lru.move_to_end(key)
        self.hits += 1
        return found

    def put(self, key: Hashable, entry: Cached) -> None:
        if self.max_entries <= 0 or len(entry.body) > self.max_entry_bytes:
            return
        size = _size(key, entry)
        old = self._lru.pop(key, None)
        if old is not None:
            self._bytes -= _size(key, old)
        self._lru[key] = entry
        self._bytes += size
        while len(self._lru) > self.max_entries or self._bytes > self.max_bytes:
            dropped_key, dropped = self._lru.popitem(last=False)
            self._bytes -= _size(dropped_key, dropped)

    async def single_flight(self, key: Hashable, compute: Callable[[], Awaitable[Any]]) -> Any:
        """`compute()` once for all concurrent callers of `key`; each gets its result or error.

        The computation runs as its own task, so a caller that goes away (client disconnect)
        does not cancel it for the others. A cache of size 0 shares nothing.
        """
        if self.max_entries <= 0:
            return await compute()
        flight = self._flights.get(key)
        if flight is None:
            flight = asyncio.ensure_future(compute())
            self._flights[key] = flight
            flight.add_done_callback(lambda _: self._flights.pop(key, None))
            flight.add_done_callback(_consume)
        return await asyncio.shield(flight)


def _size(key: Hashable, entry: Cached) -> int:
    """Bytes an entry holds: its body, its headers and its key (a URL can be 8 KiB)."""
    return len(entry.body) + sum(len(k) + len(v) for k, v in entry.headers) + len(repr(key))


def _consume(future: asyncio.Future) -> None:
    """Mark an abandoned flight's exception as retrieved (no 'never retrieved' warning)."""
    if not future.cancelled():
        future.exception()
