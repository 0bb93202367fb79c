"""The dialogue is taken up at whichever contact came first (issue 18, point 4): a call or
meeting recorded after the provider's first message, but dated before it, moves the day the
dialogue started and the moment its deadline was met back to that contact."""

import datetime

import pytest
import time_machine
from django.utils import timezone

from dialogue import services
from requests_app.models import Deadline, Status
from requests_app.services import intake
from tests import factories

pytestmark = pytest.mark.django_db


def _noon_days_ago(days):
    """Noon on the Copenhagen calendar ``days`` ago: ``now() - timedelta(days)`` is that many
    times 24 hours, and across a change of summer time late in the evening its local date is
    a day off."""
    day = timezone.localdate() - datetime.timedelta(days=days)
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(12)))


@pytest.fixture
def reached_ten_days_ago(people):
    with time_machine.travel(_noon_days_ago(10), tick=False):
        request = factories.complete_request(leader=people["leader"], counterpart=people["amr"])
        intake.request_submit(request_pk=request.pk, user=people["leader"])
        intake.request_confirm(request_pk=request.pk, user=people["amr"])
    request.refresh_from_db()
    assert request.status == Status.AT_PROVIDER
    return request


def _deadline(request):
    return Deadline.objects.get(request=request, kind=Deadline.Kind.DIALOGUE)


def _midnight(day):
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time.min))


def test_an_earlier_contact_recorded_later_moves_the_start_back(people, reached_ten_days_ago):
    request = reached_ten_days_ago
    message = services.message_post(request_pk=request.pk, user=people["staff"], body="Hej")
    request.refresh_from_db()
    assert request.dialogue_started_on == timezone.localdate()
    assert _deadline(request).met_at == message.created_at
    assert request.sla_facts()["dialogue"]["days_late"] == 3  # a week and three days

    day = timezone.localdate() - datetime.timedelta(days=8)
    services.contact_record(
        request_pk=request.pk, user=people["staff"], happened_on=day, participants="Lene Leder"
    )
    request.refresh_from_db()
    assert request.status == Status.DIALOGUE
    assert request.dialogue_started_on == day
    assert request.dialogue_note == "Udbyderen registrerede et opkald eller møde"
    assert _deadline(request).met_at == max(_midnight(day), request.reached_provider_at)
    assert request.sla_facts()["dialogue"] == {"met": True, "days_late": 0}


def test_a_later_contact_changes_nothing(people, reached_ten_days_ago):
    request = reached_ten_days_ago
    with time_machine.travel(_noon_days_ago(5), tick=False):
        message = services.message_post(request_pk=request.pk, user=people["staff"], body="Hej")
    started_on = timezone.localdate(message.created_at)
    for days_ago in (5, 2, 0):
        services.contact_record(
            request_pk=request.pk,
            user=people["staff"],
            happened_on=timezone.localdate() - datetime.timedelta(days=days_ago),
            participants="Lene Leder",
        )
    request.refresh_from_db()
    assert request.dialogue_started_on == started_on
    assert _deadline(request).met_at == message.created_at


def test_the_page_shows_the_moment_the_dialogue_was_taken_up(client, people, at_provider):
    from django.utils import translation
    from django.utils.formats import date_format

    message = services.message_post(request_pk=at_provider.pk, user=people["staff"], body="Hej")
    with translation.override("da"):
        moment = date_format(timezone.localtime(message.created_at), "DATETIME_FORMAT")
    for role in ("leader", "coordinator"):
        client.force_login(people[role])
        html = client.get(at_provider.get_absolute_url()).content.decode()
        line = html.split('id="dialogue-taken-up"')[1].split("</p>")[0]
        assert f"Dialogen blev taget op {moment}." in line
