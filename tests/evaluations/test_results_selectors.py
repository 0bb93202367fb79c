"""The canonical result figures: per round, per request, per provider and theme, scoped."""

from decimal import Decimal

import pytest

from evaluations.selectors import results
from providers.models import Theme
from tests import factories
from tests.evaluations.results_data import (
    add_responses,
    delivered_request,
    immediate,
    spread_deliveries,
)

pytestmark = pytest.mark.django_db


def test_below_threshold_only_the_count():
    request, _ = delivered_request()
    add_responses(immediate(request), 2, text="Fint")
    [first, follow_up] = results.results_for_request(request)
    assert first.responses == 2
    assert not first.shown and first.missing == 1
    assert first.questions == []
    assert follow_up.responses == 0


def test_round_figures_from_the_threshold():
    request, _ = delivered_request(report=10)
    round = immediate(request)
    add_responses(round, 2, value=5, text="Meget brugbart")
    add_responses(round, 1, value=2)
    add_responses(round, 1, dont_know=True)
    result = results.results_for_round(round)
    assert result.shown and result.responses == 4
    assert result.participants == 10 and result.response_rate == Decimal("40.0")
    scale = [line for line in result.questions if line.question.is_scale]
    assert scale and all(line.average == Decimal("4.00") for line in scale)
    assert scale[0].counts == [0, 1, 0, 0, 2] and scale[0].dont_know == 1
    texts = [line for line in result.questions if line.question.is_text]
    assert texts[0].texts == ["Meget brugbart", "Meget brugbart"]


def test_summary_per_provider_and_theme_counts_only_rounds_over_the_threshold():
    shown, _ = delivered_request(provider_slug="nfa", report=6)
    hidden, _ = delivered_request(provider_slug="cbs")
    add_responses(immediate(shown), 3, value=5)
    add_responses(immediate(hidden), 2, value=1)
    central = factories.CentralPartyFactory().user
    summary = results.summary_by_provider_and_theme(central)
    key = next(key for key, q in summary.questions if q.code == "usefulness")
    # Only the immediate rounds have opened; the follow-ups open in three months.
    assert summary.total.rounds == 2
    assert summary.total.responses == 5
    assert summary.total.average(key) == Decimal("5.00")  # the two below the threshold left out
    by_slug = {row.subject.slug: row for row in summary.by_provider}
    assert by_slug["nfa"].response_rate == Decimal("50.0")
    assert by_slug["cbs"].responses == 2 and by_slug["cbs"].average(key) is None
    [theme_row] = summary.by_theme
    assert theme_row.subject == Theme.objects.get(slug="organisational-change")
    assert theme_row.rounds == 2 and theme_row.answered_share == Decimal("100.0")
    actions = [line for line in summary.choices if line[0].startswith("follow_up")]
    assert actions and all(count == 0 for _, count in actions[0][2])


def test_filters_and_scope():
    nfa, _ = delivered_request(provider_slug="nfa", region_slug="sjaelland")
    cbs, people = delivered_request(provider_slug="cbs", region_slug="syddanmark")
    add_responses(immediate(nfa), 3)
    add_responses(immediate(cbs), 4)
    central = factories.CentralPartyFactory().user
    assert results.rounds_in_view(central).count() == 2
    region = factories.region("syddanmark")
    assert [r.request_id for r in results.rounds_in_view(central, region=region)] == [cbs.pk]
    # Provider staff: only their provider's; a coordinator: only their region's.
    assert [r.request_id for r in results.rounds_in_view(people["staff"])] == [cbs.pk]
    coordinator = factories.CoordinatorFactory(region=factories.region("sjaelland")).user
    assert [r.request_id for r in results.rounds_in_view(coordinator)] == [nfa.pk]
    # The workplace sees its own on the request page, never the sums.
    assert results.rounds_in_view(people["leader"]).count() == 0
    assert not results.sees_overview(people["leader"])
    rounds, summary = results.provider_results(central, factories.provider("nfa"))
    assert [r.request_id for r in rounds] == [nfa.pk] and summary.total.responses == 3


def test_period_filter_by_delivery_date():
    request, _ = delivered_request()
    add_responses(immediate(request), 3)
    central = factories.CentralPartyFactory().user
    from providers.models import BudgetPeriod

    delivered_on = request.contract.delivered_on
    inside = BudgetPeriod.objects.filter(
        starts_on__lte=delivered_on, ends_on__gte=delivered_on
    ).first()
    outside = BudgetPeriod.objects.exclude(pk=getattr(inside, "pk", None)).first()
    if inside is not None:
        assert results.rounds_in_view(central, period=inside).count() == 1
    assert results.rounds_in_view(central, period=outside).count() == 0


@pytest.mark.parametrize("n", [3, 60])
def test_summary_queries_do_not_grow(n, django_assert_num_queries):
    request, _ = delivered_request(report=80)
    add_responses(immediate(request), n, text="Tekst")
    central = factories.CentralPartyFactory().user
    # Nine for the summary and one for the user's roles (``accounts.roles``), which a page
    # has read already for its layout.
    with django_assert_num_queries(10):
        summary = results.summary_by_provider_and_theme(central)
    assert summary.total.responses == n
    with django_assert_num_queries(7):
        rounds = results.results_for_request(request)
    assert rounds[0].responses == n


@pytest.fixture
def spread():
    return spread_deliveries()


def _per_region_and_period(user, **filters):
    from accounts.models import Region
    from providers.models import BudgetPeriod

    return results.summarise(
        results.rounds_in_view(user, **filters),
        regions=list(Region.objects.order_by("name")),
        periods=list(BudgetPeriod.objects.order_by("starts_on")),
    )


def test_summary_per_region_and_budget_period(spread):
    summary = _per_region_and_period(factories.CentralPartyFactory().user)
    key = next(key for key, q in summary.questions if q.code == "usefulness")
    regions = {row.subject.slug: row for row in summary.by_region}
    assert list(regions) == ["sjaelland", "syddanmark"]  # in the order given, only with rounds
    assert (regions["sjaelland"].rounds, regions["sjaelland"].responses) == (1, 3)
    assert regions["sjaelland"].average(key) == Decimal("5.00")
    assert regions["sjaelland"].response_rate == Decimal("50.0")  # 3 of the 6 asked
    assert (regions["syddanmark"].rounds, regions["syddanmark"].responses) == (2, 6)
    # The round with 2 responses counts in the responses, not in the averages.
    assert regions["syddanmark"].average(key) == Decimal("3.00")
    assert regions["syddanmark"].answered_share == Decimal("100.0")

    periods = {row.subject.name: row for row in summary.by_period}
    assert list(periods) == ["2016-17", "2017-18"]
    assert (periods["2016-17"].rounds, periods["2016-17"].responses) == (2, 7)
    assert periods["2016-17"].average(key) == Decimal("3.86")  # (3 × 5 + 4 × 3) / 7
    assert periods["2016-17"].response_rate == Decimal("50.0")
    assert (periods["2017-18"].rounds, periods["2017-18"].responses) == (1, 2)
    assert periods["2017-18"].average(key) is None
    assert periods["2017-18"].average_list and periods["2017-18"].average_list[0] is None
    # Every breakdown adds up to the total.
    for rows in (summary.by_region, summary.by_period, summary.by_provider):
        assert sum(row.responses for row in rows) == summary.total.responses == 9


def test_summary_per_region_and_period_is_scoped_and_filtered(spread):
    coordinator = factories.CoordinatorFactory(region=factories.region("syddanmark")).user
    summary = _per_region_and_period(coordinator)
    assert [row.subject.slug for row in summary.by_region] == ["syddanmark"]
    assert [(row.subject.name, row.rounds) for row in summary.by_period] == [
        ("2016-17", 1),
        ("2017-18", 1),
    ]
    central = factories.CentralPartyFactory().user
    summary = _per_region_and_period(central, provider=factories.provider("cbs"))
    assert [(row.subject.slug, row.responses) for row in summary.by_region] == [("syddanmark", 4)]
    assert [row.subject.name for row in summary.by_period] == ["2016-17"]


def test_summary_without_regions_and_periods_breaks_down_by_neither(spread):
    summary = results.summary_by_provider_and_theme(factories.CentralPartyFactory().user)
    assert summary.by_region == [] and summary.by_period == []
    assert summary.total.responses == 9


@pytest.mark.parametrize("n", [3, 60])
def test_summary_per_region_and_period_queries_do_not_grow(spread, n, django_assert_num_queries):
    from accounts.models import Region
    from providers.models import BudgetPeriod

    add_responses(immediate(spread[0]), n)
    central = factories.CentralPartyFactory().user
    regions = list(Region.objects.all())
    periods = list(BudgetPeriod.objects.all())
    # Nine, as without the regions and periods (they are read with the providers' sums),
    # and the user's roles.
    with django_assert_num_queries(10):
        summary = results.summarise(
            results.rounds_in_view(central), regions=regions, periods=periods
        )
    assert summary.total.responses == 9 + n
