"""A budget period in the admin (QA): its end after its start, said in Danish rather than the
database constraint's name; and a period whose frames hold money keeps its programme and may
only grow, so nothing booked in it falls outside it or into another programme's figures."""

import datetime

import pytest
from django.urls import reverse

from providers.models import BudgetPeriod, Programme
from tests.accounts.admin_helpers import central_admin, post_data
from tests.portal.test_admin_frames import committed_frame  # noqa: F401 - a fixture

pytestmark = pytest.mark.django_db
DAY = datetime.timedelta(days=1)


def _post(client, period, **changes):
    url = reverse("admin:providers_budgetperiod_change", args=[period.pk])
    data = post_data(client.get(url))
    for name, value in changes.items():
        data[name] = value.isoformat() if isinstance(value, datetime.date) else value
    return client.post(url, data)


def _other_programme():
    return Programme.objects.create(
        name="Et andet program",
        starts_on=datetime.date(2030, 1, 1),
        ends_on=datetime.date(2031, 1, 1),
    )


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ("programme", "kan ikke flyttes til et andet program"),
        ("later_start", "kan ikke begynde senere"),
        ("earlier_end", "kan ikke slutte tidligere"),
    ],
)
def test_a_period_holding_money_keeps_its_programme_and_only_grows(
    client,
    committed_frame,  # noqa: F811
    change,
    message,
):
    period = committed_frame.period
    before = (period.programme_id, period.starts_on, period.ends_on)
    client.force_login(central_admin())
    changes = {
        "programme": {"programme": _other_programme().pk},
        "later_start": {"starts_on": period.starts_on + DAY},
        "earlier_end": {"ends_on": period.ends_on - DAY},
    }[change]
    response = _post(client, period, **changes)
    assert response.status_code == 200
    assert message in response.content.decode()
    period.refresh_from_db()
    assert (period.programme_id, period.starts_on, period.ends_on) == before


def test_a_period_holding_money_may_grow(client, committed_frame):  # noqa: F811
    period = committed_frame.period
    client.force_login(central_admin())
    response = _post(client, period, starts_on=period.starts_on - DAY, ends_on=period.ends_on + DAY)
    assert response.status_code == 302
    period.refresh_from_db()
    assert period.ends_on - period.starts_on > datetime.timedelta(days=365)


def test_an_unused_period_may_move_and_an_end_before_the_start_is_said_in_danish(client):
    period = BudgetPeriod.objects.filter(frames__contracts__isnull=True).first()
    client.force_login(central_admin())
    response = _post(client, period, ends_on=period.starts_on - DAY)
    html = response.content.decode()
    assert response.status_code == 200
    assert "Perioden skal slutte efter, at den begynder." in html
    assert "period_ends_after_start" not in html
    other = _other_programme()
    assert _post(client, period, programme=other.pk).status_code == 302
    period.refresh_from_db()
    assert period.programme == other


def test_the_admin_is_named_and_its_history_is_danish(client):
    """QA: "Django administration" in the header, and "Ændrede Starts on." in the history."""
    period = BudgetPeriod.objects.first()
    client.force_login(central_admin())
    index = client.get(reverse("admin:index")).content.decode()
    assert "Ekspertrådgivning – administration" in index
    assert "Django" not in index
    assert _post(client, period, starts_on=period.starts_on - DAY).status_code == 302
    url = reverse("admin:providers_budgetperiod_history", args=[period.pk])
    history = client.get(url).content.decode()
    assert "Ændrede startdato." in history
    assert "Starts on" not in history
