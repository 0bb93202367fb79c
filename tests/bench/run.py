"""`make bench`: every page against a minimal baseline view, the contract PDF, the deadline scan.

    make bench            # N=100000 requests
    make bench N=1000     # a quick run

1. The bench database (``BENCH_DB``; default ``portal_bench``, or ``portal_bench_<N>``) is
   created when missing, migrated and filled by ``seed_scale --requests N``, which adds only
   what is missing: a database that already holds N requests is reused as it is.
2. gunicorn serves it with 2 sync workers, DEBUG off and ``portal.settings_bench`` (the
   production settings plus ``/bench/baseline/``) on a free loopback port.
3. Each role is logged in (``tests.bench.pages``), every page is checked once (it must answer
   200), then wrk drives each page and the baseline in turn at a fixed concurrency for a
   fixed time, three rounds, with the same session: each page's ratio is its throughput over
   the baseline's measured right beside it.
4. The workers' peak RSS, the contract PDF against a one-line page and one deadline scan
   (each in its own throwaway test database, removed afterwards) complete the report:
   a table on stdout and ``bench/results/<date>-n<N>.json``.

Settings from the environment: BENCH_N, BENCH_DB, BENCH_PG_URL (any database on the server:
only its host, port and user are used), BENCH_REDIS_URL, BENCH_SECONDS (per wrk run, 2),
BENCH_ROUNDS (3), BENCH_CONNECTIONS (4), BENCH_PDF_ROUNDS (15).
"""

import json
import os
import signal
import socket
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

from tests.bench import report

BASE_DIR = Path(__file__).resolve().parents[2]
PYTHON = sys.executable
GUNICORN = str(Path(sys.executable).with_name("gunicorn"))
LUA = str(Path(__file__).with_name("latency.lua"))
HEADERS = {"X-Forwarded-Proto": "https"}  # as the production proxy says it


def _config() -> dict:
    n = int(os.environ.get("BENCH_N") or 100_000)
    name = os.environ.get("BENCH_DB") or ("portal_bench" if n == 100_000 else f"portal_bench_{n}")
    server = urlsplit(os.environ.get("BENCH_PG_URL") or "postgres://postgres@127.0.0.1:5432/portal")
    return {
        "n": n,
        "database": name,
        "server_url": server,
        "database_url": urlunsplit(server._replace(path=f"/{name}")),
        "redis_url": os.environ.get("BENCH_REDIS_URL") or "redis://127.0.0.1:6379/0",
        "seconds": int(os.environ.get("BENCH_SECONDS") or 2),
        "rounds": int(os.environ.get("BENCH_ROUNDS") or 3),
        "connections": int(os.environ.get("BENCH_CONNECTIONS") or 4),
    }


def _env(config, **extra) -> dict:
    return {
        **os.environ,
        "DEBUG": "off",
        "SECRET_KEY": "bench-only-secret-key-never-used-in-production-0123456789",
        "DJANGO_SETTINGS_MODULE": "portal.settings_bench",
        "DATABASE_URL": config["database_url"],
        "REDIS_URL": config["redis_url"],
        "STATIC_ROOT": str(BASE_DIR / "var" / "bench" / "static"),
        "LOG_LEVEL": "WARNING",
        "PYTHONUNBUFFERED": "1",
        **extra,
    }


def _step(message: str) -> None:
    print(f"[{time.strftime('%H:%M:%S', time.gmtime())}Z] {message}", flush=True)


def _create_database(config) -> None:
    import psycopg2

    server = config["server_url"]
    connection = psycopg2.connect(
        host=server.hostname,
        port=server.port or 5432,
        user=server.username,
        password=server.password,
        dbname="postgres",
    )
    connection.autocommit = True
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1 FROM pg_database WHERE datname = %s", [config["database"]])
            if cursor.fetchone() is None:
                cursor.execute(f'CREATE DATABASE "{config["database"]}"')
    finally:
        connection.close()


def _manage(config, *args) -> None:
    subprocess.run([PYTHON, "manage.py", *args], cwd=BASE_DIR, env=_env(config), check=True)


def _prepare_data(config) -> None:
    _create_database(config)
    _step(f"database {config['database']}: migrate")
    _manage(config, "migrate", "--noinput", "-v", "0")
    _step(f"seed_scale --requests {config['n']} (reuses what is there)")
    start = time.perf_counter()
    _manage(config, "seed_scale", "--requests", str(config["n"]))
    _step(f"data ready in {time.perf_counter() - start:.0f} s")
    _manage(config, "collectstatic", "--noinput", "-v", "0")


def _django(config):
    os.environ.update(_env(config))
    import django

    django.setup()


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _get(url: str, cookie: str | None):
    headers = dict(HEADERS)
    if cookie:
        headers["Cookie"] = f"sessionid={cookie}"
    request = urllib.request.Request(url, headers=headers)  # noqa: S310 - http://127.0.0.1 only

    class NoRedirect(urllib.request.HTTPRedirectHandler):
        def redirect_request(self, *args, **kwargs):
            return None

    opener = urllib.request.build_opener(NoRedirect)
    start = time.perf_counter()
    try:
        with opener.open(request, timeout=120) as response:
            body = response.read()
            status = response.status
    except urllib.error.HTTPError as error:
        body, status = error.read(), error.code
    return status, len(body), time.perf_counter() - start


def _start_gunicorn(config, port):
    process = subprocess.Popen(
        [
            GUNICORN,
            "portal.wsgi:application",
            "--workers",
            "2",
            "--worker-class",
            "sync",
            "--bind",
            f"127.0.0.1:{port}",
            "--log-level",
            "warning",
        ],
        cwd=BASE_DIR,
        env=_env(config),
        start_new_session=True,
    )
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            status, _size, _time = _get(f"http://127.0.0.1:{port}/healthz", None)
            if status in {200, 503}:
                return process
        except OSError:
            pass
        if process.poll() is not None:
            raise RuntimeError("gunicorn did not start")
        time.sleep(0.3)
    raise RuntimeError("gunicorn did not answer within 60 s")


def _workers(master_pid: int) -> list[int]:
    children = Path(f"/proc/{master_pid}/task/{master_pid}/children").read_text().split()
    return [int(pid) for pid in children]


def _peak_rss_mb(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    return 0.0


def _wrk(config, url: str, cookie: str | None, seconds: int) -> dict:
    command = [
        "wrk",
        "-t1",
        f"-c{config['connections']}",
        f"-d{seconds}s",
        "--timeout",
        "60s",
        "-s",
        LUA,
        "-H",
        "X-Forwarded-Proto: https",
    ]
    if cookie:
        command += ["-H", f"Cookie: sessionid={cookie}"]
    output = subprocess.run(
        [*command, url], capture_output=True, text=True, check=True, timeout=seconds + 120
    ).stdout
    result = json.loads(output.strip().splitlines()[-1])
    result["rps"] = result["requests"] / (result["duration_us"] / 1e6)
    return result


def _settle(url: str) -> None:
    """Wait until both workers are free: wrk stops at its time, but the requests it left in
    flight still run and would be counted against the next run."""
    threads = [threading.Thread(target=_get, args=(url, None)) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()


def _drive_pages(config, port, setup, pages) -> list[dict]:
    base = f"http://127.0.0.1:{port}"
    from django.urls import reverse

    from tests.bench.pages import BASELINE_NAME

    baseline_url = base + reverse(BASELINE_NAME)
    rows = []
    for page in pages:
        cookie = setup.cookies.get(page.role)
        status, size, seconds = _get(page.url, cookie)
        _get(baseline_url, cookie)
        rows.append(
            {
                "page": page.label,
                "role": page.role,
                "path": page.url.removeprefix(base),
                "status": status,
                "bytes": size,
                "first_ms": seconds * 1000,
                "target_p50_ms": page.target_p50_ms,
                "rounds": [],
            }
        )
        _step(f"checked {page.label}: {status}, {size:,} bytes, {seconds * 1000:.0f} ms")
    _wrk(config, baseline_url, None, 2)  # warm-up
    for number in range(1, config["rounds"] + 1):
        _step(f"round {number} of {config['rounds']}")
        for page, row in zip(pages, rows, strict=True):
            if row["status"] != 200:
                continue
            cookie = setup.cookies.get(page.role)
            measured = _wrk(config, page.url, cookie, config["seconds"])
            _settle(baseline_url)
            baseline = _wrk(config, baseline_url, cookie, config["seconds"])
            _settle(baseline_url)
            row["rounds"].append({"page": measured, "baseline": baseline})
    return rows


def _bench_module(config, module: str, **env) -> dict | None:
    """Run a bench module in its own process; its last line is its result as JSON."""
    _step(f"{module}")
    completed = subprocess.run(
        [PYTHON, "-m", module, "--json"],
        cwd=BASE_DIR,
        env=_env(config, DJANGO_SETTINGS_MODULE="portal.settings", DEBUG="on", **env),
        capture_output=True,
        text=True,
        check=False,
    )
    sys.stdout.write(completed.stdout.rsplit("\n", 2)[0] + "\n" if completed.stdout else "")
    if completed.returncode != 0:
        sys.stderr.write(completed.stderr)
        return None
    return json.loads(completed.stdout.strip().splitlines()[-1])


def _explain(config) -> dict | None:
    """tests/bench/explain_pages.py (issue 12, point 3) on the bench database, when present:
    its lines, and whether a page's main query reads requests or invoices sequentially."""
    if not (BASE_DIR / "tests" / "bench" / "explain_pages.py").exists():
        return None
    _step("tests.bench.explain_pages")
    completed = subprocess.run(
        [PYTHON, "-m", "tests.bench.explain_pages"],
        cwd=BASE_DIR,
        env=_env(config, DJANGO_SETTINGS_MODULE="portal.settings", DEBUG="on"),
        capture_output=True,
        text=True,
        check=False,
    )
    lines = completed.stdout.strip().splitlines()
    sys.stdout.write(completed.stdout)
    if completed.returncode not in {0, 1}:
        sys.stderr.write(completed.stderr)
    return {
        "exit": completed.returncode,
        "seq_scans": [line.strip() for line in lines if "SEQ SCAN" in line],
        "lines": lines,
    }


def main() -> int:
    config = _config()
    started = time.monotonic()
    _prepare_data(config)
    _django(config)
    from tests.bench.pages import PAGES, prepare, resolve

    setup = prepare()
    # No figures kept from an earlier run: the first visit of each dashboard and figures
    # endpoint ("checked … ms") computes them, the wrk rounds then read them as production
    # does between changes (dashboards.cache).
    from dashboards.cache import bump

    bump()
    port = _free_port()
    pages, absent = [], []
    for page in PAGES:
        path = resolve(page, setup)
        if path is None:
            absent.append(page.label)
        else:
            pages.append(_Located(page, f"http://127.0.0.1:{port}{path}"))
    _step(f"gunicorn on 127.0.0.1:{port} (2 sync workers, DEBUG off, portal.settings_bench)")
    server = _start_gunicorn(config, port)
    try:
        rows = _drive_pages(config, port, setup, pages)
        workers = {pid: _peak_rss_mb(pid) for pid in _workers(server.pid)}
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        server.wait(timeout=30)
    # The PDF needs no PostgreSQL: SQLite's in-memory test database.
    pdf = _bench_module(
        config,
        "tests.bench.bench_contract_pdf",
        DATABASE_URL=f"sqlite:///{BASE_DIR / 'var' / 'bench' / 'pdf.sqlite3'}",
        BENCH_ROUNDS=os.environ.get("BENCH_PDF_ROUNDS") or "15",
    )
    # Open requests of its own in a test database on the bench's server: a tenth, then N.
    # (At least 1,000: each of the three scans takes 100 reminders of its own.)
    sizes = sorted({max(config["n"] // 10, 1000), max(config["n"], 1000)})
    scan = _bench_module(
        config,
        "tests.bench.bench_deadline_scan",
        BENCH_SCAN_SIZES=",".join(map(str, sizes)),
    )
    explain = _explain(config)
    result = report.build(
        config=config,
        setup=setup,
        rows=rows,
        absent=absent,
        workers=workers,
        pdf=pdf,
        scan=scan,
        explain=explain,
        seconds=time.monotonic() - started,
    )
    print(report.table(result))
    path = report.write(result, BASE_DIR / "bench" / "results")
    print(f"\nWritten: {path.relative_to(BASE_DIR)}")
    return 0


class _Located:
    """A page of the table with its full URL for this run."""

    def __init__(self, page, url):
        self._page = page
        self.url = url

    def __getattr__(self, name):
        return getattr(self._page, name)


if __name__ == "__main__":
    sys.exit(main())
