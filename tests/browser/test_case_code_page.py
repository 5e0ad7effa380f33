"""The phone code on a case's page `/c/{code}`, in real Chromium: a new code can be asked
for (not twice within a minute), a wrong code is said plainly with the tries left, and
the right one files the case."""

from __future__ import annotations

from typing import Any

from playwright.sync_api import Page, expect
from sqlalchemy import Engine

from queue_server.persistence.access_models import Notification
from queue_server.persistence.uow import SqlUnitOfWork
from queue_server.services import case_checks
from queue_server.services.cases import find
from tests.support import probe_kind as probe
from tests.support.clock import FakeClock


def _waiting(engine: Engine, clock: FakeClock) -> str:
    """A probe case waiting for the code its phone was sent."""
    code = probe.new_case(engine, clock, confirmed=False)
    with SqlUnitOfWork(engine) as uow:
        case_checks.start(uow, clock, find(uow, code), case_checks.CODE_LASTS, "laporan uji")
        uow.commit()
    return code


def _last_code(engine: Engine, code: str) -> str:
    with SqlUnitOfWork(engine) as uow:
        case_id = find(uow, code).id
        row = (uow.session.query(Notification).filter_by(case_id=case_id, kind="case_code")
               .order_by(Notification.id.desc()).first())
        assert row is not None
        return str(row.payload["otp"])


def test_a_new_code_is_sent_on_asking_and_a_wrong_one_is_said_plainly(
        page: Page, app: Any, engine: Engine, clock: FakeClock, live_server: str) -> None:
    probe.install(app)
    code = _waiting(engine, clock)
    page.goto(f"{live_server}/c/{code}")
    page.click("#resend")
    expect(page.locator("#confirm-error")).to_contain_text("tunggu")  # within the minute
    clock.advance(seconds=61)
    page.click("#resend")
    expect(page.locator("#resend-note")).to_contain_text("Kode baru sudah dikirim")
    right = _last_code(engine, code)
    page.fill("#otp", f"{(int(right) + 1) % 1_000_000:06d}")
    page.click("#confirm-form button[type=submit]")
    expect(page.locator("#confirm-error")).to_have_text("Kode salah, sisa 4 kali percobaan.")
    page.fill("#otp", right)
    page.click("#confirm-form button[type=submit]")
    expect(page.locator("#confirm-form")).to_have_count(0)  # reloaded: filed
