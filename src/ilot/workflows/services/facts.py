"""Dossier facts and the deadlines recomputed from them."""

from __future__ import annotations

from datetime import date, timedelta

from django.db import transaction
from django.utils.translation import gettext as _

from ilot.audit.services import audit_record
from ilot.core.exceptions import ValidationFailed
from ilot.dossiers.access import dossier_for_actor
from ilot.dossiers.models import Dossier
from ilot.tenancy.models import User
from ilot.workflows import access, deadlines, planning, templates
from ilot.workflows.models import (
    ChecklistItem,
    Deadline,
    DossierFact,
)
from ilot.workflows.services._shared import _created_on, _dossier_facts, today
from ilot.workflows.services.checklist_templates import parsed_version

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
