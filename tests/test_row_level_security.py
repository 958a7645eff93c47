"""Database-level walls: connected as the application role, raw SQL sees only what the actor may."""

from __future__ import annotations

from typing import Any

import pytest
from django.apps import apps
from django.db import connection

from ilot.core import rls
from ilot.core.models import DossierScoped

pytestmark = [pytest.mark.postgres_only, pytest.mark.django_db]


def protected_tables() -> list[str]:
    return sorted(
        model._meta.db_table
        for model in apps.get_models()
        if issubclass(model, DossierScoped) and not model._meta.abstract
    )


def _ids(sql: str) -> set[int]:
    with connection.cursor() as cursor:
        cursor.execute(sql)
        return {row[0] for row in cursor.fetchall()}


def test_catalogue_rls_and_force_on_every_protected_table() -> None:
    tables = protected_tables()
    assert {"dossiers_dossier", "dossiers_participant", "audit_event"} <= set(tables)
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT c.relname, c.relrowsecurity, c.relforcerowsecurity, "
            "pg_get_userbyid(c.relowner) "
            "FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace "
            "WHERE n.nspname = 'public' AND c.relname = ANY(%s)",
            [tables],
        )
        rows = {
            name: (enabled, forced, owner) for name, enabled, forced, owner in cursor.fetchall()
        }
        cursor.execute(
            "SELECT current_user, rolsuper, rolbypassrls FROM pg_roles WHERE rolname = current_user"
        )
        me, superuser, bypass = cursor.fetchone()
        cursor.execute("SELECT tablename FROM pg_policies WHERE schemaname = 'public'")
        with_policy = {row[0] for row in cursor.fetchall()}
    assert set(rows) == set(tables)
    for table, (enabled, forced, owner) in rows.items():
        assert enabled and forced, f"{table}: RLS enabled={enabled} forced={forced}"
        assert owner != me, f"{table} is owned by the application role"
        assert table in with_policy
    assert not superuser and not bypass


def test_raw_sql_sees_only_the_actors_dossiers(world: dict[str, Any]) -> None:
    alpha = {d.pk for d in world["alpha_dossiers"]}
    beta = {d.pk for d in world["beta_dossiers"]}
    notary_dossier = {world["alpha_dossiers"][0].pk}
    cases = {
        "rm": alpha,
        "alpha": alpha,
        "analyst": beta,
        "beta": beta,
        "notary": notary_dossier,
        "admin": set(),
        "compliance": set(),
    }
    for key, expected in cases.items():
        with rls.acting_as(world[key].pk):
            assert _ids("SELECT id FROM dossiers_dossier") == expected, key
            assert _ids("SELECT DISTINCT dossier_id FROM dossiers_participant") == expected, key
            seen_events = _ids(
                "SELECT DISTINCT dossier_id FROM audit_event WHERE dossier_id IS NOT NULL"
            )
            assert seen_events <= expected, key
    with rls.as_system():
        assert _ids("SELECT id FROM dossiers_dossier") == alpha | beta


def test_no_actor_means_no_rows(world: dict[str, Any]) -> None:
    with rls.acting_as(None):
        for table in protected_tables():
            with connection.cursor() as cursor:
                cursor.execute(f"SELECT count(*) FROM {table}")  # noqa: S608 - table names from models
                assert cursor.fetchone()[0] == 0, table


def test_writes_outside_the_wall_are_refused(world: dict[str, Any]) -> None:
    from django.db import transaction
    from django.db.utils import ProgrammingError

    beta_dossier = world["beta_dossiers"][0].pk
    with rls.acting_as(world["rm"].pk):
        with connection.cursor() as cursor:
            cursor.execute(
                "UPDATE dossiers_dossier SET name = 'hacked' WHERE id = %s", [beta_dossier]
            )
            assert cursor.rowcount == 0
        bank_id = world["rm"].memberships.get().organisation_id
        with (
            pytest.raises(ProgrammingError, match="row-level security"),
            transaction.atomic(),
            connection.cursor() as cursor,
        ):
            cursor.execute(
                "INSERT INTO dossiers_participant (dossier_id, user_id, organisation_id, role,"
                " is_active, created_at, updated_at)"
                " VALUES (%s, %s, %s, 'credit_analyst', true, now(), now())",
                [beta_dossier, world["rm"].pk, bank_id],
            )
    with rls.as_system(), connection.cursor() as cursor:
        cursor.execute("SELECT name FROM dossiers_dossier WHERE id = %s", [beta_dossier])
        assert cursor.fetchone()[0] != "hacked"


def test_transaction_scoped_setting_does_not_leak(world: dict[str, Any]) -> None:
    with rls.acting_as(world["rm"].pk):
        pass
    with connection.cursor() as cursor:
        cursor.execute("SELECT current_setting('ilot.actor', true)")
        assert (cursor.fetchone()[0] or "") == ""
