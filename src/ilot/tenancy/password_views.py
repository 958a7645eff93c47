"""Password reset and first password, on Django's token views, audited and lockout-aware.

A new account created by a platform administrator has no usable password: it receives the same
one-time link as "forgotten password" to choose one. Links expire (PASSWORD_RESET_TIMEOUT).
"""

from __future__ import annotations

from typing import Any

from django.contrib.auth import views as auth_views
from django.http import HttpResponse
from django.urls import reverse_lazy

from ilot.audit.services import audit_record
from ilot.core.middleware import client_ip
from ilot.tenancy.models import User


class PasswordResetView(auth_views.PasswordResetView):
    template_name = "web/password_reset.html"
    email_template_name = "web/email/password_reset.txt"
    subject_template_name = "web/email/password_reset_subject.txt"
    success_url = reverse_lazy("web:password_reset_done")

    def form_valid(self, form: Any) -> HttpResponse:
        # Same answer whether or not the address has an account.
        audit_record(
            action="auth.password_reset_requested",
            actor_label=form.cleaned_data.get("email", ""),
            ip_address=client_ip(self.request),
        )
        return super().form_valid(form)


class PasswordResetDoneView(auth_views.PasswordResetDoneView):
    template_name = "web/password_reset_done.html"


class PasswordResetConfirmView(auth_views.PasswordResetConfirmView):
    template_name = "web/password_reset_confirm.html"
    success_url = reverse_lazy("web:login")
    post_reset_login = False

    def form_valid(self, form: Any) -> HttpResponse:
        response = super().form_valid(form)
        user: User = form.user
        User.objects.filter(pk=user.pk).update(failed_logins=0, locked_until=None)
        audit_record(
            action="auth.password_set", actor=user, obj=user, ip_address=client_ip(self.request)
        )
        return response
