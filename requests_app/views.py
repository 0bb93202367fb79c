"""Request pages: the wizard, the request page with its timeline and actions, the inboxes.

Views are thin: they pick the form, call one service and say what happened. A request the
user may not see answers 404; a page of a role the user does not hold answers 403.
"""

from functools import wraps

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.forms.models import construct_instance
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from accounts.rules import is_provider_staff, is_workplace_member
from requests_app import forms, selectors, services
from requests_app import rules as request_rules
from requests_app.models import Request

STEPS = [
    ("basics", forms.BasicsForm, gettext_lazy("Workplace and level")),
    ("content", forms.ContentForm, gettext_lazy("Themes and needs")),
    ("provider", forms.ProviderForm, gettext_lazy("Provider and period")),
    ("attestations", forms.AttestationsForm, gettext_lazy("Informed and attestations")),
    ("counterpart", forms.CounterpartForm, gettext_lazy("The other party")),
]
STEP_NAMES = [name for name, _form, _label in STEPS]
FORMS_NEEDING_USER = {forms.BasicsForm, forms.CounterpartForm}


def _visible_request(user, pk) -> Request:
    return get_object_or_404(selectors.requests_for(user=user), pk=pk)


def _service_action(view):
    """POST-only action on a visible request; a RequestError becomes a message, never a 500."""

    @wraps(view)
    @login_required
    @require_POST
    def wrapper(http_request, pk, *args, **kwargs):
        request = _visible_request(http_request.user, pk)
        try:
            result = view(http_request, request, *args, **kwargs)
        except services.RequestError as error:
            messages.error(http_request, str(error))
            return redirect(request)
        return result or redirect(request)

    return wrapper


@login_required
def request_list(http_request):
    requests = selectors.requests_for(user=http_request.user).order_by("-updated_at")
    return render(http_request, "requests_app/request_list.html", {"requests": requests})


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
            request = services.request_create(user=user, **form.cleaned_data)
        except services.RequestError as error:
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


def _save_step(form, http_request):
    """What the locked request gets from a valid step form (used by ``request_update``)."""

    def save(request):
        construct_instance(form, request, fields=form._meta.fields)
        if isinstance(form, forms.CounterpartForm):
            choice = form.cleaned_data["counterpart_choice"]
            if choice == forms.CounterpartForm.INVITE:
                request.counterpart = services.invite_counterpart(
                    request=request,
                    email=form.cleaned_data["invite_email"],
                    role=form.cleaned_data["invite_role"],
                    inviter=http_request.user,
                    base_url=http_request.build_absolute_uri("/"),
                )
                request.counterpart_email = form.cleaned_data["invite_email"].lower()
                choice = Request.CounterpartKind.PERSON
            elif choice == Request.CounterpartKind.MED:
                request.counterpart = None
            request.counterpart_kind = choice
        request.save()
        for field in request._meta.many_to_many:
            if field.name in form.cleaned_data:
                getattr(request, field.name).set(form.cleaned_data[field.name])

    return save


@login_required
def request_step(http_request, pk, step):
    if step not in STEP_NAMES:
        raise Http404
    user = http_request.user
    request = _visible_request(user, pk)
    if not request_rules.is_local_party(user, request):
        raise PermissionDenied
    if not request.is_editable:
        messages.info(http_request, _("The request can no longer be edited."))
        return redirect(request)
    form_class = {name: form for name, form, _label in STEPS}[step]
    form = form_class(http_request.POST or None, instance=request, **_form_kwargs(form_class, user))
    if http_request.method == "POST" and form.is_valid():
        if form.has_changed() or request.status == "draft":
            try:
                services.request_update(
                    request_pk=request.pk, user=user, save_form=_save_step(form, http_request)
                )
            except services.RequestError as error:
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
    return render(http_request, "requests_app/wizard.html", context)


@login_required
def request_detail(http_request, pk):
    user = http_request.user
    request = _visible_request(user, pk)
    is_local = request_rules.is_local_party(user, request)
    context = {
        "request_obj": request,
        "events": request.events.select_related("actor"),
        "is_local": is_local,
        "can_confirm": request.status == "awaiting_counterpart"
        and request_rules.can_confirm(user, request),
        "is_coordinator": request_rules.is_request_coordinator(user, request),
        "is_provider": request_rules.is_request_provider_staff(user, request),
        "missing": request.missing_for_sending() if is_local and request.status == "draft" else [],
        "dialogue_form": forms.DialogueForm(initial={"started_on": timezone.localdate()}),
        "decline_form": forms.DeclineForm(),
        "redirect_form": forms.RedirectForm(request=request) if is_local else None,
        "comment_form": forms.CommentForm(),
        "reason_form": forms.ReasonForm(),
        "now": timezone.now(),
    }
    return render(http_request, "requests_app/request_detail.html", context)


@_service_action
def request_submit(http_request, request):
    services.request_submit(request_pk=request.pk, user=http_request.user)
    messages.success(http_request, _("The request is sent to the other party for confirmation."))


@_service_action
def request_confirm(http_request, request):
    request = services.request_confirm(request_pk=request.pk, user=http_request.user)
    if request.status == "awaiting_region":
        messages.success(http_request, _("Confirmed. The region must now approve the request."))
    else:
        messages.success(http_request, _("Confirmed. The request is sent to the provider."))


def _form_or_error(http_request, form):
    if not form.is_valid():
        errors = [str(error) for field_errors in form.errors.values() for error in field_errors]
        raise services.RequestError(" ".join(errors))
    return form.cleaned_data


@_service_action
def request_send_back(http_request, request):
    data = _form_or_error(http_request, forms.CommentForm(http_request.POST))
    services.request_send_back(
        request_pk=request.pk, user=http_request.user, comment=data["comment"]
    )
    messages.success(http_request, _("The request is sent back with your comment."))


@_service_action
def request_region_approve(http_request, request):
    services.request_region_approve(request_pk=request.pk, user=http_request.user)
    messages.success(http_request, _("Approved. The request is sent to the provider."))


@_service_action
def request_region_return(http_request, request):
    data = _form_or_error(http_request, forms.ReasonForm(http_request.POST))
    services.request_region_return(
        request_pk=request.pk, user=http_request.user, reason=data["reason"]
    )
    messages.success(http_request, _("The request is returned to the workplace."))


@_service_action
def request_start_dialogue(http_request, request):
    data = _form_or_error(http_request, forms.DialogueForm(http_request.POST))
    services.request_start_dialogue(request_pk=request.pk, user=http_request.user, **data)
    messages.success(http_request, _("The dialogue is recorded as started."))


@_service_action
def request_decline(http_request, request):
    data = _form_or_error(http_request, forms.DeclineForm(http_request.POST))
    services.request_decline(request_pk=request.pk, user=http_request.user, **data)
    messages.success(http_request, _("The request is declined. The workplace is told."))


@_service_action
def request_redirect(http_request, request):
    data = _form_or_error(http_request, forms.RedirectForm(http_request.POST, request=request))
    services.request_redirect(request_pk=request.pk, user=http_request.user, **data)
    messages.success(
        http_request, _("The new provider is chosen. The other party must confirm the change.")
    )


@_service_action
def request_withdraw(http_request, request):
    services.request_withdraw(
        request_pk=request.pk, user=http_request.user, reason=http_request.POST.get("reason", "")
    )
    messages.success(http_request, _("The request is withdrawn."))


@login_required
def provider_inbox(http_request):
    if not is_provider_staff(http_request.user):
        raise PermissionDenied
    return render(
        http_request,
        "requests_app/inbox.html",
        {"requests": selectors.provider_inbox(user=http_request.user), "now": timezone.now()},
    )
