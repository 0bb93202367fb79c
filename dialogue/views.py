"""The dialogue's pages: older messages on demand, posting, attachments, meetings, contact.

Everything here is for the people on the thread (``permissions.can_read``); anyone else gets
404, whether or not they may see the request itself (the coordinator and the central parties
see only the summary on the request page). Posting works with htmx (the new message is
appended, the form reset) and without JavaScript (a redirect back to the thread).
"""

from functools import wraps

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from dialogue import forms, permissions, selectors, services
from dialogue.calendar import meeting_ics
from dialogue.files import download_name
from dialogue.models import MeetingProposal
from requests_app.services.base import RequestError
from requests_app.views.actions import cleaned_or_error, remember_refused, visible_request


def thread_request(user, pk):
    """The request, if ``user`` is on its thread; 404 otherwise."""
    request = visible_request(user, pk)
    if not permissions.can_read(user, request):
        raise Http404
    return request


def visible_proposal(user, pk) -> MeetingProposal:
    proposal = MeetingProposal.objects.filter(pk=pk).only("pk", "request_id").first()
    if proposal is None:
        raise Http404
    request = thread_request(user, proposal.request_id)
    proposal = MeetingProposal.objects.select_related("accepted_slot").get(pk=pk)
    if proposal.provider_id != request.provider_id:
        raise Http404
    proposal.request = request
    return proposal


def _back(request, anchor="dialogue"):
    return redirect(f"{request.get_absolute_url()}#{anchor}")


def _is_htmx(http_request) -> bool:
    return http_request.headers.get("HX-Request") == "true"


def dialogue_action(find, anchor="dialogue"):
    """A POST on the object ``find(user, pk)`` returns; a refusal becomes a message."""

    def decorator(view):
        @wraps(view)
        @login_required
        @require_POST
        def wrapper(http_request, pk):
            obj = find(http_request.user, pk)
            request = getattr(obj, "request", obj)
            try:
                view(http_request, obj)
            except RequestError as error:
                messages.error(http_request, str(error))
                remember_refused(http_request, error)
            return _back(request, anchor)

        return wrapper

    return decorator


@login_required
@require_GET
def thread_older(http_request, pk):
    """Older messages: a fragment for htmx, a page of its own without JavaScript."""
    request = thread_request(http_request.user, pk)
    try:
        before = int(http_request.GET.get("before", ""))
    except ValueError as error:
        raise Http404 from error
    page = selectors.thread_page(request, before=before)
    context = {"request_obj": request, "page": page}
    if _is_htmx(http_request):
        return render(http_request, "dialogue/_older.html", context)
    return render(http_request, "dialogue/thread_older.html", context)


@login_required
@require_POST
def message_create(http_request, pk):
    user = http_request.user
    request = thread_request(user, pk)
    try:
        data = cleaned_or_error(forms.MessageForm(http_request.POST))
        message = services.message_post(
            request_pk=request.pk,
            user=user,
            body=data["body"],
            files=http_request.FILES.getlist("files"),
        )
    except RequestError as error:
        if _is_htmx(http_request):
            response = render(http_request, "dialogue/_compose_error.html", {"error": error})
            response["HX-Retarget"] = "#dialogue-compose-error"
            response["HX-Reswap"] = "innerHTML"
            return response
        messages.error(http_request, str(error))
        remember_refused(http_request, error)
        return _back(request, "dialogue-compose")
    if _is_htmx(http_request):
        return render(
            http_request,
            "dialogue/_posted.html",
            {"message": message, "request_obj": request, "form": forms.MessageForm()},
        )
    messages.success(http_request, _("Your message is sent."))
    return _back(request, f"message-{message.pk}")


@login_required
@require_GET
def attachment_download(http_request, pk):
    attachment = selectors.visible_attachment(http_request.user, pk)
    if attachment is None:
        raise Http404
    response = FileResponse(
        attachment.file.open("rb"),
        as_attachment=True,
        # What the file is decides its extension, whatever it was called (dialogue.files).
        filename=download_name(attachment.original_name, attachment.content_type),
        content_type=attachment.content_type,
    )
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = "default-src 'none'; sandbox"
    return response


@dialogue_action(thread_request, anchor="meetings")
def proposal_create(http_request, request):
    data = cleaned_or_error(forms.ProposalForm(http_request.POST))
    services.proposal_create(
        request_pk=request.pk,
        user=http_request.user,
        mode=data["mode"],
        place=data["place"],
        slots=data["slots"],
        note=data["note"],
    )
    messages.success(http_request, _("The times are proposed. The workplace is told."))


@dialogue_action(visible_proposal, anchor="meetings")
def proposal_accept(http_request, proposal):
    try:
        slot_pk = int(http_request.POST.get("slot", ""))
    except ValueError as error:
        raise RequestError(_("Choose one of the proposed times.")) from error
    services.proposal_accept(proposal_pk=proposal.pk, user=http_request.user, slot_pk=slot_pk)
    messages.success(http_request, _("The meeting is accepted. The provider is told."))


@dialogue_action(visible_proposal, anchor="meetings")
def proposal_ask_other_times(http_request, proposal):
    data = cleaned_or_error(forms.AnswerForm(http_request.POST))
    services.proposal_ask_other_times(
        proposal_pk=proposal.pk, user=http_request.user, answer=data["answer"]
    )
    messages.success(http_request, _("The provider is asked for other times."))


@dialogue_action(visible_proposal, anchor="meetings")
def proposal_cancel(http_request, proposal):
    data = cleaned_or_error(forms.CancelForm(http_request.POST))
    services.proposal_cancel(
        proposal_pk=proposal.pk,
        user=http_request.user,
        reason=data["answer"],
        seen_state=data["seen_state"],
    )
    messages.success(http_request, _("The meeting is cancelled. The others are told."))


@login_required
@require_GET
def meeting_calendar(http_request, pk):
    proposal = visible_proposal(http_request.user, pk)
    if not proposal.is_accepted:
        raise Http404
    body = meeting_ics(proposal, host=http_request.get_host())
    response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="moede-{proposal.pk}.ics"'
    return response


@dialogue_action(thread_request, anchor="meetings")
def contact_record(http_request, request):
    data = cleaned_or_error(forms.ContactForm(http_request.POST))
    services.contact_record(request_pk=request.pk, user=http_request.user, **data)
    messages.success(http_request, _("The contact is recorded."))
