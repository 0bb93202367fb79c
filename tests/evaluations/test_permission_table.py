"""One table: every evaluations view, every role (the ten of ``ROLES``), the status each gets
and — for the actions — whether the database changes. Each role's call runs in a savepoint
that is rolled back, so the roles meet the same state.

Anonymous users are sent to the login (the participant's page excepted: the link is its key);
a request the user may not see answers 404 as if it were not there; a page the user sees the
request of, but may not use, answers 403; an action refused after the request check redirects
back with a message and changes nothing.
"""

import datetime

import pytest
from django.db import transaction
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from evaluations.models import DeliveryReport, EvaluationRound, ProgrammeExperience
from providers.models import Programme
from tests.evaluations.conftest import ROLES, link, post_data
from tests.evaluations.results_data import add_responses

pytestmark = pytest.mark.django_db

LOGIN = "login"
ALL = dict.fromkeys(ROLES, 200)


def table(default, **roles):
    """Statuses for every role: anonymous → login, then ``default``, then the exceptions."""
    return {role: roles.get(role, default) for role in ROLES} | {"anonymous": LOGIN}


UNSEEN = {"outsider": 404, "other_staff": 404, "other_coordinator": 404}
LOCAL_ONLY_PAGE = table(403, leader=200, amr=200, colleague=200, **UNSEEN)
ROUND_ACTION = table(302, **UNSEEN)
ACROSS = table(404, staff=200, other_staff=200, coordinator=200, other_coordinator=200, central=200)
LATER = (timezone.localdate() + datetime.timedelta(days=30)).isoformat()
EXPERIENCE = {"worked_well": "Korte veje", "challenges": "", "model_choice": ""}
EXPERIENCE |= {"recommendations": "", "discussed_on": ""}
REPORT_DATA = {"delivered": "To workshops", "hours": "7,5", "participants": "18"}

# view: (method, url from the setup, POST data, statuses, roles whose call changes the data)
VIEWS = {
    "answer": ("get", lambda s: link(s["immediate"]), None, ALL, set()),
    "handout": ("get", lambda s: _round("handout", s["immediate"]), None, LOCAL_ONLY_PAGE, set()),
    "extend": (
        "post",
        lambda s: _round("extend", s["immediate"]),
        {"closes_on": LATER},
        ROUND_ACTION,
        {"leader", "amr", "colleague"},
    ),
    "close": (
        "post",
        lambda s: _round("close", s["immediate"]),
        {},
        ROUND_ACTION,
        {"leader", "amr", "colleague"},
    ),
    "renew_link": (
        "post",
        lambda s: _round("renew_link", s["immediate"]),
        {},
        ROUND_ACTION,
        {"leader", "amr", "colleague"},
    ),
    "reopen": (
        "post",
        lambda s: _round("reopen", s["closed_empty"]),
        {"closes_on": LATER},
        ROUND_ACTION,
        {"leader", "amr", "colleague"},
    ),
    "delivery_report": (
        "get",
        lambda s: reverse("evaluations:delivery_report", args=[s["request"].pk]),
        None,
        table(403, staff=200, **UNSEEN),
        set(),
    ),
    "delivery_report_post": (
        "post",
        lambda s: reverse("evaluations:delivery_report", args=[s["request"].pk]),
        REPORT_DATA,
        table(403, staff=302, **UNSEEN),
        {"staff"},
    ),
    "request_results": (
        "get",
        lambda s: reverse("evaluations:request_results", args=[s["request"].pk]),
        None,
        table(200, **UNSEEN),
        set(),
    ),
    "results": ("get", lambda s: reverse("evaluations:results"), None, ACROSS, set()),
    "results_export_csv": (
        "get",
        lambda s: reverse("evaluations:results_export", args=["csv"]),
        None,
        ACROSS,
        set(),
    ),
    "results_export_xlsx": (
        "get",
        lambda s: reverse("evaluations:results_export", args=["xlsx"]),
        None,
        ACROSS,
        set(),
    ),
    "programmes": (
        "get",
        lambda s: reverse("evaluations:programmes"),
        None,
        table(404, coordinator=200, other_coordinator=200, central=200),
        set(),
    ),
    "programme_report": (
        "get",
        lambda s: reverse("evaluations:programme_report", args=[s["programme"].pk]),
        None,
        table(404, central=200),
        set(),
    ),
    "programme_report_pdf": (
        "get",
        lambda s: reverse("evaluations:programme_report_pdf", args=[s["programme"].pk]),
        None,
        table(404, central=200),
        set(),
    ),
    "experience_edit": (
        "get",
        lambda s: _experience(s),
        None,
        table(404, coordinator=200),
        set(),
    ),
    "experience_edit_post": (
        "post",
        lambda s: _experience(s),
        EXPERIENCE,
        table(404, coordinator=302),
        {"coordinator"},
    ),
}


def _round(name, round):
    return reverse(f"evaluations:{name}", args=[round.pk])


def _experience(setup):
    return reverse("evaluations:experience_edit", args=[setup["programme"].pk, "sjaelland"])


def snapshot():
    return (
        list(EvaluationRound.objects.order_by("pk").values()),
        list(DeliveryReport.objects.values()),
        list(ProgrammeExperience.objects.values()),
    )


@pytest.fixture
def setup(delivered):
    today = timezone.localdate()
    add_responses(delivered["immediate"], 3, text="Godt")
    # The follow-up, closed without responses, for the reopen row.
    EvaluationRound.objects.filter(pk=delivered["follow_up"].pk).update(
        opens_at=timezone.now() - datetime.timedelta(days=2),
        closed_at=timezone.now() - datetime.timedelta(days=1),
        closed_without_responses=True,
    )
    programme = Programme.objects.create(
        name="Prøveprogram",
        starts_on=today - datetime.timedelta(days=200),
        ends_on=today + datetime.timedelta(days=200),
    )
    return {**delivered, "closed_empty": delivered["follow_up"], "programme": programme}


def test_every_view_and_role_is_in_the_table():
    from evaluations import urls

    names = {pattern.name for pattern in urls.urlpatterns}
    tabled = {
        name.removesuffix("_post").removesuffix("_csv").removesuffix("_xlsx") for name in VIEWS
    }
    assert names == tabled
    assert len(ROLES) == 10
    assert all(set(statuses) == set(ROLES) for _m, _u, _d, statuses, _c in VIEWS.values())


@pytest.mark.parametrize("view", VIEWS)
def test_every_role(setup, view):
    method, url_of, data, statuses, changers = VIEWS[view]
    url = url_of(setup)
    if view == "answer":  # the participant posts too: a fresh browser, any role, one answer
        data = post_data(setup["immediate"])
    before = snapshot()
    seen = {}
    for role in ROLES:
        client = Client()
        if setup[role] is not None:
            client.force_login(setup[role])
        with transaction.atomic():
            response = getattr(client, method)(url, data) if data is not None else client.get(url)
            changed = snapshot() != before
            transaction.set_rollback(True)
        seen[role] = (response.status_code, changed)
        if statuses[role] == LOGIN:
            assert response.status_code == 302, role
            assert response["Location"].startswith(reverse("account_login")), role
        else:
            assert response.status_code == statuses[role], (role, response.status_code)
        assert changed == (role in changers), role
    assert len(seen) == 10
