"""Looking up a pre-rendered page: the table layouts of `pages.sqlite`, side by side.

Every uncached page request does one lookup in the one server process (`serve.prebuilt`);
py-spy put a sixth of that process's samples in `PrebuiltPages.row` once the protocol answered
pages itself (`serve.fast_connection`). This copies the pages of a store into each layout and
times the lookup `PrebuiltPages.row` would do, in a random order of HTML pages (median of
`--runs` passes, µs a lookup, the key's hash included), with the ratio to the first layout:

- `unique-index`: (iri, variant) under a UNIQUE index (the schema `serve.prebuilt` writes);
- `without-rowid`: the same key as a WITHOUT ROWID primary key;
- `hash-rowid`: the rowid is 64 bits of a hash of (iri, variant), one B-tree search;
- `hash-rowid-16k`: the same with 16 KiB database pages.

On the real agenda (`results/20261207-pages-lookup-1x.txt`) the hashed rowid is no faster
(4.2 against 4.1 µs; 4.2 against 4.3 in a first run): a lookup's time is Python's call into
sqlite3 and the copy of the row, not the search, so the schema stays as it is.

    python benchmarks/pages_lookup_bench.py --store dist/store
"""

from __future__ import annotations

import argparse
import hashlib
import random
import sqlite3
import statistics
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def page_key(iri: str, variant: str) -> int:
    """A rowid for a page: 64 bits of SHA-256 of (IRI, variant), signed as SQLite's."""
    digest = hashlib.sha256(f"{iri}\0{variant}".encode()).digest()
    return int.from_bytes(digest[:8], "big", signed=True)


Row = tuple[str, str, str, bytes]
COLUMNS = "iri TEXT NOT NULL, variant TEXT NOT NULL, etag TEXT NOT NULL, body BLOB NOT NULL"
# name: (table, page size, lookup, row as stored, lookup parameters)
LAYOUTS: dict[str, tuple[str, int, str, Callable[[Row], tuple], Callable[[str, str], tuple]]] = {
    "unique-index": (
        f"CREATE TABLE pages ({COLUMNS}, UNIQUE (iri, variant))",
        4096,
        "SELECT etag, body FROM pages WHERE iri = ? AND variant = ?",
        lambda r: r,
        lambda i, v: (i, v),
    ),
    "without-rowid": (
        f"CREATE TABLE pages ({COLUMNS}, PRIMARY KEY (iri, variant)) WITHOUT ROWID",
        4096,
        "SELECT etag, body FROM pages WHERE iri = ? AND variant = ?",
        lambda r: r,
        lambda i, v: (i, v),
    ),
    "hash-rowid": (
        f"CREATE TABLE pages (id INTEGER PRIMARY KEY, {COLUMNS})",
        4096,
        "SELECT iri, variant, etag, body FROM pages WHERE id = ?",
        lambda r: (page_key(r[0], r[1]), *r),
        lambda i, v: (page_key(i, v),),
    ),
}
table, _, *rest = LAYOUTS["hash-rowid"]
LAYOUTS["hash-rowid-16k"] = (table, 16384, *rest)  # the same with 16 KiB database pages


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--store", type=Path, default=ROOT / "dist" / "store")
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--lookups", type=int, default=50_000)
    args = parser.parse_args()
    source = sqlite3.connect(f"file:{args.store / 'pages.sqlite'}?mode=ro", uri=True)
    rows: list[Row] = source.execute("SELECT iri, variant, etag, body FROM pages").fetchall()
    source.close()
    keys = [(r[0], r[1]) for r in rows if r[1].startswith("html")]
    order = random.Random(1).choices(keys, k=args.lookups)
    print(f"{len(rows):,} page variants; {args.lookups:,} lookups of HTML pages, random order")
    print(f"µs a lookup, median of {args.runs} passes; ratio = unique-index ÷ layout")
    first = None
    with tempfile.TemporaryDirectory() as folder:
        for name, (table, page_size, sql, stored, asked) in LAYOUTS.items():
            path = Path(folder) / f"{name}.sqlite"
            db = sqlite3.connect(path)
            db.execute(f"PRAGMA page_size={page_size}")
            db.execute(table)
            marks = ", ".join("?" * len(stored(rows[0])))
            db.executemany(f"INSERT INTO pages VALUES ({marks})", map(stored, rows))
            db.commit()
            db.execute("VACUUM")
            db.close()
            db = sqlite3.connect(f"file:{path}?mode=ro&immutable=1", uri=True)
            for iri, variant in order[:2000]:  # warm: the file in the OS cache, as served
                db.execute(sql, asked(iri, variant)).fetchone()
            times = []
            for _ in range(args.runs):
                started = time.perf_counter()
                for iri, variant in order:
                    assert db.execute(sql, asked(iri, variant)).fetchone() is not None
                times.append((time.perf_counter() - started) / len(order) * 1e6)
            db.close()
            us = statistics.median(times)
            first = first or us
            size = path.stat().st_size / 1e6
            print(f"{name:16s} {us:6.2f} µs ({first / us:4.2f}×)  file {size:6.1f} MB")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
