"""API of document AI, mounted under /api/v1 with full paths, inside the walls and the
documents' own visibility: the analysis of a document one cannot see answers 404."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from ninja import Router

from ilot.core.exceptions import NotFound
from ilot.docai.models import DocumentAnalysis
from ilot.docai.services import analysis_rerun
from ilot.documents.access import document_for_actor
from ilot.tenancy.access import request_actor

router = Router(tags=["document AI"])


def analysis_as_dict(analysis: DocumentAnalysis) -> dict[str, Any]:
    return {
        "document_id": analysis.document_id,
        "version": analysis.version.number,
        "status": analysis.status,
        "category": analysis.final_category or None,
        "predicted_category": analysis.category or None,
        "confidence": analysis.confidence,
        "needs_review": analysis.needs_review,
        "top": analysis.top,
        "fields": analysis.fields,
        "evidence": analysis.evidence,
        "pages": analysis.pages,
        "ocr_pages": analysis.ocr_pages,
        "seconds": analysis.seconds,
        "model_version": analysis.model_version or None,
        "error": analysis.error or None,
        "reviewed_at": analysis.reviewed_at.isoformat() if analysis.reviewed_at else None,
        "updated_at": analysis.updated_at.isoformat(),
    }


@router.get("/documents/{document_id}/analysis")
def get_analysis(request: HttpRequest, document_id: str) -> dict[str, Any]:
    """The analysis of the document's current version (status while it runs, then results)."""
    document, _audience = document_for_actor(request_actor(request), document_id)
    analysis = (
        DocumentAnalysis.objects.select_related("version")
        .filter(version_id=document.current_version_id)
        .first()
    )
    if analysis is None:
        raise NotFound()
    return analysis_as_dict(analysis)


@router.post("/documents/{document_id}/analysis")
def rerun_analysis(request: HttpRequest, document_id: str) -> dict[str, Any]:
    """Queue the pipeline again on the current version (bank deal team)."""
    actor = request_actor(request)
    document, _audience = document_for_actor(actor, document_id)
    analysis = analysis_rerun(actor=actor, dossier_id=document.dossier_id, document_id=document.pk)
    return analysis_as_dict(analysis)
