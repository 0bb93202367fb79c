"""The permission matrix's one table (issue 16, "Access"): every URL name of the URLconf, for
every role, on side A's and side B's object, with GET and with an empty POST.

The world (``world.py``) has two sides: A (Region Sjælland, NFA) belongs to ``leader``,
``amr``, ``staff`` and ``coordinator``; B (Region Hovedstaden, CBS) to ``other_leader``,
``other_staff`` and ``other_coordinator``. ``central`` and ``superuser`` see both. So a cell
is (role, side), and "own" is side A for the first four roles and side B for the ``other_``
ones. A row names the object its URL is opened on (``OBJECTS`` in ``world.kwargs``; ``None``
for a URL without arguments, opened once, side "-") and a ``Rule`` per method:

- ``ok`` for the cells in ``who``, 403 for those in ``refused`` (they see the object, may not
  act), ``denied`` (404 unless said) for every other signed-in cell, ``anonymous`` (the login
  page unless said) for a visitor;
- an expected value is a status, ``LOGIN`` (302 to the login page), ``ADMIN_LOGIN`` (302 to
  the admin's) or ``REDIRECT`` (any other 3xx: an action's answer, done or refused with a
  message; ``test_matrix`` checks the database to tell them apart);
- ``acts``: the cells whose empty POST may change the database (the action needs no input:
  a confirmation, an approval, closing a round); every other empty POST must leave every
  row of the portal's apps as it was, whatever it answers.

A URL name with no row fails ``test_every_url_has_a_row``. allauth's pages have rows of
their own (who reaches them at all; allauth's tests cover the rest). The admin is covered by
a prefix rule (``PREFIX_ROWS``, with ``ADMIN_ROWS`` for its own pages) and opened on its pages
without arguments only: an object's pages pass the same staff check first. Where the code
answers what it should not, the row keeps what it SHOULD answer, marked ``# SHOULD``, and the
test fails until the code is fixed; no row needs one today.
"""

from dataclasses import dataclass

LOGIN, ADMIN_LOGIN, REDIRECT = "login", "admin login", "redirect"
A, B, NONE = "A", "B", "-"
OWN_SIDE = {
    "leader": A,
    "amr": A,
    "staff": A,
    "coordinator": A,
    "other_leader": B,
    "other_staff": B,
    "other_coordinator": B,
}


def own(*roles) -> frozenset:
    """The roles on their own side's object (and on a URL without one)."""
    return frozenset((role, side) for role in roles for side in (OWN_SIDE[role], NONE))


def both(*roles) -> frozenset:
    return frozenset((role, side) for role in roles for side in (A, B, NONE))


LOCAL = own("leader", "amr", "other_leader")
PROVIDER = own("staff", "other_staff")
REGION = own("coordinator", "other_coordinator")
CENTRAL = both("central", "superuser")
PARTIES = LOCAL | PROVIDER | REGION | CENTRAL
SIGNED_IN = both(*OWN_SIDE, "central", "superuser")
ON_A = frozenset((role, A) for role in [*OWN_SIDE, "central", "superuser"])


@dataclass(frozen=True)
class Rule:
    ok: object = 200
    who: frozenset = SIGNED_IN
    refused: frozenset = frozenset()
    denied: object = 404
    anonymous: object = LOGIN
    acts: frozenset = frozenset()  # cells whose empty POST may act (the action needs no input)

    def expected(self, role, side):
        if role == "anonymous":
            return self.anonymous
        if (role, side) in self.who:
            return self.ok
        return 403 if (role, side) in self.refused else self.denied


def every(status, anonymous=LOGIN) -> Rule:
    return Rule(ok=status, anonymous=anonymous)


def public(status=200, post=405) -> tuple:
    return None, every(status, anonymous=status), every(post, anonymous=post)


def page(who, *, denied=403, post=405) -> tuple:
    """A page without arguments: 200 for ``who``; a POST is refused (405) before any
    permission check, unless said (``post=None``: a form, POST answers like GET)."""
    rule = Rule(200, who, denied=denied)
    return None, rule, rule if post is None else every(post)


def action(obj, who=PARTIES, *, acts=frozenset()) -> tuple:
    """A POST-only action on an object: those who see it get an answer (a redirect back)."""
    return obj, every(405), Rule(REDIRECT, who, acts=acts)


def view(obj, who=PARTIES, *, refused=frozenset()) -> tuple:
    """A form on an object; an empty POST answers like GET (the form again, with errors)."""
    rule = Rule(200, who, refused=refused)
    return obj, rule, rule


def shows(obj, who=PARTIES, *, refused=frozenset()) -> tuple:
    """A page on an object that only shows it: a POST is refused (405) before any lookup."""
    return obj, Rule(200, who, refused=refused), every(405)


# The overview is the central parties'; a provider's staff and a coordinator are sent on.
DASHBOARD_OVERVIEW = Rule(200, CENTRAL, refused=LOCAL, denied=REDIRECT)
# The central parties' start page is their dashboard.
HOME = Rule(200, SIGNED_IN - CENTRAL, denied=REDIRECT, anonymous=200)
API = Rule(200, PROVIDER | REGION | CENTRAL, denied=403, anonymous=401)

ROWS = {
    # portal
    "home": (None, HOME, every(405, anonymous=405)),
    "healthz": public(),
    "privacy": public(),
    "accessibility": public(),
    "my_data": (None, every(200), every(405)),
    "set_language": public(REDIRECT, post=REDIRECT),
    "invite_user": page(CENTRAL, post=None),  # a form
    "profile": (None, every(200), every(400)),  # an empty POST: "choose what to do"
    # providers
    "providers:list": public(),
    "providers:detail": ("provider", every(200, anonymous=200), every(405, anonymous=405)),
    # requests
    "requests:list": page(SIGNED_IN),
    "requests:new": page(LOCAL, post=None),  # a form
    "requests:inbox": page(PROVIDER),
    "requests:offering_options": page(SIGNED_IN),
    "requests:theme_suggestions": page(SIGNED_IN),
    "requests:detail": shows("request:dialogue"),
    "requests:step": view("step", LOCAL),
    "requests:submit": action("request:draft", LOCAL, acts=LOCAL),
    "requests:confirm": action(
        "request:awaiting_counterpart", LOCAL | REGION | CENTRAL, acts=own("amr")
    ),
    "requests:send_back": action("request:awaiting_counterpart", LOCAL | REGION | CENTRAL),
    "requests:region_approve": action(
        "request:awaiting_region", LOCAL | REGION | CENTRAL, acts=REGION
    ),
    "requests:region_return": action("request:awaiting_region", LOCAL | REGION | CENTRAL),
    "requests:decline": action("request:at_provider"),
    "requests:redirect": action("request:at_provider"),
    "requests:withdraw": action("request:at_provider", acts=LOCAL),
    "requests:contract_edit": view("request:proposed", LOCAL | PROVIDER, refused=REGION | CENTRAL),
    "requests:contract_accept": action("request:proposed"),
    "requests:contract_comment": action("request:proposed"),
    "requests:contract_pdf": shows("contract_pdf", LOCAL | PROVIDER | CENTRAL, refused=REGION),
    "requests:contract_ics": shows(
        "request:contracted", LOCAL | PROVIDER | CENTRAL, refused=REGION
    ),
    "requests:delivery_attest": action("request:contracted"),
    "requests:invoice_new": view("request:delivered", PROVIDER, refused=LOCAL | REGION | CENTRAL),
    "requests:contract_close": action("request:delivered", acts=PROVIDER | CENTRAL),
    # invoices
    "invoices:list": page(SIGNED_IN),
    "invoices:ledger": page(PROVIDER | CENTRAL),
    "invoices:detail": shows("invoice"),
    "invoices:pdf": shows("invoice"),
    "invoices:return": action("invoice"),
    "invoices:attest": action("invoice", acts=REGION),
    "invoices:pay": action("invoice"),
    "invoices:resubmit": action("invoice"),
    "invoices:withdraw": action("invoice"),
    # accounts: the bell and the central parties' lists
    "notifications": page(SIGNED_IN),
    # side A: the person's own notification, side B: somebody else's
    "notification_open": ("notification", Rule(REDIRECT, ON_A), Rule(REDIRECT, ON_A, acts=ON_A)),
    "notifications_read_all": (None, every(405), Rule(REDIRECT, acts=SIGNED_IN)),
    "mail_failures": page(CENTRAL),
    "mail_failure_retry": ("mail", every(405), Rule(REDIRECT, CENTRAL, denied=403, acts=CENTRAL)),
    "pending_members": page(REGION | CENTRAL),
    "member_confirm": (
        "pending",
        every(405),
        Rule(REDIRECT, REGION | CENTRAL, denied=403, acts=REGION | CENTRAL),
    ),
    # library: public
    "library:list": public(),
    "library:item": ("item", every(200, anonymous=200), every(405, anonymous=405)),
    "library:pdf": ("tool", every(200, anonymous=200), every(405, anonymous=405)),
    # dialogue: the thread is the local parties' and the provider's; the others see a summary
    "dialogue:older": ("request:dialogue", Rule(200, LOCAL | PROVIDER), every(405)),
    "dialogue:post": action("request:dialogue", LOCAL | PROVIDER),
    "dialogue:propose": action("request:dialogue", LOCAL | PROVIDER),
    "dialogue:contact": action("request:dialogue", LOCAL | PROVIDER),
    "dialogue:attachment": ("attachment", Rule(200, LOCAL | PROVIDER), every(405)),
    "dialogue:accept": action("proposal", LOCAL | PROVIDER),
    "dialogue:other_times": action("proposal", LOCAL | PROVIDER, acts=LOCAL),
    "dialogue:cancel": action("proposal", LOCAL | PROVIDER, acts=LOCAL | PROVIDER),
    "dialogue:calendar": ("meeting", Rule(200, LOCAL | PROVIDER), every(405)),
    # dashboards
    "dashboards:overview": (None, DASHBOARD_OVERVIEW, every(405)),
    "dashboards:region": page(REGION),
    "dashboards:provider": page(PROVIDER),
    "dashboards:requests": page(PROVIDER | REGION | CENTRAL),
    "dashboards:contracts": page(PROVIDER | REGION | CENTRAL),
    "dashboards:invoices": page(PROVIDER | REGION | CENTRAL),
    # evaluations: the answer link is the participant's key, no login
    "evaluations:answer": ("token", every(200, anonymous=200), every(200, anonymous=200)),
    "evaluations:handout": shows("round", LOCAL, refused=PROVIDER | REGION | CENTRAL),
    "evaluations:extend": action("round", acts=LOCAL),
    "evaluations:close": action("round", acts=LOCAL),
    "evaluations:reopen": action("round", acts=LOCAL),
    "evaluations:renew_link": action("round", acts=LOCAL),
    "evaluations:delivery_report": view(
        "request:delivered", PROVIDER, refused=LOCAL | REGION | CENTRAL
    ),
    "evaluations:request_results": ("request:delivered", Rule(200, PARTIES), every(405)),
    "evaluations:results": page(PROVIDER | REGION | CENTRAL, denied=404),
    "evaluations:results_export": (
        "export",
        Rule(200, PROVIDER | REGION | CENTRAL),
        every(405),
    ),
    "evaluations:programmes": page(REGION | CENTRAL, denied=404),
    "evaluations:programme_report": ("programme", Rule(200, CENTRAL), every(405)),
    "evaluations:programme_report_pdf": ("programme", Rule(200, CENTRAL), every(405)),
    "evaluations:experience_edit": ("experience", Rule(200, REGION), Rule(200, REGION)),
    # api: a personal token or the session; the local parties have no API
    "api:openapi-json": public(post=200),
    "api:openapi-view": public(post=200),
    "api:api-root": public(404, post=404),
    **{
        f"api:{name}": (None, API, every(405, anonymous=405))
        for name in ("budgets", "requests", "deadlines_sla", "reach", "evaluations_summary")
    },
}

# allauth's pages (its own tests cover them in depth): who reaches them at all.
ALLAUTH = {
    "account_login": public(200, post=200)[:1]
    + (Rule(REDIRECT, anonymous=200), Rule(REDIRECT, anonymous=200)),
    "account_logout": (None, Rule(200, anonymous=REDIRECT), every(REDIRECT, anonymous=REDIRECT)),
    "account_signup": (None, every(REDIRECT, anonymous=200), every(REDIRECT, anonymous=200)),
    "account_reset_password": public(post=200),
    "account_confirm_email": ("email_key", every(200, anonymous=200), every(404, anonymous=404)),
    "account_reset_password_from_key": public(post=200)[:1]
    + (every(200, anonymous=200), every(200, anonymous=200)),
    **{
        name: public()
        for name in (
            "account_inactive",
            "account_email_verification_sent",
            "account_reset_password_from_key_done",
            "account_reset_password_done",
        )
    },
    # A visitor is sent to the login page; signed in: (GET, empty POST).
    **{
        name: (None, every(get), every(post))
        for name, (get, post) in {
            "account_reauthenticate": (200, 200),
            "account_email": (200, REDIRECT),
            "account_change_password": (200, 200),
            "account_set_password": (REDIRECT, REDIRECT),  # to the change page
            "account_confirm_login_code": (REDIRECT, REDIRECT),
            "mfa_index": (200, 405),
            "mfa_authenticate": (REDIRECT, REDIRECT),
            "mfa_reauthenticate": (REDIRECT, REDIRECT),
            "mfa_activate_totp": (REDIRECT, REDIRECT),  # to reauthenticate first
            "mfa_deactivate_totp": (404, 404),  # no TOTP device
            "mfa_view_recovery_codes": (404, 405),
            "mfa_generate_recovery_codes": (REDIRECT, REDIRECT),
            "mfa_download_recovery_codes": (404, 404),
        }.items()
    },
}
ROWS.update(ALLAUTH)
ROWS["account_reset_password_from_key"] = (
    "reset_key",
    every(200, anonymous=200),
    every(200, anonymous=200),
)

# Covered by prefix: (prefix, GET rule, POST rule or None when POST is not asserted).
PREFIX_ROWS = {
    "admin:": (
        Rule(200, both("superuser"), denied=ADMIN_LOGIN, anonymous=ADMIN_LOGIN),
        None,
    ),
}
# The admin's own pages that answer otherwise (GET): name -> rule.
ADMIN_ROWS = {
    "admin:login": Rule(REDIRECT, both("superuser"), denied=403),
    "admin:logout": Rule(REDIRECT, SIGNED_IN - both("superuser"), denied=405, anonymous=REDIRECT),
    "admin:autocomplete": Rule(403, both("superuser"), denied=ADMIN_LOGIN, anonymous=ADMIN_LOGIN),
    # the role-change log is written by the services only
    "admin:accounts_rolechange_add": Rule(
        403, both("superuser"), denied=ADMIN_LOGIN, anonymous=ADMIN_LOGIN
    ),
}

# Query strings a GET needs to reach its permission check at all.
QUERY = {"dialogue:older": {"before": str(2**31 - 1)}}  # the messages before the newest id

SINGLE = {"mail", "programme", "tool", "item", "export", "email_key", "reset_key"}


def row(name):
    """(object, GET rule, POST rule or None) for a URL name, or None without a row."""
    if name in ROWS:
        return ROWS[name]
    if name in ADMIN_ROWS:
        return None, ADMIN_ROWS[name], None
    for prefix, (get, post) in PREFIX_ROWS.items():
        if name.startswith(prefix):
            return None, get, post
    return None


def sides(name) -> tuple:
    obj = row(name)[0]
    return (A, B) if obj is not None and obj not in SINGLE else (NONE,)


def methods(name) -> tuple:
    return ("GET",) if row(name)[2] is None else ("GET", "POST")


def expected(name, role, side, method):
    _obj, get, post = row(name)
    return (get if method == "GET" else post).expected(role, side)


def may_change(name, role, side) -> bool:
    """May an empty POST by ``role`` on the side's object change the database?"""
    post = row(name)[2]
    return post is not None and (role, side) in post.acts


def kwargs_for(world, name, role, side):
    from tests.permissions_matrix.world import kwargs

    obj = row(name)[0]
    if obj is None:
        return None
    return kwargs(world, obj, role, A if side == NONE else side)
