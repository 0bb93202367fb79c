"""Issue 16: the forms central users and coordinators reach outside the request, under arbitrary
input: the invitation of a user with a role, confirming a pending member, and the admin pages
the central parties use (a new user, the budget period with its frames, a questionnaire version
with its questions). Each admin page is posted as the browser would send it back, with fuzzed
values in place of the real ones. No 500, and a refusal stores nothing."""

import pytest
from django.urls import reverse
from hypothesis import example, given
from hypothesis import strategies as st

from evaluations.models import QuestionnaireVersion, RoundKind
from providers.models import BudgetPeriod, Provider
from tests import factories
from tests.accounts.admin_helpers import central_admin, post_data
from tests.fuzz.helpers import FUZZ, odd, post_checked
from tests.requests_app.test_invoices import concluded  # noqa: F401

ids = st.one_of(odd, st.integers(min_value=-1, max_value=2**70).map(str))
management = st.one_of(odd, st.sampled_from(["0", "1", "2", "1001", "-1"]))


@pytest.mark.django_db
@FUZZ
@example(
    fields={
        "email": "ny@example.dk",
        "first_name": "Ny",
        "last_name": "Bruger",
        "role": "coordinator",
        "workplace": "",
        "region": "1",
        "provider": "",
        "party": "",
    }
)
@given(
    fields=st.fixed_dictionaries(
        {
            "email": st.one_of(odd, st.emails().map(str)),
            "first_name": odd,
            "last_name": odd,
            "role": st.one_of(
                odd, st.sampled_from(["leader", "amr", "coordinator", "provider", "central"])
            ),
            "workplace": ids,
            "region": ids,
            "provider": ids,
            "party": odd,
        }
    )
)
def test_invite_form(client, central, fields):
    client.force_login(central)
    post_checked(client, reverse("invite_user"), fields)


@pytest.fixture
def pending(model2):
    """A member a leader invited, waiting for the region's coordinator."""
    membership = factories.MembershipFactory(
        workplace=model2["workplace"], role="tr", confirmed_at=None, invited_by=model2["leader"]
    )
    return {**model2, "membership": membership}


@pytest.mark.django_db
@FUZZ
@given(
    pk=st.one_of(st.none(), st.integers(min_value=0, max_value=2**70)),
    data=st.dictionaries(odd, odd, max_size=3),
)
def test_member_confirm_with_any_id_and_payload(client, pending, pk, data):
    client.force_login(pending["coordinator"])
    pk = pending["membership"].pk if pk is None else pk
    post_checked(client, reverse("member_confirm", kwargs={"pk": pk}), data)


@pytest.fixture
def admin_client(client, db):
    client.force_login(central_admin())
    return client


def page_data(client, url) -> dict:
    page = client.get(url)
    assert page.status_code == 200
    return post_data(page)


@pytest.mark.django_db
@FUZZ
@example(email="ny@example.dk", first="Ny", last="Bruger", membership=None)
# Text in the autocomplete's id field once made the page's second rendering raise (a 500).
@example(email="ny@example.dk", first="Ny", last="Bruger", membership=("1", ":", "leader"))
@given(
    email=st.one_of(odd, st.emails().map(str)),
    first=odd,
    last=odd,
    membership=st.one_of(
        st.none(), st.tuples(management, ids, st.one_of(odd, st.sampled_from(["leader", "amr"])))
    ),
)
def test_admin_user_creation_form(admin_client, email, first, last, membership):
    url = reverse("admin:accounts_user_add")
    data = page_data(admin_client, url)
    data.update({"email": email, "first_name": first, "last_name": last})
    if membership is not None:
        total, workplace, role = membership
        data.update(
            {
                "memberships-TOTAL_FORMS": total,
                "memberships-0-workplace": workplace,
                "memberships-0-role": role,
            }
        )
    post_checked(admin_client, url, data)


def _provider_staff_page(client):
    provider = Provider.objects.get(slug="nfa")
    url = reverse("admin:providers_provider_change", args=[provider.pk])
    data = page_data(client, url)
    data.update({"staff-TOTAL_FORMS": "1", "staff-0-provider": provider.pk})
    return url, data, "staff-0-user"


def _workplace_page(client):
    url = reverse("admin:accounts_workplace_add")
    data = page_data(client, url)
    data.update({"name": "Ny arbejdsplads", "region": "1", "kind": "other"})
    return url, data, "parent"


def _user_page(client):
    url = reverse("admin:accounts_user_add")
    data = page_data(client, url)
    data.update({"email": "ny@example.dk", "memberships-TOTAL_FORMS": "1"})
    return url, data, "memberships-0-workplace"


@pytest.mark.django_db
@pytest.mark.parametrize("page", [_user_page, _workplace_page, _provider_staff_page])
@pytest.mark.parametrize("value", [":", "Ærø", "9" * 30, "-1"])
def test_no_autocomplete_field_fails_on_a_value_that_is_no_id(admin_client, page, value):
    url, data, field = page(admin_client)
    data[field] = value
    response = post_checked(admin_client, url, data)
    assert response.status_code == 200
    assert response.context["errors"]


@pytest.mark.django_db
@FUZZ
@example(amount="1.000,00", provider=None, total=None, dates=("2016-04-01", "2017-03-31"))
@given(
    amount=st.one_of(odd, st.decimals(allow_nan=False, places=2).map(str)),
    provider=st.one_of(st.none(), ids),
    total=st.one_of(st.none(), management),
    dates=st.tuples(odd, odd),
)
def test_budget_period_and_frame_admin_forms(
    admin_client,
    concluded,  # noqa: F811
    amount,
    provider,
    total,
    dates,
):
    # NFA's frame holds the concluded 12.500 kr. contract: it may not go below that, nor move.
    period = BudgetPeriod.objects.get(pk=concluded["frame"].period_id)
    url = reverse("admin:providers_budgetperiod_change", args=[period.pk])
    data = page_data(admin_client, url)
    nfa = Provider.objects.get(slug="nfa").pk
    index = next(key for key, value in data.items() if key.endswith("-provider") and value == nfa)
    prefix = index.removesuffix("provider")
    data[f"{prefix}amount"] = amount
    if provider is not None:
        data[f"{prefix}provider"] = provider
    if total is not None:
        data["frames-TOTAL_FORMS"] = total
    data["starts_on"], data["ends_on"] = dates
    post_checked(admin_client, url, data)


@pytest.mark.django_db
@FUZZ
@given(
    intro=odd,
    question=st.fixed_dictionaries(
        {
            "order": st.one_of(odd, st.integers().map(str)),
            "code": odd,
            "kind": st.one_of(odd, st.sampled_from(["scale5", "text", "choice", "multiple"])),
            "text_da": odd,
            "required": st.sampled_from(["on", "", "x"]),
        }
    ),
    total=st.one_of(st.none(), management),
)
def test_questionnaire_version_admin_form(admin_client, intro, question, total):
    version = QuestionnaireVersion.objects.get(questionnaire__kind=RoundKind.IMMEDIATE, number=1)
    url = reverse("admin:evaluations_questionnaireversion_change", args=[version.pk])
    data = page_data(admin_client, url)
    data["intro_da"] = intro
    data.update({f"questions-0-{name}": value for name, value in question.items()})
    if total is not None:
        data["questions-TOTAL_FORMS"] = total
    post_checked(admin_client, url, data)
