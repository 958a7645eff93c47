"""The Documents tab and its actions: tree, table, bulk actions, folders, versions, CSV."""

from __future__ import annotations

import csv
import io
import zipfile
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from ilot.core import rls
from ilot.documents import services
from ilot.documents.models import Document, Folder
from tests.documents.dataroom import make_pdf, storage  # noqa: F401

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("storage")]


def _seed(world: dict[str, Any], dossier: Any, names: list[str]) -> list[int]:
    ids = []
    with rls.acting_as(world["rm"].pk):
        for index, name in enumerate(names):
            [result] = services.document_upload(
                actor=world["rm"],
                dossier_id=dossier.pk,
                fileobj=io.BytesIO(make_pdf(index + 1, name)),
                filename=name,
            )
            ids.append(result.document_id)
    return ids


def test_tab_lists_tree_table_and_sorts(world: dict[str, Any], client_for: Any) -> None:
    dossier = world["alpha_dossiers"][0]
    _seed(world, dossier, ["b-bilan.pdf", "a-kbis.pdf", "c-permis.pdf"])
    rm = client_for(world["rm"])
    page = rm.get(f"/dossiers/{dossier.pk}/documents/").content.decode()
    assert page.count('data-testid="document-row"') == 3
    assert "Société et KYC" in page and "Corbeille" in page
    assert page.index("a-kbis.pdf") < page.index("b-bilan.pdf") < page.index("c-permis.pdf")
    by_pages = rm.get(f"/dossiers/{dossier.pk}/documents/?sort=-pages").content.decode()
    assert by_pages.index("c-permis.pdf") < by_pages.index("a-kbis.pdf")
    searched = rm.get(f"/dossiers/{dossier.pk}/documents/?q=permis").content.decode()
    assert searched.count('data-testid="document-row"') == 1
    # The developer sees no trash and no folder management.
    dev = client_for(world["alpha"]).get(f"/dossiers/{dossier.pk}/documents/").content.decode()
    assert "trash-link" not in dev and "Gérer le classement" not in dev


def test_bulk_move_visibility_delete_restore_and_zip(
    world: dict[str, Any], client_for: Any
) -> None:
    dossier = world["alpha_dossiers"][0]
    ids = _seed(world, dossier, ["one.pdf", "two.pdf"])
    rm = client_for(world["rm"])
    url = f"/dossiers/{dossier.pk}/documents/bulk/"
    with rls.acting_as(world["rm"].pk):
        land = Folder.objects.get(dossier=dossier, code="04_FONCIER")
    assert rm.post(url, {"action": "move", "documents": ids, "folder": land.pk}).status_code == 302
    rm.post(url, {"action": "visibility", "documents": ids[:1], "visibility": "bank"})
    with rls.as_system():
        docs = {d.pk: d for d in Document.objects.filter(pk__in=ids)}
    assert {d.folder_id for d in docs.values()} == {land.pk}
    assert docs[ids[0]].visibility == "bank" and docs[ids[1]].visibility == "all"
    dev_page = client_for(world["alpha"]).get(f"/dossiers/{dossier.pk}/documents/").content.decode()
    assert "one.pdf" not in dev_page and "two.pdf" in dev_page
    archive = rm.post(url, {"action": "zip", "documents": ids})
    assert archive["Content-Type"] == "application/zip"
    with zipfile.ZipFile(io.BytesIO(b"".join(archive.streaming_content))) as zf:
        assert sorted(zf.namelist()) == ["Foncier/one.pdf", "Foncier/two.pdf"]
        assert zf.read("Foncier/one.pdf") == make_pdf(1, "one.pdf")  # bank: originals
    rm.post(url, {"action": "delete", "documents": ids})
    trash = rm.get(f"/dossiers/{dossier.pk}/documents/?trash=1").content.decode()
    assert trash.count('data-testid="document-row"') == 2
    rm.post(url, {"action": "restore", "documents": ids[1:]})
    main = rm.get(f"/dossiers/{dossier.pk}/documents/").content.decode()
    assert "two.pdf" in main and "one.pdf" not in main
    # Someone else's document id in this dossier's bulk URL: 404, nothing changes.
    other = _seed(world, world["alpha_dossiers"][1], ["elsewhere.pdf"])
    assert rm.post(url, {"action": "delete", "documents": other}).status_code == 404


def test_developer_zip_gets_watermarked_pdfs(world: dict[str, Any], client_for: Any) -> None:
    dossier = world["alpha_dossiers"][0]
    ids = _seed(world, dossier, ["plan.pdf"])
    dev = client_for(world["alpha"])
    archive = dev.post(
        f"/dossiers/{dossier.pk}/documents/bulk/", {"action": "zip", "documents": ids}
    )
    with zipfile.ZipFile(io.BytesIO(b"".join(archive.streaming_content))) as zf:
        body = zf.read("Divers/plan.pdf")
    original = make_pdf(1, "plan.pdf")
    assert body.startswith(original) and len(body) > len(original)


def test_folders_versions_panel_and_activity_csv(world: dict[str, Any], client_for: Any) -> None:
    dossier = world["alpha_dossiers"][0]
    [doc_id] = _seed(world, dossier, ["bilan.pdf"])
    rm = client_for(world["rm"])
    folders = f"/dossiers/{dossier.pk}/documents/folders/"
    rm.post(folders, {"action": "create", "name": "Comité de crédit"})
    with rls.acting_as(world["rm"].pk):
        created = Folder.objects.get(dossier=dossier, name="Comité de crédit")
        first = Folder.objects.filter(dossier=dossier, parent=None).order_by("position").first()
    rm.post(folders, {"action": "rename", "folder": created.pk, "name": "Comité"})
    rm.post(folders, {"action": "up", "folder": created.pk})
    with rls.acting_as(world["rm"].pk):
        created.refresh_from_db()
        siblings = list(Folder.objects.filter(dossier=dossier, parent=None).order_by("position"))
    assert created.name == "Comité" and siblings[-2] == created and first == siblings[0]
    # Third parties cannot manage folders.
    client_for(world["notary"]).post(folders, {"action": "create", "name": "Notaire"})
    with rls.as_system():
        assert not Folder.objects.filter(name="Notaire").exists()
    panel = rm.get(f"/dossiers/{dossier.pk}/documents/{doc_id}/")
    assert panel.status_code == 200 and "v1" in panel.content.decode()
    rm.post(
        f"/dossiers/{dossier.pk}/documents/{doc_id}/versions/",
        {"file": SimpleUploadedFile("bilan-v2.pdf", make_pdf(2, "v2"))},
    )
    panel = rm.get(f"/dossiers/{dossier.pk}/documents/{doc_id}/").content.decode()
    assert "v2" in panel and "v1" in panel
    # The panel of a document of another dossier, through this dossier's URL: 404.
    assert (
        rm.get(f"/dossiers/{world['alpha_dossiers'][1].pk}/documents/{doc_id}/").status_code == 404
    )
    exported = rm.get(f"/dossiers/{dossier.pk}/activity.csv")
    rows = list(csv.reader(io.StringIO(b"".join(exported.streaming_content).decode("utf-8-sig"))))
    actions = {row[3] for row in rows[1:]}
    assert rows[0][:4] == ["seq", "occurred_at", "actor", "action"]
    assert {
        "document.uploaded",
        "document.version_added",
        "folder.created",
        "document.viewed",
    } <= actions
    assert client_for(world["beta"]).get(f"/dossiers/{dossier.pk}/activity.csv").status_code == 404


def test_multipart_web_upload_without_javascript(world: dict[str, Any], client_for: Any) -> None:
    dossier = world["alpha_dossiers"][0]
    dev = client_for(world["alpha"])
    response = dev.post(
        f"/dossiers/{dossier.pk}/documents/upload/",
        {
            "file": [
                SimpleUploadedFile("kbis.pdf", make_pdf(1, "k")),
                SimpleUploadedFile("x.bin", b"\x00\x01"),
            ]
        },
        follow=True,
    )
    body = response.content.decode()
    assert "kbis.pdf : déposé" in body and "x.bin" in body
    with rls.as_system():
        assert list(Document.objects.filter(dossier=dossier).values_list("name", flat=True)) == [
            "kbis.pdf"
        ]
