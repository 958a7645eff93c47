"""The tus 1.0 endpoint: protocol, walls and bad input with Django's client; then tuspy live."""

from __future__ import annotations

import base64
import hashlib
import io
from typing import Any

import pytest
import requests

from ilot.core import rls
from ilot.documents import conf
from ilot.documents.models import Document, Upload, UploadStatus
from ilot.documents.tus import encode_upload_metadata
from tests.documents.dataroom import live_url, make_pdf, make_zip, storage  # noqa: F401

TUS = {"HTTP_TUS_RESUMABLE": "1.0.0"}


def _create(client: Any, dossier_id: int, data: bytes, name: str = "kbis.pdf", **meta: str) -> Any:
    metadata = encode_upload_metadata({"dossier": str(dossier_id), "filename": name, **meta})
    return client.post(
        "/api/v1/uploads/",
        HTTP_UPLOAD_LENGTH=str(len(data)),
        HTTP_UPLOAD_METADATA=metadata,
        **TUS,
    )


def _patch(client: Any, url: str, offset: int, chunk: bytes, **headers: str) -> Any:
    return client.generic(
        "PATCH",
        url,
        chunk,
        content_type="application/offset+octet-stream",
        HTTP_UPLOAD_OFFSET=str(offset),
        **TUS,
        **headers,
    )


def _sha1(chunk: bytes) -> str:
    return "sha1 " + base64.b64encode(hashlib.sha1(chunk).digest()).decode()  # noqa: S324


@pytest.mark.django_db
@pytest.mark.usefixtures("storage")
class TestProtocol:
    def test_options_advertise_the_extensions(self, client: Any) -> None:
        response = client.options("/api/v1/uploads/")
        assert response.status_code == 204
        assert response["Tus-Version"] == "1.0.0"
        assert set(response["Tus-Extension"].split(",")) == {"creation", "termination", "checksum"}
        assert int(response["Tus-Max-Size"]) == conf.max_upload_bytes()

    def test_full_cycle_with_offsets_checksums_and_locks(
        self, world: dict[str, Any], client_for: Any
    ) -> None:
        rm = client_for(world["rm"])
        dossier = world["alpha_dossiers"][0]
        data = make_pdf(4, "tus")
        created = _create(rm, dossier.pk, data, folder="04_FONCIER", visibility="bank")
        assert created.status_code == 201, created.content
        url = created["Location"].split("localhost", 1)[-1].split("testserver", 1)[-1]
        assert created["Tus-Resumable"] == "1.0.0" and "Upload-Expires" in created
        head = rm.head(url, **TUS)
        assert head.status_code == 200 and head["Upload-Offset"] == "0"
        assert head["Upload-Length"] == str(len(data)) and head["Cache-Control"] == "no-store"
        half = len(data) // 2
        first = _patch(rm, url, 0, data[:half], HTTP_UPLOAD_CHECKSUM=_sha1(data[:half]))
        assert first.status_code == 204 and first["Upload-Offset"] == str(half)
        assert _patch(rm, url, 0, data[:half]).status_code == 409  # offset mismatch
        bad = _patch(rm, url, half, data[half:], HTTP_UPLOAD_CHECKSUM=_sha1(b"other"))
        assert bad.status_code == 460
        assert rm.head(url, **TUS)["Upload-Offset"] == str(half)  # nothing kept
        wrong_type = rm.generic(
            "PATCH",
            url,
            data[half:],
            content_type="application/octet-stream",
            HTTP_UPLOAD_OFFSET=str(half),
            **TUS,
        )
        assert wrong_type.status_code == 415
        upload_id = url.rsplit("/", 1)[-1]
        with conf.staging().lock(upload_id):  # another request is writing
            assert _patch(rm, url, half, data[half:]).status_code == 423
        assert client_for(world["notary"]).head(url, **TUS).status_code == 404  # not its upload
        last = _patch(rm, url, half, data[half:], HTTP_UPLOAD_CHECKSUM=_sha1(data[half:]))
        assert last.status_code == 204 and last["Upload-Offset"] == str(len(data))
        assert last["Ilot-Upload-Status"] == "stored"
        result = rm.get(url).json()
        [entry] = result["results"]
        assert entry["status"] == "stored" and result["status"] == "completed"
        with rls.as_system():
            document = Document.objects.select_related("folder", "current_version").get(
                pk=entry["document_id"]
            )
        assert document.visibility == "bank" and document.folder.code == "04_FONCIER"
        assert document.current_version.sha256 == hashlib.sha256(data).hexdigest()
        assert document.current_version.pages == 4
        assert rm.head(url, **TUS)["Upload-Offset"] == str(len(data))
        # The same bytes again: a duplicate, reported as such.
        again = _create(rm, dossier.pk, data)
        url2 = again["Location"].split("testserver", 1)[-1]
        done = _patch(rm, url2, 0, data)
        assert done["Ilot-Upload-Status"] == "duplicate"

    def test_creation_errors(self, world: dict[str, Any], client_for: Any, client: Any) -> None:
        rm = client_for(world["rm"])
        alpha, beta = world["alpha_dossiers"][0], world["beta_dossiers"][0]
        assert _create(rm, beta.pk, b"x").status_code == 404  # a dossier it cannot see
        assert _create(client, alpha.pk, b"x").status_code == 401  # anonymous
        no_version = rm.post("/api/v1/uploads/", HTTP_UPLOAD_LENGTH="3")
        assert no_version.status_code == 412 and no_version["Tus-Version"] == "1.0.0"
        no_meta = rm.post("/api/v1/uploads/", HTTP_UPLOAD_LENGTH="3", **TUS)
        assert no_meta.status_code == 400
        big = rm.post(
            "/api/v1/uploads/",
            HTTP_UPLOAD_LENGTH=str(conf.max_upload_bytes() + 1),
            HTTP_UPLOAD_METADATA=encode_upload_metadata(
                {"dossier": str(alpha.pk), "filename": "a"}
            ),
            **TUS,
        )
        assert big.status_code == 413
        assert _create(rm, alpha.pk, b"x", visibility="secret").status_code == 400
        assert _create(rm, alpha.pk, b"x", folder="NOPE").status_code == 400
        with rls.as_system():
            assert not Upload.objects.exists()

    def test_termination_and_expiry(self, world: dict[str, Any], client_for: Any) -> None:
        from datetime import timedelta

        from django.utils import timezone

        from ilot.documents import services

        rm = client_for(world["rm"])
        alpha = world["alpha_dossiers"][0]
        url = _create(rm, alpha.pk, b"hello world")["Location"].split("testserver", 1)[-1]
        _patch(rm, url, 0, b"hello")
        assert rm.delete(url, **TUS).status_code == 204
        assert rm.head(url, **TUS).status_code == 404
        abandoned = _create(rm, alpha.pk, b"abcdef")["Location"].split("testserver", 1)[-1]
        later = timezone.now() + conf.upload_ttl() + timedelta(minutes=1)
        assert services.uploads_cleanup_expired(now=later) == 1
        assert services.uploads_cleanup_expired(now=later) == 0
        upload_id = abandoned.rsplit("/", 1)[-1]
        with rls.as_system():
            assert Upload.objects.get(pk=upload_id).status == UploadStatus.EXPIRED
        assert not list(conf.upload_dir().glob(f"{upload_id}.*"))
        assert _patch(rm, abandoned, 0, b"abcdef").status_code == 410

    def test_row_follows_the_staged_expiry_without_a_write_per_chunk(
        self, world: dict[str, Any], client_for: Any
    ) -> None:
        from datetime import timedelta
        from email.utils import parsedate_to_datetime

        from ilot.documents import services
        from ilot.documents.services.uploads import _ROW_SLACK

        rm = client_for(world["rm"])
        data = make_pdf(3, "slow upload")
        url = _create(rm, world["alpha_dossiers"][0].pk, data)["Location"].split("testserver")[-1]
        upload_id = url.rsplit("/", 1)[-1]

        def row() -> Upload:
            with rls.as_system():
                return Upload.objects.get(pk=upload_id)

        def staged_expiry() -> Any:  # to the second below (HTTP dates have no fractions)
            return parsedate_to_datetime(rm.head(url, **TUS)["Upload-Expires"])

        first = _patch(rm, url, 0, data[:100])
        assert parsedate_to_datetime(first["Upload-Expires"]) == staged_expiry()
        refreshed = row().expires_at
        assert staged_expiry() <= refreshed <= staged_expiry() + _ROW_SLACK + timedelta(seconds=1)
        _patch(rm, url, 100, data[100:200])
        assert row().expires_at == refreshed  # no write for this chunk
        # Time passes: the staged file's expiry overtakes the row's, which is pushed ahead.
        with rls.as_system():
            stale = staged_expiry() - timedelta(minutes=1)
            Upload.objects.filter(pk=upload_id).update(expires_at=stale)
        _patch(rm, url, 200, data[200:300])
        assert row().expires_at > stale
        assert staged_expiry() <= row().expires_at
        # The sweep never expires it before the staged file's own expiry.
        assert services.uploads_cleanup_expired(now=staged_expiry() - timedelta(seconds=1)) == 0
        assert row().status == UploadStatus.ACTIVE
        assert services.uploads_cleanup_expired(now=staged_expiry() + timedelta(seconds=1)) == 1
        assert row().status == UploadStatus.EXPIRED

    def test_zip_through_tus_is_expanded(self, world: dict[str, Any], client_for: Any) -> None:
        rm = client_for(world["rm"])
        alpha = world["alpha_dossiers"][0]
        archive = make_zip({"a/one.pdf": make_pdf(1, "one"), "b/two.txt": b"two"})
        url = _create(rm, alpha.pk, archive, name="lot.zip")["Location"].split("testserver", 1)[-1]
        assert _patch(rm, url, 0, archive)["Ilot-Upload-Status"] == "stored"
        paths = sorted(r["path"] for r in rm.get(url).json()["results"])
        assert paths == ["a/one.pdf", "b/two.txt"]


def test_tuspy_client_against_a_live_server(live_url: str) -> None:  # noqa: F811
    """The reference Python tus client, over real HTTP, with a bearer token and checksums."""
    from tusclient import client as tus_client

    from ilot.web.demo import DEFAULT_PASSWORD, load_demo

    load_demo()
    with rls.as_system():
        from ilot.dossiers.models import Dossier

        dossier = Dossier.objects.filter(client__name="Alpha Promotion").order_by("pk").first()
        assert dossier is not None
    token = requests.post(
        f"{live_url}/api/v1/auth/token",
        json={"email": "rm@banque.example", "password": DEFAULT_PASSWORD},
        timeout=10,
    ).json()["token"]
    client = tus_client.TusClient(
        f"{live_url}/api/v1/uploads/", headers={"Authorization": f"Bearer {token}"}
    )
    data = make_pdf(30, "tuspy") + b"\n%" + b"x" * 300_000 + b"\n%%EOF\n"
    metadata = {"dossier": str(dossier.pk), "filename": "rapport-sol.pdf", "folder": "06_TECHNIQUE"}
    uploader = client.uploader(
        file_stream=io.BytesIO(data), chunk_size=64 * 1024, metadata=metadata, upload_checksum=True
    )
    uploader.upload_chunk()  # one chunk, then the "network is cut"
    assert 0 < uploader.offset < len(data)
    resumed = client.uploader(
        file_stream=io.BytesIO(data), url=uploader.url, chunk_size=128 * 1024, upload_checksum=True
    )
    assert resumed.offset == uploader.offset  # learned from HEAD
    resumed.upload()
    assert resumed.offset == len(data)
    result = requests.get(
        uploader.url, headers={"Authorization": f"Bearer {token}"}, timeout=10
    ).json()
    [entry] = result["results"]
    assert entry["status"] == "stored", entry
    listed = requests.get(
        f"{live_url}/api/v1/dossiers/{dossier.pk}/documents",
        headers={"Authorization": f"Bearer {token}"},
        timeout=10,
    ).json()
    assert [d["name"] for d in listed] == ["rapport-sol.pdf"]
    assert listed[0]["sha256"] == hashlib.sha256(data).hexdigest()
    assert listed[0]["folder"]["name"] == "Technique et travaux"
    # An outsider's token cannot even create an upload in that dossier.
    other = requests.post(
        f"{live_url}/api/v1/auth/token",
        json={"email": "promoteur@beta.example", "password": DEFAULT_PASSWORD},
        timeout=10,
    ).json()["token"]
    refused = tus_client.TusClient(
        f"{live_url}/api/v1/uploads/", headers={"Authorization": f"Bearer {other}"}
    ).uploader(file_stream=io.BytesIO(b"abc"), chunk_size=3, metadata=metadata)
    with pytest.raises(Exception, match="404"):
        refused.upload()
