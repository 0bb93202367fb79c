import datetime
import io
import zipfile

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from requests_app.pdf import minimal_pdf_bytes
from requests_app.services import intake
from tests import factories

ROLES = [
    "anonymous",
    "leader",
    "amr",
    "colleague",
    "outsider",
    "staff",
    "other_staff",
    "coordinator",
    "other_coordinator",
    "central",
]
# Who is on the thread, who sees only its summary, and who gets 404 for all of it.
ON_THREAD = {"leader", "amr", "staff"}
SUMMARY_ONLY = {"colleague", "coordinator", "central"}


@pytest.fixture
def people(db):
    workplace, leader, amr = factories.trio("sjaelland")
    return {
        "anonymous": None,
        "leader": leader,
        "amr": amr,
        "colleague": factories.MembershipFactory(workplace=workplace, role="tr").user,
        "outsider": factories.MembershipFactory(role="leader").user,
        "staff": factories.ProviderStaffFactory(provider=factories.provider("nfa")).user,
        "other_staff": factories.ProviderStaffFactory(provider=factories.provider("cbs")).user,
        "coordinator": factories.CoordinatorFactory(region=factories.region("sjaelland")).user,
        "other_coordinator": factories.CoordinatorFactory(
            region=factories.region("hovedstaden")
        ).user,
        "central": factories.CentralPartyFactory().user,
    }


@pytest.fixture
def at_provider(people):
    """A request that has reached NFA and waits for the dialogue to be taken up."""
    request = factories.complete_request(leader=people["leader"], counterpart=people["amr"])
    intake.request_submit(request_pk=request.pk, user=people["leader"])
    intake.request_confirm(request_pk=request.pk, user=people["amr"])
    request.refresh_from_db()
    return request


def pdf(name="notat.pdf"):
    return SimpleUploadedFile(name, minimal_pdf_bytes(), content_type="application/pdf")


def docx(name="referat.docx"):
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("word/document.xml", "<w:document/>")
    return SimpleUploadedFile(name, buffer.getvalue(), content_type="application/msword")


def png(name="tavle.png"):
    return SimpleUploadedFile(name, b"\x89PNG\r\n\x1a\n" + b"\x00" * 64, content_type="image/png")


def in_days(days, hour=10):
    from django.utils import timezone

    day = timezone.localdate() + datetime.timedelta(days=days)
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(hour, 0)))
