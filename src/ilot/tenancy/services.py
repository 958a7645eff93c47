"""Writes for accounts: sign-in with lockout, two-factor devices, API tokens, users."""

from __future__ import annotations

from datetime import timedelta

import pyotp
from django.conf import settings
from django.contrib.auth import authenticate
from django.db import transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from ilot.audit.services import audit_record
from ilot.core.exceptions import AuthenticationFailed, TooManyAttempts, ValidationFailed
from ilot.tenancy.models import ApiToken, Membership, Organisation, TotpDevice, User

# RFC 6238 defaults (30 s step, 6 digits); one step of clock drift is tolerated either way.
TOTP_DRIFT_STEPS = 1


def _record_failure(*, email: str, ip_address: str | None, reason: str) -> None:
    user = User.objects.filter(email=email).first()
    with transaction.atomic():
        data: dict[str, object] = {"email": email, "reason": reason}
        if user is not None:
            User.objects.filter(pk=user.pk).update(failed_logins=F("failed_logins") + 1)
            user.refresh_from_db(fields=["failed_logins"])
            if user.failed_logins >= settings.ILOT_LOCKOUT_THRESHOLD:
                until = timezone.now() + timedelta(minutes=settings.ILOT_LOCKOUT_MINUTES)
                User.objects.filter(pk=user.pk).update(locked_until=until, failed_logins=0)
                data["locked_until"] = until.isoformat()
                audit_record(action="auth.locked", actor=user, data=data, ip_address=ip_address)
        audit_record(
            action="auth.sign_in_failed",
            actor=user,
            actor_label=email,
            data=data,
            ip_address=ip_address,
        )


def credentials_check(*, email: str, password: str, ip_address: str | None = None) -> User:
    """First factor. Raises AuthenticationFailed (one message for every cause) or TooManyAttempts.

    Failures are recorded (and committed by the caller's transaction) before raising.
    """
    email = (email or "").strip().lower()
    existing = User.objects.filter(email=email).first()
    if existing is not None and existing.is_locked():
        _record_failure(email=email, ip_address=ip_address, reason="locked")
        raise TooManyAttempts(
            _("Trop de tentatives : compte verrouillé temporairement. Réessayez plus tard.")
        )
    user = authenticate(None, email=email, password=password)
    if not isinstance(user, User):
        _record_failure(email=email, ip_address=ip_address, reason="bad_credentials")
        raise AuthenticationFailed(_("Adresse e-mail ou mot de passe incorrect."))
    return user


def sign_in_succeeded(*, user: User, ip_address: str | None, method: str) -> None:
    with transaction.atomic():
        User.objects.filter(pk=user.pk).update(
            failed_logins=0, locked_until=None, last_login=timezone.now()
        )
        audit_record(
            action="auth.sign_in", actor=user, data={"method": method}, ip_address=ip_address
        )


def two_factor_required(user: User) -> bool:
    """True when one of the user's organisations requires 2FA."""
    return Membership.objects.filter(
        user=user, is_active=True, organisation__require_two_factor=True
    ).exists()


def has_confirmed_device(user: User) -> bool:
    return TotpDevice.objects.filter(user=user, confirmed_at__isnull=False).exists()


def totp_verify(*, user: User, code: str, ip_address: str | None = None) -> None:
    """Second factor: a code is accepted once (replay of the same time step is refused)."""
    device = TotpDevice.objects.filter(user=user, confirmed_at__isnull=False).first()
    code = (code or "").strip().replace(" ", "")
    if device is None or not code.isdigit():
        _record_failure(email=user.email, ip_address=ip_address, reason="bad_otp")
        raise AuthenticationFailed(_("Code de vérification incorrect."))
    totp = pyotp.TOTP(device.secret)
    now = timezone.now()
    for drift in range(-TOTP_DRIFT_STEPS, TOTP_DRIFT_STEPS + 1):
        moment = now + timedelta(seconds=drift * totp.interval)
        step = totp.timecode(moment)
        if step > device.last_used_step and totp.verify(code, for_time=moment):
            TotpDevice.objects.filter(pk=device.pk).update(last_used_step=step)
            return
    _record_failure(email=user.email, ip_address=ip_address, reason="bad_otp")
    raise AuthenticationFailed(_("Code de vérification incorrect."))


@transaction.atomic
def totp_enrolment_start(*, user: User) -> TotpDevice:
    """Start enrolment (or resume it with the same secret, so a scanned QR code stays valid)."""
    device, _created = TotpDevice.objects.get_or_create(
        user=user, defaults={"secret": pyotp.random_base32()}
    )
    return device


@transaction.atomic
def totp_enrolment_confirm(*, user: User, code: str) -> TotpDevice:
    device = TotpDevice.objects.select_for_update().filter(user=user).first()
    if device is None:
        raise ValidationFailed(_("Aucune inscription en cours."))
    totp = pyotp.TOTP(device.secret)
    if not totp.verify((code or "").strip(), valid_window=TOTP_DRIFT_STEPS):
        raise ValidationFailed(_("Code de vérification incorrect."), fields={"code": ["invalid"]})
    device.confirmed_at = timezone.now()
    device.last_used_step = totp.timecode(timezone.now())
    device.save(update_fields=["confirmed_at", "last_used_step", "updated_at"])
    audit_record(action="auth.two_factor_enrolled", actor=user, obj=user)
    return device


@transaction.atomic
def totp_disable(*, actor: User, user: User) -> None:
    if two_factor_required(user):
        raise ValidationFailed(_("Votre organisation exige la double authentification."))
    deleted, _count = TotpDevice.objects.filter(user=user).delete()
    if deleted:
        audit_record(action="auth.two_factor_disabled", actor=actor, obj=user)


def api_token_issue(
    *, email: str, password: str, otp: str | None, ip_address: str | None = None
) -> str:
    """POST /api/v1/auth/token: both factors when the user has a device."""
    user = credentials_check(email=email, password=password, ip_address=ip_address)
    if has_confirmed_device(user):
        if not otp:
            _record_failure(email=user.email, ip_address=ip_address, reason="otp_missing")
            raise AuthenticationFailed(_("Code de vérification requis (champ « otp »)."))
        totp_verify(user=user, code=otp, ip_address=ip_address)
    elif two_factor_required(user):
        raise AuthenticationFailed(
            _("Votre organisation exige la double authentification : inscrivez-vous d'abord.")
        )
    raw = ApiToken.new_raw_key()
    with transaction.atomic():
        token = ApiToken.objects.create(
            user=user,
            key_hash=ApiToken.hash(raw),
            prefix=raw[5:13],
            label="api",
            expires_at=timezone.now() + timedelta(days=settings.ILOT_API_TOKEN_DAYS),
        )
        sign_in_succeeded(user=user, ip_address=ip_address, method="api_token")
        audit_record(action="auth.token_issued", actor=user, obj=token, ip_address=ip_address)
    return raw


def api_token_authenticate(raw: str) -> User | None:
    token = (
        ApiToken.objects.select_related("user")
        .filter(key_hash=ApiToken.hash(raw), revoked_at__isnull=True, expires_at__gt=timezone.now())
        .first()
    )
    if token is None or not token.user.is_active:
        return None
    # Touch at most once a minute: a busy script must not turn every read into a write.
    now = timezone.now()
    if token.last_used_at is None or now - token.last_used_at > timedelta(minutes=1):
        ApiToken.objects.filter(pk=token.pk).update(last_used_at=now)
    return token.user


@transaction.atomic
def user_create(
    *,
    actor: User | None,
    email: str,
    password: str | None,
    full_name: str = "",
    organisation: Organisation | None = None,
    title: str = "",
    **flags: bool,
) -> User:
    email = email.strip().lower()
    if User.objects.filter(email=email).exists():
        raise ValidationFailed(
            _("Un compte existe déjà pour cette adresse."), fields={"email": ["exists"]}
        )
    user = User.objects.create_user(email, password, full_name=full_name, **flags)
    if organisation is not None:
        Membership.objects.create(user=user, organisation=organisation, title=title)
    audit_record(
        action="account.user_created",
        actor=actor,
        obj=user,
        data={"email": email, "organisation": organisation.name if organisation else None},
    )
    return user


def _require_platform_admin(actor: User) -> None:
    from ilot.core.exceptions import NotFound

    if not actor.is_platform_admin:
        raise NotFound()


@transaction.atomic
def organisation_create(*, actor: User, name: str, kind: str, siren: str = "") -> Organisation:
    from ilot.core.identifiers import normalise_siren, siren_valid
    from ilot.tenancy.models import OrganisationKind

    _require_platform_admin(actor)
    name = (name or "").strip()
    errors: dict[str, list[str]] = {}
    if not name or len(name) > 200:
        errors["name"] = [_("Nom obligatoire (200 caractères au plus).")]
    elif Organisation.objects.filter(name__iexact=name).exists():
        errors["name"] = [_("Cette organisation existe déjà.")]
    if kind not in OrganisationKind.values:
        errors["kind"] = [_("Type d'organisation inconnu.")]
    siren = normalise_siren(siren)
    if siren and not siren_valid(siren):
        errors["siren"] = [_("SIREN invalide.")]
    if errors:
        raise ValidationFailed(_("Organisation non créée."), fields=errors)
    organisation = Organisation.objects.create(name=name, kind=kind, siren=siren)
    audit_record(
        action="account.organisation_created",
        actor=actor,
        obj=organisation,
        data={"name": name, "kind": kind},
    )
    return organisation


@transaction.atomic
def organisation_set_two_factor(*, actor: User, organisation_id: int, required: bool) -> None:
    _require_platform_admin(actor)
    updated = Organisation.objects.filter(pk=organisation_id).update(require_two_factor=required)
    if not updated:
        raise ValidationFailed(_("Organisation inconnue."))
    audit_record(
        action="account.two_factor_policy",
        actor=actor,
        object_type="tenancy.organisation",
        object_id=organisation_id,
        data={"required": required},
    )


@transaction.atomic
def user_set_active(*, actor: User, user_id: int, active: bool) -> None:
    """Deactivate (or reactivate) an account; its sessions and API tokens stop working."""
    _require_platform_admin(actor)
    if user_id == actor.pk:
        raise ValidationFailed(_("Vous ne pouvez pas désactiver votre propre compte."))
    user = User.objects.select_for_update().filter(pk=user_id).first()
    if user is None:
        raise ValidationFailed(_("Compte inconnu."))
    user.is_active = active
    user.save(update_fields=["is_active"])
    if not active:
        ApiToken.objects.filter(user=user, revoked_at__isnull=True).update(
            revoked_at=timezone.now()
        )
    audit_record(
        action="account.activated" if active else "account.deactivated", actor=actor, obj=user
    )


@transaction.atomic
def user_reset_two_factor(*, actor: User, user_id: int) -> None:
    """For a user who lost their device: they enrol again at next sign-in."""
    _require_platform_admin(actor)
    deleted, _count = TotpDevice.objects.filter(user_id=user_id).delete()
    if deleted:
        audit_record(
            action="account.two_factor_reset",
            actor=actor,
            object_type="tenancy.user",
            object_id=user_id,
        )


def password_link_send(*, user: User) -> None:
    """E-mail a one-time link to choose a password (new accounts have none)."""
    from urllib.parse import urlparse

    from django.contrib.auth.tokens import default_token_generator
    from django.core.mail import send_mail
    from django.template.loader import render_to_string
    from django.utils.encoding import force_bytes
    from django.utils.http import urlsafe_base64_encode
    from django.utils.translation import override

    base = urlparse(settings.ILOT_BASE_URL)
    context = {
        "protocol": base.scheme or "https",
        "domain": base.netloc,
        "uid": urlsafe_base64_encode(force_bytes(user.pk)),
        "token": default_token_generator.make_token(user),
        "user": user,
    }
    with override(user.language):
        subject = render_to_string("web/email/password_reset_subject.txt", context).strip()
        body = render_to_string("web/email/password_reset.txt", context)
    send_mail(subject, body, None, [user.email])
