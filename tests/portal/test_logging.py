"""Quiet logs (issue 11, point 18): a 403 is one line without a traceback, a 500 keeps its
traceback, and the filesystem broker connects without kombu's "No hostname" warning."""

import io
import logging
import os
import subprocess
import sys

import pytest
from django.conf import settings as django_settings
from django.core.exceptions import PermissionDenied
from django.test import Client
from django.urls import path

from portal.urls import urlpatterns as portal_urlpatterns


def forbidden(request):
    raise PermissionDenied


def crash(request):
    raise RuntimeError("a real error")


# The error pages link to the portal's own pages.
urlpatterns = [path("forbidden/", forbidden), path("crash/", crash), *portal_urlpatterns]


@pytest.fixture
def console(settings):
    """What the project's console handlers print (all of them, as `make run` shows it)."""
    settings.ROOT_URLCONF = __name__
    # As under `make run`: Django's own console handler prints only with DEBUG on.
    settings.DEBUG = True
    stream = io.StringIO()
    swapped = []
    for name in ("", "django", "django.request"):
        for handler in logging.getLogger(name).handlers:
            # The configured StreamHandlers, not pytest's capture handlers (subclasses).
            if type(handler) is logging.StreamHandler:
                swapped.append((handler, handler.setStream(stream)))
    assert swapped, "no console handler configured"
    yield stream
    for handler, old in swapped:
        handler.setStream(old)


@pytest.mark.django_db
def test_a_403_is_one_line_without_traceback(console, caplog):
    response = Client().get("/forbidden/")
    assert response.status_code == 403
    lines = [line for line in console.getvalue().splitlines() if line.strip()]
    assert len(lines) == 1, console.getvalue()
    assert "WARNING django.request Forbidden (Permission denied): /forbidden/" in lines[0]
    assert "Traceback" not in console.getvalue()
    # Every handler sees the short record, the test suite's too.
    (record,) = [r for r in caplog.records if r.name == "django.request"]
    assert record.exc_info is None


@pytest.mark.django_db
def test_a_500_keeps_its_traceback_once(console):
    response = Client(raise_request_exception=False).get("/crash/")
    assert response.status_code == 500
    output = console.getvalue()
    assert "ERROR django.request Internal Server Error: /crash/" in output
    assert output.count("Traceback (most recent call last)") == 1, output
    assert "RuntimeError: a real error" in output


def test_the_filesystem_broker_connects_without_the_hostname_warning(tmp_path):
    """As `make run` starts it: no REDIS_URL, so Celery's filesystem broker under var/."""
    env = {
        key: value for key, value in os.environ.items() if key not in {"REDIS_URL", "DATABASE_URL"}
    }
    env.update(
        DEBUG="on",
        PORTAL_VAR_DIR=str(tmp_path),
        DJANGO_SETTINGS_MODULE="portal.settings",
    )
    script = (
        "import django; django.setup()\n"
        "from django.conf import settings\n"
        "from portal.celery import app\n"
        "url = settings.CELERY_BROKER_URL\n"
        "assert url.startswith('filesystem://'), url\n"
        "with app.connection_for_write() as connection:\n"
        "    connection.ensure_connection(max_retries=1)\n"
        "    print('connected', connection.as_uri())\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", script],
        cwd=django_settings.BASE_DIR,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert "connected filesystem://" in result.stdout
    assert "No hostname was supplied" not in result.stderr + result.stdout
