"""Decompressing the pre-rendered pages: stdlib zlib beside zlib-ng (and isal, if installed).

A client that does not accept gzip gets each page decompressed in the server process, the
one process that answers every page (`serve.prebuilt`); py-spy put a sixth of that
process's samples in `PrebuiltPages.answer` under the uncached HTML workload. This times
`decompress(body, 31)` of every pre-rendered page of a store, per variant (median of
`--runs` passes, µs a page) and prints each library's ratio to stdlib zlib.

    python benchmarks/gunzip_bench.py --store dist/store
"""

from __future__ import annotations

import argparse
import sqlite3
import statistics
import time
import zlib
from collections.abc import Callable
from pathlib import Path

from zlib_ng import zlib_ng


def _libraries() -> dict[str, Callable[[bytes, int], bytes]]:
    found: dict[str, Callable[[bytes, int], bytes]] = {
        "zlib": zlib.decompress,
        "zlib-ng": zlib_ng.decompress,
    }
    try:  # not a dependency: measured when present
        from isal import isal_zlib

        found["isal"] = isal_zlib.decompress
    except ImportError:
        pass
    return found


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--store", type=Path, default=Path("dist/store"))
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    db = sqlite3.connect(f"file:{args.store / 'pages.sqlite'}?mode=ro", uri=True)
    by_variant: dict[str, list[bytes]] = {}
    for variant, body in db.execute("SELECT variant, body FROM pages"):
        by_variant.setdefault(variant, []).append(body)
    libraries = _libraries()
    print(f"µs a page, median of {args.runs} passes; ratio = zlib ÷ library")
    names = " ".join(f"{n:>14s}" for n in libraries)
    print(f"{'variant':10s} {'pages':>6s} {'bytes':>7s} {names}")
    for variant, bodies in sorted(by_variant.items()):
        expected = [zlib.decompress(b, 31) for b in bodies]
        cells = []
        for name, decompress in libraries.items():
            assert [decompress(b, 31) for b in bodies] == expected, name  # same bytes
            times = []
            for _ in range(args.runs):
                started = time.perf_counter()
                for b in bodies:
                    decompress(b, 31)
                times.append((time.perf_counter() - started) / len(bodies) * 1e6)
            cells.append(statistics.median(times))
        size = statistics.mean(len(e) for e in expected)
        shown = " ".join(f"{c:6.1f} ({cells[0] / c:4.2f}×)" for c in cells)
        print(f"{variant:10s} {len(bodies):6d} {size:7.0f} {shown}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
