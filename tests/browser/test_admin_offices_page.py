"""The offices (OPD) admin page in real Chromium (issue 16): the admin adds an office,
gives it a new member who can then sign in with the office role, and takes them off;
anyone else gets the refusal page."""

from __future__ import annotations

from typing import Any

from playwright.sync_api import Page, expect

from tests.browser.test_admin_pages import sign_in
from tests.conftest import Api, login
from tests.support import factories

PASSWORD = "jalan-mulus-tanpa-lubang-2026"


def test_the_admin_adds_an_office_and_a_member_who_can_sign_in(
        page: Page, live_server: str, client: Any) -> None:
    code, member = factories.fresh("dinas-baru"), factories.fresh("staf-baru")
    sign_in(page, live_server, "admin")
    page.click("text=Kantor (OPD) dan petugasnya")
    expect(page).to_have_url(f"{live_server}/admin/offices")
    expect(page.locator("#office-rows tr[data-office=dsdabm]")).to_contain_text("Dinas")
    page.fill("#off-code", code)
    page.fill("#off-name", "Dinas Baru")
    page.select_option("#off-kind", "badan")
    page.click("#office-form button[type=submit]")
    expect(page.locator("#office-form .done")).to_contain_text(code)
    row = page.locator(f"#office-rows tr[data-office={code}]")
    expect(row).to_contain_text("Badan")
    row.get_by_role("button", name="Petugas Dinas Baru").click()
    expect(page.locator("#members-of")).to_contain_text("Dinas Baru belum punya petugas")
    page.fill("#mem-username", member)
    page.select_option("#mem-role", "head")
    page.fill("#mem-name", "Ibu Kepala")
    page.fill("#mem-password", PASSWORD)
    page.click("#member-form button[type=submit]")
    expect(page.locator("#member-rows tr")).to_contain_text("Kepala")
    expect(row.locator("td").nth(3)).to_have_text("1")
    token = login(client, member, PASSWORD)
    shown = Api(client, token).get("/api/v1/admin/offices")
    assert shown.status_code == 403  # office staff do not administer
    page.on("dialog", lambda dialog: dialog.accept())
    page.get_by_role("button", name=f"Lepaskan {member}").click()
    expect(page.locator("#member-form .done")).to_contain_text("dilepaskan")
    expect(page.locator("#member-rows tr")).to_have_count(0)


def test_a_facility_admin_gets_the_refusal_page(page: Page, live_server: str) -> None:
    sign_in(page, live_server, "kepala")
    page.goto(f"{live_server}/admin/offices")
    expect(page.locator("h1")).to_have_text("Tidak diizinkan")
    assert page.locator("#office-rows").count() == 0
