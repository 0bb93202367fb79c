import datetime
import inspect
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.utils import timezone

from requests_app.clock import due_after
from requests_app.models import Action, Request, RequestEvent, Status
from requests_app.services import intake as services
from requests_app.transitions import TRANSITIONS
from tests import factories

CPH = ZoneInfo("Europe/Copenhagen")


def actions(request):
    return list(request.events.values_list("action", flat=True))


def send_and_confirm(parties, request):
    services.request_submit(request_pk=request.pk, user=parties["leader"])
    return services.request_confirm(request_pk=request.pk, user=parties["amr"])


def test_every_transition_has_a_service_and_a_test():
    source = inspect.getsource(inspect.getmodule(test_every_transition_has_a_service_and_a_test))
    for action in TRANSITIONS:
        assert callable(getattr(services, f"request_{action}")), action
        assert f"request_{action}(" in source, f"no test calls request_{action}"


@pytest.mark.django_db
def test_model2_request_goes_from_draft_to_provider(model2):
    request = factories.complete_request(leader=model2["leader"], counterpart=model2["amr"])
    with time_machine.travel(datetime.datetime(2016, 6, 1, 10, 0, tzinfo=CPH), tick=False):
        services.request_submit(request_pk=request.pk, user=model2["leader"])
        request.refresh_from_db()
        assert request.status == Status.AWAITING_COUNTERPART
        request = services.request_confirm(request_pk=request.pk, user=model2["amr"])
    assert request.status == Status.AT_PROVIDER
    assert request.confirmed_by == model2["amr"]
    assert request.reached_provider_at == datetime.datetime(2016, 6, 1, 10, 0, tzinfo=CPH)
    assert timezone.localtime(request.dialogue_due).date() == datetime.date(2016, 6, 8)
    assert timezone.localtime(request.contract_due).date() == datetime.date(2016, 6, 29)
    assert actions(request) == [
        Action.REQUEST_SUBMITTED,
        Action.REQUEST_CONFIRMED,
        Action.REQUEST_REACHED_PROVIDER,
    ]


@pytest.mark.django_db
def test_one_person_alone_can_never_send_a_request(model2):
    request = factories.complete_request(leader=model2["leader"], counterpart=model2["amr"])
    services.request_submit(request_pk=request.pk, user=model2["leader"])
    with pytest.raises(services.RequestError):
        services.request_confirm(request_pk=request.pk, user=model2["leader"])
    request.refresh_from_db()
    assert request.status == Status.AWAITING_COUNTERPART
    assert request.reached_provider_at is None


@pytest.mark.django_db
def test_someone_outside_the_pair_cannot_confirm(model2):
    request = factories.complete_request(leader=model2["leader"], counterpart=model2["amr"])
    services.request_submit(request_pk=request.pk, user=model2["leader"])
    other_amr = factories.MembershipFactory(workplace=model2["workplace"], role="amr").user
    for user in [other_amr, model2["staff"], model2["coordinator"]]:
        with pytest.raises(services.RequestError):
            services.request_confirm(request_pk=request.pk, user=user)


@pytest.mark.django_db
def test_med_committee_member_confirms_for_the_committee(model2):
    med = factories.MembershipFactory(workplace=model2["workplace"], role="med").user
    request = factories.complete_request(
        leader=model2["leader"],
        counterpart=None,
        counterpart_kind=Request.CounterpartKind.MED,
    )
    services.request_submit(request_pk=request.pk, user=model2["leader"])
    with pytest.raises(services.RequestError):
        services.request_confirm(request_pk=request.pk, user=model2["amr"])
    request = services.request_confirm(request_pk=request.pk, user=med)
    assert request.status == Status.AT_PROVIDER


@pytest.mark.django_db
def test_model1_request_needs_the_regions_approval(model1):
    request = factories.complete_request(leader=model1["leader"], counterpart=model1["amr"])
    request = send_and_confirm(model1, request)
    assert request.status == Status.AWAITING_REGION
    assert request.reached_provider_at is None
    request = services.request_region_approve(request_pk=request.pk, user=model1["coordinator"])
    assert request.status == Status.AT_PROVIDER
    assert request.region_approved_by == model1["coordinator"]
    assert request.dialogue_due is not None
    assert actions(request)[-2:] == [
        Action.REQUEST_REGION_APPROVED,
        Action.REQUEST_REACHED_PROVIDER,
    ]


@pytest.mark.django_db
def test_another_regions_coordinator_cannot_approve(model1):
    other = factories.CoordinatorFactory(region=factories.region("sjaelland")).user
    request = send_and_confirm(
        model1, factories.complete_request(leader=model1["leader"], counterpart=model1["amr"])
    )
    with pytest.raises(services.RequestError):
        services.request_region_approve(request_pk=request.pk, user=other)


@pytest.mark.django_db
def test_region_returns_with_a_reason(model1):
    request = send_and_confirm(
        model1, factories.complete_request(leader=model1["leader"], counterpart=model1["amr"])
    )
    with pytest.raises(services.RequestError, match="begrundelse"):
        services.request_region_return(
            request_pk=request.pk, user=model1["coordinator"], reason="  "
        )
    request = services.request_region_return(
        request_pk=request.pk, user=model1["coordinator"], reason="Ligger uden for fokus"
    )
    assert request.status == Status.DRAFT
    assert request.confirmed_by is None
    assert request.events.last().data["reason"] == "Ligger uden for fokus"


@pytest.mark.django_db
def test_edit_after_confirmation_makes_it_lapse(model1):
    """While the region approves, the local parties cannot edit (issue 11, point 11): the
    region returns the request, which is then edited as a draft and confirmed again."""
    request = send_and_confirm(
        model1, factories.complete_request(leader=model1["leader"], counterpart=model1["amr"])
    )
    assert request.status == Status.AWAITING_REGION
    for user in [model1["leader"], model1["amr"]]:
        with pytest.raises(services.RequestError):
            services.request_update(request=request, user=user, data={"wishes": "Nye ønsker"})
    request.refresh_from_db()
    assert request.wishes != "Nye ønsker"
    assert request.confirmed_by == model1["amr"]

    services.request_region_return(
        request_pk=request.pk, user=model1["coordinator"], reason="Skriv målgruppen skarpere"
    )
    request = services.request_update(
        request=request, user=model1["leader"], data={"wishes": "Nye ønsker"}
    )
    assert request.status == Status.DRAFT
    assert request.confirmed_by is None
    # The returned request must be sent and confirmed again; the leader edited, so the AMR
    # confirms, and the leader cannot.
    services.request_submit(request_pk=request.pk, user=model1["leader"])
    with pytest.raises(services.RequestError):
        services.request_confirm(request_pk=request.pk, user=model1["leader"])
    request = services.request_confirm(request_pk=request.pk, user=model1["amr"])
    assert request.status == Status.AWAITING_REGION
    assert request.wishes == "Nye ønsker"


@pytest.mark.django_db
def test_counterpart_edit_turns_the_confirmation_around(model2):
    request = factories.complete_request(leader=model2["leader"], counterpart=model2["amr"])
    services.request_submit(request_pk=request.pk, user=model2["leader"])
    services.request_update(
        request=request, user=model2["amr"], data={"target_group": "Alle i afsnittet"}
    )
    with pytest.raises(services.RequestError):
        services.request_confirm(request_pk=request.pk, user=model2["amr"])
    request = services.request_confirm(request_pk=request.pk, user=model2["leader"])
    assert request.status == Status.AT_PROVIDER
    assert request.target_group == "Alle i afsnittet"


@pytest.mark.django_db
def test_request_cannot_be_edited_once_at_the_provider(model2):
    request = send_and_confirm(
        model2, factories.complete_request(leader=model2["leader"], counterpart=model2["amr"])
    )
    with pytest.raises(services.RequestError):
        services.request_update(request=request, user=model2["leader"], data={})


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        ({"attest_not_crisis_help": False}, "Bekræft alle fire"),
        ({"other_theme": "Mobning", "other_theme_reason": ""}, "uden for de tre temaer"),
        ({"provider": None}, "Vælg en udbyder"),
        ({"informed_who": ""}, "hvem der er informeret"),
        ({"counterpart_kind": ""}, "den anden part"),
    ],
)
def test_incomplete_request_cannot_be_sent_and_says_why(model2, overrides, message):
    request = factories.complete_request(
        leader=model2["leader"], counterpart=model2["amr"], **overrides
    )
    with pytest.raises(services.RequestError, match=message):
        services.request_submit(request_pk=request.pk, user=model2["leader"])
    request.refresh_from_db()
    assert request.status == Status.DRAFT
    assert not request.events.exists()


@pytest.mark.django_db
def test_explained_other_theme_may_be_sent(model2):
    request = factories.complete_request(
        leader=model2["leader"],
        counterpart=model2["amr"],
        other_theme="Mobning",
        other_theme_reason="Trivselsmålingen viser en stigning i mobning.",
    )
    request.themes.clear()
    services.request_submit(request_pk=request.pk, user=model2["leader"])
    request.refresh_from_db()
    assert request.status == Status.AWAITING_COUNTERPART


@pytest.mark.django_db
def test_submitting_twice_writes_one_event(model2):
    request = factories.complete_request(leader=model2["leader"], counterpart=model2["amr"])
    services.request_submit(request_pk=request.pk, user=model2["leader"])
    with pytest.raises(services.RequestError):
        services.request_submit(request_pk=request.pk, user=model2["leader"])
    assert actions(request) == [Action.REQUEST_SUBMITTED]


@pytest.mark.django_db
def test_send_back_needs_a_comment_and_returns_to_draft(model2):
    request = factories.complete_request(leader=model2["leader"], counterpart=model2["amr"])
    services.request_submit(request_pk=request.pk, user=model2["leader"])
    with pytest.raises(services.RequestError):
        services.request_send_back(request_pk=request.pk, user=model2["amr"], comment="")
    request = services.request_send_back(
        request_pk=request.pk,
        user=model2["amr"],
        comment="Målgruppen skal også omfatte nattevagter",
    )
    assert request.status == Status.DRAFT
    assert request.events.last().data["comment"] == "Målgruppen skal også omfatte nattevagter"


@pytest.mark.django_db
def test_provider_starts_dialogue_on_time_and_late(model2):
    request = factories.complete_request(leader=model2["leader"], counterpart=model2["amr"])
    with time_machine.travel(datetime.datetime(2016, 6, 1, 9, 0, tzinfo=CPH), tick=False):
        send_and_confirm(model2, request)
    with time_machine.travel(datetime.datetime(2016, 6, 12, 9, 0, tzinfo=CPH), tick=False):
        with pytest.raises(services.RequestError, match="mellem"):
            services.request_start_dialogue(
                request_pk=request.pk, user=model2["staff"], started_on=datetime.date(2016, 5, 30)
            )
        with pytest.raises(services.RequestError):
            services.request_start_dialogue(
                request_pk=request.pk,
                user=model2["other_staff"],
                started_on=datetime.date(2016, 6, 5),
            )
        request = services.request_start_dialogue(
            request_pk=request.pk,
            user=model2["staff"],
            started_on=datetime.date(2016, 6, 10),
            note="Møde aftalt 15. juni",
        )
    assert request.status == Status.DIALOGUE
    assert request.events.last().data["on_time"] is False


@pytest.mark.django_db
def test_decline_then_redirect_starts_a_new_clock(model2):
    request = factories.complete_request(leader=model2["leader"], counterpart=model2["amr"])
    with time_machine.travel(datetime.datetime(2016, 6, 1, 9, 0, tzinfo=CPH), tick=False):
        send_and_confirm(model2, request)
    with pytest.raises(services.RequestError, match="Andet"):
        services.request_decline(request_pk=request.pk, user=model2["staff"], reason="other")
    request = services.request_decline(
        request_pk=request.pk, user=model2["staff"], reason="no_capacity"
    )
    assert request.status == Status.DECLINED
    cbs = factories.provider("cbs")
    with pytest.raises(services.RequestError):
        services.request_redirect(
            request_pk=request.pk, user=model2["leader"], provider=factories.provider("nfa")
        )
    request = services.request_redirect(request_pk=request.pk, user=model2["leader"], provider=cbs)
    assert request.status == Status.AWAITING_COUNTERPART
    assert request.reached_provider_at is None
    with time_machine.travel(datetime.datetime(2016, 7, 1, 9, 0, tzinfo=CPH), tick=False):
        request = services.request_confirm(request_pk=request.pk, user=model2["amr"])
    assert request.provider == cbs
    assert timezone.localtime(request.dialogue_due).date() == datetime.date(2016, 7, 8)


@pytest.mark.django_db
def test_withdraw_before_contract(model2):
    request = send_and_confirm(
        model2, factories.complete_request(leader=model2["leader"], counterpart=model2["amr"])
    )
    with pytest.raises(services.RequestError):
        services.request_withdraw(request_pk=request.pk, user=model2["staff"])
    request = services.request_withdraw(
        request_pk=request.pk, user=model2["amr"], reason="Behovet er løst"
    )
    assert request.status == Status.WITHDRAWN
    with pytest.raises(services.RequestError):
        services.request_withdraw(request_pk=request.pk, user=model2["amr"])


@pytest.mark.django_db
def test_create_only_for_own_workplace(model2):
    other = factories.WorkplaceFactory()
    with pytest.raises(services.RequestError):
        services.request_create(user=model2["leader"], workplace=other, title="X")
    request = services.request_create(
        user=model2["leader"], workplace=model2["workplace"], title="Ny anmodning"
    )
    assert request.status == Status.DRAFT
    assert actions(request) == [Action.REQUEST_CREATED]


@pytest.mark.django_db
def test_events_are_append_only(model2):
    request = services.request_create(
        user=model2["leader"], workplace=model2["workplace"], title="X"
    )
    event = RequestEvent.objects.get(request=request)
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError):
        event.save()
    with pytest.raises(ValidationError):
        event.delete()


@pytest.mark.parametrize(
    ("start", "expected"),
    [
        # Summer time ends on 30 October 2016: the due time stays 10:00 local.
        (
            datetime.datetime(2016, 10, 27, 10, 0, tzinfo=CPH),
            datetime.datetime(2016, 11, 3, 10, 0),
        ),
        # Summer time starts on 26 March 2017.
        (
            datetime.datetime(2017, 3, 23, 23, 30, tzinfo=CPH),
            datetime.datetime(2017, 3, 30, 23, 30),
        ),
    ],
)
def test_daylight_saving_does_not_move_the_due_date(start, expected):
    due = due_after(start, 7)
    assert timezone.localtime(due).replace(tzinfo=None) == expected
