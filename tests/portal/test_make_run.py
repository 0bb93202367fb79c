"""`make run` serves on PORTAL_PORT and e-mail links follow it (issue 11, point 9)."""

import os
import subprocess
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parents[2]
PRINT = "print-base-url: ; @echo $$PORTAL_BASE_URL $$PORTAL_PORT"


def _exported(*args):
    env = {k: v for k, v in os.environ.items() if k not in {"PORTAL_PORT", "PORTAL_BASE_URL"}}
    return subprocess.run(
        ["make", "-s", "--eval", PRINT, "print-base-url", *args],
        cwd=BASE_DIR,
        env=env,
        capture_output=True,
        text=True,
        check=True,
    ).stdout.split()


def test_the_base_url_follows_the_port():
    assert _exported() == ["http://127.0.0.1:8000", "8000"]
    assert _exported("PORTAL_PORT=8123") == ["http://127.0.0.1:8123", "8123"]
    assert _exported("PORTAL_BASE_URL=https://portal.example.dk")[0] == (
        "https://portal.example.dk"
    )


def test_the_development_server_listens_on_the_port():
    assert "127.0.0.1:${PORTAL_PORT:-8000}" in (BASE_DIR / "Procfile").read_text()
