"""API: dossiers and their participants, inside the walls (404 outside)."""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal
from typing import Any

from django.http import HttpRequest
from ninja import Field, Router, Schema, Status

from ilot.core.middleware import client_ip
from ilot.dossiers.access import dossier_for_actor
from ilot.dossiers.selectors import dossier_list, dossier_participants
from ilot.dossiers.services import DossierInput, dossier_create, participant_invite

router = Router(tags=["dossiers"])


class DossierOut(Schema):
    id: int
    reference: str
    name: str
    client_id: int
    client_name: str = Field(..., alias="client.name")
    sccv_name: str
    sccv_siren: str
    address: str
    postcode: str
    city: str
    lots: int
    land_loan_amount: Decimal
    construction_loan_amount: Decimal
    gfa_amount: Decimal
    relationship_manager_id: int
    state: str
    created_at: datetime


class DossierIn(Schema):
    name: str
    client_id: int
    sccv_name: str
    sccv_siren: str
    address: str
    postcode: str = ""
    city: str = ""
    lots: int
    relationship_manager_id: int
    land_loan_amount: Decimal = Decimal("0")
    construction_loan_amount: Decimal = Decimal("0")
    gfa_amount: Decimal = Decimal("0")


class ParticipantOut(Schema):
    user_id: int
    email: str = Field(..., alias="user.email")
    name: str = Field(..., alias="user.display_name")
    organisation: str = Field(..., alias="organisation.name")
    role: str


class ParticipantIn(Schema):
    email: str
    role: str
    organisation_id: int | None = None


class InvitationOut(Schema):
    id: int
    email: str
    role: str
    status: str


@router.get("", response=list[DossierOut])
def list_dossiers(request: HttpRequest) -> Any:
    return list(dossier_list(actor=request.user))  # type: ignore[arg-type]


@router.post("", response={201: DossierOut})
def create_dossier(request: HttpRequest, payload: DossierIn) -> Any:
    dossier = dossier_create(
        actor=request.user,  # type: ignore[arg-type]
        data=DossierInput(**payload.dict()),
        ip_address=client_ip(request),
    )
    return Status(201, dossier)


@router.get("/{dossier_id}", response=DossierOut)
def get_dossier(request: HttpRequest, dossier_id: int) -> Any:
    return dossier_for_actor(request.user, dossier_id)  # type: ignore[arg-type]


@router.get("/{dossier_id}/participants", response=list[ParticipantOut])
def list_participants(request: HttpRequest, dossier_id: int) -> Any:
    return list(dossier_participants(actor=request.user, dossier_id=dossier_id))  # type: ignore[arg-type]


@router.post("/{dossier_id}/participants", response={201: InvitationOut})
def add_participant(request: HttpRequest, dossier_id: int, payload: ParticipantIn) -> Any:
    invitation = participant_invite(
        actor=request.user,  # type: ignore[arg-type]
        dossier_id=dossier_id,
        email=payload.email,
        role=payload.role,
        organisation_id=payload.organisation_id,
        ip_address=client_ip(request),
    )
    return Status(201, invitation)
