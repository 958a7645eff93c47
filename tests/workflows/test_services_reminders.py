"""The reminder sweep: digests, escalation, never twice, preferences, concurrency-safe claims."""

from __future__ import annotations

from datetime import UTC, datetime, time, timedelta
from io import StringIO
from typing import Any

import pytest
from django.core import mail
from django.core.management import call_command

from ilot.core import rls
from ilot.workflows import reminders, services
from ilot.workflows.demo import load_workflow_demo
from ilot.workflows.models import Notification, NotificationPreference, ReminderLog, Task

pytestmark = pytest.mark.django_db


def _at(day: Any) -> datetime:
    return datetime.combine(day, time(8, 0), tzinfo=UTC)


@pytest.fixture
def demo(world: dict[str, Any]) -> dict[str, Any]:
    load_workflow_demo()
    return world


def test_digest_once_per_user_and_never_twice(
    demo: dict[str, Any], django_capture_on_commit_callbacks: Any
) -> None:
    mail.outbox.clear()
    today = services.today()
    with django_capture_on_commit_callbacks(execute=True):
        first = services.reminders_run(now=_at(today))
    assert first.sent > 0 and first.digests == len(mail.outbox)
    recipients = [m.to[0] for m in mail.outbox]
    assert len(recipients) == len(set(recipients))  # one digest per user
    rm_mail = next(m for m in mail.outbox if m.to == [demo["rm"].email])
    assert "EN RETARD" in rm_mail.body and "Finaliser le projet de convention" in rm_mail.body
    with rls.as_system():
        logged = ReminderLog.objects.count()
        assert Notification.objects.filter(kind__startswith="reminder_").exists()
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        again = services.reminders_run(now=_at(today))
    assert again.sent == 0 and mail.outbox == []
    with rls.as_system():
        assert ReminderLog.objects.count() == logged


def test_escalation_to_the_lead_after_n_days(
    demo: dict[str, Any], django_capture_on_commit_callbacks: Any
) -> None:
    dossier = demo["alpha_dossiers"][0]
    today = services.today()
    with rls.as_system():
        task = Task.objects.create(
            dossier=dossier,
            title="Attestation DO en retard",
            owner_party="developer",
            due_date=today - timedelta(days=5),
        )
    policy = reminders.ReminderPolicy(escalate_after_days=4)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        services.reminders_run(now=_at(today), policy=policy)
    with rls.as_system():
        kinds = set(
            ReminderLog.objects.filter(item_ref=f"task:{task.pk}").values_list(
                "kind", "recipient_id"
            )
        )
    assert ("overdue", demo["alpha"].pk) in kinds
    assert ("escalation", demo["rm"].pk) in kinds
    rm_mail = next(m for m in mail.outbox if m.to == [demo["rm"].email])
    assert "ESCALADES" in rm_mail.body and "Attestation DO en retard" in rm_mail.body


def test_preferences_are_respected(
    demo: dict[str, Any], django_capture_on_commit_callbacks: Any
) -> None:
    NotificationPreference.objects.create(user=demo["alpha"], digest=False)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        services.reminders_run(now=_at(services.today()))
    assert demo["alpha"].email not in [m.to[0] for m in mail.outbox]
    with rls.as_system():
        assert not ReminderLog.objects.filter(recipient=demo["alpha"]).exists()


def test_a_concurrent_claim_loses_cleanly(demo: dict[str, Any]) -> None:
    """Two runs selecting the same reminders: the second finds the keys taken and sends none."""
    today = services.today()
    with rls.as_system():
        items = services._reminder_items(today, today + timedelta(days=7))
        chosen = reminders.select_reminders(items, today)
        digest = reminders.build_digests(chosen)[0]
        from ilot.tenancy.models import User

        user = User.objects.get(pk=int(digest.recipient_id))
        assert services._claim_and_send(user, digest, today, "run-a") > 0
        assert services._claim_and_send(user, digest, today, "run-b") == 0
        assert not ReminderLog.objects.filter(run_id="run-b").exists()


def test_command_runs_and_validates_its_options(demo: dict[str, Any]) -> None:
    out = StringIO()
    call_command("reminders", "run", "--date", services.today().isoformat(), stdout=out)
    assert "sent in" in out.getvalue()
    from django.core.management.base import CommandError

    with pytest.raises(CommandError):
        call_command("reminders", "run", "--date", "31/12/2026")
    with pytest.raises(CommandError):
        call_command("reminders", "run", "--escalate-after", "0")
