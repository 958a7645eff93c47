"""The tamper-evident audit log: an append-only hash chain of events.

Each event stores the SHA-256 of the previous event and its own hash over a canonical JSON
serialisation, so altering, deleting or reordering any row breaks the chain from that row on
(`ilot audit verify` names the first broken event). On PostgreSQL the application role may only
INSERT and SELECT this table; rows of a dossier are readable only inside its wall.
"""

from __future__ import annotations

from typing import ClassVar

from django.conf import settings
from django.db import models

from ilot.core.models import DossierScoped


class Event(DossierScoped):
    rls_dossier_column: ClassVar[str] = "dossier_id"

    seq = models.BigIntegerField(unique=True)
    occurred_at = models.DateTimeField(db_index=True)
    # No database constraint and no cascade: an event row is never rewritten, whoever it names.
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.DO_NOTHING,
        db_constraint=False,
        null=True,
        related_name="+",
    )
    actor_label = models.CharField(max_length=254, blank=True)
    action = models.CharField(max_length=64, db_index=True)
    # Not a foreign key: the trail must outlive what it describes.
    dossier_id = models.BigIntegerField(null=True, db_index=True)
    object_type = models.CharField(max_length=64, blank=True)
    object_id = models.CharField(max_length=64, blank=True)
    data = models.JSONField(default=dict)
    ip_address = models.GenericIPAddressField(null=True)
    prev_hash = models.CharField(max_length=64)
    hash = models.CharField(max_length=64, unique=True)

    class Meta:
        ordering = ["seq"]
        indexes = [models.Index(fields=["dossier_id", "seq"])]

    def __str__(self) -> str:
        return f"#{self.seq} {self.action}"
