"""API of the workflows app, mounted under /api/v1 with full paths, inside the walls.

Access comes first in every handler: a dossier or item outside the actor's wall answers 404
before the body is even looked at, so a forbidden id and a missing one cannot be told apart.
Bodies therefore have lenient schemas (defaults), and the services validate them.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from django.http import HttpRequest
from ninja import Router, Schema

from ilot.dossiers.access import dossier_for_actor
from ilot.workflows import selectors, services

router = Router(tags=["workflows"])


class ChecklistItemOut(Schema):
    id: int
    code: str
    kind: str
    label_fr: str
    label_en: str
    categories: list[str]
    responsible: str
    blocks: str
    due_date: date | None
    due_note: str
    status: str
    requires_validation: bool
    critical: bool
    document_id: int | None
    rejection_reason: str
    lift_requested_by_id: int | None
    decided_at: datetime | None


class DeadlineOut(Schema):
    code: str
    label_fr: str
    label_en: str
    due_date: date
    nominal_date: date
    legal_ref: str
    depends_on: list[dict[str, Any]]
    extended: bool
    extension_note: str
    non_business_day: str


class ChecklistOut(Schema):
    dossier_id: int
    state: str
    items: list[ChecklistItemOut]
    deadlines: list[DeadlineOut]


class CommentOut(Schema):
    id: int
    author_id: int | None
    body: str
    created_at: datetime


class TaskOut(Schema):
    id: int
    title: str
    description: str
    owner_user_id: int | None
    owner_party: str
    due_date: date | None
    status: str
    source: str
    checklist_item_id: int | None
    created_at: datetime
    comments: list[CommentOut]


class ActionOut(Schema):
    kind: str
    id: int
    dossier_id: int
    dossier_reference: str
    dossier_name: str
    client_name: str
    title: str
    due_date: date | None
    overdue: bool
    non_business_day: str | None
    status: str
    party: str
    url: str


class TransitionIn(Schema):
    target: str = ""
    reason: str = ""


class DossierStateOut(Schema):
    id: int
    state: str


class ValidateIn(Schema):
    note: str = ""


class RejectIn(Schema):
    reason: str = ""


class TaskIn(Schema):
    title: str = ""
    due_date: date | None = None
    owner_user_id: int | None = None
    owner_party: str = ""
    description: str = ""


@router.get("/dossiers/{dossier_id}/checklist", response=ChecklistOut)
def get_checklist(request: HttpRequest, dossier_id: int) -> Any:
    user: Any = request.user
    dossier = dossier_for_actor(user, dossier_id)
    services.checklist_ensure(actor=user, dossier=dossier)
    items = selectors.dossier_checklist(actor=user, dossier_id=dossier.pk)
    return {
        "dossier_id": dossier.pk,
        "state": dossier.state,
        "items": list(items.order_by("position")),
        "deadlines": list(selectors.dossier_deadlines(actor=user, dossier_id=dossier_id)),
    }


@router.get("/dossiers/{dossier_id}/tasks", response=list[TaskOut])
def get_tasks(request: HttpRequest, dossier_id: int) -> Any:
    return list(selectors.dossier_tasks(actor=request.user, dossier_id=dossier_id))  # type: ignore[arg-type]


@router.post("/dossiers/{dossier_id}/tasks", response={201: TaskOut})
def post_task(request: HttpRequest, dossier_id: int, payload: TaskIn) -> Any:
    task = services.task_create(
        actor=request.user,  # type: ignore[arg-type]
        dossier_id=dossier_id,
        title=payload.title,
        due_date=payload.due_date,
        owner_user_id=payload.owner_user_id,
        owner_party=payload.owner_party,
        description=payload.description,
    )
    return 201, task


@router.post("/dossiers/{dossier_id}/transition", response=DossierStateOut)
def post_transition(request: HttpRequest, dossier_id: int, payload: TransitionIn) -> Any:
    return services.dossier_transition(
        actor=request.user,  # type: ignore[arg-type]
        dossier_id=dossier_id,
        target=payload.target,
        reason=payload.reason,
    )


@router.post("/checklist-items/{item_id}/validate", response=ChecklistItemOut)
def post_validate(request: HttpRequest, item_id: int, payload: ValidateIn) -> Any:
    return services.checklist_item_validate(
        actor=request.user,  # type: ignore[arg-type]
        item_id=item_id,
        note=payload.note,
    )


@router.post("/checklist-items/{item_id}/reject", response=ChecklistItemOut)
def post_reject(request: HttpRequest, item_id: int, payload: RejectIn) -> Any:
    return services.checklist_item_reject(
        actor=request.user,  # type: ignore[arg-type]
        item_id=item_id,
        reason=payload.reason,
    )


@router.get("/me/actions", response=list[ActionOut])
def get_my_actions(
    request: HttpRequest,
    dossier_id: int | None = None,
    client_id: int | None = None,
    kind: str = "",
    party: str = "",
) -> Any:
    filters = selectors.ActionFilters(
        dossier_id=dossier_id, client_id=client_id, kind=kind, party=party
    )
    return selectors.my_actions(actor=request.user, filters=filters)  # type: ignore[arg-type]
