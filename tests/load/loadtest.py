"""`make loadtest`: concurrent users of every role on gunicorn against PostgreSQL (issue 16, Load).

    make loadtest                          # 50 users for 120 s on a fresh database portal_load
    LOAD_USERS=10 LOAD_SECONDS=20 make loadtest

Each virtual user is a thread with its own session, on loopback only. Leaders submit their
drafts, the other party confirms, the region approves (model 1), the provider writes the first
message (the dialogue starts), drafts the contract and accepts it, the leader accepts (the
contract is concluded and reserves its amount in the frame, or is refused when the frame is
full) and the provider invoices; every role reads its start page, lists and request pages
between writes. Forms are read from the pages and posted as a browser would, with their CSRF
token. Afterwards: no 5xx, every write the generator saw succeed is in the database (counted
per action against the timeline), and no frame holds more than its amount.

``tests/load/test_load.py`` runs a short variant in the PostgreSQL suite.
"""

import datetime
import json
import os
import random
import re
import sys
import threading
import time
import uuid
from collections import Counter
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


# --- Reading forms the way a browser does ---


class _Forms(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.forms: list[dict] = []
        self._form = None
        self._textarea = None
        self._select = None

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "form":
            self._form = {
                "action": a.get("action", ""),
                "method": a.get("method", "get").lower(),
                "fields": [],
                "enctype": a.get("enctype", ""),
            }
            self.forms.append(self._form)
        elif self._form is None:
            return
        elif tag == "input" and a.get("name"):
            kind = a.get("type", "text")
            if kind in ("checkbox", "radio") and "checked" not in a:
                return
            if kind in ("submit", "button", "file"):
                return
            self._form["fields"].append([a["name"], a.get("value", "")])
        elif tag == "textarea" and a.get("name"):
            self._textarea = [a["name"], ""]
            self._form["fields"].append(self._textarea)
        elif tag == "select" and a.get("name"):
            self._select = [a["name"], None]
            self._form["fields"].append(self._select)
        elif (
            tag == "option"
            and self._select is not None
            and (self._select[1] is None or "selected" in a)
        ):
            self._select[1] = a.get("value", "")

    def handle_data(self, data):
        if self._textarea is not None:
            self._textarea[1] += data

    def handle_endtag(self, tag):
        if tag == "textarea":
            self._textarea = None
        elif tag == "select":
            self._select = None
        elif tag == "form":
            self._form = None


def form_on(page: str, action: str, page_path: str | None = None) -> dict | None:
    """The fields of the POST form that posts to ``action``; a form without an action posts
    to the page it is on (``page_path``), as a browser does."""
    parser = _Forms()
    parser.feed(page)
    for form in parser.forms:
        target = form["action"] or page_path
        if target == action and form["method"] == "post":
            return {name: value or "" for name, value in form["fields"]}
    return None


# --- HTTP ---


class Session:
    def __init__(self, base: str, session_key: str):
        import http.client
        from urllib.parse import urlsplit

        self.base = base
        self.cookies = {"sessionid": session_key}
        self._http = http.client
        self._host = urlsplit(base).netloc
        self.statuses: Counter = Counter()

    def _request(self, method, path, body=None, headers=None):
        connection = self._http.HTTPConnection(self._host, timeout=60)
        try:
            head = {"Cookie": "; ".join(f"{k}={v}" for k, v in self.cookies.items())}
            head.update(headers or {})
            connection.request(method, path, body=body, headers=head)
            response = connection.getresponse()
            text = response.read().decode(errors="replace")
            for header, value in response.getheaders():
                if header.lower() == "set-cookie":
                    name, _, rest = value.partition("=")
                    self.cookies[name.strip()] = rest.split(";", 1)[0]
            self.statuses[response.status // 100 * 100] += 1
            if response.status >= 500:
                self.statuses[f"5xx {method} {path}"] += 1
            return response.status, text
        finally:
            connection.close()

    def get(self, path):
        return self._request("GET", path)

    def post(self, path, data: dict, files: dict | None = None):
        from urllib.parse import urlencode

        if files:
            boundary = uuid.uuid4().hex
            parts = []
            for name, value in data.items():
                parts.append(
                    f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"\r\n\r\n'
                    f"{value}\r\n".encode()
                )
            for name, (filename, content, kind) in files.items():
                parts.append(
                    f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"; '
                    f'filename="{filename}"\r\nContent-Type: {kind}\r\n\r\n'.encode()
                    + content
                    + b"\r\n"
                )
            body = b"".join(parts) + f"--{boundary}--\r\n".encode()
            kind = f"multipart/form-data; boundary={boundary}"
        else:
            body, kind = urlencode(data).encode(), "application/x-www-form-urlencoded"
        return self._request("POST", path, body=body, headers={"Content-Type": kind})

    def submit(self, page_path: str, action: str, overrides=None, files=None) -> bool:
        """Open ``page_path``, post its form for ``action``; True when it answered a redirect
        (the portal's success) — a refusal shows the page again or a message."""
        status, page = self.get(page_path)
        if status != 200:
            return False
        data = form_on(page, action, page_path)
        if data is None:
            return False
        data.update(overrides or {})
        status, _ = self.post(action, data, files=files)
        return status == 302


# --- The world: users, drafts and their sessions ---


@dataclass
class Trio:
    leader: object
    amr: object
    model1: bool
    drafts: list = field(default_factory=list)


def build_world(trios: int, drafts_each: int, secret_key: str) -> dict:
    """Users of every role and complete drafts, with a logged-in session for each user."""
    from datetime import date

    from django.conf import settings
    from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
    from django.contrib.sessions.backends.db import SessionStore
    from django.test import override_settings

    from requests_app.models import Request
    from tests import factories

    world = {"trios": [], "staff": {}, "coordinators": [], "central": None, "sessions": {}}
    for index in range(trios):
        region = "hovedstaden" if index % 3 == 0 else "sjaelland"
        _, leader, amr = factories.trio(region)
        trio = Trio(leader, amr, model1=region == "hovedstaden")
        for n in range(drafts_each):
            provider = ("nfa", "cbs", "alectia", "ruc")[(index + n) % 4]
            trio.drafts.append(
                factories.complete_request(
                    leader=leader,
                    counterpart=amr,
                    provider_slug=provider,
                    title=f"Belastning {index}-{n}",
                ).pk
            )
        world["trios"].append(trio)
    for slug in ("nfa", "cbs", "alectia", "ruc"):
        world["staff"][slug] = factories.ProviderStaffFactory(
            provider=factories.provider(slug)
        ).user
    for region in ("hovedstaden", "sjaelland"):
        world["coordinators"].append(
            factories.CoordinatorFactory(region=factories.region(region)).user
        )
    world["central"] = factories.CentralPartyFactory().user
    # Work waiting for every role from the first second: requests at each provider (its first
    # message is due) and contracts the provider has accepted (the leader's acceptance is due).
    from requests_app.services import contracts, intake

    world["at_provider"], world["to_accept"] = [], []
    model2 = [t for t in world["trios"] if not t.model1]
    for trio in model2:
        for target in ("at_provider", "to_accept"):
            if not trio.drafts:
                break
            pk = trio.drafts.pop(0)
            intake.request_submit(request_pk=pk, user=trio.leader)
            intake.request_confirm(request_pk=pk, user=trio.amr)
            if target == "to_accept":
                staff = world["staff"][Request.objects.get(pk=pk).provider.slug]
                intake.request_start_dialogue(request_pk=pk, user=staff, started_on=date.today())
                contracts.contract_draft(
                    request_pk=pk, user=staff, data=factories.contract_data(), activities=[]
                )
                contracts.contract_accept(request_pk=pk, user=staff, version_number=1)
            world[target].append(pk)
    users = [u for t in world["trios"] for u in (t.leader, t.amr)]
    privileged = [*world["staff"].values(), *world["coordinators"], world["central"]]
    users += privileged
    # Privileged users must have enrolled a second factor (accounts.middleware); the sessions
    # below stand for logins that passed it.
    from allauth.mfa.models import Authenticator

    for user in privileged:
        Authenticator.objects.create(user=user, type=Authenticator.Type.TOTP, data={"secret": "-"})
    # The backend a login records: the one that loads users (rules' backend only checks).
    backend = next(b for b in settings.AUTHENTICATION_BACKENDS if not b.startswith("rules."))
    with override_settings(SECRET_KEY=secret_key):
        for user in users:
            store = SessionStore()
            store[SESSION_KEY] = str(user.pk)
            store[BACKEND_SESSION_KEY] = backend
            store[HASH_SESSION_KEY] = user.get_session_auth_hash()
            store.create()
            world["sessions"][user.pk] = store.session_key
    return world


# --- What each role does ---


class Pipeline:
    """Shared state between the virtual users: which request waits for whom."""

    def __init__(self):
        self.lock = threading.Lock()
        self.queues: dict[str, list] = {}
        self.done: Counter = Counter()

    def put(self, stage, key, pk):
        with self.lock:
            self.queues.setdefault(f"{stage}:{key}", []).append(pk)

    def take(self, stage, key):
        with self.lock:
            queue = self.queues.get(f"{stage}:{key}")
            return queue.pop(0) if queue else None

    def count(self, action):
        with self.lock:
            self.done[action] += 1


READS = {
    "leader": ["/", "/requests/", "/notifications/", "/viden/"],
    "amr": ["/", "/requests/"],
    "staff": ["/", "/requests/inbox/", "/requests/", "/invoices/", "/dashboard/provider/"],
    "coordinator": ["/", "/requests/", "/invoices/", "/dashboard/region/"],
    "central": [
        "/dashboard/",
        "/invoices/ledger/",
        "/requests/",
        "/invoices/",
        "/dashboard/requests/",
    ],
}


def _read(session, role, pipeline):
    path = random.choice(READS[role])
    status, _ = session.get(path)
    if status == 200:
        pipeline.count(f"read {role}")


def leader_step(session, trio, pipeline, provider_of):
    if trio.drafts and random.random() < 0.5:
        pk = trio.drafts.pop()
        if session.submit(f"/requests/{pk}/", f"/requests/{pk}/submit/"):
            pipeline.count("request.submitted")
            pipeline.put("confirm", trio.amr.pk, pk)
        return
    pk = pipeline.take("accept_workplace", trio.leader.pk)
    if pk is not None:
        if session.submit(f"/requests/{pk}/", f"/requests/{pk}/contract/accept/"):
            pipeline.count("contract.accepted (workplace)")
            pipeline.put("invoice", provider_of[pk], pk)
        return
    _read(session, "leader", pipeline)


def amr_step(session, trio, pipeline, provider_of, coordinator_of):
    pk = pipeline.take("confirm", trio.amr.pk)
    if pk is not None:
        if session.submit(f"/requests/{pk}/", f"/requests/{pk}/confirm/"):
            pipeline.count("request.confirmed")
            if trio.model1:
                pipeline.put("approve", coordinator_of["hovedstaden"], pk)
            else:
                pipeline.put("dialogue", provider_of[pk], pk)
        return
    _read(session, "amr", pipeline)


def coordinator_step(session, user, pipeline, provider_of):
    pk = pipeline.take("approve", user.pk)
    if pk is not None:
        if session.submit(f"/requests/{pk}/", f"/requests/{pk}/approve/"):
            pipeline.count("request.region_approved")
            pipeline.put("dialogue", provider_of[pk], pk)
        return
    _read(session, "coordinator", pipeline)


def staff_step(session, slug, pipeline, leader_of, price):
    """One piece of the provider's work, the queues taken in a random order each time, so
    first messages, contracts and invoices all move (a fixed order starves the later ones
    while requests keep arriving)."""
    stages = ["dialogue", "draft", "invoice"]
    random.shuffle(stages)
    for stage in stages:
        pk = pipeline.take(stage, slug)
        if pk is not None:
            STAFF_WORK[stage](session, pk, slug, pipeline, leader_of, price)
            return
    _read(session, "staff", pipeline)


def _first_message(session, pk, slug, pipeline, leader_of, price):
    # The provider's first message starts the dialogue.
    if session.submit(
        f"/requests/{pk}/",
        f"/dialog/{pk}/messages/",
        {"body": "Tak for henvendelsen. Hvornår kan vi mødes?"},
    ):
        pipeline.count("dialogue.message")
        pipeline.put("draft", slug, pk)


def _contract(session, pk, slug, pipeline, leader_of, price):
    from tests import factories

    # A delivery date inside the seeded programme's periods (the contracts of build_world too).
    planned = factories.contract_data()["planned_delivery_on"]
    fields = {
        "workplace_contact": "Lene Leder",
        "provider_contact": "Konsulent",
        "wishes_expectations": "En plan.",
        "task_scope": "To workshops.",
        "target_group": "Afsnittet",
        "planned_delivery_on": planned.isoformat(),
        "price": price,
    }
    if session.submit(f"/requests/{pk}/contract/", f"/requests/{pk}/contract/", fields):
        pipeline.count("contract.drafted")
        if session.submit(f"/requests/{pk}/", f"/requests/{pk}/contract/accept/"):
            pipeline.count("contract.accepted (provider)")
            pipeline.put("accept_workplace", leader_of[pk], pk)


def _invoice(session, pk, slug, pipeline, leader_of, price):
    from requests_app.pdf import minimal_pdf_bytes

    if session.submit(
        f"/requests/{pk}/invoices/new/",
        f"/requests/{pk}/invoices/new/",
        {
            "number": f"F-{uuid.uuid4().hex[:8]}",
            "invoice_date": datetime.date.today().isoformat(),
            "amount": "1000,00",
        },
        files={"pdf": ("faktura.pdf", minimal_pdf_bytes(), "application/pdf")},
    ):
        pipeline.count("invoice.submitted")


STAFF_WORK = {"dialogue": _first_message, "draft": _contract, "invoice": _invoice}


def drive(base_url: str, world: dict, *, users: int, seconds: float, price="100000,00") -> dict:
    """Run ``users`` virtual users (at least one per role) against ``base_url``."""
    from requests_app.models import Request

    pipeline = Pipeline()
    before = event_counts()
    requests = Request.objects.filter(
        workplace__in=[t.leader.memberships.first().workplace_id for t in world["trios"]]
    )
    provider_of = {r.pk: r.provider.slug for r in requests.select_related("provider")}
    leader_of = {r.pk: r.initiator_id for r in requests}
    for pk in world["at_provider"]:
        pipeline.put("dialogue", provider_of[pk], pk)
    for pk in world["to_accept"]:
        pipeline.put("accept_workplace", leader_of[pk], pk)
    coordinator_of = {"hovedstaden": world["coordinators"][0].pk}
    actors = []
    for trio in world["trios"]:
        actors.append(
            ("leader", trio.leader, lambda s, t=trio: leader_step(s, t, pipeline, provider_of))
        )
        actors.append(
            (
                "amr",
                trio.amr,
                lambda s, t=trio: amr_step(s, t, pipeline, provider_of, coordinator_of),
            )
        )
    for slug, user in world["staff"].items():
        actors.append(
            ("staff", user, lambda s, slug=slug: staff_step(s, slug, pipeline, leader_of, price))
        )
    for user in world["coordinators"]:
        actors.append(
            ("coordinator", user, lambda s, u=user: coordinator_step(s, u, pipeline, provider_of))
        )
    actors.append(("central", world["central"], lambda s: _read(s, "central", pipeline)))
    # The staff, coordinators and central users always run; trios fill up the rest.
    fixed = [a for a in actors if a[0] not in ("leader", "amr")]
    trios = [a for a in actors if a[0] in ("leader", "amr")]
    chosen = fixed + trios[: max(users - len(fixed), 2)]
    sessions = [Session(base_url, world["sessions"][user.pk]) for _, user, _ in chosen]
    stop = time.monotonic() + seconds
    errors = []

    def run(session, step):
        while time.monotonic() < stop:
            try:
                step(session)
            except Exception as error:  # a broken connection is a failure of the portal too
                errors.append(repr(error))
                session.statuses["exception"] += 1

    threads = [
        threading.Thread(target=run, args=(s, a[2])) for s, a in zip(sessions, chosen, strict=True)
    ]
    started = time.monotonic()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    statuses = sum((s.statuses for s in sessions), Counter())
    return {
        "users": len(chosen),
        "seconds": round(time.monotonic() - started, 1),
        "statuses": {str(k): v for k, v in statuses.items()},
        "done": dict(pipeline.done),
        "events_before": before,
        "errors": errors[:20],
    }


def event_counts() -> dict:
    from django.db.models import Count

    from requests_app.models import RequestEvent

    return dict(RequestEvent.objects.values_list("action").annotate(n=Count("pk")))


def verify(result: dict) -> list[str]:
    """What the database must show after the run; returns the problems found."""

    from providers.models import BudgetFrame
    from requests_app.selectors import ledger

    problems = []
    five = {k: v for k, v in result["statuses"].items() if k.startswith("5")}
    if five or result["statuses"].get("exception"):
        problems.append(
            f"server errors: {five} exceptions: {result['statuses'].get('exception', 0)}"
        )
    before = result.get("events_before", {})
    events = {action: n - before.get(action, 0) for action, n in event_counts().items()}
    expected = {
        "request.submitted": result["done"].get("request.submitted", 0),
        "request.confirmed": result["done"].get("request.confirmed", 0),
        "request.region_approved": result["done"].get("request.region_approved", 0),
        "contract.drafted": result["done"].get("contract.drafted", 0),
        "invoice.submitted": result["done"].get("invoice.submitted", 0),
    }
    for action, count in expected.items():
        if events.get(action, 0) != count:
            problems.append(
                f"{action}: the generator saw {count}, the timeline has {events.get(action, 0)}"
            )
    accepted = result["done"].get("contract.accepted (provider)", 0) + result["done"].get(
        "contract.accepted (workplace)", 0
    )
    if events.get("contract.accepted", 0) + events.get("contract.concluded", 0) < accepted:
        problems.append("acceptances are missing from the timeline")
    for row in ledger.ledger(BudgetFrame.objects.all()):
        if row.committed + row.invoiced > row.frame.amount:
            problems.append(f"frame {row.frame} over its amount: {row.committed} + {row.invoiced}")
    return problems


def main() -> int:
    users = int(os.environ.get("LOAD_USERS", 50))
    seconds = float(os.environ.get("LOAD_SECONDS", 120))
    server_url = os.environ.get("LOAD_PG_URL", "postgres://postgres@127.0.0.1:5432/postgres")
    name = os.environ.get("LOAD_DB", "portal_load")
    import subprocess

    from tests.faults.services import FAULT_SECRET_KEY, Gunicorn, production_env

    base = server_url.rsplit("/", 1)[0]
    url = f"{base}/{name}"
    maintenance = f"--maintenance-db={base}/postgres"
    subprocess.run(["dropdb", "--if-exists", "--force", maintenance, name], check=True)
    subprocess.run(["createdb", maintenance, name], check=True)
    env = production_env(
        DATABASE_URL=url, REDIS_URL=os.environ.get("LOAD_REDIS_URL", "redis://127.0.0.1:6379/11")
    )
    print(f"database {name}: migrate", flush=True)
    subprocess.run(
        [sys.executable, "manage.py", "migrate", "--noinput", "-v", "0"],
        cwd=ROOT,
        env=env,
        check=True,
    )
    os.environ.update(
        {"DATABASE_URL": url, "DEBUG": "on", "DJANGO_SETTINGS_MODULE": "portal.settings"}
    )
    import django

    django.setup()
    trios = max(users // 2, 4)
    world = build_world(trios, drafts_each=6, secret_key=FAULT_SECRET_KEY)
    server = Gunicorn(env, workers=4)
    try:
        print(f"{users} users for {seconds:.0f} s on gunicorn (4 workers)", flush=True)
        result = drive(server.url(""), world, users=users, seconds=seconds)
    finally:
        server.stop()
    problems = verify(result)
    result["problems"] = problems
    result["date"] = datetime.date.today().isoformat()
    out = ROOT / "bench" / "results" / f"load-{result['date']}.json"
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps(result, indent=2, ensure_ascii=False) + "\n")
    requests_total = sum(v for k, v in result["statuses"].items() if re.fullmatch(r"\d00", k))
    print(
        f"{requests_total} requests in {result['seconds']} s "
        f"({requests_total / result['seconds']:.0f}/s); statuses {result['statuses']}"
    )
    for action, count in sorted(result["done"].items()):
        print(f"  {action:35} {count}")
    print(
        "OK: no 5xx, no lost write, every frame within its amount"
        if not problems
        else "\n".join(problems)
    )
    print(f"written to {out.relative_to(ROOT)}")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
