"""`ilot periodic`: queue the periodic jobs (run it from cron, a systemd timer or `--every`).

Each job is idempotent and safe from several machines at once, so a duplicate tick is harmless:
the reminder sweep claims unique keys, housekeeping re-checks ages, stuck analyses are counted
by attempt.
"""

from __future__ import annotations

import time
from typing import Any

from django.core.management.base import BaseCommand, CommandParser


def _jobs() -> list[Any]:
    from ilot.docai.tasks import analyses_requeue_stuck
    from ilot.documents.tasks import data_room_housekeeping_task
    from ilot.workflows.tasks import reminders_run_task

    return [reminders_run_task, data_room_housekeeping_task, analyses_requeue_stuck]


class Command(BaseCommand):
    help = "Queue the periodic jobs (reminders, data-room housekeeping, stuck analyses)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--every", type=int, default=0, help="Repeat every N seconds (0: once and exit)."
        )

    def handle(self, *args: Any, **options: Any) -> None:
        every = options["every"]
        if every < 0:
            raise ValueError("--every must be positive")
        while True:
            for job in _jobs():
                result = job.enqueue()
                self.stdout.write(f"queued {job.name} ({result.id})")
            if not every:
                return
            time.sleep(every)
