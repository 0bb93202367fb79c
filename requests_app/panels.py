"""Sections that higher floors add to the request page.

``requests_app`` must not import the apps above it, yet the request page shows what they know
about a request (the evaluation's participant link and results, the knowledge library's tools
for its theme). Such an app registers a panel in its ``AppConfig.ready``::

    register_request_panel("evaluations", evaluation_panel)

A panel is a function ``(user, request) -> dict | None``: ``None`` shows nothing, a dict must
carry ``template`` (rendered with the dict as ``panel``) and may carry anything else the template
needs. Panels run in the order they were registered, after the contract card; each reads in a
fixed number of queries, whatever the data.

Two more hooks of the same kind serve requests_app's other pages:

* ``register_contract_panel(name, panel)``: a side panel of the contract form, the same kind
  of function (the dialogue shows its thread and attachments there, to draft from);
* ``register_unread_counter(counter)``: ``counter(user, request_ids) -> {request_id: count}``
  gives the provider's inbox a mark for requests with something unread (the dialogue's
  messages), in one query for the whole page.
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


_contract_panels: dict[str, Panel] = {}
_unread_counters: list[Callable[[object, list], dict]] = []


def register_contract_panel(name: str, panel: Panel) -> None:
    _contract_panels[name] = panel


def contract_panels(user, request) -> list[dict]:
    shown = []
    for panel in _contract_panels.values():
        context = panel(user, request)
        if context:
            shown.append(context)
    return shown


def register_unread_counter(counter) -> None:
    if counter not in _unread_counters:
        _unread_counters.append(counter)


def unread_counts(user, request_ids) -> dict[int, int]:
    """What is unread for ``user`` per request, summed over every registered counter."""
    counts: dict[int, int] = {}
    for counter in _unread_counters:
        for request_id, count in counter(user, list(request_ids)).items():
            counts[request_id] = counts.get(request_id, 0) + count
    return counts
