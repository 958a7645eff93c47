"""The demo documents are analysed by the real pipeline; the bank reviews what the model was
unsure of with one key, and the administrator reads the governance page and the model card."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import expect

from ilot.core import rls
from ilot.docai.demo import DEMO_DOSSIER, GENERATED, load_docai_demo
from ilot.docai.models import AnalysisStatus, DocumentAnalysis
from ilot.docai.services import analysis_run
from ilot.dossiers.models import Dossier
from tests.browser.conftest import sign_in
from tests.documents.dataroom import storage  # noqa: F401

pytestmark = [pytest.mark.browser, pytest.mark.usefixtures("storage")]


def _analyse_demo_documents() -> int:
    with rls.as_system():
        pending = list(
            DocumentAnalysis.objects.filter(status=AnalysisStatus.PENDING).values_list(
                "version_id", flat=True
            )
        )
    for version_id in pending:
        analysis_run(version_id)  # the worker's job, run here with the real committed model
    with rls.as_system():
        statuses = set(DocumentAnalysis.objects.values_list("status", flat=True))
        assert statuses == {AnalysisStatus.DONE}
        return DocumentAnalysis.objects.filter(needs_review=True).count()


def _sign_out(page: Any) -> None:
    page.context.clear_cookies()


def test_review_queue_and_governance(
    live_demo: str, browser_page: Any, screenshot: Callable[[Any, str], Path]
) -> None:
    total = len(GENERATED) + 2  # and two covering letters
    assert load_docai_demo() == total
    with rls.as_system():
        dossier_id = Dossier.objects.get(name=DEMO_DOSSIER).pk
    page = browser_page
    sign_in(page, live_demo, "rm@banque.example")
    # Uploaded, not analysed yet: the data room says so, with the overall progress.
    page.goto(f"{live_demo}/dossiers/{dossier_id}/documents/")
    progress = page.locator("[data-testid=analysis-progress]")
    expect(progress).to_be_visible()
    expect(progress).to_contain_text(f"0 sur {total}")
    expect(page.locator("td[data-status=pending]")).to_have_count(total)
    screenshot(page, "documents-analysing")
    page.goto("about:blank")  # stop polling while the worker's job runs in this thread
    unsure = _analyse_demo_documents()
    assert unsure >= 1, "the demo must contain documents that need a human look"
    page.goto(f"{live_demo}/dossiers/{dossier_id}/documents/")
    expect(page.locator("[data-testid=analysis-needs-review]")).to_have_count(unsure)
    expect(progress).to_be_hidden()
    expect(page.locator("td[data-status=done]")).to_have_count(total)
    screenshot(page, "documents-analysed")
    page.wait_for_load_state("networkidle")
    page.goto(f"{live_demo}/dossiers/{dossier_id}/review/")
    expect(page.locator("[data-testid=review-count]")).to_have_text(str(unsure))
    items = page.locator("[data-testid=review-item]")
    expect(items).to_have_count(unsure)
    expect(items.first.locator("img.review-preview")).to_be_visible()
    first_name = items.first.locator("h2").inner_text()
    screenshot(page, "review-queue")
    # Key 1 confirms the first suggestion of the first document; the page comes back shorter.
    with page.expect_navigation():
        page.keyboard.press("1")
    expect(page.locator("[data-testid=review-count]")).to_have_text(str(unsure - 1))
    assert first_name not in [
        h.inner_text() for h in page.locator("[data-testid=review-item] h2").all()
    ]
    page.wait_for_load_state("networkidle")
    with rls.as_system():
        reviewed = DocumentAnalysis.objects.filter(reviewed_at__isnull=False).count()
    assert reviewed == 1
    assert not page.console_errors, page.console_errors

    _sign_out(page)
    sign_in(page, live_demo, "admin@banque.example")
    page.click("[data-testid=nav-governance]")
    page.wait_for_load_state("networkidle")
    expect(page.locator("[data-testid=kpi-predictions]")).to_have_text(str(total))
    expect(page.locator("[data-testid=confidence-chart] rect")).to_have_count(20)
    expect(page.locator("[data-testid=daily-chart]")).to_be_visible()
    rows = page.locator("[data-testid=model-row]")
    expect(rows).to_have_count(1)
    expect(rows.first.locator("[data-testid=model-active]")).to_be_visible()
    assert "Étude Exemple" not in page.content() and DEMO_DOSSIER not in page.content()
    shot = screenshot(page, "governance")
    assert shot.stat().st_size > 20_000
    page.click("[data-testid=model-card-link]")
    page.wait_for_load_state("networkidle")
    expect(page.locator("[data-testid=model-card] h2").first).to_be_visible()
    screenshot(page, "model-card")
    assert not page.console_errors, page.console_errors
