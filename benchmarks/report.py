"""Tables, ratios, scaling exponents and targets for benchmarks/run.py results."""

from __future__ import annotations

import math
from collections.abc import Callable

Row = tuple[str, str, str, str, str]  # what, ours, reference, ratio, note


def fmt_s(seconds: float | None) -> str:
    if seconds is None:
        return "-"
    return f"{seconds * 1000:.0f} ms" if seconds < 1 else f"{seconds:.1f} s"


def fmt_ms(ms: float | None) -> str:
    return "-" if ms is None else (f"{ms:.1f} ms" if ms < 100 else f"{ms:.0f} ms")


def ratio(slow: float | None, fast: float | None, approx: bool = False) -> str:
    if not slow or not fast:
        return "-"
    return f"{'≈ ' if approx else ''}{slow / fast:.1f}×"


def cell(entry: dict, key: str = "seconds", *, ms: bool = False) -> str:
    """A measurement, or why there is none ('skipped: …', '> T s (timed out)'); never 0."""
    if "skipped" in entry:
        return f"skipped: {entry['skipped']}"
    if "why" in entry:
        return entry["why"]
    if "error" in entry:
        return f"failed: {entry['error']} (after {fmt_ms(entry.get('after_ms'))})"
    value = entry.get(key)
    return fmt_ms(value) if ms else fmt_s(value)


def budgeted(entry: dict) -> tuple[str, float | None, bool]:
    """A budgeted run (pySHACL, owlrl, reasonable): text, seconds (maybe extrapolated), approx."""
    if "skipped" in entry or "why" in entry:
        return cell(entry), None, False
    if entry.get("complete"):
        return fmt_s(entry["seconds"]), entry["seconds"], False
    done, total = entry.get("done", 0), entry.get("agendas", 0)
    if not done:
        return f"> {entry['seconds']:.0f} s (timed out before one agenda)", None, False
    estimate = entry["seconds"] / done * total
    return (
        f"> {entry['seconds']:.0f} s (timed out after {done}/{total} agendas; "
        f"≈ {fmt_s(estimate)} extrapolated)",
        estimate,
        True,
    )


def mem(entry: dict) -> str:
    return f"{entry['peak_mb']:.0f} MB" if "peak_mb" in entry else "-"


def scale_rows(r: dict) -> list[Row]:
    rows: list[Row] = []
    load = r["load"]
    rows.append(
        (
            "parse + load store",
            cell(load),
            "",
            "",
            f"peak {mem(load)}; {load.get('quads', 0):,} quads",
        )
    )
    pipeline = r.get("build", {})
    steps = pipeline.get("steps", {})
    workers = pipeline.get("workers")
    rows.append(
        (
            "build pipeline: parse → fast SHACL → materialise → store",
            cell(pipeline),
            "",
            "",
            f"{workers or 'no'} worker processes; peak {mem(pipeline)} main"
            + (f" + {pipeline['worker_peak_mb']:.0f} MB per worker" if workers else "")
            + (f"; writing {fmt_s(steps.get('write'))}" if steps else ""),
        )
    )
    build = r.get("build_cli", {})
    note = (
        f"cold {fmt_s(build.get('cold_s'))}; warm is "
        f"{fmt_s(build.get('beyond_startup_s'))} beyond interpreter start-up"
        if "wall_s" in build
        else ""
    )
    warm = "warm" if build.get("wall_s") != build.get("cold_s") else "cold"
    rows.append((f"`werkagenda build` (CLI, {warm})", cell(build, "wall_s"), "", "", note))
    fast, ref = r["validate_fast"], r["validate_pyshacl"]
    text, seconds, approx = budgeted(ref)
    rows.append(
        (
            "SHACL validation: fast vs pySHACL",
            cell(fast),
            text,
            ratio(seconds, fast.get("seconds"), approx),
            f"peak {mem(fast)} vs {mem(ref)}; {fast.get('violations', '-')} violations",
        )
    )
    ours = r["materialise"]
    for name in ("owlrl", "reasonable"):
        text, seconds, approx = budgeted(r[name])
        rows.append(
            (
                f"materialise: SPARQL rules vs {name}",
                cell(ours),
                text,
                ratio(seconds, ours.get("seconds"), approx),
                agreement(ours, r[name]),
            )
        )
    for name, q in sorted(r["queries"].items()):
        naive = q.get("naive", {})
        rows.append(
            (
                f"query {name}",
                fmt_ms(q.get("ms")),
                cell(naive, "ms", ms=True),
                ratio(naive.get("ms"), q.get("ms")),
                f"{q.get('rows', '-')} rows; naive rdflib",
            )
        )
    cli = r.get("cli_query", {})
    rows.append(
        (
            f"`werkagenda query {cli.get('query', '')}` end to end",
            cell(cli, "wall_s"),
            "",
            "",
            f"interpreter start-up {fmt_s(cli.get('startup_s'))}",
        )
    )
    rows += _serve_rows(r.get("serve", {}))
    for server in ("oxigraph", "virtuoso"):
        rows += _remote_rows(server, r.get(server, {}), r["queries"])
    return rows


def agreement(ours: dict, theirs: dict) -> str:
    """Do both give the same number of defined-class memberships on the agendas both did?"""
    mine, other = ours.get("per_agenda", {}), theirs.get("per_agenda", {})
    both = [g for g in other if g in mine]
    if not both:
        return f"{ours.get('memberships', '-')} memberships"
    a, b = sum(mine[g] for g in both), sum(other[g] for g in both)
    verdict = "same" if a == b else "DIFFERENT"
    return f"memberships on {len(both)} agenda(s): {a} vs {b} ({verdict})"


def _serve_rows(serve: dict) -> list[Row]:
    if "skipped" in serve or not serve:
        return [
            (
                "server vs oxigraph serve-read-only",
                f"skipped: {serve.get('skipped', '?')}",
                "",
                "",
                "",
            )
        ]
    rows = []
    for w in serve.get("rows", []):
        a, b = w["werkagenda"], w["oxigraph"]
        failed = not b["rps"] and b["errors"]
        shown = f"{w['ratio']:.2f}×" if not failed else "∞ (reference failed)"
        rows.append(
            (
                f"server {w['workload']} ({serve['clients']} clients)",
                f"{a['rps']:.0f} req/s p50 {a['p50_ms']:.0f} p99 {a['p99_ms']:.0f} ms",
                f"{b['rps']:.0f} req/s p50 {b['p50_ms']:.0f} p99 {b['p99_ms']:.0f} ms"
                if not failed
                else f"all {b['errors']} requests failed (30 s client time-out)",
                shown,
                f"errors {a['errors']}/{b['errors']}; ours ÷ oxigraph",
            )
        )
    return rows


def _remote_rows(server: str, data: dict, embedded: dict) -> list[Row]:
    if "skipped" in data or not data:
        return [
            (f"{server}: load + named queries", f"skipped: {data.get('skipped', '?')}", "", "", "")
        ]
    rows = [
        (
            f"{server}: bulk load",
            fmt_s(data.get("load_s")),
            "",
            "",
            f"{data.get('quads', 0):,} quads; {data.get('loader', '')}",
        )
    ]
    push = data.get("push")
    if push:
        rows.append(
            (
                f"{server}: `werkagenda push` real agenda (verified)",
                fmt_s(push.get("seconds")) if "seconds" in push else f"failed: {push['error']}",
                "",
                "",
                f"{push.get('triples', '-')} triples",
            )
        )
    queries = data.get("queries", {})
    if "error" in queries:
        return rows + [(f"{server}: named queries", queries["error"], "", "", "")]
    for name, q in sorted(queries.items()):
        mine = embedded.get(name, {}).get("ms")
        text = fmt_ms(q["ms"]) if "ms" in q else f"failed: {q.get('error')}"
        rows.append(
            (
                f"{server}: query {name}",
                fmt_ms(mine),
                text,
                ratio(q.get("ms"), mine),
                "SPARQLWrapper ÷ embedded",
            )
        )
    return rows


def table(title: str, rows: list[Row]) -> str:
    head = ("measurement", "ours", "reference", "ratio", "note")
    widths = [max(len(x[i]) for x in [head, *rows]) for i in range(5)]
    widths = [min(w, 60) for w in widths]
    line = lambda x: " | ".join(v[:60].ljust(w) for v, w in zip(x, widths, strict=True))  # noqa: E731
    return "\n".join([title, line(head), "-+-".join("-" * w for w in widths), *map(line, rows)])


def slope(points: list[tuple[float, float]]) -> float | None:
    """Least-squares slope of log(cost) against log(scale): 1.0 is linear."""
    pts = [(math.log(s), math.log(c)) for s, c in points if s > 0 and c and c > 0]
    if len(pts) < 2 or len({x for x, _ in pts}) < 2:
        return None
    mx, my = sum(x for x, _ in pts) / len(pts), sum(y for _, y in pts) / len(pts)
    return sum((x - mx) * (y - my) for x, y in pts) / sum((x - mx) ** 2 for x, _ in pts)


METRICS: dict[str, Callable[[dict], float | None]] = {
    "build pipeline (s)": lambda r: r.get("build", {}).get("seconds"),
    "parse + load (s)": lambda r: r["load"].get("seconds"),
    "parse + load peak (MB)": lambda r: r["load"].get("peak_mb"),
    "fast validation (s)": lambda r: r["validate_fast"].get("seconds"),
    "fast validation peak (MB)": lambda r: r["validate_fast"].get("peak_mb"),
    "materialisation (s)": lambda r: r["materialise"].get("seconds"),
    "slowest named query (ms)": lambda r: max(
        (q.get("ms", 0) for q in r["queries"].values()), default=None
    ),
    "`werkagenda query` end to end (s)": lambda r: r.get("cli_query", {}).get("wall_s"),
}


def exponents(results: dict[int, dict]) -> dict[str, float | None]:
    return {
        name: slope([(s, get(r)) for s, r in sorted(results.items())])
        for name, get in METRICS.items()
    }


def markdown(title: str, rows: list[Row]) -> str:
    """The same table as Markdown (for README), pipes in cells escaped."""
    esc = lambda v: v.replace("|", "\\|")  # noqa: E731
    head = "| measurement | ours | reference | ratio | note |\n|---|---|---|---|---|"
    return "\n".join(
        [f"**{title}**", "", head, *("| " + " | ".join(map(esc, r)) + " |" for r in rows)]
    )


def main() -> None:
    """`python benchmarks/report.py results/X.json`: the tables of a finished run as Markdown."""
    import json
    import sys
    from pathlib import Path

    from targets import evaluate

    doc = json.loads(Path(sys.argv[1]).read_text(encoding="utf-8"))
    results = {int(k): v for k, v in doc["scales"].items()}
    m = doc["machine"]
    print(
        f"Machine: {m.get('cpu')}, {m['cpus']} cores, {m.get('memory')}, Python {m['python']}, "
        f"pyoxigraph {m.get('pyoxigraph')}; load average at start {m['load_average'][0]:.1f}.\n"
    )
    for scale, r in sorted(results.items()):
        title = f"{scale}× — {scale} agenda(s), {r['quads']:,} quads"
        print(markdown(title, scale_rows(r)) + "\n")
    print("| cost | scaling exponent |\n|---|---|")
    for name, value in exponents(results).items():
        print(f"| {name} | {'-' if value is None else f'{value:.2f}'} |")
    print("\n| target | verdict |\n|---|---|")
    for text, verdict in evaluate(results):
        print(f"| {text} | {verdict} |")


if __name__ == "__main__":
    main()
