"""Private services for the fault tests, each on its own loopback port, so that breaking one
never touches the PostgreSQL and Redis that the rest of the suite (or a developer) uses."""

import contextlib
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
PG_BIN = Path(sorted(Path("/usr/lib/postgresql").glob("*/bin"))[-1])


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def wait_until(condition, seconds=30.0, step=0.2) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(step)
    return False


def _listening(port: int) -> bool:
    with socket.socket() as sock:
        return sock.connect_ex(("127.0.0.1", port)) == 0


class PrivateRedis:
    def __init__(self):
        self.port = free_port()
        self.process = None

    @property
    def url(self) -> str:
        return f"redis://127.0.0.1:{self.port}/0"

    def start(self):
        self.process = subprocess.Popen(
            [
                "redis-server",
                "--bind",
                "127.0.0.1",
                "--port",
                str(self.port),
                "--save",
                "",
                "--appendonly",
                "no",
            ],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        assert wait_until(lambda: _listening(self.port)), "private Redis did not start"

    def stop(self):
        if self.process and self.process.poll() is None:
            self.process.terminate()
            self.process.wait(timeout=10)
        assert wait_until(lambda: not _listening(self.port))


class PrivatePostgres:
    """A throwaway cluster (initdb) run by the postgres system user, which PostgreSQL needs
    when the tests run as root."""

    def __init__(self):
        self.port = free_port()
        self.dir = Path(tempfile.mkdtemp(prefix="portal-pg-"))
        self.data = self.dir / "data"
        self._as_postgres = ["runuser", "-u", "postgres", "--"] if os.geteuid() == 0 else []
        if self._as_postgres:
            shutil.chown(self.dir, "postgres")
        subprocess.run(
            [
                *self._as_postgres,
                str(PG_BIN / "initdb"),
                "-D",
                str(self.data),
                "-A",
                "trust",
                "-U",
                "postgres",
                "--no-sync",
            ],
            check=True,
            capture_output=True,
        )

    def url(self, name="portal") -> str:
        return f"postgres://postgres@127.0.0.1:{self.port}/{name}"

    def _ctl(self, *args):
        subprocess.run(
            [
                *self._as_postgres,
                str(PG_BIN / "pg_ctl"),
                "-D",
                str(self.data),
                "-w",
                "-t",
                "30",
                *args,
            ],
            check=True,
            capture_output=True,
        )

    def start(self):
        options = f"-p {self.port} -k {self.dir} -c listen_addresses=127.0.0.1 -c fsync=off"
        self._ctl("-o", options, "-l", str(self.dir / "log"), "start")

    def stop(self):
        self._ctl("-m", "fast", "stop")

    def destroy(self):
        with contextlib.suppress(subprocess.CalledProcessError):
            self.stop()
        shutil.rmtree(self.dir, ignore_errors=True)

    def copy_database(self, source_url: str, name="portal"):
        """Create ``name`` here as a copy of the schema and data at ``source_url``."""
        subprocess.run(
            ["createdb", "-h", "127.0.0.1", "-p", str(self.port), "-U", "postgres", name],
            check=True,
            capture_output=True,
        )
        dump = subprocess.run(
            ["pg_dump", "--format=custom", "--no-owner", source_url],
            check=True,
            capture_output=True,
        )
        subprocess.run(
            ["pg_restore", "--no-owner", "-d", self.url(name)],
            input=dump.stdout,
            check=True,
            capture_output=True,
        )


_STATIC_ROOT = ROOT / "var" / "faults" / "static"
FAULT_SECRET_KEY = "fault-tests-" + "x" * 50
_PRODUCTION = {
    "DEBUG": "off",
    "SECRET_KEY": FAULT_SECRET_KEY,
    "ALLOWED_HOSTS": "127.0.0.1",
    "SECURE_SSL_REDIRECT": "off",
    "SECURE_HSTS_SECONDS": "0",
    "CELERY_TASK_ALWAYS_EAGER": "off",
}


def _collected_static() -> str:
    """Production serves hashed static files (whitenoise's manifest): collect them once."""
    if not (_STATIC_ROOT / "staticfiles.json").exists():
        subprocess.run(
            [sys.executable, "manage.py", "collectstatic", "--noinput", "-v", "0"],
            cwd=ROOT,
            env={**os.environ, **_PRODUCTION, "STATIC_ROOT": str(_STATIC_ROOT)},
            check=True,
            capture_output=True,
        )
    return str(_STATIC_ROOT)


def production_env(**overrides) -> dict:
    """The environment of a production-like portal (DEBUG off) over plain HTTP on loopback."""
    env = {
        "STATIC_ROOT": _collected_static(),
        **os.environ,
        **_PRODUCTION,
    }
    env.update(overrides)
    return env


class Gunicorn:
    def __init__(self, env: dict, workers=1):
        self.port = free_port()
        self.log = Path(tempfile.mkdtemp(prefix="portal-gunicorn-")) / "gunicorn.log"
        self.process = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "gunicorn",
                "portal.wsgi",
                "-b",
                f"127.0.0.1:{self.port}",
                "-w",
                str(workers),
                "--timeout",
                "30",
                "--graceful-timeout",
                "5",
            ],
            cwd=ROOT,
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=self.log.open("wb"),
            start_new_session=True,
        )
        assert wait_until(lambda: _listening(self.port), seconds=60), self.errors()

    def errors(self) -> str:
        """gunicorn's log (a file, never a pipe: a full pipe would stall the workers)."""
        return self.log.read_text(errors="replace")[-5000:]

    def url(self, path: str) -> str:
        return f"http://127.0.0.1:{self.port}{path}"

    def get(self, path: str, cookies: dict | None = None):
        return fetch(self.url(path), cookies=cookies)

    def post(self, path: str, data: dict, cookies: dict):
        return fetch(self.url(path), data=data, cookies=cookies)

    def stop(self):
        if self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGTERM)
            try:
                self.process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                os.killpg(self.process.pid, signal.SIGKILL)
                self.process.wait(timeout=15)


class Page:
    def __init__(self, status: int, body: str, headers):
        self.status, self.body, self.headers = status, body, headers

    def cookie(self, name: str) -> str:
        for header in self.headers.get_all("Set-Cookie") or []:
            key, _, rest = header.partition("=")
            if key.strip() == name:
                return rest.split(";", 1)[0]
        raise AssertionError(f"no {name} cookie set")

    def csrf_token(self) -> str:
        match = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', self.body)
        assert match, "no CSRF token on the page"
        return match.group(1)


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


def fetch(url: str, *, data: dict | None = None, cookies: dict | None = None) -> Page:
    """One request, redirects not followed, cookies sent as given (secure or not)."""
    assert url.startswith("http://127.0.0.1:"), "the fault tests talk to loopback only"
    body = urllib.parse.urlencode(data).encode() if data is not None else None
    request = urllib.request.Request(url, data=body)  # noqa: S310 (loopback http, checked)
    if cookies:
        request.add_header("Cookie", "; ".join(f"{k}={v}" for k, v in cookies.items()))
    if data is not None:
        request.add_header("Referer", url)
    opener = urllib.request.build_opener(_NoRedirect)
    try:
        with opener.open(request, timeout=30) as response:
            return Page(response.status, response.read().decode(), response.headers)
    except urllib.error.HTTPError as error:
        return Page(error.code, error.read().decode(errors="replace"), error.headers)


def database_url(settings_dict: dict) -> str:
    port = settings_dict.get("PORT") or 5432
    return (
        f"postgres://{settings_dict['USER']}@{settings_dict['HOST']}:{port}/{settings_dict['NAME']}"
    )


class SmtpSink:
    """A minimal SMTP server on loopback that keeps every message it accepts."""

    def __init__(self, port: int):
        import socketserver
        import threading

        self.messages: list[str] = []
        sink = self

        class Handler(socketserver.StreamRequestHandler):
            def reply(self, line: str):
                self.wfile.write(f"{line}\r\n".encode())

            def handle(self):
                self.reply("220 localhost test sink")
                while line := self.rfile.readline():
                    command = line.decode(errors="replace").strip().upper()
                    if command.startswith(("EHLO", "HELO")):
                        self.reply("250 localhost")
                    elif command == "DATA":
                        self.reply("354 go ahead")
                        body = []
                        while (data := self.rfile.readline()) not in (b".\r\n", b".\n", b""):
                            body.append(data.decode(errors="replace"))
                        sink.messages.append("".join(body))
                        self.reply("250 queued")
                    elif command == "QUIT":
                        self.reply("221 bye")
                        return
                    else:  # MAIL FROM, RCPT TO, RSET, NOOP
                        self.reply("250 ok")

        class Server(socketserver.ThreadingTCPServer):
            allow_reuse_address = True
            daemon_threads = True

        self.server = Server(("127.0.0.1", port), Handler)
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    def __enter__(self):
        self.thread.start()
        return self

    def __exit__(self, *exc):
        self.server.shutdown()
        self.server.server_close()
