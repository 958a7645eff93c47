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
