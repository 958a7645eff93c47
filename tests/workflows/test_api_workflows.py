"""API: checklist, tasks, my actions, transitions and validations, all inside the walls."""

from __future__ import annotations

import json
from typing import Any

import pytest

from ilot.core import rls
from ilot.workflows.demo import load_workflow_demo
from ilot.workflows.models import ChecklistItem, ItemStatus

pytestmark = pytest.mark.django_db

MISSING = 987654


@pytest.fixture
def demo(world: dict[str, Any]) -> dict[str, Any]:
    load_workflow_demo()
    return world


def _post(client: Any, url: str, body: dict[str, Any]) -> Any:
    return client.post(url, json.dumps(body), content_type="application/json")


def _received(dossier: Any) -> ChecklistItem:
    with rls.as_system():
        item = (
            ChecklistItem.objects.filter(
                dossier=dossier, status=ItemStatus.RECEIVED, critical=False
            )
            .order_by("position")
            .first()
        )
    assert item is not None
    return item


def test_checklist_and_tasks_inside_the_wall(demo: dict[str, Any], client_for: Any) -> None:
    dossier = demo["alpha_dossiers"][0]
    data = client_for(demo["alpha"]).get(f"/api/v1/dossiers/{dossier.pk}/checklist").json()
    assert data["state"] == "documentation" and len(data["items"]) >= 30
    assert {d["code"] for d in data["deadlines"]} >= {"third_party_appeal_end", "kbis_expiry"}
    appeal = next(d for d in data["deadlines"] if d["code"] == "third_party_appeal_end")
    assert appeal["depends_on"][0]["name"] == "permit_posting_date"
    tasks = client_for(demo["rm"]).get(f"/api/v1/dossiers/{dossier.pk}/tasks").json()
    assert any("convention de crédit" in t["title"] for t in tasks)
    for user in (demo["beta"], demo["analyst"], demo["admin"], demo["compliance"]):
        client = client_for(user)
        for suffix in ("checklist", "tasks"):
            real = client.get(f"/api/v1/dossiers/{dossier.pk}/{suffix}")
            missing = client.get(f"/api/v1/dossiers/{MISSING}/{suffix}")
            assert real.status_code == missing.status_code == 404
            assert real.json() == missing.json()


def test_item_routes_answer_404_alike_outside_the_wall(
    demo: dict[str, Any], client_for: Any
) -> None:
    item = _received(demo["alpha_dossiers"][0])
    for user in (demo["beta"], demo["analyst"], demo["admin"], demo["compliance"]):
        client = client_for(user)
        for action, body in (("validate", {}), ("reject", {"reason": "x"})):
            real = _post(client, f"/api/v1/checklist-items/{item.pk}/{action}", body)
            missing = _post(client, f"/api/v1/checklist-items/{MISSING}/{action}", body)
            assert real.status_code == missing.status_code == 404, (user, action)
            assert real.json() == missing.json()
            assert demo["alpha_dossiers"][0].name not in real.content.decode()
    with rls.as_system():
        assert ChecklistItem.objects.get(pk=item.pk).status == ItemStatus.RECEIVED


def test_validate_reject_and_errors(demo: dict[str, Any], client_for: Any) -> None:
    dossier = demo["alpha_dossiers"][0]
    item = _received(dossier)
    dev = _post(client_for(demo["alpha"]), f"/api/v1/checklist-items/{item.pk}/validate", {})
    assert dev.status_code == 403 and dev.json()["error"]["code"] == "permission_denied"
    rm = client_for(demo["rm"])
    empty = _post(rm, f"/api/v1/checklist-items/{item.pk}/reject", {"reason": ""})
    assert empty.status_code == 400 and "reason" in empty.json()["error"]["fields"]
    ok = _post(rm, f"/api/v1/checklist-items/{item.pk}/validate", {"note": "ok"})
    assert ok.status_code == 200 and ok.json()["status"] == "validated"
    again = _post(rm, f"/api/v1/checklist-items/{item.pk}/reject", {"reason": "non"})
    assert again.status_code == 409 and again.json()["error"]["code"] == "not_received"


def test_transition_api(demo: dict[str, Any], client_for: Any) -> None:
    dossier = demo["alpha_dossiers"][1]  # in analysis
    rm = client_for(demo["rm"])
    blocked = _post(rm, f"/api/v1/dossiers/{dossier.pk}/transition", {"target": "committee"})
    assert blocked.status_code == 409
    error = blocked.json()["error"]
    assert error["code"] == "blocked" and "cannot move to committee" in error["message"]
    unknown = _post(rm, f"/api/v1/dossiers/{dossier.pk}/transition", {"target": "moon"})
    assert unknown.status_code == 409 and unknown.json()["error"]["code"] == "unknown_state"
    dev = _post(
        client_for(demo["alpha"]),
        f"/api/v1/dossiers/{dossier.pk}/transition",
        {"target": "abandoned", "reason": "Projet arrêté"},
    )
    assert dev.status_code == 200 and dev.json()["state"] == "abandoned"
    final = _post(rm, f"/api/v1/dossiers/{dossier.pk}/transition", {"target": "analysis"})
    assert final.status_code == 409 and final.json()["error"]["code"] == "terminal_state"
    outsider = _post(
        client_for(demo["beta"]), f"/api/v1/dossiers/{dossier.pk}/transition", {"target": "x"}
    )
    assert outsider.status_code == 404


def test_my_actions_api_filters(demo: dict[str, Any], client_for: Any) -> None:
    client = client_for(demo["alpha"])
    rows = client.get("/api/v1/me/actions").json()
    assert rows and all(r["dossier_name"] != "Villa Horizon" for r in rows)
    dossier = demo["alpha_dossiers"][0]
    one = client.get(f"/api/v1/me/actions?dossier_id={dossier.pk}&kind=task").json()
    assert one and all(r["dossier_id"] == dossier.pk and r["kind"] == "task" for r in one)
    assert client.get("/api/v1/me/actions?party=notary").json() == []
    anonymous = client_for(demo["alpha"])
    anonymous.logout()
    assert anonymous.get("/api/v1/me/actions").status_code == 401
