"""The dialogue's free text expires with its request's (requests_app.services.retention):
message bodies, a meeting proposal's note and the answer to it (other times asked for, the
reason it was cancelled), and a recorded contact's participants and note become the marker.
Who wrote and when stays, as do the meetings' times and places and the attachments (the
written material a contract may rest on is kept with the contract). A meeting's times carry no
text of their own.
"""

from django.db.models import Q

from dialogue.models import MeetingProposal, Message, RecordedContact
from requests_app.services.retention import ANONYMISED


def _scrub(model, request_pks, *fields) -> None:
    """Every non-empty ``fields`` of the requests' rows becomes the marker; an update, which
    the append-only rows allow only here, on purpose (as the event log's scrub does)."""
    rows = model.objects.filter(request__in=request_pks)
    for field in fields:
        rows.filter(~Q(**{field: ""}), ~Q(**{field: ANONYMISED})).update(**{field: ANONYMISED})


def scrub_free_text(sender, request_pks, **kwargs):
    _scrub(Message, request_pks, "body")
    _scrub(MeetingProposal, request_pks, "note", "answer")
    _scrub(RecordedContact, request_pks, "participants", "note")
