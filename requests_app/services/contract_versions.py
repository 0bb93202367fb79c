"""The versions of a contract: each edit is a new version with its activities, rendered to a
PDF whose SHA-256 is kept; an accepted version's PDF never changes. Used by
``services.contracts`` under its locks."""

import hashlib

from django.core.files.base import ContentFile
from django.db import transaction
from django.utils.translation import gettext as _

from requests_app.models import ContractActivity, ContractVersion
from requests_app.selectors.contracts import VERSION_FIELDS
from requests_app.services.base import RequestError


def render_pdf(version: ContractVersion) -> None:
    """Render the version's PDF and its SHA-256. An accepted version's PDF never changes."""
    if version.is_fully_accepted:
        raise RequestError(_("The PDF of an accepted contract cannot change."))
    write_pdf(version)


def write_pdf(version: ContractVersion) -> None:
    store_pdf(version, pdf_bytes(version))


def pdf_bytes(version: ContractVersion) -> bytes:
    """Render the version (WeasyPrint: a good part of a second, seconds for long texts).

    Conclusion and amendment call this before they lock a frame and store the bytes with
    ``store_pdf`` once the money is checked, so no frame row stays locked while it renders.
    """
    from requests_app.pdf import contract_pdf_bytes

    return contract_pdf_bytes(version)


def store_pdf(version: ContractVersion, content: bytes) -> None:
    """Save rendered bytes as the version's PDF and keep their SHA-256.

    The file it replaces is deleted only once the transaction commits: a refused conclusion
    or amendment rolls the row back, and the row must still point to a file that exists.
    """
    previous = version.pdf.name if version.pdf else ""
    storage = version.pdf.storage
    version.pdf.save(f"kontrakt-v{version.number}.pdf", ContentFile(content), save=False)
    version.pdf_sha256 = hashlib.sha256(content).hexdigest()
    version.save(update_fields=["pdf", "pdf_sha256"])
    if previous and previous != version.pdf.name:
        transaction.on_commit(lambda: storage.delete(previous), robust=True)


def new_version(contract, user, data, activities) -> ContractVersion:
    number = (contract.current.number + 1) if contract.versions.exists() else 1
    version = ContractVersion.objects.create(
        contract=contract,
        number=number,
        created_by=user,
        **{field: data[field] for field in VERSION_FIELDS},
    )
    ContractActivity.objects.bulk_create(
        ContractActivity(version=version, **activity) for activity in activities
    )
    render_pdf(version)
    return version
