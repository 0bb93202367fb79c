"""What the knowledge library offers around requests: the tools that fit their themes.

``library_panel`` is registered as a request-page panel in ``RequestsAppConfig.ready``;
``start_page_tool`` is the start page's suggestion for a TRIO. Each reads in two queries,
whatever the size of the library or the number of requests.
"""

from library import selectors as library
from providers.models import Theme
from requests_app.models import Request


def library_panel(user, request) -> dict | None:
    slugs = [theme.slug for theme in request.themes.all()]
    tools = library.tools_for_themes(slugs)
    if not tools:
        return None
    return {"template": "library/_request_panel.html", "tools": tools}


def start_page_tool(user):
    """A tool for the themes of the latest request at the user's workplaces, or None.

    The latest request (drafts included) at a workplace where the user's membership is
    confirmed; two queries: its themes' slugs (the request is a subquery), then the tool.
    """
    latest = (
        Request.objects.filter(
            workplace__memberships__user=user, workplace__memberships__confirmed_at__isnull=False
        )
        .order_by("-created_at", "-pk")
        .values("pk")[:1]
    )
    slugs = list(Theme.objects.filter(request__in=latest).values_list("slug", flat=True))
    return library.tool_for_themes(slugs) if slugs else None
