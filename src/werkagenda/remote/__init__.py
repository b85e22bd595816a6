"""Remote SPARQL 1.1 stores: run named or raw queries there, push the compiled agenda there.

Every failure to reach or understand an endpoint -- unreachable host, 401/403, a timeout,
an HTML page instead of SPARQL results -- is one `RemoteError` naming the URL and cause.
"""

from __future__ import annotations

from werkagenda.remote.client import Endpoint, run_named, run_text
from werkagenda.remote.push import PushReport, push

__all__ = ["Endpoint", "PushReport", "push", "run_named", "run_text"]
