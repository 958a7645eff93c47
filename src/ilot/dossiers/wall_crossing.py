"""Wall crossings: a bank user outside a deal team gets time-boxed access, approved by compliance.

The requester names the dossier by its reference (given to them by the deal team). Whether the
reference exists is never revealed to the requester: an unknown reference gets the same answer
as a known one, and only compliance sees the request.
"""

from __future__ import annotations

from datetime import timedelta

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from ilot.audit.services import audit_record
from ilot.core import rls
from ilot.core.exceptions import NotFound, PermissionDenied, ValidationFailed
from ilot.dossiers.access import visible_dossiers
from ilot.dossiers.models import Dossier, WallCrossing, WallCrossingStatus
from ilot.tenancy.models import Membership, OrganisationKind, User

MAX_CROSSING_DAYS = 30


def _mail(crossing: WallCrossing, recipients: list[User], template: str, subject: str) -> None:
    """Rendered now, inside the caller's system read (after commit the dossier is behind the
    wall again for the actor), and sent once the decision commits, in each recipient's
    language."""
    from django.conf import settings
    from django.core.mail import send_mail
    from django.template.loader import render_to_string
    from django.utils import translation

    path = "/dossiers/" if template.endswith("decided.txt") else "/compliance/"
    messages = []
    for user in recipients:
        with translation.override(user.language or "fr"):
            context = {"crossing": crossing, "url": f"{settings.ILOT_BASE_URL}{path}"}
            body = render_to_string(template, context)
            messages.append((str(translation.gettext(subject)), body, user.email))

    def send() -> None:
        for title, body, email in messages:
            send_mail(title, body, None, [email])

    transaction.on_commit(send)


def _compliance_officers() -> list[User]:
    return list(User.objects.filter(is_compliance_officer=True, is_active=True))


def _is_bank_staff(user: User) -> bool:
    return Membership.objects.filter(
        user=user, is_active=True, organisation__kind=OrganisationKind.BANK
    ).exists()


def _require_compliance(user: User) -> None:
    if not user.is_compliance_officer:
        raise NotFound()


@transaction.atomic
def wall_crossing_request(*, actor: User, reference: str, reason: str) -> None:
    """File a request; the same answer whether or not the reference exists."""
    if not _is_bank_staff(actor) or actor.is_platform_admin or actor.is_compliance_officer:
        raise PermissionDenied(_("Seul le personnel de la banque peut demander un accès."))
    reason = (reason or "").strip()
    reference = (reference or "").strip().upper()[:20]
    if len(reason) < 10:
        raise ValidationFailed(
            _("Expliquez le besoin d'en connaître (10 caractères au moins)."),
            fields={"reason": ["too_short"]},
        )
    with rls.as_system():
        dossier = Dossier.objects.filter(reference=reference).first()
        already_visible = dossier is not None and (
            visible_dossiers(actor).filter(pk=dossier.pk).exists()
        )
        if dossier is None or already_visible:
            audit_record(
                action="wall.crossing_request_unmatched",
                actor=actor,
                data={"reference": reference, "reason": reason},
            )
            return
        crossing = WallCrossing.objects.create(dossier=dossier, user=actor, reason=reason)
        _mail(
            crossing,
            _compliance_officers(),
            "dossiers/email/crossing_requested.txt",
            gettext_noop("Demande de franchissement de muraille"),
        )
        audit_record(
            action="wall.crossing_requested",
            actor=actor,
            dossier_id=dossier.pk,
            obj=crossing,
            data={"reason": reason},
        )


def wall_crossings_open(*, actor: User) -> list[WallCrossing]:
    """Compliance's queue (requested, then approved). Read as system: compliance decides on
    walls it is outside of by design; what it sees here is the request, not the dossier."""
    _require_compliance(actor)
    with rls.as_system():
        return list(
            WallCrossing.objects.select_related("dossier", "user", "dossier__client")
            .filter(status__in=[WallCrossingStatus.REQUESTED, WallCrossingStatus.APPROVED])
            .order_by("-status", "-created_at")
        )


@transaction.atomic
def wall_crossing_decide(
    *, actor: User, crossing_id: int, approve: bool, days: int = 7
) -> WallCrossing:
    _require_compliance(actor)
    if approve and not 1 <= days <= MAX_CROSSING_DAYS:
        raise ValidationFailed(
            _("Durée entre 1 et %(max)d jours.") % {"max": MAX_CROSSING_DAYS},
            fields={"days": ["range"]},
        )
    with rls.as_system():
        crossing = (
            WallCrossing.objects.select_for_update()
            .filter(pk=crossing_id, status=WallCrossingStatus.REQUESTED)
            .first()
        )
        if crossing is None:
            raise NotFound()
        if crossing.user_id == actor.pk:
            raise PermissionDenied(_("On ne valide pas sa propre demande."))
        crossing.status = WallCrossingStatus.APPROVED if approve else WallCrossingStatus.REJECTED
        crossing.decided_by = actor
        crossing.expires_at = timezone.now() + timedelta(days=days) if approve else None
        crossing.save(update_fields=["status", "decided_by", "expires_at", "updated_at"])
        _mail(
            crossing,
            [crossing.user],
            "dossiers/email/crossing_decided.txt",
            gettext_noop("Votre demande d'accès à un dossier"),
        )
        audit_record(
            action="wall.crossing_approved" if approve else "wall.crossing_rejected",
            actor=actor,
            dossier_id=crossing.dossier_id,
            obj=crossing,
            data={"user": crossing.user.email, "days": days if approve else 0},
        )
    return crossing


@transaction.atomic
def wall_crossing_revoke(*, actor: User, crossing_id: int) -> None:
    _require_compliance(actor)
    with rls.as_system():
        updated = WallCrossing.objects.filter(
            pk=crossing_id, status=WallCrossingStatus.APPROVED
        ).update(status=WallCrossingStatus.REVOKED, expires_at=timezone.now())
        if not updated:
            raise NotFound()
        crossing = WallCrossing.objects.get(pk=crossing_id)
        audit_record(
            action="wall.crossing_revoked",
            actor=actor,
            dossier_id=crossing.dossier_id,
            obj=crossing,
        )
