"""What every action page shares: finding the object the user may see, and turning a POST
into one service call whose refusal becomes a message, never an error page."""

from functools import wraps

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404, redirect
from django.views.decorators.http import require_POST

from requests_app.models import Invoice, Request
from requests_app.selectors.invoices import invoices_for
from requests_app.selectors.requests import requests_for
from requests_app.services.base import RequestError
from requests_app.text import error_label


def visible_request(user, pk) -> Request:
    """The request, if the user may see it; 404 otherwise (its existence is not told)."""
    return get_object_or_404(requests_for(user=user), pk=pk)


def visible_invoice(user, pk) -> Invoice:
    return get_object_or_404(invoices_for(user), pk=pk)


def cleaned_or_error(form) -> dict:
    """The cleaned data of a valid form; otherwise its messages as one RequestError.

    For action buttons that post a small form and return to the page they came from.
    """
    if not form.is_valid():
        raise RequestError(" ".join(_named_errors(form)))
    return form.cleaned_data


def _named_errors(form) -> list[str]:
    """Each error with its field's label ("Begrundelse: Dette felt er påkrævet."): the
    message is read away from the form, so "this field" must say which."""
    named = []
    for name, errors in form.errors.items():
        field = form.fields.get(name)
        label = error_label(field.label) if field is not None and field.label else ""
        named += [f"{label}: {error}" if label else str(error) for error in errors]
    return named


REFUSED_FORM = "refused_form"
# Not handed back to the page: its own CSRF token stands, and nothing secret is kept.
NOT_KEPT = {"csrfmiddlewaretoken", "password"}
KEPT_VALUES, KEPT_LENGTH = 100, 10_000


def remember_refused(http_request, error) -> None:
    """What a refused form held, for the page the user is sent back to: its script
    (``static/js/portal.js``) opens that form there, fills it in again and shows the reason
    beside it, instead of leaving an empty form closed far below a message at the top (which
    stays, for a browser without scripts). Read once (``{% refused_form %}``)."""
    data = [
        [name, value[:KEPT_LENGTH]]
        for name, values in http_request.POST.lists()
        if name not in NOT_KEPT
        for value in values
    ]
    http_request.session[REFUSED_FORM] = {
        "action": http_request.path,
        "data": data[:KEPT_VALUES],
        "error": str(error),
    }


def _action(find):
    """A POST-only action on an object ``find(user, pk)`` returns; back to it afterwards."""

    def decorator(view):
        @wraps(view)
        @login_required
        @require_POST
        def wrapper(http_request, pk, *args, **kwargs):
            obj = find(http_request.user, pk)
            try:
                result = view(http_request, obj, *args, **kwargs)
            except RequestError as error:
                messages.error(http_request, str(error))
                remember_refused(http_request, error)
                return redirect(obj)
            return result or redirect(obj)

        return wrapper

    return decorator


request_action = _action(visible_request)
invoice_action = _action(visible_invoice)
