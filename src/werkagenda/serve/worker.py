"""What runs inside a query worker process (`serve.workers` starts and kills them).

Kept apart from the pool, which lives on the server's event loop: a worker imports this
module to run (its entry point is pickled by name), and with it none of asyncio, ssl or the
web framework, about 5 MiB of memory in every worker.

A worker that has grown (its private memory, `context["worker_growth"]` bytes past what it
held when ready) answers once more and exits, and the pool starts a fresh one: the pages
that need rdflib (the catalogue, VoID) or pyLODE (the ontology) leave it 15 and 45 MiB
larger for good, which is private to that worker and would stay so for the server's life.
"""

from __future__ import annotations

import logging
import os
import pickle
import resource
import struct
from multiprocessing.connection import Connection
from typing import Any

log = logging.getLogger("werkagenda.serve")
FRAME = struct.Struct("!Q")  # length prefix of every message between server and worker
PAGE = os.sysconf("SC_PAGE_SIZE") if hasattr(os, "sysconf") else 4096


class JobRefused(Exception):
    """The worker refused the job (bad syntax, an update, a forbidden SERVICE)."""

    def __init__(self, status: int, message: str) -> None:
        super().__init__(message)
        self.status, self.message = status, message


def worker_main(conn: Connection, store_path: str, context: dict) -> None:
    """Entry point of a worker process: open the store, then answer jobs until told to stop."""
    import pyoxigraph as ox

    from werkagenda.errors import InputError
    from werkagenda.serve import jobs
    from werkagenda.serve.protocol import Refused

    limit = context.get("memory_limit") or 0
    if limit > 0:
        resource.setrlimit(resource.RLIMIT_AS, (limit, limit))
    state = jobs.WorkerState(ox.Store.read_only(store_path), context)
    growth = context.get("worker_growth") or 0
    statm = _open_statm()
    held = private_bytes(statm)
    _send_framed(conn.fileno(), ("ready",))
    while True:
        try:
            msg = _recv_framed(conn.fileno())
        except (EOFError, OSError):
            return
        if msg is None:
            return
        name, kwargs = msg
        try:
            reply: tuple = ("ok", jobs.run(state, name, kwargs))
        except (Refused, SyntaxError, InputError) as e:
            refused = refusal(e)
            reply = ("refused", refused.status, refused.message)
        except MemoryError:
            _send_framed(conn.fileno(), ("memory",))
            return  # a fresh worker replaces this one (its heap may stay fragmented)
        except Exception:  # noqa: BLE001 - logged here, reported to the client without details
            log.exception("job %s failed", name)
            reply = ("error", 500, "Internal error while answering the request.")
        if growth > 0 and (grown := private_bytes(statm) - held) > growth:
            _send_framed(conn.fileno(), ("retire", reply, name, grown))
            return  # a fresh worker replaces this one
        _send_framed(conn.fileno(), reply)


def _open_statm() -> int | None:
    """`/proc/self/statm` held open for the worker's life: read again with `pread` after
    every job (2.5 µs), where opening it each time took 14 µs; None without procfs."""
    try:
        return os.open("/proc/self/statm", os.O_RDONLY | os.O_CLOEXEC)
    except OSError:
        return None


def private_bytes(statm: int | None) -> int:
    """This process's resident memory not shared with a file (heap, the engine's caches, the
    modules it imported): resident minus shared pages of `statm`; 0 without it."""
    if statm is None:
        return 0
    try:
        fields = os.pread(statm, 256, 0).split()
    except OSError:
        return 0
    return (int(fields[1]) - int(fields[2])) * PAGE


def refusal(e: Exception) -> JobRefused:
    """What the client is told of a job refused by the code that ran it (a worker, or the
    server's inline lane): bad syntax, an update, a forbidden SERVICE (`Refused`), or a
    parameter no agenda, code or name matches (`InputError`): the client's mistake."""
    from werkagenda.serve.protocol import Refused

    if isinstance(e, Refused):
        return JobRefused(e.status, e.message)
    if isinstance(e, SyntaxError):
        return JobRefused(400, f"SPARQL syntax error: {e.msg if hasattr(e, 'msg') else e}")
    return JobRefused(400, f"Bad request: {e}")


def _recv_framed(fd: int) -> Any:
    """Server -> worker: the next message, framed as `_send_framed` frames it."""
    (size,) = FRAME.unpack(_read_exactly(fd, FRAME.size))
    return pickle.loads(_read_exactly(fd, size))


def _read_exactly(fd: int, size: int) -> bytes:
    parts, left = [], size
    while left:
        chunk = os.read(fd, min(left, 1 << 20))
        if not chunk:
            raise EOFError("the server closed the socket")
        parts.append(chunk)
        left -= len(chunk)
    return parts[0] if len(parts) == 1 else b"".join(parts)


def _send_framed(fd: int, message: object) -> None:
    """Worker <-> server: an 8-byte big-endian length, then the pickled message."""
    data = pickle.dumps(message, protocol=pickle.HIGHEST_PROTOCOL)
    view = memoryview(FRAME.pack(len(data)) + data)
    while view:
        view = view[os.write(fd, view) :]
