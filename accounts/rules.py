"""Who is who: the role predicates every app's permissions are built from.

Predicates use reverse relations only, so this ground-floor module imports no other app.
The roles come from ``accounts.roles``: read once per HTTP request, so the layout, the
dashboards' link and a page's own checks ask the database once between them (services
forget the roles they read before they check a write: ``roles.refresh_roles``).
"""

import rules

from accounts.roles import portal_roles


@rules.predicate
def is_central(user):
    if not user.is_authenticated:
        return False
    portal_roles(user)  # fills ``user.central_party``, or Django's note of its absence
    return hasattr(user, "central_party")


@rules.predicate
def is_coordinator(user):
    return user.is_authenticated and bool(portal_roles(user).region_ids)


@rules.predicate
def is_provider_staff(user):
    return user.is_authenticated and bool(portal_roles(user).provider_ids)


@rules.predicate
def is_workplace_member(user):
    return user.is_authenticated and bool(portal_roles(user).workplace_roles)


is_admin = rules.is_superuser
# The central parties see and pay for everything; a superuser may do what they may.
is_central_or_admin = is_central | is_admin

rules.add_perm("accounts.invite_user", is_central_or_admin)
rules.add_perm("accounts.view_overview", is_central_or_admin)
rules.add_perm("accounts.view_mail_failures", is_central_or_admin)
