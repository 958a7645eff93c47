"""Web pages: tabs, my actions (constant query count), portfolio, template editor, calendar."""

from __future__ import annotations

import html
import re
from datetime import timedelta
from typing import Any

import pytest
from django.utils import timezone

from ilot.core import rls
from ilot.dossiers.models import Dossier, Participant, ParticipantRole
from ilot.dossiers.services import DossierInput, dossier_create
from ilot.tenancy.models import Organisation
from ilot.workflows import services
from ilot.workflows.demo import load_workflow_demo
from ilot.workflows.models import CalendarToken, ChecklistItem, ItemStatus, Task

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo(world: dict[str, Any]) -> dict[str, Any]:
    load_workflow_demo()  # the platform demo loader may already have called it
    assert load_workflow_demo() == 0  # idempotent
    return world


def _text(response: Any) -> str:
    return html.unescape(response.content.decode())


def test_checklist_and_tasks_tabs_render(demo: dict[str, Any], client_for: Any) -> None:
    dossier = demo["alpha_dossiers"][0]
    page = client_for(demo["rm"]).get(f"/dossiers/{dossier.pk}/checklist/")
    body = _text(page)
    assert page.status_code == 200
    assert 'data-testid="timeline"' in body and "<svg" in body
    assert not re.search(r'(x|y|width|x1|x2)="\d+,\d', body)  # SVG numbers never localised
    assert "Extrait Kbis de la SCCV" in body and "Échéances calculées" in body
    assert "Fin du délai de recours des tiers" in body
    assert 'name="item_id"' in body  # the bank sees validate/reject forms
    tasks = _text(client_for(demo["alpha"]).get(f"/dossiers/{dossier.pk}/tasks/"))
    assert "Transmettre l'attestation d'assurance" in tasks
    # The developer sees the checklist but no bank action.
    dev = _text(client_for(demo["alpha"]).get(f"/dossiers/{dossier.pk}/checklist/"))
    assert "Motif du refus" not in dev and "Enregistrer la date" not in dev


def test_my_actions_for_developer_and_rm(demo: dict[str, Any], client_for: Any) -> None:
    dev = _text(client_for(demo["alpha"]).get("/my-actions/"))
    assert "Mes actions" in dev and "Les Jardins de la Loire" in dev
    assert "Transmettre l'attestation" in dev
    assert "Villa Horizon" not in dev and "Terrasses du Port" not in dev  # Beta's
    rm = _text(client_for(demo["rm"]).get("/my-actions/"))
    assert "Finaliser le projet de convention de crédit" in rm and "À valider" in rm
    assert "Villa Horizon" not in rm
    beta = _text(client_for(demo["beta"]).get("/my-actions/"))
    assert "Jardins de la Loire" not in beta and "Villa Horizon" in beta
    filtered = _text(client_for(demo["rm"]).get("/my-actions/?kind=task"))
    assert 'data-kind="task"' in filtered and 'data-kind="validation"' not in filtered


def test_my_actions_query_count_does_not_grow_with_dossiers(
    demo: dict[str, Any], client_for: Any, django_assert_max_num_queries: Any
) -> None:
    client = client_for(demo["rm"])
    client.get("/my-actions/")  # warm caches (session, content types)
    with django_assert_max_num_queries(25) as few:
        assert client.get("/my-actions/").status_code == 200
    baseline = len(few.captured_queries)
    alpha = Organisation.objects.get(name="Alpha Promotion")
    with rls.acting_as(demo["rm"].pk):
        for i in range(6):
            dossier = dossier_create(
                actor=demo["rm"],
                data=DossierInput(
                    name=f"Extra {i}",
                    client_id=alpha.pk,
                    sccv_name=f"SCCV Extra {i}",
                    sccv_siren="834567893",
                    address="1 rue",
                    lots=10,
                    relationship_manager_id=demo["rm"].pk,
                ),
            )
            services.checklist_instantiate(actor=demo["rm"], dossier=dossier)
            services.task_create(
                actor=demo["rm"],
                dossier_id=dossier.pk,
                title=f"Tâche {i}",
                due_date=services.today() + timedelta(days=i),
            )
    with django_assert_max_num_queries(baseline) as many:
        page = client.get("/my-actions/")
    assert page.status_code == 200 and "Extra 5" in _text(page)
    assert len(many.captured_queries) == baseline


def test_api_my_actions_sorted_overdue_first(demo: dict[str, Any], client_for: Any) -> None:
    rows = client_for(demo["rm"]).get("/api/v1/me/actions").json()
    dated = [r["due_date"] for r in rows if r["due_date"]]
    assert dated == sorted(dated) and rows[0]["overdue"] is True
    assert {r["kind"] for r in rows} >= {"task", "validation", "deadline"}
    assert all(r["dossier_name"] not in ("Villa Horizon",) for r in rows)


def test_portfolio_for_bank_staff_only(demo: dict[str, Any], client_for: Any) -> None:
    page = client_for(demo["rm"]).get("/portfolio/")
    body = _text(page)
    assert page.status_code == 200 and 'data-testid="weeks-chart"' in body
    assert not re.search(r'(x|y|width|height)="\d+,\d', body)
    assert "Dossiers bloqués" in body and "Villa Horizon" not in body
    assert "OP-" in body  # at least one blocked Alpha dossier is listed
    for user in (demo["alpha"], demo["notary"], demo["admin"]):
        assert client_for(user).get("/portfolio/").status_code == 404


def test_validate_and_reject_through_the_web(demo: dict[str, Any], client_for: Any) -> None:
    dossier = demo["alpha_dossiers"][0]
    with rls.as_system():
        received = list(
            ChecklistItem.objects.filter(dossier=dossier, status=ItemStatus.RECEIVED).order_by("pk")
        )
    client = client_for(demo["rm"])
    url = f"/dossiers/{dossier.pk}/checklist/reject/"
    response = client.post(url, {"item_id": received[0].pk, "reason": "Illisible"})
    assert response.status_code == 302
    # An item of another dossier cannot be reached through this dossier's URL.
    other = demo["alpha_dossiers"][1]
    with rls.as_system():
        foreign = ChecklistItem.objects.filter(dossier=other).first()
    assert client.post(url, {"item_id": foreign.pk, "reason": "x"}).status_code == 404
    with rls.as_system():
        assert ChecklistItem.objects.get(pk=received[0].pk).status == ItemStatus.REJECTED
        assert Task.objects.filter(checklist_item_id=received[0].pk).exists()
    # Outsiders: 404 like a missing dossier.
    for user in (demo["beta"], demo["analyst"]):
        assert client_for(user).post(url, {"item_id": received[1].pk}).status_code == 404


def test_template_editor_shows_every_problem(demo: dict[str, Any], client_for: Any) -> None:
    admin = client_for(demo["admin"])
    version = services.template_default_version()
    assert client_for(demo["rm"]).get("/checklist-templates/").status_code == 404
    assert "credit_promoteur_gfa" in admin.get("/checklist-templates/").content.decode()
    url = f"/checklist-templates/{version.template_id}/"
    bad = version.source_text.replace("category: KBIS\n", "category: NOPE\n", 1)
    response = admin.post(url, {"content": bad})
    assert response.status_code == 400
    assert "NOPE" in _text(response) and "rien n'a été enregistré" in _text(response)
    response = admin.post(url, {"content": version.source_text.replace("days: 15}", "days: 16}")})
    assert response.status_code == 302


def test_calendar_feed_is_a_revocable_capability(demo: dict[str, Any], client_for: Any) -> None:
    client = client_for(demo["rm"])
    page = _text(client.post("/calendar/new/", {"label": "bureau"}))
    assert "/calendar/feed/" in page
    raw = page.split("/calendar/feed/")[1].split(".ics")[0]
    from django.test import Client

    feed = Client().get(f"/calendar/feed/{raw}.ics")
    body = feed.content.decode()
    assert feed.status_code == 200 and feed["Content-Type"].startswith("text/calendar")
    assert body.startswith("BEGIN:VCALENDAR") and "Jardins de la Loire" in body
    assert "Villa Horizon" not in body
    assert Client().get("/calendar/feed/not-a-token.ics").status_code == 404
    token = CalendarToken.objects.get(user=demo["rm"])
    client.post(f"/calendar/{token.pk}/revoke/")
    assert Client().get(f"/calendar/feed/{raw}.ics").status_code == 404
    # Another user cannot revoke someone else's feed: it does not exist for them.
    assert client_for(demo["alpha"]).post(f"/calendar/{token.pk}/revoke/").status_code == 404


def test_notifications_and_preferences(demo: dict[str, Any], client_for: Any) -> None:
    client = client_for(demo["alpha"])
    assert client.get("/notifications/").status_code == 200
    client.post("/notifications/preferences/", {"digest": "on", "overdue": "on"})
    prefs = demo["alpha"].workflow_preferences
    assert prefs.digest and prefs.overdue and not prefs.upcoming and not prefs.escalation


def test_new_participant_tasks_and_comments(demo: dict[str, Any], client_for: Any) -> None:
    dossier: Dossier = demo["alpha_dossiers"][0]
    client = client_for(demo["alpha"])
    due = (timezone.now() + timedelta(days=10)).date().isoformat()
    response = client.post(
        f"/dossiers/{dossier.pk}/tasks/new/",
        {"title": "Envoyer le planning travaux", "owner": "party:developer", "due_date": due},
    )
    assert response.status_code == 302
    with rls.as_system():
        task = Task.objects.get(title="Envoyer le planning travaux")
        notary = Participant.objects.get(dossier=dossier, role=ParticipantRole.NOTARY)
    client.post(f"/dossiers/{dossier.pk}/tasks/comments/", {"task_id": task.pk, "body": "Ok"})
    client.post(f"/dossiers/{dossier.pk}/tasks/status/", {"task_id": task.pk, "status": "done"})
    with rls.as_system():
        task.refresh_from_db()
        assert task.status == "done" and task.comments.count() == 1
    assert notary.user_id == demo["notary"].pk
    past = client.post(
        f"/dossiers/{dossier.pk}/tasks/new/",
        {"title": "Hier", "owner": "party:developer", "due_date": "2020-01-01"},
        follow=True,
    )
    assert "dans le passé" in _text(past)
