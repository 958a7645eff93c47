"""``ilot reminders run``: send today's reminder digests (idempotent, safe in parallel)."""

from __future__ import annotations

from datetime import UTC, date, datetime, time
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from ilot.workflows import reminders, services


class Command(BaseCommand):
    help = "Workflow reminders: `run` sends the daily digests (J-7, J-1, overdue, escalations)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("action", choices=["run"])
        parser.add_argument(
            "--date", help="Run as if today were this date (YYYY-MM-DD), for catch-up or tests."
        )
        parser.add_argument(
            "--escalate-after",
            type=int,
            default=None,
            help="Escalate to the dossier lead after this many overdue days (default 3).",
        )
        parser.add_argument("--enqueue", action="store_true", help="Queue it for a worker.")

    def handle(self, *args: Any, **options: Any) -> None:
        if options["enqueue"]:
            from ilot.workflows.tasks import reminders_run_task

            result = reminders_run_task.enqueue()
            self.stdout.write(f"queued: {result.id}")
            return
        now = None
        if options["date"]:
            try:
                day = date.fromisoformat(options["date"])
            except ValueError as exc:
                raise CommandError("--date must be YYYY-MM-DD") from exc
            now = datetime.combine(day, time(9, 0), tzinfo=UTC)
        policy = None
        if options["escalate_after"] is not None:
            try:
                policy = reminders.ReminderPolicy(escalate_after_days=options["escalate_after"])
            except ValueError as exc:
                raise CommandError(str(exc)) from exc
        run = services.reminders_run(now=now, policy=policy)
        self.stdout.write(
            f"reminders {run.today.isoformat()}: {run.sent} sent in {run.digests} digest(s), "
            f"{run.candidates} due, {run.skipped_already_sent} already sent (run {run.run_id})"
        )
