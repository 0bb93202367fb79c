"""``Contract.invoiced_amount``, kept by triggers on the invoices table (issue 12): the
triggers and why are in ``requests_app/triggers.py``, which this migration installs, with
every contract's total as the invoices make it."""

from django.db import migrations, models

from requests_app import triggers


def install(apps, schema_editor):
    triggers.install(schema_editor.connection)


def uninstall(apps, schema_editor):
    triggers.uninstall(schema_editor.connection)


class Migration(migrations.Migration):
    dependencies = [
        ("requests_app", "0017_provider_status_index_with_id"),
    ]

    operations = [
        migrations.AddField(
            model_name="contract",
            name="invoiced_amount",
            field=models.DecimalField(
                decimal_places=2,
                default=0,
                editable=False,
                max_digits=12,
                verbose_name="invoiced (DKK incl. VAT)",
            ),
        ),
        migrations.RunPython(install, uninstall),
    ]
