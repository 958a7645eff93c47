"""Wall crossings: requested by a bank user outside the team, decided by compliance, time-boxed."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest
from django.utils import timezone

from ilot.audit.models import Event
from ilot.core import rls
from ilot.core.exceptions import NotFound, PermissionDenied, ValidationFailed
from ilot.dossiers.access import visible_dossiers
from ilot.dossiers.models import WallCrossing
from ilot.dossiers.wall_crossing import (
    wall_crossing_decide,
    wall_crossing_request,
    wall_crossing_revoke,
    wall_crossings_open,
)

pytestmark = pytest.mark.django_db


def _crossings() -> list[WallCrossing]:
    with rls.as_system():
        return list(WallCrossing.objects.all())


def test_request_approve_expire_and_revoke(world: dict[str, Any], client_for: Any) -> None:
    analyst, compliance = world["analyst"], world["compliance"]
    target = world["alpha_dossiers"][0]
    assert client_for(analyst).get(f"/dossiers/{target.pk}/").status_code == 404
    with rls.acting_as(analyst.pk):
        wall_crossing_request(
            actor=analyst, reference=target.reference, reason="Revue du comité des risques"
        )
    [crossing] = _crossings()
    assert not visible_dossiers(analyst).filter(pk=target.pk).exists()
    with rls.acting_as(compliance.pk):
        assert [c.pk for c in wall_crossings_open(actor=compliance)] == [crossing.pk]
        with pytest.raises(ValidationFailed):
            wall_crossing_decide(actor=compliance, crossing_id=crossing.pk, approve=True, days=90)
        wall_crossing_decide(actor=compliance, crossing_id=crossing.pk, approve=True, days=3)
    page = client_for(analyst).get(f"/dossiers/{target.pk}/")
    assert page.status_code == 200 and target.name in page.content.decode()
    # Time-boxed: once expired, the wall is back.
    with rls.as_system():
        WallCrossing.objects.filter(pk=crossing.pk).update(
            expires_at=timezone.now() - timedelta(seconds=1)
        )
    assert client_for(analyst).get(f"/dossiers/{target.pk}/").status_code == 404
    with rls.as_system():
        WallCrossing.objects.filter(pk=crossing.pk).update(
            expires_at=timezone.now() + timedelta(days=1)
        )
    with rls.acting_as(compliance.pk):
        wall_crossing_revoke(actor=compliance, crossing_id=crossing.pk)
    assert client_for(analyst).get(f"/dossiers/{target.pk}/").status_code == 404
    with rls.as_system():
        actions = set(Event.objects.filter(dossier_id=target.pk).values_list("action", flat=True))
    assert {"wall.crossing_requested", "wall.crossing_approved", "wall.crossing_revoked"} <= actions


def test_unknown_reference_looks_like_a_known_one(world: dict[str, Any], client_for: Any) -> None:
    web = client_for(world["analyst"])
    known = web.post(
        "/wall-crossings/request/",
        {"reference": world["alpha_dossiers"][0].reference, "reason": "Besoin d'en connaître"},
    )
    unknown = web.post(
        "/wall-crossings/request/",
        {"reference": "OP-1999-99999", "reason": "Besoin d'en connaître"},
    )
    assert known.status_code == unknown.status_code == 302
    assert len(_crossings()) == 1


def test_only_compliance_decides_and_only_bank_requests(
    world: dict[str, Any], client_for: Any
) -> None:
    target = world["alpha_dossiers"][0]
    with rls.acting_as(world["analyst"].pk):
        wall_crossing_request(
            actor=world["analyst"], reference=target.reference, reason="Contrôle périodique"
        )
    [crossing] = _crossings()
    for user in (world["rm"], world["analyst"], world["admin"], world["beta"]):
        with rls.acting_as(user.pk), pytest.raises(NotFound):
            wall_crossing_decide(actor=user, crossing_id=crossing.pk, approve=True)
        assert (
            client_for(user)
            .post(f"/compliance/wall-crossings/{crossing.pk}/", {"action": "approve"})
            .status_code
            == 404
        )
    for user in (world["beta"], world["notary"]):
        with rls.acting_as(user.pk), pytest.raises(PermissionDenied):
            wall_crossing_request(
                actor=user, reference=target.reference, reason="Je veux voir ce dossier"
            )
    with rls.acting_as(world["analyst"].pk), pytest.raises(ValidationFailed):
        wall_crossing_request(actor=world["analyst"], reference=target.reference, reason="court")
    page = client_for(world["compliance"]).get("/compliance/")
    assert page.status_code == 200 and "Contrôle périodique" in page.content.decode()


def test_compliance_and_requester_are_told_by_mail(
    world: dict[str, Any], django_capture_on_commit_callbacks: Any, mailoutbox: list[Any]
) -> None:
    analyst, compliance = world["analyst"], world["compliance"]
    target = world["alpha_dossiers"][0]
    with django_capture_on_commit_callbacks(execute=True), rls.acting_as(analyst.pk):
        wall_crossing_request(
            actor=analyst, reference="OP-0000-99999", reason="Pas un vrai dossier"
        )
    assert mailoutbox == []  # an unknown reference alerts nobody (it is audited)
    with django_capture_on_commit_callbacks(execute=True), rls.acting_as(analyst.pk):
        wall_crossing_request(
            actor=analyst, reference=target.reference, reason="Revue du comité des risques"
        )
    [request_mail] = mailoutbox
    assert request_mail.to == [compliance.email]
    assert (
        target.reference in request_mail.body and "Revue du comité des risques" in request_mail.body
    )
    assert target.name not in request_mail.body  # the reference, never the operation's name
    [crossing] = _crossings()
    with django_capture_on_commit_callbacks(execute=True), rls.acting_as(compliance.pk):
        wall_crossing_decide(actor=compliance, crossing_id=crossing.pk, approve=True, days=3)
    decision = mailoutbox[-1]
    assert decision.to == [analyst.email] and target.reference in decision.body
