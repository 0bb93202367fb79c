"""The participant link and its page, pinned: the token's entropy, the QR code's content, the
threshold setting, the per-round posting ceiling and one answer per browser across a renewed
link."""

import base64
import binascii
import re

import pytest
import segno
from django.test import Client, override_settings
from django.urls import reverse

from evaluations import tokens
from evaluations.models import Response
from evaluations.services import rounds as services
from tests.evaluations.conftest import link, post_data
from tests.evaluations.results_data import add_responses

pytestmark = pytest.mark.django_db


def test_the_token_has_at_least_128_bits_of_randomness(delivered):
    assert tokens.SALT_BYTES >= 16
    salts = [tokens.new_salt() for _ in range(50)]
    assert len(set(salts)) == 50
    # The salt is the random part: 16 bytes from ``secrets``, hex-encoded.
    assert all(len(binascii.unhexlify(salt)) >= 16 for salt in salts)
    round = delivered["immediate"]
    token = tokens.token_for(round)
    # The token itself: an HMAC-SHA256, 256 bits, URL-safe base64 without padding.
    assert len(base64.urlsafe_b64decode(token + "=")) == 32
    # Stored only hashed.
    assert token not in (round.token_salt, round.token_hash)
    assert round.token_hash == tokens.token_hash(token)


def dark_modules(svg: str) -> set[tuple[int, int]]:
    """The dark modules of segno's SVG path of dark lines (``M``ove, relative ``m``ove,
    ``h`` line), shifted so the top-left finder pattern's corner is (0, 0)."""
    [path] = re.findall(r'class="qrline"[^>]* d="([^"]+)"', svg)
    x = y = 0.0
    dark = set()
    for command, a, b in re.findall(r"([Mmh])(-?[\d.]+)(?: (-?[\d.]+))?", path):
        if command == "M":
            x, y = float(a), float(b)
        elif command == "m":
            x, y = x + float(a), y + float(b)
        else:
            dark |= {(int(x) + step, int(y)) for step in range(int(a))}
            x += float(a)
    left, top = min(c for c, _ in dark), min(r for _, r in dark)
    return {(c - left, r - top) for c, r in dark}


def test_the_qr_code_encodes_the_participant_link(delivered, client):
    round = delivered["immediate"]
    client.force_login(delivered["leader"])
    page = client.get(reverse("evaluations:handout", args=[round.pk])).text
    url = "http://testserver" + link(round)
    assert url in page
    figure = page[page.index('id="qr"') :]
    svg = figure[figure.index("<svg") : figure.index("</svg>") + 6]
    # Read back, the code's modules are segno's code for exactly this link.
    code = segno.make(url, error="m")
    expected = {(c, r) for r, row in enumerate(code.matrix) for c, dark in enumerate(row) if dark}
    assert dark_modules(svg) == expected
    other = segno.make(url[:-2] + "x/", error="m")
    assert dark_modules(other.svg_inline()) != expected


def _panel(client, delivered):
    client.force_login(delivered["leader"])
    return client.get(reverse("requests:detail", args=[delivered["request"].pk])).text


@pytest.mark.parametrize("minimum, shown", [(2, True), (4, False)])
def test_the_threshold_setting_decides_what_the_workplace_sees(delivered, client, minimum, shown):
    add_responses(delivered["immediate"], 3, text="Vi fik ord for det svære")
    with override_settings(EVALUATION_MIN_RESPONSES=minimum):
        panel = _panel(client, delivered)
        results = client.get(
            reverse("evaluations:request_results", args=[delivered["request"].pk])
        ).text
    assert ('id="round-immediate-results"' in panel) is shown
    assert ("Vi fik ord for det svære" in panel) is shown
    assert ("Vi fik ord for det svære" in results) is shown
    assert "3 besvarelser" in panel
    if not shown:
        assert f"mindst {minimum} har svaret" in panel


def test_the_per_round_ceiling_holds_across_addresses(delivered, settings):
    settings.EVALUATION_POSTS_PER_CLIENT = 100
    settings.EVALUATION_POSTS_PER_ROUND = 3
    round = delivered["immediate"]
    url = link(round)
    for n in range(3):
        posted = Client(REMOTE_ADDR=f"10.0.0.{n + 1}").post(url, post_data(round))
        assert posted.status_code == 303
    refused = Client(REMOTE_ADDR="10.0.0.9").post(url, post_data(round))
    assert refused.status_code == 429
    assert Response.objects.filter(round=round).count() == 3
    # Another round is not affected by this round's ceiling.
    other = delivered["follow_up"]
    assert Client(REMOTE_ADDR="10.0.0.10").get(link(other)).status_code == 200


def test_the_same_browser_cannot_answer_twice_after_the_link_is_renewed(delivered, client):
    round = delivered["immediate"]
    assert client.post(link(round), post_data(round)).status_code == 303
    services.round_renew_link(round_pk=round.pk, user=delivered["leader"])
    new = link(round)
    page = client.get(new)
    assert "allerede svaret" in page.text
    client.post(new, post_data(round))
    assert Response.objects.filter(round=round).count() == 1
    # A fresh browser can answer through the new link.
    assert Client().post(new, post_data(round)).status_code == 303
    assert Response.objects.filter(round=round).count() == 2
