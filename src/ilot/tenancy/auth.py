"""Authentication backend: e-mail and password, with account lockout handled by services."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.backends import BaseBackend
from django.http import HttpRequest

from ilot.tenancy.models import User


class EmailBackend(BaseBackend):
    def authenticate(
        self,
        request: HttpRequest | None,
        username: str | None = None,
        password: str | None = None,
        **kwargs: Any,
    ) -> User | None:
        email = (kwargs.get("email") or username or "").strip().lower()
        if not email or not password:
            return None
        user = User.objects.filter(email=email).first()
        if user is None:
            # Same cost as a real check, so response time does not reveal which e-mails exist.
            User().set_password(password)
            return None
        if user.is_active and user.check_password(password):
            return user
        return None

    def get_user(self, user_id: int) -> User | None:
        return User.objects.filter(pk=user_id, is_active=True).first()
