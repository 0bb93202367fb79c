"""The programme's final evaluation: the coordinators' form, the central parties' report and
its PDF (001 section 7)."""

import datetime
import subprocess

import pytest
from django.utils import timezone

from evaluations.models import ProgrammeExperience
from evaluations.selectors.programme import deadline_performance, programme_report
from evaluations.services.experience import programme_experience_save
from providers.models import Programme
from requests_app.services.base import RequestError
from tests import factories
from tests.evaluations.results_data import add_responses

pytestmark = pytest.mark.django_db

HTML = '<script>alert("x")</script><b>fedt</b>'


@pytest.fixture
def programme(db):
    today = timezone.localdate()
    return Programme.objects.create(
        name="Prøveprogram 2026",
        starts_on=today - datetime.timedelta(days=200),
        ends_on=today + datetime.timedelta(days=200),
    )


def edit_url(programme, slug="sjaelland"):
    return f"/evaluering/programevaluering/{programme.pk}/region/{slug}/"


def report_url(programme, pdf=False):
    return f"/evaluering/programevaluering/{programme.pk}/" + ("pdf/" if pdf else "")


def login(client, user):
    if user is not None:
        client.force_login(user)


DATA = {
    "worked_well": "Korte veje til eksperterne",
    "challenges": HTML,
    "model_choice": "",
    "recommendations": "",
    "discussed_on": "",
}


# --- The list of programmes ---

PROGRAMMES = {
    "leader": 404,
    "staff": 404,
    "outsider": 404,
    "coordinator": 200,
    "other_coordinator": 200,
    "central": 200,
}


@pytest.mark.parametrize("role", ["anonymous", *PROGRAMMES])
def test_programmes_permissions(client, people, programme, role):
    login(client, people[role])
    response = client.get("/evaluering/programevaluering/")
    if role == "anonymous":
        assert response.status_code == 302 and "/accounts/login/" in response["Location"]
        return
    assert response.status_code == PROGRAMMES[role]
    if response.status_code != 200:
        return
    body = response.content.decode()
    assert (edit_url(programme) in body) is (role == "coordinator")
    assert (edit_url(programme, "hovedstaden") in body) is (role == "other_coordinator")
    assert (f'href="{report_url(programme)}"' in body) is (role == "central")


def test_programmes_are_paginated(client, people, programme, settings):
    settings.PAGE_SIZE = 1
    login(client, people["coordinator"])
    first = client.get("/evaluering/programevaluering/").content.decode()
    assert edit_url(programme) in first and "Side 1 af" in first
    second = client.get("/evaluering/programevaluering/?page=2").content.decode()
    assert edit_url(programme) not in second


# --- The coordinator's form ---

EDIT = {
    "leader": 404,
    "staff": 404,
    "coordinator": 200,
    "other_coordinator": 404,
    "central": 404,
}


@pytest.mark.parametrize("role", ["anonymous", *EDIT])
def test_experience_form_permissions(client, people, programme, role):
    login(client, people[role])
    response = client.get(edit_url(programme))
    if role == "anonymous":
        assert response.status_code == 302 and "/accounts/login/" in response["Location"]
    else:
        assert response.status_code == EDIT[role]
    response = client.post(edit_url(programme), DATA)
    assert response.status_code in (302, 404)
    saved = ProgrammeExperience.objects.filter(programme=programme).exists()
    assert saved is (role == "coordinator")


def test_wrong_programme_or_region_is_404(client, people, programme):
    login(client, people["coordinator"])
    assert client.get("/evaluering/programevaluering/999999/region/sjaelland/").status_code == 404
    assert client.get(edit_url(programme, "atlantis")).status_code == 404


def test_coordinator_saves_and_edits(client, people, programme):
    coordinator = people["coordinator"]
    login(client, coordinator)
    response = client.post(edit_url(programme), {**DATA, "discussed_on": "2026-06-01"})
    assert response.status_code == 302
    experience = ProgrammeExperience.objects.get(programme=programme)
    assert experience.worked_well == "Korte veje til eksperterne"
    assert experience.discussed_on == datetime.date(2026, 6, 1)
    assert experience.written_by == coordinator
    # The form comes back filled in; a second coordinator's save replaces, never duplicates.
    assert "Korte veje til eksperterne" in client.get(edit_url(programme)).content.decode()
    colleague = factories.CoordinatorFactory(region=factories.region("sjaelland")).user
    programme_experience_save(
        programme=programme,
        region=factories.region("sjaelland"),
        user=colleague,
        data={**DATA, "recommendations": "Fortsæt"},
    )
    experience.refresh_from_db()
    assert ProgrammeExperience.objects.count() == 1
    assert experience.recommendations == "Fortsæt" and experience.written_by == colleague


@pytest.mark.parametrize(
    "data, message",
    [
        ({}, "Skriv mindst én af erfaringerne."),
        ({"worked_well": "x" * 4001}, "4000"),
        ({"worked_well": "Godt", "discussed_on": "i går"}, "Indtast en gyldig dato."),
    ],
)
def test_bad_input_gets_a_danish_message_and_changes_nothing(
    client, people, programme, data, message
):
    login(client, people["coordinator"])
    response = client.post(edit_url(programme), data)
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not ProgrammeExperience.objects.exists()


def test_a_text_too_long_is_not_also_called_missing(client, people, programme):
    login(client, people["coordinator"])
    body = client.post(edit_url(programme), {"worked_well": "x" * 4001}).content.decode()
    assert "4000" in body and "Skriv mindst én af erfaringerne." not in body


def test_service_refuses_others_and_empty(people, programme):
    region = factories.region("sjaelland")
    with pytest.raises(RequestError):
        programme_experience_save(
            programme=programme, region=region, user=people["other_coordinator"], data=DATA
        )
    with pytest.raises(RequestError, match="Skriv mindst"):
        programme_experience_save(
            programme=programme, region=region, user=people["coordinator"], data={}
        )
    assert not ProgrammeExperience.objects.exists()


# --- The central parties' report ---

REPORT = {
    "leader": 404,
    "staff": 404,
    "coordinator": 404,
    "other_coordinator": 404,
    "central": 200,
}


@pytest.mark.parametrize("pdf", [False, True])
@pytest.mark.parametrize("role", ["anonymous", *REPORT])
def test_report_permissions(client, people, programme, role, pdf):
    login(client, people[role])
    response = client.get(report_url(programme, pdf))
    if role == "anonymous":
        assert response.status_code == 302 and "/accounts/login/" in response["Location"]
    else:
        assert response.status_code == REPORT[role]


def test_report_wrong_programme_is_404(client, people):
    login(client, people["central"])
    assert client.get("/evaluering/programevaluering/999999/").status_code == 404


@pytest.fixture
def reported(delivered, programme):
    """The delivered request (inside the programme) with answers and Sjælland's texts."""
    add_responses(delivered["immediate"], 3, value=4)
    programme_experience_save(
        programme=programme,
        region=factories.region("sjaelland"),
        user=delivered["coordinator"],
        data=DATA,
    )
    return delivered


def test_report_combines_rates_averages_deadlines_and_texts(client, reported, programme):
    report = programme_report(reported["central"], programme)
    assert report.summary.total.responses == 3
    [nfa] = report.summary.by_provider
    assert nfa.subject.slug == "nfa" and {a for a in nfa.average_list if a is not None} == {4}
    [deadlines] = report.deadlines
    assert deadlines.provider.slug == "nfa" and deadlines.reached == 1
    assert deadlines.dialogue_share == 100 and deadlines.contract_share == 100
    assert report.recorded == 1 and len(report.experiences) == 5
    login(client, reported["central"])
    body = client.get(report_url(programme)).content.decode()
    assert "Korte veje til eksperterne" in body
    assert HTML not in body and "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;" in body
    assert "Regionen har endnu ikke skrevet sine erfaringer." in body
    assert "4,00" in body and "100,0 %" in body


def test_report_pdf_shows_html_as_text(client, reported, programme, tmp_path):
    login(client, reported["central"])
    response = client.get(report_url(programme, pdf=True))
    assert response["Content-Type"] == "application/pdf"
    path = tmp_path / "report.pdf"
    path.write_bytes(response.content)
    text = subprocess.run(
        ["pdftotext", "-layout", str(path), "-"], capture_output=True, text=True, check=True
    ).stdout
    assert "Afsluttende evaluering af Prøveprogram 2026" in text
    assert "Korte veje til eksperterne" in text
    # Escaped, the markup is printed as it was typed, not run or rendered.
    assert '<script>alert("x")</script><b>fedt</b>' in text


def test_late_deadlines_count_as_late(reported, programme):
    request = reported["request"]
    request.dialogue_due = request.reached_provider_at - datetime.timedelta(days=3)
    request.save(update_fields=["dialogue_due"])
    [row] = deadline_performance(programme)
    assert row.dialogue_late == 1 and row.dialogue_share == 0


def test_report_queries_do_not_grow(client, reported, programme):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    login(client, reported["central"])
    client.get(report_url(programme))

    def count():
        with CaptureQueriesContext(connection) as context:
            assert client.get(report_url(programme)).status_code == 200
        return len(context)

    few = count()
    add_responses(reported["immediate"], 57, value=2)
    assert count() == few <= 25


def test_report_shows_delivery_and_evaluation_deadlines(client, reported, programme, tmp_path):
    from evaluations.services.rounds import round_close
    from requests_app.models import Deadline

    request = reported["request"]
    # The immediate round answered and closed: its deadline is met on time; the delivery was
    # attested today, long after its planned day in 2016 (the factory's): late; the follow-up
    # has not opened yet.
    round_close(round_pk=reported["immediate"].pk, user=reported["leader"])
    [row] = deadline_performance(programme)
    assert (row.delivery_on_time, row.delivery_late, row.delivery_share) == (0, 1, 0)
    assert (row.evaluation_on_time, row.evaluation_late) == (1, 0)
    assert (row.follow_up_on_time, row.follow_up_late, row.follow_up_share) == (0, 0, None)
    # Past its due time and still open, the follow-up counts as late.
    follow_up_due = Deadline.objects.get(request=request, kind="follow_up").due_at
    [row] = deadline_performance(programme, now=follow_up_due + datetime.timedelta(hours=1))
    assert (row.follow_up_on_time, row.follow_up_late, row.follow_up_share) == (0, 1, 0)

    login(client, reported["central"])
    body = client.get(report_url(programme)).content.decode()
    table = body[body.index('id="report-later-deadlines"') :]
    table = table[: table.index("</table>")]
    for label in ("Levering attesteret", "Umiddelbar evaluering", "Opfølgende evaluering"):
        assert f"<td>{label}</td>" in table
    assert "<td>1</td><td>0</td><td>100,0 %</td>" in table  # the immediate evaluation
    response = client.get(report_url(programme, pdf=True))
    path = tmp_path / "report.pdf"
    path.write_bytes(response.content)
    text = subprocess.run(
        ["pdftotext", "-layout", str(path), "-"], capture_output=True, text=True, check=True
    ).stdout
    lines = {" ".join(line.split()) for line in text.splitlines()}
    assert "Udbyder Fristtype Til tiden For sent Andel til tiden" in lines
    assert "Umiddelbar evaluering 1 0 100,0 %" in lines
    assert "Opfølgende evaluering 0 0 –" in lines
