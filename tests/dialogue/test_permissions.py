"""Who may ask for other meeting times and who may record contact, for every role (issue 18,
acceptance: permissions); and every dialogue action sends an anonymous visitor to the login,
changing nothing."""

from urllib.parse import unquote

import pytest
from django.urls import reverse
from django.utils import timezone

from dialogue import services
from dialogue.models import MeetingProposal, RecordedContact
from requests_app.models import Status
from tests.dialogue.conftest import ON_THREAD, ROLES, in_days

pytestmark = pytest.mark.django_db

LOCAL_PARTIES = {"leader", "amr"}


def _client(client, people, role):
    client.logout()
    if people[role] is not None:
        client.force_login(people[role])
    return client


def _proposal(people, request, days=3):
    return services.proposal_create(
        request_pk=request.pk,
        user=people["staff"],
        mode=MeetingProposal.Mode.PHONE,
        slots=[(in_days(days), 30), (in_days(days + 1), 30)],
    )


def _refused_or_back(response, role, request):
    """Off the thread: 404. On it but not allowed: back to the request with a message."""
    if role == "anonymous":
        assert response.status_code == 302 and "/accounts/login/" in response.url
    elif role in ON_THREAD:
        assert response.status_code == 302
        assert response.url.startswith(request.get_absolute_url())
    else:
        assert response.status_code == 404


@pytest.mark.parametrize("role", ROLES)
def test_only_a_local_party_asks_for_other_times(client, people, at_provider, role):
    proposal = _proposal(people, at_provider)
    response = _client(client, people, role).post(
        reverse("dialogue:other_times", args=[proposal.pk]), {"answer": "Uge 3 passer bedre"}
    )
    _refused_or_back(response, role, at_provider)
    proposal.refresh_from_db()
    asked = proposal.state == MeetingProposal.State.OTHER_TIMES
    assert asked == (role in LOCAL_PARTIES)
    assert (proposal.answer == "Uge 3 passer bedre") == (role in LOCAL_PARTIES)


@pytest.mark.parametrize("role", ROLES)
def test_only_the_providers_staff_records_contact(client, people, at_provider, role):
    response = _client(client, people, role).post(
        reverse("dialogue:contact", args=[at_provider.pk]),
        {"happened_on": timezone.localdate().isoformat(), "participants": "Lene Leder"},
    )
    _refused_or_back(response, role, at_provider)
    assert RecordedContact.objects.filter(request=at_provider).exists() == (role == "staff")
    at_provider.refresh_from_db()
    assert (at_provider.status == Status.DIALOGUE) == (role == "staff")


def test_every_action_sends_an_anonymous_visitor_to_the_login(client, people, at_provider):
    accepted = _proposal(people, at_provider, days=6)
    services.proposal_accept(
        proposal_pk=accepted.pk, user=people["amr"], slot_pk=accepted.slots.first().pk
    )
    proposal = _proposal(people, at_provider)  # after: new times replace an open proposal
    day = in_days(7)
    posts = {
        "propose": (
            [at_provider.pk],
            {"mode": "phone", "day_1": day.date().isoformat(), "time_1": "10:00", "minutes": 30},
        ),
        "accept": ([proposal.pk], {"slot": proposal.slots.first().pk}),
        "cancel": ([accepted.pk], {"answer": "", "seen_state": "accepted"}),
        "other_times": ([proposal.pk], {"answer": "Senere"}),
        "contact": (
            [at_provider.pk],
            {"happened_on": timezone.localdate().isoformat(), "participants": "Lene"},
        ),
        "post": ([at_provider.pk], {"body": "Hej"}),
    }
    for name, (args, data) in posts.items():
        url = reverse(f"dialogue:{name}", args=args)
        response = client.post(url, data)
        assert response.status_code == 302, name
        assert response.url.startswith(reverse("account_login")), name
        assert unquote(response.url).endswith(f"next={url}"), name
    proposal.refresh_from_db()
    accepted.refresh_from_db()
    assert proposal.state == MeetingProposal.State.PROPOSED
    assert accepted.state == MeetingProposal.State.ACCEPTED
    assert MeetingProposal.objects.count() == 2
    assert not RecordedContact.objects.exists()
    assert not at_provider.dialogue_messages.exists()
