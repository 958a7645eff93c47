"""Document-AI results in the database: one analysis per document version, and its review.

Behind the Chinese wall like every dossier row (RLS on PostgreSQL). The prediction keeps what
governance needs: the model version, confidence, alternatives, the evidence, the cost.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from ilot.core.models import DossierScoped, TimeStampedModel


class AnalysisStatus(models.TextChoices):
    PENDING = "pending", _("En attente")
    RUNNING = "running", _("En cours")
    DONE = "done", _("Analysé")
    FAILED = "failed", _("Échec")


class DocumentAnalysis(DossierScoped, TimeStampedModel):
    dossier = models.ForeignKey("dossiers.Dossier", on_delete=models.CASCADE, related_name="+")
    document = models.ForeignKey(
        "documents.Document", on_delete=models.CASCADE, related_name="analyses"
    )
    version = models.OneToOneField(
        "documents.DocumentVersion", on_delete=models.CASCADE, related_name="analysis"
    )
    status = models.CharField(
        max_length=10,
        choices=AnalysisStatus.choices,
        default=AnalysisStatus.PENDING,
        db_index=True,
    )
    attempts = models.PositiveSmallIntegerField(default=0)
    model_version = models.CharField(max_length=80, blank=True)
    category = models.CharField(max_length=40, blank=True)
    confidence = models.FloatField(null=True, blank=True)
    needs_review = models.BooleanField(default=False, db_index=True)
    top = models.JSONField(default=list, blank=True)
    fields = models.JSONField(default=dict, blank=True)
    evidence = models.JSONField(default=list, blank=True)
    pages = models.PositiveIntegerField(default=0)
    ocr_pages = models.PositiveIntegerField(default=0)
    seconds = models.FloatField(default=0)
    cpu_seconds = models.FloatField(default=0)
    error = models.TextField(blank=True)
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    reviewed_at = models.DateTimeField(null=True, blank=True)
    reviewed_category = models.CharField(max_length=40, blank=True)

    class Meta:
        indexes = [models.Index(fields=["dossier", "needs_review", "reviewed_at"])]

    @property
    def final_category(self) -> str:
        return self.reviewed_category or self.category

    @property
    def was_corrected(self) -> bool:
        return bool(self.reviewed_category) and self.reviewed_category != self.category


class ModelVersion(TimeStampedModel):
    """A classifier artefact known to the platform, and whether it is the one in use.

    Platform-level, not dossier content: it holds the artefact's metadata (metrics, card), never
    a document. A model with a ``client`` was trained on that client's corrections and only
    ever classifies that client's dossiers (see docs/docai.md, per-client models); a model
    without one is shared. At most one active model per scope, enforced by the database.
    """

    version = models.CharField(max_length=80, unique=True)
    directory = models.CharField(max_length=500)
    client = models.ForeignKey(
        "tenancy.Organisation",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    metadata = models.JSONField(default=dict)
    card_markdown = models.TextField(blank=True)
    is_active = models.BooleanField(default=False)
    activated_at = models.DateTimeField(null=True, blank=True)
    activated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )

    class Meta:
        ordering = ["-created_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["is_active"],
                condition=models.Q(is_active=True, client__isnull=True),
                name="docai_one_active_shared_model",
            ),
            models.UniqueConstraint(
                fields=["client"],
                condition=models.Q(is_active=True, client__isnull=False),
                name="docai_one_active_model_per_client",
            ),
        ]

    def __str__(self) -> str:
        return self.version

    @property
    def validation(self) -> dict[str, Any]:
        value = self.metadata.get("validation", {})
        return value if isinstance(value, dict) else {}
