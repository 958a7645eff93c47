"""Writes of the workflows app: checklists, conditions precedent, tasks, facts and deadlines,
lifecycle transitions, templates, preferences and calendar tokens.

Every function is ``<entity>_<verb>(*, actor, ...)``, atomic, and audited in the same
transaction; e-mails go out with ``transaction.on_commit``. The pure engines (``templates``,
``planning``, ``deadlines``, ``lifecycle``) decide; these functions load, call them, and store.
The reminder sweep (:func:`reminders_run`) is at the end.
"""

from __future__ import annotations

import secrets
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from importlib import resources
from typing import Any

import yaml
from django.conf import settings
from django.core.mail import send_mail
from django.db import connection, transaction
from django.db.models import Q
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from ilot.audit.services import audit_record
from ilot.core import rls
from ilot.core.exceptions import Conflict, NotFound, PermissionDenied, ValidationFailed
from ilot.dossiers.access import dossier_for_actor
from ilot.dossiers.models import Dossier, Participant
from ilot.tenancy.models import User
from ilot.workflows import access, deadlines, lifecycle, planning, reminders, templates
from ilot.workflows.exceptions import TemplateInvalid, TemplateProblem
from ilot.workflows.models import (
    OPEN_TASK_STATUSES,
    SATISFIED_ITEM_STATUSES,
    TO_PROVIDE_STATUSES,
    CalendarToken,
    ChecklistItem,
    ChecklistTemplate,
    ChecklistTemplateVersion,
    Deadline,
    DossierFact,
    ItemStatus,
    Notification,
    NotificationPreference,
    ReminderLog,
    Task,
    TaskComment,
    TaskSource,
    TaskStatus,
    stage_rank,
)
from ilot.workflows.reminders import today_in_paris
from ilot.workflows.templates import ItemKind, Party

REJECTION_TASK_DAYS = 5
MAX_TEXT = 5000


def today() -> date:
    return today_in_paris(timezone.now())


# --- templates ------------------------------------------------------------------------------------


def template_default_version() -> ChecklistTemplateVersion:
    """The latest version of the default template, seeded from the shipped YAML on first use.

    Templates are bank data (no dossier): no wall applies, any actor may read them.
    """
    template = ChecklistTemplate.objects.filter(is_default=True).first()
    if template is not None:
        version = template.latest_version()
        if version is not None:
            return version
    parsed = templates.load_default_template()
    with transaction.atomic():
        template, _created = ChecklistTemplate.objects.get_or_create(
            code=parsed.code,
            defaults={"name_fr": parsed.name_fr, "name_en": parsed.name_en, "is_default": True},
        )
        version = template.latest_version()
        if version is None:
            text = (
                resources.files("ilot.workflows")
                .joinpath("data/default_template.yaml")
                .read_text("utf-8")
            )
            version = ChecklistTemplateVersion.objects.create(
                template=template,
                version=parsed.version,
                content=templates.template_to_data(parsed),
                content_hash=parsed.content_hash,
                source_text=text,
            )
    return version


def parsed_version(version: ChecklistTemplateVersion) -> templates.Template:
    return templates.parse_template(version.content)


@transaction.atomic
def checklist_template_revise(
    *, actor: User, template_id: int, text: str
) -> tuple[ChecklistTemplateVersion, bool]:
    """Save an edited template (YAML or JSON text). Returns (version, created).

    Invalid text raises ``TemplateInvalid`` listing every problem; nothing is written. An edit
    never touches a dossier: it creates a new version, and live dossiers keep theirs.
    """
    if not access.can_edit_templates(actor):
        raise PermissionDenied(_("Seuls les administrateurs de la banque modifient les modèles."))
    template = ChecklistTemplate.objects.select_for_update().filter(pk=template_id).first()
    if template is None:
        raise NotFound()
    current_version = template.latest_version()
    if current_version is None:
        raise NotFound()
    current = parsed_version(current_version)
    try:
        data = yaml.safe_load(text or "")
    except yaml.YAMLError as exc:
        raise TemplateInvalid(
            [TemplateProblem("$", "bad_yaml", f"not valid YAML: {exc}")]
        ) from None
    if not isinstance(data, dict):
        raise TemplateInvalid([TemplateProblem("$", "bad_field", "a template must be a mapping")])
    revised = templates.revise(current, data)
    if revised is current:
        return current_version, False
    version = ChecklistTemplateVersion.objects.create(
        template=template,
        version=revised.version,
        content=templates.template_to_data(revised),
        content_hash=revised.content_hash,
        source_text=text,
        created_by=actor,
    )
    template.name_fr, template.name_en = revised.name_fr, revised.name_en
    template.save(update_fields=["name_fr", "name_en", "updated_at"])
    audit_record(
        action="workflows.template_revised",
        actor=actor,
        obj=version,
        data={"template": template.code, "version": version.version, "hash": version.content_hash},
    )
    return version, True


# --- checklist generation -------------------------------------------------------------------------


def _dossier_facts(dossier_id: int) -> dict[str, date]:
    return dict(DossierFact.objects.filter(dossier_id=dossier_id).values_list("code", "value"))


def _created_on(dossier: Dossier) -> date:
    return today_in_paris(dossier.created_at) if dossier.created_at else today()


def _item_row(
    dossier: Dossier, version: ChecklistTemplateVersion, position: int, planned: Any
) -> ChecklistItem:
    item: templates.TemplateItem = planned.item
    validity: dict[str, Any] = {}
    if item.validity is not None:
        if item.validity.max_age_days:
            validity["max_age_days"] = item.validity.max_age_days
        if item.validity.match_siren:
            validity["match_siren"] = True
    return ChecklistItem(
        dossier=dossier,
        template_version=version,
        code=item.code,
        position=position,
        kind=item.kind.value,
        label_fr=item.label_fr,
        label_en=item.label_en,
        categories=list(item.categories),
        responsible=item.responsible.value,
        blocks=item.blocks.value,
        blocks_rank=stage_rank(item.blocks.value),
        due_after=item.due.after if item.due else "",
        due_date=planned.due_date,
        due_note=(planned.due_note or "")[:200],
        validity=validity,
        requires_validation=item.requires_bank_validation,
        critical=item.critical,
        depends_on=list(item.depends_on),
        params=dict(item.params),
    )


def checklist_instantiate(
    *, actor: User, dossier: Dossier, version: ChecklistTemplateVersion | None = None
) -> int:
    """Generate the dossier's checklist from a template version (default: the latest default).

    Idempotent: items already there are kept (unique on dossier and code), so running it twice,
    or concurrently, creates each item once. Returns how many items were created. Call it in
    the dossier creation transaction; it also runs lazily the first time a checklist is read.
    """
    with transaction.atomic():
        if ChecklistItem.objects.filter(dossier=dossier).exists():
            return 0
        version = version or template_default_version()
        template = parsed_version(version)
        planned = planning.plan_items(
            template, created_on=_created_on(dossier), facts=_dossier_facts(dossier.pk)
        )
        rows = [_item_row(dossier, version, i, p) for i, p in enumerate(planned)]
        ChecklistItem.objects.bulk_create(rows, ignore_conflicts=True)
        created = ChecklistItem.objects.filter(dossier=dossier).count()
        audit_record(
            action="workflows.checklist_generated",
            actor=actor,
            dossier_id=dossier.pk,
            object_type="workflows.checklisttemplateversion",
            object_id=version.pk,
            data={"template": template.code, "version": version.version, "items": created},
        )
        return created


def checklist_ensure(*, actor: User, dossier: Dossier) -> None:
    """Lazy generation for dossiers created before the creation hook existed."""
    if not ChecklistItem.objects.filter(dossier=dossier).exists():
        checklist_instantiate(actor=actor, dossier=dossier)


# --- documents, validation, rejection -------------------------------------------------------------


def _document_dossier_id(document_id: int) -> int | bool | None:
    """The dossier of a document, read from the documents app's table if it exists.

    Returns False when the documents table is not installed (the link stays loose), None when
    the document is unknown *or* invisible to the actor (RLS applies to this read too).
    """
    table = "documents_document"
    if table not in connection.introspection.table_names():
        return False
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT dossier_id FROM {connection.ops.quote_name(table)} WHERE id = %s",  # noqa: S608
            [document_id],
        )
        row = cursor.fetchone()
    return None if row is None else int(row[0])


def _check_document(item: ChecklistItem, document_id: int) -> None:
    owner = _document_dossier_id(document_id)
    if owner is False:
        return
    if owner is None or owner != item.dossier_id:
        raise ValidationFailed(
            _("Ce document n'appartient pas à ce dossier."), fields={"document_id": ["foreign"]}
        )


def _template_item(item: ChecklistItem) -> templates.TemplateItem:
    validity = None
    if item.validity:
        validity = templates.ValidityRule(
            item.validity.get("max_age_days"), bool(item.validity.get("match_siren"))
        )
    return templates.TemplateItem(
        code=item.code,
        kind=ItemKind(item.kind),
        label_fr=item.label_fr,
        label_en=item.label_en,
        categories=tuple(item.categories),
        responsible=Party(item.responsible),
        blocks=lifecycle.State(item.blocks),
        validity=validity,
        requires_bank_validation=item.requires_validation,
        critical=item.critical,
    )


def _may_provide(seat: access.Seat, item: ChecklistItem) -> bool:
    return seat.is_bank or (seat.party is not None and seat.party.value == item.responsible)


@transaction.atomic
def checklist_item_link_document(
    *,
    actor: User,
    item_id: int,
    document_id: int,
    category: str = "",
    siren: str = "",
    issued_on: date | None = None,
    uploaded_by: User | None = None,
) -> ChecklistItem:
    """Link a document to an item (by hand, or from the document pipeline).

    Checks, before writing anything: the document belongs to the item's dossier, its category
    is one the item accepts, and it passes the item's validity rule (age, SIREN of the SCCV).
    The item becomes "received — to validate", or validated at once if the bank does not
    validate this item. A Kbis issue date is recorded as a fact (its expiry becomes a deadline).
    """
    item = access.item_for_actor(actor, item_id)
    seat = access.seat_on(actor, item.dossier)
    if not _may_provide(seat, item):
        raise PermissionDenied(_("Vous n'êtes pas responsable de cette pièce."))
    if item.status in SATISFIED_ITEM_STATUSES:
        raise Conflict(_("Cette pièce est déjà validée."), code="already_validated")
    if category and item.categories and category not in item.categories:
        raise ValidationFailed(
            _("Catégorie %(cat)s non attendue pour cette pièce (attendu : %(expected)s).")
            % {"cat": category, "expected": ", ".join(item.categories)},
            fields={"category": ["unexpected"]},
        )
    _check_document(item, document_id)
    problem = planning.validity_problem(
        _template_item(item),
        issued_on=issued_on,
        today=today(),
        document_siren=siren or None,
        expected_siren=item.dossier.sccv_siren,
    )
    if problem:
        raise ValidationFailed(
            _("Document non conforme : %(why)s") % {"why": problem},
            fields={"document_id": [problem]},
        )
    now = timezone.now()
    item.document_id = document_id
    item.document_category = category or (item.categories[0] if item.categories else "")
    item.document_siren = siren[:9]
    item.document_issued_on = issued_on
    item.received_at = now
    item.received_by = uploaded_by or actor
    item.rejection_reason = ""
    item.status = ItemStatus.RECEIVED if item.requires_validation else ItemStatus.VALIDATED
    if not item.requires_validation:
        item.decided_at, item.decided_by = now, actor
    item.save()
    audit_record(
        action="workflows.item_received",
        actor=actor,
        dossier_id=item.dossier_id,
        obj=item,
        data={"code": item.code, "document_id": document_id, "status": item.status},
    )
    if issued_on is not None and "KBIS" in item.categories and item.validity.get("match_siren"):
        _fact_upsert(
            actor=actor, dossier=item.dossier, code=deadlines.KBIS_ISSUE_DATE, value=issued_on
        )
    return item


def checklist_document_received(
    *,
    actor: User,
    dossier_id: int,
    document_id: int,
    category: str,
    siren: str = "",
    issued_on: date | None = None,
    uploaded_by: User | None = None,
) -> ChecklistItem | None:
    """The checklist ticking itself: the first open item expecting ``category`` that the
    document satisfies gets it; None if no item wants it (or it fails every rule). Called by
    the document pipeline once a document is classified."""
    dossier = dossier_for_actor(actor, dossier_id)
    # JSON containment is not portable (SQLite): a dossier has a few dozen items, filter here.
    candidates = ChecklistItem.objects.filter(
        dossier=dossier, status__in=(ItemStatus.EXPECTED, ItemStatus.REJECTED)
    ).order_by("position")
    for item in candidates:
        if category not in item.categories:
            continue
        try:
            with transaction.atomic():
                return checklist_item_link_document(
                    actor=actor,
                    item_id=item.pk,
                    document_id=document_id,
                    category=category,
                    siren=siren,
                    issued_on=issued_on,
                    uploaded_by=uploaded_by,
                )
        except (ValidationFailed, PermissionDenied, Conflict):
            continue
    return None


def _notify(
    *, users: Iterable[int], dossier: Dossier, kind: str, title: str, body: str, url: str
) -> None:
    Notification.objects.bulk_create(
        [
            Notification(user_id=uid, dossier=dossier, kind=kind, title=title, body=body, url=url)
            for uid in sorted(set(users))
        ]
    )


def _mail_on_commit(user_ids: Iterable[int], subject: str, body: str) -> None:
    emails = list(
        User.objects.filter(pk__in=list(user_ids), is_active=True).values_list("email", flat=True)
    )
    if emails:
        transaction.on_commit(lambda: send_mail(subject, body, None, emails, fail_silently=True))


@transaction.atomic
def checklist_item_validate(*, actor: User, item_id: int, note: str = "") -> ChecklistItem:
    """A bank user validates a received item, or lifts a condition precedent.

    Critical items need four eyes: the first bank user's validation records a lifting request,
    a second, different bank user's validation lifts it.
    """
    item = access.item_for_actor(actor, item_id)
    access.require_bank(actor, item.dossier)
    item = ChecklistItem.objects.select_for_update().get(pk=item.pk)
    if item.status in SATISFIED_ITEM_STATUSES:
        raise Conflict(_("Cette pièce est déjà validée."), code="already_validated")
    if item.kind == ItemKind.DOCUMENT and item.status != ItemStatus.RECEIVED:
        raise Conflict(
            _("Aucun document reçu à valider pour cette pièce."), code="nothing_to_validate"
        )
    now = timezone.now()
    if item.critical:
        if item.lift_requested_by_id is None:
            item.lift_requested_by, item.lift_requested_at = actor, now
            item.evidence_note = (note or item.evidence_note)[:MAX_TEXT]
            item.save()
            audit_record(
                action="workflows.item_lift_requested",
                actor=actor,
                dossier_id=item.dossier_id,
                obj=item,
                data={"code": item.code},
            )
            return item
        if item.lift_requested_by_id == actor.pk:
            raise PermissionDenied(
                _("Quatre yeux : un second utilisateur de la banque doit approuver la levée.")
            )
    item.status = ItemStatus.VALIDATED
    item.decided_by, item.decided_at = actor, now
    if note:
        item.evidence_note = note[:MAX_TEXT]
    item.save()
    audit_record(
        action="workflows.item_validated",
        actor=actor,
        dossier_id=item.dossier_id,
        obj=item,
        data={
            "code": item.code,
            "requested_by": item.lift_requested_by_id,
            "four_eyes": item.critical,
        },
    )
    return item


@transaction.atomic
def checklist_item_reject(*, actor: User, item_id: int, reason: str) -> ChecklistItem:
    """A bank user rejects a received document with a reason: the uploader is notified (in the
    app and by e-mail) and the responsible party gets a task to provide a new one."""
    reason = (reason or "").strip()
    if not reason:
        raise ValidationFailed(_("Indiquez le motif du refus."), fields={"reason": ["required"]})
    item = access.item_for_actor(actor, item_id)
    access.require_bank(actor, item.dossier)
    item = ChecklistItem.objects.select_for_update().select_related("dossier").get(pk=item.pk)
    if item.status != ItemStatus.RECEIVED:
        raise Conflict(_("Seule une pièce reçue peut être refusée."), code="not_received")
    item.status = ItemStatus.REJECTED
    item.rejection_reason = reason[:MAX_TEXT]
    item.decided_by, item.decided_at = actor, timezone.now()
    item.lift_requested_by, item.lift_requested_at = None, None
    item.save()
    due = planning_next_business_day(today() + timedelta(days=REJECTION_TASK_DAYS))
    task = Task.objects.create(
        dossier=item.dossier,
        title=_("Fournir à nouveau : %(label)s") % {"label": item.label_fr},
        description=_("Pièce refusée par la banque. Motif : %(reason)s") % {"reason": reason},
        owner_party=item.responsible,
        due_date=due,
        source=TaskSource.REJECTION,
        checklist_item=item,
        created_by=actor,
    )
    audit_record(
        action="workflows.item_rejected",
        actor=actor,
        dossier_id=item.dossier_id,
        obj=item,
        data={"code": item.code, "reason": item.rejection_reason, "task": task.pk},
    )
    url = f"/dossiers/{item.dossier_id}/checklist/"
    title = _("Pièce refusée : %(label)s") % {"label": item.label_fr}
    recipients = [item.received_by_id] if item.received_by_id else []
    if recipients:
        _notify(
            users=recipients,
            dossier=item.dossier,
            kind="item_rejected",
            title=title,
            body=reason,
            url=url,
        )
        _mail_on_commit(
            recipients,
            f"[Ilot] {title}",
            _("Dossier %(ref)s — %(label)s\nMotif du refus : %(reason)s\n%(url)s")
            % {"ref": item.dossier.reference, "label": item.label_fr, "reason": reason, "url": url},
        )
    return item


@transaction.atomic
def checklist_item_waive(*, actor: User, item_id: int, reason: str) -> ChecklistItem:
    """The bank waives an item (not needed for this operation); the reason is kept."""
    reason = (reason or "").strip()
    if not reason:
        raise ValidationFailed(_("Indiquez le motif."), fields={"reason": ["required"]})
    item = access.item_for_actor(actor, item_id)
    access.require_bank(actor, item.dossier)
    if item.critical:
        raise PermissionDenied(_("Une condition critique ne peut pas être levée sans pièce."))
    if item.status in SATISFIED_ITEM_STATUSES:
        raise Conflict(_("Cette pièce est déjà validée."), code="already_validated")
    item.status = ItemStatus.WAIVED
    item.evidence_note = reason[:MAX_TEXT]
    item.decided_by, item.decided_at = actor, timezone.now()
    item.save()
    audit_record(
        action="workflows.item_waived",
        actor=actor,
        dossier_id=item.dossier_id,
        obj=item,
        data={"code": item.code, "reason": item.evidence_note},
    )
    return item


def planning_next_business_day(d: date) -> date:
    from ilot.workflows import calendar_fr

    return calendar_fr.next_business_day(d, include_self=True)


# --- tasks ----------------------------------------------------------------------------------------


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


# --- facts and deadlines --------------------------------------------------------------------------

KNOWN_FACTS: dict[str, str] = {
    deadlines.PERMIT_POSTING_DATE: "Début de l'affichage continu du permis sur le terrain",
    deadlines.PERMIT_SIGNATURE_DATE: "Date de l'arrêté de permis de construire",
    deadlines.KBIS_ISSUE_DATE: "Date de délivrance du Kbis de la SCCV",
    deadlines.OFFER_DATE: "Date d'émission de l'offre de crédit",
}
_EARLIEST_FACT = date(2000, 1, 1)


def _recompute(dossier: Dossier, *, replan_all: bool = False) -> None:
    """Replace the dossier's deadline rows, and re-plan the due dates of items whose rule waits
    on a fact or a deadline (their base may have just become known or moved); with
    ``replan_all``, items due after the dossier's creation too."""
    facts = _dossier_facts(dossier.pk)
    computed = deadlines.compute_deadlines(facts)
    Deadline.objects.filter(dossier=dossier).exclude(code__in=[c.code for c in computed]).delete()
    for c in computed:
        Deadline.objects.update_or_create(
            dossier=dossier,
            code=c.code,
            defaults={
                "due_date": c.due_date,
                "nominal_date": c.nominal_date,
                "label_fr": c.label_fr,
                "label_en": c.label_en,
                "legal_ref": c.legal_ref[:300],
                "depends_on": [
                    {"name": d.name, "kind": d.kind, "on": d.on.isoformat()} for d in c.depends_on
                ],
                "extended": c.extended,
                "extension_note": (c.extension_note or "")[:300],
                "non_business_day": c.non_business_day or "",
            },
        )
    known: dict[str, date] = dict(facts)
    for c in computed:
        known.setdefault(c.code, c.due_date)
    waiting = (
        ChecklistItem.objects.filter(dossier=dossier, template_version__isnull=False)
        .exclude(due_after="")
        .select_related("template_version")
    )
    if not replan_all:
        waiting = waiting.exclude(due_after=templates.DOSSIER_CREATED)
    plans: dict[int, dict[str, planning.PlannedItem]] = {}
    for item in waiting:
        version = item.template_version
        assert version is not None
        if version.pk not in plans:
            planned = planning.plan_items(
                parsed_version(version), created_on=_created_on(dossier), facts=facts
            )
            plans[version.pk] = {p.item.code: p for p in planned}
        plan = plans[version.pk].get(item.code)
        if plan is None:
            continue
        if plan.due_date != item.due_date:
            item.due_date, item.due_note = plan.due_date, (plan.due_note or "")[:200]
            item.save(update_fields=["due_date", "due_note", "updated_at"])


def _fact_upsert(
    *, actor: User, dossier: Dossier, code: str, value: date, note: str = ""
) -> DossierFact:
    fact, _created = DossierFact.objects.update_or_create(
        dossier=dossier, code=code, defaults={"value": value, "note": note[:300], "set_by": actor}
    )
    audit_record(
        action="workflows.fact_set",
        actor=actor,
        dossier_id=dossier.pk,
        obj=fact,
        data={"code": code, "value": value.isoformat()},
    )
    _recompute(dossier)
    return fact


@transaction.atomic
def dossier_fact_set(
    *, actor: User, dossier_id: int, code: str, value: date, note: str = ""
) -> DossierFact:
    """Record a dated fact (bank team) and recompute the deadlines that depend on it."""
    dossier = dossier_for_actor(actor, dossier_id)
    access.require_bank(actor, dossier)
    if code not in KNOWN_FACTS:
        raise ValidationFailed(
            _("Fait inconnu : %(code)s.") % {"code": code}, fields={"code": ["unknown"]}
        )
    if (
        not isinstance(value, date)
        or value < _EARLIEST_FACT
        or value > today() + timedelta(days=366)
    ):
        raise ValidationFailed(
            _("Date hors limites."), fields={"value": [_("entre 2000 et dans un an au plus")]}
        )
    return _fact_upsert(actor=actor, dossier=dossier, code=code, value=value, note=note)


# --- lifecycle ------------------------------------------------------------------------------------


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


# --- notifications, preferences, calendar ---------------------------------------------------------


@transaction.atomic
def notifications_mark_read(*, actor: User, notification_ids: Sequence[int] | None = None) -> int:
    queryset = Notification.objects.filter(user=actor, read_at__isnull=True)
    if notification_ids is not None:
        queryset = queryset.filter(pk__in=list(notification_ids))
    return queryset.update(read_at=timezone.now())


@transaction.atomic
def preferences_update(
    *, actor: User, digest: bool, upcoming: bool, overdue: bool, escalation: bool
) -> NotificationPreference:
    prefs, _created = NotificationPreference.objects.update_or_create(
        user=actor,
        defaults={
            "digest": digest,
            "upcoming": upcoming,
            "overdue": overdue,
            "escalation": escalation,
        },
    )
    audit_record(
        action="workflows.preferences_updated",
        actor=actor,
        obj=prefs,
        data={"digest": digest, "upcoming": upcoming, "overdue": overdue, "escalation": escalation},
    )
    return prefs


@transaction.atomic
def calendar_token_create(*, actor: User, label: str = "") -> tuple[CalendarToken, str]:
    """A new secret feed URL; the raw token is returned once and never stored."""
    if not actor.is_authenticated or actor.is_platform_admin:
        raise PermissionDenied(_("Pas de calendrier pour ce compte."))
    if CalendarToken.objects.filter(user=actor, revoked_at__isnull=True).count() >= 5:
        raise Conflict(_("Cinq flux actifs au plus : révoquez-en un d'abord."))
    raw = CalendarToken.new_raw_key()
    token = CalendarToken.objects.create(
        user=actor, key_hash=CalendarToken.hash(raw), prefix=raw[:8], label=(label or "")[:100]
    )
    audit_record(action="workflows.calendar_token_created", actor=actor, obj=token)
    return token, raw


@transaction.atomic
def calendar_token_revoke(*, actor: User, token_id: int) -> None:
    updated = CalendarToken.objects.filter(pk=token_id, user=actor, revoked_at__isnull=True).update(
        revoked_at=timezone.now()
    )
    if not updated:
        raise NotFound()
    audit_record(
        action="workflows.calendar_token_revoked",
        actor=actor,
        object_type="workflows.calendartoken",
        object_id=token_id,
    )


def calendar_token_user(raw: str) -> User | None:
    """The user a feed token stands for (the token is the capability), or None."""
    if not raw or len(raw) > 100:
        return None
    token = (
        CalendarToken.objects.select_related("user")
        .filter(key_hash=CalendarToken.hash(raw), revoked_at__isnull=True, user__is_active=True)
        .first()
    )
    if token is None:
        return None
    CalendarToken.objects.filter(pk=token.pk).update(last_used_at=timezone.now())
    return token.user


def system_checklist_instantiate(dossier_id: int) -> int:
    """For loaders and migrations of existing data: generate as the system actor."""
    with rls.as_system():
        dossier = Dossier.objects.get(pk=dossier_id)
        return checklist_instantiate(actor=dossier.created_by, dossier=dossier)


# --- the reminder sweep ---------------------------------------------------------------------------


@dataclass(frozen=True)
class ReminderRun:
    run_id: str
    today: date
    candidates: int
    sent: int
    digests: int
    skipped_already_sent: int


def _reminder_policy() -> reminders.ReminderPolicy:
    return reminders.ReminderPolicy(
        escalate_after_days=int(getattr(settings, "ILOT_REMINDER_ESCALATE_AFTER_DAYS", 3))
    )


def _reminder_items(today_: date, horizon: date) -> list[reminders.ReminderItem]:
    """Open items and tasks due by ``horizon``, one ReminderItem per (row, recipient).

    Four queries whatever the number of dossiers: items, tasks, the seats of the dossiers
    concerned, and nothing per dossier. Runs as the system actor (the caller sets it).
    """
    live = ~Q(dossier__state__in=[s.value for s in lifecycle.TERMINAL])
    item_rows = list(
        ChecklistItem.objects.filter(
            live, status__in=TO_PROVIDE_STATUSES, due_date__lte=horizon
        ).values_list(
            "id",
            "dossier_id",
            "responsible",
            "due_date",
            "label_fr",
            "dossier__relationship_manager_id",
        )
    )
    task_rows = list(
        Task.objects.filter(live, status__in=OPEN_TASK_STATUSES, due_date__lte=horizon).values_list(
            "id",
            "dossier_id",
            "owner_party",
            "due_date",
            "title",
            "dossier__relationship_manager_id",
            "owner_user_id",
        )
    )
    dossier_ids = {r[1] for r in item_rows} | {r[1] for r in task_rows}
    seats: dict[tuple[int, str], list[int]] = defaultdict(list)
    for chunk in _chunks(sorted(dossier_ids), 5000):
        for dossier_id, user_id, role in Participant.objects.filter(
            dossier_id__in=chunk, is_active=True, user__is_active=True
        ).values_list("dossier_id", "user_id", "role"):
            seat_party = access.ROLE_TO_PARTY.get(role)
            if seat_party is not None:
                seats[(dossier_id, seat_party.value)].append(user_id)
    out: list[reminders.ReminderItem] = []
    for pk, dossier_id, responsible, due, title, lead in item_rows:
        assert due is not None  # filtered on due_date__lte
        for user_id in seats.get((dossier_id, responsible), ()):
            out.append(
                reminders.ReminderItem(
                    item_id=f"item:{pk}",
                    owner_id=user_id,
                    due_date=due,
                    is_open=True,
                    title=title,
                    dossier_id=str(dossier_id),
                    escalate_to=lead if lead != user_id else None,
                )
            )
    for pk, dossier_id, owner_party, due, title, lead, owner in task_rows:
        assert due is not None
        owners = [owner] if owner else seats.get((dossier_id, owner_party), [])
        for user_id in owners:
            out.append(
                reminders.ReminderItem(
                    item_id=f"task:{pk}",
                    owner_id=user_id,
                    due_date=due,
                    is_open=True,
                    title=title,
                    dossier_id=str(dossier_id),
                    escalate_to=lead if lead != user_id else None,
                )
            )
    return out


def _chunks(values: Sequence[Any], size: int) -> Iterable[Sequence[Any]]:
    for start in range(0, len(values), size):
        yield values[start : start + size]


DIGEST_LINES = 40  # per section; the rest is a count and a link to "my actions"


def _send_digest(user: User, digest: reminders.Digest, today_: date) -> None:
    sections = {
        name: {"shown": group[:DIGEST_LINES], "more": max(len(group) - DIGEST_LINES, 0)}
        for name, group in (
            ("overdue", digest.overdue),
            ("due_soon", digest.due_soon),
            ("upcoming", digest.upcoming),
            ("escalations", digest.escalations),
        )
    }
    with translation.override(user.language or "fr"):
        subject = _("[Ilot] Vos échéances du %(day)s") % {"day": today_.strftime("%d/%m/%Y")}
        body = render_to_string(
            "workflows/email/digest.txt",
            {"user": user, "s": sections, "today": today_, "base_url": settings.ILOT_BASE_URL},
        )
    send_mail(subject, body, None, [user.email], fail_silently=False)


def reminders_run(
    *, now: datetime | None = None, policy: reminders.ReminderPolicy | None = None
) -> ReminderRun:
    """The daily reminder job: one digest e-mail per user (J-7, J-1, overdue, escalations to the
    dossier lead), plus in-app notifications. Never sends the same reminder twice, and is safe to
    run from several workers at once.

    Each reminder has a deterministic key; a digest first *claims* its keys by inserting them
    with ``ON CONFLICT DO NOTHING`` (``bulk_create(ignore_conflicts=True)``) tagged with this
    run's id, then sends only the keys it actually inserted. A concurrent run inserting the same
    key waits for the first one's commit and then skips it. The sweep reads across dossiers,
    so it runs as the system actor, explicitly.
    """
    now = now or timezone.now()
    policy = policy or _reminder_policy()
    today_ = today_in_paris(now)
    run_id = secrets.token_hex(16)
    horizon = today_ + timedelta(days=policy.upcoming_days)
    with rls.as_system():
        items = _reminder_items(today_, horizon)
        candidates = reminders.select_reminders(items, today_, policy=policy)
        keys = [r.key for r in candidates]
        sent_before: set[str] = set()
        for chunk in _chunks(keys, 5000):
            sent_before.update(
                ReminderLog.objects.filter(key__in=chunk).values_list("key", flat=True)
            )
        recipients = {int(r.recipient_id) for r in candidates}
        prefs = {
            p.user_id: reminders.UserPreferences(p.digest, p.upcoming, p.overdue, p.escalation)
            for p in NotificationPreference.objects.filter(user_id__in=recipients)
        }
        chosen = reminders.select_reminders(
            items, today_, already_sent=sent_before, policy=policy, preferences=prefs
        )
        users = {u.pk: u for u in User.objects.filter(pk__in={int(r.recipient_id) for r in chosen})}
        sent = digests = 0
        for digest in reminders.build_digests(chosen):
            user = users.get(int(digest.recipient_id))
            if user is None:
                continue
            claimed = _claim_and_send(user, digest, today_, run_id)
            sent += claimed
            digests += 1 if claimed else 0
        audit_record(
            action="workflows.reminders_run",
            actor_label="system",
            data={"run": run_id, "day": today_.isoformat(), "sent": sent, "digests": digests},
        )
    return ReminderRun(run_id, today_, len(candidates), sent, digests, len(sent_before))


def _claim(rows: list[tuple[Any, ...]]) -> None:
    """Insert reminder keys, ignoring those already there (another run's, or an earlier one's).

    One ``executemany`` of ``INSERT ... ON CONFLICT (key) DO NOTHING`` (PostgreSQL, and SQLite
    since 3.24): the ORM's bulk_create builds the same statement but costs ten times more in
    Python per row, which matters at year-end volume.
    """
    table = connection.ops.quote_name(ReminderLog._meta.db_table)
    columns = ", ".join(
        connection.ops.quote_name(c)
        for c in (
            "key",
            "recipient_id",
            "dossier_id",
            "item_ref",
            "kind",
            "run_id",
            "sent_on",
            "created_at",
        )
    )
    sql = (
        f"INSERT INTO {table} ({columns}) VALUES (%s, %s, %s, %s, %s, %s, %s, %s) "  # noqa: S608
        f"ON CONFLICT ({connection.ops.quote_name('key')}) DO NOTHING"
    )
    with connection.cursor() as cursor:
        cursor.executemany(sql, rows)


def _claim_and_send(user: User, digest: reminders.Digest, today_: date, run_id: str) -> int:
    groups = (digest.overdue, digest.due_soon, digest.upcoming, digest.escalations)
    wanted = [r for group in groups for r in group]
    now = timezone.now()
    with transaction.atomic():
        _claim(
            [
                (
                    r.key,
                    user.pk,
                    int(r.dossier_id or 0),
                    r.item_id,
                    r.kind.value,
                    run_id,
                    today_,
                    now,
                )
                for r in wanted
            ]
        )
        mine: set[str] = set()
        for chunk in _chunks([r.key for r in wanted], 5000):
            mine.update(
                ReminderLog.objects.filter(key__in=chunk, run_id=run_id).values_list(
                    "key", flat=True
                )
            )
        if not mine:
            return 0
        claimed = reminders.Digest(
            recipient_id=digest.recipient_id,
            overdue=tuple(r for r in digest.overdue if r.key in mine),
            due_soon=tuple(r for r in digest.due_soon if r.key in mine),
            upcoming=tuple(r for r in digest.upcoming if r.key in mine),
            escalations=tuple(r for r in digest.escalations if r.key in mine),
        )
        # In the app: one notification per dossier of the digest, not one per reminder.
        per_dossier: dict[int, dict[str, int]] = defaultdict(lambda: defaultdict(int))
        for kind, group in (
            ("overdue", claimed.overdue),
            ("soon", claimed.due_soon),
            ("escalation", claimed.escalations),
        ):
            for r in group:
                per_dossier[int(r.dossier_id or 0)][kind] += 1
        labels = {
            "overdue": _("en retard"),
            "soon": _("pour demain"),
            "escalation": _("escalade(s)"),
        }
        Notification.objects.bulk_create(
            [
                Notification(
                    user_id=user.pk,
                    dossier_id=dossier_id,
                    kind="reminder_digest",
                    title=(
                        _("Rappel : ") + ", ".join(f"{n} {labels[k]}" for k, n in counts.items())
                    )[:300],
                    body=today_.isoformat(),
                    url="/my-actions/",
                )
                for dossier_id, counts in sorted(per_dossier.items())
            ]
        )
        if user.email and user.is_active:
            transaction.on_commit(lambda: _send_digest(user, claimed, today_))
        return len(mine)
