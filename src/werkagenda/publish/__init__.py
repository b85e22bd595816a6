"""Static release: HTML per resource, dumps, CSV + CSVW, ontology docs, VoID, DCAT, checksums."""

from werkagenda.metadata.stats import Site

__all__ = ["Site", "publish"]


def publish(outdir, **options):  # type: ignore[no-untyped-def]
    """Write a complete release into `outdir` (atomically); see `werkagenda.publish.site`."""
    from werkagenda.publish.site import publish as _publish

    return _publish(outdir, **options)
