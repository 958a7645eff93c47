"""Bearer-token authentication for the API, idle timeout and enforced two-factor enrolment."""

from __future__ import annotations

import time
from collections.abc import Callable

from django.conf import settings
from django.contrib.auth import logout
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.urls import reverse

from ilot.tenancy.services import api_token_authenticate, has_confirmed_device, two_factor_required

IDLE_KEY = "ilot_last_seen"


class ApiTokenAuthenticationMiddleware:
    """`Authorization: Bearer <token>` sets request.user for the API (and only the API)."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        header = request.META.get("HTTP_AUTHORIZATION", "")
        request.ilot_token_auth = False  # type: ignore[attr-defined]
        if request.path.startswith("/api/") and header.lower().startswith("bearer "):
            from django.contrib.auth.models import AnonymousUser

            user = api_token_authenticate(header[7:].strip())
            request.user = user if user is not None else AnonymousUser()
            request.ilot_token_auth = user is not None  # type: ignore[attr-defined]
        return self.get_response(request)


EXEMPT_PREFIXES = ("/static/", "/api/", "/i18n/", "/accounts/", "/healthz", "/invitations/")


class SessionSecurityMiddleware:
    """Sign out idle sessions; hold users whose organisation requires 2FA until they enrol."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        user = request.user
        if user.is_authenticated and not getattr(request, "ilot_token_auth", False):
            now = int(time.time())
            last_seen = request.session.get(IDLE_KEY, now)
            if now - int(last_seen) > settings.ILOT_SESSION_IDLE_MINUTES * 60:
                logout(request)
                return HttpResponseRedirect(reverse("web:login") + "?expired=1")
            request.session[IDLE_KEY] = now
            if (
                not request.path.startswith(EXEMPT_PREFIXES)
                and two_factor_required(user)
                and not has_confirmed_device(user)
            ):
                return HttpResponseRedirect(reverse("web:two_factor") + "?required=1")
        return self.get_response(request)
