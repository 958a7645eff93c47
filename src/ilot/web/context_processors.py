"""Values every page of the shell needs."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest

from ilot.tenancy.selectors import user_primary_organisation


def shell(request: HttpRequest) -> dict[str, Any]:
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}
    return {"current_organisation": user_primary_organisation(user)}
