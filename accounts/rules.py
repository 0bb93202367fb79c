"""Who is who: the role predicates every app's permissions are built from.

Predicates use reverse relations only, so this ground-floor module imports no other app.
"""

import rules


@rules.predicate
def is_central(user):
    return user.is_authenticated and hasattr(user, "central_party")


@rules.predicate
def is_coordinator(user):
    return user.is_authenticated and user.coordinator_roles.exists()


@rules.predicate
def is_provider_staff(user):
    return user.is_authenticated and user.provider_roles.exists()


@rules.predicate
def is_workplace_member(user):
    return user.is_authenticated and user.memberships.filter(confirmed_at__isnull=False).exists()


is_admin = rules.is_superuser
# The central parties see and pay for everything; a superuser may do what they may.
is_central_or_admin = is_central | is_admin

rules.add_perm("accounts.invite_user", is_central_or_admin)
rules.add_perm("accounts.view_overview", is_central_or_admin)
rules.add_perm("accounts.view_mail_failures", is_central_or_admin)
