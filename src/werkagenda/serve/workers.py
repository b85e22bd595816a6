"""A small pool of query worker processes, each holding the store read-only.

Queries never run on the event loop: a request borrows an idle worker, sends it a job and waits
for the reply on the pipe (a reader callback, no thread). When the deadline passes, the worker
is killed (SIGKILL: a query cannot be interrupted politely) and a fresh one is started in the
background, so a runaway query costs one worker for `timeout` seconds and nothing else.

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
import contextlib
import logging
import multiprocessing as mp
import os
import pickle
import signal
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
# os.read allocates the whole size asked for before it reads: 1 MiB per answer cost 15-40 µs
# for a reply of a few hundred bytes, so the first read is small and the rest asks for what
# the frame says is still missing, at most READ_CHUNK at a time
FIRST_READ = 1 << 16
READ_CHUNK = 1 << 20


class QueryTimeout(Exception):
    """The job did not finish within its time limit (its worker was killed)."""


class WorkerUnavailable(Exception):
    """A worker died or could not be started; the request may be retried."""


class MemoryExceeded(WorkerUnavailable):
    """The job needed more memory than a worker may use (the worker was replaced)."""


class _Worker:
    def __init__(self, store: Path, context: dict) -> None:
        self.conn, child = _CONTEXT.Pipe()
        self.process = _CONTEXT.Process(
            target=worker_main,
            args=(child, str(store), context),
            daemon=True,
            name="werkagenda-query-worker",
        )
        self.process.start()
        child.close()

    def kill(self) -> None:
        if self.process.is_alive():
            self.process.kill()
        self.process.join(timeout=5)
        self.conn.close()


class WorkerPool:
    """`size` worker processes over the store at `store`; `call` runs one job with a deadline."""

    def __init__(self, store: Path, context: dict, size: int) -> None:
        self.store, self.context, self.size = store, context, size
        self._idle: asyncio.Queue[_Worker] = asyncio.Queue()
        self._all: set[_Worker] = set()
        self._tasks: set[asyncio.Task] = set()
        self._waiting = 0  # calls waiting for an idle worker

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
            with contextlib.suppress(OSError):
                worker.conn.send(None)
        loop = asyncio.get_running_loop()
        await asyncio.gather(*(loop.run_in_executor(None, w.kill) for w in self._all))
        self._all.clear()

    def has_idle(self) -> bool:
        return not self._idle.empty()

    async def call(self, job: str, /, *, timeout: float, **kwargs: Any) -> Any:
        """Run `job` in a worker; raise QueryTimeout after `timeout` seconds."""
        loop = asyncio.get_running_loop()
        deadline = loop.time() + timeout
        if not self._waiting and not self._idle.empty():  # no task and timer for the wait
            worker = self._idle.get_nowait()
        else:  # queue behind those waiting: overtaking them took the p99 at 32 clients ~60 -> 82 ms
            self._waiting += 1
            try:
                worker = await asyncio.wait_for(self._idle.get(), timeout)
            except TimeoutError:
                raise QueryTimeout(f"no worker became free within {timeout:g} s") from None
            finally:
                self._waiting -= 1
        try:
            worker.conn.send((job, kwargs))
            reply = await self._receive(worker.conn, deadline - loop.time())
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
            self._idle.put_nowait(worker)
        if reply[0] == "ok":
            return reply[1]
        raise JobRefused(reply[1], reply[2])

    def _memory_exceeded(self) -> MemoryExceeded:
        mib = (self.context.get("memory_limit") or 0) // (1024 * 1024)
        log.warning("a query worker ran out of its %d MiB and was replaced", mib)
        return MemoryExceeded(
            f"the query needed more memory than a query worker may use ({mib} MiB) and was stopped"
        )

    @staticmethod
    async def _aborted(worker: _Worker) -> bool:
        """Whether a worker whose pipe closed died of SIGABRT (the engine's answer to a failed
        allocation under the memory limit); waits up to a second for its exit status."""
        for _ in range(50):
            code = worker.process.exitcode
            if code is not None:
                return code == -signal.SIGABRT
            await asyncio.sleep(0.02)
        return False

    @staticmethod
    async def _receive(conn: Connection, timeout: float) -> Any:
        """The worker's next framed message, read as it arrives without blocking the loop.

        Each readiness callback reads what is there (one `os.read`), so a large answer (a
        download, the ontology page) never stalls other requests, and nothing depends on
        the descriptor's blocking mode: uvloop makes descriptors given to `add_reader`
        non-blocking, under which `Connection.recv` fails mid-message (EAGAIN).
        """
        loop = asyncio.get_running_loop()
        fd = conn.fileno()
        done: asyncio.Future[bytes] = loop.create_future()
        buf = bytearray()
        need = -1

        def readable() -> None:
            nonlocal need
            if done.done():
                return
            try:
                chunk = os.read(fd, FIRST_READ if need < 0 else min(need - len(buf), READ_CHUNK))
            except (BlockingIOError, InterruptedError):
                return
            except OSError as e:
                done.set_exception(e)
                return
            if not chunk:
                done.set_exception(EOFError("the worker closed its pipe"))
                return
            buf.extend(chunk)
            if need < 0 and len(buf) >= FRAME.size:
                need = FRAME.size + FRAME.unpack_from(buf)[0]
            if 0 <= need <= len(buf):
                done.set_result(bytes(buf[FRAME.size : need]))

        loop.add_reader(fd, readable)
        try:
            # not `await done` with a `call_later` timer: cheaper per call, but alternating
            # A/B runs had the p99 of raw SELECTs at 32 clients at 50-55 ms with it, 30-40 without
            payload = await asyncio.wait_for(done, max(timeout, 0.0))
        finally:
            loop.remove_reader(fd)
            with contextlib.suppress(OSError):
                os.set_blocking(fd, True)  # conn.send stays a plain blocking write
        return pickle.loads(payload)

    def _replace(self, worker: _Worker) -> None:
        self._all.discard(worker)
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
            if await self._receive(worker.conn, START_TIMEOUT) != ("ready",):
                raise WorkerUnavailable("query worker answered something else than ready")
        except (TimeoutError, EOFError, OSError):
            await loop.run_in_executor(None, worker.kill)
            raise WorkerUnavailable("a query worker could not open the store") from None
        self._all.add(worker)
        self._idle.put_nowait(worker)
