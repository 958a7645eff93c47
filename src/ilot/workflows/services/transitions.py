"""Lifecycle transitions of a dossier."""

from __future__ import annotations

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from ilot.audit.services import audit_record
from ilot.core.exceptions import Conflict, PermissionDenied, ValidationFailed
from ilot.dossiers.access import dossier_for_actor
from ilot.dossiers.models import Dossier
from ilot.tenancy.models import User
from ilot.workflows import access, lifecycle
from ilot.workflows.models import (
    SATISFIED_ITEM_STATUSES,
    ChecklistItem,
    stage_rank,
)
from ilot.workflows.services._shared import MAX_TEXT


def blocking_codes(dossier: Dossier, target: str) -> list[str]:
    """Items not yet satisfied that block entering ``target`` (and every earlier stage)."""
    try:
        rank = stage_rank(target)
    except ValueError:
        return []
    return list(
        ChecklistItem.objects.filter(dossier=dossier, blocks_rank__lte=rank)
        .exclude(status__in=SATISFIED_ITEM_STATUSES)
        .order_by("position")
        .values_list("code", flat=True)
    )


@transaction.atomic
def dossier_transition(*, actor: User, dossier_id: int, target: str, reason: str = "") -> Dossier:
    """Move the dossier's lifecycle to ``target`` if the actor's role may and nothing blocks.

    Refusals raise ``TransitionRefused`` (409) with the reason and the blocking items. The
    update is optimistic (``WHERE state = current``): two concurrent transitions cannot both
    win; the loser gets a Conflict and nothing changes.
    """
    dossier = dossier_for_actor(actor, dossier_id)
    seat = access.seat_on(actor, dossier)
    if seat.lifecycle_actor is None:
        raise PermissionDenied(_("Votre rôle ne permet pas de faire avancer le dossier."))
    current = dossier.state
    blocking = blocking_codes(dossier, target)
    transition = lifecycle.check_transition(current, target, seat.lifecycle_actor, blocking)
    if (
        transition.target in (lifecycle.State.DECLINED, lifecycle.State.ABANDONED)
        and not (reason or "").strip()
    ):
        raise ValidationFailed(_("Indiquez le motif."), fields={"reason": ["required"]})
    updated = Dossier.objects.filter(pk=dossier.pk, state=current).update(
        state=transition.target.value, updated_at=timezone.now()
    )
    if updated != 1:
        raise Conflict(_("Le dossier a changé entre-temps : rechargez la page."))
    audit_record(
        action="workflows.dossier_transition",
        actor=actor,
        dossier_id=dossier.pk,
        obj=dossier,
        data={
            "transition": transition.name,
            "from": current,
            "to": transition.target.value,
            "role": seat.role,
            "reason": (reason or "")[:MAX_TEXT],
        },
    )
    dossier.state = transition.target.value
    return dossier
