"""What is checked before a request moves on: whether the provider can take it for the
wished period (whenever it is sent on towards a provider, the region's approval included; the
wizard checks when one is chosen), and whether the one agreeing read the request as it is
now."""

from django.utils.translation import gettext as _

from providers.usage import capacity
from requests_app.services.base import RequestError


def check_capacity(provider, *, wanted_to, by_region: bool = False) -> None:
    """Refuse a provider that can take no contract for the wished period: nothing left in its
    frames, or room only in a later period that begins after the wished period ends. Checked
    whenever a request is sent on towards a provider, as the wizard checks when one is chosen.

    The region's coordinator (``by_region``) cannot choose another provider: they are told
    to return the request, so the local parties can."""
    figures = capacity(fresh=True).get(provider.pk)
    if figures is None or not (figures.refused or figures.too_early(wanted_to)):
        return
    if by_region:
        raise RequestError(
            _(
                "%(provider)s has no room left in its frame for the wished period. Return the "
                "request to the workplace with that reason, so the local parties can choose "
                "another provider or other dates."
            )
            % {"provider": provider.short_name}
        )
    if figures.refused:
        raise RequestError(figures.refusal(provider.short_name))
    raise RequestError(figures.too_early_refusal(provider.short_name))


def check_revision(request, seen: int | None) -> None:
    """Agreeing is agreeing to the text one read: refuse when the request was edited since
    the page showing revision ``seen`` (None: not known, as for a caller without a page)."""
    if seen is not None and seen != request.revision:
        raise RequestError(
            _("The request has been edited since you read it. Read it again, then decide.")
        )
