"""The change feed, replicated by the real `ldes-client` (npm) from the server and the static site.

The client materialises versions (`--materialize`: a member's triples move onto its
`dct:isVersionOf` object) and keeps the latest version per object; the test replays what
it prints: per object the newest member, tombstones (`as:Delete`) drop the object. The
replica must be isomorphic to the latest edition's graph under edition-neutral IRIs, which
the test derives independently by rewriting `…/id/drenthe/2025` to `…/id/drenthe` in the
N-Triples of that graph read from the compiled store.
"""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import httpx
import pyoxigraph as ox
import pytest
import rdflib
from rdflib.compare import isomorphic

from tests.editions.conftest import HERE, static_server

pytestmark = pytest.mark.server

CLIENT = HERE / "node_modules" / ".bin" / "ldes-client"
ID = "https://w3id.org/iza-werkagenda/id/drenthe"
PROV_TIME = rdflib.URIRef("http://www.w3.org/ns/prov#generatedAtTime")
AS_DELETE = rdflib.URIRef("https://www.w3.org/ns/activitystreams#Delete")


def client_installed() -> None:
    if not CLIENT.exists():
        assert shutil.which("npm"), "npm is needed for the LDES client"
        subprocess.run(["npm", "ci", "--no-audit", "--no-fund"], cwd=HERE, check=True, timeout=600)


def replicate(url: str) -> rdflib.Graph:
    """Run the real ldes-client over the stream at `url`; replay what it emits."""
    client_installed()
    done = subprocess.run(
        [str(CLIENT), url, "--materialize", "--last-version-only"],
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert done.returncode == 0, done.stderr
    latest: dict[rdflib.URIRef, tuple[str, rdflib.Graph]] = {}
    for block in done.stdout.split("\n\n"):
        if not block.strip():
            continue
        member = rdflib.Graph().parse(data=block, format="turtle")  # N-Triples, short numbers
        ((obj, stamp),) = list(member.subject_objects(PROV_TIME))
        if obj not in latest or latest[obj][0] < str(stamp):
            latest[obj] = (str(stamp), member)
    replica = rdflib.Graph()
    for obj, (_, member) in latest.items():
        if (obj, rdflib.RDF.type, AS_DELETE) in member:
            continue
        member.remove((obj, PROV_TIME, None))
        replica += member
    assert len(latest) > 1000, done.stderr
    return replica


@pytest.fixture(scope="module")
def latest_edition(editions_dist: Path) -> rdflib.Graph:
    store = ox.Store.read_only(str(editions_dist / "store"))
    graph = ox.NamedNode(ID + "/2025")
    triples = [
        ox.Triple(q.subject, q.predicate, q.object)
        for q in store.quads_for_pattern(None, None, None, graph)
    ]
    text = ox.serialize(triples, format=ox.RdfFormat.N_TRIPLES).decode("utf-8")
    return rdflib.Graph().parse(data=text.replace(ID + "/2025", ID), format="nt")


def test_replica_from_the_server_is_the_latest_edition(
    editions_server: str, latest_edition: rdflib.Graph
) -> None:
    replica = replicate(editions_server + "feed/")
    assert len(replica) == len(latest_edition)
    assert isomorphic(replica, latest_edition)


def test_replica_from_the_static_site_is_the_latest_edition(
    editions_release: Path, latest_edition: rdflib.Graph
) -> None:
    with static_server(editions_release) as url:
        replica = replicate(url + "feed/index.ttl")
    assert isomorphic(replica, latest_edition)
    assert 'href="feed/index.ttl"' in (editions_release / "index.html").read_text(encoding="utf-8")


def test_feed_pages_headers_and_tombstones(editions_server: str) -> None:
    with httpx.Client(base_url=editions_server, timeout=30) as c:
        root = c.get("/feed/")
        assert root.status_code == 200 and root.headers["content-type"].startswith("text/turtle")
        assert "immutable" not in root.headers["cache-control"]
        g = rdflib.Graph().parse(
            data=root.text, format="turtle", publicID=editions_server + "feed/"
        )
        tree = rdflib.Namespace("https://w3id.org/tree#")
        firsts = sorted(str(n) for n in g.objects(None, tree.node))
        assert firsts == [
            editions_server + "feed/drenthe/2024/0",
            editions_server + "feed/drenthe/2025/0",
        ]
        page = c.get("/feed/drenthe/2025/0")
        assert page.status_code == 200
        assert "immutable" in page.headers["cache-control"]
        etag = page.headers["etag"]
        again = c.get("/feed/drenthe/2025/0", headers={"If-None-Match": etag})
        assert again.status_code == 304 and again.content == b""
        head = c.head("/feed/drenthe/2025/0")
        assert head.headers["content-length"] == str(len(page.content)) and head.content == b""
        members = rdflib.Graph().parse(data=page.text, format="turtle")
        dct = rdflib.Namespace("http://purl.org/dc/terms/")
        deleted = {
            str(members.value(m, dct.isVersionOf))
            for m in members.subjects(rdflib.RDF.type, AS_DELETE)
        }
        assert ID + "/inspanning/ZT-12" in deleted  # edit 1 of next_edition
        changed = {str(o) for o in members.objects(None, dct.isVersionOf)}
        assert {ID + "/inspanning/ZT-13", ID + "/mijlpaal/ZT-10-1", ID + "/doel/ZT-S1-A"} <= changed
        assert ID + "/inspanning/ZT-11" not in changed  # unchanged: no new member
        assert c.get("/feed/drenthe/2031/0").status_code == 404
        landing = c.get("/").text
        assert 'href="/feed/"' in landing
