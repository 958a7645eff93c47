"""Browser tests: Playwright driving Debian's Chromium against a live server on loopback.

`live_demo` serves the demo data from committed rows (the live server runs in another thread,
so it must see them); `browser_page` opens a fresh page and saves a screenshot helper.
"""

from __future__ import annotations

import os
import threading
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from ilot.web.demo import load_demo

CHROMIUM = os.environ.get("ILOT_CHROMIUM", "/usr/bin/chromium")
# Without the background-networking flags Chromium keeps trying to reach Google's hosts.
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
# Playwright's sync API keeps an event loop running in the test thread; the ORM calls the tests
# make there are still synchronous and safe.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
SCREENSHOTS = Path(os.environ.get("ILOT_SCREENSHOTS", "var/screenshots"))


@pytest.fixture(scope="session", autouse=True)
def _one_request_at_a_time_on_sqlite() -> Iterator[None]:
    """On SQLite the test database is one in-memory connection that the live server's threads
    share: two requests at once (a page and its preview images) collide with "database table
    is locked". Serialise the live server's requests there; PostgreSQL runs them in parallel."""
    from django.conf import settings
    from django.core.handlers.wsgi import WSGIHandler

    if "sqlite" not in settings.DATABASES["default"]["ENGINE"]:
        yield
        return
    lock = threading.Lock()
    original = WSGIHandler.__call__

    def serialised(self: WSGIHandler, environ: Any, start_response: Any) -> Any:
        with lock:
            return original(self, environ, start_response)

    WSGIHandler.__call__ = serialised  # type: ignore[method-assign]
    yield
    WSGIHandler.__call__ = original  # type: ignore[method-assign]


@pytest.fixture
def live_demo(committed: None, live_server: Any) -> str:
    load_demo()
    return str(live_server.url)


# Module scope: the Playwright driver (an event loop and a child process) must not outlive the
# browser tests, or later tests that fork worker processes inherit it.
@pytest.fixture(scope="module")
def _browser() -> Iterator[Any]:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def browser_page(_browser: Any) -> Iterator[Any]:
    context = _browser.new_context(viewport={"width": 1366, "height": 860}, locale="fr-FR")
    page = context.new_page()
    errors: list[str] = []
    page.on("console", lambda msg: errors.append(msg.text) if msg.type == "error" else None)
    page.console_errors = errors
    yield page
    context.close()


@pytest.fixture
def screenshot() -> Callable[[Any, str], Path]:
    def take(page: Any, name: str) -> Path:
        SCREENSHOTS.mkdir(parents=True, exist_ok=True)
        path = SCREENSHOTS / f"{name}.png"
        page.screenshot(path=str(path), full_page=True)
        return path

    return take


def sign_in(page: Any, base_url: str, email: str, password: str = "ilot-demo-2026") -> None:
    page.goto(f"{base_url}/accounts/login/")
    page.fill("#id_email", email)
    page.fill("#id_password", password)
    page.click("button[type=submit]")
    page.wait_for_load_state("networkidle")
