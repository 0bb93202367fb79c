"""The benchmark's baseline: the cheapest page the stack can serve (``portal.urls_bench``).

One query, a tiny template and the full middleware (sessions, authentication, MFA, CSP …):
what every page pays before it does anything of its own. `make bench` measures each page's
throughput as a share of this view's, alternating the two in the same run.
"""

from django.http import HttpResponse
from django.template import engines

from accounts.models import Region

_TEMPLATE = engines["django"].from_string(
    '<!doctype html><html lang="da"><title>Basislinje</title><p>{{ name }}</p></html>'
)


def baseline(request):
    name = Region.objects.order_by("pk").values_list("name", flat=True).first()
    # No request: no context processors, so the one query is the only one of its own.
    return HttpResponse(_TEMPLATE.render({"name": name}))
