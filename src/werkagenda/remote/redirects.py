"""Redirects that never carry credentials to another origin.

urllib's default redirect handler copies every request header, `Authorization` included, to
wherever a 3xx points. This one follows a redirect only within the same origin (scheme, host,
port) and refuses any other with one sentence, so `--user/--password` cannot leak.
"""

from __future__ import annotations

import urllib.request
from typing import IO, Any
from urllib.parse import urlsplit

from werkagenda.errors import RemoteError


def origin(url: str) -> tuple[str, str, int | None]:
    """(scheme, host, port) with default ports made explicit.

    >>> origin("https://a.example/x") == origin("https://A.example:443/y")
    True
    """
    parts = urlsplit(url)
    default = {"http": 80, "https": 443}.get(parts.scheme)
    return parts.scheme, (parts.hostname or "").lower(), parts.port or default


class SameOriginRedirects(urllib.request.HTTPRedirectHandler):
    def redirect_request(
        self,
        req: urllib.request.Request,
        fp: IO[bytes],
        code: int,
        msg: str,
        headers: Any,
        newurl: str,
    ) -> urllib.request.Request | None:
        if origin(newurl) != origin(req.full_url):
            raise RemoteError(
                f"{req.full_url}: the endpoint redirects (HTTP {code}) to another origin "
                f"({newurl}); refused, so credentials are not sent there. Use the final URL "
                "as --endpoint if you trust it."
            )
        return super().redirect_request(req, fp, code, msg, headers, newurl)


OPENER = urllib.request.build_opener(SameOriginRedirects())


def install() -> None:
    """Make SPARQLWrapper open its requests through OPENER."""
    import SPARQLWrapper.Wrapper as wrapper

    setattr(wrapper, "urlopener", OPENER.open)  # noqa: B010 (its type is urlopen's overloads)
