"""What requests_app holds about a person, for the download of one's own data
(registered with ``accounts.privacy`` in the app's ``ready``). The request texts themselves
belong to the workplace; the download names the requests and what the person did on them."""

from django.db.models import Q

from requests_app.models import Invoice, Request, RequestEvent


def _when(value):
    return value.isoformat() if value else None


def personal_data(user) -> dict:
    requests = (
        Request.objects.filter(
            Q(initiator=user)
            | Q(counterpart=user)
            | Q(confirmed_by=user)
            | Q(last_editor=user)
            | Q(region_approved_by=user)
        )
        .select_related("workplace__parent")
        .order_by("pk")
    )
    roles = {
        "initiator": "initiator_id",
        "counterpart": "counterpart_id",
        "confirmed_by": "confirmed_by_id",
        "last_editor": "last_editor_id",
        "region_approved_by": "region_approved_by_id",
    }
    return {
        "requests": [
            {
                "id": r.pk,
                "title": r.title,
                "workplace": str(r.workplace),
                "status": r.status,
                "as": [name for name, field in roles.items() if getattr(r, field) == user.pk],
            }
            for r in requests
        ],
        "events": [
            {"at": _when(e.created_at), "request": e.request_id, "action": e.action}
            for e in RequestEvent.objects.filter(actor=user).order_by("created_at", "pk")
        ],
        "invoices": [
            {"id": i.pk, "number": i.number, "state": i.state}
            for i in Invoice.objects.filter(
                Q(submitted_by=user) | Q(attested_by=user) | Q(paid_by=user)
            ).order_by("pk")
        ],
    }
