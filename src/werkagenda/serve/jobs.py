"""The jobs a query worker runs; each reads the store and returns plain data or a Reply."""

from __future__ import annotations

import difflib
from typing import Any
from urllib.parse import urlencode

import pyoxigraph as ox

from werkagenda.config import PREFIXES
from werkagenda.query.execute import select
from werkagenda.query.files import read_query
from werkagenda.query.lookups import KnownValues
from werkagenda.serve import explore_jobs, named
from werkagenda.serve import negotiation as neg
from werkagenda.serve.execute import DEFAULT_MAX_BYTES, Reply, run_query, serialize_triples
from werkagenda.serve.protocol import Refused
from werkagenda.views.describe import Describer
from werkagenda.views.links import Linker
from werkagenda.views.pages import Pages, Site
from werkagenda.views.render import render


class WorkerState:
    """What a worker keeps between jobs: the store, the describer, caches, the settings."""

    def __init__(self, store: ox.Store, context: dict) -> None:
        self.store, self.context = store, context
        self.describer = Describer(store)
        self.linker = Linker(tuple(context["bases"]))
        formats = tuple((f.suffix, f.media_type) for f in neg.RDF_FORMATS)
        self.site = Site.served(tuple(context["bases"]), formats)
        self.pages = Pages(store, self.site, self.describer)
        self.known = KnownValues(store)  # the store is read-only: lookups read once
        self._labels: list[tuple[str, str]] | None = None
        self._suggestion_index: list[tuple[str, str, str, str]] | None = None

    def labels(self) -> list[tuple[str, str]]:
        if self._labels is None:
            rows = select(
                self.store, read_query("internal/serve/labels"), use_default_graph_as_union=True
            )
            self._labels = [(r["s"].value, r["label"].value) for r in rows]
        return self._labels

    def suggestion_index(self) -> list[tuple[str, str, str, str]]:
        """(iri, label, label lower-cased, last IRI segment as words) for `suggest`."""
        if self._suggestion_index is None:
            self._suggestion_index = [
                (
                    iri,
                    label,
                    label.lower(),
                    iri.rstrip("/").rsplit("/", 1)[-1].lower().replace("-", " "),
                )
                for iri, label in self.labels()
            ]
        return self._suggestion_index


def nav(state: WorkerState, lang: str, here: str = "", toggle: str | None = None) -> dict[str, str]:
    """The header of a served page at local path `here` (see `views.pages.Site.nav`)."""
    return state.site.nav(lang, here, toggle=toggle)


def page(
    state: WorkerState,
    *,
    iri: str,
    format_key: str,
    lang: str,
    page_no: int = 0,
    self_path: str = "",
) -> Reply | None:
    """The resource `iri` as HTML or RDF; None when the store does not know it."""
    d = state.describer
    if not d.exists(iri):
        return None
    fmt = neg.by_key(format_key, neg.PAGE_FORMATS) or neg.HTML
    if fmt is not neg.HTML:
        body = serialize_triples(d.description(iri), fmt, PREFIXES)
        return Reply(200, fmt.content_type, body, {})
    html = state.pages.resource(iri, lang, page_no)
    return None if html is None else Reply(200, fmt.content_type, html, {})


def deref(
    state: WorkerState,
    *,
    candidates: list[tuple[str, str]],
    lang: str,
    page_no: int,
    self_path: str,
    html: bool,
) -> Reply:
    """The first candidate IRI the store knows, in its format; else a 404 with suggestions.

    A candidate with format "?" is the stem of an unknown suffix: known stem -> 406; a path
    that makes no valid IRI (`/id/%22`) -> 400.
    """
    try:
        ox.NamedNode(candidates[0][0])
    except ValueError as e:
        raise Refused(400, f"Bad request: the path does not make a valid IRI ({e}).") from None
    for iri, format_key in candidates:
        if not state.describer.exists(iri):
            continue
        if format_key == "?":
            raise Refused(
                406,
                "Not acceptable. This resource is available as: " + neg.listing(neg.PAGE_FORMATS),
            )
        reply = page(
            state, iri=iri, format_key=format_key, lang=lang, page_no=page_no, self_path=self_path
        )
        if reply is not None:
            return reply
    return not_found(state, iri=candidates[0][0], lang=lang, html=html)


def suggest(state: WorkerState, *, text: str, limit: int = 8) -> list[dict[str, str]]:
    """Resources whose label or last IRI segment resembles `text` (for 404 pages).

    Score: the better difflib ratio of `text` to the label and to the IRI's last segment,
    +0.5 when `text` occurs in either; shown when ≥ 0.6. The same labels and segments recur
    in every agenda, so each distinct string is scored once per call, and a ratio that cannot
    reach 0.6 by length alone (difflib's `real_quick_ratio` bound) is not computed: such a
    pair only has to be known positive or zero (it decides where an IRI enters the ranking,
    which orders ties). At 100 agendas this takes a 404 from seconds to milliseconds.
    """
    needle = text.lower().replace("-", " ").strip()
    if not needle:
        return []
    ratio = _Ratios(needle)
    scored: dict[str, tuple[float, str]] = {}
    for iri, label, lowered, tail in state.suggestion_index():
        if needle in lowered or needle in tail:
            score = max(ratio.exact(lowered), ratio.exact(tail)) + 0.5
        else:
            score = max(ratio.bounded(lowered), ratio.bounded(tail))
        if score > scored.get(iri, (0.0, ""))[0]:
            scored[iri] = (score, label)
    best = sorted(scored.items(), key=lambda kv: -kv[1][0])[:limit]
    return [
        {"iri": iri, "label": label, "href": state.linker.href(iri) or ""}
        for iri, (score, label) in best
        if score >= SUGGEST_MIN
    ]


SUGGEST_MIN = 0.6
_BELOW = 1e-9  # stands for a positive ratio known to be below SUGGEST_MIN


class _Ratios:
    """difflib ratios of one needle to many strings, each string scored once."""

    def __init__(self, needle: str) -> None:
        self.needle, self.chars = needle, frozenset(needle)
        self._exact: dict[str, float] = {}
        self._bounded: dict[str, float] = {}

    def exact(self, other: str) -> float:
        found = self._exact.get(other)
        if found is None:
            found = difflib.SequenceMatcher(None, self.needle, other).ratio()
            self._exact[other] = found
        return found

    def bounded(self, other: str) -> float:
        """The exact ratio when it may reach SUGGEST_MIN; else _BELOW (positive) or 0.0."""
        found = self._bounded.get(other)
        if found is None:
            a, b = len(self.needle), len(other)
            # difflib's autojunk (b >= 200) could make a shared character match nothing
            if b < 200 and 2.0 * min(a, b) / (a + b) < SUGGEST_MIN:
                found = 0.0 if self.chars.isdisjoint(other) else _BELOW
            else:
                found = self.exact(other)
            self._bounded[other] = found
        return found


def not_found(state: WorkerState, *, iri: str, lang: str, html: bool) -> Reply:
    hint = iri.rstrip("/").rsplit("/", 1)[-1]
    found = suggest(state, text=hint)
    if html:
        body = state.pages.not_found(iri, lang, found)
        return Reply(404, neg.HTML.content_type, body, {})
    lines = [f"Not found: {iri}"] + ([" Did you mean:"] if found else [])
    lines += [f"  {s['iri']}  ({s['label']})" for s in found]
    return Reply(404, "text/plain; charset=utf-8", ("\n".join(lines) + "\n").encode(), {})


def sparql(state: WorkerState, **kwargs: Any) -> Reply:
    return run_query(
        state.store,
        max_rows=state.context["max_rows"],
        max_bytes=state.context.get("max_bytes", DEFAULT_MAX_BYTES),
        allowed_hosts=tuple(state.context["allowed_hosts"]),
        **kwargs,
    )


def named_run(
    state: WorkerState,
    *,
    name: str,
    values: dict[str, str | list[str]],
    accept: str | None,
    format_key: str | None,
) -> Reply:
    return named.run(
        state.store,
        name,
        values,
        accept=accept,
        format_key=format_key,
        max_rows=state.context["max_rows"],
        max_bytes=state.context.get("max_bytes", DEFAULT_MAX_BYTES),
        known=state.known,
    )


def named_list(state: WorkerState) -> list[dict]:
    return named.catalogue()


def landing(state: WorkerState, *, lang: str, urls: dict[str, str]) -> bytes:
    from werkagenda.views.landing import landing_html

    return landing_html(
        state.store,
        lang=lang,
        urls=urls,
        nav=nav(state, lang),
        linker=state.site.linker("", lang),
        site=state.site,
    )


def editor(state: WorkerState, *, lang: str) -> bytes:
    return render("editor.html", lang=lang, nav=nav(state, lang, "query"), prefixes=PREFIXES)


def download(state: WorkerState, *, name: str) -> bytes:
    from werkagenda.metadata.downloads import produce

    return produce(state.store, name)


def metadata(state: WorkerState, *, kind: str, format_key: str, site: dict[str, str]) -> Reply:
    """VoID, DCAT or the service description in one RDF format."""
    from werkagenda.metadata.dcat import catalog_graph
    from werkagenda.metadata.description import service_description
    from werkagenda.metadata.stats import Site, collect, themes
    from werkagenda.metadata.void import void_graph

    stats, where = collect(state.store), Site(**site)
    if kind == "sd":
        graph = service_description(stats, where.sparql_url)
    elif kind == "void":
        graph = void_graph(stats, where)
    else:
        from werkagenda.editions.versions import edition_versions

        versions = edition_versions(state.store)
        graph = catalog_graph(stats, where, themes(state.store), versions=versions)
    fmt = neg.by_key(format_key, neg.RDF_FORMATS) or neg.TURTLE
    rdflib_name = {"turtle": "turtle", "ntriples": "nt", "jsonld": "json-ld", "rdf": "xml"}[fmt.key]
    return Reply(200, fmt.content_type, graph.serialize(format=rdflib_name, encoding="utf-8"), {})


def ontology(state: WorkerState, *, format_key: str, lang: str) -> Reply:
    from werkagenda.docs.ontdoc import ontology_html, ontology_triples

    fmt = neg.by_key(format_key, neg.PAGE_FORMATS) or neg.HTML
    if fmt is neg.HTML:
        toggle = state.site.nav(lang, "def")["other_lang"]
        return Reply(200, fmt.content_type, ontology_html(state.store, lang, toggle, "/search"), {})
    return Reply(
        200, fmt.content_type, serialize_triples(ontology_triples(state.store), fmt, PREFIXES), {}
    )


def whatif_page(state: WorkerState, *, reject: list[str], lang: str, agenda: str | None) -> Reply:
    """The page of one funding scenario at `/whatif` (400 when a name is unknown)."""
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


def ping(state: WorkerState) -> int:
    return len(state.store)


JOBS = {
    f.__name__: f
    for f in (
        page,
        deref,
        suggest,
        not_found,
        sparql,
        named_run,
        named_list,
        landing,
        editor,
        download,
        metadata,
        ontology,
        ping,
        whatif_page,
    )
}


def run(state: WorkerState, name: str, kwargs: dict[str, Any]) -> Any:
    """Dispatch one job by name (the pool only sends names from JOBS and explore_jobs.JOBS)."""
    if name in explore_jobs.JOBS:
        return explore_jobs.JOBS[name](state, **kwargs)
    if name not in JOBS:
        raise Refused(400, f"unknown job {name!r}")
    return JOBS[name](state, **kwargs)
