"""Each invoice is booked in the frame (period) it was submitted in, so an amendment that moves
its contract to another period leaves the invoiced money where it was. Existing invoices are
booked in their contract's frame, which is where the ledger counted them until now."""

import django.db.models.deletion
from django.db import migrations, models
from django.db.models import OuterRef, Subquery


def fill_invoice_frames(apps, schema_editor):
    Contract = apps.get_model("requests_app", "Contract")
    Invoice = apps.get_model("requests_app", "Invoice")
    Invoice.objects.update(
        frame_id=Subquery(Contract.objects.filter(pk=OuterRef("contract_id")).values("frame_id"))
    )


class Migration(migrations.Migration):
    dependencies = [
        ("providers", "0003_framealert"),
        ("requests_app", "0007_text_limits"),
    ]

    operations = [
        migrations.AddField(
            model_name="invoice",
            name="frame",
            field=models.ForeignKey(
                null=True,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="invoices",
                to="providers.budgetframe",
                verbose_name="budget frame",
            ),
        ),
        migrations.RunPython(fill_invoice_frames, migrations.RunPython.noop),
    ]
