"""The tus 1.0 endpoint (core, creation, termination, checksum) at /api/v1/uploads/.

A raw Django view rather than a django-ninja route: PATCH bodies must stream from the socket
to the staging file, never be parsed or buffered. Authentication is the API's (bearer token,
resolved by middleware) or the browser session, which must then send its CSRF token in
`X-CSRFToken` on every write. Every answer carries `Tus-Resumable`.
"""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest, HttpResponse, JsonResponse
from django.middleware.csrf import CsrfViewMiddleware
from django.views.decorators.csrf import csrf_exempt

from ilot.core.exceptions import AuthenticationFailed, IlotError
from ilot.documents import conf, selectors, services
from ilot.documents.exceptions import DocumentError, TusError
from ilot.documents.tus import (
    TUS_VERSION,
    check_tus_resumable,
    created_headers,
    effective_method,
    error_headers,
    head_headers,
    options_headers,
    parse_creation,
    parse_patch,
    patch_headers,
    termination_headers,
)
from ilot.tenancy.models import User

_EXPOSE = (
    "Location, Upload-Offset, Upload-Length, Upload-Expires, Upload-Metadata, Tus-Resumable, "
    "Tus-Version, Tus-Extension, Tus-Max-Size, Tus-Checksum-Algorithm, Ilot-Upload-Status"
)


def _respond(status: int, headers: dict[str, str], body: Any = None) -> HttpResponse:
    response = HttpResponse(status=status) if body is None else JsonResponse(body, status=status)
    for key, value in headers.items():
        response[key] = value
    response["Access-Control-Expose-Headers"] = _EXPOSE
    response["Cache-Control"] = "no-store"
    return response


def _error(exc: IlotError) -> HttpResponse:
    headers = error_headers(exc) if isinstance(exc, TusError) else {"Tus-Resumable": TUS_VERSION}
    return _respond(exc.status, headers, exc.as_dict())


def _actor(request: HttpRequest) -> User:
    user = request.user
    if not isinstance(user, User) or not user.is_authenticated:
        raise AuthenticationFailed("Authentication required.", code="authentication_required")
    if not getattr(request, "ilot_token_auth", False):
        # Session: Django's CSRF check, with the token in the X-CSRFToken header.
        refusal = CsrfViewMiddleware(lambda r: HttpResponse()).process_view(
            request, lambda r: HttpResponse(), (), {}
        )
        if refusal is not None:
            raise IlotError("CSRF token missing or incorrect.", code="csrf_failed")
    return user


def _location(request: HttpRequest, upload_id: str) -> str:
    return request.build_absolute_uri(f"/api/v1/uploads/{upload_id}")


def _status_header(upload: Any) -> dict[str, str]:
    results = (upload.result or {}).get("results", [])
    if not results:
        return {}
    statuses = {r["status"] for r in results}
    return {"Ilot-Upload-Status": statuses.pop() if len(statuses) == 1 else "mixed"}


@csrf_exempt
def uploads_view(request: HttpRequest) -> HttpResponse:
    """OPTIONS (capabilities) and POST (creation)."""
    method = effective_method(request.method or "GET", request.headers)
    try:
        if method == "OPTIONS":
            return _respond(204, options_headers(max_size=conf.max_upload_bytes()))
        if method != "POST":
            return _respond(405, {"Tus-Resumable": TUS_VERSION, "Allow": "OPTIONS, POST"})
        actor = _actor(request)
        creation = parse_creation(request.headers, max_size=conf.max_upload_bytes())
        upload = services.upload_create(
            actor=actor, length=creation.length, metadata=creation.metadata
        )
        headers = created_headers(location=_location(request, upload.pk), expires=upload.expires_at)
        headers["Upload-Offset"] = "0"
        return _respond(201, headers)
    except IlotError as exc:
        return _error(exc)


@csrf_exempt
def upload_view(request: HttpRequest, upload_id: str) -> HttpResponse:
    """HEAD (offset), PATCH (append), DELETE (terminate); GET gives the per-file results."""
    method = effective_method(request.method or "GET", request.headers)
    try:
        if method == "OPTIONS":
            return _respond(204, options_headers(max_size=conf.max_upload_bytes()))
        if method not in ("HEAD", "PATCH", "DELETE", "GET"):
            return _respond(
                405, {"Tus-Resumable": TUS_VERSION, "Allow": "HEAD, PATCH, DELETE, GET"}
            )
        actor = _actor(request)
        if method == "GET":
            upload, state = services.upload_state(actor=actor, upload_id=upload_id)
            body = selectors.upload_result(upload)
            if state is not None:
                body["offset"] = state.offset
            return _respond(200, {"Tus-Resumable": TUS_VERSION, **_status_header(upload)}, body)
        check_tus_resumable(request.headers)
        if method == "HEAD":
            upload, state = services.upload_state(actor=actor, upload_id=upload_id)
            offset = state.offset if state is not None else upload.length
            headers = head_headers(
                offset=offset,
                length=upload.length,
                expires=state.expires_at if state is not None else None,
            )
            return _respond(200, {**headers, **_status_header(upload)})
        if method == "PATCH":
            patch = parse_patch(request.headers)
            upload, offset = services.upload_append(
                actor=actor,
                upload_id=upload_id,
                offset=patch.offset,
                body=request,
                checksum=patch.checksum,
                content_length=patch.content_length,
            )
            headers = patch_headers(offset=offset, expires=upload.expires_at)
            return _respond(204, {**headers, **_status_header(upload)})
        services.upload_terminate(actor=actor, upload_id=upload_id)
        return _respond(204, termination_headers())
    except DocumentError as exc:
        return _error(exc)
    except IlotError as exc:
        return _error(exc)
