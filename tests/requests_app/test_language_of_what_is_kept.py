"""What the portal keeps and sends is in Danish, or shown in the reader's language, never in
the language of whoever acted (QA in English, 8 Dec): budget alerts, meeting notices,
invitations and the role log were written in the actor's English; a decline's reason was
kept in the decliner's language; the invoice exports had Danish headers over English rows,
and the dashboards' theme column was Danish on English pages."""

import csv
import datetime
import io
from functools import partial

import pytest
from django.core import mail
from django.test import override_settings
from django.urls import reverse
from django.utils import translation

from accounts.models import Notification, RoleChange
from accounts.services import user_invite
from dialogue import services as dialogue
from dialogue.models import MeetingProposal
from requests_app.models import RequestEvent
from requests_app.services import contracts, frame_alerts
from requests_app.services import intake as services
from tests import factories
from tests.dialogue.conftest import at_provider, in_days, people  # noqa: F401
from tests.requests_app.test_bell import frame_passed_75_percent


def _english(function, *args, **kwargs):
    with translation.override("en"):
        return function(*args, **kwargs)


def _propose_in_english(parties, request):
    return _english(
        dialogue.proposal_create,
        request_pk=request.pk,
        user=parties["staff"],
        mode=MeetingProposal.Mode.PHONE,
        slots=[(in_days(3), 60)],
    )


@pytest.mark.django_db
def test_a_budget_alert_is_danish_when_an_english_speaker_passes_the_threshold(model2):
    frame = frame_passed_75_percent(model2, accept=partial(_english, contracts.contract_accept))
    _english(frame_alerts.check_frame_thresholds, frame)
    alert = Notification.objects.filter(key__startswith=f"frame:{frame.pk}:75:").first()
    assert alert.subject == "NFA's ramme for 2016-17 har passeret 75 %"
    assert alert.body == "80.000,00 kr. af 100.000,00 kr. er brugt."


@pytest.mark.django_db
def test_a_meeting_notice_is_danish_when_an_english_speaker_proposes(people, at_provider):  # noqa: F811
    _propose_in_english(people, at_provider)
    notice = Notification.objects.filter(user=people["leader"], key__startswith="meeting:").get()
    assert notice.subject.startswith("Mødetider foreslået: ")


@pytest.mark.django_db
@override_settings(PORTAL_BASE_URL="https://portal.example.dk")
def test_an_invitation_is_danish_and_links_to_the_portal_whoever_invites(
    django_capture_on_commit_callbacks,
):
    central = factories.CentralPartyFactory().user
    workplace = factories.WorkplaceFactory()
    with django_capture_on_commit_callbacks(execute=True):
        _english(
            user_invite,
            email="ny.amr@example.dk",
            first_name="Ny",
            last_name="Amr",
            role="amr",
            workplace=workplace,
            invited_by=central,
        )
    invitation = next(m for m in mail.outbox if m.to == ["ny.amr@example.dk"])
    assert invitation.subject.startswith("Du er inviteret")
    assert "https://portal.example.dk/" in invitation.body
    assert "You are" not in invitation.body
    logged = RoleChange.objects.filter(subject_id__isnull=False).latest("pk")
    assert logged.description.startswith("Arbejdsmiljørepræsentant")


@pytest.mark.django_db
def test_a_decline_reason_is_shown_in_the_readers_language(client, model2):
    request = factories.request_in_dialogue(
        leader=model2["leader"], counterpart=model2["amr"], staff=model2["staff"]
    )
    _english(
        services.request_decline, request_pk=request.pk, user=model2["staff"], reason="no_capacity"
    )
    event = RequestEvent.objects.filter(request=request, action="request.declined").get()
    with translation.override("da"):
        assert event.reason == "Ingen kapacitet"
    with translation.override("en"):
        assert event.reason == "No capacity"
    client.force_login(model2["leader"])
    page = client.get(request.get_absolute_url()).content.decode()
    assert "Begrundelse: Ingen kapacitet" in page
    assert "No capacity" not in page


@pytest.mark.django_db
def test_the_invoice_exports_headers_are_in_the_readers_language(client):
    central = factories.CentralPartyFactory().user
    client.force_login(central)
    for language, first in {"da": "Fakturanummer", "en": "Invoice number"}.items():
        client.cookies["django_language"] = language
        response = client.get(reverse("invoices:list") + "?export=csv")
        rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig")), delimiter=";"))
        assert rows[0][0] == first, (language, rows[0])
        ledger = client.get(reverse("invoices:ledger") + "?export=csv")
        header = ledger.content.decode("utf-8-sig").splitlines()[0]
        assert header.startswith({"da": "Udbyder;Program", "en": "Provider;Programme"}[language])


@pytest.mark.django_db
def test_the_dashboards_theme_column_is_in_the_readers_language(client, model2):
    request = factories.request_in_dialogue(
        leader=model2["leader"], counterpart=model2["amr"], staff=model2["staff"]
    )
    theme = request.themes.get()
    assert theme.name != theme.name_en
    client.force_login(factories.CentralPartyFactory().user)
    for language, name in {"da": theme.name, "en": theme.name_en}.items():
        client.cookies["django_language"] = language
        page = client.get(reverse("dashboards:requests")).content.decode()
        assert f"<td >{name}</td>" in page or f">{name}<" in page, language
        export = client.get(reverse("dashboards:requests") + "?export=csv")
        assert name in b"".join(export.streaming_content).decode("utf-8-sig"), language


@pytest.mark.django_db
def test_the_bell_reads_in_the_readers_language_and_the_mail_stays_danish(client, model2):
    """QA: the bell was Danish on English pages ("Bekræft anmodningen: …")."""
    request = factories.complete_request(leader=model2["leader"], counterpart=model2["amr"])
    _english(services.request_submit, request_pk=request.pk, user=model2["leader"])
    notice = Notification.objects.get(user=model2["amr"])
    assert notice.subject.startswith("Bekræft anmodningen: ")
    assert notice.subject_en.startswith("Confirm the request: ")
    client.force_login(model2["amr"])
    danish = client.get(reverse("notifications")).content.decode()
    assert "Bekræft anmodningen: " in danish and "Confirm the request" not in danish
    client.cookies["django_language"] = "en"
    english = client.get(reverse("notifications")).content.decode()
    assert "Confirm the request: " in english and "Bekræft anmodningen" not in english


@pytest.mark.django_db
def test_every_kind_of_bell_line_has_its_english(people, at_provider):  # noqa: F811
    """Dialogue, meetings, deadlines and budget alerts alike (requests: the test above)."""
    from requests_app.services import deadline_scan

    at_provider.refresh_from_db()  # still waiting for the dialogue, which is overdue
    deadline_scan.scan(now=at_provider.dialogue_due + datetime.timedelta(days=1))
    dialogue.message_post(request_pk=at_provider.pk, user=people["staff"], body="Hej")
    _propose_in_english(people, at_provider)
    lines = Notification.objects.all()
    kinds = {line.key.split(":")[0] for line in lines}
    assert {"dialogue", "meeting", "deadline"} <= kinds, kinds
    for line in lines:
        assert line.subject_en and line.subject_en != line.subject, line.key
