"""The permission matrix: every URL of the URLconf against ``table.py`` (issue 16, "Access").

One world (``world.py``) is built once per module inside a transaction that is rolled back
at the end; each test opens one URL for one role on both sides' objects with GET and with an
empty POST, inside the test's own rolled-back savepoint, and compares each answer with the
table. An empty POST changes nothing in the database unless the table says the action needs
no input (``ACTS_ON_EMPTY_POST``) and the cell is the action's success; no cell answers 5xx.
"""

import re
import tempfile

import pytest
from django.apps import apps
from django.conf import settings
from django.core.cache import cache
from django.db import transaction
from django.shortcuts import resolve_url
from django.test import Client, override_settings
from django.urls import reverse

from tests.permissions_matrix import table
from tests.permissions_matrix import world as worlds
from tests.query_counts.test_urlconf import urls

MISSING_ID = 987654  # anonymous must be sent to the login page before any lookup
# The apps whose rows an empty POST must leave alone (sessions and the like may change).
WATCHED_APPS = ["accounts", "providers", "requests_app", "dialogue", "evaluations", "library"]
WATCHED_APPS += ["api"]


def _named():
    """Named patterns (the admin's catch-all has a namespace but no name)."""
    return [
        (namespace, name, route)
        for namespace, name, route in urls()
        if name and not name.endswith(":None")
    ]


def _opened(name, route) -> bool:
    """Rows opened by the matrix: the admin's pages without arguments (by its prefix rule)."""
    return table.row(name) is not None and not (name.startswith("admin:") and "<" in route)


# Reading marks what one has read, on a GET as on a POST that shows the page (a request's
# page marks its thread and its notifications read).
UNWATCHED = {"dialogue.ReadMarker": None, "accounts.Notification": "read_at"}


def _fingerprint() -> dict:
    """Every row of the watched apps' tables (the world is small)."""
    prints = {}
    for label in WATCHED_APPS:
        for model in apps.get_app_config(label).get_models():
            name = model._meta.label
            if name in UNWATCHED and UNWATCHED[name] is None:
                continue
            fields = [
                f.attname for f in model._meta.concrete_fields if f.name != UNWATCHED.get(name)
            ]
            prints[name] = list(model._default_manager.order_by("pk").values_list(*fields))
    return prints


@pytest.fixture(scope="module")
def world(django_db_setup, django_db_blocker):
    with (
        tempfile.TemporaryDirectory() as media,
        override_settings(
            MEDIA_ROOT=media,
            PASSWORD_HASHERS=["django.contrib.auth.hashers.MD5PasswordHasher"],
            MFA_REQUIRED_FOR_PRIVILEGED=False,
            CACHES={"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}},
        ),
        django_db_blocker.unblock(),
        transaction.atomic(),
    ):
        built = worlds.build()
        built.media = media
        built.sessions = {}
        for role, user in built.users.items():
            if user is not None:
                client = Client()
                client.force_login(user)
                built.sessions[role] = client.cookies[settings.SESSION_COOKIE_NAME].value
        built.fingerprint = _fingerprint()
        yield built
        transaction.set_rollback(True)


def _client(world, role) -> Client:
    """A fresh client on the role's session (a cell that logs out leaves the others alone)."""
    client = Client(raise_request_exception=False)
    if role in world.sessions:
        client.cookies[settings.SESSION_COOKIE_NAME] = world.sessions[role]
    return client


def _matches(response, expected) -> bool:
    location = response.get("Location", "").split("?")[0]
    if expected == table.LOGIN:
        login = resolve_url(settings.LOGIN_URL)
        return response.status_code == 302 and location.endswith(login)
    if expected == table.ADMIN_LOGIN:
        return response.status_code == 302 and location.endswith(reverse("admin:login"))
    if expected == table.REDIRECT:
        login = resolve_url(settings.LOGIN_URL)
        return response.status_code in (301, 302, 303) and not location.endswith(login)
    return response.status_code == expected


def _outcome(response) -> str:
    location = response.get("Location")
    return f"{response.status_code}{' → ' + location if location else ''}"


def _open(world, name, role, side, method):
    url = reverse(name, kwargs=table.kwargs_for(world, name, role, side))
    cache.clear()  # rate limits count per test
    client = _client(world, role)
    with transaction.atomic():
        if method == "GET":
            response = client.get(url, table.QUERY.get(name))
        else:
            response = client.post(url, {})
        if response.streaming:
            b"".join(response.streaming_content)
        # No response.close() here: the test client has closed it without closing the
        # database connection; closing it again fires request_finished, whose
        # close_old_connections would drop PostgreSQL's connection inside the module's
        # transaction.
        changed = method == "POST" and _fingerprint() != world.fingerprint
        transaction.set_rollback(True)
    return url, response, changed


CASES = [
    (name, role)
    for _namespace, name, route in _named()
    if _opened(name, route)
    for role in worlds.ROLES
]


@pytest.mark.django_db
@pytest.mark.parametrize(("name", "role"), CASES, ids=[f"{n}-{r}" for n, r in CASES])
def test_matrix(world, settings, name, role):
    settings.MEDIA_ROOT = world.media
    wrong = []
    for side in table.sides(name):
        for method in table.methods(name):
            expected = table.expected(name, role, side, method)
            url, response, changed = _open(world, name, role, side, method)
            cell = f"{method} {url} as {role} (side {side})"
            if response.status_code >= 500 or not _matches(response, expected):
                wrong.append(f"{cell}: {_outcome(response)}, the table says {expected}")
            if changed and not table.may_change(name, role, side):
                wrong.append(f"{cell}: an empty POST changed the database")
    assert not wrong, "\n".join(wrong)


def test_every_url_has_a_row():
    missing = [name for _namespace, name, _route in _named() if table.row(name) is None]
    unnamed = [route for _namespace, name, route in urls() if not name and not _media(route)]
    assert not missing, f"URL names without a row in tests/permissions_matrix/table.py: {missing}"
    assert not unnamed, f"Unnamed URL patterns the matrix cannot address: {unnamed}"


def test_every_row_names_a_url():
    names = {name for _namespace, name, _route in _named()}
    assert not sorted(set(table.ROWS) - names)


def _media(route) -> bool:
    """The media files' route DEBUG adds (portal/urls.py); production has none."""
    return route.startswith("^" + settings.MEDIA_URL.strip("/"))


def _missing_path(route):
    """A concrete path for a route: every argument a missing id or a plain slug."""
    path = re.sub(
        r"<(?:(\w+):)?(\w+)>",
        lambda m: str(MISSING_ID) if m.group(1) in (None, "int") else "x",
        route,
    )
    path = re.sub(r"[\^\$]", "", path).replace("\\", "")
    path = re.sub(r"\(\?P<\w+>[^)]*\)", "x", path)
    return "/" + path


ANONYMOUS_ON_MISSING = [
    (name, route, method)
    for _namespace, name, route in _named()
    if "<" in route and table.row(name) is not None
    for method in table.methods(name)
    if table.expected(name, "anonymous", table.sides(name)[0], method) == table.LOGIN
]


@pytest.mark.django_db
@pytest.mark.parametrize(("name", "route", "method"), ANONYMOUS_ON_MISSING, ids=str)
def test_anonymous_goes_to_login_before_any_lookup(name, route, method):
    client = Client(raise_request_exception=False)
    path = _missing_path(route)
    response = client.get(path) if method == "GET" else client.post(path, {})
    assert _matches(response, table.LOGIN), (path, _outcome(response))


@pytest.mark.django_db
def test_the_fingerprint_sees_a_change_of_state(world):
    """The empty-POST check can fail: a status changed in place (no new row) is seen."""
    request = world.sides["A"].requests["draft"]
    with transaction.atomic():
        type(request).objects.filter(pk=request.pk).update(status="withdrawn")
        assert _fingerprint() != world.fingerprint
        transaction.set_rollback(True)
    assert _fingerprint() == world.fingerprint


# What a visitor may type into the address bar: every query parameter a page reads, with
# words for numbers, numbers out of range, markup, a NUL byte, digits int() refuses and a
# second value.
PARAMETERS = [
    *("page", "npage", "q", "query", "status", "state", "provider", "period", "programme"),
    *("region", "theme", "tema", "themes", "overdue", "met", "sla", "type", "kind", "sort"),
    *("queue", "before", "what", "export", "format", "offering", "workplace", "level"),
]
HOSTILE = {
    "words": "abc",
    "negative": "-1",
    "huge": "9" * 40,
    "markup": '<script>alert("x")</script>',
    "nul": "1\x00",
    "unicode digits": "٣٤",
    # A digit to str.isdigit, no number to int(): the dashboards' search answered 500.
    "superscript digits": "²",
    "repeated": ["1", "abc"],
}
GET_CASES = [
    (name, role)
    for name, role in CASES
    if not name.startswith("admin:")
    and any(table.expected(name, role, side, "GET") == 200 for side in table.sides(name))
]


@pytest.mark.django_db
@pytest.mark.parametrize(("name", "role"), GET_CASES, ids=[f"{n}-{r}" for n, r in GET_CASES])
def test_a_typed_query_string_never_answers_5xx(world, settings, name, role):
    """Every page a role may open, with each kind of nonsense in every query parameter the
    portal reads: a page, a message or a refusal (4xx), never a server error, and nothing
    changes (a GET only reads)."""
    settings.MEDIA_ROOT = world.media
    wrong = []
    cache.clear()
    with transaction.atomic():
        for side in table.sides(name):
            if table.expected(name, role, side, "GET") != 200:
                continue
            url = reverse(name, kwargs=table.kwargs_for(world, name, role, side))
            for label, value in HOSTILE.items():
                query = {**dict.fromkeys(PARAMETERS, value), **table.QUERY.get(name, {})}
                response = _client(world, role).get(url, query)
                if response.streaming:
                    b"".join(response.streaming_content)
                if response.status_code >= 500:
                    wrong.append(f"GET {url} ({label}) as {role}: {response.status_code}")
        if _fingerprint() != world.fingerprint:
            wrong.append(f"GETs of {name} as {role} changed the database")
        transaction.set_rollback(True)
    assert not wrong, "\n".join(wrong)
