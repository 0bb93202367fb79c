"""Issue 10, points 8 and 14: the settings behind rate limits, proxies and sessions."""

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.conf import settings as django_settings

BASE_DIR = Path(__file__).resolve().parents[2]

PRINT = (
    "import django, json; django.setup(); from django.conf import settings as s; "
    "print(json.dumps({'cache': s.CACHES['default']['BACKEND'], "
    "'location': s.CACHES['default'].get('LOCATION'), "
    "'proxies': s.ALLAUTH_TRUSTED_PROXY_COUNT, 'header': s.ALLAUTH_TRUSTED_CLIENT_IP_HEADER}))"
)


def settings_with(**env):
    clean = {
        key: value
        for key, value in os.environ.items()
        if key
        not in {
            "REDIS_URL",
            "REDIS_CACHE_URL",
            "ALLAUTH_TRUSTED_PROXY_COUNT",
            "ALLAUTH_TRUSTED_CLIENT_IP_HEADER",
        }
    }
    clean.update(DEBUG="on", DJANGO_SETTINGS_MODULE="portal.settings", **env)
    result = subprocess.run(
        [sys.executable, "-c", PRINT],
        cwd=BASE_DIR,
        env=clean,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout.strip().splitlines()[-1])


def test_redis_is_the_shared_cache_when_redis_url_is_set():
    loaded = settings_with(REDIS_URL="redis://redis.internal:6379/0")
    assert loaded["cache"] == "portal.cache.TolerantRedisCache"
    assert loaded["location"] == "redis://redis.internal:6379/0"


def test_without_redis_the_cache_is_files_the_server_and_celery_share():
    """make run: the dashboards' warm-up in the Celery worker fills the server's cache."""
    loaded = settings_with()
    assert loaded["cache"] == "django.core.cache.backends.filebased.FileBasedCache"


def test_no_proxy_is_trusted_unless_configured():
    loaded = settings_with()
    assert (loaded["proxies"], loaded["header"]) == (0, None)
    loaded = settings_with(
        ALLAUTH_TRUSTED_PROXY_COUNT="1", ALLAUTH_TRUSTED_CLIENT_IP_HEADER="X-Real-IP"
    )
    assert (loaded["proxies"], loaded["header"]) == (1, "X-Real-IP")


def test_login_failed_limit_checks_the_address_first_and_the_account_at_the_address():
    from allauth.account import app_settings

    from accounts.adapters import AccountAdapter

    rates = django_settings.ACCOUNT_RATE_LIMITS["login_failed"].split(",")
    assert [rate.split("/")[-1] for rate in rates] == ["ip", "key"]
    assert (
        app_settings.RATE_LIMITS["login_failed"]
        == django_settings.ACCOUNT_RATE_LIMITS["login_failed"]
    )
    # The hook the adapter overrides still exists in the installed allauth.
    assert "_get_login_attempts_cache_key" in vars(AccountAdapter)
    from allauth.account.adapter import DefaultAccountAdapter

    assert hasattr(DefaultAccountAdapter, "_get_login_attempts_cache_key")


def test_allauth_reads_the_settings_we_set():
    from allauth.account import app_settings

    assert app_settings.EMAIL_UNKNOWN_ACCOUNTS is False
    assert app_settings.SESSION_REMEMBER is False


@pytest.mark.django_db
def test_healthz_is_not_redirected_to_https(client, settings):
    settings.SECURE_SSL_REDIRECT = True
    response = client.get("/healthz")
    assert response.status_code in (200, 503)
    assert client.get("/providers/").status_code == 301
