"""Canonical serialisation and hashing of audit events (pure functions)."""

from __future__ import annotations

import hashlib
import json
from datetime import UTC, datetime
from typing import Any

GENESIS_HASH = "0" * 64


def canonical_payload(
    *,
    seq: int,
    occurred_at: datetime,
    actor_id: int | None,
    actor_label: str,
    action: str,
    dossier_id: int | None,
    object_type: str,
    object_id: str,
    data: Any,
    ip_address: str | None,
    prev_hash: str,
) -> bytes:
    """Sorted keys, no whitespace, UTC ISO timestamps to the microsecond: stable everywhere.

    `occurred_at` must be timezone-aware (USE_TZ is on everywhere in Ilot).
    """
    document = {
        "seq": seq,
        "occurred_at": occurred_at.astimezone(UTC).isoformat(timespec="microseconds"),
        "actor_id": actor_id,
        "actor_label": actor_label,
        "action": action,
        "dossier_id": dossier_id,
        "object_type": object_type,
        "object_id": object_id,
        "data": data,
        "ip_address": ip_address,
        "prev_hash": prev_hash,
    }
    return json.dumps(document, sort_keys=True, separators=(",", ":"), ensure_ascii=False).encode()


def event_hash(payload: bytes) -> str:
    return hashlib.sha256(payload).hexdigest()
