"""What the fork server of the query workers imports before it forks any (`serve.workers`).

Importing the job code here puts it in pages every worker shares; `gc.freeze()` then keeps
those objects out of the workers' collections, so a collection in one worker does not touch
(and copy) the pages it shares with the others.
"""

from __future__ import annotations

import gc

import werkagenda.serve.jobs  # noqa: F401 - imported for its pages
import werkagenda.serve.worker  # noqa: F401 - the workers' entry point

gc.freeze()
