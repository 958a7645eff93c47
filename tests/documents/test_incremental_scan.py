"""What tus staging computes while it writes: the PDF token scan, and the body read itself.

The raw PDF token scan (/JavaScript, /Launch, ...) runs on the chunks as they are written,
like the running SHA-256; finalisation hands its result to the inspection, which then does
not read the file again. A token cut by a chunk boundary must still be found, and every way
the state can be lost must end in the full scan. Under gunicorn, the PATCH body is received
from the socket into a reusable buffer: it must read exactly the body, leave a pipelined
next request intact, and behave like gunicorn's reader when the client goes away.
"""

from __future__ import annotations

import io
import itertools
import os
import socket
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from django.core.handlers.wsgi import WSGIRequest
from gunicorn.http.body import Body as GunicornBody
from gunicorn.http.body import LengthReader
from gunicorn.http.unreader import SocketUnreader

from ilot.documents import chunks, inspection
from ilot.documents.blobs import DjangoBlobStore
from ilot.documents.chunks import ChunkStaging, _body_pieces, _gunicorn_direct, _RunningHashes
from ilot.documents.inspection import TokenScanner, _scan_tokens
from ilot.documents.tus import encode_upload_metadata
from tests.documents.dataroom import make_large_pdf, storage  # noqa: F401
from tests.documents.test_chunks import LocalStorage

TOKENS = {
    "javascript": b"/JavaScript ",
    "launch": b"/Launch<<",
    "open_action": b"/OpenAction[",
    "embedded_files": b"/EmbeddedFiles(",
}


def full(data: bytes) -> dict[str, bool]:
    return _scan_tokens(io.BytesIO(data))


def scan_in_pieces(data: bytes, cuts: list[int]) -> dict[str, bool]:
    scanner = TokenScanner()
    bounds = [0, *cuts, len(data)]
    for start, end in itertools.pairwise(bounds):
        scanner.update(memoryview(data)[start:end])
    assert scanner.size == len(data)
    return scanner.result()


@pytest.mark.parametrize("name", sorted(TOKENS))
def test_a_token_cut_anywhere_is_found(name: str) -> None:
    token = TOKENS[name]
    filler = os.urandom(5000).replace(b"/", b"_")
    data = filler + token + filler
    start = len(filler)
    assert full(data)[name]
    for cut in range(start - 3, start + len(token) + 3):
        assert scan_in_pieces(data, [cut])[name], cut
    # Also cut into one-byte and three-byte pieces around the token.
    assert scan_in_pieces(data, list(range(start - 2, start + len(token) + 2)))[name]
    assert scan_in_pieces(data, list(range(1, len(data), 3)))[name]


def test_pieces_agree_with_the_full_scan_on_near_misses() -> None:
    """No token without its delimiter, at the very end, or with a longer name."""
    for tail in (b"/JS", b"/JSX ", b"/Launchpad ", b"/EmbeddedFile", b"/OpenActions "):
        data = b"%PDF-1.7 " + tail
        expected = full(data)
        for cut in range(1, len(data)):
            assert scan_in_pieces(data, [cut]) == expected, (tail, cut)
    assert not any(full(b"x /JS").values())
    assert full(b"x /JS/")["javascript"]


def test_copy_is_independent() -> None:
    scanner = TokenScanner()
    scanner.update(b"abc /Java")
    copy = scanner.copy()
    scanner.update(b"Script ")
    copy.update(b"Scripted ")
    assert scanner.found["javascript"] and not copy.found["javascript"]


# --- staging and the endpoint ---------------------------------------------------------------


def pdf_with_token(size: int = 300_000) -> tuple[bytes, int]:
    """A valid PDF whose only JavaScript is a raw token in a stream (no structure sees it),
    and the offset of the middle of that token."""
    data = bytearray(make_large_pdf(size, seed=11))
    at = len(data) // 2
    data[at : at + 12] = b"/JavaScript "
    return bytes(data), at + 5


@pytest.fixture
def fresh_cache(monkeypatch: pytest.MonkeyPatch) -> _RunningHashes:
    cache = _RunningHashes()
    monkeypatch.setattr(chunks, "_RUNNING", cache)
    return cache


def test_staging_hands_the_scan_of_a_split_token_to_finalisation(
    tmp_path: Path, fresh_cache: _RunningHashes
) -> None:
    data, cut = pdf_with_token()
    staging = ChunkStaging(tmp_path / "staging")
    store = DjangoBlobStore(LocalStorage(tmp_path / "media"))
    upload = staging.create(length=len(data)).upload_id
    staging.append(upload, offset=0, body=io.BytesIO(data[:cut]))
    staging.append(upload, offset=cut, body=[data[cut : cut + 3], data[cut + 3 :]])
    done = staging.finalise(upload, store)
    assert done.pdf_tokens == full(data)
    assert done.pdf_tokens is not None and done.pdf_tokens["javascript"]


def test_a_restart_leaves_no_scan_to_hand_over(tmp_path: Path, fresh_cache: Any) -> None:
    data, cut = pdf_with_token()
    staging = ChunkStaging(tmp_path / "staging")
    store = DjangoBlobStore(LocalStorage(tmp_path / "media"))
    upload = staging.create(length=len(data)).upload_id
    staging.append(upload, offset=0, body=io.BytesIO(data[:cut]))
    chunks._RUNNING = _RunningHashes()  # a new process
    staging.append(upload, offset=cut, body=io.BytesIO(data[cut:]))
    assert staging.finalise(upload, store).pdf_tokens is None


def _tus_upload(client: Any, dossier_id: int, data: bytes, cut: int, between: Any) -> Any:
    metadata = encode_upload_metadata({"dossier": str(dossier_id), "filename": "plan.pdf"})
    created = client.post(
        "/api/v1/uploads/",
        HTTP_UPLOAD_LENGTH=str(len(data)),
        HTTP_UPLOAD_METADATA=metadata,
        HTTP_TUS_RESUMABLE="1.0.0",
    )
    url = created["Location"].split("testserver", 1)[-1]
    for index, (start, end) in enumerate(((0, cut), (cut, len(data)))):
        if index:
            between()
        answer = client.generic(
            "PATCH",
            url,
            data[start:end],
            content_type="application/offset+octet-stream",
            HTTP_UPLOAD_OFFSET=str(start),
            HTTP_TUS_RESUMABLE="1.0.0",
        )
        assert answer.status_code == 204, answer.content
    [entry] = client.get(url).json()["results"]
    return entry


@pytest.mark.django_db
@pytest.mark.usefixtures("storage")
@pytest.mark.parametrize("restart", [False, True])
def test_tus_upload_flags_a_token_split_across_chunks(
    world: dict[str, Any],
    client_for: Any,
    monkeypatch: pytest.MonkeyPatch,
    fresh_cache: Any,
    restart: bool,
) -> None:
    """One worker: no second scan of the file. After a restart: the full scan, same flags."""
    scans: list[int] = []
    real_scan = inspection._scan_tokens

    def counted(fh: Any) -> dict[str, bool]:
        scans.append(1)
        return real_scan(fh)

    monkeypatch.setattr(inspection, "_scan_tokens", counted)
    data, cut = pdf_with_token()

    def between() -> None:
        if restart:
            chunks._RUNNING = _RunningHashes()

    entry = _tus_upload(client_for(world["rm"]), world["alpha_dossiers"][0].pk, data, cut, between)
    assert entry["status"] == "stored"
    assert "javascript" in entry["flags"]
    assert len(scans) == (1 if restart else 0)


# --- the body straight from gunicorn's socket ------------------------------------------------


@pytest.fixture
def pair() -> Iterator[tuple[socket.socket, socket.socket]]:
    server, client = socket.socketpair()
    server.settimeout(10)
    yield server, client
    server.close()
    client.close()


def gunicorn_request(sock: socket.socket, length: int, read_ahead: bytes) -> WSGIRequest:
    """A Django request over gunicorn's reader, as gthread builds it after the headers
    (which read `read_ahead`, the start of the body, off the socket with them)."""
    unreader = SocketUnreader(sock)
    if read_ahead:
        unreader.unread(read_ahead)
    body = GunicornBody(LengthReader(unreader, length))
    environ = {
        "REQUEST_METHOD": "PATCH",
        "PATH_INFO": "/api/v1/uploads/x",
        "SERVER_NAME": "testserver",
        "SERVER_PORT": "80",
        "wsgi.url_scheme": "http",
        "CONTENT_LENGTH": str(length),
        "CONTENT_TYPE": "application/offset+octet-stream",
        "wsgi.input": body,
    }
    return WSGIRequest(environ)


def _send(sock: socket.socket, data: bytes, close: bool = False) -> threading.Thread:
    def run() -> None:
        sock.sendall(data)
        if close:
            sock.shutdown(socket.SHUT_WR)

    thread = threading.Thread(target=run)
    thread.start()
    return thread


@pytest.mark.parametrize("ahead", [0, 100, 5000])
def test_gunicorn_body_is_received_exactly_and_the_next_request_kept(
    pair: tuple[socket.socket, socket.socket], ahead: int
) -> None:
    server, client = pair
    body = os.urandom(3 * 1024 * 1024 + 123)
    following = b"HEAD /api/v1/uploads/x HTTP/1.1\r\n\r\n"
    request = gunicorn_request(server, len(body), body[:ahead])
    assert _gunicorn_direct(request) is not None
    sender = _send(client, body[ahead:] + following)
    received = b"".join(bytes(piece) for piece in _body_pieces(request))
    sender.join()
    assert received == body
    wsgi_input = request.environ["wsgi.input"]
    assert wsgi_input.reader.length == 0 and not wsgi_input.failed
    assert request.read() == b""  # Django's stream agrees the body is consumed
    # gunicorn reads the next request from where the body ended.
    assert wsgi_input.reader.unreader.read() == following


def test_gunicorn_body_cut_by_the_client_ends_short(
    pair: tuple[socket.socket, socket.socket],
) -> None:
    server, client = pair
    body = os.urandom(2 * 1024 * 1024)
    request = gunicorn_request(server, len(body), b"")
    sender = _send(client, body[: len(body) // 2 + 7], close=True)
    received = b"".join(bytes(piece) for piece in _body_pieces(request))
    sender.join()
    assert received == body[: len(body) // 2 + 7]


def test_gunicorn_body_read_error_marks_the_connection_failed(
    pair: tuple[socket.socket, socket.socket],
) -> None:
    server, client = pair
    server.settimeout(0.2)
    request = gunicorn_request(server, 1000, b"")
    client.sendall(b"x" * 10)  # then silence: the read times out
    with pytest.raises(OSError):
        b"".join(bytes(piece) for piece in _body_pieces(request))
    wsgi_input = request.environ["wsgi.input"]
    assert wsgi_input.failed and wsgi_input.reader.length == 990
    # The books are exact: gunicorn's drain before the next request takes the rest of
    # this body and nothing of the request after it.
    following = b"HEAD /api/v1/uploads/x HTTP/1.1\r\n\r\n"
    client.sendall(b"y" * 990 + following)
    server.settimeout(10)
    drained = b""
    while data := wsgi_input.read(1024):
        drained += data
    assert drained == b"y" * 990
    assert wsgi_input.reader.unreader.read() == following


def test_staging_append_from_a_gunicorn_request(
    pair: tuple[socket.socket, socket.socket], tmp_path: Path, fresh_cache: Any
) -> None:
    server, client = pair
    data, _cut = pdf_with_token(2 * 1024 * 1024 + 77)
    staging = ChunkStaging(tmp_path / "staging")
    upload = staging.create(length=len(data)).upload_id
    request = gunicorn_request(server, len(data), data[:300])
    sender = _send(client, data[300:])
    state = staging.append(upload, offset=0, body=request, content_length=len(data))
    sender.join()
    assert state.offset == len(data)
    assert (staging.root / f"{upload}.part").read_bytes() == data
    store = DjangoBlobStore(LocalStorage(tmp_path / "media"))
    assert staging.finalise(upload, store).pdf_tokens == full(data)


def test_other_request_bodies_take_the_ordinary_path() -> None:
    """Django's test client (no gunicorn reader): no direct path, same bytes."""
    environ = {
        "REQUEST_METHOD": "PATCH",
        "PATH_INFO": "/",
        "SERVER_NAME": "testserver",
        "SERVER_PORT": "80",
        "wsgi.url_scheme": "http",
        "CONTENT_LENGTH": "5",
        "wsgi.input": io.BytesIO(b"hello, and more"),
    }
    request = WSGIRequest(environ)
    assert _gunicorn_direct(request) is None
    assert b"".join(bytes(p) for p in _body_pieces(request)) == b"hello"
