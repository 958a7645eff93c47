"""Workflow rows: checklists, conditions precedent, tasks, facts and deadlines, notifications.

Everything a participant must do, by when, is a row with an indexed due date, so that "what must
I do across all my dossiers" is one query per kind of row (see ``selectors.my_actions``). Rows of
a dossier are behind the Chinese wall (``DossierScoped`` + ``ProtectTable`` in the migration);
templates, preferences and calendar tokens belong to users or to the bank, not to a dossier.

Times are stored in UTC (``USE_TZ``); due dates are calendar dates understood in Europe/Paris.
"""

from __future__ import annotations

import hashlib
import secrets

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from ilot.core.models import DossierScoped, TimeStampedModel
from ilot.dossiers.models import Dossier
from ilot.workflows.lifecycle import MAIN_PATH
from ilot.workflows.templates import ItemKind, Party

# --- templates (bank-wide data, versioned) --------------------------------------------------------


class ChecklistTemplate(TimeStampedModel):
    """A lineage of template versions, identified by its code (``credit_promoteur_gfa``)."""

    code = models.CharField(max_length=64, unique=True)
    name_fr = models.CharField(max_length=200)
    name_en = models.CharField(max_length=200)
    is_default = models.BooleanField(default=False)

    class Meta:
        ordering = ["code"]

    def __str__(self) -> str:
        return self.code

    def latest_version(self) -> ChecklistTemplateVersion | None:
        return self.versions.order_by("-version").first()


class ChecklistTemplateVersion(models.Model):
    """One immutable version. Dossiers point at the version they were created with, so an edit
    (always a new version) never changes a live dossier's checklist."""

    template = models.ForeignKey(
        ChecklistTemplate, on_delete=models.CASCADE, related_name="versions"
    )
    version = models.PositiveIntegerField()
    content = models.JSONField()  # canonical form: templates.template_to_data()
    content_hash = models.CharField(max_length=64)
    source_text = models.TextField(blank=True)  # what the editor typed (YAML), for the next edit
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["template", "version"], name="uniq_template_version")
        ]
        ordering = ["template", "-version"]

    def __str__(self) -> str:
        return f"{self.template.code} v{self.version}"


# --- checklist items and conditions precedent -----------------------------------------------------


class ItemStatus(models.TextChoices):
    EXPECTED = "expected", _("Attendu")
    RECEIVED = "received_to_validate", _("Reçu — à valider")
    VALIDATED = "validated", _("Validé")
    REJECTED = "rejected", _("Refusé")
    WAIVED = "waived", _("Levé sans pièce")


OPEN_ITEM_STATUSES = (ItemStatus.EXPECTED, ItemStatus.RECEIVED, ItemStatus.REJECTED)
SATISFIED_ITEM_STATUSES = (ItemStatus.VALIDATED, ItemStatus.WAIVED)
# Statuses in which the responsible party still has to provide something.
TO_PROVIDE_STATUSES = (ItemStatus.EXPECTED, ItemStatus.REJECTED)

PARTY_CHOICES = [(p.value, p.value) for p in Party]
KIND_CHOICES = [(k.value, k.value) for k in ItemKind]
STAGE_CHOICES = [(s.value, s.value) for s in MAIN_PATH]


def stage_rank(stage: str) -> int:
    return [s.value for s in MAIN_PATH].index(stage)


class ChecklistItem(DossierScoped, TimeStampedModel):
    """An expected document or a condition precedent of one dossier."""

    dossier = models.ForeignKey(Dossier, on_delete=models.CASCADE, related_name="checklist_items")
    template_version = models.ForeignKey(
        ChecklistTemplateVersion, on_delete=models.PROTECT, null=True, related_name="+"
    )
    code = models.CharField(max_length=64)
    position = models.PositiveIntegerField(default=0)
    kind = models.CharField(max_length=10, choices=KIND_CHOICES)
    label_fr = models.CharField(max_length=300)
    label_en = models.CharField(max_length=300)
    categories = models.JSONField(default=list)  # accepted taxonomy codes, primary first
    responsible = models.CharField(max_length=20, choices=PARTY_CHOICES)
    blocks = models.CharField(max_length=30, choices=STAGE_CHOICES)
    # Position of ``blocks`` on the main path: lets SQL compare stages without a CASE.
    blocks_rank = models.PositiveSmallIntegerField()
    due_after = models.CharField(max_length=64, blank=True)  # fact or deadline the due date uses
    due_date = models.DateField(null=True, blank=True, db_index=True)
    due_note = models.CharField(max_length=200, blank=True)
    validity = models.JSONField(default=dict)  # {"max_age_days": 90, "match_siren": true}
    requires_validation = models.BooleanField(default=True)
    critical = models.BooleanField(default=False)
    depends_on = models.JSONField(default=list)
    params = models.JSONField(default=dict)
    status = models.CharField(
        max_length=24, choices=ItemStatus.choices, default=ItemStatus.EXPECTED, db_index=True
    )
    # Loose link: the documents app owns documents; only the id is kept here.
    document_id = models.BigIntegerField(null=True, blank=True)
    document_category = models.CharField(max_length=40, blank=True)
    document_siren = models.CharField(max_length=9, blank=True)
    document_issued_on = models.DateField(null=True, blank=True)
    evidence_note = models.TextField(blank=True)
    received_at = models.DateTimeField(null=True, blank=True)
    received_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    # Four eyes on critical items: a first bank user requests the lifting, a second approves.
    lift_requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    lift_requested_at = models.DateTimeField(null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    decided_at = models.DateTimeField(null=True, blank=True)
    rejection_reason = models.TextField(blank=True)

    class Meta:
        ordering = ["dossier", "position"]
        constraints = [
            models.UniqueConstraint(fields=["dossier", "code"], name="uniq_checklist_item_code")
        ]
        indexes = [
            models.Index(fields=["status", "due_date"], name="wf_item_status_due"),
            models.Index(fields=["dossier", "status"], name="wf_item_dossier_status"),
            models.Index(fields=["responsible", "status", "due_date"], name="wf_item_party_due"),
        ]

    def __str__(self) -> str:
        return f"{self.dossier_id}:{self.code}"

    def label(self, lang: str = "fr") -> str:
        return self.label_en if lang == "en" else self.label_fr

    @property
    def is_satisfied(self) -> bool:
        return self.status in SATISFIED_ITEM_STATUSES

    @property
    def is_open(self) -> bool:
        return self.status in OPEN_ITEM_STATUSES


# --- tasks ----------------------------------------------------------------------------------------


class TaskStatus(models.TextChoices):
    OPEN = "open", _("À faire")
    IN_PROGRESS = "in_progress", _("En cours")
    DONE = "done", _("Terminée")
    CANCELLED = "cancelled", _("Annulée")


OPEN_TASK_STATUSES = (TaskStatus.OPEN, TaskStatus.IN_PROGRESS)


class TaskSource(models.TextChoices):
    MANUAL = "manual", _("Manuelle")
    TEMPLATE = "template", _("Modèle")
    REJECTION = "rejection", _("Refus d'une pièce")


class Task(DossierScoped, TimeStampedModel):
    """Something to do, owned by a user or by a party of the dossier (every participant with
    that party's roles), with a due date."""

    dossier = models.ForeignKey(Dossier, on_delete=models.CASCADE, related_name="tasks")
    title = models.CharField(max_length=300)
    description = models.TextField(blank=True)
    owner_user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="workflow_tasks",
    )
    owner_party = models.CharField(max_length=20, choices=PARTY_CHOICES, blank=True)
    due_date = models.DateField(null=True, blank=True, db_index=True)
    status = models.CharField(
        max_length=20, choices=TaskStatus.choices, default=TaskStatus.OPEN, db_index=True
    )
    source = models.CharField(max_length=20, choices=TaskSource.choices, default=TaskSource.MANUAL)
    checklist_item = models.ForeignKey(
        ChecklistItem, on_delete=models.SET_NULL, null=True, blank=True, related_name="tasks"
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    completed_at = models.DateTimeField(null=True, blank=True)
    completed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )

    class Meta:
        ordering = ["due_date", "pk"]
        indexes = [
            models.Index(fields=["owner_user", "status", "due_date"], name="wf_task_owner_due"),
            models.Index(fields=["owner_party", "status", "due_date"], name="wf_task_party_due"),
            models.Index(fields=["dossier", "status"], name="wf_task_dossier_status"),
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def is_open(self) -> bool:
        return self.status in OPEN_TASK_STATUSES


class TaskComment(DossierScoped):
    dossier = models.ForeignKey(Dossier, on_delete=models.CASCADE, related_name="+")
    task = models.ForeignKey(Task, on_delete=models.CASCADE, related_name="comments")
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    body = models.TextField()
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["created_at", "pk"]


# --- facts and deadlines --------------------------------------------------------------------------


class DossierFact(DossierScoped, TimeStampedModel):
    """A dated fact of the dossier (``permit_posting_date``, ``offer_date``, ...)."""

    dossier = models.ForeignKey(Dossier, on_delete=models.CASCADE, related_name="facts")
    code = models.CharField(max_length=64)
    value = models.DateField()
    note = models.CharField(max_length=300, blank=True)
    set_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )

    class Meta:
        constraints = [models.UniqueConstraint(fields=["dossier", "code"], name="uniq_fact")]

    def __str__(self) -> str:
        return f"{self.code}={self.value}"


class Deadline(DossierScoped, TimeStampedModel):
    """A deadline computed from facts by ``deadlines.compute_deadlines``; recomputed (rows
    replaced) whenever a fact changes, so it always says what it depends on."""

    dossier = models.ForeignKey(Dossier, on_delete=models.CASCADE, related_name="deadlines")
    code = models.CharField(max_length=64)
    due_date = models.DateField(db_index=True)
    nominal_date = models.DateField()
    label_fr = models.CharField(max_length=300)
    label_en = models.CharField(max_length=300)
    legal_ref = models.CharField(max_length=300, blank=True)
    depends_on = models.JSONField(default=list)  # [{"name", "kind", "on"}]
    extended = models.BooleanField(default=False)
    extension_note = models.CharField(max_length=300, blank=True)
    non_business_day = models.CharField(max_length=100, blank=True)

    class Meta:
        ordering = ["due_date", "code"]
        constraints = [
            models.UniqueConstraint(fields=["dossier", "code"], name="uniq_deadline_code")
        ]

    def __str__(self) -> str:
        return f"{self.code} {self.due_date}"

    def label(self, lang: str = "fr") -> str:
        return self.label_en if lang == "en" else self.label_fr


# --- notifications, reminders, preferences, calendar ----------------------------------------------


class Notification(DossierScoped):
    """An in-app notification (the bell); e-mails are sent alongside, never instead."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="workflow_notifications"
    )
    dossier = models.ForeignKey(Dossier, on_delete=models.CASCADE, related_name="+")
    kind = models.CharField(max_length=40)
    title = models.CharField(max_length=300)
    body = models.TextField(blank=True)
    url = models.CharField(max_length=300, blank=True)
    read_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        indexes = [models.Index(fields=["user", "read_at"], name="wf_notif_user_unread")]


class ReminderLog(DossierScoped):
    """One reminder sent. The unique key makes sending idempotent across runs and workers:
    the first insert wins, every other attempt is ignored."""

    key = models.CharField(max_length=64, unique=True)
    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+"
    )
    dossier = models.ForeignKey(Dossier, on_delete=models.CASCADE, related_name="+")
    item_ref = models.CharField(max_length=40)  # "item:42", "task:7", "deadline:3"
    kind = models.CharField(max_length=20)
    run_id = models.CharField(max_length=32, db_index=True)
    sent_on = models.DateField()
    created_at = models.DateTimeField(auto_now_add=True)


class NotificationPreference(TimeStampedModel):
    """A user's choices for the daily digest (absent row: everything on)."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="workflow_preferences"
    )
    digest = models.BooleanField(_("recevoir le récapitulatif quotidien"), default=True)
    upcoming = models.BooleanField(_("échéances à venir (J-7, J-1)"), default=True)
    overdue = models.BooleanField(_("retards"), default=True)
    escalation = models.BooleanField(_("escalades des dossiers que je pilote"), default=True)


def _hash(raw: str) -> str:
    return hashlib.sha256(raw.encode()).hexdigest()


class CalendarToken(TimeStampedModel):
    """A secret URL for a personal iCalendar feed. The token is the capability: only its hash
    is stored, it is shown once, and revoking it kills the URL."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="calendar_tokens"
    )
    key_hash = models.CharField(max_length=64, unique=True)
    prefix = models.CharField(max_length=8)
    label = models.CharField(max_length=100, blank=True)
    revoked_at = models.DateTimeField(null=True, blank=True)
    last_used_at = models.DateTimeField(null=True, blank=True)

    @staticmethod
    def new_raw_key() -> str:
        return secrets.token_urlsafe(32)

    @staticmethod
    def hash(raw: str) -> str:
        return _hash(raw)
