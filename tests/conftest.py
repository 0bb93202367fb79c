"""Shared fixtures: one user per role, and a client logged in as each."""

import importlib

import pytest
from django.apps import apps
from django.utils import translation

from tests import factories


@pytest.fixture(autouse=True)
def _test_settings(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    # Real hashers take a good part of a second per password by design; tests need none of it.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    # Tests log privileged users in with force_login and no TOTP device: the MFA enrolment
    # middleware is off here; tests/accounts/test_mfa.py turns it on.
    settings.MFA_REQUIRED_FOR_PRIVILEGED = False
    # Rate limits count in the cache: per process, never in a shared Redis, during tests.
    settings.CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
    # Every test starts in the site's language: a request with an English cookie leaves
    # English active in the thread (the locale middleware activates, never deactivates), and
    # the next test in the same worker would read it.
    translation.activate(settings.LANGUAGE_CODE)
    yield
    translation.activate(settings.LANGUAGE_CODE)


@pytest.fixture
def client_factory():
    """Make another test client (its own cookies): one per person in a test."""
    from django.test import Client

    return Client


@pytest.fixture
def leader(db):
    return factories.MembershipFactory(role="leader").user


@pytest.fixture
def amr(db):
    return factories.MembershipFactory(role="amr").user


@pytest.fixture
def provider_staff(db):
    return factories.ProviderStaffFactory().user


@pytest.fixture
def coordinator(db):
    return factories.CoordinatorFactory().user


@pytest.fixture
def central(db):
    return factories.CentralPartyFactory().user


@pytest.fixture
def no_role_user(db):
    return factories.UserFactory()


@pytest.fixture
def superuser(db):
    return factories.UserFactory(is_superuser=True, is_staff=True)


ROLES = ["leader", "amr", "provider_staff", "coordinator", "central", "no_role_user", "superuser"]


@pytest.fixture(params=ROLES)
def role_user(request):
    """Parametrised: each role in turn, as (role name, user)."""
    return request.param, request.getfixturevalue(request.param)


@pytest.fixture
def seeded(transactional_db):
    """Transactional tests end in a flush, which also removes what the data migrations
    seeded (regions, providers, programme); seed it again, idempotently, for each test."""
    regions = importlib.import_module("accounts.migrations.0002_seed_regions")
    catalogue = importlib.import_module("providers.migrations.0002_seed_catalogue")
    regions.seed_regions(apps, None)
    catalogue.seed_catalogue(apps, None)
