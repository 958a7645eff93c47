"""Request-wide transaction carrying the RLS actor."""

from __future__ import annotations

from collections.abc import Callable

from django.http import HttpRequest, HttpResponse

from ilot.core.rls import acting_as


class ActorTransactionMiddleware:
    """Wrap each request in one transaction whose `ilot.actor` is the signed-in user.

    Row-level security keys on that transaction-scoped setting, so every query the request
    makes is walled at the database too. Anonymous requests run with no actor: they see no
    protected row at all. Streamed bodies (downloads) are produced after the transaction and
    must not query protected tables.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        user = getattr(request, "user", None)
        actor = user.pk if user is not None and user.is_authenticated else None
        with acting_as(actor):
            return self.get_response(request)


def client_ip(request: HttpRequest) -> str | None:
    """The client address; behind a proxy, the first X-Forwarded-For hop set by that proxy."""
    from django.conf import settings

    if getattr(settings, "SECURE_PROXY_SSL_HEADER", None):
        forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "")
        if forwarded:
            return forwarded.split(",")[0].strip() or None
    return request.META.get("REMOTE_ADDR") or None
