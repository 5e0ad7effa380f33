"""Real headless Chromium (Debian's), driven by Playwright; never a downloaded browser.

Debian's `chromium-headless-shell`: the same Chromium (its Blink and V8, its version) as
the `chromium` package, built for headless use only, as Playwright's own headless runs
use. The full browser's headless mode also runs its window's own web UI and a GPU
process: the browser layer took 671 s of CPU with it against 397 s with the shell
(480 s and 390 s of wall time on this 2-core machine, 2026-12-02)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import Browser, Page, sync_playwright

from tests.conftest import on_sqlite_only
from tests.support.demo_template import demo_databases  # noqa: F401  (the fixture)

CHROMIUM = "/usr/bin/chromium-headless-shell"
FLAGS = [
    "--no-sandbox", "--disable-gpu", "--disable-background-networking",
    "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-quic",
    "--autoplay-policy=no-user-gesture-required",
]
ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts"
AXE = Path(__file__).resolve().parent / "axe" / "node_modules" / "axe-core" / "axe.min.js"


@pytest.fixture(scope="session")
def browser() -> Iterator[Browser]:
    if not Path(CHROMIUM).exists():
        raise RuntimeError(f"Chromium not found at {CHROMIUM}: "
                           "apt-get install chromium-headless-shell")
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, headless=True, args=FLAGS)
        yield browser
        browser.close()


@pytest.fixture
def page(browser: Browser) -> Iterator[Page]:
    # Tests drive pages with Playwright's string predicates, which the pages' strict
    # Content-Security-Policy forbids (no eval); test_accessibility.py checks the policy
    # itself in a context that keeps it.
    context = browser.new_context(locale="id-ID", timezone_id="Asia/Jakarta", bypass_csp=True)
    if AXE.exists():
        # axe-core on every page before its own scripts: an init script is not subject to
        # the page's Content-Security-Policy (an injected <script> would be).
        context.add_init_script(path=str(AXE))
    page = context.new_page()
    yield page
    context.close()


@pytest.fixture
def artifacts() -> Path:
    ARTIFACTS.mkdir(exist_ok=True)
    return ARTIFACTS


def fetch_json(page: Page, method: str, path: str, body: Any = None,
               token: str | None = None) -> dict[str, Any]:
    """Call the API from inside the page, as the product's own pages will."""
    return page.evaluate(
        """async ([method, path, body, token]) => {
            const headers = {'Content-Type': 'application/json'};
            if (token) headers['Authorization'] = 'Bearer ' + token;
            const r = await fetch(path, {method, headers,
                body: body === null ? undefined : JSON.stringify(body)});
            return {status: r.status, body: await r.json()};
        }""",
        [method, path, body, token],
    )


@pytest.hookimpl(tryfirst=True)
def pytest_generate_tests(metafunc: pytest.Metafunc) -> None:
    """Pages do not care which database is behind them: SQLite keeps this layer quick."""
    on_sqlite_only(metafunc)
