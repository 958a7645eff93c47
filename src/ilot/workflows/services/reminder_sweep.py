"""The reminder sweep (:func:`reminders_run`)."""

from __future__ import annotations

import secrets
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Any

from django.conf import settings
from django.core.mail import send_mail
from django.db import connection, transaction
from django.db.models import Q
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from ilot.audit.services import audit_record
from ilot.core import rls
from ilot.dossiers.models import Participant
from ilot.tenancy.models import User
from ilot.workflows import access, lifecycle, reminders
from ilot.workflows.models import (
    OPEN_TASK_STATUSES,
    TO_PROVIDE_STATUSES,
    ChecklistItem,
    Notification,
    NotificationPreference,
    ReminderLog,
    Task,
)
from ilot.workflows.reminders import today_in_paris


@dataclass(frozen=True)
class ReminderRun:
    run_id: str
    today: date
    candidates: int
    sent: int
    digests: int
    skipped_already_sent: int


def _reminder_policy() -> reminders.ReminderPolicy:
    return reminders.ReminderPolicy(
        escalate_after_days=int(getattr(settings, "ILOT_REMINDER_ESCALATE_AFTER_DAYS", 3))
    )


def _reminder_items(today_: date, horizon: date) -> list[reminders.ReminderItem]:
    """Open items and tasks due by ``horizon``, one ReminderItem per (row, recipient).

    Four queries whatever the number of dossiers: items, tasks, the seats of the dossiers
    concerned, and nothing per dossier. Runs as the system actor (the caller sets it).
    """
    live = ~Q(dossier__state__in=[s.value for s in lifecycle.TERMINAL])
    item_rows = list(
        ChecklistItem.objects.filter(
            live, status__in=TO_PROVIDE_STATUSES, due_date__lte=horizon
        ).values_list(
            "id",
            "dossier_id",
            "responsible",
            "due_date",
            "label_fr",
            "dossier__relationship_manager_id",
        )
    )
    task_rows = list(
        Task.objects.filter(live, status__in=OPEN_TASK_STATUSES, due_date__lte=horizon).values_list(
            "id",
            "dossier_id",
            "owner_party",
            "due_date",
            "title",
            "dossier__relationship_manager_id",
            "owner_user_id",
        )
    )
    dossier_ids = {r[1] for r in item_rows} | {r[1] for r in task_rows}
    seats: dict[tuple[int, str], list[int]] = defaultdict(list)
    for chunk in _chunks(sorted(dossier_ids), 5000):
        for dossier_id, user_id, role in Participant.objects.filter(
            dossier_id__in=chunk, is_active=True, user__is_active=True
        ).values_list("dossier_id", "user_id", "role"):
            seat_party = access.ROLE_TO_PARTY.get(role)
            if seat_party is not None:
                seats[(dossier_id, seat_party.value)].append(user_id)
    out: list[reminders.ReminderItem] = []
    for pk, dossier_id, responsible, due, title, lead in item_rows:
        assert due is not None  # filtered on due_date__lte
        for user_id in seats.get((dossier_id, responsible), ()):
            out.append(
                reminders.ReminderItem(
                    item_id=f"item:{pk}",
                    owner_id=user_id,
                    due_date=due,
                    is_open=True,
                    title=title,
                    dossier_id=str(dossier_id),
                    escalate_to=lead if lead != user_id else None,
                )
            )
    for pk, dossier_id, owner_party, due, title, lead, owner in task_rows:
        assert due is not None
        owners = [owner] if owner else seats.get((dossier_id, owner_party), [])
        for user_id in owners:
            out.append(
                reminders.ReminderItem(
                    item_id=f"task:{pk}",
                    owner_id=user_id,
                    due_date=due,
                    is_open=True,
                    title=title,
                    dossier_id=str(dossier_id),
                    escalate_to=lead if lead != user_id else None,
                )
            )
    return out


def _chunks(values: Sequence[Any], size: int) -> Iterable[Sequence[Any]]:
    for start in range(0, len(values), size):
        yield values[start : start + size]


DIGEST_LINES = 40  # per section; the rest is a count and a link to "my actions"


def _send_digest(user: User, digest: reminders.Digest, today_: date) -> None:
    sections = {
        name: {"shown": group[:DIGEST_LINES], "more": max(len(group) - DIGEST_LINES, 0)}
        for name, group in (
            ("overdue", digest.overdue),
            ("due_soon", digest.due_soon),
            ("upcoming", digest.upcoming),
            ("escalations", digest.escalations),
        )
    }
    with translation.override(user.language or "fr"):
        subject = _("[Ilot] Vos échéances du %(day)s") % {"day": today_.strftime("%d/%m/%Y")}
        body = render_to_string(
            "workflows/email/digest.txt",
            {"user": user, "s": sections, "today": today_, "base_url": settings.ILOT_BASE_URL},
        )
    send_mail(subject, body, None, [user.email], fail_silently=False)


def reminders_run(
    *, now: datetime | None = None, policy: reminders.ReminderPolicy | None = None
) -> ReminderRun:
    """The daily reminder job: one digest e-mail per user (J-7, J-1, overdue, escalations to the
    dossier lead), plus in-app notifications. Never sends the same reminder twice, and is safe to
    run from several workers at once.

    Each reminder has a deterministic key; a digest first *claims* its keys by inserting them
    with ``ON CONFLICT DO NOTHING`` (``bulk_create(ignore_conflicts=True)``) tagged with this
    run's id, then sends only the keys it actually inserted. A concurrent run inserting the same
    key waits for the first one's commit and then skips it. The sweep reads across dossiers,
    so it runs as the system actor, explicitly.
    """
    now = now or timezone.now()
    policy = policy or _reminder_policy()
    today_ = today_in_paris(now)
    run_id = secrets.token_hex(16)
    horizon = today_ + timedelta(days=policy.upcoming_days)
    with rls.as_system():
        items = _reminder_items(today_, horizon)
        candidates = reminders.select_reminders(items, today_, policy=policy)
        keys = [r.key for r in candidates]
        sent_before: set[str] = set()
        for chunk in _chunks(keys, 5000):
            sent_before.update(
                ReminderLog.objects.filter(key__in=chunk).values_list("key", flat=True)
            )
        recipients = {int(r.recipient_id) for r in candidates}
        prefs = {
            p.user_id: reminders.UserPreferences(p.digest, p.upcoming, p.overdue, p.escalation)
            for p in NotificationPreference.objects.filter(user_id__in=recipients)
        }
        chosen = reminders.select_reminders(
            items, today_, already_sent=sent_before, policy=policy, preferences=prefs
        )
        users = {u.pk: u for u in User.objects.filter(pk__in={int(r.recipient_id) for r in chosen})}
        sent = digests = 0
        for digest in reminders.build_digests(chosen):
            user = users.get(int(digest.recipient_id))
            if user is None:
                continue
            claimed = _claim_and_send(user, digest, today_, run_id)
            sent += claimed
            digests += 1 if claimed else 0
        audit_record(
            action="workflows.reminders_run",
            actor_label="system",
            data={"run": run_id, "day": today_.isoformat(), "sent": sent, "digests": digests},
        )
    return ReminderRun(run_id, today_, len(candidates), sent, digests, len(sent_before))


def _claim(rows: list[tuple[Any, ...]]) -> None:
    """Insert reminder keys, ignoring those already there (another run's, or an earlier one's).

    One ``executemany`` of ``INSERT ... ON CONFLICT (key) DO NOTHING`` (PostgreSQL, and SQLite
    since 3.24): the ORM's bulk_create builds the same statement but costs ten times more in
    Python per row, which matters at year-end volume.
    """
    table = connection.ops.quote_name(ReminderLog._meta.db_table)
    columns = ", ".join(
        connection.ops.quote_name(c)
        for c in (
            "key",
            "recipient_id",
            "dossier_id",
            "item_ref",
            "kind",
            "run_id",
            "sent_on",
            "created_at",
        )
    )
    sql = (
        f"INSERT INTO {table} ({columns}) VALUES (%s, %s, %s, %s, %s, %s, %s, %s) "  # noqa: S608
        f"ON CONFLICT ({connection.ops.quote_name('key')}) DO NOTHING"
    )
    with connection.cursor() as cursor:
        cursor.executemany(sql, rows)


def _claim_and_send(user: User, digest: reminders.Digest, today_: date, run_id: str) -> int:
    groups = (digest.overdue, digest.due_soon, digest.upcoming, digest.escalations)
    wanted = [r for group in groups for r in group]
    now = timezone.now()
    with transaction.atomic():
        _claim(
            [
                (
                    r.key,
                    user.pk,
                    int(r.dossier_id or 0),
                    r.item_id,
                    r.kind.value,
                    run_id,
                    today_,
                    now,
                )
                for r in wanted
            ]
        )
        mine: set[str] = set()
        for chunk in _chunks([r.key for r in wanted], 5000):
            mine.update(
                ReminderLog.objects.filter(key__in=chunk, run_id=run_id).values_list(
                    "key", flat=True
                )
            )
        if not mine:
            return 0
        claimed = reminders.Digest(
            recipient_id=digest.recipient_id,
            overdue=tuple(r for r in digest.overdue if r.key in mine),
            due_soon=tuple(r for r in digest.due_soon if r.key in mine),
            upcoming=tuple(r for r in digest.upcoming if r.key in mine),
            escalations=tuple(r for r in digest.escalations if r.key in mine),
        )
        # In the app: one notification per dossier of the digest, not one per reminder.
        per_dossier: dict[int, dict[str, int]] = defaultdict(lambda: defaultdict(int))
        for kind, group in (
            ("overdue", claimed.overdue),
            ("soon", claimed.due_soon),
            ("escalation", claimed.escalations),
        ):
            for r in group:
                per_dossier[int(r.dossier_id or 0)][kind] += 1
        labels = {
            "overdue": _("en retard"),
            "soon": _("pour demain"),
            "escalation": _("escalade(s)"),
        }
        Notification.objects.bulk_create(
            [
                Notification(
                    user_id=user.pk,
                    dossier_id=dossier_id,
                    kind="reminder_digest",
                    title=(
                        _("Rappel : ") + ", ".join(f"{n} {labels[k]}" for k, n in counts.items())
                    )[:300],
                    body=today_.isoformat(),
                    url="/my-actions/",
                )
                for dossier_id, counts in sorted(per_dossier.items())
            ]
        )
        if user.email and user.is_active:
            transaction.on_commit(lambda: _send_digest(user, claimed, today_))
        return len(mine)
