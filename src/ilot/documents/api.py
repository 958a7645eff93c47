"""Data room REST API (mounted under /api/v1; the tus endpoint is a raw view in views.py).

Handlers are thin: access and writes are in `access`, `services`, `selectors`, `delivery`.
Multipart bodies are read from `request.FILES` after the wall check, so that a caller outside
the wall gets the same 404 as for a missing dossier, whatever they send.
"""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest, HttpResponse
from django.http.response import HttpResponseBase
from ninja import Router, Schema

from ilot.core.exceptions import ValidationFailed
from ilot.documents import delivery, selectors, services
from ilot.documents.access import document_for_actor
from ilot.dossiers.access import dossier_for_actor
from ilot.tenancy.access import request_actor

router = Router(tags=["documents"])


def _flag(value: str | None) -> bool:
    return (value or "").lower() in ("1", "true", "yes", "on")


@router.get("/dossiers/{dossier_id}/documents")
def list_documents(
    request: HttpRequest,
    dossier_id: str,
    folder: int | None = None,
    q: str = "",
    sort: str = "name",
    trash: bool = False,
) -> list[dict[str, Any]]:
    documents, _audience = selectors.dossier_documents(
        actor=request_actor(request),
        dossier_id=dossier_id,
        folder_id=folder,
        search=q[:100],
        sort=sort,
        trash=trash,
    )
    return [selectors.document_as_dict(d) for d in documents[:5000]]


@router.post("/dossiers/{dossier_id}/documents")
def upload_documents(request: HttpRequest, dossier_id: str) -> HttpResponse:
    """Multipart upload of small files (field `file`, repeatable); zips are expanded."""
    actor = request_actor(request)
    dossier = dossier_for_actor(actor, dossier_id)
    files = request.FILES.getlist("file")
    if not files:
        raise ValidationFailed("No file in the request.", fields={"file": ["required"]})
    paths = request.POST.getlist("relative_path")
    results: list[dict[str, Any]] = []
    for index, uploaded in enumerate(files):
        for result in services.document_upload(
            actor=actor,
            dossier_id=dossier.pk,
            fileobj=uploaded,
            filename=uploaded.name or "document",
            folder=request.POST.get("folder") or None,
            visibility=request.POST.get("visibility") or None,
            share_with=[int(s) for s in request.POST.getlist("share_with") if s.isdigit()],
            relative_path=paths[index] if index < len(paths) else "",
            via="api",
        ):
            results.append(result.as_dict())
    status = 201 if any(r["status"] == "stored" for r in results) else 200
    from ilot.config.api import api

    return api.create_response(request, {"results": results}, status=status)


@router.get("/documents/{document_id}")
def get_document(request: HttpRequest, document_id: str) -> dict[str, Any]:
    actor = request_actor(request)
    document, _audience = document_for_actor(actor, document_id)
    services.document_record_access(actor=actor, document=document, action="document.viewed")
    body = selectors.document_as_dict(document)
    body["versions"] = [
        selectors.version_as_dict(v)
        for v in selectors.document_versions(actor=actor, document_id=document.pk)
    ]
    return body


class DocumentChange(Schema):
    folder: int | None = None
    visibility: str | None = None
    share_with: list[int] = []


@router.patch("/documents/{document_id}")
def change_document(
    request: HttpRequest, document_id: str, payload: DocumentChange
) -> dict[str, Any]:
    actor = request_actor(request)
    document, _audience = document_for_actor(actor, document_id)
    if payload.folder is not None:
        services.documents_move(
            actor=actor,
            dossier_id=document.dossier_id,
            document_ids=[document.pk],
            folder_id=payload.folder,
        )
    if payload.visibility is not None:
        services.documents_set_visibility(
            actor=actor,
            dossier_id=document.dossier_id,
            document_ids=[document.pk],
            visibility=payload.visibility,
            share_with=payload.share_with,
        )
    document, _audience = document_for_actor(actor, document.pk)
    return selectors.document_as_dict(document)


@router.delete("/documents/{document_id}")
def delete_document(request: HttpRequest, document_id: str) -> HttpResponse:
    actor = request_actor(request)
    document, _audience = document_for_actor(actor, document_id)
    services.documents_delete(
        actor=actor, dossier_id=document.dossier_id, document_ids=[document.pk]
    )
    return HttpResponse(status=204)


@router.post("/documents/{document_id}/restore")
def restore_document(request: HttpRequest, document_id: str) -> dict[str, Any]:
    actor = request_actor(request)
    document, _audience = document_for_actor(actor, document_id, include_deleted=True)
    services.documents_restore(
        actor=actor, dossier_id=document.dossier_id, document_ids=[document.pk]
    )
    document, _audience = document_for_actor(actor, document.pk)
    return selectors.document_as_dict(document)


@router.get("/documents/{document_id}/versions")
def list_versions(request: HttpRequest, document_id: str) -> list[dict[str, Any]]:
    actor = request_actor(request)
    return [
        selectors.version_as_dict(v)
        for v in selectors.document_versions(actor=actor, document_id=document_id)
    ]


@router.post("/documents/{document_id}/versions")
def add_version(request: HttpRequest, document_id: str) -> HttpResponse:
    actor = request_actor(request)
    document, _audience = document_for_actor(actor, document_id)
    uploaded = request.FILES.get("file")
    if uploaded is None:
        raise ValidationFailed("No file in the request.", fields={"file": ["required"]})
    result = services.document_add_version(
        actor=actor,
        document_id=document.pk,
        fileobj=uploaded,
        filename=uploaded.name or document.name,
        via="api",
    )
    from ilot.config.api import api

    return api.create_response(
        request, result.as_dict(), status=201 if result.status == "stored" else 200
    )


@router.get("/documents/{document_id}/download")
def download(
    request: HttpRequest, document_id: str, version: int | None = None, original: str = ""
) -> HttpResponseBase:
    return delivery.download_response(
        actor=request_actor(request),
        document_id=document_id,
        version=version,
        original=_flag(original),
    )


@router.get("/documents/{document_id}/preview/{page}")
def preview(request: HttpRequest, document_id: str, page: int, width: int = 1024) -> HttpResponse:
    return delivery.preview_response(
        actor=request_actor(request), document_id=document_id, page=page, width=width
    )


@router.get("/documents/{document_id}/thumbnail")
def thumbnail(request: HttpRequest, document_id: str) -> HttpResponse:
    return delivery.preview_response(
        actor=request_actor(request), document_id=document_id, thumbnail=True
    )
