"""Higher floors add sections to the request page through requests_app.panels."""

import pytest

from requests_app import panels
from tests import factories

pytestmark = pytest.mark.django_db


@pytest.fixture
def registered(settings, tmp_path):
    (tmp_path / "panel.html").write_text("<p id='test-panel'>{{ panel.word }}</p>")
    settings.TEMPLATES = [
        {**settings.TEMPLATES[0], "DIRS": [tmp_path, *settings.TEMPLATES[0]["DIRS"]]}
    ]
    saved = dict(panels._panels)
    seen = []

    def panel(user, request):
        seen.append((user, request.pk))
        return (
            {"template": "panel.html", "word": "fra oven"} if user.first_name != "skjult" else None
        )

    panels.register_request_panel("test", panel)
    yield seen
    panels._panels.clear()
    panels._panels.update(saved)


def test_a_registered_panel_shows_on_the_request_page(client, registered):
    _, user, amr = factories.trio()
    request = factories.complete_request(leader=user, counterpart=amr)
    client.force_login(user)
    html = client.get(request.get_absolute_url()).content.decode()
    assert "<p id='test-panel'>fra oven</p>" in html
    assert registered == [(user, request.pk)]


def test_a_panel_that_returns_none_shows_nothing(client, registered):
    _, user, amr = factories.trio()
    user.first_name = "skjult"
    user.save()
    request = factories.complete_request(leader=user, counterpart=amr)
    client.force_login(user)
    html = client.get(request.get_absolute_url()).content.decode()
    assert "test-panel" not in html
