"""The REST API (django-ninja, OpenAPI at /api/docs) and its one JSON error shape."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import RequestDataTooBig
from django.http import HttpRequest, HttpResponse
from ninja import NinjaAPI
from ninja.errors import AuthenticationError, HttpError
from ninja.errors import ValidationError as NinjaValidationError
from ninja.security import APIKeyHeader, HttpBearer

from ilot.core.exceptions import IlotError


class BearerToken(HttpBearer):
    """Token resolved by ApiTokenAuthenticationMiddleware; here we only require it succeeded."""

    def authenticate(self, request: HttpRequest, token: str) -> Any:
        if getattr(request, "ilot_token_auth", False) and request.user.is_authenticated:
            return request.user
        return None


class SessionAuth(APIKeyHeader):
    """The browser's own session (htmx calls), with Django's CSRF protection on writes."""

    param_name = "X-CSRFToken"

    def __init__(self) -> None:
        super().__init__()
        self.csrf = True

    def _get_key(self, request: HttpRequest) -> str | None:
        return "session"

    def authenticate(self, request: HttpRequest, key: str | None) -> Any:
        if not getattr(request, "ilot_token_auth", False) and request.user.is_authenticated:
            return request.user
        return None


api = NinjaAPI(
    title="Ilot API",
    version="1",
    urls_namespace="api",
    docs_url="/docs",
    auth=[BearerToken(), SessionAuth()],
)


def error_response(
    request: HttpRequest,
    status: int,
    code: str,
    message: str,
    fields: dict[str, list[str]] | None = None,
) -> HttpResponse:
    body: dict[str, Any] = {"code": code, "message": message}
    if fields:
        body["fields"] = fields
    return api.create_response(request, {"error": body}, status=status)


@api.exception_handler(IlotError)
def _ilot_error(request: HttpRequest, exc: IlotError) -> HttpResponse:
    return error_response(request, exc.status, exc.code, exc.message, exc.fields)


@api.exception_handler(NinjaValidationError)
def _validation_error(request: HttpRequest, exc: NinjaValidationError) -> HttpResponse:
    fields: dict[str, list[str]] = {}
    for error in exc.errors:
        location = [str(part) for part in error.get("loc", []) if part not in ("body", "payload")]
        fields.setdefault(".".join(location) or "body", []).append(str(error.get("msg", "invalid")))
    return error_response(request, 422, "validation_failed", "The request is not valid.", fields)


@api.exception_handler(AuthenticationError)
def _authentication_error(request: HttpRequest, exc: AuthenticationError) -> HttpResponse:
    return error_response(request, 401, "authentication_required", "Authentication required.")


@api.exception_handler(HttpError)
def _http_error(request: HttpRequest, exc: HttpError) -> HttpResponse:
    code = {404: "not_found", 400: "bad_request", 405: "method_not_allowed"}.get(
        exc.status_code, "error"
    )
    return error_response(request, exc.status_code, code, str(exc))


@api.exception_handler(RequestDataTooBig)
def _too_big(request: HttpRequest, exc: RequestDataTooBig) -> HttpResponse:
    return error_response(request, 413, "payload_too_large", "The request body is too large.")


def _register_routers() -> None:
    from ilot.docai.api import router as docai_router
    from ilot.documents.api import router as documents_router
    from ilot.dossiers.api import router as dossiers_router
    from ilot.tenancy.api import router as auth_router
    from ilot.workflows.api import router as workflows_router

    api.add_router("/v1/auth", auth_router)
    api.add_router("/v1/dossiers", dossiers_router)
    # These two routers hold their full paths under /v1 (e.g. /dossiers/{id}/documents).
    api.add_router("/v1", documents_router)
    api.add_router("/v1", workflows_router)
    api.add_router("/v1", docai_router)


_register_routers()
