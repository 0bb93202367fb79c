"""Request pages: the wizard, the request page with its timeline and actions, the inboxes.

Views are thin: they pick the form, call one service and say what happened. A request the
user may not see answers 404; a page of a role the user does not hold answers 403.
"""

from functools import wraps

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.forms.models import construct_instance
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from accounts.rules import is_central, is_provider_staff, is_workplace_member
from requests_app import calendar, contracts, forms, selectors, services
from requests_app import rules as request_rules
from requests_app.models import Request
from requests_app.transitions import allowed

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
        **_contract_context(user, request),
    }
    return render(http_request, "requests_app/request_detail.html", context)


def _contract_context(user, request) -> dict:
    contract = getattr(request, "contract", None)
    side = None
    if request_rules.is_local_party(user, request):
        side = "workplace"
    elif request_rules.is_request_provider_staff(user, request):
        side = "provider"
    can_accept = False
    if contract and side and contract.state != contract.State.CLOSED:
        can_accept = not getattr(contract.current, f"{side}_accepted_by_id")
    return {
        "contract": contract,
        "may_edit_contract": side is not None,
        "can_withdraw": side == "workplace" and allowed("withdraw", request.status),
        "may_close": side == "provider" or is_central(user) or user.is_superuser,
        "may_download": _may_download(user, request),
        "can_accept": can_accept,
    }


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


@_service_action
def request_send_back(http_request, request):
    data = forms.cleaned_or_error(forms.CommentForm(http_request.POST))
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
    data = forms.cleaned_or_error(forms.ReasonForm(http_request.POST))
    services.request_region_return(
        request_pk=request.pk, user=http_request.user, reason=data["reason"]
    )
    messages.success(http_request, _("The request is returned to the workplace."))


@_service_action
def request_start_dialogue(http_request, request):
    data = forms.cleaned_or_error(forms.DialogueForm(http_request.POST))
    services.request_start_dialogue(request_pk=request.pk, user=http_request.user, **data)
    messages.success(http_request, _("The dialogue is recorded as started."))


@_service_action
def request_decline(http_request, request):
    data = forms.cleaned_or_error(forms.DeclineForm(http_request.POST))
    services.request_decline(request_pk=request.pk, user=http_request.user, **data)
    messages.success(http_request, _("The request is declined. The workplace is told."))


@_service_action
def request_redirect(http_request, request):
    data = forms.cleaned_or_error(forms.RedirectForm(http_request.POST, request=request))
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


def _contract_or_404(request):
    contract = getattr(request, "contract", None)
    if contract is None:
        raise Http404
    return contract


@login_required
def contract_edit(http_request, pk):
    """Draft the contract, or edit it into a new version (which clears acceptances)."""
    user = http_request.user
    request = _visible_request(user, pk)
    if not (
        request_rules.is_local_party(user, request)
        or request_rules.is_request_provider_staff(user, request)
    ):
        raise PermissionDenied
    existing = getattr(request, "contract", None)
    action = "contract_edit" if existing else "contract_draft"
    if not allowed(action, request.status) or (
        existing and existing.state == existing.State.CLOSED
    ):
        messages.info(
            http_request,
            _(
                "The contract can be drafted while the request is in dialogue, and amended "
                "until it is closed."
            ),
        )
        return redirect(request)
    if existing:
        current = existing.current
        initial = {field: getattr(current, field) for field in contracts.VERSION_FIELDS}
        initial_activities = list(
            current.activities.values("description", "starts_on", "ends_on", "place", "hours")
        )
    else:
        initial = contracts.contract_initial(request)
        initial_activities = []
    data = http_request.POST if http_request.method == "POST" else None
    form = forms.ContractForm(data, initial=initial)
    formset = forms.ActivityFormSet(data, initial=initial_activities, prefix="activities")
    if data is not None and form.is_valid() and formset.is_valid():
        activities = [
            activity.cleaned_data
            for activity in formset.forms
            if activity.cleaned_data and not activity.cleaned_data.get("DELETE")
        ]
        for activity in activities:
            activity.pop("DELETE", None)
        service = contracts.contract_edit if existing else contracts.contract_draft
        try:
            service(request_pk=request.pk, user=user, data=form.cleaned_data, activities=activities)
        except services.RequestError as error:
            form.add_error(None, str(error))
        else:
            messages.success(http_request, _("The contract is saved as a new version."))
            return redirect(request)
    return render(
        http_request,
        "requests_app/contract_form.html",
        {"request_obj": request, "form": form, "formset": formset, "contract": existing},
    )


@_service_action
def contract_accept(http_request, request):
    try:
        number = int(http_request.POST.get("version", ""))
    except ValueError as error:
        raise services.RequestError(_("Choose the version you accept.")) from error
    contract = contracts.contract_accept(
        request_pk=request.pk, user=http_request.user, version_number=number
    )
    if contract.is_concluded:
        messages.success(http_request, _("Both sides have accepted. The contract is concluded."))
    else:
        messages.success(
            http_request,
            _("Your acceptance is recorded. The other side must accept the same version."),
        )


@_service_action
def contract_comment(http_request, request):
    data = forms.cleaned_or_error(forms.CommentForm(http_request.POST))
    contracts.contract_comment(
        request_pk=request.pk, user=http_request.user, comment=data["comment"]
    )
    messages.success(http_request, _("Your comment is added to the timeline."))


@_service_action
def delivery_attest(http_request, request):
    data = forms.cleaned_or_error(forms.DeliveryForm(http_request.POST))
    contracts.delivery_attest(request_pk=request.pk, user=http_request.user, **data)
    messages.success(http_request, _("The delivery is attested. The evaluations can begin."))


def _may_download(user, request) -> bool:
    return (
        request_rules.is_local_party(user, request)
        or request_rules.is_request_provider_staff(user, request)
        or is_central(user)
        or user.is_superuser
    )


@login_required
def contract_pdf(http_request, pk, number):
    request = _visible_request(http_request.user, pk)
    if not _may_download(http_request.user, request):
        raise PermissionDenied
    version = get_object_or_404(_contract_or_404(request).versions, number=number)
    if not version.pdf:
        raise Http404
    response = FileResponse(
        version.pdf.open("rb"),
        content_type="application/pdf",
        as_attachment=True,
        filename=f"kontrakt-{request.pk}-v{number}.pdf",
    )
    response["X-Content-SHA256"] = version.pdf_sha256
    return response


@login_required
def contract_ics(http_request, pk):
    request = _visible_request(http_request.user, pk)
    if not _may_download(http_request.user, request):
        raise PermissionDenied
    contract = _contract_or_404(request)
    if not contract.is_concluded:
        raise Http404
    body = calendar.contract_ics(contract, host=http_request.get_host())
    response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="kontrakt-{request.pk}.ics"'
    return response
