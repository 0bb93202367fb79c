"""The dialogue's sections on requests_app's pages, registered in ``DialogueConfig.ready``.

``thread_panel`` is the request page's section: the whole thread for the people on it (and
opening it reads it: their unread marks and bell lines for it go), only the summary for anyone
else who may see the request. ``contract_panel`` is the side panel of the contract form: the
thread's messages and attachments to draft from. ``unread_counter`` gives the inbox its marks.
Each reads in a fixed number of queries, whatever the number of messages.
"""

from dialogue import forms, permissions, selectors, services
from dialogue.models import MeetingProposal


def _unread_ids(user, page, unread, read_at) -> set[int]:
    if not unread:
        return set()
    return {
        message.pk
        for message in page.messages
        if message.author_id != user.pk and (read_at is None or message.created_at > read_at)
    }


def thread_panel(user, request) -> dict | None:
    if not permissions.has_thread(request):
        return None
    taken_up_at = selectors.taken_up_at(request)
    if not permissions.can_read(user, request):
        return {
            "template": "dialogue/_summary.html",
            "summary": selectors.summary(request),
            "taken_up_at": taken_up_at,
        }
    page = selectors.thread_page(request)
    unread, read_at = selectors.unread_on(user, request)  # one query for both
    unread_ids = _unread_ids(user, page, unread, read_at)
    proposals = selectors.proposals(request)
    may_propose = permissions.may(user, "proposal_create", request)
    context = {
        "template": "dialogue/_panel.html",
        "taken_up_at": taken_up_at,
        "page": page,
        "unread_ids": unread_ids,
        "unread": unread,
        "may_write": permissions.may(user, "message_post", request),
        "may_propose": may_propose,
        "is_local": permissions.is_local_participant(user, request),
        "proposals": proposals,
        "open_proposal": next((p for p in proposals if p.is_open), None),
        "contacts": selectors.recorded_contacts(request),
        "form": forms.MessageForm(),
        "proposal_form": forms.ProposalForm() if may_propose else None,
        "contact_form": forms.ContactForm() if may_propose else None,
        "answer_form": forms.AnswerForm(),
        "states": MeetingProposal.State,
    }
    if page.newest is not None:
        services.thread_mark_read(request=request, user=user, up_to=page.newest.created_at)
    return context


def contract_panel(user, request) -> dict | None:
    """Beside the contract form: the thread (its newest page) and every attachment in it."""
    if not permissions.can_read(user, request):
        return None
    return {
        "template": "dialogue/_contract_panel.html",
        "page": selectors.thread_page(request, size=50),
        "attachments": selectors.thread_attachments(request),
    }


def unread_counter(user, request_ids) -> dict[int, int]:
    return selectors.unread_counts(user, request_ids)
