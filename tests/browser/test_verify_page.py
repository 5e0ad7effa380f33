"""The verification page `/v/{code}` in real Chromium: the form's file picker sends a
copy and the same page answers (the very file matches, a tampered one does not), in
Indonesian and English, and the page with an answer passes axe-core."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from playwright.sync_api import Page, expect
from sqlalchemy import Engine

from queue_server.signing import LocalSigner
from tests.browser.test_accessibility import violations
from tests.support.clock import FakeClock
from tests.support.documents import desk_for, tampered


def test_a_copy_is_checked_on_the_page(page: Page, app: Any, engine: Engine,
                                       clock: FakeClock, live_server: str,
                                       tmp_path: Path) -> None:
    desk = desk_for(app, engine, tmp_path, LocalSigner(tmp_path / "signing"))
    code, signed = desk.issue(clock)
    (tmp_path / "asli.pdf").write_bytes(signed)
    (tmp_path / "ubah.pdf").write_bytes(tampered(signed))
    page.goto(f"{live_server}/v/{code.lower()}")
    expect(page.locator("h1")).to_have_text("Surat Keterangan Uji")
    page.set_input_files("input[name=file]", str(tmp_path / "asli.pdf"))
    page.click("button[type=submit]")
    expect(page.locator(".doc-result")).to_contain_text("Cocok: berkas ini sama persis")
    assert violations(page) == []
    page.goto(f"{live_server}/v/{code}?lang=en")
    page.set_input_files("input[name=file]", str(tmp_path / "ubah.pdf"))
    page.click("button[type=submit]")
    expect(page.locator(".doc-result")).to_contain_text("Does not match")
    expect(page.locator(".doc-result")).to_contain_text("signed content has changed")
    assert violations(page) == []
