"""Daily digest selection: J-7, J-1, overdue, escalation, idempotency, preferences."""

from datetime import UTC, date, datetime, timedelta

import pytest

from ilot.workflows.reminders import (
    Reminder,
    ReminderItem,
    ReminderKind,
    ReminderPolicy,
    UserPreferences,
    build_digests,
    idempotency_key,
    select_reminders,
    today_in_paris,
)

DUE = date(2026, 12, 15)


def it(item_id: str = "i1", due: date = DUE, *, owner: int = 1, lead: int | None = 9,
       is_open: bool = True) -> ReminderItem:  # fmt: skip
    return ReminderItem(item_id, owner, due, is_open, title=item_id, dossier_id="d1",
                        escalate_to=lead)  # fmt: skip


def kinds(reminders: list[Reminder]) -> list[tuple[object, str]]:
    return [(r.recipient_id, r.kind.value) for r in reminders]


@pytest.mark.parametrize(
    ("today", "expected"),
    [
        (DUE - timedelta(days=8), []),
        (DUE - timedelta(days=7), [(1, "upcoming_7")]),
        (DUE - timedelta(days=2), [(1, "upcoming_7")]),
        (DUE - timedelta(days=1), [(1, "upcoming_1")]),
        (DUE, [(1, "upcoming_1")]),
        (DUE + timedelta(days=1), [(1, "overdue")]),
        (DUE + timedelta(days=2), [(1, "overdue")]),
        (DUE + timedelta(days=3), [(1, "overdue"), (9, "escalation")]),
    ],
)
def test_kind_by_day(today: date, expected: list[tuple[int, str]]) -> None:
    assert kinds(select_reminders([it()], today)) == expected


def test_days_field() -> None:
    (r,) = select_reminders([it()], DUE - timedelta(days=5))
    assert r.days == 5 and r.due_date == DUE
    overdue, escalation = select_reminders([it()], DUE + timedelta(days=4))
    assert overdue.days == escalation.days == 4


def test_closed_items_are_never_reminded() -> None:
    assert select_reminders([it(is_open=False)], DUE + timedelta(days=10)) == []


def test_no_escalation_without_a_lead() -> None:
    assert kinds(select_reminders([it(lead=None)], DUE + timedelta(days=30))) == [(1, "overdue")]


def simulate(items: list[ReminderItem], start: date, days: int,
             policy: ReminderPolicy | None = None) -> list[Reminder]:  # fmt: skip
    """Run the daily job over ``days`` days, twice a day, recording sent keys like the
    database's unique constraint would."""
    sent: set[str] = set()
    log: list[Reminder] = []
    for offset in range(days):
        today = start + timedelta(days=offset)
        for _run in range(2):  # a second worker, or a retried job, the same day
            batch = select_reminders(items, today, already_sent=sent, policy=policy)
            for reminder in batch:
                assert reminder.key not in sent
                sent.add(reminder.key)
            log.extend(batch)
    return log


def test_each_reminder_is_sent_exactly_once_over_a_month() -> None:
    log = simulate([it()], DUE - timedelta(days=20), 40)
    assert kinds(log) == [(1, "upcoming_7"), (1, "upcoming_1"), (1, "overdue"), (9, "escalation")]
    assert len({r.key for r in log}) == 4


def test_overdue_repeats_when_the_policy_says_so() -> None:
    log = simulate(
        [it(lead=None)], DUE + timedelta(days=1), 10, ReminderPolicy(overdue_repeat_days=3)
    )
    overdue = [r for r in log if r.kind is ReminderKind.OVERDUE]
    assert [r.days for r in overdue] == [1, 4, 7, 10]
    assert len({r.key for r in overdue}) == 4


def test_missed_days_are_caught_up_once() -> None:
    # The job did not run on J-7: on J-3 the upcoming notice is still sent, then never again.
    sent: set[str] = set()
    first = select_reminders([it()], DUE - timedelta(days=3), already_sent=sent)
    assert kinds(first) == [(1, "upcoming_7")]
    sent |= {r.key for r in first}
    assert select_reminders([it()], DUE - timedelta(days=2), already_sent=sent) == []


def test_a_moved_due_date_gives_new_reminders() -> None:
    (before,) = select_reminders([it()], DUE - timedelta(days=1))
    moved = it(due=DUE + timedelta(days=1))
    (after,) = select_reminders([moved], DUE, already_sent={before.key})
    assert after.kind is ReminderKind.UPCOMING_1 and after.key != before.key


def test_idempotency_key() -> None:
    key = idempotency_key(1, "i1", ReminderKind.OVERDUE, DUE)
    assert key == idempotency_key(1, "i1", ReminderKind.OVERDUE, DUE)
    assert key.startswith("overdue:") and len(key) == len("overdue:") + 40
    others = {
        idempotency_key(2, "i1", ReminderKind.OVERDUE, DUE),
        idempotency_key(1, "i2", ReminderKind.OVERDUE, DUE),
        idempotency_key(1, "i1", ReminderKind.ESCALATION, DUE),
        idempotency_key(1, "i1", ReminderKind.OVERDUE, DUE + timedelta(days=1)),
        idempotency_key("1:i", "1", ReminderKind.OVERDUE, DUE),
        idempotency_key("1", "i:1", ReminderKind.OVERDUE, DUE),
    }
    assert key not in others and len(others) == 6


def test_preferences() -> None:
    today = DUE + timedelta(days=5)
    prefs = {1: UserPreferences(overdue=False), 9: UserPreferences(digest=False)}
    assert select_reminders([it()], today, preferences=prefs) == []
    prefs = {1: UserPreferences(upcoming=False)}
    assert select_reminders([it()], DUE - timedelta(days=3), preferences=prefs) == []
    assert kinds(select_reminders([it()], today, preferences=prefs)) == [
        (1, "overdue"), (9, "escalation"),
    ]  # fmt: skip


def test_sorting_and_digests() -> None:
    items = [
        it("late", DUE - timedelta(days=2)),
        it("soon", DUE + timedelta(days=1)),
        it("later", DUE + timedelta(days=6)),
        it("other", DUE + timedelta(days=6), owner=2),
        it("very_late", DUE - timedelta(days=10)),
    ]
    reminders = select_reminders(items, DUE)
    mine = [r.item_id for r in reminders if r.recipient_id == 1]
    assert mine == ["very_late", "late", "soon", "later"]
    digests = {d.recipient_id: d for d in build_digests(reminders)}
    assert set(digests) == {1, 2, 9}
    d1 = digests[1]
    assert [r.item_id for r in d1.overdue] == ["very_late", "late"]
    assert [r.item_id for r in d1.due_soon] == ["soon"]
    assert [r.item_id for r in d1.upcoming] == ["later"]
    assert [r.item_id for r in digests[9].escalations] == ["very_late"]
    assert len(d1.keys) == 4


def test_policy_validation() -> None:
    for bad in ({"upcoming_days": 1}, {"escalate_after_days": 0}, {"overdue_repeat_days": 0}):
        with pytest.raises(ValueError):
            ReminderPolicy(**bad)
    short = ReminderPolicy(upcoming_days=3)
    assert select_reminders([it()], DUE - timedelta(days=5), policy=short) == []


def test_today_in_paris() -> None:
    # 23:30 UTC on 31 December is already 1 January in Paris (UTC+1 in winter).
    assert today_in_paris(datetime(2026, 12, 31, 23, 30, tzinfo=UTC)) == date(2027, 1, 1)
    # 22:30 UTC on 30 June is 00:30 on 1 July in Paris (UTC+2 in summer).
    assert today_in_paris(datetime(2026, 6, 30, 22, 30, tzinfo=UTC)) == date(2026, 7, 1)
    with pytest.raises(ValueError):
        today_in_paris(datetime(2026, 1, 1))
