"""Workflow demo data: each demo dossier gets a realistic, partly satisfied checklist, tasks,
facts and the deadlines computed from them. Dates are relative to today, so the demo always
shows something overdue, something due this week and something later.

Idempotent: a dossier that already has facts or tasks is left as it is. Runs as the system actor (it
seeds several dossiers across walls, like the platform demo loader that calls it).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import timedelta

from django.db import transaction
from django.utils import timezone

from ilot.core import rls
from ilot.dossiers.models import Dossier
from ilot.workflows import services
from ilot.workflows.lifecycle import MAIN_PATH
from ilot.workflows.models import ChecklistItem, DossierFact, ItemStatus, Task, TaskSource


@dataclass(frozen=True)
class DemoTask:
    title: str
    days: int  # due in this many days (negative: overdue)
    party: str = ""
    to_rm: bool = False
    description: str = ""


@dataclass(frozen=True)
class DemoDossier:
    name: str
    state: str
    opened_days_ago: int
    facts: dict[str, int] = field(default_factory=dict)  # fact → days ago
    received: tuple[str, ...] = ()  # items received, waiting for the bank
    rejected: dict[str, str] = field(default_factory=dict)  # item → reason
    open_before: tuple[str, ...] = ()  # items of earlier stages still open (realism)
    tasks: tuple[DemoTask, ...] = ()


DEMO: tuple[DemoDossier, ...] = (
    DemoDossier(
        name="Les Jardins de la Loire",
        state="documentation",
        opened_days_ago=110,
        facts={
            "permit_signature_date": 75,
            "permit_posting_date": 62,
            "kbis_issue_date": 40,
            "offer_date": 21,
        },
        received=("convention_credit", "gfa"),
        rejected={"assurance_do": "Attestation au nom de la société promotrice, pas de la SCCV."},
        tasks=(
            DemoTask(
                "Transmettre l'attestation d'assurance dommages-ouvrage au nom de la SCCV",
                3,
                party="developer",
            ),
            DemoTask("Finaliser le projet de convention de crédit", -2, to_rm=True),
            DemoTask("Projet d'acte de vente en l'état futur d'achèvement", 12, party="notary"),
            DemoTask(
                "Contrôler l'état de pré-commercialisation (liste des réservations)", 6, to_rm=True
            ),
        ),
    ),
    DemoDossier(
        name="Résidence Le Belvédère",
        state="analysis",
        opened_days_ago=35,
        facts={"permit_signature_date": 20, "permit_posting_date": 14},
        received=("bilan_operation", "titre_propriete"),
        open_before=("beneficiaires_effectifs",),
        tasks=(
            DemoTask(
                "Compléter le bilan d'opération (coûts travaux actualisés)", 5, party="developer"
            ),
            DemoTask("Planifier le passage en comité de crédit", 9, to_rm=True),
        ),
    ),
    DemoDossier(
        name="Villa Horizon",
        state="request",
        opened_days_ago=24,
        received=("kbis_sccv", "statuts_sccv"),
        rejected={"identite_gerant": "Pièce d'identité expirée depuis mars."},
        tasks=(DemoTask("Relancer le promoteur pour l'organigramme du groupe", 1, to_rm=True),),
    ),
    DemoDossier(
        name="Les Terrasses du Port",
        state="committee",
        opened_days_ago=60,
        facts={"permit_signature_date": 45, "permit_posting_date": 40},
        received=("precommercialisation",),
        tasks=(DemoTask("Note de synthèse pour le comité", 2, to_rm=True),),
    ),
)


def _seed(dossier: Dossier, spec: DemoDossier) -> None:
    now = timezone.now()
    today = services.today()
    Dossier.objects.filter(pk=dossier.pk).update(
        created_at=now - timedelta(days=spec.opened_days_ago), state=spec.state
    )
    dossier.refresh_from_db()
    services.checklist_instantiate(actor=dossier.relationship_manager, dossier=dossier)
    for code, days in spec.facts.items():
        DossierFact.objects.update_or_create(
            dossier=dossier,
            code=code,
            defaults={
                "value": today - timedelta(days=days),
                "set_by": dossier.relationship_manager,
            },
        )
    services._recompute(dossier, replan_all=True)
    rank = MAIN_PATH.index(next(s for s in MAIN_PATH if s.value == spec.state))
    items = ChecklistItem.objects.filter(dossier=dossier)
    # Everything that blocks the current stage (or an earlier one) was validated to get here.
    items.filter(blocks_rank__lte=rank).exclude(code__in=spec.open_before).update(
        status=ItemStatus.VALIDATED,
        decided_by=dossier.relationship_manager,
        decided_at=now - timedelta(days=3),
        received_at=now - timedelta(days=5),
    )
    items.filter(code__in=spec.received).update(
        status=ItemStatus.RECEIVED, received_at=now - timedelta(days=1)
    )
    for code, reason in spec.rejected.items():
        item = items.filter(code=code).first()
        if item is None:
            continue
        ChecklistItem.objects.filter(pk=item.pk).update(
            status=ItemStatus.REJECTED,
            rejection_reason=reason,
            decided_by=dossier.relationship_manager,
            decided_at=now - timedelta(days=2),
        )
        Task.objects.create(
            dossier=dossier,
            title=f"Fournir à nouveau : {item.label_fr}",
            description=f"Pièce refusée par la banque. Motif : {reason}",
            owner_party=item.responsible,
            due_date=services.planning_next_business_day(today + timedelta(days=4)),
            source=TaskSource.REJECTION,
            checklist_item=item,
            created_by=dossier.relationship_manager,
        )
    for task in spec.tasks:
        Task.objects.create(
            dossier=dossier,
            title=task.title,
            description=task.description,
            owner_user=dossier.relationship_manager if task.to_rm else None,
            owner_party="" if task.to_rm else task.party,
            due_date=today + timedelta(days=task.days),
            created_by=dossier.relationship_manager,
        )


def load_workflow_demo() -> int:
    """Seed the workflow demo on the platform's demo dossiers; returns how many were seeded."""
    seeded = 0
    with transaction.atomic(), rls.as_system():
        for spec in DEMO:
            dossier = (
                Dossier.objects.select_related("relationship_manager")
                .filter(name=spec.name)
                .first()
            )
            if dossier is None:
                continue
            already = (
                DossierFact.objects.filter(dossier=dossier).exists()
                or Task.objects.filter(dossier=dossier).exists()
            )
            if not already:
                _seed(dossier, spec)
                seeded += 1
    return seeded
