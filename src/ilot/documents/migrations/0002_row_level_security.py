"""Row-level security for the data room.

Every table gets the dossier wall (`ProtectTable`: RLS enabled and forced, permissive policy on
`ilot_visible_dossiers()`). Documents and versions get a second, RESTRICTIVE policy, so both
must pass: the per-document visibility rule of `ilot.documents.access`, evaluated with
SECURITY DEFINER helpers that (like `ilot_visible_dossiers`) run once per statement:

- `ilot_bank_dossiers()`: dossiers where the actor is on the deal team (bank role) or holds an
  approved, unexpired wall crossing; NULL for the `system` actor (everything);
- `ilot_actor_organisations()`: organisations the actor belongs to or sits for in a dossier;
- `ilot_actor_id()`: the actor's user id.

A document passes when the actor is bank staff of its dossier, or it is visible to all
participants, or the actor uploaded it, or it is shared (`parties`) with one of the actor's
organisations. A version passes when its document does (a subquery under the same policies).
"""

from typing import Any

from django.db import migrations

from ilot.core.rls import ProtectTable, app_role

BANK_ROLES = ("relationship_manager", "credit_analyst", "middle_office", "bank_lawyer")

FUNCTIONS = f"""
CREATE OR REPLACE FUNCTION ilot_actor_id() RETURNS bigint
LANGUAGE sql STABLE AS $$
    SELECT CASE WHEN NULLIF(current_setting('ilot.actor', true), '') ~ '^[0-9]+$'
                THEN current_setting('ilot.actor', true)::bigint END
$$;

CREATE OR REPLACE FUNCTION ilot_bank_dossiers() RETURNS bigint[]
LANGUAGE plpgsql STABLE SECURITY DEFINER SET search_path = public AS $$
DECLARE
    actor text := NULLIF(current_setting('ilot.actor', true), '');
    uid bigint;
BEGIN
    IF actor IS NULL THEN
        RETURN ARRAY[]::bigint[];
    END IF;
    IF actor = 'system' THEN
        RETURN NULL;
    END IF;
    uid := actor::bigint;
    RETURN ARRAY(
        SELECT p.dossier_id FROM dossiers_participant p
         WHERE p.user_id = uid AND p.is_active
           AND p.role IN ({", ".join(f"'{r}'" for r in BANK_ROLES)})
        UNION
        SELECT w.dossier_id FROM dossiers_wallcrossing w
         WHERE w.user_id = uid AND w.status = 'approved' AND w.expires_at > now()
    );
END $$;

CREATE OR REPLACE FUNCTION ilot_actor_organisations() RETURNS bigint[]
LANGUAGE plpgsql STABLE SECURITY DEFINER SET search_path = public AS $$
DECLARE
    uid bigint := ilot_actor_id();
BEGIN
    IF uid IS NULL THEN
        RETURN ARRAY[]::bigint[];
    END IF;
    RETURN ARRAY(
        SELECT m.organisation_id FROM tenancy_membership m WHERE m.user_id = uid AND m.is_active
        UNION
        SELECT p.organisation_id FROM dossiers_participant p WHERE p.user_id = uid AND p.is_active
    );
END $$;
"""

DOCUMENT_RULE = """
    (SELECT ilot_bank_dossiers()) IS NULL
    OR visibility = 'all'
    OR dossier_id = ANY ((SELECT ilot_bank_dossiers())::bigint[])
    OR created_by_id = (SELECT ilot_actor_id())
    OR (visibility = 'parties' AND EXISTS (
        SELECT 1 FROM documents_documentshare s
         WHERE s.document_id = documents_document.id
           AND s.organisation_id = ANY ((SELECT ilot_actor_organisations())::bigint[])))
"""

VERSION_RULE = "document_id IN (SELECT d.id FROM documents_document d)"


def forwards(apps: Any, schema_editor: Any) -> None:
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute(FUNCTIONS)
    for table, rule in (
        ("documents_document", DOCUMENT_RULE),
        ("documents_documentversion", VERSION_RULE),
    ):
        schema_editor.execute(f"DROP POLICY IF EXISTS ilot_document_visibility ON {table}")
        schema_editor.execute(
            f"CREATE POLICY ilot_document_visibility ON {table} AS RESTRICTIVE "
            f"USING ({rule}) WITH CHECK ({rule})"
        )
    role = app_role()
    schema_editor.execute(
        f"DO $$ BEGIN IF EXISTS (SELECT 1 FROM pg_roles WHERE rolname = '{role}') THEN "
        f"GRANT EXECUTE ON FUNCTION ilot_actor_id(), ilot_bank_dossiers(), "
        f"ilot_actor_organisations() TO {role}; END IF; END $$;"
    )


def backwards(apps: Any, schema_editor: Any) -> None:
    if schema_editor.connection.vendor != "postgresql":
        return
    for table in ("documents_document", "documents_documentversion"):
        schema_editor.execute(f"DROP POLICY IF EXISTS ilot_document_visibility ON {table}")


class Migration(migrations.Migration):
    dependencies = [
        ("documents", "0001_initial"),
        ("dossiers", "0002_row_level_security"),
    ]
    operations = [
        ProtectTable("documents_folder"),
        ProtectTable("documents_document"),
        ProtectTable("documents_documentversion"),
        ProtectTable("documents_documentshare"),
        ProtectTable("documents_upload"),
        migrations.RunPython(forwards, backwards),
    ]
