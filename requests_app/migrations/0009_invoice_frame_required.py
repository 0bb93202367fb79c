"""Every invoice has its frame (filled in 0008; a separate migration, so PostgreSQL applies the
NOT NULL in a transaction of its own, after the rows were updated)."""

import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("requests_app", "0008_invoice_frame"),
    ]

    operations = [
        migrations.AlterField(
            model_name="invoice",
            name="frame",
            field=models.ForeignKey(
                on_delete=django.db.models.deletion.PROTECT,
                related_name="invoices",
                to="providers.budgetframe",
                verbose_name="budget frame",
            ),
        ),
    ]
