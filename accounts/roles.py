"""The user's roles, read once per HTTP request (issue 12, point 2).

The request page asks "is the user a local party / the provider's staff / the region's
coordinator here?" once for every button and panel; ``portal_roles`` reads the answers to all
of them in one query and keeps them on the user object, which lives as long as the HTTP request
(the session middleware loads a new one for the next). The same query fills what Django keeps
on the user itself, so the layout's ``user.central_party`` and ``user.provider_roles.exists``
read nothing more. Code that changes a user's roles and then asks again about the same user
object calls ``refresh_roles`` first; the services of requests_app, dialogue and evaluations
do so before every permission check (a write acts on what the database says now).

Reverse relations only, so this ground-floor module imports no other app.
"""

import functools
from dataclasses import dataclass, field

from django.contrib.auth import get_user_model
from django.db import connections, router

_MEMO = "_portal_roles"
# Provider, region, central and named-request rows share the query's last column with the
# membership roles; no ``Membership.Role`` value starts with "@".
_PROVIDER, _REGION, _CENTRAL, _NAMED = "@provider", "@region", "@central:", "@named"


@dataclass(frozen=True)
class PortalRoles:
    """The confirmed membership roles per workplace, the providers the user works for, the
    regions they coordinate, and the requests that name them as the other party at a
    workplace where they hold no confirmed role (invited and not confirmed yet, or left
    since). (The central parties: ``accounts.rules.is_central``, from ``user.central_party``,
    which ``portal_roles`` fills.)"""

    workplace_roles: dict = field(default_factory=dict)  # workplace id -> frozenset of roles
    provider_ids: frozenset = frozenset()
    region_ids: frozenset = frozenset()
    named_request_ids: frozenset = frozenset()

    def roles_at(self, workplace_id) -> frozenset:
        return self.workplace_roles.get(workplace_id, frozenset())

    def is_member_of(self, workplace_id) -> bool:
        return workplace_id in self.workplace_roles


NONE = PortalRoles()


def portal_roles(user) -> PortalRoles:
    """The user's roles: one query the first time, none after (see the module's note)."""
    cached = getattr(user, _MEMO, None)
    if cached is not None:
        return cached
    roles = _read(user) if user.is_authenticated else NONE
    setattr(user, _MEMO, roles)
    return roles


def refresh_roles(user) -> None:
    """Forget the user's roles read so far: the next question reads them again."""
    if hasattr(user, _MEMO):
        delattr(user, _MEMO)
    if user.is_authenticated:
        getattr(user, "_prefetched_objects_cache", {}).pop("provider_roles", None)
        user._state.fields_cache.pop(_central_rel(user).cache_name, None)


def _central_rel(user):
    return get_user_model().central_party.related  # ``user`` may be the request's lazy proxy


def _column(model, name: str, quote) -> str:
    return quote(model._meta.get_field(name).column)


@functools.cache
def _roles_sql(vendor: str) -> str:
    """The five kinds of role in one statement, written once per database vendor. It was a
    union of four querysets, which Django compiled anew on every page: 1.5 ms of each
    authenticated request, against 0.3 ms for the query itself (issue 12)."""
    user_model = get_user_model()
    quote = connections[router.db_for_read(user_model)].ops.quote_name
    membership = user_model.memberships.rel.related_model
    staff = user_model.provider_roles.rel.related_model
    coordinator = user_model.coordinator_roles.rel.related_model
    central = _central_rel(user_model).related_model
    named = user_model.requests_to_confirm.field  # Request.counterpart

    def select(model, target: str, kind: str, extra: str = "", user_field: str = "user") -> str:
        pk, user = quote(model._meta.pk.column), _column(model, user_field, quote)
        # Names from the models' own meta; the user's id is a parameter.
        table, column = quote(model._meta.db_table), _column(model, target, quote)
        return f"SELECT {pk}, {column}, {kind} FROM {table} WHERE {user} = %s{extra}"  # noqa: S608

    confirmed = f" AND {_column(membership, 'confirmed_at', quote)} IS NOT NULL"
    # The requests naming the user as the other party come with their workplaces; ``_read``
    # keeps those at workplaces where the user holds no confirmed role. Said here, as NOT
    # EXISTS over the memberships, it doubled the statement's planning (0.25 to 0.45 ms).
    return " UNION ALL ".join(
        [
            select(membership, "workplace", _column(membership, "role", quote), confirmed),
            select(staff, "provider", f"'{_PROVIDER}'"),
            select(coordinator, "region", f"'{_REGION}'"),
            select(central, "user", f"'{_CENTRAL}' || {_column(central, 'party', quote)}"),
            select(named.model, "workplace", f"'{_NAMED}'", user_field=named.name),
        ]
    )


def _read(user) -> PortalRoles:
    db = router.db_for_read(get_user_model())
    with connections[db].cursor() as cursor:
        cursor.execute(_roles_sql(connections[db].vendor), [user.pk] * 5)
        rows = cursor.fetchall()
    staff_model, central_model = user.provider_roles.model, _central_rel(user).related_model
    workplaces, providers, regions, named, staff, central = {}, set(), set(), [], [], None
    for pk, target, kind in rows:
        if kind == _NAMED:
            named.append((pk, target))
        elif kind == _PROVIDER:
            providers.add(target)
            fields = ["id", "user_id", "provider_id"]
            staff.append(staff_model.from_db(db, fields, [pk, user.pk, target]))
        elif kind == _REGION:
            regions.add(target)
        elif kind.startswith(_CENTRAL):
            fields, party = ["id", "user_id", "party"], kind.removeprefix(_CENTRAL)
            central = central_model.from_db(db, fields, [pk, user.pk, party])
        else:
            workplaces.setdefault(target, set()).add(kind)
    _fill_django_caches(user, staff, central)
    return PortalRoles(
        {pk: frozenset(roles) for pk, roles in workplaces.items()},
        frozenset(providers),
        frozenset(regions),
        frozenset(pk for pk, workplace in named if workplace not in workplaces),
    )


def _fill_django_caches(user, staff, central) -> None:
    """What ``prefetch_related("provider_roles")`` and reading ``user.central_party`` would
    have left on the user (the miss included: Django keeps ``None`` for it too)."""
    _central_rel(user).set_cached_value(user, central)
    provider_roles = user.provider_roles.all()
    provider_roles._result_cache = staff
    provider_roles._prefetch_done = True
    if not hasattr(user, "_prefetched_objects_cache"):
        user._prefetched_objects_cache = {}
    user._prefetched_objects_cache["provider_roles"] = provider_roles
