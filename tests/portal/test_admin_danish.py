"""The admin speaks Danish (issue 11, point 15): every page a superuser or a central party
opens, every model's and field's name, the permission names and allauth's messages."""

import json
import re
from html import unescape
from html.parser import HTMLParser

import pytest
from django.apps import apps
from django.contrib import admin
from django.contrib.auth.models import Permission
from django.urls import reverse
from django.utils import timezone, translation

from accounts.models import RoleChange
from tests import factories
from tests.accounts.admin_helpers import central_admin, central_group

PROJECT_APPS = ["accounts", "providers", "requests_app", "evaluations"]

# English words that must not be seen in the Danish admin (whole words, case-sensitive).
TELLTALES = [
    "Programme",
    "Programmes",
    "Provider",
    "Providers",
    "Add",
    "Change",
    "Delete",
    "Can add",
    "Can change",
    "Can delete",
    "Can view",
    "Save",
    "Search",
    "Filter",
    "Workplace",
    "Workplaces",
    "Request",
    "Requests",
    "Invoice",
    "Contract",
    "Notification",
    "History",
    "Action",
    "Select",
    "Go",
    "True",
    "False",
    "Theme",
    "Themes",
    "Budget",
    "Period",
    "User",
    "Users",
    "Group",
    "Groups",
    "Permissions",
    "Email",
    "Created",
    "Yes",
    "No",
    "Unknown",
    "Today",
    "Name",
    "Role",
]
TELLTALE_RE = re.compile(r"(?<![\w-])(" + "|".join(map(re.escape, TELLTALES)) + r")(?![\w-])")

# Field names spelt the same in Danish and English.
SAME_IN_BOTH = {"ID", "model", "region", "e-mail", "format", "status", "note"}


class VisibleText(HTMLParser):
    """The text a reader sees: no tags, no scripts, no styles."""

    HIDDEN = {"script", "style", "template"}

    def __init__(self):
        super().__init__()
        self.parts, self._hidden = [], 0

    def handle_starttag(self, tag, attrs):
        if tag in self.HIDDEN:
            self._hidden += 1

    def handle_endtag(self, tag):
        if tag in self.HIDDEN and self._hidden:
            self._hidden -= 1

    def handle_data(self, data):
        if not self._hidden and data.strip():
            self.parts.append(data.strip())


def visible_text(html: str) -> str:
    parser = VisibleText()
    parser.feed(html)
    return "\n".join(parser.parts)


def english_words(html: str) -> list[str]:
    return sorted({match.group(1) for match in TELLTALE_RE.finditer(visible_text(html))})


def test_the_telltale_check_catches_english():
    html = "<p>Programme:</p><th>PROVIDER</th><script>var Add = 1;</script><a>Can add user</a>"
    assert english_words(html) == ["Can add", "Programme"]
    assert english_words("<p>Tilføj program for NFA</p>") == []


@pytest.fixture
def admin_objects(db):
    """At least one row of every model the admin lists, so each has a change page."""
    from allauth.account.models import EmailAddress
    from allauth.mfa.models import Authenticator

    workplace = factories.WorkplaceFactory()
    member = factories.MembershipFactory(workplace=workplace).user
    EmailAddress.objects.create(user=member, email=member.email, primary=True, verified=True)
    Authenticator.objects.create(
        user=member, type=Authenticator.Type.RECOVERY_CODES, data={"seed": "00" * 20}
    )
    RoleChange.objects.create(
        subject=member,
        kind=RoleChange.Kind.MEMBERSHIP,
        role_key=f"membership:{workplace.pk}:leader",
        description=f"Leder, {workplace}",
        action=RoleChange.Action.GRANTED,
        created_at=timezone.now(),
    )
    central_group()
    return member


def admin_pages():
    """Index, and per registered model its list, its add page and one change page."""
    pages = [reverse("admin:index")]
    for model in admin.site._registry:
        opts = model._meta
        pages.append(reverse(f"admin:{opts.app_label}_{opts.model_name}_changelist"))
        pages.append(reverse(f"admin:{opts.app_label}_{opts.model_name}_add"))
        first = model._default_manager.order_by("pk").first()
        assert first is not None, f"no {opts.label} to open"
        pages.append(reverse(f"admin:{opts.app_label}_{opts.model_name}_change", args=[first.pk]))
    return pages


@pytest.mark.parametrize("who", ["superuser", "central"])
def test_every_admin_page_is_danish(client, admin_objects, who):
    user = (
        factories.UserFactory(is_staff=True, is_superuser=True)
        if who == "superuser"
        else central_admin()
    )
    client.force_login(user)
    problems, seen = [], 0
    for url in admin_pages():
        response = client.get(url, HTTP_ACCEPT_LANGUAGE="da")
        if response.status_code in (302, 403):
            # The role-change log is read-only for everyone; a central party sees less.
            assert who == "central" or url == reverse("admin:accounts_rolechange_add"), url
            continue
        assert response.status_code == 200, (url, response.status_code)
        seen += 1
        words = english_words(response.content.decode())
        if words:
            problems.append(f"{url}: {', '.join(words)}")
    assert seen > 10
    assert problems == [], "English in the Danish admin:\n" + "\n".join(problems)


def test_every_model_and_field_has_a_danish_name():
    missing = []
    for app in PROJECT_APPS:
        for model in apps.get_app_config(app).get_models():
            opts = model._meta
            names = {
                f"{opts.label}": opts.verbose_name,
                f"{opts.label} (plural)": opts.verbose_name_plural,
            }
            for field in opts.get_fields():
                if field.auto_created and not field.concrete:
                    continue  # reverse relations are named by the other side
                names[f"{opts.label}.{field.name}"] = field.verbose_name
            for where, name in names.items():
                with translation.override("en"):
                    english = str(name)
                with translation.override("da"):
                    danish = str(name)
                if danish == english and english not in SAME_IN_BOTH | {"region", "regions"}:
                    missing.append(f"{where}: {english!r}")
    assert missing == [], "Without a Danish name:\n" + "\n".join(missing)


@pytest.mark.django_db
def test_permissions_are_named_in_danish():
    assert Permission.objects.get(codename="add_workplace").name == "Kan tilføje arbejdsplads"
    assert Permission.objects.get(codename="change_budgetframe").name == "Kan ændre budgetramme"
    assert Permission.objects.get(codename="view_invoice").name == "Kan se faktura"
    assert Permission.objects.get(codename="delete_group").name == "Kan slette gruppe"
    assert not Permission.objects.filter(name__startswith="Can ").exists()


@pytest.mark.django_db
def test_permission_names_follow_a_later_migrate():
    """Rows created in English (as auth's create_permissions does) are renamed after migrate."""
    from django.core.management import call_command

    Permission.objects.filter(codename="add_workplace").update(name="Can add workplace")
    call_command("migrate", verbosity=0)
    assert Permission.objects.get(codename="add_workplace").name == "Kan tilføje arbejdsplads"


@pytest.mark.django_db
def test_allauth_messages_are_good_danish(client):
    user = factories.UserFactory(first_name="Lene", last_name="Leder")
    response = client.post(
        reverse("account_login"),
        {"login": user.email, "password": factories.PASSWORD},
        follow=True,
        HTTP_ACCEPT_LANGUAGE="da",
    )
    text = visible_text(response.content.decode())
    assert "Du er logget ind som" in text
    assert "succesfuldt" not in text
    response = client.post(reverse("account_logout"), follow=True, HTTP_ACCEPT_LANGUAGE="da")
    assert "Du er logget ud." in visible_text(response.content.decode())
    with translation.override("da"):
        assert translation.gettext("Password successfully changed.") == (
            "Din adgangskode er skiftet."
        )
        assert translation.gettext("Password Reset Email") == "Nulstil din adgangskode"


@pytest.mark.django_db
def test_the_add_links_say_tilfoej_without_a_wrong_article(client):
    """Django's Danish writes "Tilføj endnu en Tilbud" (an inline's link) and "Tilføj endnu
    en …" beside a related field: "en" is wrong for neuter nouns."""
    client.force_login(factories.UserFactory(is_staff=True, is_superuser=True))
    provider = factories.provider("nfa")
    html = client.get(
        reverse("admin:providers_provider_change", args=[provider.pk]), HTTP_ACCEPT_LANGUAGE="da"
    ).content.decode()
    inline_links = [
        json.loads(unescape(data))["options"]["addText"]
        for data in re.findall(r'data-inline-formset="([^"]+)"', html)
    ]
    assert "Tilføj: Tilbud" in inline_links
    assert all(text.startswith("Tilføj: ") for text in inline_links), inline_links
    html = client.get(
        reverse("admin:accounts_workplace_add"), HTTP_ACCEPT_LANGUAGE="da"
    ).content.decode()
    assert 'title="Tilføj: region"' in html and 'title="Tilføj: arbejdsplads"' in html
    assert "Tilføj endnu en" not in html  # ("Gem og tilføj endnu en" is the pronoun: fine)


@pytest.mark.django_db
def test_e_mail_is_spelt_as_the_portal_spells_it(client):
    """allauth's Danish wrote "Emailadresser" and "e-mail-adresse" in the admin."""
    client.force_login(factories.UserFactory(is_staff=True, is_superuser=True))
    html = client.get(reverse("admin:index"), HTTP_ACCEPT_LANGUAGE="da").content.decode()
    assert "E-mailadresser" in html and "Emailadresser" not in html
    html = client.get(
        reverse("admin:account_emailaddress_add"), HTTP_ACCEPT_LANGUAGE="da"
    ).content.decode()
    assert "E-mailadresse" in html and "e-mail-adresse" not in html.lower()
