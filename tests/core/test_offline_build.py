"""Regression (issue 17, hole 2): `build`/`reason` never fetch what agenda data or shapes name.

A local HTTP server counts every request; an agenda importing it, HermiT handed an import of it
directly, and a shape with `SERVICE` pointing at it must leave the count at zero.
"""

from __future__ import annotations

import http.server
import shutil
import socket
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.conftest import CORE_FIXTURES, MINI_SHAPES
from werkagenda.build import agenda_at, build
from werkagenda.errors import InputError
from werkagenda.reason import hermit

ONTOLOGY = """<https://w3id.org/iza-werkagenda/id/mini/2024> \
<http://www.w3.org/2002/07/owl#imports> <{url}onto> , <file:///etc/passwd> .
"""


def own_address() -> str:
    """This machine's address on its default route (not loopback: the JVM never proxies that)."""
    with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as s:
        try:
            s.connect(("192.0.2.1", 9))  # TEST-NET: no packet is sent for a UDP connect
        except OSError:
            return "127.0.0.1"
        return str(s.getsockname()[0])


@pytest.fixture()
def listener() -> Iterator[tuple[str, list[str]]]:
    hits: list[str] = []
    host = own_address()

    class Count(http.server.BaseHTTPRequestHandler):
        def do_GET(self) -> None:  # noqa: N802 (the standard library's name)
            hits.append(self.path)
            self.send_response(404)
            self.end_headers()

        def log_message(self, *args: object) -> None:
            pass

    server = http.server.ThreadingHTTPServer((host, 0), Count)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://{host}:{server.server_address[1]}/", hits
    finally:
        server.shutdown()
        server.server_close()


@pytest.mark.java
def test_owl_imports_in_agenda_data_are_never_followed(
    tmp_path: Path, listener: tuple[str, list[str]]
) -> None:
    url, hits = listener
    folder = tmp_path / "mini-2024"
    shutil.copytree(CORE_FIXTURES / "mini-2024", folder)
    (folder / "imports.ttl").write_text(ONTOLOGY.format(url=url), encoding="utf-8")
    build(
        dist=tmp_path / "dist", agendas=[agenda_at(folder)], shapes=MINI_SHAPES, reason_check=True
    )
    assert hits == []


@pytest.mark.java
def test_the_jvm_has_no_network(tmp_path: Path, listener: tuple[str, list[str]]) -> None:
    """Even an import that reached HermiT (it does not, see above) cannot be fetched.

    Java never proxies loopback addresses, so the proxy bar covers every other host; loopback
    stays closed only because HermiT's input holds no import at all."""
    url, hits = listener
    if url.startswith("http://127."):
        pytest.skip("no non-loopback address to listen on")
    owl = tmp_path / "o.ttl"
    owl.write_text(
        "<http://example.org/o> a <http://www.w3.org/2002/07/owl#Ontology> ;\n"
        f"  <http://www.w3.org/2002/07/owl#imports> <{url}onto> .\n",
        encoding="utf-8",
    )
    java = shutil.which("java")
    assert java
    with pytest.raises(Exception):  # noqa: B017 (HermiT fails on the unreachable import)
        hermit._run_hermit(java, owl)
    assert hits == []


def test_shacl_sparql_with_service_is_refused(
    tmp_path: Path, listener: tuple[str, list[str]]
) -> None:
    url, hits = listener
    shapes = tmp_path / "shapes.ttl"
    shapes.write_text(
        MINI_SHAPES.read_text(encoding="utf-8")
        + f"""
<urn:x:Remote> a <http://www.w3.org/ns/shacl#NodeShape> ;
  <http://www.w3.org/ns/shacl#targetClass> <https://w3id.org/iza-werkagenda/def#Inspanning> ;
  <http://www.w3.org/ns/shacl#sparql> [
    <http://www.w3.org/ns/shacl#select> "SELECT $this {{ SERVICE <{url}sparql> {{ $this ?p ?o }} }}"
  ] .
""",
        encoding="utf-8",
    )
    with pytest.raises(InputError, match="SERVICE") as caught:
        build(
            dist=tmp_path / "dist", agendas=[agenda_at(CORE_FIXTURES / "mini-2024")], shapes=shapes
        )
    assert "\n" not in str(caught.value) and "Remote" in str(caught.value)
    assert hits == []
