"""Private helpers shared by the workflows service modules: the clock, limits, notifications."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date

from django.core.mail import send_mail
from django.db import transaction
from django.utils import timezone

from ilot.dossiers.models import Dossier
from ilot.tenancy.models import User
from ilot.workflows.models import (
    DossierFact,
    Notification,
)
from ilot.workflows.reminders import today_in_paris

REJECTION_TASK_DAYS = 5

MAX_TEXT = 5000


def today() -> date:
    return today_in_paris(timezone.now())


def _dossier_facts(dossier_id: int) -> dict[str, date]:
    return dict(DossierFact.objects.filter(dossier_id=dossier_id).values_list("code", "value"))


def _created_on(dossier: Dossier) -> date:
    return today_in_paris(dossier.created_at) if dossier.created_at else today()


def _notify(
    *, users: Iterable[int], dossier: Dossier, kind: str, title: str, body: str, url: str
) -> None:
    Notification.objects.bulk_create(
        [
            Notification(user_id=uid, dossier=dossier, kind=kind, title=title, body=body, url=url)
            for uid in sorted(set(users))
        ]
    )


def _mail_on_commit(user_ids: Iterable[int], subject: str, body: str) -> None:
    emails = list(
        User.objects.filter(pk__in=list(user_ids), is_active=True).values_list("email", flat=True)
    )
    if emails:
        transaction.on_commit(lambda: send_mail(subject, body, None, emails, fail_silently=True))


def planning_next_business_day(d: date) -> date:
    from ilot.workflows import calendar_fr

    return calendar_fr.next_business_day(d, include_self=True)
