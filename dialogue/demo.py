"""Demo data for the dialogue (issue 18, point 8), called by ``seed_demo``: threads with
messages and an attachment, a proposed and an accepted meeting, and the demo programme's
frames used to different degrees, so a newcomer sees every state. Made through the services,
once (a thread with messages is left as it is), so ``seed_demo`` may run any number of times.
"""

import datetime
from decimal import Decimal

from django.contrib.auth import get_user_model
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from dialogue import services
from dialogue.capacity import CACHE_KEY
from dialogue.models import MeetingProposal, Message
from providers.models import BudgetFrame
from requests_app.models import Request
from requests_app.pdf import minimal_pdf_bytes
from requests_app.selectors import ledger
from requests_app.selectors.start_page import current_period
from requests_app.services.frame_alerts import check_all_frame_thresholds


def _user(email):
    return get_user_model().objects.get(email=email)


def _at(days, hour):
    day = timezone.localdate() + datetime.timedelta(days=days)
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(hour, 0)))


def _thread(title, posts) -> Request | None:
    request = Request.objects.filter(title=title).first()
    if request is None or Message.objects.filter(request=request).exists():
        return None
    for email, body, files in posts:
        services.message_post(request_pk=request.pk, user=_user(email), body=body, files=files)
    return request


def seed_dialogue() -> None:
    notes = SimpleUploadedFile("baggrundsnotat.pdf", minimal_pdf_bytes(), "application/pdf")
    # At the provider: the leader has written, NFA has not answered yet (unread in its inbox).
    _thread(
        "Sammenlægning af to sengeafsnit",
        [
            (
                "leder@demo.dk",
                "Hej NFA\nVi har vedhæftet et kort notat om sammenlægningen. Vi ønsker især "
                "hjælp til at inddrage medarbejderne tidligt. Se også "
                "https://www.arbejdsmiljoweb.dk/",
                [notes],
            ),
        ],
    )
    # In dialogue: a conversation and two proposed times waiting for the workplace's answer.
    request = _thread(
        "Trivsel efter omstruktureringen",
        [
            (
                "amr@demo.dk",
                "Vi vil gerne høre, hvordan I plejer at gribe en trivselsproces an.",
                [],
            ),
            ("cbs@demo.dk", "Tak for henvendelsen. Vi foreslår et indledende møde.", []),
        ],
    )
    if request is not None:
        services.proposal_create(
            request_pk=request.pk,
            user=_user("cbs@demo.dk"),
            mode=MeetingProposal.Mode.VIDEO,
            place="https://video.example.dk/cbs-trivsel",
            slots=[(_at(6, 9), 60), (_at(8, 13), 60)],
            note="Deltagere: lederen, AMR og en konsulent fra CBS.",
        )
    # Contracted: the first meeting agreed, in person.
    request = _thread(
        "Kommunikation ved vagtskifte",
        [("nfa@demo.dk", "Vi glæder os til at gå i gang. Her er to forslag til opstartsmøde.", [])],
    )
    if request is not None:
        proposal = services.proposal_create(
            request_pk=request.pk,
            user=_user("nfa@demo.dk"),
            mode=MeetingProposal.Mode.IN_PERSON,
            place="Medicinsk afdeling, mødelokale 2",
            slots=[(_at(4, 10), 90), (_at(5, 14), 90)],
        )
        services.proposal_accept(
            proposal_pk=proposal.pk, user=_user("amr@demo.dk"), slot_pk=proposal.slots.first().pk
        )
    _frames_used_differently()


# The current period's frame per provider: NFA keeps plenty of room, CBS is left with less
# than the warning threshold, Alectia and RUC are fully committed — Alectia with room in the
# next period (it can be chosen for a later contract), RUC without (it cannot be chosen).
def _frames_used_differently() -> None:
    period = current_period()
    if period is None:
        return
    frames = BudgetFrame.objects.filter(period__programme_id=period.programme_id).select_related(
        "provider", "period"
    )
    rows = {(row.frame.provider.slug, row.frame.period_id): row for row in ledger.ledger(frames)}
    later = {
        slug: period_id for slug, period_id in rows if period_id != period.pk
    }  # one later period in the demo programme
    for (slug, period_id), row in rows.items():
        if period_id == period.pk:
            amount = {
                "cbs": row.used + Decimal("80000.00"),
                "alectia": row.used,
                "ruc": row.used,
            }.get(slug)
        elif slug == "ruc" and later.get(slug) == period_id:
            amount = row.used
        else:
            amount = None
        if amount is not None and amount != row.amount:
            # Demo data only: the admin is where frames are set (BudgetFrame, providers).
            BudgetFrame.objects.filter(pk=row.frame.pk).update(amount=max(amount, Decimal(0)))
    from django.core.cache import cache

    cache.delete(CACHE_KEY)
    # The 75/90/100 % notices for the frames just set, as the periodic scan would send them.
    check_all_frame_thresholds()
