"""Reading HTTP/1.1 responses off a raw socket, for tests that send their own bytes."""

from __future__ import annotations

import socket


def address(url: str) -> tuple[str, int]:
    """Host and port of a server's base URL, `http://127.0.0.1:8000/`."""
    host, port = url.split("//", 1)[1].rstrip("/").split(":")
    return host, int(port)


def connect(url: str, *, timeout: float = 10) -> socket.socket:
    """A TCP connection to the server at `url`, Nagle off so each `sendall` leaves at once."""
    sock = socket.create_connection(address(url), timeout=timeout)
    sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
    return sock


def read_response(
    stream: socket.SocketIO, pending: bytearray, *, head_only: bool = False
) -> tuple[int, dict[str, str], bytes]:
    """One response off the connection (Content-Length or chunked): status, headers, body.

    `head_only` for the answer to a HEAD (or a 1xx): its head, no body whatever it announces."""

    def more() -> None:
        chunk = stream.read(65536)
        assert chunk, f"the server closed the connection; had {bytes(pending)[:300]!r}"
        pending.extend(chunk)

    while b"\r\n\r\n" not in pending:
        more()
    head, _, rest = bytes(pending).partition(b"\r\n\r\n")
    pending[:] = rest
    lines = head.decode("latin-1").split("\r\n")
    status = int(lines[0].split()[1])
    headers = {k.lower(): v.strip() for k, _, v in (h.partition(":") for h in lines[1:])}
    if head_only or status in (204, 304) or status < 200:
        return status, headers, b""
    if "content-length" in headers:
        size = int(headers["content-length"])
        while len(pending) < size:
            more()
        body = bytes(pending[:size])
        del pending[:size]
        return status, headers, body
    assert headers.get("transfer-encoding") == "chunked", headers
    body = b""
    while True:
        while b"\r\n" not in pending:
            more()
        size_line, _, _ = bytes(pending).partition(b"\r\n")
        size = int(size_line, 16)
        while len(pending) < len(size_line) + 2 + size + 2:
            more()
        body += bytes(pending[len(size_line) + 2 : len(size_line) + 2 + size])
        del pending[: len(size_line) + 2 + size + 2]
        if size == 0:
            return status, headers, body
