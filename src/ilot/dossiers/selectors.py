"""Reads on dossiers, always starting from what the actor may see."""

from __future__ import annotations

from django.db.models import Count, Q, QuerySet

from ilot.dossiers.access import dossier_for_actor, visible_dossiers
from ilot.dossiers.models import Dossier, Invitation, InvitationStatus, Participant
from ilot.tenancy.models import User


def dossier_list(
    *, actor: User, search: str = "", state: str = "", client_id: int | None = None
) -> QuerySet[Dossier]:
    queryset = (
        visible_dossiers(actor)
        .select_related("client", "relationship_manager")
        .annotate(participant_count=Count("participants", filter=Q(participants__is_active=True)))
        .order_by("-created_at")
    )
    if search:
        queryset = queryset.filter(
            Q(name__icontains=search)
            | Q(reference__icontains=search)
            | Q(sccv_name__icontains=search)
            | Q(city__icontains=search)
        )
    if state:
        queryset = queryset.filter(state=state)
    if client_id:
        queryset = queryset.filter(client_id=client_id)
    return queryset


def dossier_participants(*, actor: User, dossier_id: int) -> QuerySet[Participant]:
    dossier = dossier_for_actor(actor, dossier_id)
    return (
        Participant.objects.filter(dossier=dossier, is_active=True)
        .select_related("user", "organisation")
        .order_by("role", "user__email")
    )


def dossier_pending_invitations(*, actor: User, dossier_id: int) -> QuerySet[Invitation]:
    dossier = dossier_for_actor(actor, dossier_id)
    return Invitation.objects.filter(dossier=dossier, status=InvitationStatus.PENDING).order_by(
        "-created_at"
    )
