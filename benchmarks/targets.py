"""The issue's performance targets, checked against measured results (reported, not asserted)."""

from __future__ import annotations

Check = tuple[str, str]  # (target with the measured value, verdict)


def _verdict(ok: bool | None) -> str:
    return "not run" if ok is None else "met" if ok else "MISSED"


def evaluate(results: dict[int, dict]) -> list[Check]:
    out: list[Check] = []
    one = results.get(1)
    if one:
        beyond = one.get("build_cli", {}).get("beyond_startup_s")
        out.append(
            (
                f"real data build ≤ 1 s beyond interpreter start-up (measured {_s(beyond)})",
                _verdict(None if beyond is None else beyond <= 1.0),
            )
        )
    worst = None
    for scale, r in sorted(results.items()):
        for name, q in r["queries"].items():
            naive = q.get("naive", {}).get("ms")
            if naive and q.get("ms"):
                ratio = naive / q["ms"]
                if worst is None or ratio < worst[0]:
                    worst = (ratio, name, scale)
    out.append(
        (
            f"each named query ≥ 20× faster than the naive path (slowest ratio "
            f"{'-' if worst is None else f'{worst[0]:.0f}× ({worst[1]} at {worst[2]}×)'})",
            _verdict(None if worst is None else worst[0] >= 20),
        )
    )
    cli = [(s, r.get("cli_query", {}).get("wall_s")) for s, r in sorted(results.items())]
    cli = [(s, v) for s, v in cli if v]
    shown = ", ".join(f"{v:.2f} s at {s}×" for s, v in cli) or "-"
    out.append(
        (
            f"`werkagenda query` end to end ≤ 0.3 s ({shown})",
            _verdict(None if not cli else all(v <= 0.3 for _, v in cli)),
        )
    )
    big = results.get(100)
    if big is None:
        out.append(("100× targets (pipeline ≤ 60 s, memory, queries ≤ 100 ms)", "not run"))
    else:
        total = big.get("build", {}).get("seconds")
        out.append(
            (
                f"100×: load + validate + materialise ≤ 60 s (the build pipeline, store "
                f"written: {_s(total)})",
                _verdict(None if total is None else total <= 60),
            )
        )
        load_mb, query_mb = big["load"].get("peak_mb"), big.get("queries_peak_mb")
        out.append(
            (
                f"100×: peak memory ≤ 2 GB for load ({_mb(load_mb)})",
                _verdict(None if load_mb is None else load_mb <= 2048),
            )
        )
        b = big.get("build", {})
        if b.get("peak_mb") is not None:
            total_mb = b["peak_mb"] + (b.get("worker_peak_mb") or 0) * (b.get("workers") or 0)
            out.append(
                (
                    f"100×: peak memory of the build ≤ 4 GB (main + workers, at most "
                    f"{_mb(total_mb)})",
                    _verdict(total_mb <= 4096),
                )
            )
        val_mb = big["validate_fast"].get("peak_mb")
        out.append(
            (
                f"100×: peak memory ≤ 4 GB for validation ({_mb(val_mb)})",
                _verdict(None if val_mb is None else val_mb <= 4096),
            )
        )
        slowest = max((q.get("ms", 0) for q in big["queries"].values()), default=None)
        out.append(
            (
                f"100×: named queries ≤ 100 ms each (slowest {slowest or 0:.0f} ms)",
                _verdict(None if slowest is None else slowest <= 100),
            )
        )
        if query_mb is not None:
            out.append(
                (
                    f"100×: peak memory ≤ 2 GB for queries ({_mb(query_mb)})",
                    _verdict(query_mb <= 2048),
                )
            )
    out += _server_checks(results)
    return out


def _server_checks(results: dict[int, dict]) -> list[Check]:
    served = [(s, r["serve"]) for s, r in sorted(results.items()) if r.get("serve", {}).get("rows")]
    if not served:
        return [
            (
                "server targets (named query ≥ 0.5× oxigraph req/s; page p99 ≤ 50 ms at 32 "
                "clients)",
                "not run",
            )
        ]
    scale, serve = served[-1]
    rows = {w["workload"].split(":")[0]: w for w in serve["rows"]}
    out = []
    named = rows.get("named")
    failed = bool(named) and not named["oxigraph"]["rps"] and named["oxigraph"]["errors"]
    shown = "-" if not named else f"{named['ratio']:.2f}×"
    if failed:
        shown = "oxigraph failed every request; ours answered all"
    out.append(
        (
            f"server ≥ 0.5× oxigraph serve-read-only req/s for a named query at {scale}× ({shown})",
            _verdict(None if not named else bool(failed) or named["ratio"] >= 0.5),
        )
    )
    page = rows.get("page")
    clients = serve.get("clients")
    p99 = page["werkagenda"]["p99_ms"] if page else None
    note = "" if clients == 32 else f"; measured with {clients} clients, not 32"
    out.append(
        (
            f"resource page p99 ≤ 50 ms under 32 concurrent clients at {scale}× "
            f"({'-' if p99 is None else f'{p99:.0f} ms'}{note})",
            _verdict(None if p99 is None or clients != 32 else p99 <= 50),
        )
    )
    return out


def _s(v: float | None) -> str:
    return "-" if v is None else f"{v:.2f} s"


def _mb(v: float | None) -> str:
    return "-" if v is None else f"{v:.0f} MB"
