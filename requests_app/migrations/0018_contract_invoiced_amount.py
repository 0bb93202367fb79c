"""``Contract.invoiced_amount``, kept by triggers on the invoices table (issue 12).

Each trigger recomputes the total of the contract an invoice belongs to (and belonged to,
when an invoice moves) from its invoices that are not returned, so the stored figure is
always the sum of what the table holds: written by the services, the admin, a bulk insert or
a restore alike. The services write invoices under their contract's row lock, so two
transactions never recompute the same contract at once.

SQLite rebuilds a table to alter it and drops its triggers with it: a later migration that
alters ``requests_app_invoice`` must run ``INSTALL`` again (the test
``tests/requests_app/test_invoiced_amount.py`` fails when a trigger is missing).
"""

from django.db import migrations, models

# The total of one contract, from its invoices that are not returned.
_TOTAL = """
    UPDATE requests_app_contract SET invoiced_amount = (
        SELECT COALESCE(SUM(amount), 0) FROM requests_app_invoice
        WHERE contract_id = {row}.contract_id AND state <> 'returned'
    ) WHERE id = {row}.contract_id;"""

# An update that changes none of amount, contract or being returned changes no total.
_CHANGES = (
    "NEW.amount <> OLD.amount OR NEW.contract_id <> OLD.contract_id"
    " OR (NEW.state = 'returned') <> (OLD.state = 'returned')"
)

INSTALL = {
    "postgresql": [
        f"""
        CREATE OR REPLACE FUNCTION requests_app_contract_invoiced() RETURNS trigger
        LANGUAGE plpgsql AS $$
        BEGIN
            IF TG_OP = 'UPDATE' AND NOT ({_CHANGES}) THEN
                RETURN NULL;
            END IF;
            IF TG_OP <> 'INSERT' THEN {_TOTAL.format(row="OLD")}
            END IF;
            IF TG_OP = 'INSERT' OR (TG_OP = 'UPDATE' AND NEW.contract_id <> OLD.contract_id)
            THEN {_TOTAL.format(row="NEW")}
            END IF;
            RETURN NULL;
        END $$;""",
        """
        CREATE TRIGGER requests_app_invoice_contract_invoiced
        AFTER INSERT OR DELETE OR UPDATE OF amount, state, contract_id
        ON requests_app_invoice
        FOR EACH ROW EXECUTE FUNCTION requests_app_contract_invoiced();""",
    ],
    "sqlite": [
        f"""
        CREATE TRIGGER requests_app_invoice_contract_invoiced_insert
        AFTER INSERT ON requests_app_invoice
        BEGIN {_TOTAL.format(row="NEW")}
        END;""",
        f"""
        CREATE TRIGGER requests_app_invoice_contract_invoiced_delete
        AFTER DELETE ON requests_app_invoice
        BEGIN {_TOTAL.format(row="OLD")}
        END;""",
        f"""
        CREATE TRIGGER requests_app_invoice_contract_invoiced_update
        AFTER UPDATE OF amount, state, contract_id ON requests_app_invoice
        WHEN {_CHANGES}
        BEGIN {_TOTAL.format(row="OLD")} {_TOTAL.format(row="NEW")}
        END;""",
    ],
}

UNINSTALL = {
    "postgresql": [
        "DROP TRIGGER IF EXISTS requests_app_invoice_contract_invoiced ON requests_app_invoice;",
        "DROP FUNCTION IF EXISTS requests_app_contract_invoiced();",
    ],
    "sqlite": [
        f"DROP TRIGGER IF EXISTS requests_app_invoice_contract_invoiced_{event};"
        for event in ("insert", "delete", "update")
    ],
}

# Every contract's total as the invoices make it now.
BACKFILL = """
    UPDATE requests_app_contract SET invoiced_amount = (
        SELECT COALESCE(SUM(amount), 0) FROM requests_app_invoice
        WHERE contract_id = requests_app_contract.id AND state <> 'returned'
    );"""


def _run(statements):
    def run(apps, schema_editor):
        vendor = schema_editor.connection.vendor
        if vendor not in statements:
            raise NotImplementedError(f"No invoiced-amount triggers for {vendor}.")
        for statement in statements[vendor]:
            schema_editor.execute(statement, params=None)

    return run


def install(apps, schema_editor):
    _run(INSTALL)(apps, schema_editor)
    schema_editor.execute(BACKFILL, params=None)


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
        migrations.RunPython(install, _run(UNINSTALL)),
    ]
