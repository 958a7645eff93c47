"""Tasks and their comments."""

from __future__ import annotations

from datetime import date

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from ilot.audit.services import audit_record
from ilot.core.exceptions import PermissionDenied, ValidationFailed
from ilot.dossiers.access import dossier_for_actor
from ilot.dossiers.models import Participant
from ilot.tenancy.models import User
from ilot.workflows import access
from ilot.workflows.models import (
    OPEN_TASK_STATUSES,
    Task,
    TaskComment,
    TaskStatus,
)
from ilot.workflows.services._shared import MAX_TEXT, today
from ilot.workflows.templates import Party


@transaction.atomic
def task_create(
    *,
    actor: User,
    dossier_id: int,
    title: str,
    due_date: date | None = None,
    owner_user_id: int | None = None,
    owner_party: str = "",
    description: str = "",
) -> Task:
    dossier = dossier_for_actor(actor, dossier_id)
    seat = access.seat_on(actor, dossier)
    if seat.party is None:
        raise PermissionDenied(_("Seuls les participants du dossier créent des tâches."))
    errors: dict[str, list[str]] = {}
    title = (title or "").strip()
    if not title or len(title) > 300:
        errors["title"] = [_("Un titre de 1 à 300 caractères est requis.")]
    if due_date is not None and due_date < today():
        errors["due_date"] = [_("L'échéance ne peut pas être dans le passé.")]
    if owner_party and owner_party not in {p.value for p in Party}:
        errors["owner_party"] = [_("Partie inconnue.")]
    if (
        owner_user_id is not None
        and not Participant.objects.filter(
            dossier=dossier, user_id=owner_user_id, is_active=True
        ).exists()
    ):
        errors["owner_user_id"] = [_("Le responsable doit participer au dossier.")]
    if owner_user_id is None and not owner_party:
        owner_user_id = actor.pk
    if errors:
        raise ValidationFailed(_("La tâche n'a pas été créée."), fields=errors)
    task = Task.objects.create(
        dossier=dossier,
        title=title,
        description=(description or "")[:MAX_TEXT],
        owner_user_id=owner_user_id,
        owner_party=owner_party,
        due_date=due_date,
        created_by=actor,
    )
    audit_record(
        action="workflows.task_created",
        actor=actor,
        dossier_id=dossier.pk,
        obj=task,
        data={"title": title, "owner_user": owner_user_id, "owner_party": owner_party},
    )
    return task


def _may_act_on_task(actor: User, seat: access.Seat, task: Task) -> bool:
    if seat.is_bank or task.owner_user_id == actor.pk or task.created_by_id == actor.pk:
        return True
    return (
        bool(task.owner_party) and seat.party is not None and seat.party.value == task.owner_party
    )


@transaction.atomic
def task_set_status(*, actor: User, task_id: int, status: str) -> Task:
    task = access.task_for_actor(actor, task_id)
    if status not in TaskStatus.values:
        raise ValidationFailed(_("Statut inconnu."), fields={"status": ["unknown"]})
    seat = access.seat_on(actor, task.dossier)
    if not _may_act_on_task(actor, seat, task):
        raise PermissionDenied(_("Cette tâche ne vous est pas attribuée."))
    previous = task.status
    task.status = status
    if status == TaskStatus.DONE:
        task.completed_at, task.completed_by = timezone.now(), actor
    elif status in OPEN_TASK_STATUSES:
        task.completed_at, task.completed_by = None, None
    task.save()
    audit_record(
        action="workflows.task_status",
        actor=actor,
        dossier_id=task.dossier_id,
        obj=task,
        data={"from": previous, "to": status},
    )
    return task


@transaction.atomic
def task_comment_add(*, actor: User, task_id: int, body: str) -> TaskComment:
    task = access.task_for_actor(actor, task_id)
    body = (body or "").strip()
    if not body:
        raise ValidationFailed(_("Le commentaire est vide."), fields={"body": ["required"]})
    if access.seat_on(actor, task.dossier).party is None:
        raise PermissionDenied(_("Seuls les participants du dossier commentent."))
    comment = TaskComment.objects.create(
        dossier_id=task.dossier_id, task=task, author=actor, body=body[:MAX_TEXT]
    )
    audit_record(
        action="workflows.task_commented",
        actor=actor,
        dossier_id=task.dossier_id,
        obj=comment,
        data={"task": task.pk},
    )
    return comment
