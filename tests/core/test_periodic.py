import pytest
from django.core.management import call_command
from django_tasks_db.models import DBTaskResult

pytestmark = pytest.mark.django_db


def test_periodic_queues_each_job_once(capsys: pytest.CaptureFixture[str]) -> None:
    call_command("periodic")
    names = sorted(DBTaskResult.objects.values_list("task_path", flat=True))
    assert [n.rsplit(".", 1)[-1] for n in names] == [
        "analyses_requeue_stuck",
        "data_room_housekeeping_task",
        "reminders_run_task",
    ]
    assert capsys.readouterr().out.count("queued") == 3
