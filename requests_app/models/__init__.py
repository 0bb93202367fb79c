"""The models of a request and everything that hangs off it, one module per aggregate.

Importing from ``requests_app.models`` keeps working for every model; the app label and the
table names are unchanged.
"""

from requests_app.models.contracts import (
    Contract,
    ContractActivity,
    ContractVersion,
    contract_pdf_path,
)
from requests_app.models.deadlines import Deadline
from requests_app.models.events import Action, RequestEvent
from requests_app.models.invoices import Invoice, invoice_pdf_path
from requests_app.models.requests import EDITABLE_STATUSES, INBOX_STATUSES, Request, Status

__all__ = [
    "EDITABLE_STATUSES",
    "INBOX_STATUSES",
    "Action",
    "Contract",
    "ContractActivity",
    "ContractVersion",
    "Deadline",
    "Invoice",
    "Request",
    "RequestEvent",
    "Status",
    "contract_pdf_path",
    "invoice_pdf_path",
]
