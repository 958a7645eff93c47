"""Background tasks of document AI: they take ids and let services do the work (idempotent)."""

from __future__ import annotations

from django_tasks import task


@task()
def document_analyse(version_id: int) -> str:
    from ilot.docai.services import analysis_run

    analysis = analysis_run(version_id)
    return "skipped" if analysis is None else analysis.status


@task()
def analyses_requeue_stuck() -> int:
    from ilot.docai.services import analysis_requeue_stuck

    return analysis_requeue_stuck()
