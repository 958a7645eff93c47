"""Background tasks (Django's Tasks API, database backend).

``reminders_run_task`` is the periodic entry point next to the ``ilot reminders run`` command:
schedule either once a day (cron, systemd timer, or any scheduler enqueuing the task). Both
are idempotent and safe to run from several workers at once (see ``services.reminders_run``);
the sweep sets the system RLS actor explicitly, since it must read across dossiers.
"""

from __future__ import annotations

from typing import Any

from django_tasks import task

from ilot.workflows import services


@task()
def reminders_run_task() -> dict[str, Any]:
    run = services.reminders_run()
    return {
        "run_id": run.run_id,
        "day": run.today.isoformat(),
        "candidates": run.candidates,
        "sent": run.sent,
        "digests": run.digests,
    }
