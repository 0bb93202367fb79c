import datetime
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.core import mail
from django.urls import reverse

from accounts.models import Membership
from requests_app.models import Action, Request, RequestEvent, Status
from requests_app.services import intake as services
from tests import factories

IN_A_MONTH = datetime.date.today() + datetime.timedelta(days=30)
IN_TWO_MONTHS = IN_A_MONTH + datetime.timedelta(days=30)

CPH = ZoneInfo("Europe/Copenhagen")


def step_url(request, step):
    return reverse("requests:step", kwargs={"pk": request.pk, "step": step})


@pytest.mark.django_db
def test_the_first_step_chooses_the_only_workplace_for_the_user(client, model2):
    """Browser QA: a leader of one workplace still had to pick it from a list of one."""
    client.force_login(model2["leader"])
    form = client.get(reverse("requests:new")).context["form"]
    assert form["workplace"].value() == model2["workplace"].pk
    second = factories.WorkplaceFactory(region=model2["workplace"].region)
    factories.MembershipFactory(user=model2["leader"], workplace=second)
    client.force_login(model2["leader"])  # a new login reads the roles again
    form = client.get(reverse("requests:new")).context["form"]
    assert form["workplace"].value() is None  # two: the user chooses


@pytest.mark.django_db
def test_wizard_saves_a_draft_at_every_step(client, model2):
    client.force_login(model2["leader"])
    response = client.post(
        reverse("requests:new"),
        {
            "title": "Omlægning af vagtplaner",
            "workplace": model2["workplace"].pk,
            "level": "single",
            "scope": "operational",
        },
    )
    request = Request.objects.get()
    assert response.status_code == 302
    assert response.url == step_url(request, "content")
    assert request.status == Status.DRAFT

    themes = list(factories.provider("nfa").themes.values_list("pk", flat=True))[:1]
    response = client.post(
        step_url(request, "content"),
        {
            "themes": themes,
            "wishes": "Hjælp til forandringen",
            "target_group": "Sygeplejersker",
            "expected_outcome": "En fælles plan",
            "continue": "1",
        },
    )
    assert response.url == step_url(request, "provider")
    request.refresh_from_db()
    assert request.wishes == "Hjælp til forandringen"
    assert list(request.themes.values_list("pk", flat=True)) == themes

    nfa = factories.provider("nfa")
    client.post(
        step_url(request, "provider"),
        {
            "provider": nfa.pk,
            "offering": nfa.offerings.first().pk,
            "wanted_from": IN_A_MONTH.isoformat(),
            "wanted_to": IN_TWO_MONTHS.isoformat(),
            "continue": "1",
        },
    )
    client.post(
        step_url(request, "attestations"),
        {
            "informed_who": "Lokal-MED og HR",
            "informed_on": "2016-05-20",
            "attest_not_improvement_notice": "on",
            "attest_not_crisis_help": "on",
            "attest_not_personal_support": "on",
            "attest_beyond_current_effort": "on",
            "continue": "1",
        },
    )
    response = client.post(
        step_url(request, "counterpart"),
        {
            "counterpart_choice": "person",
            "counterpart": model2["amr"].pk,
            "save": "1",
        },
    )
    assert response.url == request.get_absolute_url()
    request.refresh_from_db()
    assert request.counterpart == model2["amr"]
    assert request.missing_for_sending() == []

    client.post(reverse("requests:submit", kwargs={"pk": request.pk}))
    request.refresh_from_db()
    assert request.status == Status.AWAITING_COUNTERPART


@pytest.mark.django_db
def test_unexplained_other_theme_is_refused_on_the_form(client, model2):
    request = factories.complete_request(leader=model2["leader"], counterpart=model2["amr"])
    client.force_login(model2["leader"])
    response = client.post(
        step_url(request, "content"),
        {
            "other_theme": "Mobning",
            "other_theme_reason": "",
            "wishes": "x",
            "target_group": "y",
            "expected_outcome": "z",
        },
    )
    assert response.status_code == 200
    assert "uden for de tre temaer" in response.content.decode()
    request.refresh_from_db()
    assert request.other_theme == ""


@pytest.mark.django_db
def test_wizard_rejects_bad_dates_with_a_danish_message(client, model2):
    request = factories.complete_request(leader=model2["leader"], counterpart=model2["amr"])
    client.force_login(model2["leader"])
    response = client.post(
        step_url(request, "provider"),
        {
            "provider": factories.provider("nfa").pk,
            "wanted_from": "2016-12-01",
            "wanted_to": "2016-09-01",
        },
    )
    assert response.status_code == 200
    response = client.post(
        step_url(request, "provider"),
        {
            "provider": factories.provider("nfa").pk,
            "wanted_from": "ikke en dato",
        },
    )
    assert response.status_code == 200
    assert "gyldig dato" in response.content.decode()
    # A wished period that has already ended (QA: 2020 was accepted and could be sent).
    response = client.post(
        step_url(request, "provider"),
        {
            "provider": factories.provider("nfa").pk,
            "wanted_from": "2020-01-01",
            "wanted_to": "2020-02-01",
        },
    )
    assert "Det ønskede tidsrum kan ikke slutte før i dag" in response.content.decode()
    request.refresh_from_db()
    assert request.wanted_to is None


@pytest.mark.django_db
def test_offering_of_another_provider_is_refused(client, model2):
    request = factories.complete_request(leader=model2["leader"], counterpart=model2["amr"])
    client.force_login(model2["leader"])
    response = client.post(
        step_url(request, "provider"),
        {
            "provider": factories.provider("nfa").pk,
            "offering": factories.provider("cbs").offerings.first().pk,
        },
    )
    assert response.status_code == 200
    request.refresh_from_db()
    assert request.offering is None


@pytest.mark.django_db
def test_invite_counterpart_by_email(client, model2, django_capture_on_commit_callbacks):
    request = factories.complete_request(
        leader=model2["leader"], counterpart=None, counterpart_kind=""
    )
    client.force_login(model2["leader"])
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            step_url(request, "counterpart"),
            {
                "counterpart_choice": "invite",
                "invite_email": "Ny.AMR@example.dk",
                "invite_role": "amr",
            },
        )
    assert response.status_code == 302
    request.refresh_from_db()
    assert request.counterpart.email == "ny.amr@example.dk"
    assert Membership.objects.filter(
        user=request.counterpart, role="amr", workplace=request.workplace
    ).exists()
    assert any("ny.amr@example.dk" in message.to for message in mail.outbox)


@pytest.mark.django_db
def test_a_bad_invitation_says_each_thing_once(client, model2):
    """Browser QA: "not-an-email" and no role gave "Indtast en gyldig e-mailadresse" and
    "Skriv den e-mailadresse, der skal inviteres" together, and "must sit on the other side"
    where no role had been chosen."""
    request = factories.complete_request(
        leader=model2["leader"], counterpart=None, counterpart_kind=""
    )
    client.force_login(model2["leader"])
    response = client.post(
        step_url(request, "counterpart"),
        {"counterpart_choice": "invite", "invite_email": "not-an-email", "invite_role": ""},
    )
    form = response.context["form"]
    assert len(form.errors["invite_email"]) == 1
    assert "Skriv den e-mailadresse" not in form.errors["invite_email"][0]
    assert form.errors["invite_role"] == ["Vælg den inviteredes rolle."]
    request.refresh_from_db()
    assert request.counterpart is None


@pytest.mark.django_db
def test_invited_counterpart_must_sit_on_the_other_side(client, model2):
    request = factories.complete_request(
        leader=model2["leader"], counterpart=None, counterpart_kind=""
    )
    client.force_login(model2["leader"])
    response = client.post(
        step_url(request, "counterpart"),
        {
            "counterpart_choice": "invite",
            "invite_email": "leder2@example.dk",
            "invite_role": "leader",
        },
    )
    assert response.status_code == 200
    request.refresh_from_db()
    assert request.counterpart is None


@pytest.mark.django_db
def test_sending_without_attestations_says_why(client, model2):
    request = factories.complete_request(
        leader=model2["leader"], counterpart=model2["amr"], attest_not_personal_support=False
    )
    client.force_login(model2["leader"])
    response = client.post(reverse("requests:submit", kwargs={"pk": request.pk}), follow=True)
    assert "Bekræft alle fire" in response.content.decode()
    request.refresh_from_db()
    assert request.status == Status.DRAFT


@pytest.mark.django_db
def test_double_click_on_submit_writes_one_event(client, model2):
    request = factories.complete_request(leader=model2["leader"], counterpart=model2["amr"])
    client.force_login(model2["leader"])
    url = reverse("requests:submit", kwargs={"pk": request.pk})
    client.post(url)
    response = client.post(url, follow=True)
    assert response.status_code == 200
    assert (
        RequestEvent.objects.filter(request=request, action=Action.REQUEST_SUBMITTED).count() == 1
    )


@pytest.mark.django_db
def test_tampered_id_answers_404(client, model2):
    request = factories.complete_request(leader=model2["leader"], counterpart=model2["amr"])
    outsider = factories.MembershipFactory().user
    client.force_login(outsider)
    for name in ["detail", "submit", "confirm", "withdraw"]:
        method = client.get if name == "detail" else client.post
        assert method(reverse(f"requests:{name}", kwargs={"pk": request.pk})).status_code == 404
    assert client.get(step_url(request, "content")).status_code == 404
    client.force_login(model2["leader"])
    assert client.get(reverse("requests:detail", kwargs={"pk": 999999})).status_code == 404
    assert client.get(step_url(request, "nonsense")).status_code == 404


@pytest.mark.django_db
def test_request_page_shows_due_dates_to_everyone_involved(client, model2):
    request = factories.complete_request(leader=model2["leader"], counterpart=model2["amr"])
    with time_machine.travel(datetime.datetime(2016, 6, 1, 9, 0, tzinfo=CPH), tick=False):
        services.request_submit(request_pk=request.pk, user=model2["leader"])
        services.request_confirm(request_pk=request.pk, user=model2["amr"])
        for user in [model2["leader"], model2["amr"], model2["staff"], model2["coordinator"]]:
            client.force_login(user)
            content = client.get(request.get_absolute_url()).content.decode()
            assert "8. juni 2016" in content, user
            assert "29. juni 2016" in content, user
            assert "7 dage tilbage" in content


@pytest.mark.django_db
def test_overdue_dialogue_shows_as_overdue_in_the_inbox(client, model2):
    old = factories.complete_request(
        leader=model2["leader"], counterpart=model2["amr"], title="Gammel anmodning"
    )
    new = factories.complete_request(
        leader=model2["leader"], counterpart=model2["amr"], title="Ny anmodning"
    )
    draft = factories.complete_request(
        leader=model2["leader"], counterpart=model2["amr"], title="Kladde der ikke må ses"
    )
    with time_machine.travel(datetime.datetime(2016, 6, 1, 9, 0, tzinfo=CPH), tick=False):
        services.request_submit(request_pk=old.pk, user=model2["leader"])
        services.request_confirm(request_pk=old.pk, user=model2["amr"])
    with time_machine.travel(datetime.datetime(2016, 6, 8, 9, 0, tzinfo=CPH), tick=False):
        services.request_submit(request_pk=new.pk, user=model2["leader"])
        services.request_confirm(request_pk=new.pk, user=model2["amr"])
    client.force_login(model2["staff"])
    with time_machine.travel(datetime.datetime(2016, 6, 11, 12, 0, tzinfo=CPH), tick=False):
        response = client.get(reverse("requests:inbox"))
    content = response.content.decode()
    assert [r.title for r in response.context["requests"]] == ["Gammel anmodning", "Ny anmodning"]
    assert "3 dage overskredet" in content
    assert "4 dage tilbage" in content
    assert draft.title not in content


@pytest.mark.django_db
def test_provider_actions_through_the_page(client, model2):
    request = factories.complete_request(leader=model2["leader"], counterpart=model2["amr"])
    services.request_submit(request_pk=request.pk, user=model2["leader"])
    services.request_confirm(request_pk=request.pk, user=model2["amr"])
    client.force_login(model2["staff"])
    response = client.post(
        reverse("requests:decline", kwargs={"pk": request.pk}), {"reason": "nonsense"}, follow=True
    )
    assert response.status_code == 200
    request.refresh_from_db()
    assert request.status == Status.AT_PROVIDER


@pytest.mark.django_db
def test_emails_go_to_who_acts_next_after_commit(
    client, model2, django_capture_on_commit_callbacks
):
    request = factories.complete_request(leader=model2["leader"], counterpart=model2["amr"])
    client.force_login(model2["leader"])
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("requests:submit", kwargs={"pk": request.pk}))
    assert [message.to for message in mail.outbox] == [[model2["amr"].email]]
    mail.outbox.clear()
    client.force_login(model2["amr"])
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("requests:confirm", kwargs={"pk": request.pk}))
    recipients = {address for message in mail.outbox for address in message.to}
    assert model2["staff"].email in recipients
    assert model2["leader"].email in recipients
    assert model2["other_staff"].email not in recipients
    assert request.title in mail.outbox[-1].subject


@pytest.mark.django_db
def test_failed_action_sends_no_email(client, model2, django_capture_on_commit_callbacks):
    request = factories.complete_request(leader=model2["leader"], counterpart=model2["amr"])
    client.force_login(model2["leader"])
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        client.post(reverse("requests:confirm", kwargs={"pk": request.pk}))
    assert callbacks == []
    assert mail.outbox == []


@pytest.mark.django_db
def test_start_page_lists_what_waits(client, model1):
    request = factories.complete_request(leader=model1["leader"], counterpart=model1["amr"])
    services.request_submit(request_pk=request.pk, user=model1["leader"])
    client.force_login(model1["amr"])
    assert request.title in client.get("/").content.decode()
    services.request_confirm(request_pk=request.pk, user=model1["amr"])
    client.force_login(model1["coordinator"])
    content = client.get("/").content.decode()
    assert "Venter på regionens godkendelse" in content
    assert request.title in content


def _refused_form(html: str) -> dict | None:
    import json
    import re

    found = re.search(r'<script id="refused-form" type="application/json">(.*?)</script>', html)
    return json.loads(found.group(1)) if found else None


@pytest.mark.django_db
def test_a_refused_action_hands_the_form_back_to_the_page_once(client, model2):
    """The request page's small forms post and come back: when the service refuses, the page
    gets what was typed and why (``remember_refused``), for its script to open the form again
    beside the reason (tests/browser/test_dialogue.py shows it in a browser)."""
    request = factories.complete_request(leader=model2["leader"], counterpart=model2["amr"])
    services.request_submit(request_pk=request.pk, user=model2["leader"])
    services.request_confirm(request_pk=request.pk, user=model2["amr"])
    client.force_login(model2["staff"])
    url = reverse("requests:decline", kwargs={"pk": request.pk})
    response = client.post(url, {"reason": "nonsense", "text": "Vi har <b>ikke</b> tid."})
    assert response.status_code == 302
    html = client.get(response.url).content.decode()
    refused = _refused_form(html)
    assert refused["action"] == url
    assert ["text", "Vi har <b>ikke</b> tid."] in refused["data"]
    assert ["reason", "nonsense"] in refused["data"]
    assert not [name for name, _value in refused["data"] if name == "csrfmiddlewaretoken"]
    assert refused["error"] and refused["error"] in html  # the message at the top as well
    assert "<b>ikke</b>" not in html  # JSON in a script element, escaped
    assert _refused_form(client.get(response.url).content.decode()) is None  # once
    # Read away from the form, a message names the field it is about.
    client.post(url, {"text": "Ingen begrundelse valgt"})
    refused = _refused_form(client.get(response.url).content.decode())
    assert refused["error"] == "Begrundelse: Dette felt er påkrævet."
    # An action that goes through leaves nothing behind.
    client.post(url, {"reason": "no_capacity", "text": "Ingen kapacitet"})
    request.refresh_from_db()
    assert request.status == Status.DECLINED
    assert _refused_form(client.get(response.url).content.decode()) is None
