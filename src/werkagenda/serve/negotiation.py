"""Content negotiation: which media types we speak, and which one a request's Accept picks."""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache


@dataclass(frozen=True)
class Format:
    """One representation: canonical media type, file suffix, aliases accepted in Accept."""

    key: str
    media_type: str
    suffix: str
    aliases: tuple[str, ...] = ()
    names: tuple[str, ...] = ()  # what ?format= may say (SPARQLWrapper sends format=xml etc.)

    @property
    def content_type(self) -> str:
        textual = self.media_type.startswith("text/") or self.media_type.endswith("xml")
        return f"{self.media_type}; charset=utf-8" if textual else self.media_type


HTML = Format("html", "text/html", ".html", ("application/xhtml+xml",))
TURTLE = Format(
    "turtle", "text/turtle", ".ttl", ("application/x-turtle", "application/turtle"), ("ttl", "n3")
)
NTRIPLES = Format("ntriples", "application/n-triples", ".nt", ("text/plain",), ("n-triples",))
JSONLD = Format(
    "jsonld", "application/ld+json", ".jsonld", ("application/x-json+ld",), ("json-ld", "json")
)
RDFXML = Format(
    "rdf",
    "application/rdf+xml",
    ".rdf",
    ("application/xml", "text/xml"),
    ("xml", "rdfxml", "rdf/xml"),
)

RDF_FORMATS = (TURTLE, NTRIPLES, JSONLD, RDFXML)
PAGE_FORMATS = (HTML, *RDF_FORMATS)

RESULTS_JSON = Format(
    "json", "application/sparql-results+json", ".srj", ("application/json",), ("json",)
)
RESULTS_XML = Format(
    "xml", "application/sparql-results+xml", ".srx", ("application/xml", "text/xml"), ("xml",)
)
RESULTS_CSV = Format("csv", "text/csv", ".csv")
RESULTS_TSV = Format("tsv", "text/tab-separated-values", ".tsv")
RESULT_FORMATS = (RESULTS_JSON, RESULTS_XML, RESULTS_CSV, RESULTS_TSV)

# Graph results may also be asked for as JSON (JSON-LD is JSON).
GRAPH_FORMATS = (
    TURTLE,
    NTRIPLES,
    Format(
        "jsonld", JSONLD.media_type, ".jsonld", (*JSONLD.aliases, "application/json"), JSONLD.names
    ),
    RDFXML,
)


def parse_accept(header: str | None) -> list[tuple[str, float]]:
    """Media ranges with their quality, best first; a missing header means `*/*`.

    >>> parse_accept("text/turtle;q=0.5, text/html")
    [('text/html', 1.0), ('text/turtle', 0.5)]
    """
    ranges: list[tuple[str, float, int]] = []
    for i, part in enumerate((header or "*/*").split(",")):
        bits = [b.strip() for b in part.split(";")]
        media = bits[0].lower()
        if not media:
            continue
        q = 1.0
        for param in bits[1:]:
            name, _, value = param.partition("=")
            if name.strip().lower() == "q":
                try:
                    q = max(0.0, min(1.0, float(value)))
                except ValueError:
                    q = 0.0
        ranges.append((media, q, i))
    ranges.sort(key=lambda r: (-r[1], -_specificity(r[0]), r[2]))
    return [(m, q) for m, q, _ in ranges]


def _specificity(media: str) -> int:
    return 0 if media == "*/*" else 1 if media.endswith("/*") else 2


MEMO_ACCEPT = 512  # longer Accept headers are negotiated each time, never kept


def choose(accept: str | None, offered: tuple[Format, ...]) -> Format | None:
    """The offered format the client likes best (ties go to the order of `offered`).

    Pure, so memoised: clients send few distinct Accept headers. Only short ones are kept
    (at most 1024 of `MEMO_ACCEPT` characters), so the memo stays small in bytes.

    >>> choose("application/ld+json", RDF_FORMATS).key
    'jsonld'
    >>> choose("image/png", RDF_FORMATS) is None
    True
    """
    if accept is not None and len(accept) > MEMO_ACCEPT:
        return _choose(accept, offered)
    return _memo_choose(accept, offered)


def _choose(accept: str | None, offered: tuple[Format, ...]) -> Format | None:
    best: tuple[float, int, Format] | None = None
    ranges = parse_accept(accept)
    for rank, fmt in enumerate(offered):
        q = _quality(fmt, ranges)
        if q > 0 and (best is None or q > best[0] or (q == best[0] and rank < best[1])):
            best = (q, rank, fmt)
    return best[2] if best else None


_memo_choose = lru_cache(maxsize=1024)(_choose)


def _quality(fmt: Format, ranges: list[tuple[str, float]]) -> float:
    names = (fmt.media_type, *fmt.aliases)
    exact = [q for m, q in ranges if m in names]
    if exact:
        return max(exact)
    major = fmt.media_type.split("/")[0] + "/*"
    for wildcard in (major, "*/*"):  # the most specific range decides: text/*;q=0 beats */*
        found = [q for m, q in ranges if m == wildcard]
        if found:
            return max(found)
    return 0.0


def by_key(key: str, offered: tuple[Format, ...]) -> Format | None:
    """A format by its short name (`?format=ttl`), suffix or media type."""
    key = key.lower().lstrip(".")
    for fmt in offered:
        if key in (fmt.key, fmt.suffix.lstrip("."), fmt.media_type, *fmt.aliases, *fmt.names):
            return fmt
    return None


def split_suffix(
    path: str, offered: tuple[Format, ...] = PAGE_FORMATS
) -> tuple[str, Format | None]:
    """`treant.ttl` -> ("treant", TURTLE); unknown or no suffix -> (path, None)."""
    for fmt in offered:
        if path.endswith(fmt.suffix) and len(path) > len(fmt.suffix):
            return path[: -len(fmt.suffix)], fmt
    return path, None


def listing(offered: tuple[Format, ...]) -> str:
    """Human-readable list of what we offer, for 406 answers."""
    return ", ".join(f"{f.media_type} ({f.suffix})" for f in offered)
