"""The console's buttons follow the commands its snapshot lists: enabled exactly when the
counter may take them, as the patient at the desk moves on and the counter pauses."""

from __future__ import annotations

from playwright.sync_api import Page, expect

from tests.browser.test_console import sign_in
from tests.conftest import Api

ON_PATIENT = ["recall", "start", "skip", "finish", "requeue", "transfer"]


def expect_buttons(page: Page, enabled: list[str], disabled: list[str]) -> None:
    expect(page.locator("body")).to_have_attribute("data-pending", "0")
    for name in enabled:
        expect(page.locator(f"[data-action={name}]")).to_be_enabled()
    for name in disabled:
        expect(page.locator(f"[data-action={name}]")).to_be_disabled()


def test_the_buttons_follow_the_patient_and_the_pause(page: Page, live_server: str,
                                                      kiosk: Api) -> None:
    kiosk.ticket()
    kiosk.ticket()
    sign_in(page, live_server)
    expect_buttons(page, ["call-next", "pause"], ON_PATIENT)
    page.click("[data-action=call-next]")
    expect(page.locator("#cur-number")).to_have_text("A-001")
    expect_buttons(page, ["call-next", *ON_PATIENT, "pause"], [])
    page.click("[data-action=start]")
    expect_buttons(page, ["call-next", "finish", "transfer", "pause"],
                   ["recall", "start", "skip", "requeue"])
    page.click("[data-action=pause]")
    expect_buttons(page, ["finish", "transfer", "resume"],
                   ["call-next", "recall", "start", "skip", "requeue"])
    page.click("[data-action=finish]")
    expect(page.locator("#cur-number")).not_to_have_text("A-001")
    expect_buttons(page, ["resume"], ["call-next", *ON_PATIENT])
    page.click("[data-action=resume]")
    expect_buttons(page, ["call-next", "pause"], ON_PATIENT)
