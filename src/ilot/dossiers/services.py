"""Writes on dossiers: creation, participants, invitations. Each one atomic and audited."""

from __future__ import annotations

import secrets
from dataclasses import dataclass
from datetime import timedelta
from decimal import Decimal, InvalidOperation
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError as DjangoValidationError
from django.core.mail import send_mail
from django.core.validators import validate_email
from django.db import IntegrityError, transaction
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from ilot.audit.services import audit_record
from ilot.core import rls
from ilot.core.exceptions import Conflict, NotFound, PermissionDenied, ValidationFailed
from ilot.core.identifiers import normalise_siren, siren_valid
from ilot.dossiers.access import can_create_dossier, dossier_for_manager
from ilot.dossiers.models import (
    BANK_ROLES,
    Dossier,
    Invitation,
    InvitationStatus,
    Participant,
    ParticipantRole,
)
from ilot.tenancy.models import Membership, Organisation, OrganisationKind, User
from ilot.tenancy.selectors import user_primary_organisation

INVITATION_DAYS = 14
THIRD_PARTY_ROLES = frozenset(
    {
        ParticipantRole.NOTARY,
        ParticipantRole.LAWYER,
        ParticipantRole.ARCHITECT,
        ParticipantRole.INSURER,
    }
)


@dataclass(frozen=True)
class DossierInput:
    name: str
    client_id: int
    sccv_name: str
    sccv_siren: str
    address: str
    lots: int
    relationship_manager_id: int
    postcode: str = ""
    city: str = ""
    land_loan_amount: Decimal | str | int = Decimal("0")
    construction_loan_amount: Decimal | str | int = Decimal("0")
    gfa_amount: Decimal | str | int = Decimal("0")


def _amount(value: Any, field: str, errors: dict[str, list[str]]) -> Decimal:
    try:
        amount = Decimal(str(value if value not in (None, "") else "0"))
    except InvalidOperation:
        errors.setdefault(field, []).append(_("Montant invalide."))
        return Decimal("0")
    if amount < 0 or amount >= Decimal("1e12"):
        errors.setdefault(field, []).append(_("Montant hors limites."))
    return amount.quantize(Decimal("0.01"))


def _validate(data: DossierInput) -> tuple[dict[str, Any], dict[str, list[str]]]:
    errors: dict[str, list[str]] = {}
    clean: dict[str, Any] = {}
    for field in ("name", "sccv_name", "address"):
        value = (getattr(data, field) or "").strip()
        if not value:
            errors.setdefault(field, []).append(_("Ce champ est obligatoire."))
        elif len(value) > 200:
            errors.setdefault(field, []).append(_("200 caractères au plus."))
        clean[field] = value
    siren = normalise_siren(data.sccv_siren)
    if not siren_valid(siren):
        errors.setdefault("sccv_siren", []).append(
            _("SIREN invalide : 9 chiffres dont la clé de Luhn est juste.")
        )
    clean["sccv_siren"] = siren
    postcode = (data.postcode or "").strip()
    if postcode and not (len(postcode) == 5 and postcode.isdigit()):
        errors.setdefault("postcode", []).append(_("Code postal invalide (5 chiffres)."))
    clean["postcode"] = postcode
    clean["city"] = (data.city or "").strip()[:120]
    if not isinstance(data.lots, int) or data.lots < 1 or data.lots > 100_000:
        errors.setdefault("lots", []).append(_("Nombre de lots invalide."))
    clean["lots"] = data.lots
    for field in ("land_loan_amount", "construction_loan_amount", "gfa_amount"):
        clean[field] = _amount(getattr(data, field), field, errors)
    return clean, errors


@transaction.atomic
def dossier_create(*, actor: User, data: DossierInput, ip_address: str | None = None) -> Dossier:
    """A bank user opens a dossier for a developer client; the RM and the creator join its team."""
    if not can_create_dossier(actor):
        raise PermissionDenied(_("Seul le personnel de la banque peut ouvrir un dossier."))
    clean, errors = _validate(data)
    client = Organisation.objects.filter(pk=data.client_id, kind=OrganisationKind.DEVELOPER).first()
    if client is None:
        errors.setdefault("client_id", []).append(_("Client promoteur inconnu."))
    manager = User.objects.filter(pk=data.relationship_manager_id, is_active=True).first()
    bank = user_primary_organisation(actor)
    if (
        manager is None
        or not Membership.objects.filter(user=manager, organisation=bank, is_active=True).exists()
    ):
        errors.setdefault("relationship_manager_id", []).append(
            _("Le chargé d'affaires doit être un utilisateur actif de la banque.")
        )
    if errors:
        raise ValidationFailed(
            _("Le dossier n'a pas été créé : corrigez les champs signalés."), fields=errors
        )
    assert client is not None and manager is not None and bank is not None
    # The new dossier has no deal team yet, so nobody could see it under RLS: its first rows
    # are written as the system actor, after the checks above, and nothing else is done so.
    with rls.as_system():
        dossier = Dossier.objects.create(
            reference=f"TMP-{secrets.token_hex(7)}",  # replaced below, once the id is known
            client=client,
            relationship_manager=manager,
            created_by=actor,
            **clean,
        )
        dossier.reference = f"OP-{timezone.now():%Y}-{dossier.pk:05d}"
        dossier.save(update_fields=["reference"])
        team = {manager.pk: ParticipantRole.RELATIONSHIP_MANAGER}
        team.setdefault(actor.pk, ParticipantRole.CREDIT_ANALYST)
        for user_id, role in team.items():
            Participant.objects.create(
                dossier=dossier, user_id=user_id, organisation=bank, role=role, added_by=actor
            )
        audit_record(
            action="dossier.created",
            actor=actor,
            dossier_id=dossier.pk,
            obj=dossier,
            data={"reference": dossier.reference, "name": dossier.name, "client": client.name},
            ip_address=ip_address,
        )
        # The checklist and conditions precedent of the default template, in this transaction.
        from ilot.workflows.services import checklist_instantiate

        checklist_instantiate(actor=actor, dossier=dossier)
        for user_id, role in team.items():
            audit_record(
                action="dossier.participant_added",
                actor=actor,
                dossier_id=dossier.pk,
                object_type="tenancy.user",
                object_id=user_id,
                data={"role": str(role)},
                ip_address=ip_address,
            )
    return dossier


def _check_role_for_organisation(
    role: str, organisation: Organisation | None, dossier: Dossier
) -> None:
    if role not in ParticipantRole.values:
        raise ValidationFailed(
            _("Rôle inconnu : %(role)s.") % {"role": role}, fields={"role": ["unknown"]}
        )
    if organisation is None:
        if role in BANK_ROLES or role == ParticipantRole.DEVELOPER:
            raise ValidationFailed(
                _("Ce rôle est réservé aux membres de la banque ou du client."),
                fields={"role": ["mismatch"]},
            )
        return
    if role in BANK_ROLES and organisation.kind != OrganisationKind.BANK:
        raise ValidationFailed(
            _("Ce rôle est réservé au personnel de la banque."), fields={"role": ["mismatch"]}
        )
    if role == ParticipantRole.DEVELOPER and organisation.pk != dossier.client_id:
        raise ValidationFailed(
            _("Ce rôle est réservé aux membres du client du dossier."),
            fields={"role": ["mismatch"]},
        )
    if organisation.kind == OrganisationKind.DEVELOPER and organisation.pk != dossier.client_id:
        # The wall itself: a user of another developer client never joins this dossier.
        raise ValidationFailed(
            _("Cette personne appartient à un autre client : invitation impossible."),
            fields={"email": ["other_client"]},
        )
    if organisation.kind == OrganisationKind.BANK and role not in BANK_ROLES:
        raise ValidationFailed(_("Choisissez un rôle bancaire."), fields={"role": ["mismatch"]})


def _send_invitation_mail(*, invitation: Invitation, existing_user: User | None) -> None:
    language = existing_user.language if existing_user else "fr"
    with translation.override(language):
        context = {
            "invitation": invitation,
            "dossier": invitation.dossier,
            "accept_url": f"{settings.ILOT_BASE_URL}/invitations/{invitation.token}/",
            "existing_user": existing_user,
        }
        subject = _("Invitation au dossier %(name)s") % {"name": invitation.dossier.name}
        body = render_to_string("dossiers/email/invitation.txt", context)
    send_mail(subject, body, None, [invitation.email])


@transaction.atomic
def participant_invite(
    *,
    actor: User,
    dossier_id: int,
    email: str,
    role: str,
    organisation_id: int | None = None,
    ip_address: str | None = None,
) -> Invitation:
    """Invite someone by e-mail with a role. An existing account joins at once; a new one on
    accepting. Either way the invitee gets an e-mail."""
    dossier = dossier_for_manager(actor, dossier_id)
    email = (email or "").strip().lower()
    try:
        validate_email(email)
    except DjangoValidationError as exc:
        raise ValidationFailed(
            _("Adresse e-mail invalide."), fields={"email": ["invalid"]}
        ) from exc
    existing = User.objects.filter(email=email).first()
    if existing is not None:
        organisation = user_primary_organisation(existing)
    elif organisation_id is not None:
        organisation = Organisation.objects.filter(pk=organisation_id).first()
        if organisation is None:
            raise ValidationFailed(
                _("Organisation inconnue."), fields={"organisation_id": ["unknown"]}
            )
    else:
        organisation = None
    _check_role_for_organisation(role, organisation, dossier)
    if (
        existing is not None
        and Participant.objects.filter(dossier=dossier, user=existing, is_active=True).exists()
    ):
        raise Conflict(_("Cette personne participe déjà au dossier."), code="duplicate_participant")
    if Invitation.objects.filter(
        dossier=dossier, email=email, status=InvitationStatus.PENDING
    ).exists():
        raise Conflict(
            _("Une invitation est déjà en attente pour cette adresse."), code="duplicate_invitation"
        )
    try:
        with transaction.atomic():
            invitation = Invitation.objects.create(
                dossier=dossier,
                email=email,
                role=role,
                organisation=organisation,
                invited_by=actor,
                expires_at=timezone.now() + timedelta(days=INVITATION_DAYS),
                status=InvitationStatus.ACCEPTED if existing else InvitationStatus.PENDING,
            )
    except IntegrityError as exc:
        raise Conflict(
            _("Une invitation est déjà en attente pour cette adresse."), code="duplicate_invitation"
        ) from exc
    audit_record(
        action="dossier.invitation_sent",
        actor=actor,
        dossier_id=dossier.pk,
        obj=invitation,
        data={"email": email, "role": role},
        ip_address=ip_address,
    )
    if existing is not None:
        _participant_add(
            actor=actor,
            dossier=dossier,
            user=existing,
            organisation=organisation,
            role=role,
            ip_address=ip_address,
        )
    transaction.on_commit(
        lambda: _send_invitation_mail(invitation=invitation, existing_user=existing)
    )
    return invitation


def _participant_add(
    *,
    actor: User,
    dossier: Dossier,
    user: User,
    organisation: Organisation | None,
    role: str,
    ip_address: str | None,
) -> Participant:
    if organisation is None:
        raise ValidationFailed(_("Cette personne n'appartient à aucune organisation."))
    participant, created = Participant.objects.get_or_create(
        dossier=dossier,
        user=user,
        defaults={"organisation": organisation, "role": role, "added_by": actor},
    )
    if not created:
        participant.role = role
        participant.is_active = True
        participant.organisation = organisation
        participant.save(update_fields=["role", "is_active", "organisation", "updated_at"])
    audit_record(
        action="dossier.participant_added",
        actor=actor,
        dossier_id=dossier.pk,
        object_type="tenancy.user",
        object_id=user.pk,
        data={"role": role, "email": user.email},
        ip_address=ip_address,
    )
    return participant


def invitation_for_token(token: str) -> Invitation:
    """The pending invitation a secret token stands for (the token is the capability)."""
    with rls.as_system():
        invitation = (
            Invitation.objects.select_related("dossier", "organisation")
            .filter(token=token, status=InvitationStatus.PENDING, expires_at__gt=timezone.now())
            .first()
        )
    if invitation is None:
        raise NotFound(_("Invitation inconnue, expirée ou déjà utilisée."))
    return invitation


@transaction.atomic
def invitation_accept(*, token: str, password: str | None, full_name: str = "") -> User:
    """A new invitee sets a password; the account and the participation are created.

    The invitee has no account yet, so nothing is visible to them under RLS: the token is the
    capability, and the writes run as the system actor.
    """
    with rls.as_system():
        return _invitation_accept(token=token, password=password, full_name=full_name)


def _invitation_accept(*, token: str, password: str | None, full_name: str) -> User:
    invitation = (
        Invitation.objects.select_for_update(of=("self",))
        .select_related("dossier", "organisation")
        .filter(token=token, status=InvitationStatus.PENDING, expires_at__gt=timezone.now())
        .first()
    )
    if invitation is None:
        raise NotFound(_("Invitation inconnue, expirée ou déjà utilisée."))
    from django.contrib.auth.password_validation import validate_password

    if User.objects.filter(email=invitation.email).exists():
        raise Conflict(_("Un compte existe déjà : connectez-vous."))
    try:
        validate_password(password or "")
    except DjangoValidationError as exc:
        raise ValidationFailed(
            " ".join(exc.messages), fields={"password": list(exc.messages)}
        ) from exc
    user = User.objects.create_user(invitation.email, password, full_name=full_name.strip()[:200])
    if invitation.organisation is not None:
        Membership.objects.get_or_create(user=user, organisation=invitation.organisation)
    invitation.status = InvitationStatus.ACCEPTED
    invitation.save(update_fields=["status", "updated_at"])
    _participant_add(
        actor=user,
        dossier=invitation.dossier,
        user=user,
        organisation=invitation.organisation,
        role=invitation.role,
        ip_address=None,
    )
    audit_record(
        action="dossier.invitation_accepted",
        actor=user,
        dossier_id=invitation.dossier_id,
        obj=invitation,
    )
    return user


@transaction.atomic
def participant_remove(
    *, actor: User, dossier_id: int, user_id: int, ip_address: str | None = None
) -> None:
    dossier = dossier_for_manager(actor, dossier_id)
    participant = Participant.objects.filter(
        dossier=dossier, user_id=user_id, is_active=True
    ).first()
    if participant is None:
        raise NotFound()
    if (
        participant.role == ParticipantRole.RELATIONSHIP_MANAGER
        and dossier.relationship_manager_id == user_id
    ):
        raise ValidationFailed(_("Désignez d'abord un autre chargé d'affaires."))
    participant.is_active = False
    participant.save(update_fields=["is_active", "updated_at"])
    audit_record(
        action="dossier.participant_removed",
        actor=actor,
        dossier_id=dossier.pk,
        object_type="tenancy.user",
        object_id=user_id,
        data={"role": participant.role},
        ip_address=ip_address,
    )


@transaction.atomic
def participant_change_role(
    *, actor: User, dossier_id: int, user_id: int, role: str, ip_address: str | None = None
) -> Participant:
    dossier = dossier_for_manager(actor, dossier_id)
    participant = (
        Participant.objects.select_related("organisation")
        .filter(dossier=dossier, user_id=user_id, is_active=True)
        .first()
    )
    if participant is None:
        raise NotFound()
    _check_role_for_organisation(role, participant.organisation, dossier)
    previous = participant.role
    participant.role = role
    participant.save(update_fields=["role", "updated_at"])
    audit_record(
        action="dossier.role_changed",
        actor=actor,
        dossier_id=dossier.pk,
        object_type="tenancy.user",
        object_id=user_id,
        data={"from": previous, "to": role},
        ip_address=ip_address,
    )
    return participant
