"""document_for_actor: the exhaustive matrix (who x visibility), and the same rule in SQL."""

from __future__ import annotations

import io
from typing import Any

import pytest
from django.db import connection

from ilot.core import rls
from ilot.core.exceptions import NotFound
from ilot.documents import services
from ilot.documents.access import document_for_actor, upload_for_actor
from ilot.dossiers.models import Participant
from tests.documents.dataroom import make_pdf, storage  # noqa: F401

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("storage")]

WHO = ("rm", "alpha", "notary", "beta", "analyst", "admin", "compliance")


def _documents(world: dict[str, Any]) -> dict[str, int]:
    dossier = world["alpha_dossiers"][0]
    with rls.acting_as(world["notary"].pk):
        notary_org = Participant.objects.get(dossier=dossier, user=world["notary"]).organisation_id
    made = {}
    with rls.acting_as(world["rm"].pk):
        for key, visibility, shares in (
            ("all", "all", []),
            ("bank", "bank", []),
            ("notary", "parties", [notary_org]),
            ("client", "parties", [dossier.client_id]),
        ):
            [result] = services.document_upload(
                actor=world["rm"],
                dossier_id=dossier.pk,
                fileobj=io.BytesIO(make_pdf(1, key)),
                filename=f"{key}.pdf",
                visibility=visibility,
                share_with=shares,
            )
            made[key] = result.document_id
        [trashed] = services.document_upload(
            actor=world["rm"],
            dossier_id=dossier.pk,
            fileobj=io.BytesIO(make_pdf(1, "t")),
            filename="trashed.pdf",
        )
        services.documents_delete(
            actor=world["rm"], dossier_id=dossier.pk, document_ids=[trashed.document_id]
        )
        made["trashed"] = trashed.document_id
    return made


EXPECTED = {
    "rm": {"all", "bank", "notary", "client"},
    "alpha": {"all", "client"},
    "notary": {"all", "notary"},
    "beta": set(),
    "analyst": set(),
    "admin": set(),
    "compliance": set(),
}


def test_document_for_actor_matrix(world: dict[str, Any]) -> None:
    docs = _documents(world)
    for who in WHO:
        user = world[who]
        with rls.acting_as(user.pk):
            seen = set()
            for key, pk in docs.items():
                try:
                    document_for_actor(user, pk)
                    seen.add(key)
                except NotFound:
                    pass
            assert seen == EXPECTED[who], who
            with pytest.raises(NotFound):
                document_for_actor(user, "not-a-number")
            with pytest.raises(NotFound):
                document_for_actor(user, 987654)
    with rls.acting_as(world["rm"].pk):
        document, audience = document_for_actor(world["rm"], docs["trashed"], include_deleted=True)
        assert document.deleted_at is not None and audience.is_bank
    with rls.acting_as(world["alpha"].pk), pytest.raises(NotFound):
        document_for_actor(world["alpha"], docs["trashed"], include_deleted=True)


def test_uploads_belong_to_their_owner(world: dict[str, Any]) -> None:
    dossier = world["alpha_dossiers"][0]
    with rls.acting_as(world["rm"].pk):
        upload = services.upload_create(
            actor=world["rm"], length=3, metadata={"dossier": str(dossier.pk), "filename": "a.txt"}
        )
        assert upload_for_actor(world["rm"], upload.pk) == upload
    for who in ("alpha", "notary", "beta", "admin"):
        with rls.acting_as(world[who].pk), pytest.raises(NotFound):
            upload_for_actor(world[who], upload.pk)
    # Its owner, once off the deal team, no longer reaches it either.
    with rls.as_system():
        Participant.objects.filter(dossier=dossier, user=world["rm"]).update(is_active=False)
    with rls.acting_as(world["rm"].pk), pytest.raises(NotFound):
        upload_for_actor(world["rm"], upload.pk)


@pytest.mark.postgres_only
def test_visibility_is_enforced_by_row_level_security(world: dict[str, Any]) -> None:
    """Raw SQL as the application role: the restrictive policy hides what the app hides."""
    docs = _documents(world)
    names = {pk: key for key, pk in docs.items()}
    for who in WHO:
        with rls.acting_as(world[who].pk), connection.cursor() as cursor:
            cursor.execute("SELECT id FROM documents_document")
            seen = {names[row[0]] for row in cursor.fetchall()}
            cursor.execute("SELECT DISTINCT document_id FROM documents_documentversion")
            versions = {names[row[0]] for row in cursor.fetchall()}
        expected = EXPECTED[who] | ({"trashed"} if who in ("rm", "alpha", "notary") else set())
        assert seen == expected, who
        assert versions == expected, who
    with rls.acting_as(None), connection.cursor() as cursor:
        cursor.execute("SELECT count(*) FROM documents_document")
        assert cursor.fetchone()[0] == 0


def test_housekeeping_task_is_idempotent(world: dict[str, Any]) -> None:
    from ilot.documents.tasks import data_room_housekeeping_task

    _documents(world)
    first = data_room_housekeeping_task.call()
    assert first == {"uploads_expired": 0, "temporary_blobs_removed": 0, "documents_purged": 0}
    assert data_room_housekeeping_task.call() == first
