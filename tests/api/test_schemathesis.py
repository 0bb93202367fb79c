"""Issue 16: the API's OpenAPI schema (``/api/openapi.json``) fuzzed with schemathesis, in
process through Django's WSGI handler, for every role with its own personal token: no answer
is a 5xx, and every answer (status, content type, body) is what the schema says."""

import pytest
import schemathesis
from django.core.handlers.wsgi import WSGIHandler
from django.core.signals import request_finished, request_started
from django.db import close_old_connections
from hypothesis import HealthCheck, settings

from api import tokens
from api.models import ApiToken
from api.v1 import api

# Leaders and users without a role may not make a token (token_create refuses them); theirs are
# written directly, as for someone who held a reader's role when the token was made.
ROLES = ["central", "coordinator", "staff", "leader", "no_role", "anonymous"]

# The schema is built at collection, where the database is closed to tests; that it is the one
# /api/openapi.json serves is checked below. (schemathesis' lazy fixture loader does not run on
# pytest 9: it sets a test item's _nodeid, which pytest 9 no longer has.)
# The schema cannot say which ids and slugs exist: a well-formed id of no programme, or a
# status no request has, is a bad parameter the API answers 400 with a Danish detail (as its
# description says). Every other check runs as schemathesis sets it.
CONFIG = schemathesis.Config.from_dict(
    {
        "checks": {
            "positive_data_acceptance": {
                "expected-statuses": ["2xx", "3xx", "400", "401", "403", "404", "409", "429"]
            }
        }
    }
)
schema = schemathesis.openapi.from_dict(api.get_openapi_schema(), config=CONFIG)
schema.app = WSGIHandler()


def _token_for(user) -> str:
    if tokens.may_use_api(user):
        return tokens.token_create(user=user, name="schemathesis")[1]
    raw = f"schemathesis-{user.pk}-raw-token-for-a-non-reader"
    ApiToken.objects.create(user=user, name="schemathesis", token_hash=tokens.digest(raw))
    return raw


@pytest.fixture
def keep_the_connection():
    """The WSGI handler closes the database connection after each request, which would end the
    test's transaction on PostgreSQL; Django's test client keeps it open the same way."""
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    yield
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


@pytest.fixture
def headers(scale, keep_the_connection):
    """Each role's ``Authorization`` header (none for the anonymous)."""
    return {
        role: {} if user is None else {"Authorization": f"Bearer {_token_for(user)}"}
        for role, user in ((role, scale[role]) for role in ROLES)
    }


@pytest.mark.django_db
def test_the_fuzzed_schema_is_the_served_one(client):
    response = client.get("/api/openapi.json")
    assert response.status_code == 200
    assert response.json() == schema.raw_schema


@pytest.mark.django_db
@schema.parametrize()
@settings(
    max_examples=30,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
def test_the_api_answers_every_role_as_its_schema_says(case, headers):
    # Every generated request is sent once per role, so each role meets every input.
    for role, role_headers in headers.items():
        try:
            case.call_and_validate(headers=role_headers)
        except Exception as failure:
            failure.add_note(f"as {role}")
            raise
