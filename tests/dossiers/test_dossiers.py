"""Dossier creation, participants and invitations: rules, bad input, audit, e-mail."""

from __future__ import annotations

import json
from typing import Any

import pytest
from django.core import mail
from django.test import Client

from ilot.audit.models import Event
from ilot.core import rls
from ilot.core.exceptions import Conflict, NotFound, PermissionDenied, ValidationFailed
from ilot.dossiers.access import visible_dossiers
from ilot.dossiers.models import Dossier, Invitation, Participant
from ilot.dossiers.services import (
    DossierInput,
    dossier_create,
    invitation_accept,
    participant_change_role,
    participant_invite,
    participant_remove,
)
from ilot.tenancy.models import Organisation, User

pytestmark = pytest.mark.django_db


def _input(world: dict[str, Any], **overrides: Any) -> DossierInput:
    values: dict[str, Any] = {
        "name": "Le Clos des Vignes",
        "client_id": Organisation.objects.get(name="Alpha Promotion").pk,
        "sccv_name": "SCCV Clos des Vignes",
        "sccv_siren": "812 345 676",
        "address": "1 rue des Vignes",
        "postcode": "21000",
        "city": "Dijon",
        "lots": 24,
        "relationship_manager_id": world["rm"].pk,
        "land_loan_amount": "900000",
        "construction_loan_amount": "3100000.50",
        "gfa_amount": "4500000",
    }
    values.update(overrides)
    return DossierInput(**values)


def _count(model: Any) -> int:
    with rls.as_system():
        return int(model.objects.count())


def test_create_dossier_puts_rm_on_the_deal_team(world: dict[str, Any]) -> None:
    with rls.acting_as(world["rm"].pk):
        dossier = dossier_create(actor=world["rm"], data=_input(world))
    assert dossier.reference.startswith("OP-") and dossier.sccv_siren == "812345676"
    assert str(dossier.construction_loan_amount) == "3100000.50"
    with rls.as_system():
        team = list(Participant.objects.filter(dossier=dossier).values_list("user__email", "role"))
        created = Event.objects.filter(action="dossier.created", dossier_id=dossier.pk).count()
    assert team == [("rm@banque.example", "relationship_manager")]
    assert created == 1


@pytest.mark.parametrize(
    ("overrides", "field"),
    [
        ({"sccv_siren": "812345677"}, "sccv_siren"),
        ({"sccv_siren": "81234567"}, "sccv_siren"),
        ({"name": "  "}, "name"),
        ({"lots": 0}, "lots"),
        ({"postcode": "2100"}, "postcode"),
        ({"land_loan_amount": "-5"}, "land_loan_amount"),
        ({"gfa_amount": "abc"}, "gfa_amount"),
        ({"client_id": 999999}, "client_id"),
    ],
)
def test_invalid_dossier_input_changes_nothing(
    world: dict[str, Any], overrides: dict[str, Any], field: str
) -> None:
    before = _count(Dossier), _count(Event)
    with rls.acting_as(world["rm"].pk), pytest.raises(ValidationFailed) as error:
        dossier_create(actor=world["rm"], data=_input(world, **overrides))
    assert field in error.value.fields
    assert (_count(Dossier), _count(Event)) == before


def test_client_of_another_kind_and_non_bank_creators_are_refused(world: dict[str, Any]) -> None:
    bank = Organisation.objects.get(name="Banque Exemple")
    with rls.acting_as(world["rm"].pk), pytest.raises(ValidationFailed):
        dossier_create(actor=world["rm"], data=_input(world, client_id=bank.pk))
    for user in (world["alpha"], world["notary"], world["admin"], world["compliance"]):
        with rls.acting_as(user.pk), pytest.raises(PermissionDenied):
            dossier_create(actor=user, data=_input(world, relationship_manager_id=user.pk))


def test_invite_new_person_sends_email_and_accepting_creates_account(
    world: dict[str, Any], django_capture_on_commit_callbacks: Any
) -> None:
    dossier = world["alpha_dossiers"][0]
    lawyers = Organisation.objects.create(name="Cabinet Droit", kind="law_firm")
    with django_capture_on_commit_callbacks(execute=True), rls.acting_as(world["rm"].pk):
        invitation = participant_invite(
            actor=world["rm"],
            dossier_id=dossier.pk,
            email="Avocat@Cabinet.example",
            role="lawyer",
            organisation_id=lawyers.pk,
        )
    assert invitation.status == "pending"
    assert len(mail.outbox) == 1 and mail.outbox[0].to == ["avocat@cabinet.example"]
    assert invitation.token in mail.outbox[0].body
    with pytest.raises(ValidationFailed):
        invitation_accept(token=invitation.token, password="short")
    user = invitation_accept(
        token=invitation.token, password="a-long-enough-passphrase", full_name="Me Avocat"
    )
    with rls.acting_as(user.pk):
        assert list(visible_dossiers(user).values_list("pk", flat=True)) == [dossier.pk]
    with pytest.raises(NotFound):
        invitation_accept(token=invitation.token, password="a-long-enough-passphrase")


def test_invite_bad_input(world: dict[str, Any]) -> None:
    rm = world["rm"]
    dossier = world["alpha_dossiers"][0]
    with rls.acting_as(rm.pk):
        with pytest.raises(ValidationFailed, match="Rôle inconnu"):
            participant_invite(actor=rm, dossier_id=dossier.pk, email="x@y.example", role="boss")
        with pytest.raises(ValidationFailed):
            participant_invite(actor=rm, dossier_id=dossier.pk, email="not-an-email", role="notary")
        # The wall: a user of the other client cannot be brought in.
        with pytest.raises(ValidationFailed, match="autre client"):
            participant_invite(
                actor=rm, dossier_id=dossier.pk, email="promoteur@beta.example", role="notary"
            )
        with pytest.raises(Conflict):
            participant_invite(
                actor=rm, dossier_id=dossier.pk, email="notaire@etude.example", role="notary"
            )
        participant_invite(
            actor=rm, dossier_id=dossier.pk, email="new@etude.example", role="notary"
        )
        with pytest.raises(Conflict):
            participant_invite(
                actor=rm, dossier_id=dossier.pk, email="new@etude.example", role="notary"
            )
        # A dossier the actor cannot see: 404, as if it did not exist.
        with pytest.raises(NotFound):
            participant_invite(
                actor=rm,
                dossier_id=world["beta_dossiers"][0].pk,
                email="z@y.example",
                role="notary",
            )
    with rls.acting_as(world["alpha"].pk), pytest.raises(PermissionDenied):
        participant_invite(
            actor=world["alpha"], dossier_id=dossier.pk, email="a@b.example", role="notary"
        )


def test_remove_and_change_role_are_audited(world: dict[str, Any]) -> None:
    rm, notary = world["rm"], world["notary"]
    dossier = world["alpha_dossiers"][0]
    with rls.acting_as(rm.pk):
        participant_change_role(actor=rm, dossier_id=dossier.pk, user_id=notary.pk, role="lawyer")
        with pytest.raises(ValidationFailed):
            participant_change_role(
                actor=rm, dossier_id=dossier.pk, user_id=notary.pk, role="credit_analyst"
            )
        participant_remove(actor=rm, dossier_id=dossier.pk, user_id=notary.pk)
    with rls.acting_as(notary.pk):
        assert not visible_dossiers(notary).exists()
    with rls.as_system():
        actions = list(Event.objects.filter(dossier_id=dossier.pk).values_list("action", flat=True))
    assert "dossier.role_changed" in actions and "dossier.participant_removed" in actions


def test_web_create_dossier_form(world: dict[str, Any], client_for: Any) -> None:
    web = client_for(world["rm"])
    form = web.get("/dossiers/new/")
    assert form.status_code == 200 and "Alpha Promotion" in form.content.decode()
    data = {
        "name": "Le Clos",
        "client_id": Organisation.objects.get(name="Beta Habitat").pk,
        "sccv_name": "SCCV Le Clos",
        "sccv_siren": "812345677",
        "address": "1 rue",
        "lots": 3,
        "relationship_manager_id": world["rm"].pk,
    }
    bad = web.post("/dossiers/new/", data)
    assert bad.status_code == 400 and "Luhn" in bad.content.decode()
    data["sccv_siren"] = "812345676"
    good = web.post("/dossiers/new/", data)
    assert good.status_code == 302
    assert web.get(good["Location"]).status_code == 200
    assert client_for(world["alpha"]).get("/dossiers/new/").status_code == 404


def test_api_dossiers_contract(world: dict[str, Any]) -> None:
    api = Client()
    token = api.post(
        "/api/v1/auth/token",
        {"email": "rm@banque.example", "password": "ilot-demo-2026"},
        content_type="application/json",
    ).json()["token"]
    auth = {"HTTP_AUTHORIZATION": f"Bearer {token}"}
    listed = api.get("/api/v1/dossiers", **auth).json()
    assert {d["name"] for d in listed} == {d.name for d in world["alpha_dossiers"]}
    payload = {
        "name": "API dossier",
        "client_id": Organisation.objects.get(name="Alpha Promotion").pk,
        "sccv_name": "SCCV API",
        "sccv_siren": "812345676",
        "address": "2 rue",
        "lots": 5,
        "relationship_manager_id": world["rm"].pk,
        "gfa_amount": "1000000",
    }
    created = api.post("/api/v1/dossiers", payload, content_type="application/json", **auth)
    assert created.status_code == 201, created.content
    dossier_id = created.json()["id"]
    assert api.get(f"/api/v1/dossiers/{dossier_id}", **auth).json()["name"] == "API dossier"
    invited = api.post(
        f"/api/v1/dossiers/{dossier_id}/participants",
        {"email": "notaire@etude.example", "role": "notary"},
        content_type="application/json",
        **auth,
    )
    assert invited.status_code == 201
    people = api.get(f"/api/v1/dossiers/{dossier_id}/participants", **auth).json()
    assert {p["email"] for p in people} == {"rm@banque.example", "notaire@etude.example"}
    # One error shape for every failure.
    bad_siren = api.post(
        "/api/v1/dossiers",
        {**payload, "sccv_siren": "123"},
        content_type="application/json",
        **auth,
    )
    assert bad_siren.status_code == 400 and "sccv_siren" in bad_siren.json()["error"]["fields"]
    malformed = api.post("/api/v1/dossiers", "{not json", content_type="application/json", **auth)
    assert malformed.status_code == 400 and malformed.json()["error"]["code"]
    missing = api.post("/api/v1/dossiers", {"name": "x"}, content_type="application/json", **auth)
    assert missing.status_code == 422 and "lots" in missing.json()["error"]["fields"]
    unknown_role = api.post(
        f"/api/v1/dossiers/{dossier_id}/participants",
        {"email": "a@b.example", "role": "king"},
        content_type="application/json",
        **auth,
    )
    assert unknown_role.status_code == 400 and unknown_role.json()["error"]["fields"]["role"]
    duplicate = api.post(
        f"/api/v1/dossiers/{dossier_id}/participants",
        {"email": "notaire@etude.example", "role": "notary"},
        content_type="application/json",
        **auth,
    )
    assert duplicate.status_code == 409
    huge = api.post(
        "/api/v1/dossiers",
        json.dumps({**payload, "name": "x" * 3_000_000}),
        content_type="application/json",
        **auth,
    )
    assert huge.status_code == 413 and huge.json()["error"]["code"] == "payload_too_large"
    with rls.as_system():
        assert not Dossier.objects.filter(name__startswith="xxx").exists()
        assert Invitation.objects.filter(dossier_id=dossier_id).count() == 1
    assert User.objects.filter(email="a@b.example").count() == 0
