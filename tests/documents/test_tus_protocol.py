"""tus 1.0.0 protocol helpers: header parsing, validation and response headers."""

from __future__ import annotations

import base64
import hashlib
import io
import os
import threading
from collections.abc import Callable, Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import Any
from wsgiref.simple_server import WSGIRequestHandler, make_server

import pytest
from django.core.files.storage import FileSystemStorage
from django.core.handlers.wsgi import LimitedStream

from ilot.documents import tus
from ilot.documents.blobs import DjangoBlobStore
from ilot.documents.chunks import ChunkStaging, FinalisedUpload
from ilot.documents.exceptions import (
    ChecksumAlgorithmUnsupported,
    DocumentError,
    TusError,
    UnsupportedMediaType,
    UnsupportedTusVersion,
    UploadTooLarge,
)


def b64(text: str) -> str:
    return base64.b64encode(text.encode()).decode()


def test_metadata_round_trip_with_unicode_and_empty_value() -> None:
    meta = {
        "dossier": "42",
        "filename": "Bilan opération été.pdf",
        "folder": "Permis",
        "flag": None,
    }
    header = tus.encode_upload_metadata(meta)
    assert "flag" in header.split(",")
    assert tus.parse_upload_metadata(header) == meta


def test_metadata_parses_spec_example() -> None:
    header = f"filename {b64('world_domination_plan.pdf')},is_confidential"
    assert tus.parse_upload_metadata(header) == {
        "filename": "world_domination_plan.pdf",
        "is_confidential": None,
    }
    assert tus.parse_upload_metadata(None) == {}
    assert tus.parse_upload_metadata("  ") == {}


@pytest.mark.parametrize(
    "header",
    [
        "filename not*base64!",
        f"filename {b64('a')} extra",
        f"dup {b64('a')},dup {b64('b')}",
        f"ke\ty {b64('a')}",
        "k\u00e9y " + b64("a"),
        "," + f"filename {b64('a')}",
        "bin " + base64.b64encode(b"\xff\xfe").decode(),
    ],
)
def test_metadata_rejects_malformed(header: str) -> None:
    with pytest.raises(TusError) as err:
        tus.parse_upload_metadata(header)
    assert err.value.status == 400


def test_data_room_metadata_requires_dossier_and_filename() -> None:
    ok = tus.data_room_metadata({"dossier": "7", "filename": "a.pdf", "visibility": "bank"})
    assert ok == tus.DataRoomMetadata(dossier="7", filename="a.pdf", visibility="bank")
    for meta in ({"filename": "a.pdf"}, {"dossier": "7"}, {"dossier": "7", "filename": " "}):
        with pytest.raises(TusError) as err:
            tus.data_room_metadata(meta)
        assert err.value.status == 400
    with pytest.raises(TusError):
        tus.data_room_metadata({"dossier": "7", "filename": "a.pdf", "visibility": "everyone"})
    with pytest.raises(TusError):
        tus.data_room_metadata({"dossier": "7", "filename": "a\x00.pdf"})


def test_version_check_412_with_tus_version_header() -> None:
    assert tus.check_tus_resumable({"tus-resumable": "1.0.0"}) == "1.0.0"
    for headers in ({}, {"Tus-Resumable": "0.2.2"}):
        with pytest.raises(UnsupportedTusVersion) as err:
            tus.check_tus_resumable(headers)
        assert err.value.status == 412
        assert tus.error_headers(err.value) == {"Tus-Resumable": "1.0.0", "Tus-Version": "1.0.0"}


@pytest.mark.parametrize("value", [None, "", "-1", "1.5", "abc", "1 2", "+3"])
def test_invalid_lengths_and_offsets(value: str | None) -> None:
    with pytest.raises(TusError) as err:
        tus.parse_upload_length(value)
    assert err.value.status == 400
    with pytest.raises(TusError):
        tus.parse_upload_offset(value)


def test_length_limit_413() -> None:
    assert tus.parse_upload_length(" 100 ", max_size=100) == 100
    with pytest.raises(UploadTooLarge) as err:
        tus.parse_upload_length("101", max_size=100)
    assert err.value.status == 413


def test_content_type_415() -> None:
    tus.check_patch_content_type("application/offset+octet-stream")
    tus.check_patch_content_type("Application/Offset+Octet-Stream; charset=binary")
    for value in (None, "application/octet-stream", "text/plain"):
        with pytest.raises(UnsupportedMediaType) as err:
            tus.check_patch_content_type(value)
        assert err.value.status == 415


def test_checksum_parsing() -> None:
    data = b"chunk"
    for algo in ("sha1", "md5", "sha256"):
        digest = hashlib.new(algo, data).digest()
        header = f"{algo} {base64.b64encode(digest).decode()}"
        assert tus.parse_upload_checksum(header) == tus.Checksum(algo, digest)
    assert tus.parse_upload_checksum(None) is None
    with pytest.raises(ChecksumAlgorithmUnsupported) as err:
        tus.parse_upload_checksum("crc32 AAAA")
    assert err.value.status == 400
    for bad in ("sha1", "sha1 !!!", f"sha1 {base64.b64encode(b'short').decode()}"):
        with pytest.raises(TusError):
            tus.parse_upload_checksum(bad)


def test_parse_creation_and_patch() -> None:
    creation = tus.parse_creation(
        {
            "Tus-Resumable": "1.0.0",
            "Upload-Length": "12",
            "Upload-Metadata": f"filename {b64('x')}",
        },
        max_size=100,
    )
    assert creation == tus.CreationRequest(length=12, metadata={"filename": "x"})
    with pytest.raises(TusError):
        tus.parse_creation({"Tus-Resumable": "1.0.0", "Upload-Defer-Length": "1"})
    with pytest.raises(TusError):
        tus.parse_creation({"Tus-Resumable": "1.0.0"})
    patch = tus.parse_patch(
        {
            "tus-resumable": "1.0.0",
            "content-type": "application/offset+octet-stream",
            "upload-offset": "5",
            "content-length": "7",
        }
    )
    assert patch == tus.PatchRequest(offset=5, checksum=None, content_length=7)
    with pytest.raises(UnsupportedMediaType):
        tus.parse_patch({"Tus-Resumable": "1.0.0", "Upload-Offset": "0"})


def test_method_override() -> None:
    assert tus.effective_method("POST", {"X-HTTP-Method-Override": "patch"}) == "PATCH"
    assert tus.effective_method("post", {}) == "POST"
    assert tus.effective_method("GET", {"X-HTTP-Method-Override": "DELETE"}) == "GET"


def test_response_headers() -> None:
    opts = tus.options_headers(max_size=1024)
    assert opts["Tus-Version"] == "1.0.0"
    assert set(opts["Tus-Extension"].split(",")) == {"creation", "termination", "checksum"}
    assert set(opts["Tus-Checksum-Algorithm"].split(",")) == {"sha1", "md5", "sha256"}
    assert opts["Tus-Max-Size"] == "1024"
    assert "Tus-Max-Size" not in tus.options_headers()
    expires = datetime(2026, 12, 3, 5, 0, tzinfo=UTC)
    created = tus.created_headers(location="/api/v1/uploads/abc", expires=expires)
    assert created["Location"] == "/api/v1/uploads/abc"
    assert created["Upload-Expires"] == "Thu, 03 Dec 2026 05:00:00 GMT"
    head = tus.head_headers(offset=3, length=10, metadata={"filename": "é"})
    assert head["Upload-Offset"] == "3" and head["Upload-Length"] == "10"
    assert head["Cache-Control"] == "no-store"
    assert tus.parse_upload_metadata(head["Upload-Metadata"]) == {"filename": "é"}
    assert tus.patch_headers(offset=10)["Upload-Offset"] == "10"
    for headers in (opts, created, head, tus.termination_headers()):
        assert headers["Tus-Resumable"] == "1.0.0"


# --- a real tus client (tuspy) against a minimal WSGI app wired from these helpers ------------
#
# The app is what the Django view will be: parse with `tus`, act with `ChunkStaging`, answer
# with `tus` headers. It runs on the loopback interface only.


class _LocalStorage(FileSystemStorage):
    def __init__(self, location: Path) -> None:
        super().__init__(location=str(location), base_url="/media/")
        self._root = str(location)

    @property
    def base_location(self) -> str:  # type: ignore[override]
        return self._root

    @property
    def location(self) -> str:  # type: ignore[override]
        return os.path.abspath(self._root)

    @property
    def file_permissions_mode(self) -> None:  # type: ignore[override]
        return None

    @property
    def directory_permissions_mode(self) -> None:  # type: ignore[override]
        return None


class _TusApp:
    def __init__(self, root: Path, max_size: int) -> None:
        self.staging = ChunkStaging(root / "staging", max_size=max_size)
        self.store = DjangoBlobStore(_LocalStorage(root / "media"))
        self.max_size = max_size
        self.finished: list[FinalisedUpload] = []
        self.statuses: list[tuple[str, int]] = []

    def __call__(self, environ: dict[str, Any], start_response: Callable[..., Any]) -> list[bytes]:
        headers = {k[5:].replace("_", "-"): v for k, v in environ.items() if k.startswith("HTTP_")}
        for key in ("CONTENT_TYPE", "CONTENT_LENGTH"):
            if environ.get(key):
                headers[key.replace("_", "-")] = environ[key]
        method = tus.effective_method(environ["REQUEST_METHOD"], headers)
        upload_id = environ["PATH_INFO"].rstrip("/").rsplit("/", 1)[-1]
        try:
            status, out = self.dispatch(method, upload_id, headers, environ)
        except DocumentError as exc:
            status = exc.status
            out = tus.error_headers(exc) if isinstance(exc, TusError) else dict(tus._base())
        self.statuses.append((method, status))
        start_response(f"{status} X", list(out.items()))
        return [b""]

    def dispatch(
        self, method: str, upload_id: str, headers: dict[str, str], environ: dict[str, Any]
    ) -> tuple[int, dict[str, str]]:
        if method == "OPTIONS":
            return 204, tus.options_headers(max_size=self.max_size)
        if method == "POST":
            req = tus.parse_creation(headers, max_size=self.max_size)
            tus.data_room_metadata(req.metadata)
            state = self.staging.create(length=req.length, metadata=req.metadata)
            self._finish_if_complete(state.upload_id, state.complete)
            return 201, tus.created_headers(
                location=f"http://{environ['HTTP_HOST']}/files/{state.upload_id}",
                expires=state.expires_at,
            )
        tus.check_tus_resumable(headers)
        if method == "HEAD":
            state = self.staging.get(upload_id)
            return 200, tus.head_headers(offset=state.offset, length=state.length)
        if method == "PATCH":
            req2 = tus.parse_patch(headers)
            body = LimitedStream(environ["wsgi.input"], req2.content_length or 0)
            state = self.staging.append(
                upload_id,
                offset=req2.offset,
                body=body,
                checksum=req2.checksum,
                content_length=req2.content_length,
            )
            self._finish_if_complete(upload_id, state.complete)
            return 204, tus.patch_headers(offset=state.offset, expires=state.expires_at)
        if method == "DELETE":
            self.staging.delete(upload_id)
            return 204, tus.termination_headers()
        return 405, {}

    def _finish_if_complete(self, upload_id: str, complete: bool) -> None:
        if complete:
            self.finished.append(self.staging.finalise(upload_id, self.store))


class _Quiet(WSGIRequestHandler):
    def log_message(self, format: str, *args: Any) -> None:
        pass


@pytest.fixture
def tus_server(tmp_path: Path) -> Iterator[tuple[str, _TusApp]]:
    app = _TusApp(tmp_path, max_size=10_000_000)
    server = make_server("127.0.0.1", 0, app, handler_class=_Quiet)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_port}/files/", app
    finally:
        server.shutdown()
        server.server_close()


def test_real_tus_client_uploads_in_checksummed_chunks_and_resumes(
    tus_server: tuple[str, _TusApp],
) -> None:
    from tusclient import client

    url, app = tus_server
    data = os.urandom(300_000)
    tc = client.TusClient(url)
    meta = {"dossier": "12", "filename": "Relevé.pdf"}
    first = tc.uploader(
        file_stream=io.BytesIO(data), chunk_size=64 * 1024, metadata=meta, upload_checksum=True
    )
    first.upload(stop_at=128 * 1024)
    assert first.offset == 128 * 1024 and app.finished == []
    # A new client process resumes from the server's offset (HEAD) and finishes.
    resumed = tc.uploader(
        file_stream=io.BytesIO(data), url=first.url, chunk_size=64 * 1024, upload_checksum=True
    )
    assert resumed.offset == 128 * 1024
    resumed.upload()
    assert len(app.finished) == 1
    done = app.finished[0]
    assert done.blob.sha256 == hashlib.sha256(data).hexdigest()
    assert done.state.metadata == meta
    assert ("HEAD", 200) in app.statuses
    assert all(status in (201, 200, 204) for _, status in app.statuses)


def test_real_tus_client_sees_protocol_errors(tus_server: tuple[str, _TusApp]) -> None:
    import requests
    from tusclient import client
    from tusclient.exceptions import TusCommunicationError

    url, _app = tus_server
    options = requests.options(url, timeout=5)
    assert options.status_code == 204
    assert options.headers["Tus-Extension"] == "creation,termination,checksum"
    too_big = client.TusClient(url).uploader(
        file_stream=io.BytesIO(b"x" * 10_000_001), metadata={"dossier": "1", "filename": "a"}
    )
    with pytest.raises(TusCommunicationError) as err:
        too_big.upload()
    assert err.value.status_code == 413
    no_version = requests.post(url, headers={"Upload-Length": "3"}, timeout=5)
    assert no_version.status_code == 412 and no_version.headers["Tus-Version"] == "1.0.0"
    created = requests.post(
        url,
        headers={
            "Tus-Resumable": "1.0.0",
            "Upload-Length": "4",
            "Upload-Metadata": tus.encode_upload_metadata({"dossier": "1", "filename": "a"}),
        },
        timeout=5,
    )
    location = created.headers["Location"]
    patch = {"Tus-Resumable": "1.0.0", "Content-Type": "application/offset+octet-stream"}
    bad_sum = "sha1 " + base64.b64encode(hashlib.sha1(b"nope").digest()).decode()  # noqa: S324
    resp = requests.patch(
        location,
        data=b"ab",
        headers={**patch, "Upload-Offset": "0", "Upload-Checksum": bad_sum},
        timeout=5,
    )
    assert resp.status_code == 460
    resp = requests.patch(location, data=b"ab", headers={**patch, "Upload-Offset": "1"}, timeout=5)
    assert resp.status_code == 409
    head = requests.head(location, headers={"Tus-Resumable": "1.0.0"}, timeout=5)
    assert head.headers["Upload-Offset"] == "0"
    assert (
        requests.delete(location, headers={"Tus-Resumable": "1.0.0"}, timeout=5).status_code == 204
    )
    gone = requests.head(location, headers={"Tus-Resumable": "1.0.0"}, timeout=5)
    assert gone.status_code == 404
