"""Who is acting: the signed-in user of a request, typed."""

from __future__ import annotations

from django.http import Http404, HttpRequest

from ilot.tenancy.models import User


def request_actor(request: HttpRequest) -> User:
    """The authenticated user behind a request (views are behind login_required or API auth)."""
    user = request.user
    if not isinstance(user, User) or not user.is_authenticated:
        raise Http404
    return user
