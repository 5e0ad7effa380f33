"""The planning staff pages on a 375 px phone in Chromium (fix18m.2): /anggaran, /paket,
/pengadaan, /pengadaan/{code} and /kontrak never scroll sideways (a wide table scrolls
in its own box), each axe-core clean (WCAG 2.1 A/AA)."""

from __future__ import annotations

from typing import Any

import pytest
from playwright.sync_api import Page

from tests.browser.test_accessibility import violations
from tests.integration.procurement_support import contract
from tests.integration.test_procurement_pages_forms import awarded_with_two_bidders

pytestmark = pytest.mark.sqlite_only("pages in a browser, one database is enough")


def _sign_in(page: Page, base: str, path: str, username: str) -> None:
    page.context.clear_cookies()
    page.goto(f"{base}{path}")
    page.fill("#username", username)
    page.fill("#password", "demo")
    page.click("main button[type=submit]")
    page.wait_for_load_state()


def _fits(page: Page) -> None:
    width = page.evaluate("() => document.documentElement.scrollWidth")
    assert width <= 375, (page.url, width)
    assert violations(page) == [], page.url


def test_the_planning_pages_fit_a_phone(page: Page, app: Any, engine: Any, clock: Any,
                                        live_server: str) -> None:
    tender, _, _ = awarded_with_two_bidders(app, engine, clock)
    contract(app.test_client(), engine, clock)
    page.set_viewport_size({"width": 375, "height": 800})
    for username, paths in (("bappeda", ["/anggaran"]), ("opd", ["/anggaran", "/paket"]),
                            ("pokja", ["/pengadaan", f"/pengadaan/{tender}"]),
                            ("ppk-dsdabm", ["/kontrak", "/pengadaan"])):
        _sign_in(page, live_server, paths[0], username)
        for path in paths:
            page.goto(f"{live_server}{path}")
            _fits(page)
