"""Row-level security: the database half of the Chinese walls.

On PostgreSQL every protected table has RLS enabled *and forced*, with one policy that lets a
row through only when its dossier is visible to the current actor. The actor is a
transaction-scoped setting (`ilot.actor`): a user id, the word `system` for the few background
jobs that must scan across dossiers, or nothing, which sees no rows at all.

The application sets the actor with `acting_as()`; the web middleware does it for every
request and tasks do it explicitly. On SQLite there is no RLS and these calls do nothing: the
application layer (`access.py` modules) is the wall there, and the same tests run on both.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from django.conf import settings
from django.db import connection, migrations, transaction
from django.db.backends.base.schema import BaseDatabaseSchemaEditor

SETTING = "ilot.actor"
SYSTEM = "system"

# The function every policy calls. SECURITY DEFINER: it runs as the owner (which bypasses RLS),
# so that reading participants and memberships inside a policy does not recurse into policies.
# It returns an array evaluated once per statement (policies wrap it in a scalar subquery).
VISIBLE_DOSSIERS_FUNCTION = """
CREATE OR REPLACE FUNCTION ilot_visible_dossiers() RETURNS bigint[]
LANGUAGE plpgsql STABLE SECURITY DEFINER SET search_path = public AS $$
DECLARE
    actor text := NULLIF(current_setting('ilot.actor', true), '');
    uid bigint;
BEGIN
    IF actor IS NULL THEN
        RETURN ARRAY[]::bigint[];
    END IF;
    IF actor = 'system' THEN
        RETURN NULL;  -- NULL means "every dossier"; see ilot_dossier_visible()
    END IF;
    uid := actor::bigint;
    RETURN ARRAY(
        SELECT p.dossier_id FROM dossiers_participant p
         WHERE p.user_id = uid AND p.is_active
        UNION
        SELECT d.id FROM dossiers_dossier d
          JOIN tenancy_membership m ON m.organisation_id = d.client_id
         WHERE m.user_id = uid AND m.is_active
        UNION
        SELECT w.dossier_id FROM dossiers_wallcrossing w
         WHERE w.user_id = uid AND w.status = 'approved' AND w.expires_at > now()
    );
END $$;
"""

# Scalar subqueries make PostgreSQL evaluate the function once per statement (an InitPlan),
# not once per row. NULL is only ever returned for the `system` actor.
POLICY_EXPRESSION = (
    "(SELECT ilot_visible_dossiers()) IS NULL"
    " OR {column} = ANY ((SELECT ilot_visible_dossiers())::bigint[])"
)


def is_postgresql(conn: Any = None) -> bool:
    return (conn or connection).vendor == "postgresql"


@contextmanager
def acting_as(actor: int | str | None) -> Iterator[None]:
    """Run the block in a transaction whose RLS actor is `actor` (user id, SYSTEM or None).

    The previous actor is restored afterwards, so nested use (a request inside a test that
    prepared data as SYSTEM) behaves. A rolled-back block reverts the setting by itself.
    """
    value = "" if actor is None else str(actor)
    with transaction.atomic():
        if not is_postgresql():
            yield
            return
        with connection.cursor() as cursor:
            cursor.execute("SELECT current_setting(%s, true)", [SETTING])
            previous = cursor.fetchone()[0] or ""
            cursor.execute("SELECT set_config(%s, %s, true)", [SETTING, value])
        yield
        with connection.cursor() as cursor:
            cursor.execute("SELECT set_config(%s, %s, true)", [SETTING, previous])


def as_system() -> Any:
    """For the narrow code paths that must see across dossiers (dossier creation, sweeps)."""
    return acting_as(SYSTEM)


def app_role() -> str:
    role = settings.DATABASE_APP_ROLE
    if not role.replace("_", "").isalnum():
        raise ValueError(f"Unsafe database role name {role!r}")
    return role


class InstallRlsFunctions(migrations.operations.base.Operation):
    """Create (or replace) the SQL function the policies call, and grant the app role."""

    reversible = True
    reduces_to_sql = True

    def state_forwards(self, app_label: str, state: Any) -> None:
        return None

    def database_forwards(
        self,
        app_label: str,
        schema_editor: BaseDatabaseSchemaEditor,
        from_state: Any,
        to_state: Any,
    ) -> None:
        if schema_editor.connection.vendor != "postgresql":
            return
        schema_editor.execute(VISIBLE_DOSSIERS_FUNCTION)
        role = app_role()
        schema_editor.execute(
            f"DO $$ BEGIN IF EXISTS (SELECT 1 FROM pg_roles WHERE rolname = '{role}') THEN "
            f"GRANT USAGE ON SCHEMA public TO {role}; "
            f"GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO {role}; "
            f"GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO {role}; "
            f"GRANT EXECUTE ON FUNCTION ilot_visible_dossiers() TO {role}; "
            f"ALTER DEFAULT PRIVILEGES IN SCHEMA public "
            f"GRANT SELECT, INSERT, UPDATE, DELETE ON TABLES TO {role}; "
            f"ALTER DEFAULT PRIVILEGES IN SCHEMA public "
            f"GRANT USAGE, SELECT ON SEQUENCES TO {role}; "
            f"END IF; END $$;"
        )

    def database_backwards(
        self,
        app_label: str,
        schema_editor: BaseDatabaseSchemaEditor,
        from_state: Any,
        to_state: Any,
    ) -> None:
        if schema_editor.connection.vendor == "postgresql":
            schema_editor.execute("DROP FUNCTION IF EXISTS ilot_visible_dossiers()")

    def describe(self) -> str:
        return "Install the row-level security function ilot_visible_dossiers()"


class ProtectTable(migrations.operations.base.Operation):
    """Enable and force RLS on one table with the dossier-visibility policy."""

    reversible = True
    reduces_to_sql = True

    def __init__(self, table: str, column: str = "dossier_id") -> None:
        self.table = table
        self.column = column

    def deconstruct(self) -> tuple[str, list[Any], dict[str, Any]]:
        return (self.__class__.__qualname__, [self.table], {"column": self.column})

    def state_forwards(self, app_label: str, state: Any) -> None:
        return None

    def database_forwards(
        self,
        app_label: str,
        schema_editor: BaseDatabaseSchemaEditor,
        from_state: Any,
        to_state: Any,
    ) -> None:
        if schema_editor.connection.vendor != "postgresql":
            return
        table = schema_editor.quote_name(self.table)
        expression = POLICY_EXPRESSION.format(column=schema_editor.quote_name(self.column))
        schema_editor.execute(f"ALTER TABLE {table} ENABLE ROW LEVEL SECURITY")
        schema_editor.execute(f"ALTER TABLE {table} FORCE ROW LEVEL SECURITY")
        schema_editor.execute(f"DROP POLICY IF EXISTS ilot_dossier_wall ON {table}")
        schema_editor.execute(
            f"CREATE POLICY ilot_dossier_wall ON {table} USING ({expression}) "
            f"WITH CHECK ({expression})"
        )
        role = app_role()
        schema_editor.execute(
            f"DO $$ BEGIN IF EXISTS (SELECT 1 FROM pg_roles WHERE rolname = '{role}') THEN "
            f"GRANT SELECT, INSERT, UPDATE, DELETE ON {table} TO {role}; END IF; END $$;"
        )

    def database_backwards(
        self,
        app_label: str,
        schema_editor: BaseDatabaseSchemaEditor,
        from_state: Any,
        to_state: Any,
    ) -> None:
        if schema_editor.connection.vendor != "postgresql":
            return
        table = schema_editor.quote_name(self.table)
        schema_editor.execute(f"DROP POLICY IF EXISTS ilot_dossier_wall ON {table}")
        schema_editor.execute(f"ALTER TABLE {table} NO FORCE ROW LEVEL SECURITY")
        schema_editor.execute(f"ALTER TABLE {table} DISABLE ROW LEVEL SECURITY")

    def describe(self) -> str:
        return f"Protect {self.table} with row-level security"


def grant_app_role(using: str) -> None:
    """Grant the app role on every table and sequence (run after each `migrate`)."""
    from django.db import connections

    conn = connections[using]
    if conn.vendor != "postgresql":
        return
    role = app_role()
    with conn.cursor() as cursor:
        cursor.execute(
            f"DO $$ BEGIN IF EXISTS (SELECT 1 FROM pg_roles WHERE rolname = '{role}') "
            f"AND current_user <> '{role}' THEN "
            f"GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO {role}; "
            f"GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO {role}; "
            + "".join(
                f"IF to_regclass('{t}') IS NOT NULL THEN "
                f"REVOKE UPDATE, DELETE, TRUNCATE ON {t} FROM {role}; END IF; "
                for t in APPEND_ONLY_TABLES
            )
            + "END IF; END $$;"
        )


AUDIT_HEAD_FUNCTION = """
CREATE OR REPLACE FUNCTION ilot_audit_head() RETURNS TABLE(seq bigint, hash varchar)
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public AS $$
    SELECT e.seq, e.hash FROM audit_event e ORDER BY e.seq DESC LIMIT 1
$$;
"""


class ProtectAuditTable(migrations.operations.base.Operation):
    """The audit table: anyone may append, reading follows the wall, nobody may rewrite.

    No UPDATE or DELETE policy exists and those privileges are revoked from the app role, so
    the application cannot alter the trail even by mistake; the hash chain detects anyone else.
    """

    reversible = False
    reduces_to_sql = True

    def state_forwards(self, app_label: str, state: Any) -> None:
        return None

    def database_forwards(
        self,
        app_label: str,
        schema_editor: BaseDatabaseSchemaEditor,
        from_state: Any,
        to_state: Any,
    ) -> None:
        if schema_editor.connection.vendor != "postgresql":
            return
        schema_editor.execute(AUDIT_HEAD_FUNCTION)
        read = POLICY_EXPRESSION.format(column="dossier_id")
        schema_editor.execute("ALTER TABLE audit_event ENABLE ROW LEVEL SECURITY")
        schema_editor.execute("ALTER TABLE audit_event FORCE ROW LEVEL SECURITY")
        schema_editor.execute("DROP POLICY IF EXISTS ilot_audit_read ON audit_event")
        schema_editor.execute("DROP POLICY IF EXISTS ilot_audit_append ON audit_event")
        schema_editor.execute(
            f"CREATE POLICY ilot_audit_read ON audit_event FOR SELECT USING ({read})"
        )
        schema_editor.execute(
            "CREATE POLICY ilot_audit_append ON audit_event FOR INSERT WITH CHECK (true)"
        )
        role = app_role()
        schema_editor.execute(
            f"DO $$ BEGIN IF EXISTS (SELECT 1 FROM pg_roles WHERE rolname = '{role}') THEN "
            f"GRANT SELECT, INSERT ON audit_event TO {role}; "
            f"REVOKE UPDATE, DELETE, TRUNCATE ON audit_event FROM {role}; "
            f"GRANT EXECUTE ON FUNCTION ilot_audit_head() TO {role}; END IF; END $$;"
        )

    def database_backwards(
        self,
        app_label: str,
        schema_editor: BaseDatabaseSchemaEditor,
        from_state: Any,
        to_state: Any,
    ) -> None:
        raise NotImplementedError

    def describe(self) -> str:
        return "Protect audit_event: append-only for the app role, reads inside the wall"


# Tables whose privileges the post-migrate grant must not widen again.
APPEND_ONLY_TABLES = ("audit_event",)
