"""What the dialogue holds about a person, for the download of one's own data
(accounts.privacy): the messages they wrote, the meetings they proposed and the contacts they
recorded. Messages and their files are part of the request: they stay when a user is forgotten."""

from dialogue.models import MeetingProposal, Message, RecordedContact


def _when(value):
    return value.isoformat() if value else None


def personal_data(user) -> dict:
    return {
        "messages": [
            {
                "at": _when(m.created_at),
                "request": m.request_id,
                "role": m.author_role,
                "text": m.body,
            }
            for m in Message.objects.filter(author=user).order_by("created_at", "pk")
        ],
        "meeting_proposals": [
            {"request": p.request_id, "state": p.state}
            for p in MeetingProposal.objects.filter(proposed_by=user).order_by("pk")
        ],
        "recorded_contacts": [
            {"request": c.request_id, "note": c.note}
            for c in RecordedContact.objects.filter(recorded_by=user).order_by("pk")
        ],
    }
