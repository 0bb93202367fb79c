"""The triggers that keep ``Contract.invoiced_amount`` (issue 12): on every write to the
invoices table, the total of the contract an invoice belongs to (and belonged to, when an
invoice moves) is recomputed from its invoices that are not returned. So the stored figure
is always the sum of what the table holds, written by the services, the admin, a bulk
insert or a restore alike. The services write invoices under their contract's row lock, so
two transactions never recompute the same contract at once.

Installed by migration ``0018_contract_invoiced_amount``. SQLite rebuilds a table to alter
it: that drops the invoices table's triggers with it, and a rebuild of the contracts table
fails while a trigger names it. So on SQLite every ``migrate`` that runs migrations takes
them out first and puts them back after, with the totals recomputed (``before_migrate``,
``after_migrate``, connected in ``RequestsAppConfig.ready``). PostgreSQL alters tables in
place and keeps them.
"""

from django.core.exceptions import ImproperlyConfigured
from django.db import connections

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


def _execute(connection, statements) -> None:
    if connection.vendor not in statements:
        # The portal runs on PostgreSQL, and on SQLite for `make run` and the tests.
        raise ImproperlyConfigured(
            "The invoiced-amount triggers exist for PostgreSQL and SQLite, "
            f"not {connection.vendor}."
        )
    with connection.cursor() as cursor:
        for statement in statements[connection.vendor]:
            cursor.execute(statement)


def install(connection) -> None:
    """The triggers, and every contract's total as the invoices make it now."""
    _execute(connection, UNINSTALL)
    _execute(connection, INSTALL)
    with connection.cursor() as cursor:
        cursor.execute(BACKFILL)


def uninstall(connection) -> None:
    _execute(connection, UNINSTALL)


def _installed(connection) -> bool:
    """Whether the contracts' column is there (migrated to 0018 or later, not back below)."""
    with connection.cursor() as cursor:
        tables = connection.introspection.table_names(cursor)
        if not {"requests_app_contract", "requests_app_invoice"} <= set(tables):
            return False
        columns = connection.introspection.get_table_description(cursor, "requests_app_contract")
    return any(column.name == "invoiced_amount" for column in columns)


def before_migrate(*, using, plan=None, **kwargs) -> None:
    """``pre_migrate``: on SQLite, out of the way of the tables the migrations rebuild."""
    connection = connections[using]
    if plan and connection.vendor == "sqlite":
        uninstall(connection)


def after_migrate(*, using, plan=None, **kwargs) -> None:
    """``post_migrate``: on SQLite, back in, with every total recomputed."""
    connection = connections[using]
    if plan and connection.vendor == "sqlite" and _installed(connection):
        install(connection)
