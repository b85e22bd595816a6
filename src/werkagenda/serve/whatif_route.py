"""`/whatif`: the funding what-if page of the served site (the page itself: views/whatif.py).

The scenario is in the URL: `/whatif?reject=iza-transformatieplan&reject=spuk&lang=en`;
`agenda=region/edition` picks another agenda. A query worker renders the page; answers are
kept in the server's bounded response cache.
"""

from __future__ import annotations

from typing import Any
from urllib.parse import urlencode

from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

from werkagenda.serve import negotiation as neg
from werkagenda.serve.execute import Reply
from werkagenda.serve.http import cached_response, lang_of

MAX_NAMES = 64  # a scenario names at most this many sources and applications


async def whatif(request: Request) -> Response:
    reject = tuple(request.query_params.getlist("reject"))[:MAX_NAMES]
    lang = lang_of(request)
    agenda = request.query_params.get("agenda") or None
    return await cached_response(
        request,
        ("whatif", reject, lang, agenda),
        "whatif_page",
        vary=False,
        reject=list(reject),
        lang=lang,
        agenda=agenda,
    )


def whatif_page(state: Any, *, reject: list[str], lang: str, agenda: str | None) -> Reply:
    """The worker job: the page of one scenario (400 when a name is unknown)."""
    from werkagenda.serve.jobs import nav
    from werkagenda.views.whatif import page

    other = "en" if lang == "nl" else "nl"
    pairs = [("reject", r) for r in reject] + ([("agenda", agenda)] if agenda else [])
    status, body = page(
        state.store,
        reject,
        lang=lang,
        agenda=agenda,
        href=state.linker.href,
        nav=nav(state, lang, "whatif", "/whatif?" + urlencode([*pairs, ("lang", other)])),
    )
    return Reply(status, neg.HTML.content_type, body, {})


ROUTES = [Route("/whatif", whatif)]
