"""The dashboards' other figures from known facts: the pipeline and its medians, deadline
performance and the overdue list, reach, evaluations, and the filters' messages."""

import datetime
import secrets
from decimal import Decimal

import pytest
from django.utils import timezone
from django.utils.translation import override

from dashboards.selectors import deadlines, evaluations, pipeline, reach
from dashboards.selectors.filters import DashboardFilters
from evaluations.models import (
    Answer,
    DeliveryReport,
    EvaluationRound,
    Question,
    QuestionnaireVersion,
    Response,
    RoundKind,
)
from providers.models import Theme
from requests_app.models import Deadline, Status
from tests import factories
from tests.dashboards import builders as b

D = Decimal
NOW = b.at(2017, 1, 10)


@pytest.fixture
def central(db):
    return factories.CentralPartyFactory().user


@pytest.fixture
def sjaelland(db):
    return factories.WorkplaceFactory(region=factories.region("sjaelland"), employees=40)


def test_pipeline_counts_per_status_and_medians(central, sjaelland):
    reached = [b.at(2016, 6, 1), b.at(2016, 6, 2), b.at(2016, 6, 3), b.at(2016, 6, 4)]
    # Dialogue after 1, 3 and 10 days (median 3); contracts after 5 and 20 days (median 12.5).
    r1 = b.request(sjaelland, reached=reached[0], dialogue_on=datetime.date(2016, 6, 2))
    r2 = b.request(sjaelland, reached=reached[1], dialogue_on=datetime.date(2016, 6, 5))
    b.request(sjaelland, reached=reached[2], dialogue_on=datetime.date(2016, 6, 13))
    b.request(sjaelland, reached=reached[3], status=Status.AT_PROVIDER)
    b.request(sjaelland, status=Status.AWAITING_COUNTERPART)
    b.request(sjaelland, status=Status.DRAFT)  # never on a dashboard
    b.contract(r1, frame=b.frame(), reserved="1000", concluded=b.at(2016, 6, 6))
    b.contract(r2, frame=b.frame(), reserved="1000", concluded=b.at(2016, 6, 22))
    flow = pipeline.pipeline(central, DashboardFilters())
    counts = {s.status: s.count for s in flow.statuses}
    assert counts[Status.DIALOGUE] == 3
    assert counts[Status.AT_PROVIDER] == 1
    assert counts[Status.AWAITING_COUNTERPART] == 1
    assert Status.DRAFT not in counts
    assert flow.total == 5
    assert (flow.median_days_to_dialogue, flow.dialogue_count) == (D("3"), 3)
    assert (flow.median_days_to_contract, flow.contract_count) == (D("12.5"), 2)


def test_pipeline_follows_the_filters_and_the_scope(central, sjaelland):
    elsewhere = factories.WorkplaceFactory(region=factories.region("hovedstaden"))
    b.request(sjaelland, reached=b.at(2016, 6, 1))
    b.request(elsewhere, reached=b.at(2016, 6, 1), provider_slug="cbs")
    b.request(elsewhere, reached=b.at(2018, 6, 1))  # outside the 2016-17 period
    assert pipeline.pipeline(central, DashboardFilters()).total == 3
    in_period = DashboardFilters(period=b.period_2016())
    assert pipeline.pipeline(central, in_period).total == 2
    coordinator = factories.CoordinatorFactory(region=factories.region("sjaelland")).user
    assert pipeline.pipeline(coordinator, DashboardFilters()).total == 1
    cbs = factories.ProviderStaffFactory(provider=factories.provider("cbs")).user
    assert pipeline.pipeline(cbs, DashboardFilters()).total == 1
    assert pipeline.pipeline(factories.UserFactory(), DashboardFilters()).total == 0


def test_deadline_shares_per_provider(central, sjaelland):
    reached = b.at(2016, 12, 1)  # dialogue due 8 Dec, contract due 29 Dec
    on_time = b.request(sjaelland, reached=reached, dialogue_on=datetime.date(2016, 12, 8))
    late = b.request(sjaelland, reached=reached, dialogue_on=datetime.date(2016, 12, 9))
    b.request(sjaelland, reached=reached, status=Status.AT_PROVIDER)  # missed both, running
    b.request(sjaelland, reached=reached, status=Status.DECLINED)  # clock stopped: no share
    b.request(sjaelland, reached=b.at(2017, 1, 8), status=Status.AT_PROVIDER)  # pending
    b.contract(on_time, frame=b.frame(), reserved="1000", concluded=b.at(2016, 12, 29))
    b.contract(late, frame=b.frame(), reserved="1000", concluded=b.at(2016, 12, 30))
    b.request(sjaelland, reached=reached, provider_slug="cbs", dialogue_on=reached.date())
    rows = deadlines.sla_by_provider(central, DashboardFilters(), now=NOW)
    assert [row.provider.slug for row in rows] == ["nfa", "cbs"]
    nfa = rows[0]
    assert nfa.reached == 5
    assert (nfa.dialogue_on_time, nfa.dialogue_late) == (1, 2)
    assert nfa.dialogue_share == D("33.3")
    # Contracts: one on its due day, one a day late, one missed (the declined one is not).
    assert (nfa.contract_on_time, nfa.contract_late) == (1, 2)
    assert rows[1].dialogue_share == D("100.0") and rows[1].contract_share == D("0.0")


def test_overdue_now_is_oldest_first_and_scoped(central, sjaelland):
    elsewhere = factories.WorkplaceFactory(region=factories.region("hovedstaden"))
    first = b.request(sjaelland, reached=b.at(2016, 11, 1))
    second = b.request(elsewhere, reached=b.at(2016, 12, 1))
    met = b.request(sjaelland, reached=b.at(2016, 10, 1))
    b.deadline(second, Deadline.Kind.DIALOGUE, due=b.at(2016, 12, 8))
    b.deadline(first, Deadline.Kind.CONTRACT, due=b.at(2016, 11, 29))
    b.deadline(first, Deadline.Kind.DELIVERY, due=b.at(2017, 2, 1))  # not due yet
    b.deadline(met, Deadline.Kind.DIALOGUE, due=b.at(2016, 10, 8), met=b.at(2016, 10, 7))
    b.deadline(met, Deadline.Kind.CONTRACT, due=b.at(2016, 10, 29), cancelled=b.at(2016, 10, 9))
    overdue = deadlines.overdue_deadlines(central, DashboardFilters(), now=NOW)
    assert [(d.request, d.kind) for d in overdue] == [
        (first, Deadline.Kind.CONTRACT),
        (second, Deadline.Kind.DIALOGUE),
    ]
    rows = deadlines.sla_by_provider(central, DashboardFilters(), now=NOW)
    assert deadlines.overdue_count(rows) == 2
    coordinator = factories.CoordinatorFactory(region=factories.region("sjaelland")).user
    mine = deadlines.overdue_deadlines(coordinator, DashboardFilters(), now=NOW)
    assert [d.request for d in mine] == [first]


def test_reach_per_region_and_theme(central, sjaelland):
    region = factories.region("sjaelland")
    other = factories.WorkplaceFactory(region=region, employees=25)
    factories.WorkplaceFactory(region=region)  # no request, no head count
    unknown = factories.WorkplaceFactory(region=region)  # a request, no head count
    b.request(sjaelland, themes=["organisational-change", "violence-threats"])
    b.request(sjaelland, themes=["organisational-change"])
    b.request(other, themes=["professional-change"])
    b.request(unknown, themes=["organisational-change"])
    rows = {row.subject.slug: row for row in reach.reach_by_region(central, DashboardFilters())}
    row = rows["sjaelland"]
    assert (row.requests, row.workplaces) == (4, 3)
    assert (row.employees, row.workplaces_with_head_count) == (65, 2)
    total = region.workplaces.count()
    assert row.workplaces_total == total
    assert row.share_of_workplaces == (D(3) * 100 / total).quantize(D("0.1"))
    assert rows["hovedstaden"].requests == 0
    themes = {row.subject.slug: row for row in reach.reach_by_theme(central, DashboardFilters())}
    organisational = themes["organisational-change"]
    assert (organisational.requests, organisational.workplaces) == (3, 2)
    assert organisational.employees == 40  # sjaelland once; the other has no head count
    assert (themes["violence-threats"].requests, themes["violence-threats"].employees) == (1, 40)
    coordinator = factories.CoordinatorFactory(region=factories.region("hovedstaden")).user
    assert [r.subject.slug for r in reach.reach_by_region(coordinator, DashboardFilters())] == [
        "hovedstaden"
    ]


def _round(request, kind, *, opens):
    version = QuestionnaireVersion.objects.filter(questionnaire__kind=kind).first()
    return EvaluationRound.objects.create(
        request=request,
        kind=kind,
        version=version,
        opens_at=opens,
        closes_at=opens + datetime.timedelta(days=14),
        token_salt=secrets.token_hex(16),
        token_hash=secrets.token_hex(32),
    )


def _respond(round, values):
    response = Response.objects.create(
        round=round, version=round.version, submitted_on=timezone.localdate()
    )
    scales = Question.objects.filter(version=round.version, kind=Question.Kind.SCALE)
    for question, value in zip(scales, values, strict=False):
        Answer.objects.create(response=response, question=question, value=value)


def test_evaluations_per_provider_and_theme(central, sjaelland, settings):
    settings.EVALUATION_MIN_RESPONSES = 3
    delivered = b.request(sjaelland, status=Status.DELIVERED, reached=b.at(2016, 6, 1))
    DeliveryReport.objects.create(
        request=delivered,
        delivered="To workshops",
        hours=6,
        participants=10,
        written_by=central,
    )
    immediate = _round(delivered, RoundKind.IMMEDIATE, opens=b.at(2016, 9, 1))
    for values in ([5, 4], [4, 4], [3, 5]):
        _respond(immediate, values)
    follow_up = _round(delivered, RoundKind.FOLLOW_UP, opens=b.at(2016, 12, 1))
    _respond(follow_up, [2, 2])  # one response: below the threshold, no average
    cbs = b.request(sjaelland, provider_slug="cbs", themes=["violence-threats"])
    _round(cbs, RoundKind.IMMEDIATE, opens=b.at(2017, 5, 1))  # not open yet: not counted
    summary = evaluations.evaluation_summary(central, DashboardFilters(), now=NOW)
    providers = {row.subject.slug: row for row in summary.by_provider}
    nfa = providers["nfa"]
    assert (nfa.rounds, nfa.responses, nfa.invited) == (2, 4, 20)
    assert nfa.response_rate == D("20.0")
    assert nfa.immediate_average == D("4.17")  # (5+4+4+4+3+5) / 6
    assert nfa.follow_up_average is None
    assert providers["cbs"].rounds == 0 and providers["cbs"].response_rate is None
    themes = {row.subject.slug: row for row in summary.by_theme}
    assert themes["organisational-change"].responses == 4
    assert themes["violence-threats"].rounds == 0
    only_cbs = evaluations.evaluation_summary(
        central, DashboardFilters(provider=factories.provider("cbs")), now=NOW
    )
    assert [row.subject.slug for row in only_cbs.by_provider] == ["cbs"]


def test_filters_read_the_url_and_answer_in_danish(db):
    period = b.period_2016()
    filters, errors = DashboardFilters.from_querydict(
        {"period": str(period.pk), "provider": "nfa", "region": "sjaelland", "theme": "x"}
    )
    assert filters.period == period and filters.provider.slug == "nfa"
    assert filters.region.slug == "sjaelland" and filters.theme is None
    with override("da"):
        _filters, errors = DashboardFilters.from_querydict(
            {"programme": "abc", "provider": "nope", "theme": "violence-threats"}
        )
    assert errors == {
        "programme": "Der findes ikke noget program abc.",
        "provider": "Der findes ikke nogen udbyder »nope«.",
    }
    assert _filters.theme == Theme.objects.get(slug="violence-threats")
    params = filters.params(status="dialogue")
    assert params == {
        "period": period.pk,
        "region": "sjaelland",
        "provider": "nfa",
        "status": "dialogue",
    }


def test_no_filter_in_the_url_reads_nothing(db, django_assert_num_queries):
    with django_assert_num_queries(0):
        filters, errors = DashboardFilters.from_querydict({"programme": " ", "other": "x"})
    assert filters == DashboardFilters() and errors == {}
    with django_assert_num_queries(4):
        filters, errors = DashboardFilters.from_querydict({"region": "sjaelland"})
    assert filters.region.slug == "sjaelland" and errors == {}


def test_a_period_of_another_programme_is_refused(db):
    from providers.models import BudgetPeriod, Programme

    other = Programme.objects.create(
        name="Fornyet", starts_on=datetime.date(2019, 4, 1), ends_on=datetime.date(2021, 3, 31)
    )
    period = BudgetPeriod.objects.create(
        programme=other,
        name="2019-20",
        starts_on=datetime.date(2019, 4, 1),
        ends_on=datetime.date(2020, 3, 31),
    )
    programme = b.period_2016().programme
    with override("da"):
        filters, errors = DashboardFilters.from_querydict(
            {"programme": str(programme.pk), "period": str(period.pk)}
        )
    assert filters.period is None and filters.programme == programme
    assert "hører ikke til" in errors["period"]
