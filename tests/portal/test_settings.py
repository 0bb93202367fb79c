"""Production settings refuse unsafe configurations; run in a subprocess with a clean env."""

import os
import subprocess
import sys
from pathlib import Path

import pytest

BASE_DIR = Path(__file__).resolve().parents[2]


def load_settings(**env):
    clean = {
        key: value
        for key, value in os.environ.items()
        if key not in {"DEBUG", "SECRET_KEY", "ALLOWED_HOSTS", "DATABASE_URL", "REDIS_URL"}
    }
    clean.update(env)
    return subprocess.run(
        [sys.executable, "-c", "import django; django.setup(); print('ok')"],
        cwd=BASE_DIR,
        env={**clean, "DJANGO_SETTINGS_MODULE": "portal.settings"},
        capture_output=True,
        text=True,
        timeout=60,
    )


def test_production_refuses_to_start_without_secret_key():
    result = load_settings(DEBUG="off", ALLOWED_HOSTS="portal.example.dk")
    assert result.returncode != 0
    assert "SECRET_KEY must be set" in result.stderr


def test_production_refuses_debug_behind_a_public_host():
    result = load_settings(DEBUG="on", SECRET_KEY="x" * 50, ALLOWED_HOSTS="portal.example.dk")
    assert result.returncode != 0
    assert "DEBUG is on while ALLOWED_HOSTS names a public host" in result.stderr


def test_production_starts_with_key_and_debug_off():
    result = load_settings(DEBUG="off", SECRET_KEY="x" * 50, ALLOWED_HOSTS="portal.example.dk")
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "ok"


def test_development_needs_no_environment():
    result = load_settings(DEBUG="on")
    assert result.returncode == 0, result.stderr


@pytest.mark.django_db
def test_check_deploy_passes_with_production_settings():
    env = {
        key: value
        for key, value in os.environ.items()
        if key not in {"DEBUG", "DJANGO_ALLOW_ASYNC_UNSAFE"}
    }
    env.update(DEBUG="off", SECRET_KEY="k" * 60 + "Zq!9", ALLOWED_HOSTS="portal.example.dk")
    result = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=BASE_DIR,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_settings_defaults(settings):
    assert settings.LANGUAGE_CODE == "da"
    assert settings.TIME_ZONE == "Europe/Copenhagen"
    assert settings.USE_TZ
    assert settings.DATABASES["default"]["ATOMIC_REQUESTS"]
    assert settings.AUTH_USER_MODEL == "accounts.User"
