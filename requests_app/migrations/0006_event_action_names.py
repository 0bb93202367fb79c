"""Rename the event actions to ``<aggregate>.<what happened>`` and link each contract and
invoice event to its contract and invoice (until now found through ``data["invoice"]``)."""

from django.db import migrations

RENAMES = {
    "create": "request.created",
    "update": "request.updated",
    "submit": "request.submitted",
    "confirm": "request.confirmed",
    "send_back": "request.sent_back",
    "region_approve": "request.region_approved",
    "region_return": "request.region_returned",
    "reach_provider": "request.reached_provider",
    "start_dialogue": "request.dialogue_started",
    "decline": "request.declined",
    "redirect": "request.redirected",
    "withdraw": "request.withdrawn",
    "contract_draft": "contract.drafted",
    "contract_edit": "contract.edited",
    "contract_comment": "contract.commented",
    "contract_accept": "contract.accepted",
    "contract_conclude": "contract.concluded",
    "contract_amend": "contract.amended",
    "delivery_attest": "contract.delivery_attested",
    "contract_close": "contract.closed",
    "invoice_submit": "invoice.submitted",
    "invoice_resubmit": "invoice.resubmitted",
    "invoice_return": "invoice.returned",
    "invoice_attest": "invoice.attested",
    "invoice_pay": "invoice.paid",
}


def forwards(apps, schema_editor):
    RequestEvent = apps.get_model("requests_app", "RequestEvent")
    Contract = apps.get_model("requests_app", "Contract")
    Invoice = apps.get_model("requests_app", "Invoice")
    # .update() on purpose: the model refuses to change a saved event, and a migration is the
    # one place where the log's vocabulary itself changes.
    for old, new in RENAMES.items():
        RequestEvent.objects.filter(action=old).update(action=new)
    contracts = dict(Contract.objects.values_list("request_id", "pk"))
    invoices = set(Invoice.objects.values_list("pk", flat=True))
    for event in RequestEvent.objects.filter(action__regex=r"^(contract|invoice)\.").iterator():
        invoice_pk = event.data.get("invoice")
        RequestEvent.objects.filter(pk=event.pk).update(
            contract_id=contracts.get(event.request_id),
            invoice_id=invoice_pk if invoice_pk in invoices else None,
        )


def backwards(apps, schema_editor):
    RequestEvent = apps.get_model("requests_app", "RequestEvent")
    for old, new in RENAMES.items():
        RequestEvent.objects.filter(action=new).update(action=old)


class Migration(migrations.Migration):
    dependencies = [("requests_app", "0005_event_actions_and_links")]
    operations = [migrations.RunPython(forwards, backwards)]
