"""The application half of the Chinese walls for dossiers.

Every view, API handler and task reaches a dossier through these functions, which take the
actor. A dossier the actor may not see raises `NotFound`, exactly like one that does not exist.

Need-to-know (architecture brief): bank staff see a dossier only as members of its deal team
(active participants with a bank role) or through an approved, unexpired wall crossing; client
users see their client's dossiers; third parties see only dossiers they are invited to. Platform
administrators and compliance officers see no dossier content through these functions.
"""

from __future__ import annotations

from django.db.models import Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from ilot.core.exceptions import NotFound, PermissionDenied
from ilot.dossiers.models import (
    MANAGING_ROLES,
    Dossier,
    Participant,
    WallCrossing,
    WallCrossingStatus,
)
from ilot.tenancy.models import Membership, OrganisationKind, User


def _visibility_filter(user: User) -> Q:
    participant = Q(participants__user=user, participants__is_active=True)
    client = Q(
        client__memberships__user=user,
        client__memberships__is_active=True,
        client__kind=OrganisationKind.DEVELOPER,
    )
    crossing = Q(
        wall_crossings__user=user,
        wall_crossings__status=WallCrossingStatus.APPROVED,
        wall_crossings__expires_at__gt=timezone.now(),
    )
    return participant | client | crossing


def visible_dossiers(user: User) -> QuerySet[Dossier]:
    """All dossiers the actor may see (distinct ids through a subquery, no duplicates)."""
    if not user.is_authenticated or not user.is_active:
        return Dossier.objects.none()
    ids = Dossier.objects.filter(_visibility_filter(user)).values("id")
    return Dossier.objects.filter(id__in=ids)


def dossier_for_actor(user: User, dossier_id: int | str) -> Dossier:
    """The dossier if the actor may see it; NotFound otherwise (same answer as missing)."""
    try:
        pk = int(dossier_id)
    except (TypeError, ValueError) as exc:
        raise NotFound() from exc
    dossier = (
        visible_dossiers(user)
        .select_related("client", "relationship_manager")
        .filter(pk=pk)
        .first()
    )
    if dossier is None:
        raise NotFound()
    return dossier


def actor_participation(user: User, dossier: Dossier) -> Participant | None:
    return Participant.objects.filter(dossier=dossier, user=user, is_active=True).first()


def actor_is_client_member(user: User, dossier: Dossier) -> bool:
    return Membership.objects.filter(
        user=user, organisation_id=dossier.client_id, is_active=True
    ).exists()


def can_manage_dossier(user: User, dossier: Dossier) -> bool:
    participation = actor_participation(user, dossier)
    return participation is not None and participation.role in MANAGING_ROLES


def dossier_for_manager(user: User, dossier_id: int | str) -> Dossier:
    """A dossier the actor may see AND manage (invite, remove, edit); 403 if only visible."""
    dossier = dossier_for_actor(user, dossier_id)
    if not can_manage_dossier(user, dossier):
        raise PermissionDenied(_("Seule l'équipe bancaire du dossier peut faire cela."))
    return dossier


def can_create_dossier(user: User) -> bool:
    """Bank staff (not platform administrators, not compliance) open dossiers."""
    if not user.is_authenticated or user.is_platform_admin or user.is_compliance_officer:
        return False
    return Membership.objects.filter(
        user=user, is_active=True, organisation__kind=OrganisationKind.BANK
    ).exists()


def active_wall_crossing(user: User, dossier: Dossier) -> WallCrossing | None:
    return WallCrossing.objects.filter(
        user=user,
        dossier=dossier,
        status=WallCrossingStatus.APPROVED,
        expires_at__gt=timezone.now(),
    ).first()
