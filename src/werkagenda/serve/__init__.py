"""Linked-data server: SPARQL 1.1 Protocol endpoint, dereferenceable IRIs, landing page, editor."""

from werkagenda.serve.settings import Settings

__all__ = ["Settings", "create_app"]


def create_app(settings: Settings, on_ready=None):  # type: ignore[no-untyped-def]
    """The Starlette application for `settings` (imported lazily: workers need none of it)."""
    from werkagenda.serve.app import create_app as _create

    return _create(settings, on_ready=on_ready)
