"""Checklist generation, document linking, validation with four eyes, rejection, lifecycle."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest
from django.core import mail

from ilot.audit.models import Event
from ilot.core import rls
from ilot.core.exceptions import Conflict, NotFound, PermissionDenied, ValidationFailed
from ilot.dossiers.models import Dossier
from ilot.dossiers.services import DossierInput, dossier_create
from ilot.tenancy.models import Organisation
from ilot.workflows import services
from ilot.workflows.exceptions import TemplateInvalid, TransitionRefused
from ilot.workflows.models import (
    ChecklistItem,
    ChecklistTemplateVersion,
    Deadline,
    ItemStatus,
    Notification,
    Task,
    TaskSource,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def alpha(world: dict[str, Any], monkeypatch: pytest.MonkeyPatch) -> Dossier:
    """A fresh Alpha dossier (the demo ones carry the workflow demo's progress)."""
    client = Organisation.objects.get(name="Alpha Promotion")
    with rls.acting_as(world["rm"].pk):
        dossier = dossier_create(
            actor=world["rm"],
            data=DossierInput(
                name="Le Clos Neuf",
                client_id=client.pk,
                sccv_name="SCCV Le Clos Neuf",
                sccv_siren="834567893",
                address="2 rue Neuve",
                lots=12,
                relationship_manager_id=world["rm"].pk,
            ),
        )
        # Generated at creation when the hook is in dossier_create; idempotent either way.
        services.checklist_instantiate(actor=world["rm"], dossier=dossier)
    # The documents app is built separately: documents 1-99 belong to this dossier, 100+ to
    # another one (the lookup hook is what the services consult).
    monkeypatch.setattr(
        services.checklists,
        "_document_dossier_id",
        lambda document_id: dossier.pk if document_id < 100 else dossier.pk + 1,
    )
    return dossier


def _item(dossier: Dossier, code: str) -> ChecklistItem:
    with rls.as_system():
        return ChecklistItem.objects.get(dossier=dossier, code=code)


def test_generation_follows_the_default_template_and_is_idempotent(
    world: dict[str, Any], alpha: Dossier
) -> None:
    with rls.as_system():
        count = ChecklistItem.objects.filter(dossier=alpha).count()
        codes = set(ChecklistItem.objects.filter(dossier=alpha).values_list("code", flat=True))
    assert (count == 38 and {"kbis_sccv", "gfa"} <= codes) or count >= 30
    with rls.acting_as(world["rm"].pk):
        assert services.checklist_instantiate(actor=world["rm"], dossier=alpha) == 0
    with rls.as_system():
        assert ChecklistItem.objects.filter(dossier=alpha).count() == count
        assert (
            Event.objects.filter(
                action="workflows.checklist_generated", dossier_id=alpha.pk
            ).count()
            == 1
        )
    kbis = _item(alpha, "kbis_sccv")
    assert kbis.due_date is not None and kbis.due_date.weekday() < 5
    assert kbis.status == ItemStatus.EXPECTED and kbis.categories == ["KBIS"]


def test_link_checks_category_validity_and_siren(world: dict[str, Any], alpha: Dossier) -> None:
    kbis = _item(alpha, "kbis_sccv")
    today = services.today()
    with rls.acting_as(world["alpha"].pk):
        with pytest.raises(ValidationFailed, match="STATUTS"):
            services.checklist_item_link_document(
                actor=world["alpha"], item_id=kbis.pk, document_id=1, category="STATUTS"
            )
        with pytest.raises(ValidationFailed, match="days"):
            services.checklist_item_link_document(
                actor=world["alpha"],
                item_id=kbis.pk,
                document_id=1,
                category="KBIS",
                issued_on=today - timedelta(days=120),
            )
        with pytest.raises(ValidationFailed, match="SIREN"):
            services.checklist_item_link_document(
                actor=world["alpha"],
                item_id=kbis.pk,
                document_id=1,
                category="KBIS",
                siren="552120222",
                issued_on=today - timedelta(days=10),
            )
    assert _item(alpha, "kbis_sccv").status == ItemStatus.EXPECTED  # nothing changed
    with rls.acting_as(world["alpha"].pk):
        item = services.checklist_item_link_document(
            actor=world["alpha"],
            item_id=kbis.pk,
            document_id=1,
            category="KBIS",
            siren=alpha.sccv_siren,
            issued_on=today - timedelta(days=10),
        )
    assert item.status == ItemStatus.RECEIVED and item.received_by == world["alpha"]
    # The Kbis issue date became a fact, and its expiry a deadline.
    with rls.as_system():
        expiry = Deadline.objects.get(dossier=alpha, code="kbis_expiry")
    assert expiry.due_date > today


def test_outsiders_cannot_reach_items(world: dict[str, Any], alpha: Dossier) -> None:
    kbis = _item(alpha, "kbis_sccv")
    for user in (world["beta"], world["analyst"], world["admin"]):
        with rls.acting_as(user.pk), pytest.raises(NotFound):
            services.checklist_item_validate(actor=user, item_id=kbis.pk)
    # The notary sits on a demo dossier of Alpha: inside that wall, but not a bank user.
    notary_dossier = world["alpha_dossiers"][0]
    with rls.as_system():
        theirs = ChecklistItem.objects.filter(dossier=notary_dossier).first()
    assert theirs is not None
    with rls.acting_as(world["notary"].pk), pytest.raises(PermissionDenied):
        services.checklist_item_reject(actor=world["notary"], item_id=theirs.pk, reason="non")
    with rls.acting_as(world["notary"].pk), pytest.raises(NotFound):
        services.checklist_item_reject(actor=world["notary"], item_id=kbis.pk, reason="non")


def test_reject_notifies_uploader_and_creates_a_task(
    world: dict[str, Any], alpha: Dossier, django_capture_on_commit_callbacks: Any
) -> None:
    kbis = _item(alpha, "kbis_sccv")
    with rls.acting_as(world["alpha"].pk):
        services.checklist_item_link_document(
            actor=world["alpha"],
            item_id=kbis.pk,
            document_id=7,
            category="KBIS",
            issued_on=services.today(),
        )
    with rls.acting_as(world["rm"].pk), pytest.raises(ValidationFailed):
        services.checklist_item_reject(actor=world["rm"], item_id=kbis.pk, reason="  ")
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True), rls.acting_as(world["rm"].pk):
        item = services.checklist_item_reject(
            actor=world["rm"], item_id=kbis.pk, reason="Kbis illisible"
        )
    assert item.status == ItemStatus.REJECTED and item.rejection_reason == "Kbis illisible"
    with rls.as_system():
        task = Task.objects.get(checklist_item=item)
        note = Notification.objects.get(user=world["alpha"], kind="item_rejected")
    assert task.source == TaskSource.REJECTION and task.owner_party == "developer"
    assert "Kbis illisible" in note.body
    assert [m.to for m in mail.outbox] == [[world["alpha"].email]]
    assert "Kbis illisible" in mail.outbox[0].body


def test_critical_condition_needs_two_bank_users(world: dict[str, Any], alpha: Dossier) -> None:
    with rls.as_system():
        critical = (
            ChecklistItem.objects.filter(dossier=alpha, critical=True, kind="condition")
            .order_by("position")
            .first()
        )
    assert critical is not None
    with rls.acting_as(world["rm"].pk):
        first = services.checklist_item_validate(actor=world["rm"], item_id=critical.pk)
        assert first.status != ItemStatus.VALIDATED and first.lift_requested_by == world["rm"]
        with pytest.raises(PermissionDenied, match="Quatre yeux"):
            services.checklist_item_validate(actor=world["rm"], item_id=critical.pk)
    # A second bank user on the deal team approves.
    from ilot.dossiers.models import Participant, ParticipantRole

    with rls.as_system():
        Participant.objects.create(
            dossier=alpha,
            user=world["analyst"],
            organisation=Organisation.objects.get(name="Banque Exemple"),
            role=ParticipantRole.CREDIT_ANALYST,
        )
    with rls.acting_as(world["analyst"].pk):
        lifted = services.checklist_item_validate(actor=world["analyst"], item_id=critical.pk)
    assert lifted.status == ItemStatus.VALIDATED and lifted.decided_by == world["analyst"]
    with rls.as_system():
        event = Event.objects.filter(action="workflows.item_validated").latest("seq")
    assert event.data["four_eyes"] is True and event.data["requested_by"] == world["rm"].pk


def test_transition_guarded_by_role_and_blocking_items(
    world: dict[str, Any], alpha: Dossier
) -> None:
    with rls.acting_as(world["alpha"].pk), pytest.raises(TransitionRefused) as refused:
        services.dossier_transition(actor=world["alpha"], dossier_id=alpha.pk, target="analysis")
    assert refused.value.code == "role_not_allowed"
    with rls.acting_as(world["rm"].pk), pytest.raises(TransitionRefused) as blocked:
        services.dossier_transition(actor=world["rm"], dossier_id=alpha.pk, target="analysis")
    assert blocked.value.code == "blocked" and "kbis_sccv" in blocked.value.blocking_items
    with rls.acting_as(world["rm"].pk), pytest.raises(TransitionRefused) as impossible:
        services.dossier_transition(actor=world["rm"], dossier_id=alpha.pk, target="closed")
    assert impossible.value.code == "not_allowed"
    with rls.as_system():
        ChecklistItem.objects.filter(dossier=alpha, blocks="analysis").update(
            status=ItemStatus.VALIDATED
        )
    with rls.acting_as(world["rm"].pk):
        moved = services.dossier_transition(
            actor=world["rm"], dossier_id=alpha.pk, target="analysis"
        )
    assert moved.state == "analysis"
    with rls.as_system():
        assert Dossier.objects.get(pk=alpha.pk).state == "analysis"
        event = Event.objects.filter(action="workflows.dossier_transition").latest("seq")
    assert event.data["from"] == "request" and event.data["to"] == "analysis"
    # Abandoning needs a reason, and is never blocked by items.
    with rls.acting_as(world["rm"].pk), pytest.raises(ValidationFailed):
        services.dossier_transition(actor=world["rm"], dossier_id=alpha.pk, target="abandoned")


def test_template_revision_is_versioned_and_validated(
    world: dict[str, Any], alpha: Dossier
) -> None:
    version = services.template_default_version()
    text = version.source_text
    admin = world["admin"]
    with pytest.raises(PermissionDenied):
        services.checklist_template_revise(
            actor=world["rm"], template_id=version.template_id, text=text
        )
    bad = text.replace("category: KBIS\n", "category: NOT_A_CATEGORY\n", 1)
    with pytest.raises(TemplateInvalid) as invalid:
        services.checklist_template_revise(actor=admin, template_id=version.template_id, text=bad)
    assert any(p.code == "unknown_category" for p in invalid.value.problems)
    cyclic = text.replace("depends_on: [organigramme]", "depends_on: [beneficiaires_effectifs]")
    with pytest.raises(TemplateInvalid):
        services.checklist_template_revise(
            actor=admin, template_id=version.template_id, text=cyclic
        )
    same, created = services.checklist_template_revise(
        actor=admin, template_id=version.template_id, text=text
    )
    assert not created and same.pk == version.pk
    edited = text.replace("days: 15}", "days: 20}", 1)
    new, created = services.checklist_template_revise(
        actor=admin, template_id=version.template_id, text=edited
    )
    assert created and new.version == version.version + 1
    assert ChecklistTemplateVersion.objects.filter(template_id=version.template_id).count() == 2
    # The live dossier keeps its version.
    assert _item(alpha, "kbis_sccv").template_version_id == version.pk


def test_facts_compute_deadlines_and_refuse_bad_dates(
    world: dict[str, Any], alpha: Dossier
) -> None:
    from datetime import date

    with rls.acting_as(world["rm"].pk):
        services.dossier_fact_set(
            actor=world["rm"],
            dossier_id=alpha.pk,
            code="permit_posting_date",
            value=date(2026, 3, 2),
        )
        services.dossier_fact_set(
            actor=world["rm"],
            dossier_id=alpha.pk,
            code="permit_signature_date",
            value=date(2026, 2, 20),
        )
        with pytest.raises(ValidationFailed):
            services.dossier_fact_set(
                actor=world["rm"], dossier_id=alpha.pk, code="nope", value=date(2026, 1, 1)
            )
        with pytest.raises(ValidationFailed):
            services.dossier_fact_set(
                actor=world["rm"], dossier_id=alpha.pk, code="offer_date", value=date(1990, 1, 1)
            )
    with rls.acting_as(world["alpha"].pk), pytest.raises(PermissionDenied):
        services.dossier_fact_set(
            actor=world["alpha"], dossier_id=alpha.pk, code="offer_date", value=date(2026, 1, 1)
        )
    with rls.as_system():
        rows = {d.code: d for d in Deadline.objects.filter(dossier=alpha)}
    assert rows["administrative_withdrawal_end"].due_date == date(2026, 5, 20)
    appeal = rows["third_party_appeal_end"]
    assert appeal.depends_on[0]["name"] == "permit_posting_date"
    assert "permit_purged" in rows


def test_document_of_another_dossier_is_refused(world: dict[str, Any], alpha: Dossier) -> None:
    statuts = _item(alpha, "statuts_sccv")
    with rls.acting_as(world["alpha"].pk), pytest.raises(ValidationFailed, match="dossier"):
        services.checklist_item_link_document(
            actor=world["alpha"], item_id=statuts.pk, document_id=500, category="STATUTS"
        )
    assert _item(alpha, "statuts_sccv").status == ItemStatus.EXPECTED


def test_checklist_ticks_itself_from_a_classified_document(
    world: dict[str, Any], alpha: Dossier
) -> None:
    with rls.acting_as(world["alpha"].pk):
        item = services.checklist_document_received(
            actor=world["alpha"], dossier_id=alpha.pk, document_id=9, category="STATUTS"
        )
        nothing = services.checklist_document_received(
            actor=world["alpha"], dossier_id=alpha.pk, document_id=10, category="AUTRE"
        )
    assert item is not None and item.code == "statuts_sccv"
    assert item.status == ItemStatus.RECEIVED and nothing is None


def test_second_link_after_validation_is_refused(world: dict[str, Any], alpha: Dossier) -> None:
    statuts = _item(alpha, "statuts_sccv")
    with rls.acting_as(world["alpha"].pk):
        services.checklist_item_link_document(
            actor=world["alpha"], item_id=statuts.pk, document_id=3, category="STATUTS"
        )
    with rls.acting_as(world["rm"].pk):
        services.checklist_item_validate(actor=world["rm"], item_id=statuts.pk)
        with pytest.raises(Conflict):
            services.checklist_item_validate(actor=world["rm"], item_id=statuts.pk)
    with rls.acting_as(world["alpha"].pk), pytest.raises(Conflict):
        services.checklist_item_link_document(
            actor=world["alpha"], item_id=statuts.pk, document_id=4, category="STATUTS"
        )
