"""The first meeting from two pages at once and with odd times (QA, 7 Dec): a cancel or an
answer from a page that showed the proposal in another state changes nothing, one proposal
is open at a time, the same time twice and a time the clocks skip are refused by name, an
impossible date says only that, and the card reads its status once."""

import datetime

import pytest
import time_machine
from django.urls import reverse
from django.utils import timezone

from dialogue import services
from dialogue.models import MeetingProposal
from requests_app.models import Action
from requests_app.services.base import RequestError
from tests.dialogue.conftest import in_days

pytestmark = pytest.mark.django_db

ACCEPTED_MEANWHILE = "Mødet er blevet accepteret i mellemtiden, så intet er ændret."


@pytest.fixture
def proposal(people, at_provider):
    return services.proposal_create(
        request_pk=at_provider.pk,
        user=people["staff"],
        mode=MeetingProposal.Mode.PHONE,
        slots=[(in_days(3), 60), (in_days(4), 60)],
    )


def _cancel(client, proposal, **data):
    url = reverse("dialogue:cancel", args=[proposal.pk])
    return client.post(url, {"answer": "", **data}, follow=True).content.decode()


def _cancelled_events(request):
    return request.events.filter(action=Action.MEETING_CANCELLED).count()


def test_a_cancel_from_a_page_that_showed_the_proposal_open_keeps_the_accepted_meeting(
    client, people, at_provider, proposal
):
    client.force_login(people["amr"])
    page = client.get(at_provider.get_absolute_url()).content.decode()
    assert 'name="seen_state" value="proposed"' in page
    # The leader accepts a time while the AMR's page still shows the proposal open.
    slot = proposal.slots.first()
    services.proposal_accept(proposal_pk=proposal.pk, user=people["leader"], slot_pk=slot.pk)

    html = _cancel(client, proposal, seen_state="proposed")

    assert ACCEPTED_MEANWHILE in html
    proposal.refresh_from_db()
    assert proposal.is_accepted and proposal.accepted_slot == slot
    assert _cancelled_events(at_provider) == 0
    # The page it is sent back to shows the meeting, and cancelling it now is meant.
    assert 'name="seen_state" value="accepted"' in html
    html = _cancel(client, proposal, seen_state="accepted")
    assert "Mødet er aflyst" in html
    proposal.refresh_from_db()
    assert proposal.state == MeetingProposal.State.CANCELLED


def test_a_cancel_with_the_state_seen_still_cancels_an_open_proposal(
    client, people, at_provider, proposal
):
    client.force_login(people["staff"])
    _cancel(client, proposal, seen_state="proposed")
    proposal.refresh_from_db()
    assert proposal.state == MeetingProposal.State.CANCELLED
    assert _cancelled_events(at_provider) == 1


@pytest.mark.parametrize("seen_state", [None, "", "whatever"])
def test_a_cancel_without_the_state_seen_changes_nothing(
    client, people, at_provider, proposal, seen_state
):
    client.force_login(people["leader"])
    data = {} if seen_state is None else {"seen_state": seen_state}
    html = _cancel(client, proposal, **data)
    assert "Siden var forældet" in html
    proposal.refresh_from_db()
    assert proposal.is_open and _cancelled_events(at_provider) == 0


def test_the_service_refuses_a_cancel_of_a_state_no_longer_there(people, at_provider, proposal):
    services.proposal_ask_other_times(
        proposal_pk=proposal.pk, user=people["leader"], answer="Uge 3"
    )
    with pytest.raises(RequestError, match="bedt om andre tidspunkter i mellemtiden"):
        services.proposal_cancel(proposal_pk=proposal.pk, user=people["amr"], seen_state="proposed")
    proposal.refresh_from_db()
    assert proposal.state == MeetingProposal.State.OTHER_TIMES


def test_a_second_acceptance_from_a_stale_page_says_the_meeting_was_accepted(
    client, people, proposal
):
    first, second = proposal.slots.all()
    services.proposal_accept(proposal_pk=proposal.pk, user=people["leader"], slot_pk=first.pk)
    client.force_login(people["amr"])
    url = reverse("dialogue:accept", args=[proposal.pk])
    html = client.post(url, {"slot": second.pk}, follow=True).content.decode()
    assert ACCEPTED_MEANWHILE in html
    proposal.refresh_from_db()
    assert proposal.accepted_slot == first and proposal.decided_by == people["leader"]


def test_new_times_replace_the_open_proposal(client, people, at_provider, proposal):
    client.force_login(people["staff"])
    page = client.get(at_provider.get_absolute_url()).content.decode()
    assert 'id="propose-replaces"' in page  # the form says so before it is sent
    newer = services.proposal_create(
        request_pk=at_provider.pk,
        user=people["staff"],
        mode=MeetingProposal.Mode.PHONE,
        slots=[(in_days(5), 60)],
    )
    proposal.refresh_from_db()
    assert proposal.state == MeetingProposal.State.REPLACED  # not "Aflyst": nobody cancelled
    open_ones = MeetingProposal.objects.filter(state=MeetingProposal.State.PROPOSED)
    assert list(open_ones) == [newer]
    assert _cancelled_events(at_provider) == 0
    proposed = at_provider.events.filter(action=Action.MEETING_PROPOSED).latest("pk")
    assert proposed.data["replaces"] == [proposal.pk]
    # One set of times to accept on the workplace's page; the old ones cannot be accepted.
    client.force_login(people["leader"])
    page = client.get(at_provider.get_absolute_url()).content.decode()
    assert page.count("Acceptér tidspunktet") == 1
    assert "Erstattet af nye tidspunkter" in page and "Aflyst" not in page
    with pytest.raises(RequestError, match="foreslået nye tidspunkter i mellemtiden"):
        services.proposal_accept(
            proposal_pk=proposal.pk, user=people["amr"], slot_pk=proposal.slots.first().pk
        )
    # A cancel from a page that still showed the old times open changes nothing.
    client.force_login(people["amr"])
    html = _cancel(client, proposal, seen_state="proposed")
    assert "Der blev foreslået nye tidspunkter i mellemtiden" in html
    newer.refresh_from_db()
    assert newer.is_open and _cancelled_events(at_provider) == 0


def test_an_answered_proposal_is_not_replaced(people, at_provider, proposal):
    slot = proposal.slots.first()
    services.proposal_accept(proposal_pk=proposal.pk, user=people["amr"], slot_pk=slot.pk)
    services.proposal_create(
        request_pk=at_provider.pk,
        user=people["staff"],
        mode=MeetingProposal.Mode.PHONE,
        slots=[(in_days(5), 60)],
    )
    proposal.refresh_from_db()
    assert proposal.is_accepted


def _propose(client, request, slots):
    data = {"mode": "phone", "place": "", "minutes": "60", "note": ""}
    for number, (day, time) in enumerate(slots, start=1):
        data[f"day_{number}"], data[f"time_{number}"] = day, time
    url = reverse("dialogue:propose", args=[request.pk])
    return client.post(url, data, follow=True).content.decode()


def test_the_same_time_twice_is_refused_by_its_number(client, people, at_provider):
    client.force_login(people["staff"])
    day = in_days(5).date().isoformat()
    html = _propose(
        client, at_provider, [(day, "10:00"), (in_days(6).date(), "9:00"), (day, "10:00")]
    )
    assert "Tidspunkt 3 er det samme som tidspunkt 1." in html
    assert not MeetingProposal.objects.exists()


def test_the_service_refuses_the_same_time_twice(people, at_provider):
    with pytest.raises(RequestError, match="Tidspunkt 2 er det samme som tidspunkt 1"):
        services.proposal_create(
            request_pk=at_provider.pk,
            user=people["staff"],
            mode=MeetingProposal.Mode.PHONE,
            slots=[(in_days(5), 60), (in_days(5), 30)],
        )
    assert not MeetingProposal.objects.exists()


def _copenhagen(*args, fold=0):
    return datetime.datetime(*args, tzinfo=timezone.get_current_timezone(), fold=fold)


def test_a_time_the_clocks_skip_is_refused(client, people, at_provider):
    with time_machine.travel(_copenhagen(2027, 3, 1, 9), tick=False):
        client.force_login(people["staff"])  # a session from months before has expired
        html = _propose(client, at_provider, [("2027-03-28", "02:30")])
    assert "Tidspunkt 1: Klokken 02.30 findes ikke den 28. marts 2027" in html
    assert "sommertid" in html
    assert not MeetingProposal.objects.exists()


def test_a_time_the_clocks_show_twice_is_the_first_in_summer_time(client, people, at_provider):
    with time_machine.travel(_copenhagen(2027, 10, 1, 9), tick=False):
        client.force_login(people["staff"])  # a session from months before has expired
        _propose(client, at_provider, [("2027-10-31", "02:30")])
    slot = MeetingProposal.objects.get().slots.get()
    assert slot.starts_at == datetime.datetime(2027, 10, 31, 0, 30, tzinfo=datetime.UTC)
    # Inter-zone comparison of a time shown twice is never equal (PEP 495): read the clock.
    shown = timezone.localtime(slot.starts_at)
    assert (shown.hour, shown.minute, shown.utcoffset()) == (2, 30, datetime.timedelta(hours=2))


def test_an_impossible_date_says_only_that(client, people, at_provider):
    client.force_login(people["staff"])
    html = _propose(client, at_provider, [(in_days(5).date(), "10:00"), ("2027-02-29", "10:00")])
    assert "Dato 2: Indtast en gyldig dato." in html
    assert "Angiv både dato og klokkeslæt" not in html
    assert not MeetingProposal.objects.exists()


@pytest.mark.parametrize(("day", "time"), [("0001-01-01", "00:00"), ("9999-12-31", "23:30")])
def test_the_first_and_last_days_python_knows_are_refused_not_a_500(
    client, people, at_provider, day, time
):
    """Found by the form fuzzing: 1 January of year 1 cannot be moved to UTC."""
    client.force_login(people["staff"])
    html = _propose(client, at_provider, [(in_days(5).date(), "10:00"), (day, time)])
    assert "Dato 2: Vælg en dato inden for det kommende år." in html
    assert not MeetingProposal.objects.exists()


def test_a_date_without_a_time_still_asks_for_both(client, people, at_provider):
    client.force_login(people["staff"])
    html = _propose(client, at_provider, [(in_days(5).date(), "10:00"), (in_days(6).date(), "")])
    assert "Angiv både dato og klokkeslæt for tidspunkt 2." in html
    assert not MeetingProposal.objects.exists()


def test_the_card_reads_its_status_once(client, people, at_provider, proposal):
    client.force_login(people["leader"])
    html = client.get(at_provider.get_absolute_url()).content.decode()
    card = html[html.index(f'id="meeting-{proposal.pk}"') :]
    card = card[: card.index("</form>")]
    assert ">Foreslået</span>" in card
    assert "foreslået af" not in card.lower()
    assert f"Sendt af {people['staff']}, " in card


def test_proposals_replaced_before_their_own_state_are_marked_so(people, at_provider, proposal):
    """Migration dialogue/0004: what the old cancel event named as replaced by new times."""
    import importlib

    from django.apps import apps

    migration = importlib.import_module("dialogue.migrations.0004_replaced_proposals_before_0003")
    cancelled = services.proposal_create(
        request_pk=at_provider.pk,
        user=people["staff"],
        mode=MeetingProposal.Mode.PHONE,
        slots=[(in_days(6), 60)],
    )
    MeetingProposal.objects.filter(pk__in=[proposal.pk, cancelled.pk]).update(
        state=MeetingProposal.State.CANCELLED
    )
    at_provider.events.create(
        action=Action.MEETING_CANCELLED, data={"replaced_by_new_times": [proposal.pk]}
    )
    migration.mark_replaced(apps, None)
    proposal.refresh_from_db()
    cancelled.refresh_from_db()
    assert proposal.state == MeetingProposal.State.REPLACED
    assert cancelled.state == MeetingProposal.State.CANCELLED
