"""Every page passes axe-core's WCAG 2.1 A and AA rules in Chromium.

axe-core comes from npm (`tests/browser/axe`, installed by `make test`) and is injected into
each page as it is served, in Indonesian and in English, in the states people see most.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import Browser, Page, expect

from kiosk.agent import Options, create_agent
from tests.conftest import Api
from tests.integration.test_ssw_pages import ssw  # noqa: F401  (fixture)
from tests.support.printer import FakePrinter
from tests.support.servers import serve_in_thread

AXE = Path(__file__).resolve().parent / "axe" / "node_modules" / "axe-core" / "axe.min.js"
TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
TODAY = date(2026, 11, 23)  # the FakeClock's day


def violations(page: Page) -> list[str]:
    """axe-core's WCAG 2.1 A/AA findings on the page as it stands, one line each."""
    if not AXE.exists():
        raise RuntimeError(f"{AXE} missing: run `make test` (npm ci --prefix tests/browser/axe)")
    # A form just submitted may still be navigating: axe must see the page it lands on
    # (a run during the navigation found no document and failed the test).
    page.wait_for_load_state()
    if not page.evaluate("typeof axe !== 'undefined'"):
        page.add_script_tag(path=str(AXE))  # a page opened outside the `page` fixture
    found = page.evaluate(
        """async (tags) => {
            const result = await axe.run(document, {runOnly: {type: 'tag', values: tags},
                                                    resultTypes: ['violations']});
            return result.violations.map((v) => v.id + ': ' + v.help + ' — ' +
                v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join(', '));
        }""",
        TAGS,
    )
    return list(found)


def check(page: Page, url: str, ready: str = "body") -> None:
    page.goto(url)
    expect(page.locator(ready).first).to_be_visible()
    assert violations(page) == [], url


def test_every_page_works_under_its_content_security_policy(
        browser: Browser, live_server: str, client: Any, kiosk: Api, staff: Api) -> None:
    """Pages load and run with the policy enforced (no bypass): nothing is blocked."""
    walk_in = kiosk.ticket()
    staff.act("loket-1", "call-next")
    booked = book(client, TODAY + timedelta(days=1))
    context = browser.new_context(locale="id-ID", timezone_id="Asia/Jakarta")
    context.add_init_script("window.__csp = []; document.addEventListener("
                            "'securitypolicyviolation', (e) => window.__csp.push("
                            "e.violatedDirective + ' ' + e.blockedURI));")
    page = context.new_page()
    try:
        for path, ready, text in [
                ("/", "h1", "Antrean puskesmas"), ("/book", "#services button", "Pendaftaran"),
                (f"/t/{walk_in['code']}", "#number", walk_in["number"]),
                (f"/t/{booked}", "#booking-code", booked[:4]),
                ("/display/pkm-demo", "#call-number", walk_in["number"]),
                ("/console", "h1", "")]:
            page.goto(live_server + path)
            expect(page.locator(ready).first).to_contain_text(text)
            assert page.evaluate("() => window.__csp") == [], path
    finally:
        context.close()


def book(client: Any, on: date) -> str:
    reply = client.post("/api/v1/bookings", json={
        "facility": "pkm-demo", "service": "umum", "date": on.isoformat(),
        "patient": {"nik": "3578010101900001", "name": "Siti Aminah", "phone": "081234567890"}})
    assert reply.status_code == 201, reply.get_json()
    return reply.get_json()["code"]


@pytest.mark.parametrize("lang", ["", "?lang=en"])
def test_public_pages_pass_wcag_21_aa(page: Page, live_server: str, client: Any, kiosk: Api,
                                      staff: Api, lang: str) -> None:
    walk_in = kiosk.ticket()
    staff.act("loket-1", "call-next")
    booked = book(client, TODAY + timedelta(days=1))
    check(page, f"{live_server}/{lang}", "h1")
    check(page, f"{live_server}/book{lang}", "#services button")
    check(page, f"{live_server}/t/{walk_in['code']}{lang}", "#number")
    check(page, f"{live_server}/t/{booked}{lang}", "#booking-code")
    check(page, f"{live_server}/t/ZZZZZZZZZZ{lang}", "h1")
    page.goto(f"{live_server}/display/pkm-demo{lang}")
    page.wait_for_function("window.antrianBoard && window.antrianBoard.state() !== null")
    assert violations(page) == []


@pytest.mark.parametrize("lang", ["", "?lang=en"])
def test_the_console_passes_wcag_21_aa(page: Page, live_server: str, kiosk: Api,
                                       lang: str) -> None:
    kiosk.ticket(priority="elderly")
    kiosk.ticket()
    check(page, f"{live_server}/console{lang}", "#username")
    page.fill("#username", "petugas")
    page.fill("#password", "demo")
    page.click("button[type=submit]")
    expect(page.locator("#waiting tr")).to_have_count(2, timeout=10_000)
    page.keyboard.press("n")
    expect(page.locator("#cur-number")).to_have_text("A-001")
    assert violations(page) == []


@pytest.fixture
def kiosk_agent(live_server: str, tmp_path: Path) -> Iterator[str]:
    printer = FakePrinter().start()
    app = create_agent(Options(server=live_server, device_token="demo-kiosk",
                               printer=f"network:127.0.0.1:{printer.port}",
                               spool=tmp_path / "spool"))
    try:
        with serve_in_thread(app) as base:
            yield base
    finally:
        printer.stop()


def test_the_kiosk_page_passes_wcag_21_aa(page: Page, kiosk_agent: str) -> None:
    page.set_viewport_size({"width": 1080, "height": 1920})
    check(page, kiosk_agent + "/", "[data-service=pendaftaran]")
    page.click("[data-service=pendaftaran]")
    expect(page.locator("#result")).to_be_visible()
    assert violations(page) == []


@pytest.mark.parametrize("lang", ["", "?lang=en"])
def test_the_offices_admin_page_passes_wcag_21_aa(page: Page, live_server: str,
                                                  lang: str) -> None:
    """/admin/offices (issue 16) as the admin sees it: the offices, one's members."""
    page.goto(f"{live_server}/admin{lang}")
    page.fill("#username", "admin")
    page.fill("#password", "demo")
    page.click("button[type=submit]")
    expect(page.locator("#password")).to_have_count(0)
    page.goto(f"{live_server}/admin/offices{lang}")
    page.locator("#office-rows tr[data-office=dsdabm] button").nth(1).click()
    expect(page.locator("#member-rows tr[data-member=opd]")).to_be_visible()
    assert violations(page) == []


@pytest.mark.parametrize("lang", ["", "?lang=en"])
def test_the_wadul_pages_pass_wcag_21_aa(page: Page, live_server: str, lang: str) -> None:
    """e-Wadul's citizen pages and its staff sign-in; the staff pages with cases in them
    are checked along the complaint's way in test_wadul.py, the SKM page signed in (with
    the demo's surveys) in test_wadul_screens.py."""
    check(page, f"{live_server}/wadul{lang}", "#category")
    check(page, f"{live_server}/wadul/laporan{lang}", "table.cases")
    check(page, f"{live_server}/wadul/laporan/WADUL-999999{lang}", "h1")  # not public
    check(page, f"{live_server}/wadul/desk{lang}", "#username")


@pytest.mark.parametrize("lang", ["", "?lang=en"])
def test_the_surat_incoming_pages_pass_wcag_21_aa(page: Page, live_server: str, engine: Any,
                                                  clock: Any, client: Any, lang: str) -> None:
    """e-Surat's sign-in, then as the clerk: home, the register with its form, a letter
    with a disposition and its actions, the retention list (the whole way in
    tests/browser/test_surat_incoming.py)."""
    from tests.integration.surat_in_support import caller, load_codes, registered

    ref = f"SURAT-{registered(load_codes(engine), clock)}"
    caller(client, "tu-dsdabm").post(f"/api/v1/surat/letters/{ref}/dispositions",
                                     {"to": ["kabid-dsdabm"], "instruction": "Survei"})
    check(page, f"{live_server}/surat{lang}", "#username")
    page.fill("#username", "tu-dsdabm")
    page.fill("#password", "demo")
    page.click("main button[type=submit]")
    for path in ("/surat", "/surat/masuk", f"/surat/{ref}", "/surat/arsip?year=2029"):
        check(page, f"{live_server}{path}{'&lang=en' if lang and '?' in path else lang}", "h1")


@pytest.mark.parametrize("lang", ["", "?lang=en"])
def test_the_survey_and_the_case_page_pass_wcag_21_aa(
        page: Page, app: Any, engine: Any, clock: Any, live_server: str, kiosk: Api,
        staff: Api, lang: str) -> None:
    """The SKM on a served visit's /t/{code}; /c/{code} closed (with the SKM), answered
    (the citizen's actions, a rating), confidential, waiting for its phone code, unknown."""
    from queue_server.services.cases import CITIZEN, Step
    from tests.support import probe_kind as probe

    served = kiosk.ticket()["code"]
    staff.act("loket-1", "call-next")
    staff.act("loket-1", "finish")
    check(page, f"{live_server}/t/{served}{lang}", "#survey-form fieldset")
    probe.install(app)
    closed, answered = probe.new_case(engine, clock), probe.new_case(engine, clock)
    for code in (closed, answered):
        probe.answered(engine, clock, code)
    probe.moved(engine, clock, closed, Step("close"), actor=CITIZEN)
    check(page, f"{live_server}/c/{closed}{lang}", "#survey-form fieldset")
    check(page, f"{live_server}/c/{answered}{lang}", "form.case-action .rating")
    check(page, f"{live_server}/c/{probe.new_case(engine, clock, True)}{lang}", "h1")
    waiting = probe.new_case(engine, clock, confirmed=False)
    check(page, f"{live_server}/c/{waiting}{lang}", "#confirm-form")
    check(page, f"{live_server}/c/ZZZZZZZZZZ{lang}", "h1")


@pytest.mark.parametrize("lang", ["", "?lang=en"])
def test_the_document_verification_page_passes_wcag_21_aa(
        page: Page, app: Any, engine: Any, clock: Any, live_server: str, tmp_path: Path,
        lang: str) -> None:
    """/v/{code}: a valid document, a replaced one, a confidential one, an unknown code
    (the page with an upload's answer: tests/browser/test_verify_page.py)."""
    from queue_server.signing import LocalSigner
    from tests.support.documents import desk_for

    desk = desk_for(app, engine, tmp_path, LocalSigner(tmp_path / "signing"))
    old, new = desk.issue(clock)[0], desk.issue(clock)[0]
    desk.replace(clock, old, new)
    check(page, f"{live_server}/v/{new}{lang}", "input[name=file]")
    check(page, f"{live_server}/v/{old}{lang}", ".doc-status a")
    check(page, f"{live_server}/v/{desk.issue(clock, confidential=True)[0]}{lang}", "h1")
    check(page, f"{live_server}/v/ZZZZZZZZZZZZ{lang}", "h1")


@pytest.mark.usefixtures("ssw")
@pytest.mark.parametrize("lang", ["", "?lang=en"])
def test_the_ssw_pages_pass_wcag_21_aa(page: Page, app: Any, engine: Any, live_server: str,
                                       lang: str) -> None:
    """SSW's catalogue, its form (and with its wrong fields marked), the owner's /c/{code}
    and re-upload page with a flagged document, an unknown code, and the staff pages
    signed in: desk, application page, review list, inspections, report (the whole way
    from application to permit: tests/browser/test_ssw.py)."""
    from tests.integration.test_ssw_pages import apply_reklame, flag_document

    code = apply_reklame(app.test_client())
    flag_document(engine, "desain", "Ukuran tidak tertulis")
    check(page, f"{live_server}/ssw{lang}", "section.permit")
    check(page, f"{live_server}/ssw/ajukan/reklame{lang}", "#doc-ktp")
    page.click("#submit")
    expect(page.locator(".field-error").first).to_be_visible()
    assert violations(page) == []
    check(page, f"{live_server}/c/{code}{lang}", "ul.links a")
    check(page, f"{live_server}/ssw/berkas/{code}{lang}", "#doc-desain")
    check(page, f"{live_server}/ssw/berkas/ZZZZZZZZZZ{lang}", "h1")
    check(page, f"{live_server}/ssw/desk{lang}", "#username")
    page.fill("#username", "admin")
    page.fill("#password", "demo")
    page.click("button[type=submit]")
    expect(page.locator("table.cases").first).to_be_visible()
    assert violations(page) == []
    ref = page.locator("tr[data-ref]").first.get_attribute("data-ref")
    for path, ready in ((f"/ssw/kasus/{ref}", "form.check-accept"), ("/ssw/review", "h1"),
                        ("/ssw/inspeksi", "h1"), ("/ssw/laporan", "table#permits")):
        check(page, f"{live_server}{path}{lang}", ready)
    from tests.integration.test_ssw_pages_fix import _objected

    objected = _objected(app)[1]  # the desk's send-back form, a document and reason each
    check(page, f"{live_server}/ssw/kasus/{objected}{lang}", "#send-back-form")


@pytest.mark.parametrize("lang", ["", "?lang=en"])
def test_the_surat_outgoing_pages_pass_wcag_21_aa(page: Page, app: Any, live_server: str,
                                                  engine: Any, tmp_path: Path, lang: str) -> None:
    """e-Surat's outgoing pages signed in as the drafter: the list, the draft form (a
    refused one with its message), and a letter in review with its chain (the whole way
    to the signed PDF: tests/browser/test_surat_outgoing.py)."""
    from tests.integration.surat_in_support import load_codes
    from tests.integration.surat_out_support import People

    load_codes(engine)
    app.instance_path = str(tmp_path)
    people = People(app.test_client())
    ref = people.draft()
    people.act("kabid-dsdabm", ref, "submit")
    check(page, f"{live_server}/surat/keluar{lang}", "#username")
    page.fill("#username", "kabid-dsdabm")
    page.fill("#password", "demo")
    page.click("main button[type=submit]")
    expect(page.locator("#username")).to_have_count(0)
    check(page, f"{live_server}/surat/keluar{lang}", "h1")
    check(page, f"{live_server}/surat/keluar/baru{lang}", "#subject")
    page.fill("#subject", "Tanpa pemaraf")
    for field in page.locator("input[id^=field-]").all():
        field.fill("isi")
    page.click("main form[method=post] button.primary")
    expect(page.locator("p.error")).to_be_visible()
    assert violations(page) == []
    check(page, f"{live_server}/surat/{ref}{lang}", "#outgoing-part")


@pytest.mark.parametrize("lang", ["", "?lang=en"])
def test_the_budget_and_package_pages_pass_wcag_21_aa(page: Page, app: Any, live_server: str,
                                                      lang: str) -> None:
    """e-Budgeting's `/anggaran` as the agency sees it (a flagged draft line with the
    decision form; its refusal page) and e-Project's `/paket` as the office sees it (an
    approved line with the split form and a package)."""
    from tests.integration.test_budgeting_support import PROJECTS, caller, programme_line

    client = app.test_client()
    programme_line(client, amount_units=100, approve=False, price=190_000)
    line = programme_line(client, amount_units=2000)
    caller(client, "opd").post(f"{PROJECTS}/packages", {
        "line": line, "title": "Hotmix", "value": 300_000_000, "category": "works",
        "starts": "2027-03-01", "ends": "2027-08-31"})
    for username, path, ready in (("bappeda", "anggaran", "input[name=reason]"),
                                  ("opd", "anggaran", "#programme-code"),
                                  ("opd", "paket", "#title")):
        page.context.clear_cookies()
        check(page, f"{live_server}/{path}{lang}", "#username")
        page.fill("#username", username)
        page.fill("#password", "demo")
        page.click("main button[type=submit]")
        expect(page.locator("#username")).to_have_count(0)
        check(page, f"{live_server}/{path}{lang}", ready)
    page.fill("#title", "Terlalu besar")
    page.fill("#value", "900000000")
    page.fill("#starts", "2027-03-01")
    page.fill("#ends", "2027-04-30")
    page.click("main form button.primary")
    expect(page.locator("p.error")).to_be_visible()
    assert violations(page) == []


@pytest.mark.parametrize("lang", ["", "?lang=en"])
def test_the_musrenbang_pages_pass_wcag_21_aa(page: Page, live_server: str, client: Any,
                                              lang: str) -> None:
    """e-Musrenbang's public list and proposal page (a rejected proposal with its
    reason), an unknown proposal, and the staff sign-in; the RW form and the work list
    signed in are checked along the proposal's way in test_musrenbang.py."""
    from tests.integration.test_musrenbang_support import act, propose, set_up

    set_up(client, TODAY)
    ref = propose(client).get_json()["ref"]
    act(client, "kelurahan", ref, "reject", "Sudah dibangun tahun lalu")
    check(page, f"{live_server}/musrenbang{lang}", "table.cases")
    check(page, f"{live_server}/musrenbang/usulan/{ref}{lang}", "dd.reason")
    check(page, f"{live_server}/musrenbang/usulan/USL-1-1{lang}", "h1")
    check(page, f"{live_server}/musrenbang/rw{lang}", "#username")


@pytest.mark.parametrize("lang", ["", "?lang=en"])
def test_the_controlling_pages_pass_wcag_21_aa(page: Page, live_server: str, lang: str) -> None:
    """e-Controlling's sign-in form and an unknown package's public page; the dashboard,
    a package's staff view and its public page with data in test_controlling.py."""
    check(page, f"{live_server}/controlling{lang}", "#username")
    check(page, f"{live_server}/pembangunan/PKT-0000-0000{lang}", "p.error")


@pytest.mark.parametrize("lang", ["", "?lang=en"])
def test_the_procurement_and_contract_pages_pass_wcag_21_aa(
        page: Page, app: Any, engine: Any, clock: Any, live_server: str, lang: str) -> None:
    """`/pengadaan` as a provider sees it (a published tender with the bid form; a
    refused bid), `/kontrak` as the PPK sees it (the steps, termins, an invoice with the
    decision form) and its sign-in form."""
    from tests.integration.procurement_support import (
        C,
        T,
        approve_progress,
        caller,
        make_package,
        signed,
    )

    client = app.test_client()
    code = signed(client, engine, clock)
    approve_progress(engine, code, 30)
    caller(client, "penyedia").post(f"{C}/{code}/invoices", {"termin": 1, "number": "INV-1"})
    tender = caller(client, "pokja").post(T, {"package": make_package(engine)}).get_json()
    caller(client, "pokja").post(f"{T}/{tender['code']}/publish", {
        "bid_deadline": (clock.now() + timedelta(days=2)).isoformat()})
    for username, path, ready in (("penyedia", "pengadaan", "input[name=amount]"),
                                  ("ppk-dsdabm", "kontrak", "input[name=reason]")):
        page.context.clear_cookies()
        check(page, f"{live_server}/{path}{lang}", "#username")
        page.fill("#username", username)
        page.fill("#password", "demo")
        page.click("main button[type=submit]")
        expect(page.locator("#username")).to_have_count(0)
        check(page, f"{live_server}/{path}{lang}", ready)
        if path == "pengadaan":
            page.fill("input[name=amount]", "999999999999")
            page.click("main form button[type=submit]")
            expect(page.locator("p.error")).to_be_visible()
            assert violations(page) == []


@pytest.mark.parametrize("lang", ["", "?lang=en"])
def test_the_bpjs_reconciliation_page_passes_wcag_21_aa(page: Page, app: Any,
                                                        live_server: str, kiosk: Api,
                                                        lang: str) -> None:
    """/bpjs/rekonsiliasi (issue 19): signed out, then a day with a visit still queued."""
    from queue_server.eservices.bpjs.outbox import read_history
    from tests.support.bpjs import setup_bpjs

    setup_bpjs(app)
    kiosk.ticket("umum")
    read_history(app.extensions["antrian"].uow, app.extensions["antrian"].clock)
    check(page, f"{live_server}/bpjs/rekonsiliasi{lang}", "#username")
    page.fill("#username", "admin")
    page.fill("#password", "demo")
    page.click("main button[type=submit]")
    expect(page.locator("#username")).to_have_count(0)
    asked = f"facility=pkm-demo&date={TODAY.isoformat()}"
    check(page, f"{live_server}/bpjs/rekonsiliasi?{asked}{lang.replace('?', '&')}",
          "section.rec-table")
