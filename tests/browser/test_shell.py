"""The developer signs in, opens a dossier and never sees the other client's dossiers."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import expect

from ilot.core import rls
from ilot.dossiers.models import Dossier
from tests.browser.conftest import sign_in

pytestmark = pytest.mark.browser


def test_developer_sees_only_own_dossiers(
    live_demo: str, browser_page: Any, screenshot: Callable[[Any, str], Path]
) -> None:
    page = browser_page
    with rls.as_system():
        alpha = list(
            Dossier.objects.filter(client__name="Alpha Promotion").values_list("name", flat=True)
        )
        beta = list(
            Dossier.objects.filter(client__name="Beta Habitat").values_list("name", flat=True)
        )
    sign_in(page, live_demo, "promoteur@alpha.example")
    cards = page.locator("[data-testid=dossier-card]")
    assert cards.count() == len(alpha) == 2
    listing = page.content()
    for name in alpha:
        assert name in listing
    for name in beta:
        assert name not in listing
    screenshot(page, "dossiers-developer")
    page.click(f"text={alpha[0]}")
    page.wait_for_load_state("networkidle")
    assert page.locator("[data-testid=dossier-title]").inner_text() == alpha[0]
    page.click("[data-testid=tab-participants]")
    page.wait_for_load_state("networkidle")
    expect(page.locator("[data-testid=participants-table]")).to_be_visible()
    shot = screenshot(page, "dossier-developer")
    assert shot.stat().st_size > 10_000
    assert not page.console_errors, page.console_errors
    # Typing another client's dossier URL answers like a missing page.
    with rls.as_system():
        beta_id = Dossier.objects.filter(client__name="Beta Habitat").values_list("pk", flat=True)[
            0
        ]
    response = page.goto(f"{live_demo}/dossiers/{beta_id}/")
    assert response is not None and response.status == 404
    assert alpha[0] not in page.content()


def test_language_switch_to_english(
    live_demo: str, browser_page: Any, screenshot: Callable[[Any, str], Path]
) -> None:
    page = browser_page
    sign_in(page, live_demo, "rm@banque.example")
    # Choosing a language submits the form: wait for that navigation, not for an idle
    # network (the page is idle before the submit starts, which raced on a busy machine).
    with page.expect_navigation():
        page.select_option("[data-testid=language-select]", "en")
    expect(page.locator("html")).to_have_attribute("lang", "en")
    assert "New dossier" in page.content()
    screenshot(page, "dossiers-rm-english")
