"""Responses on one kept-alive connection, as raw bytes: each head arrives with its body.

Under httptools the server sends a response's head and its first body bytes in one write
(`serve.fast_connection.OneWrite`). A held head must never wait for a body that does not come:
the answer to a HEAD, a `304` with no body, and an interim `100 Continue` the client waits for
before it sends its body. The requests here are pipelined in one read, as a crawler might.
"""

from __future__ import annotations

import socket
import time

import httpx
import pytest

from tests.serve.wire import connect, read_response

pytestmark = pytest.mark.server
PAGE = "/id/drenthe/2024/inspanning/VOW-9"
JSON = "application/sparql-results+json"


def _get(path: str, method: str = "GET", extra: str = "") -> bytes:
    return f"{method} {path} HTTP/1.1\r\nHost: x\r\nAccept: text/turtle\r\n{extra}\r\n".encode()


def test_get_304_a_query_and_head_pipelined_on_one_connection(each_protocol: str) -> None:
    identity = {"Accept": "text/turtle", "Accept-Encoding": "identity"}  # as the raw requests
    first = httpx.get(each_protocol.rstrip("/") + PAGE, headers=identity)
    assert first.status_code == 200 and "VOW-9" in first.text
    etag = first.headers["etag"]
    ask = f"GET /sparql?query=ASK%7B%7D HTTP/1.1\r\nHost: x\r\nAccept: {JSON}\r\n\r\n".encode()
    with connect(each_protocol) as sock:
        sock.sendall(
            _get(PAGE) + _get(PAGE, extra=f"If-None-Match: {etag}\r\n") + ask + _get(PAGE, "HEAD")
        )  # the HEAD last: no later write could carry a head held back
        stream, pending = socket.SocketIO(sock, "rb"), bytearray()
        page = read_response(stream, pending)
        unchanged = read_response(stream, pending)
        answer = read_response(stream, pending)
        head = read_response(stream, pending, head_only=True)
    assert page[0] == 200 and page[2] == first.content  # identity: no Accept-Encoding sent
    assert head[0] == 200 and head[1]["etag"] == etag
    assert head[1]["content-length"] == str(len(first.content))
    assert unchanged[0] == 304 and unchanged[1]["etag"] == etag
    assert answer[0] == 200 and httpx.Response(200, content=answer[2]).json()["boolean"] is True
    assert pending == b""  # nothing more than the four answers: no body after the HEAD or 304


def test_expect_100_continue_is_answered_before_the_body_is_sent(each_protocol: str) -> None:
    body = b"query=ASK%20%7B%7D"
    head = (
        f"POST /sparql HTTP/1.1\r\nHost: x\r\nAccept: {JSON}\r\n"
        "Content-Type: application/x-www-form-urlencoded\r\nExpect: 100-continue\r\n"
        f"Content-Length: {len(body)}\r\n\r\n"
    ).encode()
    with connect(each_protocol) as sock:
        sock.sendall(head)
        stream, pending = socket.SocketIO(sock, "rb"), bytearray()
        interim = read_response(stream, pending, head_only=True)  # times out if held back
        time.sleep(0.1)
        sock.sendall(body)
        status, _, answer = read_response(stream, pending)
    assert interim[0] == 100
    assert status == 200 and httpx.Response(200, content=answer).json()["boolean"] is True
