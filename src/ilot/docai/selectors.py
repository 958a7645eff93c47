"""Reads of document-AI results, inside the walls (and the documents' own visibility)."""

from __future__ import annotations

from django.db.models import QuerySet

from ilot.docai.models import AnalysisStatus, DocumentAnalysis
from ilot.dossiers.access import dossier_for_actor
from ilot.tenancy.models import User


def review_queue(*, actor: User, dossier_id: int) -> QuerySet[DocumentAnalysis]:
    """What the model was unsure of in this dossier, least confident first."""
    from ilot.documents.access import audience_for, visible_documents

    dossier = dossier_for_actor(actor, dossier_id)
    visible = visible_documents(audience_for(actor, dossier)).values("id")
    return (
        DocumentAnalysis.objects.filter(
            dossier=dossier,
            status=AnalysisStatus.DONE,
            needs_review=True,
            reviewed_at__isnull=True,
            document_id__in=visible,
        )
        .select_related("document", "version")
        .order_by("confidence", "created_at")
    )


def analyses_of_documents(
    *, actor: User, dossier_id: int, document_ids: list[int]
) -> dict[int, DocumentAnalysis]:
    """The current version's analysis of each listed document the actor may see (one query)."""
    from django.db.models import F

    from ilot.documents.access import audience_for, visible_documents

    dossier = dossier_for_actor(actor, dossier_id)
    visible = visible_documents(audience_for(actor, dossier)).filter(pk__in=document_ids)
    rows = DocumentAnalysis.objects.filter(
        dossier=dossier,
        document_id__in=visible.values("id"),
        version_id=F("document__current_version_id"),
    )
    return {a.document_id: a for a in rows}
