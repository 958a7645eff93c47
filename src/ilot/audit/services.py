"""Writing and verifying the audit chain.

`audit_record` must be called inside the transaction of the state change it describes, so that
the change and its event commit or roll back together.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

from django.db import connection, transaction
from django.utils import timezone

from ilot.audit.chain import GENESIS_HASH, canonical_payload, event_hash
from ilot.audit.models import Event
from ilot.core import rls

# Any constant works: it names the advisory lock that serialises appends to the chain.
_CHAIN_LOCK_KEY = 7_140_020_261


def _normalise(data: dict[str, Any] | None) -> Any:
    # Round-trip through JSON so what we hash is exactly what the database gives back.
    return json.loads(json.dumps(data or {}, default=str, sort_keys=True))


def _chain_head() -> tuple[int, str]:
    if rls.is_postgresql():
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_advisory_xact_lock(%s)", [_CHAIN_LOCK_KEY])
            # The head is read through a SECURITY DEFINER function: under RLS the actor may not
            # see the last event (another dossier's), but must still chain onto it.
            cursor.execute("SELECT seq, hash FROM ilot_audit_head()")
            row = cursor.fetchone()
    else:
        last = Event.objects.order_by("-seq").values_list("seq", "hash").first()
        row = last
    if not row or row[0] is None:
        return 0, GENESIS_HASH
    return int(row[0]), str(row[1])


def audit_record(
    *,
    action: str,
    actor: Any = None,
    dossier_id: int | None = None,
    obj: Any = None,
    object_type: str = "",
    object_id: str | int = "",
    data: dict[str, Any] | None = None,
    ip_address: str | None = None,
    actor_label: str = "",
) -> Event:
    """Append one event to the chain (in the caller's transaction)."""
    if obj is not None:
        object_type = object_type or obj._meta.label_lower
        object_id = object_id or obj.pk
    actor_id = getattr(actor, "pk", None) if actor is not None else None
    if not actor_label and actor is not None:
        actor_label = getattr(actor, "email", "") or str(actor)
    payload_data = _normalise(data)
    with transaction.atomic():
        seq, prev_hash = _chain_head()
        occurred_at = timezone.now()
        seq += 1
        payload = canonical_payload(
            seq=seq,
            occurred_at=occurred_at,
            actor_id=actor_id,
            actor_label=actor_label,
            action=action,
            dossier_id=dossier_id,
            object_type=object_type,
            object_id=str(object_id),
            data=payload_data,
            ip_address=ip_address,
            prev_hash=prev_hash,
        )
        event = Event(
            seq=seq,
            occurred_at=occurred_at,
            actor_id=actor_id,
            actor_label=actor_label,
            action=action,
            dossier_id=dossier_id,
            object_type=object_type,
            object_id=str(object_id),
            data=payload_data,
            ip_address=ip_address,
            prev_hash=prev_hash,
            hash=event_hash(payload),
        )
        if rls.is_postgresql():
            _insert_without_returning(event)
        else:
            event.save(force_insert=True)
        return event


def _insert_without_returning(event: Event) -> None:
    """Append on PostgreSQL without INSERT ... RETURNING.

    RETURNING would need the new row to pass the table's SELECT policy, and an actor may append
    an event it is not allowed to read back (a failed sign-in has no actor at all).
    """
    fields = [f for f in Event._meta.concrete_fields if not f.primary_key]
    columns = ", ".join(connection.ops.quote_name(str(f.column)) for f in fields)
    placeholders = ", ".join(["%s"] * len(fields))
    values = [f.get_db_prep_save(getattr(event, f.attname), connection) for f in fields]
    with connection.cursor() as cursor:
        cursor.execute(
            f"INSERT INTO audit_event ({columns}) VALUES ({placeholders})",  # noqa: S608
            values,
        )


@dataclass(frozen=True)
class VerifyResult:
    ok: bool
    checked: int
    first_broken_seq: int | None = None
    reason: str = ""


def audit_verify(*, batch_size: int = 2000) -> VerifyResult:
    """Walk the whole chain in order; report the first event whose hash or link is wrong.

    Runs as the system actor (it must read every dossier's events); the caller is an operator
    on the command line, and the check itself reads only hashes and payloads.
    """
    checked = 0
    expected_prev = GENESIS_HASH
    expected_seq = 1
    with rls.as_system():
        queryset = Event.objects.order_by("seq")
        for event in queryset.iterator(chunk_size=batch_size):
            if event.seq != expected_seq:
                return VerifyResult(False, checked, expected_seq, "missing or reordered event")
            if event.prev_hash != expected_prev:
                return VerifyResult(False, checked, event.seq, "previous-hash link broken")
            payload = canonical_payload(
                seq=event.seq,
                occurred_at=event.occurred_at,
                actor_id=event.actor_id,
                actor_label=event.actor_label,
                action=event.action,
                dossier_id=event.dossier_id,
                object_type=event.object_type,
                object_id=event.object_id,
                data=event.data,
                ip_address=event.ip_address,
                prev_hash=event.prev_hash,
            )
            if event_hash(payload) != event.hash:
                return VerifyResult(False, checked, event.seq, "content does not match its hash")
            expected_prev = event.hash
            expected_seq += 1
            checked += 1
    return VerifyResult(True, checked)
