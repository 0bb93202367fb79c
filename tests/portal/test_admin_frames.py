"""Issue 10, point 13: a frame can never be set below what is already committed."""

from decimal import Decimal

import pytest
from django.urls import reverse

from providers.models import BudgetFrame
from requests_app.models import Contract
from tests import factories
from tests.accounts.admin_helpers import central_admin, post_data


@pytest.fixture
def committed_frame(db):
    frame = BudgetFrame.objects.filter(provider__slug="nfa").first()
    workplace, leader, amr = factories.trio()
    request = factories.complete_request(leader=leader, counterpart=amr)
    Contract.objects.create(
        request=request,
        state=Contract.State.CONCLUDED,
        frame=frame,
        reserved_amount=Decimal("400000.00"),
    )
    return frame


def frame_page(client, frame):
    url = reverse("admin:providers_budgetperiod_change", args=[frame.period.pk])
    data = post_data(client.get(url))
    row = next(
        key.removesuffix("-id")
        for key, value in data.items()
        if key.endswith("-id") and str(value) == str(frame.pk)
    )
    return url, data, row


@pytest.mark.django_db
def test_frame_below_committed_is_refused_with_a_danish_message(client, committed_frame):
    client.force_login(central_admin())
    url, data, row = frame_page(client, committed_frame)
    old_amount = committed_frame.amount
    data[f"{row}-amount"] = "399.999,99"
    response = client.post(url, data)
    assert response.status_code == 200
    assert "Rammen kan ikke sættes lavere" in response.content.decode()
    assert "400.000,00 kr." in response.content.decode()
    committed_frame.refresh_from_db()
    assert committed_frame.amount == old_amount


@pytest.mark.django_db
def test_frame_down_to_exactly_committed_is_allowed(client, committed_frame):
    client.force_login(central_admin())
    url, data, row = frame_page(client, committed_frame)
    data[f"{row}-amount"] = "400.000,00"
    assert client.post(url, data).status_code == 302
    committed_frame.refresh_from_db()
    assert committed_frame.amount == Decimal("400000.00")


@pytest.mark.django_db
def test_a_used_frame_cannot_move_to_another_provider(client, committed_frame):
    client.force_login(central_admin())
    url, data, row = frame_page(client, committed_frame)
    taken = set(
        BudgetFrame.objects.filter(period=committed_frame.period).values_list("provider", flat=True)
    )
    free = factories.provider("nfa").__class__.objects.exclude(pk__in=taken).first()
    if free is None:
        # Every provider has a frame in this period: free one by deleting an unused frame.
        unused = (
            BudgetFrame.objects.filter(period=committed_frame.period)
            .exclude(pk=committed_frame.pk)
            .first()
        )
        free = unused.provider
        unused.delete()
        url, data, row = frame_page(client, committed_frame)
    data[f"{row}-provider"] = str(free.pk)
    response = client.post(url, data)
    assert response.status_code == 200
    assert "kan ikke flyttes" in response.content.decode()
    committed_frame.refresh_from_db()
    assert committed_frame.provider.slug == "nfa"
