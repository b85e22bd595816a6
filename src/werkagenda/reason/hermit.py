"""OWL consistency check and classification of ontology + one agenda with HermiT (owlready2).

owlready2 is imported lazily, only when HermiT really runs: `werkagenda --help`, `validate`
and the query path never load it or start Java.

We load the triples into a fresh owlready2 World and hand HermiT owlready2's N-Triples
export, as `owlready2.sync_reasoner` does, but run HermiT with `-c -I` (classes +
instances) rather than sync_reasoner's fixed `-c -O -D -I`: classifying the data
properties (`-D`) alone takes minutes on this ABox, and we need neither property
hierarchy. xsd:gYear and xsd:gYearMonth are outside OWL 2's datatype map, so HermiT runs
with `--ignoreUnsupportedDatatypes` (the switch behind sync_reasoner's
`ignore_unsupported_datatypes=True`): literals of those types are ignored, not rejected.
"""

from __future__ import annotations

import hashlib
import json
import re
import shutil
import subprocess
import tempfile
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pyoxigraph as ox

from werkagenda.errors import InternalError, NonConformantError
from werkagenda.rdf.atomic import write_text
from werkagenda.reason.diagnose import disjoint_clashes
from werkagenda.reason.materialise import DEFINED_CLASSES, Memberships

CACHE_NAME = "hermit-cache.json"
CACHE_VERSION = "hermit -c -I --ignoreUnsupportedDatatypes; file bytes; v2"
TIMEOUT = 900  # seconds for one HermiT run
JAVA_MISSING = (
    "HermiT needs Java (java not found on PATH); install a JDK 11+ "
    "(e.g. `apt-get install -y openjdk-17-jre-headless`) or build with --no-reason-check"
)
_LINE = re.compile(r"^(SubClassOf|EquivalentClasses|Type)\( ((?:<[^>]+>\s*)+)\)$", re.MULTILINE)


class InconsistentError(NonConformantError):
    """The ontology plus the agenda is inconsistent; the message names the resources."""


@dataclass(frozen=True)
class Classification:
    """HermiT's verdict on one agenda: consistent, with the members of each defined class."""

    memberships: Memberships
    digest: str
    cached: bool


PR_SET_PDEATHSIG = 1  # linux/prctl.h
IMPORTS = ox.NamedNode("http://www.w3.org/2002/07/owl#imports")
# The JVM gets no network: every proxy points at a closed loopback port and no host bypasses it
# (Java's defaults exempt localhost, hence the explicit non-proxy lists).
_DENY = ("-D{0}.proxyHost=127.0.0.1", "-D{0}.proxyPort=9")
NO_NETWORK = (
    *(d.format(p) for p in ("http", "https", "ftp") for d in _DENY),
    "-DsocksProxyHost=127.0.0.1",
    "-DsocksProxyPort=9",
    "-Dhttp.nonProxyHosts=none.invalid",
    "-Dftp.nonProxyHosts=none.invalid",
    "-DsocksNonProxyHosts=none.invalid",
    "-Djava.net.useSystemProxies=false",
)


def content_digest(quads: list[ox.Quad]) -> str:
    """SHA-256 of the triples' N-Triples lines, sorted: a hash of bytes, never of a canonical
    form (canonicalising deep blank-node chains explodes); a re-parse renames blank nodes, so
    in-memory quads with blank nodes may miss the cache."""
    lines = sorted(str(ox.Triple(q.subject, q.predicate, q.object)) for q in quads)
    digest = hashlib.sha256(CACHE_VERSION.encode())
    for line in lines:
        digest.update(line.encode() + b"\n")
    return digest.hexdigest()


def file_fingerprint(paths: list[Path]) -> str:
    """SHA-256 of the files' names and bytes: the cache key when the quads come from files."""
    digest = hashlib.sha256(CACHE_VERSION.encode())
    for path in sorted(paths):
        digest.update(f"\0{path.name}\0{path.stat().st_size}\0".encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()


def classify(
    quads: list[ox.Quad] | Callable[[], list[ox.Quad]],
    *,
    key: str = "",
    cache_dir: Path | None = None,
    short: Callable[[str], str] = lambda iri: f"<{iri}>",
    fingerprint: str | None = None,
) -> Classification:
    """Check ontology + agenda quads for consistency and return the defined-class members.

    With `cache_dir`, a previous successful check of identical input (same key under `key`)
    is reused without starting Java. The key is `fingerprint` (of the bytes of the files the
    quads come from) when given, so an unchanged agenda is not even parsed and `quads` may be
    a function that parses them only when needed; else `content_digest` of the quads.
    Raises InconsistentError naming the clashing resources, or InternalError when Java is
    missing or HermiT fails.
    """
    cache = _Cache(cache_dir / CACHE_NAME) if cache_dir is not None else None
    if fingerprint is None:
        quads = quads() if callable(quads) else quads
    digest = fingerprint or content_digest(quads)  # type: ignore[arg-type]
    if cache is not None and (members := cache.get(key, digest)) is not None:
        return Classification(members, digest, cached=True)
    quads = quads() if callable(quads) else quads
    java = shutil.which("java")
    if java is None:
        raise InternalError(JAVA_MISSING)
    with tempfile.TemporaryDirectory(prefix="werkagenda-hermit-") as tmp:
        owl_input = _owlready2_export(quads, Path(tmp))
        ok, output = _run_hermit(java, owl_input)
        if not ok:
            raise InconsistentError(_explain(quads, java, owl_input, short))
    memberships = parse_memberships(output)
    if cache is not None:
        cache.put(key, digest, memberships)
    return Classification(memberships, digest, cached=False)


def parse_memberships(output: str) -> Memberships:
    """Members of each defined class from HermiT's `-c -I` output (subclasses included)."""
    supers: dict[str, set[str]] = defaultdict(set)
    types: dict[str, set[str]] = defaultdict(set)
    for kind, iris in _LINE.findall(output):
        names = re.findall(r"<([^>]+)>", iris)
        if kind == "SubClassOf":
            supers[names[0]].add(names[1])
        elif kind == "EquivalentClasses":
            for a in names:
                supers[a].update(n for n in names if n != a)
        else:
            types[names[0]].add(names[1])
    found: dict[str, set[str]] = {cls: set() for cls in DEFINED_CLASSES}
    for individual, classes in types.items():
        for cls in set().union(*(_ancestors(supers, c) for c in classes)):
            if cls in found:
                found[cls].add(individual)
    return {cls: frozenset(members) for cls, members in found.items()}


def _ancestors(supers: dict[str, set[str]], cls: str) -> set[str]:
    """`cls` and every class above it."""
    seen, todo = {cls}, [cls]
    while todo:
        for parent in supers.get(todo.pop(), ()):
            if parent not in seen:
                seen.add(parent)
                todo.append(parent)
    return seen


def _owlready2_export(quads: list[ox.Quad], folder: Path) -> Path:
    """Load the triples into a fresh owlready2 World and export N-Triples for HermiT.

    `owl:imports` is dropped: the ontology comes from local files already, and an import in
    agenda data (`<http://127.0.0.1:…>`, `<file:///etc/passwd>`) is never followed.
    """
    import owlready2  # lazy: pulls in its quadstore; only the reasoning path needs it

    source = folder / "input.nt"
    triples = (ox.Triple(q.subject, q.predicate, q.object) for q in quads if q.predicate != IMPORTS)
    ox.serialize(triples, str(source), format=ox.RdfFormat.N_TRIPLES)
    world = owlready2.World()
    try:
        world.get_ontology(source.as_uri()).load(format="ntriples")
        target = folder / "owlready2.nt"
        world.save(str(target), format="ntriples")
    except Exception as e:  # owlready2 raises plain exceptions on input it cannot take
        raise InternalError(f"owlready2 could not load the ontology + agenda: {e}") from e
    finally:
        world.close()
    return target


def die_with_parent() -> None:
    """In a child before exec (Linux): SIGKILL it when its parent dies, so a killed build
    never leaves a HermiT JVM behind. Elsewhere a no-op."""
    import ctypes
    import ctypes.util
    import signal

    name = ctypes.util.find_library("c")
    if name is not None:
        ctypes.CDLL(name, use_errno=True).prctl(PR_SET_PDEATHSIG, signal.SIGKILL)


def _classpath(tool: str) -> str:
    import owlready2.reasoning as r  # the jars owlready2 ships (HermiT, Pellet)

    return r._HERMIT_CLASSPATH if tool == "hermit" else r._PELLET_CLASSPATH


def _java(java: str, args: list[str], timeout: int = TIMEOUT) -> subprocess.CompletedProcess[str]:
    import owlready2.reasoning as r

    command = [java, f"-Xmx{r.JAVA_MEMORY}M", *NO_NETWORK, *args]
    try:
        return subprocess.run(
            command,
            capture_output=True,
            text=True,
            timeout=timeout,
            check=False,
            preexec_fn=die_with_parent,
        )
    except FileNotFoundError:
        raise InternalError(JAVA_MISSING) from None
    except (OSError, subprocess.TimeoutExpired) as e:
        raise InternalError(f"HermiT could not run: {e}") from None


def _run_hermit(java: str, owl_input: Path) -> tuple[bool, str]:
    """(consistent, stdout) of `HermiT -c -I`; raises InternalError if Java itself fails."""
    args = [
        "-cp",
        _classpath("hermit"),
        "org.semanticweb.HermiT.cli.CommandLine",
        "-c",
        "-I",
        "--ignoreUnsupportedDatatypes",
        owl_input.as_uri(),
    ]
    done = _java(java, args)
    if done.returncode == 0:
        return True, done.stdout
    if "InconsistentOntologyException" in done.stderr or "Inconsistent ontology" in done.stderr:
        return False, done.stdout
    lines = [ln.strip() for ln in done.stderr.splitlines() if ln.strip()]
    if any(
        "UnsupportedClassVersionError" in ln or "Could not create the Java" in ln for ln in lines
    ):
        raise InternalError(
            "HermiT needs Java 11+ and the java on PATH could not start it; "
            + JAVA_MISSING.split("; ", 1)[1]
        )
    raise InternalError(
        f"HermiT failed (java exit {done.returncode}): {lines[0] if lines else 'no output'}"
    )


def _explain(quads: list[ox.Quad], java: str, owl_input: Path, short: Callable[[str], str]) -> str:
    """Name the offending resources: disjointness clashes, else Pellet's explanation."""
    clashes = disjoint_clashes(quads)
    head = "the ontology plus the agenda is inconsistent (HermiT)"
    if clashes:
        lines = [c.sentence(short) for c in clashes[:20]]
        more = f"\n  … and {len(clashes) - 20} more" if len(clashes) > 20 else ""
        return head + ":\n  " + "\n  ".join(lines) + more
    args = [
        "-cp",
        _classpath("pellet"),
        "pellet.Pellet",
        "explain",
        "--ignore-imports",
        str(owl_input),
    ]
    try:
        done = _java(java, args, timeout=300)
        text = done.stdout.split("Explanation(s):", 1)[-1].strip()
    except InternalError:
        text = ""
    return head + (
        ":\n" + text[:3000]
        if text
        else "; no disjointness clash found and Pellet gave no explanation"
    )


class _Cache:
    """dist/hermit-cache.json: {agenda key: {digest, memberships}} of the last
    clean check."""

    def __init__(self, path: Path) -> None:
        self.path = path

    def _read(self) -> dict:
        try:
            return json.loads(self.path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return {}

    def get(self, key: str, digest: str) -> Memberships | None:
        entry = self._read().get(key)
        if not entry or entry.get("digest") != digest:
            return None
        return _memberships(entry)

    def put(self, key: str, digest: str, memberships: Memberships) -> None:
        data = self._read()
        data[key] = {
            "digest": digest,
            "memberships": {c: sorted(m) for c, m in memberships.items()},
        }
        write_text(self.path, json.dumps(data, indent=2, sort_keys=True))


def _memberships(entry: dict) -> Memberships:
    return {cls: frozenset(entry["memberships"].get(cls, [])) for cls in DEFINED_CLASSES}
