"""Notifications, preferences and calendar tokens."""

from __future__ import annotations

from collections.abc import Sequence

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from ilot.audit.services import audit_record
from ilot.core.exceptions import Conflict, NotFound, PermissionDenied
from ilot.tenancy.models import User
from ilot.workflows.models import (
    CalendarToken,
    Notification,
    NotificationPreference,
)


@transaction.atomic
def notifications_mark_read(*, actor: User, notification_ids: Sequence[int] | None = None) -> int:
    queryset = Notification.objects.filter(user=actor, read_at__isnull=True)
    if notification_ids is not None:
        queryset = queryset.filter(pk__in=list(notification_ids))
    return queryset.update(read_at=timezone.now())


@transaction.atomic
def preferences_update(
    *, actor: User, digest: bool, upcoming: bool, overdue: bool, escalation: bool
) -> NotificationPreference:
    prefs, _created = NotificationPreference.objects.update_or_create(
        user=actor,
        defaults={
            "digest": digest,
            "upcoming": upcoming,
            "overdue": overdue,
            "escalation": escalation,
        },
    )
    audit_record(
        action="workflows.preferences_updated",
        actor=actor,
        obj=prefs,
        data={"digest": digest, "upcoming": upcoming, "overdue": overdue, "escalation": escalation},
    )
    return prefs


@transaction.atomic
def calendar_token_create(*, actor: User, label: str = "") -> tuple[CalendarToken, str]:
    """A new secret feed URL; the raw token is returned once and never stored."""
    if not actor.is_authenticated or actor.is_platform_admin:
        raise PermissionDenied(_("Pas de calendrier pour ce compte."))
    if CalendarToken.objects.filter(user=actor, revoked_at__isnull=True).count() >= 5:
        raise Conflict(_("Cinq flux actifs au plus : révoquez-en un d'abord."))
    raw = CalendarToken.new_raw_key()
    token = CalendarToken.objects.create(
        user=actor, key_hash=CalendarToken.hash(raw), prefix=raw[:8], label=(label or "")[:100]
    )
    audit_record(action="workflows.calendar_token_created", actor=actor, obj=token)
    return token, raw


@transaction.atomic
def calendar_token_revoke(*, actor: User, token_id: int) -> None:
    updated = CalendarToken.objects.filter(pk=token_id, user=actor, revoked_at__isnull=True).update(
        revoked_at=timezone.now()
    )
    if not updated:
        raise NotFound()
    audit_record(
        action="workflows.calendar_token_revoked",
        actor=actor,
        object_type="workflows.calendartoken",
        object_id=token_id,
    )


def calendar_token_user(raw: str) -> User | None:
    """The user a feed token stands for (the token is the capability), or None."""
    if not raw or len(raw) > 100:
        return None
    token = (
        CalendarToken.objects.select_related("user")
        .filter(key_hash=CalendarToken.hash(raw), revoked_at__isnull=True, user__is_active=True)
        .first()
    )
    if token is None:
        return None
    CalendarToken.objects.filter(pk=token.pk).update(last_used_at=timezone.now())
    return token.user
