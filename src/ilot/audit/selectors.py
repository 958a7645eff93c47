"""Reads on the audit trail, inside the walls."""

from __future__ import annotations

from django.db.models import QuerySet

from ilot.audit.models import Event
from ilot.dossiers.access import dossier_for_actor
from ilot.tenancy.models import User


def dossier_activity(*, actor: User, dossier_id: int, limit: int = 200) -> QuerySet[Event]:
    dossier = dossier_for_actor(actor, dossier_id)
    return Event.objects.filter(dossier_id=dossier.pk).order_by("-seq")[:limit]
