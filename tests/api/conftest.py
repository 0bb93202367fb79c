"""Data at scale for the API and list tests: ``seed_scale`` bulk-inserts requests in every
status with contracts, invoices and deadlines, and the people who see them."""

import io

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command

from accounts.models import Region


def seed(requests: int, workplaces: int = 50):
    """Requests up to ``requests`` in all (reruns only add)."""
    call_command("seed_scale", requests=requests, workplaces=workplaces, stdout=io.StringIO())


def scale_people() -> dict:
    User = get_user_model()
    region = Region.objects.get(slug="sjaelland")
    return {
        "anonymous": None,
        "central": User.objects.get(email="skala-central@example.dk"),
        "coordinator": User.objects.get(email=f"skala-region-{region.pk}@example.dk"),
        "staff": User.objects.get(email="skala-nfa-0@example.dk"),
        "leader": User.objects.get(email="skala-leder-0@example.dk"),
        # The work-environment representative (AMR/TR): the other local party.
        "amr": User.objects.get(email="skala-amr-0@example.dk"),
        "no_role": User.objects.get_or_create(email="ingen-rolle@example.dk")[0],
        "superuser": User.objects.get_or_create(
            email="skala-superbruger@example.dk", defaults={"is_superuser": True, "is_staff": True}
        )[0],
    }


@pytest.fixture
def scale(db):
    seed(60)
    return scale_people()


def login(client, user):
    if user is not None:
        client.force_login(user)
    return client
