"""The permission matrix: every URL of the URLconf against ``table.py`` (issue 16)."""

import re

import pytest
from django.conf import settings
from django.shortcuts import resolve_url
from django.test import Client

from tests.permissions_matrix.table import (
    ANONYMOUS,
    EXEMPT,
    KNOWN_GAPS,
    LOGIN,
    NAMESPACE_DEFAULT,
)
from tests.query_counts.test_urlconf import urls

MISSING_ID = 987654  # anonymous must be sent to the login page before any lookup


def _exempt(name):
    return any(name.startswith(key[:-1]) for key in EXEMPT if key.endswith("*"))


def _expected(namespace, name):
    if name in ANONYMOUS:
        return ANONYMOUS[name]
    root = namespace.split(":")[0]
    return NAMESPACE_DEFAULT.get(root)


def _path(route):
    """A concrete path for a route: every argument a missing id or a plain slug."""
    path = re.sub(
        r"<(?:(\w+):)?(\w+)>",
        lambda m: str(MISSING_ID) if m.group(1) in (None, "int") else "x",
        route,
    )
    path = re.sub(r"[\^\$]", "", path).replace("\\", "")
    path = re.sub(r"\(\?P<\w+>[^)]*\)", "x", path)
    return "/" + path


CELLS = [
    (name, route, method, expected)
    for namespace, name, route in urls()
    if name and not _exempt(name) and _expected(namespace, name) is not None
    for method, expected in _expected(namespace, name).items()
    if (name, "anonymous", method) not in KNOWN_GAPS
]


def test_every_row_names_a_url():
    names = {name for _ns, name, _route in urls()}
    assert not sorted(set(ANONYMOUS) - names)


@pytest.mark.django_db
@pytest.mark.parametrize(("name", "route", "method", "expected"), CELLS, ids=lambda v: str(v))
def test_anonymous(name, route, method, expected):
    client = Client(raise_request_exception=False)
    path = _path(route)
    response = client.get(path) if method == "GET" else client.post(path, {})
    if expected == LOGIN:
        assert response.status_code == 302, (path, response.status_code)
        assert (
            response["Location"]
            .split("?")[0]
            .endswith(resolve_url(settings.LOGIN_URL).split("?")[0])
        ), response["Location"]
    else:
        assert response.status_code == expected, (path, response.status_code)
    assert response.status_code < 500
