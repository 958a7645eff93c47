"""Data room pages (the Documents tab's actions). Thin: services and selectors do the work."""

from __future__ import annotations

import csv
from collections.abc import Iterator

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse, StreamingHttpResponse
from django.http.response import HttpResponseBase
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from ilot.audit.models import Event
from ilot.audit.services import audit_record
from ilot.core.exceptions import IlotError, NotFound
from ilot.documents import delivery, selectors, services
from ilot.documents.access import audience_for, document_in_dossier
from ilot.dossiers.access import dossier_for_actor
from ilot.tenancy.access import request_actor


def _dossier(request: HttpRequest, dossier_id: int):  # type: ignore[no-untyped-def]
    try:
        return dossier_for_actor(request_actor(request), dossier_id)
    except NotFound as exc:
        raise Http404 from exc


def _back(dossier_id: int, request: HttpRequest) -> HttpResponse:
    query = request.POST.get("return_query", "")
    url = f"/dossiers/{dossier_id}/documents/"
    if query and query.startswith("?") and "//" not in query:
        url += query
    return redirect(url)


def _wants_json(request: HttpRequest) -> bool:
    return "application/json" in request.headers.get("Accept", "")


@login_required
@require_POST
def upload_view(request: HttpRequest, dossier_id: int) -> HttpResponse:
    """Multipart upload without JavaScript (and small files); results shown as messages."""
    dossier = _dossier(request, dossier_id)
    actor = request_actor(request)
    results: list[services.FileResult] = []
    try:
        for uploaded in request.FILES.getlist("file"):
            results += services.document_upload(
                actor=actor,
                dossier_id=dossier.pk,
                fileobj=uploaded,
                filename=uploaded.name or "document",
                folder=request.POST.get("folder") or None,
                visibility=request.POST.get("visibility") or None,
                share_with=[int(s) for s in request.POST.getlist("share_with") if s.isdigit()],
            )
    except IlotError as exc:
        if _wants_json(request):
            return JsonResponse(exc.as_dict(), status=exc.status)
        messages.error(request, exc.message)
        return _back(dossier.pk, request)
    if _wants_json(request):
        return JsonResponse({"results": [r.as_dict() for r in results]})
    for result in results:
        if result.status == "stored":
            messages.success(request, _("%(name)s : déposé.") % {"name": result.name})
        else:
            messages.warning(request, f"{result.name} : {result.message}")
    if not results:
        messages.error(request, _("Aucun fichier reçu."))
    return _back(dossier.pk, request)


@login_required
@require_POST
def bulk_view(request: HttpRequest, dossier_id: int) -> HttpResponseBase:
    """Bulk actions on the selected documents: move, visibility, delete, restore, zip."""
    dossier = _dossier(request, dossier_id)
    actor = request_actor(request)
    action = request.POST.get("action", "")
    ids = [i for i in request.POST.getlist("documents") if i.isdigit()]
    try:
        if not ids:
            raise IlotError(_("Sélectionnez au moins un document."))
        if action == "zip":
            documents = [document_in_dossier(actor, dossier.pk, i) for i in ids]
            name = f"{dossier.reference}-{timezone.localdate():%Y%m%d}.zip"
            return delivery.zip_response(actor=actor, documents=documents, name=name)
        if action == "move":
            count = services.documents_move(
                actor=actor,
                dossier_id=dossier.pk,
                document_ids=ids,
                folder_id=request.POST.get("folder", ""),
            )
            messages.success(request, _("%(n)d document(s) déplacé(s).") % {"n": count})
        elif action == "visibility":
            count = services.documents_set_visibility(
                actor=actor,
                dossier_id=dossier.pk,
                document_ids=ids,
                visibility=request.POST.get("visibility", ""),
                share_with=[int(s) for s in request.POST.getlist("share_with") if s.isdigit()],
            )
            messages.success(
                request, _("Visibilité modifiée pour %(n)d document(s).") % {"n": count}
            )
        elif action == "delete":
            count = services.documents_delete(actor=actor, dossier_id=dossier.pk, document_ids=ids)
            messages.success(request, _("%(n)d document(s) mis à la corbeille.") % {"n": count})
        elif action == "restore":
            count = services.documents_restore(actor=actor, dossier_id=dossier.pk, document_ids=ids)
            messages.success(request, _("%(n)d document(s) restauré(s).") % {"n": count})
        else:
            raise IlotError(_("Action inconnue."))
    except NotFound as exc:
        raise Http404 from exc
    except IlotError as exc:
        messages.error(request, exc.message)
    return _back(dossier.pk, request)


@login_required
@require_POST
def folders_view(request: HttpRequest, dossier_id: int) -> HttpResponse:
    """Folder management by the bank: create, rename, reorder."""
    dossier = _dossier(request, dossier_id)
    actor = request_actor(request)
    action = request.POST.get("action", "")
    try:
        folder_id = int(request.POST.get("folder") or 0)
        if action == "create":
            services.folder_create(
                actor=actor,
                dossier_id=dossier.pk,
                name=request.POST.get("name", ""),
                parent_id=folder_id or None,
            )
            messages.success(request, _("Dossier de classement créé."))
        elif action == "rename":
            services.folder_rename(
                actor=actor,
                dossier_id=dossier.pk,
                folder_id=folder_id,
                name=request.POST.get("name", ""),
            )
            messages.success(request, _("Dossier de classement renommé."))
        elif action in ("up", "down"):
            services.folder_move(
                actor=actor,
                dossier_id=dossier.pk,
                folder_id=folder_id,
                direction=-1 if action == "up" else 1,
            )
        else:
            raise IlotError(_("Action inconnue."))
    except NotFound as exc:
        raise Http404 from exc
    except (IlotError, ValueError) as exc:
        messages.error(request, getattr(exc, "message", str(exc)))
    return _back(dossier.pk, request)


@login_required
@require_GET
def document_panel_view(request: HttpRequest, dossier_id: int, document_id: int) -> HttpResponse:
    """The versions panel of one document (loaded into the side panel)."""
    actor = request_actor(request)
    try:
        document, audience = document_in_dossier(actor, dossier_id, document_id)
    except NotFound as exc:
        raise Http404 from exc
    services.document_record_access(actor=actor, document=document, action="document.viewed")
    versions = selectors.document_versions(actor=actor, document_id=document.pk)
    return render(
        request,
        "documents/_panel.html",
        {
            "document": document,
            "dossier_id": document.dossier_id,
            "versions": versions,
            "audience": audience,
            "may_original": delivery.may_get_original(audience, document),
            "previewable": document.current_version is not None
            and document.current_version.kind in ("pdf", "png", "jpeg", "tiff")
            and not document.is_encrypted,
        },
    )


@login_required
@require_POST
def version_upload_view(request: HttpRequest, dossier_id: int, document_id: int) -> HttpResponse:
    actor = request_actor(request)
    try:
        document, _audience = document_in_dossier(actor, dossier_id, document_id)
    except NotFound as exc:
        raise Http404 from exc
    uploaded = request.FILES.get("file")
    if uploaded is None:
        messages.error(request, _("Aucun fichier reçu."))
        return _back(document.dossier_id, request)
    result = services.document_add_version(
        actor=actor,
        document_id=document.pk,
        fileobj=uploaded,
        filename=uploaded.name or document.name,
    )
    if result.status == "stored":
        messages.success(
            request,
            _("Version %(n)d de %(name)s déposée.") % {"n": result.version, "name": document.name},
        )
    else:
        messages.warning(request, f"{result.name} : {result.message}")
    return _back(document.dossier_id, request)


class _Echo:
    def write(self, value: str) -> str:
        return value


@login_required
@require_GET
def activity_csv_view(request: HttpRequest, dossier_id: int) -> HttpResponseBase:
    """The dossier's audit trail as CSV (inside the wall; the export itself is audited)."""
    dossier = _dossier(request, dossier_id)
    actor = request_actor(request)
    audience_for(actor, dossier)
    audit_record(
        action="dossier.activity_exported", actor=actor, dossier_id=dossier.pk, obj=dossier
    )
    # Materialised now: the body streams after the request's transaction (and its RLS actor).
    rows = list(
        Event.objects.filter(dossier_id=dossier.pk)
        .order_by("seq")
        .values_list(
            "seq",
            "occurred_at",
            "actor_label",
            "action",
            "object_type",
            "object_id",
            "data",
            "hash",
        )[:100_000]
    )

    def generate() -> Iterator[str]:
        writer = csv.writer(_Echo())
        yield "\ufeff" + writer.writerow(
            ["seq", "occurred_at", "actor", "action", "object_type", "object_id", "data", "hash"]
        )
        for seq, when, who, what, otype, oid, data, digest in rows:
            yield writer.writerow([seq, when.isoformat(), who, what, otype, oid, data, digest])

    response = StreamingHttpResponse(generate(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{dossier.reference}-activity.csv"'
    return response
