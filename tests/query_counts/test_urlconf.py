"""Every URL of the portal has its query count pinned, or says why not (issue 12, point 2).

The walk goes through the whole URLconf, includes and namespaces too; a new page with no row
in ``pages.PAGES`` and no reason in ``pages.EXEMPT`` fails here (see ``pages.py`` on how to
add one). A row or reason for a URL that no longer exists fails too.
"""

from django.urls import URLPattern, URLResolver, get_resolver

from tests.query_counts.pages import EXEMPT, PAGES


def _walk(resolver, namespace="", prefix=""):
    for pattern in resolver.url_patterns:
        route = prefix + str(pattern.pattern)
        if isinstance(pattern, URLResolver):
            inner = pattern.namespace or ""
            inner = f"{namespace}:{inner}" if namespace and inner else namespace or inner
            yield from _walk(pattern, inner, route)
        elif isinstance(pattern, URLPattern):
            yield namespace, (f"{namespace}:{pattern.name}" if namespace else pattern.name), route


def urls() -> list[tuple[str, str | None, str]]:
    """(namespace, name or None, route) of every pattern the URLconf resolves."""
    return list(_walk(get_resolver()))


def _exempt_namespace(namespace) -> bool:
    return any(namespace.split(":")[0] == key[:-2] for key in EXEMPT if key.endswith(":*"))


def test_every_url_has_its_page_or_reason():
    pinned = {page.url_name for page in PAGES} | set(EXEMPT)
    missing = [
        name or f"(no name) {route}"
        for namespace, name, route in urls()
        if not _exempt_namespace(namespace) and (name is None or name not in pinned)
    ]
    assert not missing, (
        "URLs without a row in tests/query_counts/pages.py (PAGES) or a reason in EXEMPT:\n  "
        + "\n  ".join(missing)
    )


def test_every_row_and_reason_names_a_url():
    names = {name for _namespace, name, _route in urls()}
    stale = sorted(
        key
        for key in {page.url_name for page in PAGES} | set(EXEMPT)
        if not key.endswith(":*") and key not in names
    )
    assert not stale, f"Rows or reasons for URLs that do not exist: {stale}"


def test_every_reason_says_something():
    assert all(len(reason.split()) >= 4 for reason in EXEMPT.values())


def test_the_walk_sees_includes_and_namespaces():
    """The walk itself: it finds pages inside includes, with their namespace."""
    names = {name for _namespace, name, _route in urls()}
    assert {"home", "requests:detail", "invoices:ledger", "account_login"} <= names
    assert any(namespace == "admin" for namespace, _name, _route in urls())
