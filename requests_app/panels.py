"""Sections that higher floors add to the request page.

``requests_app`` must not import the apps above it, yet the request page shows what they know
about a request (the evaluation's participant link and results, the knowledge library's tools
for its theme). Such an app registers a panel in its ``AppConfig.ready``::

    register_request_panel("evaluations", evaluation_panel)

A panel is a function ``(user, request) -> dict | None``: ``None`` shows nothing, a dict must
carry ``template`` (rendered with the dict as ``panel``) and may carry anything else the template
needs. Panels run in the order they were registered, after the contract card; each reads in a
fixed number of queries, whatever the data.
"""

from collections.abc import Callable

Panel = Callable[[object, object], dict | None]

_panels: dict[str, Panel] = {}


def register_request_panel(name: str, panel: Panel) -> None:
    _panels[name] = panel


def request_panels(user, request) -> list[dict]:
    shown = []
    for panel in _panels.values():
        context = panel(user, request)
        if context:
            shown.append(context)
    return shown
