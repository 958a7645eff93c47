"""Operations (dossiers), their participants, invitations and wall crossings.

Every table here is behind the Chinese wall: row-level security on PostgreSQL (see
`ilot.core.rls`) and `ilot.dossiers.access` in the application.
"""

from __future__ import annotations

import secrets
from decimal import Decimal
from typing import ClassVar

from django.conf import settings
from django.core.validators import MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from ilot.core.models import DossierScoped, TimeStampedModel
from ilot.tenancy.models import Organisation


class ParticipantRole(models.TextChoices):
    RELATIONSHIP_MANAGER = "relationship_manager", _("Chargé d'affaires")
    CREDIT_ANALYST = "credit_analyst", _("Analyste crédit")
    MIDDLE_OFFICE = "middle_office", _("Middle office")
    BANK_LAWYER = "bank_lawyer", _("Juriste de la banque")
    DEVELOPER = "developer", _("Promoteur")
    NOTARY = "notary", _("Notaire")
    LAWYER = "lawyer", _("Avocat")
    ARCHITECT = "architect", _("Architecte / maître d'oeuvre")
    INSURER = "insurer", _("Assureur")


BANK_ROLES = frozenset(
    {
        ParticipantRole.RELATIONSHIP_MANAGER,
        ParticipantRole.CREDIT_ANALYST,
        ParticipantRole.MIDDLE_OFFICE,
        ParticipantRole.BANK_LAWYER,
    }
)
# Roles that may invite and remove participants and edit the dossier.
MANAGING_ROLES = frozenset({ParticipantRole.RELATIONSHIP_MANAGER, ParticipantRole.MIDDLE_OFFICE})


class DossierState(models.TextChoices):
    """The operation's lifecycle (product brief); transitions are the workflows app's job."""

    REQUEST = "request", _("Demande")
    ANALYSIS = "analysis", _("Analyse")
    COMMITTEE = "committee", _("Comité")
    OFFER = "offer", _("Offre")
    DOCUMENTATION = "documentation", _("Documentation")
    CONDITIONS_PRECEDENT = "conditions_precedent", _("Conditions suspensives")
    CONSTRUCTION = "construction", _("Travaux et tirages")
    COMPLETION = "completion", _("Achèvement")
    CLOSED = "closed", _("Clôturé")
    DECLINED = "declined", _("Refusé")
    ABANDONED = "abandoned", _("Abandonné")


MAIN_PATH = [s for s in DossierState if s not in (DossierState.DECLINED, DossierState.ABANDONED)]


class Dossier(DossierScoped, TimeStampedModel):
    """One real-estate development operation financed by the bank, owned by one client."""

    rls_dossier_column: ClassVar[str] = "id"

    reference = models.CharField(_("référence"), max_length=20, unique=True)
    name = models.CharField(_("nom de l'opération"), max_length=200)
    client = models.ForeignKey(
        Organisation, on_delete=models.PROTECT, related_name="dossiers", verbose_name=_("client")
    )
    sccv_name = models.CharField(_("SCCV"), max_length=200)
    sccv_siren = models.CharField(_("SIREN de la SCCV"), max_length=9)
    address = models.CharField(_("adresse du programme"), max_length=300)
    postcode = models.CharField(_("code postal"), max_length=5, blank=True)
    city = models.CharField(_("commune"), max_length=120, blank=True)
    lots = models.PositiveIntegerField(_("nombre de lots"), validators=[MinValueValidator(1)])
    land_loan_amount = models.DecimalField(
        _("prêt foncier (EUR)"), max_digits=14, decimal_places=2, default=Decimal("0")
    )
    construction_loan_amount = models.DecimalField(
        _("crédit d'accompagnement (EUR)"), max_digits=14, decimal_places=2, default=Decimal("0")
    )
    gfa_amount = models.DecimalField(
        _("GFA (EUR)"), max_digits=14, decimal_places=2, default=Decimal("0")
    )
    relationship_manager = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="managed_dossiers",
        verbose_name=_("chargé d'affaires"),
    )
    state = models.CharField(
        _("étape"),
        max_length=30,
        choices=DossierState.choices,
        default=DossierState.REQUEST,
        db_index=True,
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        ordering = ["-created_at"]
        indexes = [models.Index(fields=["client", "state"])]

    def __str__(self) -> str:
        return f"{self.reference} {self.name}"

    @property
    def total_amount(self) -> Decimal:
        return self.land_loan_amount + self.construction_loan_amount


class Participant(DossierScoped, TimeStampedModel):
    """A user's seat on a dossier, with a role; bank staff are the deal team."""

    dossier = models.ForeignKey(Dossier, on_delete=models.CASCADE, related_name="participants")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="participations"
    )
    organisation = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="+")
    role = models.CharField(_("rôle"), max_length=30, choices=ParticipantRole.choices)
    is_active = models.BooleanField(default=True)
    added_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", null=True
    )

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["dossier", "user"], name="uniq_participant"),
        ]
        indexes = [models.Index(fields=["user", "is_active"])]

    def __str__(self) -> str:
        return f"{self.user} ({self.role}) on {self.dossier_id}"

    @property
    def is_bank(self) -> bool:
        return self.role in BANK_ROLES


class InvitationStatus(models.TextChoices):
    PENDING = "pending", _("En attente")
    ACCEPTED = "accepted", _("Acceptée")
    REVOKED = "revoked", _("Révoquée")


class Invitation(DossierScoped, TimeStampedModel):
    dossier = models.ForeignKey(Dossier, on_delete=models.CASCADE, related_name="invitations")
    email = models.EmailField()
    role = models.CharField(max_length=30, choices=ParticipantRole.choices)
    organisation = models.ForeignKey(
        Organisation, on_delete=models.PROTECT, related_name="+", null=True
    )
    token = models.CharField(max_length=64, unique=True, default=secrets.token_urlsafe)
    status = models.CharField(
        max_length=20, choices=InvitationStatus.choices, default=InvitationStatus.PENDING
    )
    invited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    expires_at = models.DateTimeField()

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["dossier", "email"],
                condition=models.Q(status="pending"),
                name="uniq_pending_invitation",
            )
        ]


class WallCrossingStatus(models.TextChoices):
    REQUESTED = "requested", _("Demandée")
    APPROVED = "approved", _("Approuvée")
    REJECTED = "rejected", _("Refusée")
    REVOKED = "revoked", _("Révoquée")


class WallCrossing(DossierScoped, TimeStampedModel):
    """A time-boxed access of a bank user outside the deal team, approved by compliance."""

    dossier = models.ForeignKey(Dossier, on_delete=models.CASCADE, related_name="wall_crossings")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    reason = models.TextField()
    status = models.CharField(
        max_length=20, choices=WallCrossingStatus.choices, default=WallCrossingStatus.REQUESTED
    )
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", null=True
    )
    expires_at = models.DateTimeField(null=True)
