"""What is checked before a request moves on: whether the provider can take it for the
wished period (whenever it is sent on towards a provider; the wizard checks when one is
chosen), and whether the one agreeing read the request as it is now."""

from django.utils.translation import gettext as _

from providers.usage import capacity
from requests_app.services.base import RequestError


def check_capacity(provider, *, wanted_to) -> None:
    """Refuse a provider that can take no contract for the wished period: nothing left in its
    frames, or room only in a later period that begins after the wished period ends. Checked
    whenever a request is sent on towards a provider, as the wizard checks when one is chosen."""
    figures = capacity(fresh=True).get(provider.pk)
    if figures is not None and figures.refused:
        raise RequestError(figures.refusal(provider.short_name))
    if figures is not None and figures.too_early(wanted_to):
        raise RequestError(figures.too_early_refusal(provider.short_name))


def check_revision(request, seen: int | None) -> None:
    """Agreeing is agreeing to the text one read: refuse when the request was edited since
    the page showing revision ``seen`` (None: not known, as for a caller without a page)."""
    if seen is not None and seen != request.revision:
        raise RequestError(
            _("The request has been edited since you read it. Read it again, then decide.")
        )
