"""The data room API: uploads and their bad inputs, lists, downloads, versions, previews."""

from __future__ import annotations

import errno
import io
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from ilot.audit.models import Event
from ilot.core import rls
from ilot.documents.models import Document, DocumentVersion
from tests.documents.dataroom import (
    make_encrypted_pdf,
    make_pdf,
    make_png,
    make_png_bomb,
    make_zip,
    make_zip_bomb,
    storage,  # noqa: F401  (fixture)
)

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("storage")]


def _upload(client: Any, dossier_id: int, name: str, data: bytes, **extra: Any) -> Any:
    payload = {"file": SimpleUploadedFile(name, data), **extra}
    return client.post(f"/api/v1/dossiers/{dossier_id}/documents", payload)


def _one(response: Any) -> dict[str, Any]:
    results = response.json()["results"]
    assert len(results) == 1, results
    return results[0]


@pytest.fixture
def alpha(world: dict[str, Any]) -> Any:
    return world["alpha_dossiers"][0]


def test_upload_list_detail_and_download(
    world: dict[str, Any], client_for: Any, alpha: Any
) -> None:
    rm = client_for(world["rm"])
    pdf = make_pdf(3, "Kbis SCCV")
    response = _upload(rm, alpha.pk, "kbis.pdf", pdf)
    assert response.status_code == 201
    result = _one(response)
    assert result["status"] == "stored" and result["version"] == 1
    listed = rm.get(f"/api/v1/dossiers/{alpha.pk}/documents").json()
    [doc] = listed
    assert doc["name"] == "kbis.pdf" and doc["pages"] == 3 and doc["size"] == len(pdf)
    assert doc["folder"]["name"] == "Divers" and doc["visibility"] == "all"
    assert set(doc) >= {"id", "sha256", "version", "status", "created_at", "category"}
    detail = rm.get(f"/api/v1/documents/{doc['id']}").json()
    assert detail["versions"][0]["sha256"] == doc["sha256"]
    original = rm.get(f"/api/v1/documents/{doc['id']}/download?original=1")
    assert b"".join(original.streaming_content) == pdf
    marked = b"".join(rm.get(f"/api/v1/documents/{doc['id']}/download").streaming_content)
    assert marked.startswith(pdf) and len(marked) > len(pdf)
    # The developer sees the document, gets a watermarked copy, never the original.
    dev = client_for(world["alpha"])
    assert dev.get(f"/api/v1/documents/{doc['id']}/download?original=1").status_code == 403
    assert dev.get(f"/api/v1/documents/{doc['id']}/download").status_code == 200
    with rls.as_system():
        actions = list(Event.objects.filter(dossier_id=alpha.pk).values_list("action", flat=True))
    assert {"document.uploaded", "document.viewed", "document.downloaded"} <= set(actions)


def test_duplicate_is_reported_and_never_stored_twice(
    world: dict[str, Any], client_for: Any, alpha: Any
) -> None:
    rm = client_for(world["rm"])
    pdf = make_pdf(1, "same")
    first = _one(_upload(rm, alpha.pk, "a.pdf", pdf))
    second = _one(_upload(client_for(world["alpha"]), alpha.pk, "copy.pdf", pdf))
    assert second["status"] == "duplicate" and second["duplicate_of"] == first["document_id"]
    with rls.as_system():
        assert DocumentVersion.objects.filter(sha256=first["sha256"]).count() == 1


@pytest.mark.parametrize(
    ("name", "data", "code"),
    [
        ("empty.pdf", b"", "empty_file"),
        ("cut.pdf", make_pdf(2)[:-400], "truncated"),
        ("broken.pdf", b"%PDF-1.4\n garbage \n%%EOF\n", "malformed"),
        ("bomb.png", make_png_bomb(), "decompression_bomb"),
        ("bomb.zip", make_zip_bomb(), "zip_bomb"),
        ("page.html", b"<!doctype html><html><script>alert(1)</script></html>", "unsupported_type"),
        ("tool.exe", b"MZ\x90\x00" + b"\x00" * 200, "unsupported_type"),
    ],
    ids=["empty", "truncated", "malformed", "image-bomb", "zip-bomb", "html", "exe"],
)
def test_bad_input_is_rejected_clearly(
    world: dict[str, Any], client_for: Any, alpha: Any, name: str, data: bytes, code: str
) -> None:
    rm = client_for(world["rm"])
    kept = _one(_upload(rm, alpha.pk, "kept.pdf", make_pdf(1, "kept")))
    result = _one(_upload(rm, alpha.pk, name, data))
    assert result["status"] == "rejected" and result["code"] == code, result
    assert result["message"] and result["message_fr"]
    with rls.as_system():
        assert list(Document.objects.filter(dossier=alpha).values_list("pk", flat=True)) == [
            kept["document_id"]
        ]


def test_flags_encrypted_javascript_and_wrong_extension(
    world: dict[str, Any], client_for: Any, alpha: Any
) -> None:
    rm = client_for(world["rm"])
    encrypted = _one(_upload(rm, alpha.pk, "locked.pdf", make_encrypted_pdf()))
    scripted = _one(_upload(rm, alpha.pk, "js.pdf", make_pdf(1, "js", javascript=True)))
    renamed = _one(_upload(rm, alpha.pk, "photo.docx", make_png()))
    assert encrypted["status"] == scripted["status"] == renamed["status"] == "stored"
    assert "encrypted" in encrypted["flags"] and "javascript" in scripted["flags"]
    assert "extension_mismatch" in renamed["flags"]
    locked = rm.get(f"/api/v1/documents/{encrypted['document_id']}").json()
    assert locked["encrypted"] is True
    preview = rm.get(f"/api/v1/documents/{encrypted['document_id']}/preview/1")
    assert preview.status_code == 409 and preview.json()["error"]["code"] == "preview_unavailable"


def test_zip_is_expanded_into_folders_with_per_entry_results(
    world: dict[str, Any], client_for: Any, alpha: Any
) -> None:
    archive = make_zip(
        {
            "Livraison/Urbanisme/permis.pdf": make_pdf(2, "permis"),
            "Livraison/plan.png": make_png(),
            "../evil.pdf": make_pdf(1, "evil"),
            "/etc/passwd.txt": b"root:x:0:0\n",
            "Livraison/vide.pdf": b"",
            "__MACOSX/._permis.pdf": b"junk",
        }
    )
    results = _upload(client_for(world["rm"]), alpha.pk, "lot.zip", archive).json()["results"]
    by_path = {r["path"]: r for r in results}
    assert by_path["Livraison/Urbanisme/permis.pdf"]["status"] == "stored"
    assert by_path["Livraison/plan.png"]["status"] == "stored"
    assert by_path["../evil.pdf"]["code"] == "unsafe_entry"
    assert by_path["etc/passwd.txt"]["status"] == "stored"  # absolute path made relative
    assert by_path["Livraison/vide.pdf"]["code"] == "empty_file"
    assert not [p for p in by_path if "MACOSX" in p]
    with rls.as_system():
        permis = Document.objects.get(name="permis.pdf")
        assert permis.folder.name == "Urbanisme" and permis.folder.parent.name == "Livraison"


def test_new_version_keeps_the_old_one(world: dict[str, Any], client_for: Any, alpha: Any) -> None:
    rm = client_for(world["rm"])
    v1 = make_pdf(1, "v1")
    first = _one(_upload(rm, alpha.pk, "bilan.pdf", v1))
    url = f"/api/v1/documents/{first['document_id']}/versions"
    added = rm.post(url, {"file": SimpleUploadedFile("bilan-v2.pdf", make_pdf(2, "v2"))})
    assert added.status_code == 201 and added.json()["version"] == 2
    versions = rm.get(url).json()
    assert [v["number"] for v in versions] == [2, 1]
    old = rm.get(f"/api/v1/documents/{first['document_id']}/download?version=1&original=1")
    assert b"".join(old.streaming_content) == v1
    again = rm.post(url, {"file": SimpleUploadedFile("x.pdf", v1)})
    assert again.json()["status"] == "duplicate"
    zipped = rm.post(url, {"file": SimpleUploadedFile("x.zip", make_zip({"a.txt": b"hello"}))})
    assert zipped.json()["code"] == "archive_not_allowed"


def test_preview_and_thumbnail(world: dict[str, Any], client_for: Any, alpha: Any) -> None:
    rm = client_for(world["rm"])
    doc = _one(_upload(rm, alpha.pk, "plan.pdf", make_pdf(2, "plan")))
    page = rm.get(f"/api/v1/documents/{doc['document_id']}/preview/2?width=300")
    assert page.status_code == 200 and page["Content-Type"] == "image/png"
    assert page.content.startswith(b"\x89PNG")
    thumb = rm.get(f"/api/v1/documents/{doc['document_id']}/thumbnail")
    assert thumb["Content-Type"] == "image/webp"
    assert rm.get(f"/api/v1/documents/{doc['document_id']}/preview/9").status_code == 409
    with rls.as_system():
        assert Event.objects.filter(action="document.previewed").count() == 2


def test_visibility_bank_only_and_selected_parties(
    world: dict[str, Any], client_for: Any, alpha: Any
) -> None:
    rm = client_for(world["rm"])
    secret = _one(_upload(rm, alpha.pk, "note-credit.pdf", make_pdf(1, "nc"), visibility="bank"))
    with rls.acting_as(world["notary"].pk):
        from ilot.dossiers.models import Participant

        notary_org = Participant.objects.get(dossier=alpha, user=world["notary"]).organisation_id
    shared = _one(
        _upload(
            rm,
            alpha.pk,
            "projet-acte.pdf",
            make_pdf(1, "acte"),
            visibility="parties",
            share_with=str(notary_org),
        )
    )
    for user, expected in (
        (world["rm"], {"note-credit.pdf", "projet-acte.pdf"}),
        (world["alpha"], set()),
        (world["notary"], {"projet-acte.pdf"}),
    ):
        client = client_for(user)
        names = {d["name"] for d in client.get(f"/api/v1/dossiers/{alpha.pk}/documents").json()}
        assert names == expected, user
        status = client.get(f"/api/v1/documents/{secret['document_id']}").status_code
        assert status == (200 if user == world["rm"] else 404)
    assert (
        client_for(world["alpha"])
        .get(f"/api/v1/documents/{shared['document_id']}/download")
        .status_code
        == 404
    )
    # The developer uploads: its own document stays visible to it, even bank-only.
    dev = client_for(world["alpha"])
    own = _one(_upload(dev, alpha.pk, "mine.pdf", make_pdf(1, "mine"), visibility="bank"))
    assert dev.get(f"/api/v1/documents/{own['document_id']}").status_code == 200
    assert (
        client_for(world["notary"]).get(f"/api/v1/documents/{own['document_id']}").status_code
        == 404
    )
    # Changing visibility is audited.
    changed = rm.patch(
        f"/api/v1/documents/{secret['document_id']}",
        {"visibility": "all"},
        content_type="application/json",
    )
    assert changed.status_code == 200 and changed.json()["visibility"] == "all"
    assert (
        client_for(world["notary"]).get(f"/api/v1/documents/{secret['document_id']}").status_code
        == 200
    )


def test_outside_the_wall_is_404(world: dict[str, Any], client_for: Any, alpha: Any) -> None:
    doc = _one(_upload(client_for(world["rm"]), alpha.pk, "a.pdf", make_pdf(1)))
    for user in (world["beta"], world["analyst"], world["admin"]):
        client = client_for(user)
        assert _upload(client, alpha.pk, "x.pdf", make_pdf(1, "x")).status_code == 404
        assert client.get(f"/api/v1/documents/{doc['document_id']}").status_code == 404
        assert client.get(f"/api/v1/documents/{doc['document_id']}/download").status_code == 404
        assert client.get(f"/api/v1/dossiers/{alpha.pk}/documents").status_code == 404


def test_move_trash_restore_and_purge(world: dict[str, Any], client_for: Any, alpha: Any) -> None:
    from datetime import timedelta

    from django.utils import timezone

    from ilot.documents import conf, services

    rm = client_for(world["rm"])
    doc = _one(_upload(rm, alpha.pk, "a.pdf", make_pdf(1, "trash")))
    doc_id = doc["document_id"]
    with rls.acting_as(world["rm"].pk):
        target = alpha.folders.get(code="04_FONCIER")
    moved = rm.patch(
        f"/api/v1/documents/{doc_id}", {"folder": target.pk}, content_type="application/json"
    )
    assert moved.json()["folder"]["id"] == target.pk
    # The developer did not upload it: it may not delete it.
    assert client_for(world["alpha"]).delete(f"/api/v1/documents/{doc_id}").status_code == 403
    assert rm.delete(f"/api/v1/documents/{doc_id}").status_code == 204
    assert rm.get(f"/api/v1/documents/{doc_id}").status_code == 404
    trash = rm.get(f"/api/v1/dossiers/{alpha.pk}/documents?trash=true").json()
    assert [d["id"] for d in trash] == [doc_id]
    assert client_for(world["alpha"]).post(f"/api/v1/documents/{doc_id}/restore").status_code == 404
    assert rm.post(f"/api/v1/documents/{doc_id}/restore").status_code == 200
    assert rm.delete(f"/api/v1/documents/{doc_id}").status_code == 204
    assert services.documents_purge_expired() == 0  # within the retention
    later = timezone.now() + conf.trash_retention() + timedelta(days=1)
    assert conf.blob_store().exists(doc["sha256"])
    assert services.documents_purge_expired(now=later) == 1
    assert services.documents_purge_expired(now=later) == 0  # idempotent
    assert not conf.blob_store().exists(doc["sha256"])
    with rls.as_system():
        assert not Document.objects.filter(pk=doc_id).exists()
        assert Event.objects.filter(action="document.purged", dossier_id=alpha.pk).exists()


def test_limits_per_file_and_per_dossier(
    world: dict[str, Any], client_for: Any, alpha: Any, settings: Any
) -> None:
    rm = client_for(world["rm"])
    settings.ILOT_MAX_UPLOAD_BYTES = 2000
    big = _one(_upload(rm, alpha.pk, "big.pdf", make_pdf(3, "x" * 40) + b" " * 3000))
    assert big["code"] == "too_large"
    settings.ILOT_MAX_UPLOAD_BYTES = 10**9
    settings.ILOT_MAX_DOSSIER_BYTES = 3000
    first = _one(_upload(rm, alpha.pk, "one.pdf", make_pdf(1, "one")))
    assert first["status"] == "stored"
    second = _one(_upload(rm, alpha.pk, "two.pdf", make_pdf(1, "two")))
    assert second["code"] == "dossier_quota_exceeded"


def test_disk_full_fails_cleanly(
    world: dict[str, Any], client_for: Any, alpha: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    from django.core.files.storage import FileSystemStorage

    rm = client_for(world["rm"])
    kept = _one(_upload(rm, alpha.pk, "kept.pdf", make_pdf(1, "kept")))

    def full(self: Any, name: str, content: Any, *args: Any, **kwargs: Any) -> str:
        content.read(1024)
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(FileSystemStorage, "_save", full)
    failed = _one(_upload(rm, alpha.pk, "new.pdf", make_pdf(1, "new")))
    assert failed["status"] == "rejected" and failed["code"] == "storage_full"
    monkeypatch.undo()
    listed = rm.get(f"/api/v1/dossiers/{alpha.pk}/documents").json()
    assert [d["id"] for d in listed] == [kept["document_id"]]
    body = b"".join(
        rm.get(f"/api/v1/documents/{kept['document_id']}/download?original=1").streaming_content
    )
    assert body == make_pdf(1, "kept")
    assert io.BytesIO(body).read(5) == b"%PDF-"
