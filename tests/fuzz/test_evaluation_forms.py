"""Issue 16: the evaluation's forms under arbitrary input, through their pages: the participants'
questionnaire on the public answer page, the provider's delivery report, the local parties'
extension, closing and new link of a round, the hand-out page, and the coordinators' account of
the main committee's experiences. No 500, and a refusal stores nothing."""

import pytest
from django.urls import reverse
from hypothesis import given
from hypothesis import strategies as st

from evaluations.selectors.rounds import questions_of
from providers.models import Programme
from tests.evaluations.conftest import delivered, link, post_data  # noqa: F401
from tests.fuzz.helpers import FUZZ, odd, post_checked
from tests.requests_app.conftest import people  # noqa: F401

extra = st.dictionaries(
    st.sampled_from(["closes_on", "state", "token", "pk", "round"]), odd, max_size=3
)


def round_url(name, round):
    return reverse(name, kwargs={"pk": round.pk})


@pytest.mark.django_db
@FUZZ
@given(data=st.data())
def test_the_participants_questionnaire(client, delivered, data):  # noqa: F811
    round = delivered["immediate"]
    url = link(round)
    valid = post_data(round)
    answers = {}
    for question in questions_of(round.version_id):
        name = f"q{question.pk}"
        # A valid answer, an odd one, a list of odd ones, or none at all.
        answers[name] = data.draw(
            st.one_of(st.just(valid[name]), odd, st.lists(odd, max_size=3), st.just(None)),
            label=name,
        )
    answers = {name: value for name, value in answers.items() if value is not None}
    answers.update(data.draw(st.dictionaries(odd, odd, max_size=2), label="unknown fields"))
    client.cookies.clear()  # no "already answered" cookie from an earlier example
    post_checked(client, url, answers)


@pytest.mark.django_db
@FUZZ
@given(token=odd)
def test_the_answer_page_with_any_token(client, delivered, token):  # noqa: F811
    # The URL takes any text but "/"; a wrong one is a 404, never a 500.
    token = token.replace("/", "").strip() or "x"
    url = reverse("evaluations:answer", kwargs={"token": token})
    assert client.get(url).status_code < 500
    post_checked(client, url, {"q1": token})


@pytest.mark.django_db
@FUZZ
@given(delivered_=odd, hours=odd, participants=odd, materials=odd)
def test_the_delivery_report_form(client, delivered, delivered_, hours, participants, materials):  # noqa: F811
    client.force_login(delivered["staff"])
    url = reverse("evaluations:delivery_report", kwargs={"pk": delivered["request"].pk})
    data = {
        "delivered": delivered_,
        "hours": hours,
        "participants": participants,
        "materials": materials,
    }
    post_checked(client, url, data)


@pytest.mark.django_db
@FUZZ
@given(closes_on=odd, action=st.sampled_from(["evaluations:extend", "evaluations:reopen"]))
def test_extending_and_reopening_a_round(client, delivered, closes_on, action):  # noqa: F811
    client.force_login(delivered["leader"])
    url = round_url(action, delivered["immediate"])
    post_checked(client, url, {"closes_on": closes_on})


@pytest.mark.django_db
@FUZZ
@given(
    data=extra,
    action=st.sampled_from(["evaluations:close", "evaluations:renew_link"]),
    kind=st.sampled_from(["immediate", "follow_up"]),
)
def test_closing_a_round_and_renewing_its_link(client, delivered, data, action, kind):  # noqa: F811
    client.force_login(delivered["amr"])
    post_checked(client, round_url(action, delivered[kind]), data)


@pytest.mark.django_db
@FUZZ
@given(query=st.dictionaries(odd, odd, max_size=3))
def test_the_handout_page_with_any_query(client, delivered, query):  # noqa: F811
    client.force_login(delivered["leader"])
    response = client.get(round_url("evaluations:handout", delivered["immediate"]), query)
    assert response.status_code == 200


@pytest.mark.django_db
@FUZZ
@given(
    texts=st.fixed_dictionaries(
        {
            "worked_well": odd,
            "challenges": odd,
            "model_choice": odd,
            "recommendations": odd,
            "discussed_on": odd,
        }
    )
)
def test_the_main_committees_experiences_form(client, people, texts):  # noqa: F811
    client.force_login(people["coordinator"])
    programme = Programme.objects.order_by("pk").first()
    url = reverse("evaluations:experience_edit", kwargs={"pk": programme.pk, "region": "sjaelland"})
    post_checked(client, url, texts)
