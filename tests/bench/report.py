"""`make bench`'s report: the numbers, the targets they miss, the table and the JSON file."""

import datetime
import json
import os
import statistics
from pathlib import Path

# Issue 12's targets: reported, not asserted.
RATIO_TARGET = 0.5
WORKER_MB_TARGET = 250
SCAN_MS_TARGET = 1000
PDF_RATIO_TARGET = 3.0


def _median(values):
    values = [value for value in values if value is not None]
    return statistics.median(values) if values else None


def _page(row) -> dict:
    rounds = row.pop("rounds")
    ratios = [
        r["page"]["rps"] / r["baseline"]["rps"] if r["baseline"]["rps"] else None for r in rounds
    ]
    measured = {
        "rps": _median([r["page"]["rps"] for r in rounds]),
        "p50_ms": _median(
            [r["page"]["p50_us"] / 1000 if r["page"]["requests"] else None for r in rounds]
        ),
        "p99_ms": _median(
            [r["page"]["p99_us"] / 1000 if r["page"]["requests"] else None for r in rounds]
        ),
        "baseline_rps": _median([r["baseline"]["rps"] for r in rounds]),
        "ratio": _median(ratios),
        "ratios": ratios,
        "errors": sum(sum(r["page"]["errors"].values()) for r in rounds),
        "requests": sum(r["page"]["requests"] for r in rounds),
    }
    row.update(measured)
    misses = []
    if row["status"] != 200:
        misses.append(f"answered {row['status']}")
    else:
        if row["ratio"] is None or row["ratio"] < RATIO_TARGET:
            misses.append(f"ratio {_fmt(row['ratio'], 3)} < {RATIO_TARGET}")
        target = row.get("target_p50_ms")
        if target and (row["p50_ms"] is None or row["p50_ms"] > target):
            misses.append(f"median {_fmt(row['p50_ms'], 0)} ms > {target:.0f} ms")
        if row["errors"]:
            misses.append(f"{row['errors']} wrk errors")
    row["misses"] = misses
    return row


def build(*, config, setup, rows, absent, workers, pdf, scan, explain, seconds) -> dict:
    pages = [_page(row) for row in rows]
    under = [f"{p['page']}: {', '.join(p['misses'])}" for p in pages if p["misses"]]
    for pid, mb in workers.items():
        if mb > WORKER_MB_TARGET:
            under.append(f"gunicorn worker {pid}: peak RSS {mb:.0f} MB > {WORKER_MB_TARGET} MB")
    if pdf is None:
        under.append("contract PDF: the bench failed")
    elif pdf["ratio"] > PDF_RATIO_TARGET:
        under.append(f"contract PDF: {pdf['ratio']:.2f}× a one-line page > {PDF_RATIO_TARGET}×")
    if scan is None:
        under.append("deadline scan: the bench failed")
    else:
        for size in scan["sizes"]:
            if size["median_ms"] > SCAN_MS_TARGET:
                under.append(
                    f"deadline scan at {size['open']:,} open requests: "
                    f"{size['median_ms']:.0f} ms > {SCAN_MS_TARGET} ms"
                )
        if len({q for size in scan["sizes"] for q in size["queries"]}) > 1:
            under.append("deadline scan: the query count changes with the open requests")
    # The plans' target is for 100,000 requests: on a few thousand rows a sequential scan is
    # what PostgreSQL rightly picks, so a quick run only shows them.
    if explain is not None and explain["exit"] != 0 and config["n"] >= 100_000:
        found = explain["seq_scans"] or [f"explain_pages exited {explain['exit']}"]
        under += [f"EXPLAIN: {line}" for line in found]
    return {
        "date": datetime.datetime.now(datetime.UTC).isoformat(timespec="seconds"),
        "machine": {"cpus": os.cpu_count()},
        "requests_seeded": config["n"],
        "database": config["database"],
        "wrk": {
            "connections": config["connections"],
            "seconds_per_run": config["seconds"],
            "rounds": config["rounds"],
        },
        "gunicorn": {"workers": 2, "worker_class": "sync", "settings": "portal.settings_bench"},
        "users": setup.users,
        "pages": pages,
        "absent_pages": absent,
        "worker_peak_rss_mb": {str(pid): round(mb, 1) for pid, mb in workers.items()},
        "contract_pdf": pdf,
        "deadline_scan": scan,
        "explain": explain,
        "under_target": under,
        "run_seconds": round(seconds),
    }


def _fmt(value, digits=1) -> str:
    if value is None:
        return "–"
    return f"{value:,.{digits}f}"


def table(result) -> str:
    lines = [
        "",
        f"make bench: {result['requests_seeded']:,} requests, gunicorn 2 sync workers, "
        f"wrk -c{result['wrk']['connections']} {result['wrk']['seconds_per_run']} s × "
        f"{result['wrk']['rounds']} rounds against the baseline view",
        "",
        "| page | status | first ms | req/s | p50 ms | p99 ms | baseline req/s | ratio |",
        "|---|---|---|---|---|---|---|---|",
    ]
    for page in result["pages"]:
        mark = " ✗" if page["misses"] else ""
        lines.append(
            f"| {page['page']} | {page['status']} | {_fmt(page.get('first_ms'), 0)} | "
            f"{_fmt(page['rps'])} | "
            f"{_fmt(page['p50_ms'])} | {_fmt(page['p99_ms'])} | "
            f"{_fmt(page['baseline_rps'])} | {_fmt(page['ratio'], 2)}{mark} |"
        )
    lines.append("")
    rss = ", ".join(f"{mb:.0f} MB" for mb in result["worker_peak_rss_mb"].values())
    lines.append(f"gunicorn workers' peak RSS (VmHWM): {rss}")
    pdf = result["contract_pdf"]
    if pdf:
        lines.append(
            f"contract PDF: median {pdf['contract_ms']:.0f} ms, one-line page "
            f"{pdf['minimal_ms']:.0f} ms: {pdf['ratio']:.2f}× ({pdf['rounds']} rounds, interleaved)"
        )
    scan = result["deadline_scan"]
    if scan:
        for size in scan["sizes"]:
            lines.append(
                f"deadline scan: {size['open']:,} open requests, {scan['due']} reminders due: "
                f"median {size['median_ms']:.0f} ms, {', '.join(map(str, size['queries']))} queries"
            )
    explain = result["explain"]
    if explain is not None:
        scans = len(explain["seq_scans"])
        lines.append(
            f"EXPLAIN (tests/bench/explain_pages.py): {scans} main page queries read requests "
            "or invoices sequentially"
            if explain["exit"] in {0, 1}
            else f"EXPLAIN: explain_pages failed (exit {explain['exit']})"
        )
    if result["absent_pages"]:
        lines.append("not there yet (not measured): " + ", ".join(result["absent_pages"]))
    lines.append("")
    if result["under_target"]:
        lines.append("UNDER TARGET:")
        lines += [f"  - {item}" for item in result["under_target"]]
    else:
        lines.append("Every target met.")
    lines.append(f"run took {result['run_seconds'] // 60} min {result['run_seconds'] % 60} s")
    return "\n".join(lines)


def write(result, directory: Path) -> Path:
    directory.mkdir(parents=True, exist_ok=True)
    day = datetime.date.today().isoformat()
    path = directory / f"{day}-n{result['requests_seeded']}.json"
    path.write_text(json.dumps(result, indent=2, ensure_ascii=False) + "\n")
    return path
