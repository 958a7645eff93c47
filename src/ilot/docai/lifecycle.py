"""Model versions in use: registration, explicit activation, which model classifies a dossier,
and the corrections that train the next model.

A registered artefact is copied under ``ILOT_DOCAI_MODELS_DIR`` (default ``var/models``), so a
version that was once active stays loadable after an upgrade replaces the committed default
model. Only a platform administrator activates a version; the one exception is installation:
when no shared model is active at all, the committed (or ``ILOT_DOCAI_MODEL_DIR``) model is
registered and activated by the system, so that a fresh `make demo` classifies documents.

Per-client isolation (docs/docai.md): a model registered with a ``client`` was trained on that
client's corrections and classifies only that client's dossiers; every other dossier uses the
shared model. Corrections leave a client only when the bank sets ``ILOT_DOCAI_POOL_CORRECTIONS``.
"""

from __future__ import annotations

import csv
import json
import shutil
import tempfile
from pathlib import Path
from typing import Any

from django.conf import settings
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from ilot.audit.services import audit_record
from ilot.core import rls
from ilot.core.exceptions import Conflict, NotFound, PermissionDenied, ValidationFailed
from ilot.docai.models import AnalysisStatus, DocumentAnalysis, ModelVersion
from ilot.docai.models_registry import CARD_FILE, METADATA_FILE, MODEL_FILE, active_model_dir
from ilot.tenancy.models import Organisation, User


def models_root() -> Path:
    return Path(getattr(settings, "ILOT_DOCAI_MODELS_DIR", settings.DATA_DIR / "models"))


def _read_metadata(directory: Path) -> dict[str, Any]:
    if not (directory / MODEL_FILE).is_file() or not (directory / METADATA_FILE).is_file():
        raise ValidationFailed(
            _("Aucun modèle dans %(dir)s (model.joblib et metadata.json attendus).")
            % {"dir": directory}
        )
    try:
        metadata = json.loads((directory / METADATA_FILE).read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise ValidationFailed(_("metadata.json illisible : %(err)s") % {"err": exc}) from exc
    if not isinstance(metadata, dict) or not metadata.get("version"):
        raise ValidationFailed(_("metadata.json ne donne pas de version."))
    return metadata


def _store_artefact(source: Path, version: str) -> Path:
    """Copy the artefact under the models root (atomically: a half copy is never visible)."""
    target = models_root() / version
    if source.resolve() == target.resolve() or (target / MODEL_FILE).is_file():
        return target
    target.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=f".{version}-", dir=target.parent))
    for name in (MODEL_FILE, METADATA_FILE, CARD_FILE):
        if (source / name).is_file():
            shutil.copy2(source / name, staging / name)
    try:
        staging.rename(target)
    except OSError:  # another process stored the same version first
        shutil.rmtree(staging, ignore_errors=True)
    return target


def model_register(
    directory: Path, *, client_id: int | None = None, actor: User | None = None
) -> ModelVersion:
    """Make an artefact produced by `ilot train` known to the platform (not active yet)."""
    directory = Path(directory)
    metadata = _read_metadata(directory)
    version = str(metadata["version"])
    client = None
    if client_id is not None:
        client = Organisation.objects.filter(pk=client_id).first()
        if client is None or client.is_bank:
            raise ValidationFailed(_("Client inconnu."), fields={"client": ["unknown"]})
    existing = ModelVersion.objects.filter(version=version).first()
    if existing is not None:
        if existing.client_id != client_id:
            raise Conflict(_("Cette version est déjà enregistrée pour un autre périmètre."))
        return existing
    stored = _store_artefact(directory, version)
    card_path = stored / CARD_FILE
    card = card_path.read_text(encoding="utf-8") if card_path.is_file() else ""
    try:
        with transaction.atomic():
            model = ModelVersion.objects.create(
                version=version,
                directory=str(stored),
                client=client,
                metadata=metadata,
                card_markdown=card,
            )
            audit_record(
                action="docai.model_registered",
                actor=actor,
                actor_label="" if actor else "system",
                obj=model,
                data={"version": version, "client": client_id},
            )
    except IntegrityError:  # registered concurrently by another process
        return ModelVersion.objects.get(version=version)
    return model


def model_registry_sync() -> ModelVersion | None:
    """Register the committed/configured model; activate it only if no shared model is active."""
    active = ModelVersion.objects.filter(is_active=True, client__isnull=True).first()
    try:
        builtin = model_register(active_model_dir())
    except ValidationFailed:
        return active
    if active is not None:
        return active
    try:
        with transaction.atomic():
            ModelVersion.objects.filter(pk=builtin.pk).update(
                is_active=True, activated_at=timezone.now()
            )
            audit_record(
                action="docai.model_activated",
                actor_label="system",
                obj=builtin,
                data={"version": builtin.version, "client": None, "reason": "installation"},
            )
    except IntegrityError:  # another process activated one meanwhile
        pass
    return ModelVersion.objects.filter(is_active=True, client__isnull=True).first()


@transaction.atomic
def model_activate(*, actor: User, model_id: int) -> ModelVersion:
    """The explicit act of an administrator: this version now classifies new documents of its
    scope (shared, or one client); the previous one of that scope is deactivated."""
    if not actor.is_platform_admin:
        raise PermissionDenied(_("Seul un administrateur de la plateforme active un modèle."))
    model = ModelVersion.objects.select_for_update().filter(pk=model_id).first()
    if model is None:
        raise NotFound()
    if not (Path(model.directory) / MODEL_FILE).is_file():
        raise ValidationFailed(_("L'artefact de ce modèle est introuvable sur le disque."))
    if model.is_active:
        return model
    previous = ModelVersion.objects.filter(is_active=True, client_id=model.client_id).first()
    ModelVersion.objects.filter(is_active=True, client_id=model.client_id).update(is_active=False)
    model.is_active = True
    model.activated_at = timezone.now()
    model.activated_by = actor
    model.save(update_fields=["is_active", "activated_at", "activated_by", "updated_at"])
    audit_record(
        action="docai.model_activated",
        actor=actor,
        obj=model,
        data={
            "version": model.version,
            "client": model.client_id,
            "previous": previous.version if previous else None,
        },
    )
    return model


def model_for_dossier(dossier_id: int) -> ModelVersion | None:
    """The client's own active model when there is one, else the shared active model."""
    from ilot.dossiers.models import Dossier

    with rls.as_system():
        clients = Dossier.objects.filter(pk=dossier_id).values_list("client_id", flat=True)
        client_id = clients.first()
        own = ModelVersion.objects.filter(is_active=True, client_id=client_id).first()
        if own is not None and client_id is not None:
            return own
        shared = ModelVersion.objects.filter(is_active=True, client__isnull=True).first()
        return shared or model_registry_sync()


def corrections_export(
    *, out: Path, client_id: int | None = None, pooled: bool = False, actor_label: str = "cli"
) -> int:
    """Write reviewed documents as a training corpus (``files/`` + ``labels.tsv``).

    One client's corrections by default; all clients only with ``pooled`` and the bank's
    ``ILOT_DOCAI_POOL_CORRECTIONS`` opt-in. Confirmations count as well as corrections: both
    are human labels. Returns the number of documents written.
    """
    from ilot.documents.blobs import DjangoBlobStore

    if pooled and not getattr(settings, "ILOT_DOCAI_POOL_CORRECTIONS", False):
        raise PermissionDenied(
            _(
                "La mise en commun des corrections entre clients exige "
                "ILOT_DOCAI_POOL_CORRECTIONS=1 (décision de la banque)."
            )
        )
    if not pooled and client_id is None:
        raise ValidationFailed(_("Indiquez un client (ou la mise en commun)."))
    out = Path(out)
    (out / "files").mkdir(parents=True, exist_ok=True)
    store = DjangoBlobStore()
    written = 0
    with rls.as_system():
        reviewed = DocumentAnalysis.objects.filter(
            status=AnalysisStatus.DONE, reviewed_at__isnull=False
        ).select_related("version", "dossier")
        if not pooled:
            reviewed = reviewed.filter(dossier__client_id=client_id)
        rows: list[dict[str, str]] = []
        for analysis in reviewed.order_by("pk").iterator():
            sha = analysis.version.sha256
            suffix = Path(analysis.version.original_name or "").suffix.lower()[:8]
            name = f"files/{sha[:16]}{suffix}"
            if not (out / name).exists():
                with store.open(sha) as source, (out / name).open("wb") as target:
                    shutil.copyfileobj(source, target, 1024 * 1024)
            rows.append(
                {
                    "file": name,
                    "category": analysis.final_category,
                    # one group per client: grouped validation never trains and scores on one
                    "source_repo": f"client-{analysis.dossier.client_id}",
                    "suggested": analysis.category,
                    "model_version": analysis.model_version,
                }
            )
            written += 1
        with (out / "labels.tsv").open("w", encoding="utf-8", newline="") as fh:
            writer = csv.DictWriter(
                fh,
                fieldnames=["file", "category", "source_repo", "suggested", "model_version"],
                delimiter="\t",
            )
            writer.writeheader()
            writer.writerows(rows)
        audit_record(
            action="docai.corrections_exported",
            actor_label=actor_label,
            object_type="docai.corrections",
            data={"client": client_id, "pooled": pooled, "documents": written},
        )
    return written
