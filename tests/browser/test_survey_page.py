"""The satisfaction survey on the ticket page, in real Chromium: it appears when the
visit is served while the page is open, is filled with the keyboard alone, and thanks."""

from __future__ import annotations

from typing import Any

from playwright.sync_api import Browser, Page, expect
from sqlalchemy import Engine, select

from queue_server.persistence.case_models import Survey
from tests.conftest import Api
from tests.integration.wadul_support import answered, caller, wadul  # noqa: F401

ANSWERS = [4, 3, 4, 4, 2, 3, 4, 1, 3]


def test_the_survey_appears_when_the_visit_is_over_and_is_sent_by_keyboard(
        page: Page, live_server: str, client: Any, kiosk: Api, staff: Api,
        engine: Engine) -> None:
    code = kiosk.ticket()["code"]
    page.goto(f"{live_server}/t/{code}")
    expect(page.locator("#number")).to_have_text("A-001")
    expect(page.locator("#survey")).to_be_hidden()
    staff.act("loket-1", "call-next")
    staff.act("loket-1", "finish")
    expect(page.locator("#survey")).to_be_visible(timeout=10_000)  # from the live view
    page.locator("#survey-send").focus()
    page.keyboard.press("Enter")  # nothing chosen yet: told, and taken to the first group
    expect(page.locator("#survey-error")).to_contain_text("belum dijawab")
    assert page.evaluate("document.activeElement.name") == "skm-requirements"
    for n, value in enumerate(ANSWERS):
        if n:
            page.keyboard.press("Tab")  # into the next group
        page.keyboard.press("Space")  # the first answer …
        for _ in range(value - 1):
            page.keyboard.press("ArrowDown")  # … moved down to the one meant
    page.keyboard.press("Tab")
    page.keyboard.type("Ruang tunggu kurang kursi.")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.id") == "survey-send"
    page.keyboard.press("Enter")
    expect(page.locator("#survey-thanks")).to_be_visible()
    expect(page.locator("#survey-thanks")).to_be_focused()
    expect(page.locator("#survey-form")).to_be_hidden()
    again = client.post("/api/v1/surveys", json={"subject": "visit", "code": code,
                                                 "answers": ANSWERS})
    assert again.status_code == 409  # it was recorded once
    with engine.connect() as conn:
        stored = conn.execute(select(Survey.answers, Survey.comment)).one()
    assert stored.answers == ANSWERS and stored.comment == "Ruang tunggu kurang kursi."
    index = client.get("/api/v1/surveys/index", headers=staff.headers()).status_code
    assert index == 403  # an operator reads no index


def test_the_survey_follows_the_pages_language_switch(
        page: Page, live_server: str, kiosk: Api, staff: Api) -> None:
    code = kiosk.ticket()["code"]
    staff.act("loket-1", "call-next")
    staff.act("loket-1", "finish")
    page.goto(f"{live_server}/t/{code}")
    expect(page.locator("#survey-title")).to_have_text("Survei Kepuasan Masyarakat")
    page.locator("#lang").click()
    expect(page.locator("#survey-title")).to_have_text("Public satisfaction survey")
    expect(page.locator("#survey fieldset").first).to_contain_text("Very suitable")


def test_the_survey_and_case_pages_run_under_their_content_security_policy(
        browser: Browser, app: Any, engine: Engine, clock: Any, live_server: str,
        kiosk: Api, staff: Api) -> None:
    """No bypass here: the pages' scripts (survey.js, case.js) load and run."""
    from queue_server.services.cases import CITIZEN, Step
    from tests.support import probe_kind as probe

    served = kiosk.ticket()["code"]
    staff.act("loket-1", "call-next")
    staff.act("loket-1", "finish")
    probe.install(app)
    closed = probe.new_case(engine, clock)
    probe.answered(engine, clock, closed)
    probe.moved(engine, clock, closed, Step("close"), actor=CITIZEN)
    context = browser.new_context(locale="id-ID", timezone_id="Asia/Jakarta")
    context.add_init_script("window.__csp = []; document.addEventListener("
                            "'securitypolicyviolation', (e) => window.__csp.push("
                            "e.violatedDirective + ' ' + e.blockedURI));")
    page = context.new_page()
    try:
        for path in (f"/t/{served}", f"/c/{closed}"):
            page.goto(live_server + path)
            page.locator("#survey-send").click()  # the script answers: nothing chosen
            expect(page.locator("#survey-error")).to_contain_text("belum dijawab")
            assert page.evaluate("() => window.__csp") == [], path
    finally:
        context.close()


def test_a_citizen_rates_an_answered_complaint_on_its_page_then_gets_the_survey(
        page: Page, live_server: str, client: Any, wadul: Engine,  # noqa: F811
) -> None:
    """/c/{code} posts the citizen's action to the module's own route (e-Wadul's)."""
    code = answered(client, caller(client, "mediacenter"), caller(client, "opd"))
    page.goto(f"{live_server}/c/{code}")
    expect(page.locator(".case-code")).to_have_text(code)
    expect(page.locator("h1")).to_contain_text("Pengaduan")
    reopen = page.locator("form[data-action=reopen]")
    reopen.locator("button[type=submit]").click()
    expect(reopen.locator(".error")).to_contain_text("Tulis keterangan")
    expect(reopen.locator("textarea")).to_be_focused()
    rate = page.locator("form[data-action=rate]")
    rate.locator("input[name=rating][value='5']").check()
    rate.locator("textarea").fill("Cepat, terima kasih.")
    rate.locator("button[type=submit]").click()
    expect(page.locator("#survey")).to_be_visible()  # the page came back closed
    expect(page.locator("#case dl").first).to_contain_text("Selesai")
    expect(page.locator(".timeline")).to_contain_text("Cepat, terima kasih.")
