"""One exception tree for Ilot. Every error a user can meet is an `IlotError`.

Views and API handlers map these to one JSON shape (`{"error": {"code", "message", "fields"}}`)
or to a page message; services raise them and never return error flags.
"""

from __future__ import annotations

from django.utils.functional import Promise


class IlotError(Exception):
    """Base of every expected error; `status` is the HTTP status it maps to."""

    status = 400
    code = "invalid"

    def __init__(
        self,
        message: str | Promise,
        *,
        code: str | None = None,
        fields: dict[str, list[str]] | None = None,
    ) -> None:
        super().__init__(str(message))
        self.message = str(message)
        if code is not None:
            self.code = code
        self.fields = fields or {}

    def as_dict(self) -> dict[str, object]:
        body: dict[str, object] = {"code": self.code, "message": self.message}
        if self.fields:
            body["fields"] = self.fields
        return {"error": body}


class ValidationFailed(IlotError):
    status = 400
    code = "validation_failed"


class NotFound(IlotError):
    """Missing and forbidden look the same to the caller: both are NotFound (404)."""

    status = 404
    code = "not_found"

    def __init__(self, message: str | Promise = "Not found.", **kwargs: object) -> None:
        super().__init__(message, **kwargs)  # type: ignore[arg-type]


class PermissionDenied(IlotError):
    """For actions on an object the actor may see but not change (e.g. a viewer inviting)."""

    status = 403
    code = "permission_denied"


class Conflict(IlotError):
    status = 409
    code = "conflict"


class AuthenticationFailed(IlotError):
    status = 401
    code = "authentication_failed"


class TooManyAttempts(IlotError):
    status = 429
    code = "too_many_attempts"
