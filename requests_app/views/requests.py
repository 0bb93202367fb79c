"""Request pages: the wizard, the request page with its timeline and actions, the inboxes.

A request the user may not see answers 404; a page of a role the user does not hold answers
403. The buttons on the request page are ``permissions.available_actions``.
"""

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_safe

from accounts.rules import is_provider_staff, is_workplace_member
from requests_app import permissions
from requests_app.forms import answers
from requests_app.forms import requests as forms
from requests_app.models import Request, Status
from requests_app.panels import request_panels, unread_counts
from requests_app.selectors import request_page, start_page
from requests_app.selectors import requests as selectors
from requests_app.services import intake
from requests_app.services.base import RequestError
from requests_app.transitions import REQUEST_TRANSITIONS
from requests_app.views.actions import cleaned_or_error, request_action, visible_request

STEPS = [
    ("basics", forms.BasicsForm, gettext_lazy("Workplace and level")),
    ("content", forms.ContentForm, gettext_lazy("Themes and needs")),
    ("provider", forms.ProviderForm, gettext_lazy("Provider and period")),
    ("attestations", forms.AttestationsForm, gettext_lazy("Informed and attestations")),
    ("counterpart", forms.CounterpartForm, gettext_lazy("The other party")),
]
STEP_NAMES = [name for name, _form, _label in STEPS]
FORMS_NEEDING_USER = {forms.BasicsForm, forms.CounterpartForm}


@login_required
@require_safe
def request_list(http_request):
    """All requests the user may see, or one of the start page's queues whole (``?queue=``)."""
    user = http_request.user
    queue = start_page.request_queue(user=user, name=http_request.GET.get("queue", ""))
    if queue is None:
        heading, requests = None, selectors.requests_for(user=user).order_by("-updated_at", "-pk")
    else:
        heading, requests = queue
    paginator = Paginator(selectors.listed(requests), settings.PAGE_SIZE)
    page = paginator.get_page(http_request.GET.get("page"))
    return render(
        http_request,
        "requests_app/request_list.html",
        {"requests": page, "page_obj": page, "queue_heading": heading},
    )


def _form_kwargs(form_class, user):
    return {"user": user} if form_class in FORMS_NEEDING_USER else {}


@login_required
def request_new(http_request):
    user = http_request.user
    if not is_workplace_member(user):
        raise PermissionDenied
    form = forms.BasicsForm(http_request.POST or None, user=user)
    if http_request.method == "POST" and form.is_valid():
        try:
            request = intake.request_create(user=user, **form.cleaned_data)
        except RequestError as error:
            messages.error(http_request, str(error))
        else:
            messages.success(http_request, _("The draft is saved."))
            return redirect("requests:step", pk=request.pk, step="content")
    return render(http_request, "requests_app/wizard.html", _wizard_context(None, "basics", form))


def _wizard_context(request, step, form):
    return {
        "request_obj": request,
        "form": form,
        "step": step,
        "steps": [(name, label) for name, _form, label in STEPS],
        "step_index": STEP_NAMES.index(step) + 1,
        "is_last": step == STEP_NAMES[-1],
    }


def _step_data(form, http_request) -> tuple[dict, dict | None]:
    """What a valid step form asks ``request_update`` to change, and whom to invite."""
    data = {
        name: form.cleaned_data[name] for name in form._meta.fields if name in form.cleaned_data
    }
    if not isinstance(form, forms.CounterpartForm):
        return data, None
    choice = form.cleaned_data["counterpart_choice"]
    if choice == forms.CounterpartForm.INVITE:
        data.pop("counterpart", None)
        return data, {
            "email": form.cleaned_data["invite_email"],
            "role": form.cleaned_data["invite_role"],
        }
    if choice == Request.CounterpartKind.MED:
        data["counterpart"] = None
    data["counterpart_kind"] = choice
    return data, None


@login_required
def request_step(http_request, pk, step):
    if step not in STEP_NAMES:
        raise Http404
    user = http_request.user
    request = visible_request(user, pk)
    if not permissions.is_local_party(user, request):
        raise PermissionDenied
    if not request.is_editable:
        messages.info(http_request, _("The request can no longer be edited."))
        return redirect(request)
    form_class = {name: form for name, form, _label in STEPS}[step]
    form = form_class(http_request.POST or None, instance=request, **_form_kwargs(form_class, user))
    if http_request.method == "POST" and form.is_valid():
        if form.has_changed() or request.status == Status.DRAFT:
            data, invite = _step_data(form, http_request)
            try:
                intake.request_update(request=request, user=user, data=data, invite=invite)
            except RequestError as error:
                messages.error(http_request, str(error))
                return redirect(request)
            messages.success(http_request, _("The draft is saved."))
        next_index = STEP_NAMES.index(step) + 1
        if "continue" in http_request.POST and next_index < len(STEP_NAMES):
            return redirect("requests:step", pk=request.pk, step=STEP_NAMES[next_index])
        return redirect(request)
    context = _wizard_context(request, step, form)
    if step == "content":
        context["focus_areas"] = list(request.region.focus_areas.all())
    if step == "provider":  # which provider has room now (issue 18, point 7)
        context["capacity"] = _capacity_rows()
    return render(http_request, "requests_app/wizard.html", context)


def _capacity_rows():
    from providers.models import Provider
    from providers.usage import capacity

    figures = capacity()
    providers = list(Provider.objects.filter(is_active=True).order_by("position"))
    for provider in providers:
        provider.capacity = figures.get(provider.pk)
    return providers


@login_required
@require_safe
def request_detail(http_request, pk):
    user = http_request.user
    request = request_page.page_request(user=user, pk=pk)
    actions = permissions.available_actions(user, request)
    contract = getattr(request, "contract", None)
    events = list(request.events.select_related("actor"))
    contacts, counterpart_pending = request_page.contacts_and_pending(request)
    # Who acts next, unless it is the user: they see their own buttons instead.
    waiting = selectors.waiting_for(request, events=events)
    context = {
        "request_obj": request,
        "events": events,
        "actions": actions,
        # The request's own buttons; the contract's are on the contract card.
        "request_actions": actions & REQUEST_TRANSITIONS.keys(),
        "waiting": waiting if waiting and user.pk not in waiting.user_ids else None,
        "deadlines": request_page.deadline_card(request),
        "attestations": request_page.attestations(request),
        "contacts": contacts,
        "shortfall": request_page.contract_shortfall(contract),
        "contract": contract,
        "may_download": permissions.may_download_contract(user, request),
        "missing": request.missing_for_sending() if "submit" in actions else [],
        "counterpart_pending": counterpart_pending,
        "decline_form": answers.DeclineForm(),
        "redirect_form": answers.RedirectForm(request=request) if "redirect" in actions else None,
        "now": timezone.now(),
        "panels": request_panels(user, request),
    }
    return render(http_request, "requests_app/request_detail.html", context)


@request_action
def request_submit(http_request, request):
    intake.request_submit(request_pk=request.pk, user=http_request.user)
    messages.success(http_request, _("The request is sent to the other party for confirmation."))


def seen_revision(http_request) -> int | None:
    """The revision of the request the page showed (its form's hidden ``revision``); None
    from a form without one, which is then not compared."""
    seen = http_request.POST.get("revision")
    if seen is None:
        return None
    if not seen.isdecimal():
        raise RequestError(_("The page was out of date. Read the request again, then decide."))
    return int(seen)


@request_action
def request_confirm(http_request, request):
    request = intake.request_confirm(
        request_pk=request.pk, user=http_request.user, revision=seen_revision(http_request)
    )
    if request.status == Status.AWAITING_REGION:
        messages.success(http_request, _("Confirmed. The region must now approve the request."))
    else:
        messages.success(http_request, _("Confirmed. The request is sent to the provider."))


@request_action
def request_send_back(http_request, request):
    data = cleaned_or_error(answers.CommentForm(http_request.POST))
    intake.request_send_back(request_pk=request.pk, user=http_request.user, comment=data["comment"])
    messages.success(http_request, _("The request is sent back with your comment."))


@request_action
def request_region_approve(http_request, request):
    intake.request_region_approve(
        request_pk=request.pk, user=http_request.user, revision=seen_revision(http_request)
    )
    messages.success(http_request, _("Approved. The request is sent to the provider."))


@request_action
def request_region_return(http_request, request):
    data = cleaned_or_error(answers.ReasonForm(http_request.POST))
    intake.request_region_return(
        request_pk=request.pk, user=http_request.user, reason=data["reason"]
    )
    messages.success(http_request, _("The request is returned to the workplace."))


@request_action
def request_decline(http_request, request):
    data = cleaned_or_error(answers.DeclineForm(http_request.POST))
    intake.request_decline(request_pk=request.pk, user=http_request.user, **data)
    messages.success(http_request, _("The request is declined. The workplace is told."))


@request_action
def request_redirect(http_request, request):
    data = cleaned_or_error(answers.RedirectForm(http_request.POST, request=request))
    intake.request_redirect(request_pk=request.pk, user=http_request.user, **data)
    messages.success(
        http_request, _("The new provider is chosen. The other party must confirm the change.")
    )


@request_action
def request_withdraw(http_request, request):
    intake.request_withdraw(
        request_pk=request.pk, user=http_request.user, reason=http_request.POST.get("reason", "")
    )
    messages.success(http_request, _("The request is withdrawn."))


@login_required
@require_safe
def provider_inbox(http_request):
    if not is_provider_staff(http_request.user):
        raise PermissionDenied
    inbox = selectors.provider_inbox(user=http_request.user)
    page = Paginator(inbox, settings.PAGE_SIZE).get_page(http_request.GET.get("page"))
    # What higher floors mark unread (the dialogue's messages), for the page's rows at once.
    unread = unread_counts(http_request.user, [request.pk for request in page])
    frames_full = _full_frames(http_request.user)
    full = {provider.pk: cap for provider, cap in frames_full}
    for request in page:
        request.unread = unread.get(request.pk, 0)
        # Its wishes end before the later period in which its contract would have to fall.
        cap = full.get(request.provider_id)
        request.later_period = cap if cap is not None and cap.too_early(request.wanted_to) else None
    return render(
        http_request,
        "requests_app/inbox.html",
        {
            "requests": page,
            "page_obj": page,
            "now": timezone.now(),
            "frames_full": frames_full,
        },
    )


def _full_frames(user):
    """The user's providers whose current frame is used up, with the later period a new
    contract would fall in, if any (issue 18, point 7)."""
    from providers.models import Provider
    from providers.usage import capacity

    figures = capacity()
    full = []
    for provider in Provider.objects.filter(staff__user=user):
        cap = figures.get(provider.pk)
        if cap is not None and cap.nothing_left:
            full.append((provider, cap))
    return full


@login_required
@require_safe
def offering_options(http_request):
    """The chosen provider's offerings as <option>s, for the wizard's htmx refresh."""
    offerings = forms.offerings_of(http_request.GET.get("provider"))
    return render(http_request, "requests_app/_offering_options.html", {"offerings": offerings})
