"""The load test's short variant in the PostgreSQL suite (issue 16, Load; `make loadtest` is the
full run): users of every role write and read at once on gunicorn; afterwards no 5xx, no lost
write and every frame within its amount."""

import pytest
from django.db import connection

from tests.faults.services import FAULT_SECRET_KEY, Gunicorn, database_url, production_env
from tests.load.loadtest import build_world, drive, verify

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]


def test_concurrent_users_of_every_role_lose_nothing_and_keep_the_frames(seeded):
    world = build_world(6, drafts_each=3, secret_key=FAULT_SECRET_KEY)
    server = Gunicorn(
        production_env(DATABASE_URL=database_url(connection.settings_dict)), workers=3
    )
    try:
        # A price of 400.000 kr.: the third contract at a provider no longer fits its frame.
        result = drive(server.url(""), world, users=16, seconds=25, price="400000,00")
    finally:
        server.stop()
    assert verify(result) == [], (result, server.errors())
    done = result["done"]
    writes = {k: v for k, v in done.items() if not k.startswith("read ")}
    # Every write the generator saw succeed is on the timeline (verify), and every kind of
    # write happened: the run reaches the contract and the invoice, not only the first steps.
    kinds = {
        "request.submitted",
        "request.confirmed",
        "dialogue.message",
        "contract.drafted",
        "contract.accepted (workplace)",
        "invoice.submitted",
    }
    assert kinds <= {kind for kind, n in writes.items() if n > 0}, str(done)
    assert sum(v for k, v in done.items() if k.startswith("read ")) > 0, result
