"""The data room: folders, documents, their immutable versions, shares and tus uploads.

Every table is behind the Chinese wall (`DossierScoped`, row-level security on PostgreSQL).
Documents and versions carry a second, restrictive policy on PostgreSQL that applies the
per-document visibility (all / bank / selected parties): see migration 0002 and
`ilot.documents.access`, which applies the same rule in the application.

Bytes never live in the database: a version names its content by SHA-256, and the blob store
(`ilot.documents.blobs`) keeps each content once.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from ilot.core.models import DossierScoped, TimeStampedModel
from ilot.dossiers.models import Dossier
from ilot.tenancy.models import Organisation


class Visibility(models.TextChoices):
    ALL = "all", _("Tous les participants")
    BANK = "bank", _("Banque uniquement")
    PARTIES = "parties", _("Parties sélectionnées")


class DocumentStatus(models.TextChoices):
    STORED = "stored", _("Déposé")
    PROCESSING = "processing", _("En traitement")
    READY = "ready", _("Traité")
    REVIEW = "review", _("À vérifier")
    FAILED = "failed", _("Échec du traitement")


class Folder(DossierScoped, TimeStampedModel):
    """A folder of a dossier's data room; the first level is seeded from the taxonomy."""

    dossier = models.ForeignKey(Dossier, on_delete=models.CASCADE, related_name="folders")
    parent = models.ForeignKey(
        "self", on_delete=models.CASCADE, related_name="children", null=True, blank=True
    )
    code = models.CharField(_("code"), max_length=40, blank=True)
    name = models.CharField(_("nom"), max_length=200)
    position = models.PositiveIntegerField(_("ordre"), default=0)

    class Meta:
        ordering = ["position", "name"]
        indexes = [models.Index(fields=["dossier", "parent"])]

    def __str__(self) -> str:
        return self.name


class Document(DossierScoped, TimeStampedModel):
    """A document of the data room; its content is its current version."""

    dossier = models.ForeignKey(Dossier, on_delete=models.CASCADE, related_name="documents")
    folder = models.ForeignKey(Folder, on_delete=models.PROTECT, related_name="documents")
    name = models.CharField(_("nom"), max_length=255)
    current_version = models.ForeignKey(
        "DocumentVersion", on_delete=models.PROTECT, related_name="+", null=True, blank=True
    )
    visibility = models.CharField(
        _("visibilité"), max_length=10, choices=Visibility.choices, default=Visibility.ALL
    )
    status = models.CharField(
        _("statut"), max_length=20, choices=DocumentStatus.choices, default=DocumentStatus.STORED
    )
    is_encrypted = models.BooleanField(_("chiffré"), default=False)
    has_javascript = models.BooleanField(_("contient du JavaScript"), default=False)
    flags = models.JSONField(_("alertes"), default=list, blank=True)
    # Filled by the document AI later; nullable until then.
    category = models.CharField(_("catégorie"), max_length=40, null=True, blank=True)  # noqa: DJ001
    category_confidence = models.FloatField(null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    deleted_at = models.DateTimeField(null=True, blank=True, db_index=True)
    deleted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", null=True
    )

    class Meta:
        ordering = ["name"]
        indexes = [models.Index(fields=["dossier", "folder", "deleted_at"])]

    def __str__(self) -> str:
        return self.name


class DocumentVersion(DossierScoped, models.Model):
    """One immutable content of a document. A SHA-256 appears once per dossier."""

    dossier = models.ForeignKey(Dossier, on_delete=models.CASCADE, related_name="+")
    document = models.ForeignKey(Document, on_delete=models.CASCADE, related_name="versions")
    number = models.PositiveIntegerField()
    sha256 = models.CharField(max_length=64)
    size = models.BigIntegerField()
    mime = models.CharField(max_length=120)
    kind = models.CharField(max_length=10)
    pages = models.PositiveIntegerField(null=True, blank=True)
    original_name = models.CharField(max_length=255)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-number"]
        constraints = [
            models.UniqueConstraint(fields=["document", "number"], name="uniq_document_version"),
            # Duplicate detection is a database fact: the same bytes twice in a dossier fail.
            models.UniqueConstraint(fields=["dossier", "sha256"], name="uniq_dossier_content"),
        ]

    def __str__(self) -> str:
        return f"{self.document_id} v{self.number}"


class DocumentShare(DossierScoped, models.Model):
    """An organisation a `parties` document is shared with."""

    dossier = models.ForeignKey(Dossier, on_delete=models.CASCADE, related_name="+")
    document = models.ForeignKey(Document, on_delete=models.CASCADE, related_name="shares")
    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="+")

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["document", "organisation"], name="uniq_share"),
        ]

    def __str__(self) -> str:
        return f"{self.document_id} -> {self.organisation_id}"


class UploadStatus(models.TextChoices):
    ACTIVE = "active", _("En cours")
    COMPLETED = "completed", _("Terminé")
    TERMINATED = "terminated", _("Annulé")
    EXPIRED = "expired", _("Expiré")


class Upload(DossierScoped, models.Model):
    """A tus upload. The staged bytes live in `ChunkStaging`; this row holds who and where.

    `result` keeps the per-file outcome once finished (stored, duplicate, rejected + reason)
    so that a client that lost the final response can still learn it with a HEAD or GET.
    """

    id = models.CharField(primary_key=True, max_length=32)
    dossier = models.ForeignKey(Dossier, on_delete=models.CASCADE, related_name="+")
    owner = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    filename = models.CharField(max_length=255)
    folder = models.ForeignKey(Folder, on_delete=models.SET_NULL, null=True, related_name="+")
    visibility = models.CharField(max_length=10, choices=Visibility.choices, blank=True)
    length = models.BigIntegerField()
    offset = models.BigIntegerField(default=0)
    metadata = models.JSONField(default=dict)
    status = models.CharField(
        max_length=12, choices=UploadStatus.choices, default=UploadStatus.ACTIVE, db_index=True
    )
    result = models.JSONField(default=dict, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    expires_at = models.DateTimeField(db_index=True)

    def __str__(self) -> str:
        return f"upload {self.id} ({self.filename})"
