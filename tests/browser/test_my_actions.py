"""A developer's and a relationship manager's "my actions", walked in Chromium."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from ilot.workflows.demo import load_workflow_demo
from tests.browser.conftest import sign_in

pytestmark = pytest.mark.browser


@pytest.fixture
def live_workflows(live_demo: str) -> str:
    load_workflow_demo()
    return live_demo


def test_developer_my_actions(
    live_workflows: str, browser_page: Any, screenshot: Callable[[Any, str], Path]
) -> None:
    page = browser_page
    sign_in(page, live_workflows, "promoteur@alpha.example")
    page.goto(f"{live_workflows}/my-actions/")
    rows = page.locator("[data-testid=action-row]")
    assert rows.count() >= 3
    content = page.content()
    assert "Les Jardins de la Loire" in content and "Villa Horizon" not in content
    assert "Transmettre l" in content  # the task of the developer party
    screenshot(page, "my-actions-developer")
    # Filter on tasks, then open one: it lands on the dossier's task tab.
    page.select_option("#f-kind", "task")
    page.click("[data-testid=action-filters] button[type=submit]")
    page.wait_for_load_state("networkidle")
    assert all(k == "task" for k in rows.evaluate_all("rs => rs.map(r => r.dataset.kind)"))
    rows.first.locator("[data-testid=action-open]").click()
    page.wait_for_load_state("networkidle")
    assert "/tasks/" in page.url and page.locator("[data-testid=tasks]").is_visible()
    screenshot(page, "tasks-developer")
    assert not page.console_errors, page.console_errors


def test_relationship_manager_my_actions_and_portfolio(
    live_workflows: str, browser_page: Any, screenshot: Callable[[Any, str], Path]
) -> None:
    page = browser_page
    sign_in(page, live_workflows, "rm@banque.example")
    page.goto(f"{live_workflows}/my-actions/")
    assert int(page.locator("[data-testid=count-overdue]").inner_text()) >= 1
    kinds = set(
        page.locator("[data-testid=action-row]").evaluate_all("rs => rs.map(r => r.dataset.kind)")
    )
    assert {"validation", "task", "deadline"} <= kinds
    assert "Villa Horizon" not in page.content()  # Beta is outside this RM's wall
    shot = screenshot(page, "my-actions-rm")
    assert shot.stat().st_size > 20_000
    page.locator("[data-kind=validation] [data-testid=action-open]").first.click()
    page.wait_for_load_state("networkidle")
    assert page.locator("[data-testid=timeline]").is_visible()
    screenshot(page, "checklist-rm")
    page.goto(f"{live_workflows}/portfolio/")
    assert page.locator("[data-testid=weeks-chart]").is_visible()
    screenshot(page, "portfolio-rm")
    assert not page.console_errors, page.console_errors
