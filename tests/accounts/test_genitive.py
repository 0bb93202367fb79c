"""Provider names in the genitive (QA on the demo data): "RUC' ramme" and "Alectia' ramme"
are wrong Danish; the bare apostrophe is only for names ending in s, x or z."""

from decimal import Decimal

import pytest
from django.utils import translation

from accounts.models import Notification
from accounts.text import genitive
from providers.models import BudgetFrame
from requests_app.services import frame_alerts


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("NFA", "NFA's"),
        ("RUC", "RUC's"),
        ("CBS", "CBS'"),
        ("Alectia", "Alectias"),
        ("Marx", "Marx'"),
        ("Aarhus Universitet", "Aarhus Universitets"),
        ("Rambøll A/S", "Rambøll A/S'"),
        ("Firma 3F", "Firma 3F's"),
        ("", ""),
    ],
)
def test_the_danish_genitive(name, expected):
    assert genitive(name, "da") == expected


def test_the_active_language_decides():
    with translation.override("da"):
        assert genitive("Alectia") == "Alectias"
    with translation.override("en"):
        assert genitive("Alectia") == "Alectia's"
        assert genitive("CBS") == "CBS'"


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("slug", "expected"),
    [("ruc", "RUC's ramme"), ("alectia", "Alectias ramme"), ("cbs", "CBS' ramme")],
)
def test_the_frame_alert_names_the_provider_in_the_genitive(slug, expected):
    from tests import factories

    factories.ProviderStaffFactory(provider=factories.provider(slug))
    frame = BudgetFrame.objects.filter(provider__slug=slug).order_by("period__starts_on")[0]
    frame.amount = Decimal("100")
    frame.save()
    with (
        translation.override("da"),
        pytest.MonkeyPatch.context() as patch,
    ):
        patch.setattr(frame_alerts, "frame_used", lambda frame: Decimal("80"))
        frame_alerts.check_frame_thresholds(frame)
    subject = Notification.objects.filter(key__startswith="frame:").first().subject
    assert subject.startswith(expected), subject
