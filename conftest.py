"""Root test configuration: database harness for SQLite and PostgreSQL runs."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from django.conf import settings

PG = settings.DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql"
# WhiteNoise warns at start-up when STATIC_ROOT is missing; tests serve static from the finders.
Path(settings.STATIC_ROOT).mkdir(parents=True, exist_ok=True)


if PG:

    @pytest.fixture(scope="session")
    def django_db_setup(django_db_blocker: Any) -> Iterator[None]:
        """Create the test database as the owner role and migrate it as the owner.

        The tests then run on `default`, the application role, under row-level security.
        """
        from django.core.management import call_command
        from django.db import connections

        from ilot.testing.postgres import create_database, drop_database

        name = str(settings.DATABASES["default"]["NAME"])
        with django_db_blocker.unblock():
            create_database(name)
            call_command("migrate", verbosity=0, interactive=False)
            for conn in connections.all():
                conn.close()
        yield
        with django_db_blocker.unblock():
            for conn in connections.all():
                conn.close()
            drop_database(name)


def truncate_all_as_owner() -> None:
    """Empty every table, as the owner role (the app role may not TRUNCATE, by design)."""
    from django.db import connections

    owner = connections["owner"]
    with owner.cursor() as cursor:
        cursor.execute(
            "SELECT string_agg(quote_ident(tablename), ', ') FROM pg_tables "
            "WHERE schemaname = 'public' AND tablename NOT IN "
            "('django_migrations', 'django_content_type', 'auth_permission')"
        )
        tables = cursor.fetchone()[0]
        cursor.execute(f"TRUNCATE {tables} RESTART IDENTITY CASCADE")
    owner.close()


if PG:

    @pytest.fixture
    def transactional_db(django_db_setup: None, django_db_blocker: Any) -> Iterator[None]:
        """pytest-django flushes after transactional tests (live_server uses them) through the
        app role, which may not TRUNCATE; on PostgreSQL the owner empties the tables instead."""
        with django_db_blocker.unblock():
            try:
                yield
            finally:
                from django.db import connections

                connections["default"].close()
                truncate_all_as_owner()


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """Tests of PostgreSQL's row-level security itself only exist on the PostgreSQL run.

    They are deselected (not skipped) on SQLite, where there is no RLS to test; `make test` runs
    both databases, so in CI they always run.
    """
    if PG:
        return
    selected = [item for item in items if "postgres_only" not in item.keywords]
    deselected = [item for item in items if "postgres_only" in item.keywords]
    if deselected:
        config.hook.pytest_deselected(items=deselected)
        items[:] = selected
