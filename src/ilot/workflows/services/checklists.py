"""Checklist generation, documents, validation, rejection and waivers."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from django.db import connection, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from ilot.audit.services import audit_record
from ilot.core import rls
from ilot.core.exceptions import Conflict, PermissionDenied, ValidationFailed
from ilot.dossiers.access import dossier_for_actor
from ilot.dossiers.models import Dossier
from ilot.tenancy.models import User
from ilot.workflows import access, deadlines, lifecycle, planning, templates
from ilot.workflows.models import (
    SATISFIED_ITEM_STATUSES,
    ChecklistItem,
    ChecklistTemplateVersion,
    ItemStatus,
    Task,
    TaskSource,
    stage_rank,
)
from ilot.workflows.services._shared import (
    MAX_TEXT,
    REJECTION_TASK_DAYS,
    _created_on,
    _dossier_facts,
    _mail_on_commit,
    _notify,
    planning_next_business_day,
    today,
)
from ilot.workflows.services.checklist_templates import parsed_version, template_default_version
from ilot.workflows.services.facts import _fact_upsert
from ilot.workflows.templates import ItemKind, Party


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


def system_checklist_instantiate(dossier_id: int) -> int:
    """For loaders and migrations of existing data: generate as the system actor."""
    with rls.as_system():
        dossier = Dossier.objects.get(pk=dossier_id)
        return checklist_instantiate(actor=dossier.created_by, dossier=dossier)
