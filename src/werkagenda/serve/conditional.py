"""HTTP caching of the documents and pages: `ETag`, `Cache-Control`, 304, and CORS on `/id/`.

The store cannot change while a server runs, so an answer is fixed by the store (its build
stamp), the code that renders it (the package's templates and static files), the server's
public address (echoed by VoID and DCAT) and the representation: path, query string (language,
agenda, theme, format) and the negotiated content type. The ETag is a hash of those, computed
without reading the body, so a `If-None-Match` that matches (weak comparison, RFC 9110
§13.1.2) is answered 304 with no body.

Only successful GET/HEAD answers of `DOCUMENT_PREFIXES` get them, and only when the route set
no ETag of its own (the feed's editions, pre-rendered resource pages). Resource answers under
`/id/` in an RDF format get `Access-Control-Allow-Origin: *` (as `/sparql` and `/api/` have).
This is the outermost ASGI layer, so answers sent from the front's cache get the same headers.
"""

from __future__ import annotations

import hashlib
from importlib.resources import files
from pathlib import Path

from starlette.types import ASGIApp, Message, Receive, Scope, Send

from werkagenda.store import STAMP_NAME

CACHE_CONTROL = b"public, max-age=300"
# "/" exactly; the others as prefixes (/def, /def.ttl, /catalog.jsonld, /views/…, …)
DOCUMENT_PREFIXES = ("/def", "/catalog", "/void", "/views", "/lists/", "/search", "/downloads/")
_DROPPED_ON_304 = {b"content-length", b"content-type", b"content-encoding"}


def build_seed(store: Path, public_url: str | None) -> bytes:
    """What every ETag of this server depends on besides the representation."""
    h = hashlib.sha256()
    stamp = store / STAMP_NAME
    try:  # the stamp's bytes and time: every build writes a new one
        h.update(stamp.read_bytes())
        h.update(str(stamp.stat().st_mtime_ns).encode())
    except OSError:
        h.update(str(store.resolve()).encode())
    views = files("werkagenda.views")
    for folder in ("templates", "static"):
        for item in sorted(_walk(views.joinpath(folder)), key=lambda p: str(p)):
            h.update(str(item).encode())
            h.update(item.read_bytes())
    h.update((public_url or "").encode())
    return h.digest()


def _walk(folder):  # type: ignore[no-untyped-def]
    for item in folder.iterdir():
        if item.is_dir():
            yield from _walk(item)
        else:
            yield item


def in_scope(path: str) -> bool:
    """Whether answers at `path` get an ETag and Cache-Control.

    >>> [in_scope(p) for p in ("/", "/def.ttl", "/views/x", "/sparql", "/id/x", "/query")]
    [True, True, True, False, False, False]
    """
    return path == "/" or path.startswith(DOCUMENT_PREFIXES)


def etag_for(seed: bytes, scope: Scope, content_type: bytes, by_address: bool = True) -> bytes:
    server = (scope.get("server") or ("", 0)) if by_address else ("", 0)
    h = hashlib.sha256(seed)
    for part in (
        scope["path"].encode(),
        scope.get("query_string", b""),
        content_type,
        f"{server[0]}:{server[1]}".encode(),
    ):
        h.update(len(part).to_bytes(4, "big") + part)
    return b'"' + h.hexdigest()[:32].encode() + b'"'


def matches(if_none_match: bytes, etag: bytes) -> bool:
    """Weak comparison of an If-None-Match field with one ETag (RFC 9110 §13.1.2).

    >>> matches(b'W/"a", "b"', b'"a"'), matches(b'*', b'"x"'), matches(b'"ab"', b'"a"')
    (True, True, False)
    """
    field = if_none_match.strip()
    if field == b"*":
        return True
    tags = {t.strip().removeprefix(b"W/") for t in field.split(b",")}
    return etag.removeprefix(b"W/") in tags


def is_rdf(content_type: bytes) -> bool:
    media = content_type.split(b";")[0].strip().lower()
    return media not in (b"", b"text/html", b"text/plain", b"application/xhtml+xml")


def resource_headers(status: int, headers: list[tuple[bytes, bytes]]) -> list[tuple[bytes, bytes]]:
    """The headers of an answer under `/id/`: `Access-Control-Allow-Origin: *` added to a
    successful one in an RDF format that has none (`front.Front` finishes its answers so too).

    >>> resource_headers(200, [(b"content-type", b"text/turtle")])[-1]
    (b'access-control-allow-origin', b'*')
    >>> len(resource_headers(200, [(b"content-type", b"text/html")]))
    1
    """
    if status != 200:
        return headers
    names = {k.lower(): v for k, v in headers}
    if is_rdf(names.get(b"content-type", b"")) and b"access-control-allow-origin" not in names:
        return [*headers, (b"access-control-allow-origin", b"*")]
    return headers


class Conditional:
    """ASGI layer adding ETag, Cache-Control and 304 (see the module docstring)."""

    def __init__(self, app: ASGIApp, seed: bytes, public_url: str | None = None) -> None:
        # without a public URL the documents echo the listening address (`http.public_root`)
        self.app, self.seed, self.by_address = app, seed, public_url is None

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope["method"] not in ("GET", "HEAD"):
            await self.app(scope, receive, send)
            return
        path: str = scope["path"]
        documents, resource = in_scope(path), path.startswith("/id/")
        if not (documents or resource):
            await self.app(scope, receive, send)
            return
        if_none_match = next((v for k, v in scope["headers"] if k == b"if-none-match"), None)
        not_modified = False

        async def wrapped(message: Message) -> None:
            nonlocal not_modified
            if message["type"] == "http.response.start":
                message = self._start(message, scope, documents, if_none_match)
                not_modified = message["status"] == 304
            elif not_modified:  # a 304 has no body
                if message.get("more_body", False):
                    return
                message = {"type": "http.response.body", "body": b""}
            await send(message)

        await self.app(scope, receive, wrapped)

    def _start(
        self, message: Message, scope: Scope, documents: bool, if_none_match: bytes | None
    ) -> Message:
        headers = list(message.get("headers", []))
        names = {k.lower(): v for k, v in headers}
        content_type = names.get(b"content-type", b"")
        if message["status"] != 200:
            return message
        if not documents:  # /id/…: CORS on RDF answers
            return {**message, "headers": resource_headers(200, headers)}
        if b"etag" in names:
            return message
        etag = etag_for(self.seed, scope, content_type, self.by_address)
        headers.append((b"etag", etag))
        if b"cache-control" not in names:
            headers.append((b"cache-control", CACHE_CONTROL))
        if if_none_match is not None and matches(if_none_match, etag):
            kept = [(k, v) for k, v in headers if k.lower() not in _DROPPED_ON_304]
            return {**message, "status": 304, "headers": kept}
        return {**message, "headers": headers}
