"""Organisations, users, memberships, API tokens and two-factor devices.

These tables are not behind row-level security: they are needed before an actor is known
(sign-in) and hold no dossier content. Who may *list* them is decided in `access.py`.
"""

from __future__ import annotations

import hashlib
import secrets
from typing import Any, ClassVar

from django.contrib.auth.base_user import AbstractBaseUser, BaseUserManager
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from ilot.core.crypto import EncryptedTextField
from ilot.core.models import TimeStampedModel


class OrganisationKind(models.TextChoices):
    BANK = "bank", _("Banque")
    DEVELOPER = "developer", _("Promoteur (client)")
    NOTARY = "notary", _("Office notarial")
    LAW_FIRM = "law_firm", _("Cabinet d'avocats")
    OTHER = "other", _("Autre")


class Organisation(TimeStampedModel):
    name = models.CharField(_("nom"), max_length=200, unique=True)
    kind = models.CharField(_("type"), max_length=20, choices=OrganisationKind.choices)
    siren = models.CharField(_("SIREN"), max_length=9, blank=True)
    require_two_factor = models.BooleanField(
        _("double authentification obligatoire"), default=False
    )

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name

    @property
    def is_bank(self) -> bool:
        return self.kind == OrganisationKind.BANK


class UserManager(BaseUserManager["User"]):
    use_in_migrations = True

    def create_user(self, email: str, password: str | None = None, **extra: Any) -> User:
        if not email:
            raise ValueError("An e-mail address is required")
        user = self.model(email=self.normalize_email(email).lower(), **extra)
        user.set_password(password)
        user.save(using=self._db)
        return user

    def create_superuser(self, email: str, password: str | None = None, **extra: Any) -> User:
        extra.setdefault("is_platform_admin", True)
        return self.create_user(email, password, **extra)


class User(AbstractBaseUser):
    """A person. Platform administrators manage accounts but never see dossier content."""

    email = models.EmailField(_("adresse e-mail"), unique=True)
    full_name = models.CharField(_("nom complet"), max_length=200, blank=True)
    language = models.CharField(
        _("langue"), max_length=5, default="fr", choices=[("fr", "Français"), ("en", "English")]
    )
    is_active = models.BooleanField(default=True)
    is_platform_admin = models.BooleanField(_("administrateur de la plateforme"), default=False)
    is_compliance_officer = models.BooleanField(_("conformité"), default=False)
    failed_logins = models.PositiveIntegerField(default=0)
    locked_until = models.DateTimeField(null=True, blank=True)
    date_joined = models.DateTimeField(default=timezone.now)

    objects = UserManager()

    USERNAME_FIELD = "email"
    EMAIL_FIELD = "email"
    REQUIRED_FIELDS: ClassVar[list[str]] = []

    class Meta:
        ordering = ["email"]

    def __str__(self) -> str:
        return self.full_name or self.email

    @property
    def display_name(self) -> str:
        return self.full_name or self.email

    def is_locked(self) -> bool:
        return self.locked_until is not None and self.locked_until > timezone.now()

    # Django's admin and permission machinery are not used; these keep auth helpers happy.
    @property
    def is_staff(self) -> bool:
        return False

    @property
    def is_superuser(self) -> bool:
        return False


class MembershipRole(models.TextChoices):
    MEMBER = "member", _("Membre")
    MANAGER = "manager", _("Responsable")
    ADMIN = "admin", _("Administrateur de l'organisation")


class Membership(TimeStampedModel):
    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="memberships")
    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="memberships"
    )
    role = models.CharField(max_length=20, choices=MembershipRole.choices, default="member")
    title = models.CharField(_("fonction"), max_length=120, blank=True)
    is_active = models.BooleanField(default=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["user", "organisation"], name="uniq_membership"),
        ]

    def __str__(self) -> str:
        return f"{self.user} @ {self.organisation}"


def _hash_token(raw: str) -> str:
    return hashlib.sha256(raw.encode()).hexdigest()


class ApiToken(TimeStampedModel):
    """A bearer token; only its SHA-256 is stored, the raw value is shown once."""

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="api_tokens")
    key_hash = models.CharField(max_length=64, unique=True)
    prefix = models.CharField(max_length=8)
    label = models.CharField(max_length=100, blank=True)
    expires_at = models.DateTimeField()
    last_used_at = models.DateTimeField(null=True, blank=True)
    revoked_at = models.DateTimeField(null=True, blank=True)

    @staticmethod
    def new_raw_key() -> str:
        return "ilot_" + secrets.token_urlsafe(32)

    @staticmethod
    def hash(raw: str) -> str:
        return _hash_token(raw)

    def is_valid(self) -> bool:
        return self.revoked_at is None and self.expires_at > timezone.now()


class TotpDevice(TimeStampedModel):
    """A user's TOTP secret (RFC 6238). Confirmed once the user proved a first code."""

    user = models.OneToOneField(User, on_delete=models.CASCADE, related_name="totp_device")
    secret = EncryptedTextField()  # encrypted at rest (ilot.core.crypto)
    confirmed_at = models.DateTimeField(null=True, blank=True)
    last_used_step = models.BigIntegerField(default=0)

    @property
    def is_confirmed(self) -> bool:
        return self.confirmed_at is not None
