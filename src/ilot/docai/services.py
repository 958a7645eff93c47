"""Running the document-AI pipeline on stored versions, and human review of its predictions.

The worker calls `analysis_run(version_id)` (through `ilot.docai.tasks.document_analyse`) after
each upload. The database row says where a document is: pending → running → done | failed;
a run on a version already done does nothing, and `analysis_requeue_stuck` re-queues rows left
running by a worker that died. Everything a reviewer does is an audit event, and corrections
become training data (`analysis_corrections`).
"""

from __future__ import annotations

import shutil
import tempfile
import threading
from datetime import timedelta
from pathlib import Path
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from ilot.audit.services import audit_record
from ilot.core import rls
from ilot.core.exceptions import Conflict, NotFound, PermissionDenied, ValidationFailed
from ilot.docai.models import AnalysisStatus, DocumentAnalysis
from ilot.documents.models import Document, DocumentVersion, Folder
from ilot.dossiers.access import actor_participation, dossier_for_actor
from ilot.tenancy.models import User

MAX_ATTEMPTS = 3
STUCK_AFTER = timedelta(minutes=30)
MAX_LOADED_MODELS = 4  # the shared model and a few clients' own (~10-25 MB each)
_pipeline_lock = threading.Lock()
_pipelines: dict[str, Any] = {}


def _pipeline_for(dossier_id: int) -> Any:
    """The pipeline of the model that classifies this dossier (its client's own active model,
    else the shared one), loaded once per worker process and version (loading costs ~1 s,
    predicting ~5 ms). Read on every run, so an activation applies to the next document."""
    from ilot.docai.lifecycle import model_for_dossier
    from ilot.docai.models_registry import load_model
    from ilot.docai.pipeline import Pipeline

    model = model_for_dossier(dossier_id)
    if model is None:
        raise RuntimeError("no document-AI model is registered (run `ilot model list`)")
    with _pipeline_lock:
        pipeline = _pipelines.get(model.version)
        if pipeline is None:
            loaded = load_model(Path(model.directory))
            pipeline = Pipeline.default(classifier=loaded.classifier, model_version=model.version)
            if len(_pipelines) >= MAX_LOADED_MODELS:  # keep memory flat: drop the oldest
                _pipelines.pop(next(iter(_pipelines)))
            _pipelines[model.version] = pipeline
        return pipeline


def analysis_enqueue(*, version: DocumentVersion) -> DocumentAnalysis:
    """Create the pending row (idempotent) and queue the run once the upload commits."""
    analysis, _created = DocumentAnalysis.objects.get_or_create(
        version=version,
        defaults={"dossier_id": version.dossier_id, "document_id": version.document_id},
    )
    from ilot.docai.tasks import document_analyse

    transaction.on_commit(lambda: document_analyse.enqueue(version.pk))
    return analysis


def _claim(version_id: int) -> DocumentAnalysis | None:
    with transaction.atomic():
        version = DocumentVersion.objects.filter(pk=version_id).first()
        if version is None:
            return None
        analysis, _created = DocumentAnalysis.objects.get_or_create(
            version=version,
            defaults={"dossier_id": version.dossier_id, "document_id": version.document_id},
        )
        analysis = (
            DocumentAnalysis.objects.select_for_update(of=("self",))
            .select_related("version", "document")
            .get(pk=analysis.pk)
        )
        if analysis.status == AnalysisStatus.DONE or analysis.attempts >= MAX_ATTEMPTS:
            return None
        analysis.status = AnalysisStatus.RUNNING
        analysis.attempts += 1
        analysis.save(update_fields=["status", "attempts", "updated_at"])
        return analysis


def _local_copy(sha256: str, directory: Path) -> Path:
    """The blob as a local file for the extractors (streamed; S3 blobs are downloaded)."""
    from ilot.documents.blobs import DjangoBlobStore

    target = directory / "document"
    with DjangoBlobStore().open(sha256) as source, target.open("wb") as out:
        shutil.copyfileobj(source, out, 1024 * 1024)
    return target


def analysis_run(version_id: int, *, pipeline: Any = None) -> DocumentAnalysis | None:
    """Analyse one version. Runs as the system actor: the worker serves every dossier, and it
    reads one version by id, writes its analysis and the document's category, nothing else."""
    with rls.as_system():
        analysis = _claim(version_id)
    if analysis is None:
        return None
    version = analysis.version
    with tempfile.TemporaryDirectory(prefix="ilot-docai-") as tmp:
        try:
            path = _local_copy(version.sha256, Path(tmp))
            result = (pipeline or _pipeline_for(analysis.dossier_id)).run(path)
        except Exception as exc:  # the worker must keep going; the row says what happened
            with rls.as_system():
                _fail(analysis, f"{type(exc).__name__}: {exc}")
            return analysis
    with rls.as_system(), transaction.atomic():
        if result.error:
            _fail(analysis, result.error)
            return analysis
        analysis.status = AnalysisStatus.DONE
        analysis.model_version = result.model_version or ""
        analysis.category = result.category or ""
        analysis.confidence = result.confidence
        analysis.needs_review = bool(result.needs_review)
        analysis.top = [[c, round(p, 4)] for c, p in result.top]
        analysis.fields = result.fields
        analysis.evidence = result.evidence[:10]
        analysis.pages, analysis.ocr_pages = result.pages, result.ocr_pages
        analysis.seconds, analysis.cpu_seconds = result.seconds, result.cpu_seconds
        analysis.error = ""
        analysis.save()
        _apply_category(analysis, analysis.category, auto=not analysis.needs_review)
        if not analysis.needs_review:
            _tick_checklist(analysis, analysis.category)
        audit_record(
            action="docai.analysed",
            dossier_id=analysis.dossier_id,
            obj=analysis.document,
            actor_label="worker",
            data={
                "version": version.number,
                "category": analysis.category,
                "confidence": round(analysis.confidence or 0, 4),
                "needs_review": analysis.needs_review,
                "model_version": analysis.model_version,
            },
        )
    return analysis


def _fail(analysis: DocumentAnalysis, message: str) -> None:
    DocumentAnalysis.objects.filter(pk=analysis.pk).update(
        status=AnalysisStatus.FAILED, error=message[:2000], updated_at=timezone.now()
    )
    audit_record(
        action="docai.failed",
        dossier_id=analysis.dossier_id,
        obj=analysis.document,
        actor_label="worker",
        data={"error": message[:300]},
    )


def _apply_category(analysis: DocumentAnalysis, category: str, *, auto: bool) -> None:
    """Show the category on the document; file it in the category's folder when it sits in the
    default folder (uploaded without one) and the category is certain enough or confirmed."""
    from ilot.documents.services import DEFAULT_FOLDER_CODE
    from ilot.workflows.taxonomy import load_taxonomy

    document = Document.objects.select_related("folder").get(pk=analysis.document_id)
    document.category = category or None
    document.category_confidence = analysis.confidence
    fields = ["category", "category_confidence", "updated_at"]
    taxonomy = load_taxonomy()
    if auto and category in taxonomy.categories and document.folder.code == DEFAULT_FOLDER_CODE:
        folder_code = taxonomy.categories[category].folder
        target = Folder.objects.filter(dossier_id=document.dossier_id, code=folder_code).first()
        if target is not None and target.pk != document.folder_id:
            document.folder = target
            fields.append("folder")
    document.save(update_fields=fields)


def _field_value(fields: dict[str, Any], key: str) -> str:
    value = fields.get(key)
    if isinstance(value, dict):
        value = value.get("value")
    return str(value) if value else ""


def _tick_checklist(analysis: DocumentAnalysis, category: str) -> None:
    """Hand a classified document to the dossier's checklist (the checklist ticks itself).

    A document that satisfies no item, or fails an item's rule (too old, another SIREN), is
    simply not linked: that is the checklist's decision, not an analysis failure.
    """
    from datetime import date

    from ilot.core.exceptions import IlotError
    from ilot.workflows.services import checklist_document_received

    uploader = analysis.version.uploaded_by
    if uploader is None:
        return
    fields = analysis.fields or {}
    raw_date = _field_value(fields, "date")
    try:
        issued_on = date.fromisoformat(raw_date[:10]) if raw_date else None
    except ValueError:
        issued_on = None
    try:
        with transaction.atomic():
            checklist_document_received(
                actor=uploader,
                dossier_id=analysis.dossier_id,
                document_id=analysis.document_id,
                category=category,
                siren=_field_value(fields, "siren"),
                issued_on=issued_on,
                uploaded_by=uploader,
            )
    except IlotError:
        return


def analysis_requeue_stuck() -> int:
    """Periodic: re-queue analyses left running or pending by a worker that died."""
    from ilot.docai.tasks import document_analyse

    cutoff = timezone.now() - STUCK_AFTER
    with rls.as_system():
        stuck = list(
            DocumentAnalysis.objects.filter(
                status__in=[AnalysisStatus.RUNNING, AnalysisStatus.PENDING],
                updated_at__lt=cutoff,
                attempts__lt=MAX_ATTEMPTS,
            ).values_list("version_id", flat=True)
        )
        DocumentAnalysis.objects.filter(version_id__in=stuck).update(status=AnalysisStatus.PENDING)
    for version_id in stuck:
        document_analyse.enqueue(version_id)
    return len(stuck)


def _require_reviewer(actor: User, dossier_id: int) -> Any:
    dossier = dossier_for_actor(actor, dossier_id)
    participation = actor_participation(actor, dossier)
    if participation is None or not participation.is_bank:
        raise PermissionDenied(_("La revue est faite par l'équipe bancaire du dossier."))
    return dossier


@transaction.atomic
def analysis_review(
    *, actor: User, dossier_id: int, analysis_id: int, category: str
) -> DocumentAnalysis:
    """Confirm the suggestion or correct it; either way it is recorded and audited."""
    from ilot.workflows.taxonomy import category_codes

    dossier = _require_reviewer(actor, dossier_id)
    if category not in category_codes():
        raise ValidationFailed(_("Catégorie inconnue."), fields={"category": ["unknown"]})
    analysis = (
        DocumentAnalysis.objects.select_for_update()
        .filter(pk=analysis_id, dossier=dossier, status=AnalysisStatus.DONE)
        .first()
    )
    if analysis is None:
        raise NotFound()
    analysis.reviewed_by = actor
    analysis.reviewed_at = timezone.now()
    analysis.reviewed_category = category
    analysis.needs_review = False
    analysis.save(
        update_fields=[
            "reviewed_by",
            "reviewed_at",
            "reviewed_category",
            "needs_review",
            "updated_at",
        ]
    )
    _apply_category(analysis, category, auto=True)
    _tick_checklist(analysis, category)
    audit_record(
        action="docai.review_corrected" if analysis.was_corrected else "docai.review_confirmed",
        actor=actor,
        dossier_id=dossier.pk,
        obj=analysis.document,
        data={
            "suggested": analysis.category,
            "category": category,
            "model_version": analysis.model_version,
        },
    )
    return analysis


@transaction.atomic
def analysis_rerun(*, actor: User, dossier_id: int, document_id: int) -> DocumentAnalysis:
    """Run the pipeline again on a document's current version (after a failure, a fix, or a
    new model). The bank's deal team decides; a human review already made is kept apart as
    history in the audit trail, and the new prediction waits for review like any other."""
    from ilot.documents.access import audience_for, visible_documents

    dossier = _require_reviewer(actor, dossier_id)
    document = (
        visible_documents(audience_for(actor, dossier))
        .select_related("current_version")
        .filter(pk=document_id)
        .first()
    )
    if document is None or document.current_version is None:
        raise NotFound()
    analysis = analysis_enqueue(version=document.current_version)
    analysis = DocumentAnalysis.objects.select_for_update().get(pk=analysis.pk)
    if analysis.status == AnalysisStatus.RUNNING:
        raise Conflict(_("L'analyse de ce document est en cours."))
    previous = {"status": analysis.status, "category": analysis.final_category}
    analysis.status = AnalysisStatus.PENDING
    analysis.attempts = 0
    analysis.error = ""
    analysis.reviewed_by, analysis.reviewed_at, analysis.reviewed_category = None, None, ""
    analysis.save()
    audit_record(
        action="docai.rerun_requested",
        actor=actor,
        dossier_id=dossier.pk,
        obj=document,
        data={"version": document.current_version.number, "previous": previous},
    )
    return analysis
