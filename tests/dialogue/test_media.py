"""No route serves MEDIA_ROOT, not even with DEBUG on (issue 18, point 2): an attachment, like
a contract's or an invoice's PDF, goes out only through the view that checks who asks, never
by its path under /media/."""

import importlib
from pathlib import Path

import pytest
from django.urls import Resolver404, clear_url_caches, resolve, reverse

import portal.urls
from dialogue import services
from tests.dialogue.conftest import pdf

pytestmark = pytest.mark.django_db


@pytest.fixture
def debug_urlconf(settings):
    """The URLconf as ``make run`` builds it: with DEBUG on."""
    settings.DEBUG = True
    importlib.reload(portal.urls)
    clear_url_caches()
    yield
    importlib.reload(portal.urls)
    clear_url_caches()


def test_an_attachment_is_not_served_by_its_path(client, people, at_provider, debug_urlconf):
    from django.conf import settings

    message = services.message_post(
        request_pk=at_provider.pk, user=people["leader"], body="Notat", files=[pdf()]
    )
    attachment = message.attachments.get()
    assert Path(attachment.file.path).is_file()
    url = "/" + settings.MEDIA_URL.lstrip("/") + attachment.file.name
    assert url.startswith("/media/dialogue/")
    with pytest.raises(Resolver404):
        resolve(url)
    for role in ("staff", "coordinator", "anonymous"):
        client.logout()
        if people[role] is not None:
            client.force_login(people[role])
        assert client.get(url).status_code == 404, role
    # The view that checks who asks still hands it to the people on the thread.
    client.force_login(people["staff"])
    response = client.get(reverse("dialogue:attachment", args=[attachment.pk]))
    assert response.status_code == 200
