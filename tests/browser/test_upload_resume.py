"""Resumable uploads in a real browser: a network cut, a reload and a server restart lose nothing.

The page's tus-js-client sends 1 MiB chunks here (`data-chunk-size`, so that a file of a few
MiB has several). Cuts are made with Playwright routes on the PATCH requests of the upload, so
they happen at a known offset: aborted (connection reset, then offline) or held until the page
is reloaded. Every wait is an `expect`/`wait_for_*` with a timeout; nothing sleeps.
"""

from __future__ import annotations

import hashlib
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from ilot.core import rls
from ilot.documents import chunks
from ilot.documents.models import Document, DocumentVersion, Upload
from ilot.dossiers.models import Dossier
from ilot.web.demo import load_demo
from tests.browser.conftest import sign_in
from tests.documents.dataroom import live_url, make_large_pdf, storage  # noqa: F401

pytestmark = pytest.mark.browser

MIB = 1024 * 1024
SIZE = 5 * MIB + 12_345  # six chunks, the last one short
UPLOADS = "**/api/v1/uploads/**"


@pytest.fixture
def data_room(live_url: str, browser_page: Any) -> Iterator[tuple[Any, str, Dossier]]:  # noqa: F811
    """A signed-in page on the documents tab of an Alpha dossier; one upload at a time."""
    load_demo()
    with rls.as_system():
        dossier = Dossier.objects.filter(client__name="Alpha Promotion").order_by("pk").first()
        assert dossier is not None
    page = browser_page
    sign_in(page, live_url, "rm@banque.example")
    yield page, f"{live_url}/dossiers/{dossier.pk}/documents/", dossier


@pytest.mark.django_db
@pytest.mark.usefixtures("storage")
def test_the_page_loads_the_resuming_uploader(world: dict[str, Any], client_for: Any) -> None:
    """The options the browser tests below rely on (this test also makes the session set up
    the test database, which the live-server tests use without a `django_db` mark)."""
    page = client_for(world["rm"]).get(f"/dossiers/{world['alpha_dossiers'][0].pk}/documents/")
    assert page.status_code == 200
    script = Path(chunks.__file__).with_name("static") / "documents" / "dataroom.js"
    source = script.read_text(encoding="utf-8")
    for option in ("retryDelays:", "storeFingerprintForResuming: true", "findPreviousUploads()"):
        assert option in source
    assert 'addEventListener("online"' in source


def open_tab(page: Any, url: str) -> None:
    page.goto(url)
    page.wait_for_selector("[data-testid=dropzone]")
    # One upload at a time (the SQLite test server shares one connection) and small chunks.
    page.evaluate(
        "(size) => { const root = document.querySelector('[data-testid=dataroom]');"
        " root.dataset.parallel = '1'; root.dataset.chunkSize = String(size); }",
        MIB,
    )


def patch_offset(request: Any) -> int | None:
    if request.method != "PATCH":
        return None
    return int(request.headers["upload-offset"])


def stored_once(dossier: Dossier, name: str, data: bytes) -> None:
    """Exactly one upload and one document of that name, whose content hash is the file's."""
    with rls.as_system():
        uploads = list(Upload.objects.filter(dossier=dossier, filename=name))
        documents = list(Document.objects.filter(dossier=dossier, name=name))
        assert len(uploads) == 1, uploads
        assert len(documents) == 1, documents
        versions = list(DocumentVersion.objects.filter(document=documents[0]))
    assert [v.sha256 for v in versions] == [hashlib.sha256(data).hexdigest()]
    assert [v.size for v in versions] == [len(data)]


def real_errors(page: Any) -> list[str]:
    """Console errors other than the failed requests the test itself caused."""
    return [e for e in page.console_errors if "net::ERR_" not in e]


def test_upload_resumes_after_a_network_cut(
    data_room: tuple[Any, str, Dossier],
    screenshot: Callable[[Any, str], Path],
    tmp_path: Path,
) -> None:
    from playwright.sync_api import expect

    page, url, dossier = data_room
    data = make_large_pdf(SIZE, seed=31)
    source = tmp_path / "Plans DCE.pdf"
    source.write_bytes(data)
    open_tab(page, url)

    sent: list[int] = []  # offsets of the PATCH requests let through to the server
    cuts: list[str] = []

    def cut(route: Any) -> None:
        offset = patch_offset(route.request)
        if offset == 2 * MIB and "reset" not in cuts:
            # A connection reset while online: tus-js-client retries by itself (HEAD, PATCH).
            cuts.append("reset")
            route.abort("connectionreset")
        elif offset == 4 * MIB and "offline" not in cuts:
            # The network goes away: no retry while offline; the page resumes on 'online'.
            cuts.append("offline")
            page.context.set_offline(True)
            route.abort("internetdisconnected")
        else:
            if offset is not None:
                sent.append(offset)
            route.continue_()

    page.route(UPLOADS, cut)
    page.set_input_files("[data-testid=file-input]", str(source))
    item = page.locator("[data-testid=upload-item]")
    expect(item).to_have_attribute("data-state", "error-retry", timeout=30_000)
    expect(page.locator("[data-upload-offline]")).to_be_visible()
    # Said in words, not as the client library's error.
    expect(item.locator(".upload-message")).to_contain_text("Connexion perdue")
    assert cuts == ["reset", "offline"]
    screenshot(page, "data-room-upload-offline")

    page.context.set_offline(False)
    # Well before the page's own later attempt (30 s): this is the 'online' event's doing.
    expect(item).to_have_attribute("data-state", "stored", timeout=20_000)
    expect(page.locator("[data-upload-offline]")).to_be_hidden()
    # Each chunk reached the server once: the upload went on from its offset, never from 0.
    assert sent == [n * MIB for n in range(6)], sent
    page.wait_for_load_state("networkidle")
    stored_once(dossier, source.name, data)
    screenshot(page, "data-room-upload-resumed")
    assert not real_errors(page), page.console_errors


def test_upload_resumes_after_a_reload_and_a_server_restart(
    data_room: tuple[Any, str, Dossier],
    screenshot: Callable[[Any, str], Path],
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from playwright.sync_api import expect

    page, url, dossier = data_room
    data = make_large_pdf(SIZE, seed=32)
    source = tmp_path / "Etude de sol.pdf"
    source.write_bytes(data)
    open_tab(page, url)

    held: list[Any] = []
    hold = {"on": True}

    def hang(route: Any) -> None:
        offset = patch_offset(route.request)
        if hold["on"] and offset is not None and offset >= 3 * MIB:
            # Never answered: the page is reloaded with this chunk in flight.
            held.append(offset)
            return
        route.continue_()

    page.route(UPLOADS, hang)
    page.set_input_files("[data-testid=file-input]", str(source))
    deadline = time.monotonic() + 30
    while not held:
        assert time.monotonic() < deadline, "the fourth chunk was never sent"
        page.wait_for_timeout(50)  # lets Playwright dispatch the route; not a guess
    assert held == [3 * MIB]
    screenshot(page, "data-room-upload-interrupted")

    # A server restart: the staged bytes stay on disk, the process memory (the running
    # SHA-256 of the upload) is gone, so finalisation must hash the staged file again.
    monkeypatch.setattr(chunks, "_RUNNING", chunks._RunningHashes())
    hold["on"] = False
    requests: list[tuple[str, int | None]] = []
    page.on(
        "request",
        lambda r: (
            requests.append((r.method, patch_offset(r))) if "/api/v1/uploads/" in r.url else None
        ),
    )
    open_tab(page, url)  # the reload
    page.set_input_files("[data-testid=file-input]", str(source))
    item = page.locator("[data-testid=upload-item]")
    expect(item).to_have_attribute("data-state", "stored", timeout=60_000)
    # Resumed from localStorage's upload URL: no new creation, first chunk at the server's offset.
    assert ("POST", None) not in requests, requests
    patches = [offset for method, offset in requests if method == "PATCH"]
    assert patches == [3 * MIB, 4 * MIB, 5 * MIB], requests
    page.wait_for_load_state("networkidle")
    stored_once(dossier, source.name, data)
    assert (
        page.evaluate("() => Object.keys(localStorage).filter((k) => k.startsWith('tus::'))") == []
    )
    screenshot(page, "data-room-upload-reloaded")
    assert not real_errors(page), page.console_errors
