"""Who may see and do what on workflow rows. Missing and forbidden are the same ``NotFound``.

Rows of a dossier are reached only through the dossier's own access function
(``ilot.dossiers.access.dossier_for_actor``), so the wall is decided in one place; this module
adds what a participant may *do* once inside (validate, reject, move the lifecycle), from the
participant's role mapped onto the template's parties and the lifecycle's actors.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Q
from django.utils.translation import gettext as _

from ilot.core.exceptions import NotFound, PermissionDenied
from ilot.dossiers.access import dossier_for_actor, visible_dossiers
from ilot.dossiers.models import BANK_ROLES, Dossier, Participant, ParticipantRole
from ilot.tenancy.models import Membership, MembershipRole, OrganisationKind, User
from ilot.workflows.lifecycle import Actor
from ilot.workflows.models import ChecklistItem, Task
from ilot.workflows.templates import Party

ROLE_TO_PARTY: dict[str, Party] = {
    ParticipantRole.RELATIONSHIP_MANAGER: Party.BANK,
    ParticipantRole.CREDIT_ANALYST: Party.BANK,
    ParticipantRole.MIDDLE_OFFICE: Party.BANK,
    ParticipantRole.BANK_LAWYER: Party.BANK,
    ParticipantRole.DEVELOPER: Party.DEVELOPER,
    ParticipantRole.NOTARY: Party.NOTARY,
    ParticipantRole.LAWYER: Party.LAWYER,
    ParticipantRole.ARCHITECT: Party.ARCHITECT,
    ParticipantRole.INSURER: Party.INSURER,
}
PARTY_ROLES: dict[Party, tuple[str, ...]] = {
    party: tuple(str(r) for r, p in ROLE_TO_PARTY.items() if p is party) for party in Party
}


@dataclass(frozen=True)
class Seat:
    """The actor's place on one dossier: party (for items and tasks), lifecycle actor (for
    transitions), and whether they belong to the bank's deal team."""

    party: Party | None
    lifecycle_actor: Actor | None
    role: str | None

    @property
    def is_bank(self) -> bool:
        return self.party is Party.BANK


def seat_on(user: User, dossier: Dossier) -> Seat:
    participation = (
        Participant.objects.filter(dossier=dossier, user=user, is_active=True)
        .values_list("role", flat=True)
        .first()
    )
    if participation is not None:
        role = str(participation)
        try:
            lifecycle_actor: Actor | None = Actor(role)
        except ValueError:
            lifecycle_actor = None
        return Seat(ROLE_TO_PARTY.get(role), lifecycle_actor, role)
    # A member of the client organisation who is not seated acts as the developer.
    if Membership.objects.filter(
        user=user, organisation_id=dossier.client_id, is_active=True
    ).exists():
        return Seat(Party.DEVELOPER, Actor.DEVELOPER, ParticipantRole.DEVELOPER)
    return Seat(None, None, None)


def require_bank(user: User, dossier: Dossier) -> Seat:
    seat = seat_on(user, dossier)
    if not seat.is_bank:
        raise PermissionDenied(_("Seule l'équipe bancaire du dossier peut faire cela."))
    return seat


def item_for_actor(user: User, item_id: int | str) -> ChecklistItem:
    """A checklist item of a dossier the actor may see; NotFound otherwise."""
    try:
        pk = int(item_id)
    except (TypeError, ValueError) as exc:
        raise NotFound() from exc
    item = (
        ChecklistItem.objects.select_related("dossier", "dossier__client")
        .filter(pk=pk, dossier__in=visible_dossiers(user).values("id"))
        .first()
    )
    if item is None:
        raise NotFound()
    return item


def task_for_actor(user: User, task_id: int | str) -> Task:
    try:
        pk = int(task_id)
    except (TypeError, ValueError) as exc:
        raise NotFound() from exc
    task = (
        Task.objects.select_related("dossier", "owner_user")
        .filter(pk=pk, dossier__in=visible_dossiers(user).values("id"))
        .first()
    )
    if task is None:
        raise NotFound()
    return task


def item_in_dossier(user: User, dossier_id: int | str, item_id: int | str) -> ChecklistItem:
    """For web routes that carry both ids: the item must belong to that (visible) dossier."""
    dossier = dossier_for_actor(user, dossier_id)
    item = item_for_actor(user, item_id)
    if item.dossier_id != dossier.pk:
        raise NotFound()
    return item


def task_in_dossier(user: User, dossier_id: int | str, task_id: int | str) -> Task:
    dossier = dossier_for_actor(user, dossier_id)
    task = task_for_actor(user, task_id)
    if task.dossier_id != dossier.pk:
        raise NotFound()
    return task


def is_bank_staff(user: User) -> bool:
    """A bank employee who works on dossiers (not the platform admin, not compliance)."""
    if not user.is_authenticated or user.is_platform_admin or user.is_compliance_officer:
        return False
    return Membership.objects.filter(
        user=user, is_active=True, organisation__kind=OrganisationKind.BANK
    ).exists()


def can_view_portfolio(user: User) -> bool:
    return is_bank_staff(user)


def can_edit_templates(user: User) -> bool:
    """Templates are bank data, not client content: the platform administrator and the bank's
    organisation administrators and managers edit them."""
    if not user.is_authenticated:
        return False
    if user.is_platform_admin:
        return True
    return Membership.objects.filter(
        Q(role=MembershipRole.ADMIN) | Q(role=MembershipRole.MANAGER),
        user=user,
        is_active=True,
        organisation__kind=OrganisationKind.BANK,
    ).exists()


def bank_roles() -> tuple[str, ...]:
    return tuple(str(r) for r in BANK_ROLES)
