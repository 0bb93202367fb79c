"""Issue 10, point 1 and 13: what a central party may do to users in the admin.

Every admin view on users is tried as a central user: the user change form, the password
form, the role inlines, deletion; and provider staff through the provider's page.
"""

import re

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse

from accounts.models import Membership, RegionalCoordinator, RoleChange
from providers.models import ProviderStaff
from tests import factories
from tests.accounts.admin_helpers import central_admin, post_data

User = get_user_model()


@pytest.fixture
def central_user(db):
    return central_admin()


@pytest.fixture
def admin_client(client, central_user):
    client.force_login(central_user)
    return client


@pytest.fixture
def super_client(client_factory, superuser):
    other = client_factory()
    other.force_login(superuser)
    return other


def change_url(user):
    return reverse("admin:accounts_user_change", args=[user.pk])


def password_url(user):
    return reverse("admin:auth_user_password_change", args=[user.pk])


@pytest.mark.django_db
@pytest.mark.parametrize("target", ["superuser", "leader", "self", "other_central"])
def test_central_user_may_never_change_a_password(admin_client, central_user, superuser, target):
    subject = {
        "superuser": superuser,
        "leader": factories.MembershipFactory().user,
        "self": central_user,
        "other_central": central_admin(),
    }[target]
    before = User.objects.get(pk=subject.pk).password
    url = reverse("admin:auth_user_password_change", args=[subject.pk])
    assert admin_client.get(url).status_code == 403
    response = admin_client.post(
        url, {"password1": "Overtaget-kode-2024", "password2": "Overtaget-kode-2024"}
    )
    assert response.status_code == 403
    assert User.objects.get(pk=subject.pk).password == before


@pytest.mark.django_db
def test_superuser_still_changes_passwords(super_client, superuser):
    leader = factories.MembershipFactory().user
    url = reverse("admin:auth_user_password_change", args=[leader.pk])
    response = super_client.post(
        url,
        {
            "password1": "Ny-kode-til-leder-1",
            "password2": "Ny-kode-til-leder-1",
            "usable_password": "true",
        },
    )
    assert response.status_code == 302
    leader.refresh_from_db()
    assert leader.check_password("Ny-kode-til-leder-1")


@pytest.mark.django_db
@pytest.mark.parametrize("target", ["superuser", "staff", "self", "other_central"])
def test_central_user_sees_privileged_accounts_read_only(
    admin_client, super_client, central_user, superuser, target
):
    subject = {
        "superuser": superuser,
        "staff": factories.UserFactory(is_staff=True),
        "self": central_user,
        "other_central": central_admin(),
    }[target]
    page = admin_client.get(change_url(subject))
    assert page.status_code == 200
    html = page.content.decode()
    assert 'name="email"' not in html
    assert "password/" not in html  # no link to the password form
    assert 'name="coordinator_roles-__prefix__-region"' not in html

    # What a superuser's form would send, with a new e-mail address and a coordinator role.
    data = post_data(super_client.get(change_url(subject)))
    data["email"] = "angriber@example.dk"
    data["coordinator_roles-TOTAL_FORMS"] = "1"
    data["coordinator_roles-0-region"] = str(factories.region().pk)
    data["coordinator_roles-0-user"] = str(subject.pk)
    response = admin_client.post(change_url(subject), data)
    assert response.status_code == 403
    subject.refresh_from_db()
    assert subject.email != "angriber@example.dk"
    assert not RegionalCoordinator.objects.filter(user=subject).exists()
    assert not RoleChange.objects.exists()


@pytest.mark.django_db
def test_central_user_may_not_delete_privileged_accounts(admin_client, central_user, superuser):
    for subject in (superuser, central_user, factories.UserFactory(is_staff=True)):
        url = reverse("admin:accounts_user_delete", args=[subject.pk])
        assert admin_client.get(url).status_code == 403
        assert admin_client.post(url, {"post": "yes"}).status_code == 403
        assert User.objects.filter(pk=subject.pk).exists()


@pytest.mark.django_db
def test_bulk_delete_is_not_offered(admin_client, super_client, superuser):
    for client in (admin_client, super_client):
        page = client.get(reverse("admin:accounts_user_changelist"))
        assert page.status_code == 200
        assert "delete_selected" not in page.content.decode()
    response = admin_client.post(
        reverse("admin:accounts_user_changelist"),
        {"action": "delete_selected", "_selected_action": [superuser.pk], "post": "yes"},
    )
    assert User.objects.filter(pk=superuser.pk).exists()
    assert response.status_code in (200, 302)


@pytest.mark.django_db
def test_central_user_changes_a_workplace_members_roles_and_it_is_logged(
    admin_client, central_user
):
    leader = factories.MembershipFactory().user
    data = post_data(admin_client.get(change_url(leader)))
    data["coordinator_roles-TOTAL_FORMS"] = "1"
    data["coordinator_roles-0-region"] = str(factories.region().pk)
    data["coordinator_roles-0-user"] = str(leader.pk)
    response = admin_client.post(change_url(leader), data)
    assert response.status_code == 302, response.context and response.context["errors"]
    assert RegionalCoordinator.objects.filter(user=leader).exists()
    change = RoleChange.objects.get()
    assert (change.actor, change.subject, change.action, change.kind) == (
        central_user,
        leader,
        RoleChange.Action.GRANTED,
        RoleChange.Kind.COORDINATOR,
    )
    assert change.role_key == f"coordinator:{factories.region().pk}"

    # Changing the membership's role is a revocation of the old and a grant of the new.
    data = post_data(admin_client.get(change_url(leader)))
    data["memberships-0-role"] = Membership.Role.MED
    data["coordinator_roles-0-DELETE"] = "on"
    response = admin_client.post(change_url(leader), data)
    assert response.status_code == 302
    assert not RegionalCoordinator.objects.filter(user=leader).exists()
    assert leader.memberships.get().role == Membership.Role.MED
    log = {
        (c.action, c.role_key.split(":")[0], c.role_key.split(":")[-1])
        for c in RoleChange.objects.all()
    }
    assert log >= {
        ("revoked", "coordinator", str(factories.region().pk)),
        ("revoked", "membership", "leader"),
        ("granted", "membership", "med"),
    }
    assert RoleChange.objects.count() == 4


@pytest.mark.django_db
def test_central_user_may_not_change_a_members_email(admin_client):
    leader = factories.MembershipFactory().user
    data = post_data(admin_client.get(change_url(leader)))
    assert "email" not in data
    data["email"] = "angriber@example.dk"
    data["first_name"] = "Nyt"
    assert admin_client.post(change_url(leader), data).status_code == 302
    leader.refresh_from_db()
    assert leader.first_name == "Nyt"
    assert leader.email != "angriber@example.dk"


@pytest.mark.django_db
def test_central_user_adds_a_user_without_a_password(admin_client):
    page = admin_client.get(reverse("admin:accounts_user_add"))
    assert page.status_code == 200
    assert 'name="password1"' not in page.content.decode()
    response = admin_client.post(
        reverse("admin:accounts_user_add"),
        {
            "email": "Ny@Example.dk",
            "first_name": "Ny",
            "last_name": "Bruger",
            "password1": "Kendt-kode-123",
            "password2": "Kendt-kode-123",
            **{
                f"{prefix}-{key}": "0"
                for prefix in ("memberships", "coordinator_roles")
                for key in ("TOTAL_FORMS", "INITIAL_FORMS")
            },
        },
    )
    assert response.status_code == 302
    user = User.objects.get(email="ny@example.dk")
    assert not user.has_usable_password()
    assert not user.is_staff


@pytest.mark.django_db
def test_central_user_may_not_make_themself_or_a_superuser_provider_staff(
    admin_client, super_client, central_user, superuser
):
    nfa = factories.provider("nfa")
    url = reverse("admin:providers_provider_change", args=[nfa.pk])
    base = post_data(super_client.get(url))
    for subject in (central_user, superuser):
        data = dict(base)
        total = int(data["staff-TOTAL_FORMS"])
        data["staff-TOTAL_FORMS"] = str(total + 1)
        data[f"staff-{total}-user"] = str(subject.pk)
        data[f"staff-{total}-provider"] = str(nfa.pk)
        response = admin_client.post(url, data)
        assert response.status_code == 200  # the form again, with an error
        assert not ProviderStaff.objects.filter(user=subject).exists()
    assert not RoleChange.objects.exists()


@pytest.mark.django_db
def test_central_user_may_not_remove_a_privileged_users_provider_role(
    admin_client, super_client, superuser
):
    nfa = factories.provider("nfa")
    factories.ProviderStaffFactory(user=superuser, provider=nfa)
    url = reverse("admin:providers_provider_change", args=[nfa.pk])
    data = post_data(super_client.get(url))
    row = next(
        key.rsplit("-", 1)[0]
        for key, value in data.items()
        if key.startswith("staff-") and key.endswith("-user") and str(value) == str(superuser.pk)
    )
    data[f"{row}-DELETE"] = "on"
    response = admin_client.post(url, data)
    assert response.status_code == 200
    assert "privilegeret" in response.content.decode()
    assert ProviderStaff.objects.filter(user=superuser).exists()


def add_staff(client, provider, person):
    """Post the provider's admin page with ``person`` added as staff."""
    url = reverse("admin:providers_provider_change", args=[provider.pk])
    data = post_data(client.get(url))
    total = int(data["staff-TOTAL_FORMS"])
    data["staff-TOTAL_FORMS"] = str(total + 1)
    data[f"staff-{total}-user"] = str(person.pk)
    data[f"staff-{total}-provider"] = str(provider.pk)
    return client.post(url, data)


@pytest.mark.django_db
def test_provider_staff_added_in_the_admin_is_logged(admin_client, central_user):
    person = factories.UserFactory()
    response = add_staff(admin_client, factories.provider("nfa"), person)
    assert response.status_code == 302
    change = RoleChange.objects.get()
    assert (change.actor, change.subject, change.kind, change.action) == (
        central_user,
        person,
        RoleChange.Kind.PROVIDER,
        RoleChange.Action.GRANTED,
    )


@pytest.mark.django_db
def test_admin_login_goes_through_allauth_and_its_second_factor(client):
    response = client.get(reverse("admin:login") + "?next=/admin/accounts/user/")
    assert response.status_code == 302
    assert response.url.startswith(reverse("account_login"))
    assert "next=%2Fadmin%2Faccounts%2Fuser%2F" in response.url


@pytest.mark.django_db
def test_admin_login_refuses_a_logged_in_non_staff_user_without_a_loop(client, leader):
    client.force_login(leader)
    response = client.get("/admin/")
    assert response.status_code == 302
    assert client.get(response.url).status_code == 403


@pytest.mark.django_db
def test_the_admin_keeps_provider_staff_apart_from_workplace_and_coordinator_roles(
    admin_client,
):
    """As the invitation does (``side_conflict``): a provider's staff get no workplace or
    coordinator role on the user's page, and a local party or a coordinator is not added as
    staff on the provider's page. Each refusal is in Danish and changes nothing."""
    nfa = factories.provider("nfa")
    staff = factories.ProviderStaffFactory(provider=nfa).user
    data = post_data(admin_client.get(change_url(staff)))
    data["coordinator_roles-TOTAL_FORMS"] = "1"
    data["coordinator_roles-0-region"] = str(factories.region().pk)
    data["coordinator_roles-0-user"] = str(staff.pk)
    response = admin_client.post(change_url(staff), data)
    assert response.status_code == 200
    assert "kan ikke gøres til regional koordinator" in response.content.decode()
    data = post_data(admin_client.get(change_url(staff)))
    data["memberships-TOTAL_FORMS"] = "1"
    data["memberships-0-workplace"] = str(factories.WorkplaceFactory().pk)
    data["memberships-0-role"] = Membership.Role.AMR
    data["memberships-0-user"] = str(staff.pk)
    response = admin_client.post(change_url(staff), data)
    assert response.status_code == 200
    assert "kan ikke have en rolle på en arbejdsplads" in response.content.decode()
    assert not staff.coordinator_roles.exists() and not staff.memberships.exists()

    leader = factories.MembershipFactory().user
    coordinator = factories.CoordinatorFactory().user
    for person, words in (
        (leader, "har en rolle på en arbejdsplads"),
        (coordinator, "er regional"),
    ):
        response = add_staff(admin_client, nfa, person)
        assert response.status_code == 200
        assert words in response.content.decode()
        assert not ProviderStaff.objects.filter(user=person).exists()
    assert not RoleChange.objects.exists()


@pytest.mark.django_db
def test_the_blank_membership_row_shows_no_confirmation_time(super_client):
    """The saved membership shows when it was confirmed; the blank row for a new one showed
    the time the page was drawn, as if something had been confirmed then."""
    member = factories.MembershipFactory().user
    html = super_client.get(change_url(member), HTTP_ACCEPT_LANGUAGE="da").content.decode()
    saved, blank = re.findall(r'<td class="field-confirmed">\s*<p>([^<]*)</p>', html)
    assert re.fullmatch(r"\d+\. \w+\. \d{4} kl\. \d\d\.\d\d", saved), saved
    assert blank == "-"
