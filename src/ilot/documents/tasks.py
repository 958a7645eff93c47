"""Background tasks of the data room (Django's Tasks API, database backend).

``data_room_housekeeping_task`` is the periodic entry point (schedule it hourly with cron, a
systemd timer or any scheduler enqueuing the task): it expires abandoned tus uploads and
removes their staged bytes, sweeps temporary blobs left by crashed writes, and purges
documents trashed longer than the retention. Every step is idempotent (the database and the
storage are the truth) and runs as the system actor where it must see across dossiers.
"""

from __future__ import annotations

from datetime import timedelta

from django_tasks import task

from ilot.documents import conf, services


@task()
def data_room_housekeeping_task() -> dict[str, int]:
    return {
        "uploads_expired": services.uploads_cleanup_expired(),
        "temporary_blobs_removed": conf.blob_store().sweep_temporary(older_than=timedelta(hours=6)),
        "documents_purged": services.documents_purge_expired(),
    }
