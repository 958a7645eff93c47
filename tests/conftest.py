"""Shared fixtures: the demo world (two clients, a bank, a notary) and signed-in clients."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any

import pytest
from django.core.management import call_command
from django.db import connection
from django.test import Client

from ilot.core import rls
from ilot.dossiers.models import Dossier
from ilot.tenancy.models import User
from ilot.web.demo import DEFAULT_PASSWORD, load_demo

PASSWORD = DEFAULT_PASSWORD


@pytest.fixture
def world(db: None) -> dict[str, Any]:
    """The fixed demo data: users by e-mail prefix and dossiers by client."""
    load_demo()
    with rls.as_system():
        dossiers = list(Dossier.objects.select_related("client").order_by("pk"))
    return {
        "rm": User.objects.get(email="rm@banque.example"),
        "analyst": User.objects.get(email="analyste@banque.example"),
        "compliance": User.objects.get(email="conformite@banque.example"),
        "admin": User.objects.get(email="admin@banque.example"),
        "alpha": User.objects.get(email="promoteur@alpha.example"),
        "beta": User.objects.get(email="promoteur@beta.example"),
        "notary": User.objects.get(email="notaire@etude.example"),
        "alpha_dossiers": [d for d in dossiers if d.client.name == "Alpha Promotion"],
        "beta_dossiers": [d for d in dossiers if d.client.name == "Beta Habitat"],
    }


@pytest.fixture
def client_for() -> Callable[[User], Client]:
    def make(user: User) -> Client:
        web = Client()
        web.force_login(user, backend="ilot.tenancy.auth.EmailBackend")
        return web

    return make


@pytest.fixture
def committed(django_db_setup: None, django_db_blocker: Any) -> Iterator[None]:
    """Run a test on committed data (autocommit, no wrapping transaction), then wipe it.

    For the few tests that need a second connection (the owner role) to see what the
    application wrote. Cleanup truncates as the owner on PostgreSQL, flushes on SQLite.
    """
    with django_db_blocker.unblock():
        try:
            yield
        finally:
            if connection.vendor == "postgresql":
                from conftest import truncate_all_as_owner

                truncate_all_as_owner()
            else:
                call_command("flush", interactive=False, verbosity=0)
