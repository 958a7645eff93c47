"""The data room in a real browser: drop a folder of PDFs, watch the per-file results, preview."""

from __future__ import annotations

import base64
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from ilot.core import rls
from ilot.documents.models import Document
from ilot.dossiers.models import Dossier
from ilot.web.demo import load_demo
from tests.browser.conftest import sign_in
from tests.documents.dataroom import live_url, make_pdf, storage  # noqa: F401

pytestmark = pytest.mark.browser

DROP_SCRIPT = """
async ([name, b64]) => {
  const bytes = Uint8Array.from(atob(b64), (c) => c.charCodeAt(0));
  const transfer = new DataTransfer();
  transfer.items.add(new File([bytes], name, { type: "application/pdf" }));
  const zone = document.querySelector("[data-testid=dropzone]");
  for (const type of ["dragenter", "dragover", "drop"]) {
    zone.dispatchEvent(new DragEvent(type, { bubbles: true, cancelable: true, dataTransfer: transfer }));
  }
}
"""


@pytest.mark.django_db
@pytest.mark.usefixtures("storage")
def test_documents_tab_serves_the_upload_assets(world: dict[str, Any], client_for: Any) -> None:
    """The page the browser test drives (also makes the session set up the test database)."""
    page = client_for(world["rm"]).get(f"/dossiers/{world['alpha_dossiers'][0].pk}/documents/")
    body = page.content.decode()
    assert page.status_code == 200 and "tus.min.js" in body and "dataroom.js" in body
    assert 'data-testid="dropzone"' in body and "<script>" not in body


def test_drop_a_folder_then_preview_a_page(
    live_url: str,  # noqa: F811
    browser_page: Any,
    screenshot: Callable[[Any, str], Path],
    tmp_path: Path,
) -> None:
    load_demo()
    with rls.as_system():
        dossier = Dossier.objects.filter(client__name="Alpha Promotion").order_by("pk").first()
        assert dossier is not None
    folder = tmp_path / "Livraison promoteur"
    (folder / "Urbanisme").mkdir(parents=True)
    (folder / "Kbis SCCV.pdf").write_bytes(make_pdf(1, "Extrait Kbis"))
    (folder / "Bilan previsionnel.pdf").write_bytes(make_pdf(3, "Bilan d'operation"))
    (folder / "Urbanisme" / "Permis de construire.pdf").write_bytes(make_pdf(2, "Permis"))
    (folder / "Urbanisme" / "notes.exe").write_bytes(b"MZ\x90\x00" + b"\x00" * 64)
    page = browser_page
    sign_in(page, live_url, "rm@banque.example")
    page.goto(f"{live_url}/dossiers/{dossier.pk}/documents/")
    page.wait_for_selector("[data-testid=dropzone]")
    screenshot(page, "data-room-empty")

    # One upload at a time: on SQLite the test server's threads share one connection.
    page.evaluate("document.querySelector('[data-testid=dataroom]').dataset.parallel = '1'")
    # A folder, through the directory picker, and one file dropped on the zone.
    page.set_input_files("[data-testid=folder-input]", str(folder))
    payload = base64.b64encode(make_pdf(2, "Attestation assurance")).decode()
    page.evaluate(DROP_SCRIPT, ["Attestation DO.pdf", payload])
    items = page.locator("[data-testid=upload-item]")
    page.wait_for_function(
        "() => [...document.querySelectorAll('[data-testid=upload-item]')]"
        ".every((li) => ['stored', 'duplicate', 'rejected'].includes(li.dataset.state))"
        " && document.querySelectorAll('[data-testid=upload-item]').length === 5",
        timeout=30_000,
    )
    states = {
        items.nth(i).locator(".upload-name").inner_text(): items.nth(i).get_attribute("data-state")
        for i in range(items.count())
    }
    assert states == {
        "Livraison promoteur/Kbis SCCV.pdf": "stored",
        "Livraison promoteur/Bilan previsionnel.pdf": "stored",
        "Livraison promoteur/Urbanisme/Permis de construire.pdf": "stored",
        "Livraison promoteur/Urbanisme/notes.exe": "rejected",
        "Attestation DO.pdf": "stored",
    }, (states, page.locator("[data-testid=upload-list]").inner_text())
    rejected = page.locator("[data-testid=upload-item][data-state=rejected] .upload-message")
    assert "accepté" in rejected.inner_text()
    screenshot(page, "data-room-uploaded")

    page.click("[data-testid=upload-refresh]")
    page.wait_for_selector("[data-testid=document-row]")
    assert page.locator("[data-testid=document-row]").count() == 4
    # The server thread shares the SQLite connection: let the page's requests finish first.
    page.wait_for_load_state("networkidle")
    with rls.as_system():
        permis = Document.objects.select_related("folder__parent").get(
            name="Permis de construire.pdf"
        )
        assert permis.folder.name == "Urbanisme"
        assert permis.folder.parent is not None
        assert permis.folder.parent.name == "Livraison promoteur"
    page.wait_for_function(
        "() => [...document.querySelectorAll('img.thumb')].every((i) => i.complete && i.naturalWidth > 0)"
    )
    screenshot(page, "data-room-list")

    page.click(f"[data-testid=preview-{permis.pk}]")
    page.wait_for_function(
        "() => { const i = document.querySelector('[data-testid=preview-image]');"
        " return i && i.complete && i.naturalWidth > 500; }"
    )
    assert "1 / 2" in page.locator("[data-preview-page]").inner_text()
    page.click("[data-preview-next]")
    page.wait_for_function(
        "() => document.querySelector('[data-testid=preview-image]').src.includes('/preview/2')"
        " && document.querySelector('[data-testid=preview-image]').complete"
    )
    page.wait_for_timeout(300)
    screenshot(page, "data-room-preview")
    assert not page.console_errors, page.console_errors
