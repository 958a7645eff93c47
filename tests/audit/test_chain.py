"""The audit chain: hash-linked events, verification, tamper detection."""

from __future__ import annotations

import itertools
from typing import Any

import pytest
from django.core.management import CommandError, call_command
from django.db import connection, connections

from ilot.audit.models import Event
from ilot.audit.services import audit_verify
from ilot.core import rls
from ilot.web.demo import load_demo


def _owner_cursor() -> Any:
    """A cursor that may rewrite rows: the owner role on PostgreSQL (the app role cannot)."""
    if connection.vendor == "postgresql":
        return connections["owner"].cursor()
    return connection.cursor()


@pytest.mark.django_db
def test_events_chain_onto_each_other(world: dict[str, Any]) -> None:
    with rls.as_system():
        events = list(Event.objects.order_by("seq"))
    assert len(events) > 10
    assert events[0].prev_hash == "0" * 64
    for previous, event in itertools.pairwise(events):
        assert event.prev_hash == previous.hash and event.seq == previous.seq + 1
    assert audit_verify().ok


def test_tampering_is_detected_and_named(committed: None, capsys: Any) -> None:
    load_demo()
    call_command("audit", "verify")
    assert "Audit chain OK" in capsys.readouterr().out
    with rls.as_system():
        victim = Event.objects.filter(action="dossier.created").order_by("seq")[1]
        total = Event.objects.count()
    with _owner_cursor() as cursor:
        cursor.execute(
            "UPDATE audit_event SET data = %s WHERE seq = %s", ['{"name": "rewritten"}', victim.seq]
        )
    result = audit_verify()
    assert not result.ok and result.first_broken_seq == victim.seq
    assert result.checked == victim.seq - 1 < total
    with pytest.raises(CommandError, match=f"#{victim.seq}"):
        call_command("audit", "verify")


def test_deleting_an_event_is_detected(committed: None) -> None:
    load_demo()
    with _owner_cursor() as cursor:
        cursor.execute("DELETE FROM audit_event WHERE seq = 3")
    result = audit_verify()
    assert not result.ok and result.first_broken_seq == 3


@pytest.mark.postgres_only
@pytest.mark.django_db
def test_application_role_cannot_rewrite_the_trail(world: dict[str, Any]) -> None:
    from django.db import ProgrammingError, transaction

    for statement in (
        "UPDATE audit_event SET action = 'x'",
        "DELETE FROM audit_event",
        "TRUNCATE audit_event",
    ):
        with (
            pytest.raises(ProgrammingError, match="permission denied"),
            transaction.atomic(),
            connection.cursor() as cursor,
        ):
            cursor.execute(statement)
    assert audit_verify().ok
