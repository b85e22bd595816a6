"""A small pool of query worker processes, each holding the store read-only.

Queries never run on the event loop: a request borrows an idle worker, sends it a job and waits
for the reply on the worker's socket (read by the loop's transport, no thread). When the
deadline passes, the worker is killed (SIGKILL: a query cannot be interrupted politely) and a
fresh one is started in the background, so a runaway query costs one worker for `timeout`
seconds and nothing else.

A worker's address space is capped (`RLIMIT_AS`, `context["memory_limit"]` bytes): a query that
needs more fails to allocate (a MemoryError in Python, an abort in the engine), the worker is
replaced and the client is told so (503, `MemoryExceeded`). A worker that grew past
`context["worker_growth"]` bytes answers and is replaced too (`serve.worker`).

Workers are forked from multiprocessing's fork server, a single-threaded process that imported
the job code once (`PRELOAD`): every worker, replacements included, starts with those modules
in pages it shares with the others, instead of importing them again (as "spawn" did). The
server process itself, which runs the event loop and threads, is never forked.
"""

from __future__ import annotations

import asyncio
import collections
import contextlib
import logging
import multiprocessing as mp
import os
import pickle
import signal
import socket
from multiprocessing.connection import Connection
from pathlib import Path
from typing import Any

from werkagenda.serve.worker import FRAME, JobRefused, refusal, worker_main

__all__ = ["JobRefused", "refusal"]  # raised by and for the pool's callers, defined with the worker
log = logging.getLogger("werkagenda.serve")
# imported once in the fork server. Each worker also runs the script that started the server
# again, as `__mp_main__` (multiprocessing's preparation of a child), and the CLI's script
# imports `werkagenda.cli`: preloaded, its modules are pages the workers share, not 2 MiB each
PRELOAD = ["werkagenda.serve.preload", "werkagenda.cli"]
_CONTEXT = mp.get_context("forkserver")
_CONTEXT.set_forkserver_preload(PRELOAD)
START_TIMEOUT = 60.0


class QueryTimeout(Exception):
    """The job did not finish within its time limit (its worker was killed)."""


class WorkerUnavailable(Exception):
    """A worker died or could not be started; the request may be retried."""


class MemoryExceeded(WorkerUnavailable):
    """The job needed more memory than a worker may use (the worker was replaced)."""


class _Channel(asyncio.Protocol):
    """The server's end of one worker's socket, read and written by the event loop's transport
    for the worker's life: framed pickles out, framed pickles in.

    The loop reads the socket itself (in C under uvloop) and hands over what arrived; before,
    every call registered a reader, read in a Python callback, unregistered it and put the
    descriptor back in blocking mode for the next `Connection.send`: five system calls a job.
    """

    def __init__(self) -> None:
        self.transport: asyncio.Transport | None = None
        self._buf = bytearray()
        self._need = -1  # the length of the frame being read, header included; -1: not known
        # the next message from the worker: armed when the socket connects (the worker's
        # "ready" may arrive before the pool asks for it) and by each `send` (its answer)
        self._next: asyncio.Future[bytes | memoryview] | None = None
        self._lost: Exception | None = None

    def connection_made(self, transport: asyncio.BaseTransport) -> None:
        self.transport = transport  # type: ignore[assignment]
        self._next = asyncio.get_running_loop().create_future()

    def data_received(self, data: bytes) -> None:
        if not self._buf and len(data) >= FRAME.size:  # the usual case: one whole frame
            need = FRAME.size + FRAME.unpack_from(data)[0]
            if len(data) == need:
                self._deliver(memoryview(data)[FRAME.size :])
                return
        self._buf += data
        while True:
            buf = self._buf
            if self._need < 0:
                if len(buf) < FRAME.size:
                    return
                self._need = FRAME.size + FRAME.unpack_from(buf)[0]
            if len(buf) < self._need:
                return
            if len(buf) == self._need:  # the frame ends the buffer: handed over, not copied
                payload: bytes | memoryview = memoryview(buf)[FRAME.size :]
                self._buf = bytearray()
            else:
                payload = bytes(buf[FRAME.size : self._need])
                del buf[: self._need]
            self._need = -1
            self._deliver(payload)

    def _deliver(self, payload: bytes | memoryview) -> None:
        # one message per job (and "ready"): any other is an answer nobody waits for any
        # more, from a worker being replaced
        if self._next is not None and not self._next.done():
            self._next.set_result(payload)

    def connection_lost(self, exc: Exception | None) -> None:
        self._lost = exc if isinstance(exc, OSError) else EOFError("the worker closed its socket")
        if self._next is not None and not self._next.done():
            self._next.set_exception(self._lost)

    def send(self, message: object, *, answered: bool = True) -> None:
        """Write `message`; `receive` then awaits its answer (none for the stop message)."""
        if self._lost is not None or self.transport is None or self.transport.is_closing():
            raise self._lost or EOFError("the worker's socket is closed")
        data = pickle.dumps(message, protocol=pickle.HIGHEST_PROTOCOL)
        if answered:
            self._next = asyncio.get_running_loop().create_future()
        self.transport.write(FRAME.pack(len(data)) + data)

    async def receive(self, timeout: float) -> Any:
        """The next message from the worker; TimeoutError after `timeout` seconds."""
        if self._next is None:
            raise self._lost or EOFError("the worker's socket is not connected")
        # not `await` under a `call_later` timer: cheaper per call, but alternating A/B runs
        # had the p99 of raw SELECTs at 32 clients at 50-55 ms with it, 30-40 without
        return pickle.loads(await asyncio.wait_for(self._next, max(timeout, 0.0)))

    def close(self) -> None:
        if self.transport is not None:
            self.transport.close()


class _Worker:
    def __init__(self, store: Path, context: dict) -> None:
        self.socket, child = socket.socketpair()
        conn = Connection(child.detach())  # pickled for the fork server with its descriptor
        self.process = _CONTEXT.Process(
            target=worker_main,
            args=(conn, str(store), context),
            daemon=True,
            name="werkagenda-query-worker",
        )
        try:
            self.process.start()
        finally:
            conn.close()
        self.channel = _Channel()

    async def connect(self) -> None:
        await asyncio.get_running_loop().create_unix_connection(
            lambda: self.channel, sock=self.socket
        )

    def kill(self) -> None:
        if self.process.is_alive():
            self.process.kill()
        self.process.join(timeout=5)
        if self.channel.transport is None:  # never connected: the transport did not take it
            self.socket.close()


def _expire(turn: asyncio.Future, timeout: float) -> None:
    if not turn.done():
        turn.set_exception(QueryTimeout(f"no worker became free within {timeout:g} s"))


class WorkerPool:
    """`size` worker processes over the store at `store`; `call` runs one job with a deadline.

    A call takes an idle worker, or waits in line: a worker that comes back goes straight to
    the first call waiting (`_give_back`), so the line is kept in order by construction and a
    call that arrives later cannot take it first (that took the p99 at 32 clients ~60 -> 82 ms).
    """

    def __init__(self, store: Path, context: dict, size: int) -> None:
        self.store, self.context, self.size = store, context, size
        self._idle: collections.deque[_Worker] = collections.deque()
        self._line: collections.deque[asyncio.Future[_Worker]] = collections.deque()
        self._all: set[_Worker] = set()
        self._tasks: set[asyncio.Task] = set()

    async def start(self) -> None:
        # glibc reserves 64 MiB of address space per malloc arena, up to 8 per core, and the
        # engine's threads take their own: at most two keep `RLIMIT_AS` for the query's data
        # (read by the fork server when it starts, so by every worker)
        os.environ.setdefault("MALLOC_ARENA_MAX", "2")
        await asyncio.gather(*(self._add() for _ in range(self.size)))

    async def close(self) -> None:
        for task in self._tasks:
            task.cancel()
        for worker in list(self._all):
            with contextlib.suppress(OSError, EOFError):
                worker.channel.send(None, answered=False)
            worker.channel.close()  # its buffer is written first
        loop = asyncio.get_running_loop()
        await asyncio.gather(*(loop.run_in_executor(None, w.kill) for w in self._all))
        self._all.clear()

    def has_idle(self) -> bool:
        return bool(self._idle)

    async def call(self, job: str, /, *, timeout: float, **kwargs: Any) -> Any:
        """Run `job` in a worker; raise QueryTimeout after `timeout` seconds."""
        loop = asyncio.get_running_loop()
        deadline = loop.time() + timeout
        worker = self._idle.popleft() if self._idle else await self._wait_in_line(timeout)
        try:
            worker.channel.send((job, kwargs))
            reply = await worker.channel.receive(deadline - loop.time())
        except TimeoutError:
            self._replace(worker)
            raise QueryTimeout(f"the query ran longer than {timeout:g} s and was stopped") from None
        except asyncio.CancelledError:
            self._replace(worker)
            raise
        except (EOFError, OSError):
            aborted = await self._aborted(worker)
            self._replace(worker)
            if aborted:
                raise self._memory_exceeded() from None
            raise WorkerUnavailable("a query worker stopped unexpectedly") from None
        if reply[0] == "memory":
            self._replace(worker)
            raise self._memory_exceeded()
        if reply[0] == "retire":  # it answered, grew past its allowance and exits
            _, reply, name, grown = reply
            log.info("a query worker grew by %d MiB (%s) and was replaced", grown >> 20, name)
            self._replace(worker)
        else:
            self._give_back(worker)
        if reply[0] == "ok":
            return reply[1]
        raise JobRefused(reply[1], reply[2])

    async def _wait_in_line(self, timeout: float) -> _Worker:
        """A worker handed over by `_give_back`; QueryTimeout when none is within `timeout`.

        The turn is settled once, by whichever comes first: a worker or the timer (not
        `wait_for`, under which a worker handed over as the time ran out would be dropped)."""
        loop = asyncio.get_running_loop()
        turn: asyncio.Future[_Worker] = loop.create_future()
        self._line.append(turn)
        timer = loop.call_later(timeout, _expire, turn, timeout)
        try:
            return await turn
        except BaseException:
            if turn.done() and not turn.cancelled() and turn.exception() is None:
                self._give_back(turn.result())  # handed a worker as the caller was cancelled
            with contextlib.suppress(ValueError):
                self._line.remove(turn)
            raise
        finally:
            timer.cancel()

    def _give_back(self, worker: _Worker) -> None:
        """An idle worker goes to the first call still waiting, or back to the idle ones."""
        while self._line:
            turn = self._line.popleft()
            if not turn.done():
                turn.set_result(worker)
                return
        self._idle.append(worker)

    def _memory_exceeded(self) -> MemoryExceeded:
        mib = (self.context.get("memory_limit") or 0) // (1024 * 1024)
        log.warning("a query worker ran out of its %d MiB and was replaced", mib)
        return MemoryExceeded(
            f"the query needed more memory than a query worker may use ({mib} MiB) and was stopped"
        )

    @staticmethod
    async def _aborted(worker: _Worker) -> bool:
        """Whether a worker whose socket closed died of SIGABRT (the engine's answer to a failed
        allocation under the memory limit); waits up to a second for its exit status."""
        for _ in range(50):
            code = worker.process.exitcode
            if code is not None:
                return code == -signal.SIGABRT
            await asyncio.sleep(0.02)
        return False

    def _replace(self, worker: _Worker) -> None:
        self._all.discard(worker)
        worker.channel.close()
        task = asyncio.get_running_loop().create_task(self._retire_and_add(worker))
        self._tasks.add(task)
        task.add_done_callback(self._tasks.discard)

    async def _retire_and_add(self, worker: _Worker) -> None:
        await asyncio.get_running_loop().run_in_executor(None, worker.kill)
        try:
            await self._add()
        except Exception:  # noqa: BLE001 - keep serving with fewer workers, say so in the log
            log.exception("could not start a replacement query worker")

    async def _add(self) -> None:
        loop = asyncio.get_running_loop()
        worker = await loop.run_in_executor(None, _Worker, self.store, self.context)
        try:
            await worker.connect()
            if await worker.channel.receive(START_TIMEOUT) != ("ready",):
                raise WorkerUnavailable("query worker answered something else than ready")
        except (TimeoutError, EOFError, OSError):
            worker.channel.close()
            await loop.run_in_executor(None, worker.kill)
            raise WorkerUnavailable("a query worker could not open the store") from None
        self._all.add(worker)
        self._give_back(worker)
