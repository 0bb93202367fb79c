"""The permission matrix's one table (issue 16, "Access", first bullet).

For now it holds the anonymous column: what a visitor who is not signed in gets on GET and on
POST with an empty body for every URL name of the URLconf. ``LOGIN`` means a 302 to the login
page; a number is that status. ``test_matrix.py`` walks the URLconf (the walker of
``tests/query_counts/test_urlconf.py``) and fails on a URL name that is neither here nor in
``EXEMPT``. The signed-in roles (leader, amr, staff, other provider's staff, coordinator,
other region's coordinator, central) on own and foreign objects are still to be added.
"""

LOGIN = "login"
PUBLIC = {"GET": 200}

# Defaults per namespace: every page behind a login.
NAMESPACE_DEFAULT = {
    "requests": {"GET": LOGIN, "POST": LOGIN},
    "invoices": {"GET": LOGIN, "POST": LOGIN},
    "dashboards": {"GET": LOGIN, "POST": LOGIN},
    "admin": {"GET": 302},  # to the admin login (or /admin/ for admin:login itself)
}

# Per URL name: {method: expected}; a method left out is not asserted for that name.
ANONYMOUS = {
    "home": PUBLIC,
    "privacy": PUBLIC,
    "accessibility": PUBLIC,
    "providers:list": PUBLIC,
    "providers:detail": {},
    "library:list": PUBLIC,
    "library:item": {},
    "library:pdf": {},
    "healthz": {},
    "set_language": {},
    "invite_user": {"GET": LOGIN, "POST": LOGIN},
    "my_data": {"GET": LOGIN, "POST": LOGIN},
    "notifications": {"GET": LOGIN, "POST": LOGIN},
    "notification_open": {"GET": LOGIN, "POST": LOGIN},
    "notifications_read_all": {"GET": LOGIN, "POST": LOGIN},
    "mail_failures": {"GET": LOGIN, "POST": LOGIN},
    "mail_failure_retry": {"GET": LOGIN, "POST": LOGIN},
    "pending_members": {"GET": LOGIN, "POST": LOGIN},
    "member_confirm": {"GET": LOGIN, "POST": LOGIN},
}

# Wholesale exemptions, with the reason.
EXEMPT = {
    "account_*": "allauth's own account pages: allauth tests their access itself",
    "mfa_*": "allauth's MFA pages: allauth tests their access itself",
}

# Cells left out of the assertion because the actual status is a bug: (name, role, method).
KNOWN_GAPS: dict[tuple[str, str, str], str] = {}
