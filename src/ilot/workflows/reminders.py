"""Which reminders a daily digest sends: pure selection, no I/O.

The periodic job loads each user's open items (checklist items, conditions precedent, tasks,
deadlines) with their due dates and the idempotency keys already recorded, calls
:func:`select_reminders`, then records each reminder's key in a table with a unique constraint
*before* (or in the same transaction as) queueing its e-mail. Because the key is a pure function
of (recipient, item, kind, reference date), running the job twice, or from several workers at
once, selects the same keys and the unique constraint lets only one of them through: the same
reminder is never sent twice.

Kinds, for an item due on D and a run on day T (dates in Europe/Paris):

* ``upcoming_7``: 1 < D - T <= 7 (the J-7 notice; caught up if the job missed J-7 itself);
* ``upcoming_1``: 0 <= D - T <= 1 (J-1, or the due day itself if J-1 was missed);
* ``overdue``: T > D, to the owner; once per item and due date, or every
  ``overdue_repeat_days`` days if the policy says so;
* ``escalation``: T - D >= ``escalate_after_days``, once, to the dossier lead.

A reminder whose key was sent is skipped; a due date that moves gives new keys (new reminders).
A J-7 notice is not sent when the J-1 notice is due the same day: one message per item.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Container, Iterable, Mapping
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from enum import StrEnum
from typing import Any
from zoneinfo import ZoneInfo

PARIS = ZoneInfo("Europe/Paris")

UserId = int | str


class ReminderKind(StrEnum):
    UPCOMING_7 = "upcoming_7"
    UPCOMING_1 = "upcoming_1"
    OVERDUE = "overdue"
    ESCALATION = "escalation"


@dataclass(frozen=True)
class ReminderItem:
    """What the job knows of one item: who owns it, when it is due, who escalates it."""

    item_id: str
    owner_id: UserId
    due_date: date
    is_open: bool
    title: str = ""
    dossier_id: str | None = None
    escalate_to: UserId | None = None  # the dossier lead; None: no escalation possible


@dataclass(frozen=True)
class ReminderPolicy:
    upcoming_days: int = 7
    escalate_after_days: int = 3
    overdue_repeat_days: int | None = None  # None: the overdue notice is sent once

    def __post_init__(self) -> None:
        if self.upcoming_days < 2:
            raise ValueError("upcoming_days must be at least 2 (J-1 is separate)")
        if self.escalate_after_days < 1:
            raise ValueError("escalate_after_days must be at least 1")
        if self.overdue_repeat_days is not None and self.overdue_repeat_days < 1:
            raise ValueError("overdue_repeat_days must be at least 1")


@dataclass(frozen=True)
class UserPreferences:
    """Per-user choices; escalations to a lead are not optional for the lead's team, but a
    lead may turn them off for themselves."""

    digest: bool = True
    upcoming: bool = True
    overdue: bool = True
    escalation: bool = True

    def allows(self, kind: ReminderKind) -> bool:
        if not self.digest:
            return False
        if kind in (ReminderKind.UPCOMING_7, ReminderKind.UPCOMING_1):
            return self.upcoming
        if kind is ReminderKind.OVERDUE:
            return self.overdue
        return self.escalation


@dataclass(frozen=True)
class Reminder:
    recipient_id: UserId
    item_id: str
    kind: ReminderKind
    due_date: date
    days: int  # days left (upcoming) or days overdue (overdue, escalation)
    reference_date: date  # the date that makes the key unique
    key: str
    title: str
    dossier_id: str | None


def idempotency_key(recipient_id: UserId, item_id: str, kind: ReminderKind, on: date) -> str:
    """Stable key for one reminder. Hashing the JSON of the parts keeps it short and fixed
    length, and makes ``("1:2", "3")`` and ``("1", "2:3")`` different keys."""
    payload = json.dumps([str(recipient_id), str(item_id), kind.value, on.isoformat()])
    return f"{kind.value}:{hashlib.sha256(payload.encode()).hexdigest()[:40]}"


def today_in_paris(now: datetime) -> date:
    """The calendar day in Europe/Paris at instant ``now`` (an aware datetime, e.g. UTC)."""
    if now.tzinfo is None:
        raise ValueError("now must be timezone-aware")
    return now.astimezone(PARIS).date()


def _make(
    recipient: UserId, item: ReminderItem, kind: ReminderKind, days: int, ref: date
) -> Reminder:
    return Reminder(
        recipient_id=recipient,
        item_id=item.item_id,
        kind=kind,
        due_date=item.due_date,
        days=days,
        reference_date=ref,
        key=idempotency_key(recipient, item.item_id, kind, ref),
        title=item.title,
        dossier_id=item.dossier_id,
    )


def _candidates(item: ReminderItem, today: date, policy: ReminderPolicy) -> list[Reminder]:
    days_left = (item.due_date - today).days
    if days_left > policy.upcoming_days:
        return []
    if days_left > 1:
        return [_make(item.owner_id, item, ReminderKind.UPCOMING_7, days_left, item.due_date)]
    if days_left >= 0:
        return [_make(item.owner_id, item, ReminderKind.UPCOMING_1, days_left, item.due_date)]
    overdue = -days_left
    ref = item.due_date
    if policy.overdue_repeat_days:
        # Anchor repeats on the due date: runs on days 1, 1+N, 1+2N ... after it get new keys,
        # and a late or repeated run inside one window reuses that window's key.
        window = (overdue - 1) // policy.overdue_repeat_days
        ref = item.due_date + timedelta(days=1 + window * policy.overdue_repeat_days)
    out = [_make(item.owner_id, item, ReminderKind.OVERDUE, overdue, ref)]
    if item.escalate_to is not None and overdue >= policy.escalate_after_days:
        out.append(_make(item.escalate_to, item, ReminderKind.ESCALATION, overdue, item.due_date))
    return out


def select_reminders(
    items: Iterable[ReminderItem],
    today: date,
    *,
    already_sent: Container[str] = frozenset(),
    policy: ReminderPolicy | None = None,
    preferences: Mapping[int, UserPreferences]
    | Mapping[str, UserPreferences]
    | Mapping[UserId, UserPreferences]
    | None = None,
) -> list[Reminder]:
    """The reminders to send today, never one whose key is in ``already_sent``, sorted by
    recipient, then overdue first (most overdue first), then by due date."""
    policy = policy or ReminderPolicy()
    # Widened for lookup: ids of either type are looked up as they come.
    prefs: Mapping[Any, UserPreferences] = preferences or {}
    default = UserPreferences()
    chosen: dict[str, Reminder] = {}
    for item in items:
        if not item.is_open:
            continue
        for reminder in _candidates(item, today, policy):
            if reminder.key in already_sent or reminder.key in chosen:
                continue
            if not prefs.get(reminder.recipient_id, default).allows(reminder.kind):
                continue
            chosen[reminder.key] = reminder
    return sorted(chosen.values(), key=_urgency)


def _urgency(r: Reminder) -> tuple[str, int, date, str, str]:
    late = r.kind in (ReminderKind.OVERDUE, ReminderKind.ESCALATION)
    return (str(r.recipient_id), 0 if late else 1, r.due_date, r.kind.value, r.item_id)


@dataclass(frozen=True)
class Digest:
    """One e-mail: a recipient's reminders, grouped for the template."""

    recipient_id: UserId
    overdue: tuple[Reminder, ...]
    due_soon: tuple[Reminder, ...]  # J-1 and the due day
    upcoming: tuple[Reminder, ...]  # J-7 window
    escalations: tuple[Reminder, ...]  # others' overdue items this user leads

    @property
    def keys(self) -> tuple[str, ...]:
        groups = (self.overdue, self.due_soon, self.upcoming, self.escalations)
        return tuple(r.key for group in groups for r in group)


def build_digests(reminders: Iterable[Reminder]) -> list[Digest]:
    """Group reminders into one digest per recipient (recipients in a stable order)."""
    groups: dict[UserId, dict[ReminderKind, list[Reminder]]] = {}
    for r in reminders:
        groups.setdefault(r.recipient_id, {k: [] for k in ReminderKind})[r.kind].append(r)
    digests = []
    for recipient in sorted(groups, key=str):
        g = groups[recipient]
        digests.append(
            Digest(
                recipient_id=recipient,
                overdue=tuple(g[ReminderKind.OVERDUE]),
                due_soon=tuple(g[ReminderKind.UPCOMING_1]),
                upcoming=tuple(g[ReminderKind.UPCOMING_7]),
                escalations=tuple(g[ReminderKind.ESCALATION]),
            )
        )
    return digests
