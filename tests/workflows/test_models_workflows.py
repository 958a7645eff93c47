"""Model constraints the services rely on: one item per code and dossier, one reminder per key,
and every dossier-scoped workflow table behind the wall."""

from __future__ import annotations

from typing import Any

import pytest
from django.db import IntegrityError, transaction

from ilot.core import rls
from ilot.core.models import DossierScoped
from ilot.workflows import models, services
from ilot.workflows.models import ChecklistItem, ReminderLog

pytestmark = pytest.mark.django_db


def test_item_code_is_unique_per_dossier(world: dict[str, Any]) -> None:
    dossier = world["alpha_dossiers"][0]
    with rls.acting_as(world["rm"].pk):
        services.checklist_instantiate(actor=world["rm"], dossier=dossier)
        item = ChecklistItem.objects.filter(dossier=dossier).first()
        assert item is not None
        item.pk = None
        with pytest.raises(IntegrityError), transaction.atomic():
            item.save()


def test_reminder_key_is_unique(world: dict[str, Any]) -> None:
    dossier = world["alpha_dossiers"][0]
    fields = {
        "key": "overdue:abc",
        "recipient": world["rm"],
        "dossier": dossier,
        "item_ref": "item:1",
        "kind": "overdue",
        "run_id": "a",
        "sent_on": services.today(),
    }
    with rls.as_system():
        ReminderLog.objects.create(**fields)
        with pytest.raises(IntegrityError), transaction.atomic():
            ReminderLog.objects.create(**{**fields, "run_id": "b"})


def test_dossier_rows_are_protected() -> None:
    scoped = {
        m.__name__
        for m in vars(models).values()
        if isinstance(m, type)
        and issubclass(m, DossierScoped)
        and not m._meta.abstract
        and m._meta.app_label == "workflows"
    }
    assert scoped == {
        "ChecklistItem",
        "Task",
        "TaskComment",
        "DossierFact",
        "Deadline",
        "Notification",
        "ReminderLog",
    }
    # Templates, preferences and calendar tokens are not dossier content.
    assert not issubclass(models.CalendarToken, DossierScoped)
