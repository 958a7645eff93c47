"""Sign-in (two steps when the user has a TOTP device), sign-out, two-factor enrolment."""

from __future__ import annotations

import base64

import pyotp
import segno
from django.contrib import messages
from django.contrib.auth import login, logout
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_POST

from ilot.core.exceptions import IlotError
from ilot.core.middleware import client_ip
from ilot.tenancy import services
from ilot.tenancy.models import User
from ilot.web.forms import LoginForm, OtpForm

PENDING_KEY = "ilot_pending_user"


def _safe_next(request: HttpRequest) -> str:
    target = request.POST.get("next") or request.GET.get("next") or ""
    if target and url_has_allowed_host_and_scheme(
        target, {request.get_host()}, require_https=request.is_secure()
    ):
        return target
    return "/"


def _complete_login(request: HttpRequest, user: User, method: str) -> HttpResponse:
    services.sign_in_succeeded(user=user, ip_address=client_ip(request), method=method)
    login(request, user, backend="ilot.tenancy.auth.EmailBackend")
    request.session["django_language"] = user.language
    return redirect(_safe_next(request))


@never_cache
@require_http_methods(["GET", "POST"])
def login_view(request: HttpRequest) -> HttpResponse:
    if request.user.is_authenticated:
        return redirect("web:home")
    form = LoginForm(request.POST or None)
    error = ""
    if request.method == "POST" and form.is_valid():
        try:
            user = services.credentials_check(
                email=form.cleaned_data["email"],
                password=form.cleaned_data["password"],
                ip_address=client_ip(request),
            )
        except IlotError as exc:
            error = exc.message
        else:
            if services.has_confirmed_device(user):
                request.session.cycle_key()
                request.session[PENDING_KEY] = user.pk
                return redirect(f"/accounts/login/otp/?next={_safe_next(request)}")
            return _complete_login(request, user, "password")
    elif request.method == "POST":
        error = _("Adresse e-mail ou mot de passe incorrect.")
    expired = request.GET.get("expired") == "1"
    return render(
        request,
        "web/login.html",
        {"form": form, "error": error, "expired": expired, "next": _safe_next(request)},
        status=400 if error else 200,
    )


@never_cache
@require_http_methods(["GET", "POST"])
def login_otp_view(request: HttpRequest) -> HttpResponse:
    user_id = request.session.get(PENDING_KEY)
    user = User.objects.filter(pk=user_id, is_active=True).first() if user_id else None
    if user is None:
        return redirect("web:login")
    form = OtpForm(request.POST or None)
    error = ""
    if request.method == "POST" and form.is_valid():
        try:
            services.totp_verify(
                user=user, code=form.cleaned_data["code"], ip_address=client_ip(request)
            )
        except IlotError as exc:
            error = exc.message
        else:
            del request.session[PENDING_KEY]
            return _complete_login(request, user, "password+totp")
    return render(
        request,
        "web/login_otp.html",
        {"form": form, "error": error, "next": _safe_next(request)},
        status=400 if error else 200,
    )


@require_POST
def logout_view(request: HttpRequest) -> HttpResponse:
    if request.user.is_authenticated:
        from ilot.audit.services import audit_record

        audit_record(action="auth.sign_out", actor=request.user, ip_address=client_ip(request))
    logout(request)
    return redirect("web:login")


def _qr_data_uri(uri: str) -> str:
    svg = segno.make(uri, error="m").svg_inline(scale=5, dark="#0b1f33")
    return "data:image/svg+xml;base64," + base64.b64encode(svg.encode()).decode()


@never_cache
@login_required
@require_http_methods(["GET", "POST"])
def two_factor_view(request: HttpRequest) -> HttpResponse:
    user: User = request.user  # type: ignore[assignment]
    action = request.POST.get("action", "")
    if request.method == "POST" and action == "disable":
        try:
            services.totp_disable(actor=user, user=user)
            messages.success(request, _("Double authentification désactivée."))
        except IlotError as exc:
            messages.error(request, exc.message)
        return redirect("web:two_factor")
    if request.method == "POST" and action == "confirm":
        form = OtpForm(request.POST)
        if form.is_valid():
            try:
                services.totp_enrolment_confirm(user=user, code=form.cleaned_data["code"])
                messages.success(request, _("Double authentification activée."))
                return redirect("web:home")
            except IlotError as exc:
                messages.error(request, exc.message)
    confirmed = services.has_confirmed_device(user)
    context: dict[str, object] = {
        "confirmed": confirmed,
        "required": services.two_factor_required(user),
        "form": OtpForm(),
    }
    if not confirmed:
        device = services.totp_enrolment_start(user=user)
        uri = pyotp.TOTP(device.secret).provisioning_uri(name=user.email, issuer_name="Ilot")
        context.update(secret=device.secret, qr=_qr_data_uri(uri))
    return render(request, "web/two_factor.html", context)
