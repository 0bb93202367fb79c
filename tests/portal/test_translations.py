import pytest
from django.conf import settings

from portal.management.commands.check_translations import missing_danish_translations


def test_every_string_has_a_danish_translation():
    problems = missing_danish_translations()
    assert problems == [], "Missing Danish translations:\n" + "\n".join(problems)


def test_a_new_untranslated_string_is_caught():
    """The check must fail when a template gains a string nobody translated (added to the
    check's own copy of the sources: the working tree, which parallel tests read, is left
    alone)."""
    problems = missing_danish_translations(
        extra_files={
            "templates/_translation_probe.html": (
                '{% load i18n %}{% translate "A string nobody has translated yet" %}'
            )
        }
    )
    assert any("A string nobody has translated yet" in problem for problem in problems)
    assert not (settings.BASE_DIR / "templates" / "_translation_probe.html").exists()


@pytest.mark.django_db
def test_allauths_note_to_a_logged_in_user_is_danish(client, django_user_model):
    """allauth's Danish catalogue leaves "Note" in English; the portal's snippet says it."""
    user = django_user_model.objects.create_user(email="bruger@example.dk", password="x" * 16)
    client.force_login(user)
    body = client.get("/accounts/password/reset/").content.decode()
    assert "<strong>Bemærk:</strong> Du er allerede logget ind som" in body
    assert "Note" not in body
