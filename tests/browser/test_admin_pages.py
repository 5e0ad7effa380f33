"""The admin pages in real Chromium: a facility set up from nothing, then a ticket issued
with the new kiosk's token and called by the new operator; who sees what; axe-core's
WCAG 2.1 A/AA on every admin page; a quota changed in the admin shows on /book and on
the kiosk page without a reload."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import Page, expect

from kiosk.agent import Options, create_agent
from tests.browser.conftest import fetch_json
from tests.browser.test_accessibility import violations
from tests.conftest import Api, login
from tests.support import factories
from tests.support.clock import FakeClock
from tests.support.printer import FakePrinter
from tests.support.servers import serve_in_thread

OPERATOR_PASSWORD = "antre-rapi-tiap-pagi-2026"


def sign_in(page: Page, base: str, username: str, lang: str = "") -> None:
    page.goto(f"{base}/admin{lang}")
    page.fill("#username", username)
    page.fill("#password", "demo")
    page.click("button[type=submit]")
    # Signed in once the form is gone: a test that navigates on before the answer came
    # would find itself on the sign-in page again.
    expect(page.locator("#password")).to_have_count(0)
    page.wait_for_load_state()  # the page's scripts bound before anything is clicked


def add_service(page: Page, code: str, name: str, prefix: str, open24h: bool = False,
                **fields: Any) -> None:
    page.click("#service-form button[type=reset]")
    page.set_checked("#svc-24h", open24h)
    page.fill("#svc-code", code)
    page.fill("#svc-name", name)
    page.fill("#svc-prefix", prefix)
    for field, value in fields.items():
        page.fill(f"#svc-{field}", value)
    page.click("#service-form button[type=submit]")
    expect(page.locator("#service-form .done")).to_contain_text(code)
    expect(page.locator(f"#service-rows tr[data-service={code}]")).to_contain_text(name)


def set_up_facility(page: Page, base: str, code: str, operator: str) -> str:
    """As the admin, in the browser: the facility, two services, a counter serving both,
    a kiosk (its token, shown once, is returned) and an operator."""
    page.fill("#nf-code", code)
    page.fill("#nf-name", "Puskesmas Baru")
    page.select_option("#nf-timezone", "Asia/Jakarta")
    page.click("#new-facility button[type=submit]")
    expect(page).to_have_url(f"{base}/admin/f/{code}")
    expect(page.locator("#set-name")).to_have_value("Puskesmas Baru")
    add_service(page, "umum", "Poli Umum", "B", open24h=True, quota="20", jkn="8", target="25")
    weekdays: dict[str, Any] = {f"hours-{d}": "07:00-15:00"
                                for d in ("mon", "tue", "wed", "thu", "fri")}
    add_service(page, "gigi", "Poli Gigi", "C", **weekdays)
    expect(page.locator("#service-rows tr[data-service=gigi]")).to_contain_text("Sen 07:00-15:00")
    # The JKN part of the booking quota has its own column (none set: "–").
    expect(page.locator("#service-rows tr[data-service=umum] td:nth-child(6)")).to_have_text("8")
    expect(page.locator("#service-rows tr[data-service=gigi] td:nth-child(6)")).to_have_text("–")
    page.fill("#cnt-code", "ruang-1")
    page.fill("#cnt-name", "Ruang 1")
    page.fill("#cnt-services", "umum, gigi")
    page.click("#counter-form button[type=submit]")
    expect(page.locator("#counter-rows tr[data-counter=ruang-1]")).to_contain_text("umum → gigi")
    page.fill("#dev-code", "kiosk-1")
    page.fill("#dev-name", "Kiosk pintu masuk")
    page.click("#device-form button[type=submit]")
    expect(page.locator("#token-box")).to_be_visible()
    expect(page.locator("#token-warning")).to_contain_text("tidak akan ditampilkan lagi")
    token = page.input_value("#token-value")
    assert len(token) >= 20
    page.click("#token-copy")
    expect(page.locator("#token-copied")).to_have_text("Tersalin.")
    page.fill("#usr-username", operator)
    page.fill("#usr-name", "Petugas Baru")
    page.select_option("#usr-role", "operator")
    page.fill("#usr-password", OPERATOR_PASSWORD)
    page.click("#user-form button[type=submit]")
    expect(page.locator(f"#user-rows tr[data-user={operator}]")).to_contain_text("Petugas loket")
    return token


def test_an_admin_sets_up_a_facility_from_nothing_and_it_takes_patients(
        page: Page, live_server: str, artifacts: Path) -> None:
    page.set_viewport_size({"width": 1280, "height": 900})
    code, operator = factories.fresh("pkm-baru"), factories.fresh("petugas-baru")
    sign_in(page, live_server, "admin")
    expect(page.locator("#facility-rows tr[data-facility=pkm-demo]")).to_be_visible()
    expect(page.locator("#user-rows tr[data-user=dinkes]")).to_contain_text("Dinas kesehatan")
    expect(page.locator("#user-rows tr[data-user=petugas]")).to_have_count(0)  # on its facility's
    assert violations(page) == []
    token = set_up_facility(page, live_server, code, operator)
    expect(page.locator("#audit-rows tr")).to_have_count(6)  # facility, 2 services, ...
    page.fill("#aud-from", "2026-11-24")  # the day after the FakeClock's: nothing yet
    page.click("#audit-form button[type=submit]")
    expect(page.locator("#audit-rows tr")).to_have_count(0)
    page.fill("#aud-from", "2026-11-23")
    page.click("#audit-form button[type=submit]")
    audit_rows = page.locator("#audit-rows")
    expect(audit_rows.locator("tr").first).to_contain_text("admin")
    expect(audit_rows).to_contain_text("Layanan umum")  # the kind in Indonesian
    expect(audit_rows).to_contain_text("Dibuat: Nama: ")  # the form's labels
    expect(audit_rows).not_to_contain_text("staff:")
    expect(audit_rows).not_to_contain_text("avg_minutes")
    expect(audit_rows).to_contain_text("Kuota JKN: 8")
    expect(audit_rows).not_to_contain_text("jkn_quota")
    expect(page.locator("#device-rows tr[data-device=kiosk-1]")).to_contain_text("Kios")
    assert violations(page) == []
    page.screenshot(path=str(artifacts / "admin-facility.png"), full_page=True)
    # The new kiosk's token issues a ticket; the new operator calls it at the new counter.
    issued = fetch_json(page, "POST", "/api/v1/kiosk/tickets", {"service": "umum"}, token)
    assert issued["status"] == 201 and issued["body"]["number"] == "B-001", issued
    signed = fetch_json(page, "POST", "/api/v1/auth/login",
                        {"username": operator, "password": OPERATOR_PASSWORD})
    assert signed["status"] == 200, signed
    called = fetch_json(page, "POST", "/api/v1/counters/ruang-1/call-next", None,
                        signed["body"]["token"])
    assert called["status"] == 200 and called["body"]["number"] == "B-001", called


def test_an_invalid_entry_shows_the_servers_message_next_to_the_form(
        page: Page, live_server: str) -> None:
    sign_in(page, live_server, "admin", "?lang=en")
    page.goto(f"{live_server}/admin/f/pkm-demo?lang=en")
    page.click("#service-rows tr[data-service=umum] button")
    expect(page.locator("#svc-code")).to_have_value("umum")
    page.fill("#svc-prefix", "A")  # Pendaftaran's
    page.click("#service-form button[type=submit]")
    expect(page.locator("#service-form .error")).to_contain_text(
        "Prefix 'A' is already used by service pendaftaran")
    expect(page.locator("#service-form .done")).to_have_text("")


@pytest.mark.parametrize("lang", ["", "?lang=en"])
def test_a_facility_admin_sees_only_its_facility_and_the_page_passes_wcag(
        page: Page, live_server: str, lang: str) -> None:
    sign_in(page, live_server, "kepala", lang)
    expect(page).to_have_url(f"{live_server}/admin/f/pkm-demo{lang}")
    expect(page.locator("#service-rows tr[data-service=pendaftaran]")).to_be_visible()
    expect(page.locator("#user-rows tr[data-user=petugas]")).to_be_visible()
    assert violations(page) == []
    page.goto(f"{live_server}/admin")
    expect(page).to_have_url(f"{live_server}/admin/f/pkm-demo")


@pytest.mark.parametrize("username", ["petugas", "dinkes"])
def test_an_operator_or_the_city_gets_the_refusal_page(page: Page, live_server: str,
                                                      username: str) -> None:
    sign_in(page, live_server, username)
    expect(page.locator("h1")).to_have_text("Tidak diizinkan")
    assert page.locator("#facility-rows, #page").count() == 0
    assert violations(page) == []


def test_the_sign_in_page_passes_wcag(page: Page, live_server: str) -> None:
    for lang in ("", "?lang=en"):
        page.goto(f"{live_server}/admin{lang}")
        expect(page.locator("#username")).to_be_visible()
        assert violations(page) == []


@pytest.fixture
def live_site(engine: Any) -> factories.Site:
    """A facility with a 24-hour service (quota 5, walk-in limit 10) and a kiosk."""
    return factories.facility(
        "pkm-live", services=[factories.service("umum", "B", hours="24h", booking_quota=5,
                                                walkin_limit=10)],
        devices=[factories.device("kiosk")]).load(engine)


@pytest.fixture
def site_kiosk(live_server: str, live_site: factories.Site,
               tmp_path: Path) -> Iterator[str]:
    printer = FakePrinter().start()
    agent = create_agent(Options(server=live_server, device_token=live_site.token("kiosk"),
                                 printer=f"network:127.0.0.1:{printer.port}",
                                 spool=tmp_path / "spool"))
    try:
        with serve_in_thread(agent) as base:
            yield base
    finally:
        printer.stop()


def test_a_quota_changed_in_the_admin_shows_on_book_and_the_kiosk_without_a_reload(
        page: Page, live_server: str, live_site: factories.Site, site_kiosk: str,
        clock: FakeClock) -> None:
    book = page.context.new_page()
    book.clock.install(time=clock.now())  # the server's day; timers under the test's hand
    book.goto(f"{live_server}/book?facility={live_site.code}")
    expect(book.locator("[data-service=umum]")).to_contain_text("sisa kuota 5")
    kiosk = page.context.new_page()
    kiosk.clock.install(time=clock.now())
    kiosk.goto(site_kiosk)
    expect(kiosk.locator("[data-service=umum]")).to_be_enabled()
    sign_in(page, live_server, "admin")
    page.goto(f"{live_server}/admin/f/{live_site.code}")
    page.click("#service-rows tr[data-service=umum] button")
    page.fill("#svc-quota", "3")
    page.fill("#svc-walkin", "0")
    page.click("#service-form button[type=submit]")
    expect(page.locator("#service-form .done")).to_contain_text("umum")
    book.clock.run_for(31_000)  # /book reads its services every 30 s
    expect(book.locator("[data-service=umum]")).to_contain_text("sisa kuota 3")
    kiosk.clock.run_for(11_000)  # the kiosk page every 10 s
    expect(kiosk.locator("[data-service=umum]")).to_contain_text("Nomor hari ini habis")
    expect(kiosk.locator("[data-service=umum]")).to_be_disabled()


@pytest.fixture
def staffed_site(engine: Any) -> factories.Site:
    """A facility with a kiosk and an operator (`petugas`, factories.PASSWORD)."""
    return factories.facility("pkm-token", devices=[factories.device("kiosk")],
                              users=["petugas"]).load(engine)


def test_a_new_token_revoking_and_deactivating_take_effect_at_once(
        page: Page, live_server: str, client: Any, staffed_site: factories.Site) -> None:
    site, old = staffed_site, staffed_site.token("kiosk")
    operator = Api(client, login(client, site.username(), factories.PASSWORD))
    page.on("dialog", lambda dialog: dialog.accept())
    sign_in(page, live_server, "admin")
    page.goto(f"{live_server}/admin/f/{site.code}")
    row = page.locator("#device-rows tr[data-device=kiosk]")
    row.get_by_role("button", name="Token baru kiosk").click()
    expect(page.locator("#token-box")).to_be_visible()
    new = page.input_value("#token-value")
    assert new and new != old
    assert kiosk_call(page, old) == 401 and kiosk_call(page, new) == 200
    row.get_by_role("button", name="Cabut akses kiosk").click()
    expect(row).to_contain_text("Dicabut")
    assert kiosk_call(page, new) == 401
    user = page.locator(f"#user-rows tr[data-user={site.username()}]")
    user.get_by_role("button", name=f"Nonaktifkan {site.username()}").click()
    expect(user.get_by_role("button", name=f"Aktifkan lagi {site.username()}")).to_be_visible()
    assert operator.get("/api/v1/counters").status_code == 401


def kiosk_call(page: Page, token: str) -> int:
    return int(fetch_json(page, "GET", "/api/v1/kiosk/services", None, token)["status"])


def test_the_admin_pages_run_under_their_content_security_policy(
        browser: Any, live_server: str) -> None:
    """Without the test contexts' CSP bypass: nothing the pages need is blocked."""
    context = browser.new_context(locale="id-ID")
    context.add_init_script("window.__csp = []; document.addEventListener("
                            "'securitypolicyviolation', (e) => window.__csp.push("
                            "e.violatedDirective + ' ' + e.blockedURI));")
    page = context.new_page()
    try:
        sign_in(page, live_server, "admin")
        expect(page.locator("#facility-rows tr[data-facility=pkm-demo]")).to_be_visible()
        page.goto(f"{live_server}/admin/f/pkm-demo")
        expect(page.locator("#service-rows tr[data-service=umum]")).to_be_visible()
        assert page.evaluate("() => window.__csp") == []
    finally:
        context.close()


def test_an_exported_file_imported_back_changes_nothing_and_a_wrong_one_is_refused(
        page: Page, live_server: str, staffed_site: factories.Site) -> None:
    code = staffed_site.code
    sign_in(page, live_server, "admin", "?lang=en")
    page.goto(f"{live_server}/admin/f/{code}?lang=en")
    exported = page.evaluate("async (path) => (await fetch(path)).text()",
                             f"/api/v1/admin/facilities/{code}/export")
    assert f"code: {code}" in exported and "name: Umum" in exported
    page.click("#import-form button[type=submit]")
    expect(page.locator("#import-form .error")).to_have_text(
        "Choose a file or paste its content first.")
    page.fill("#imp-text", exported)
    page.click("#import-form button[type=submit]")
    expect(page.locator("#import-form .done")).to_have_text("Import done: 0 objects changed.")
    page.fill("#imp-text", exported.replace("name: Umum", "name: ''"))
    page.click("#import-form button[type=submit]")
    expect(page.locator("#import-form .error")).to_contain_text("name")
    expect(page.locator("#service-rows tr[data-service=umum]")).to_contain_text("Umum")
