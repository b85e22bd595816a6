"""`/whatif`: the funding what-if page of the served site (the page itself: views/whatif.py).

The scenario is in the URL: `/whatif?reject=iza-transformatieplan&reject=spuk&lang=en`;
`agenda=region/edition` picks another agenda. A query worker renders the page (the job
`serve.jobs.whatif_page`); answers are kept in the server's bounded response cache.
"""

from __future__ import annotations

from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

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


ROUTES = [Route("/whatif", whatif)]
