"""e-Musrenbang in Chromium: the RW chair (`rw01`) signs in on /musrenbang/rw, picks an
item of the catalogue; the amount and the remaining ceiling update as the quantity
changes; an amount over the remaining ceiling is refused on the page (nothing is sent);
a valid one is sent and appears on the public list and its page; the kelurahan verifies
it on /musrenbang/verifikasi. Every page keeps its strict Content-Security-Policy
(enforced) and passes axe-core WCAG 2.1 A/AA."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from playwright.sync_api import BrowserContext, Page, expect

from tests.browser.test_accessibility import TODAY
from tests.browser.test_wadul import clean, person  # noqa: F401  (fixture)
from tests.integration.test_musrenbang_support import YEAR, set_up


def _sign_in(context: BrowserContext, url: str, username: str) -> Page:
    page = context.new_page()
    page.goto(url)
    clean(page)
    page.fill("#username", username)
    page.fill("#password", "demo")
    page.click("main button[type=submit]")
    expect(page.locator("#username")).to_have_count(0)
    page.wait_for_load_state()  # rw.js bound before the form is touched
    return page


def test_the_rw_chair_proposes_within_the_ceiling_in_the_browser(
        person: Callable[[], BrowserContext], live_server: str, client: Any) -> None:  # noqa: F811
    set_up(client, TODAY, rw_ceiling=20_000_000)
    page = _sign_in(person(), f"{live_server}/musrenbang/rw", "rw01")
    expect(page.locator("#left")).to_have_text("Rp 20.000.000")
    page.select_option("#item", "PJU")  # Rp 6.500.000 per titik
    page.fill("#quantity", "2")
    expect(page.locator("#left-after")).to_have_text("Rp 7.000.000")
    page.fill("#quantity", "4")
    expect(page.locator("#quantity-error")).to_contain_text("Melebihi sisa pagu")
    expect(page.locator("#left-after")).to_have_text("Melebihi pagu sebesar Rp 6.000.000")
    page.fill("#location", "Jl. Kedungdoro Gg. III")
    page.click("#send")
    expect(page.locator("#quantity")).to_be_focused()
    expect(page.locator("p[role=status]")).to_have_count(0)  # nothing was sent
    clean(page)
    page.fill("#quantity", "3")
    expect(page.locator("#quantity-error")).to_be_hidden()
    expect(page.locator("#amount-said")).to_contain_text("Rp 19.500.000")
    page.click("#send")
    ref = f"USL-{YEAR}-0001"
    expect(page.locator("p[role=status]")).to_contain_text(ref)
    expect(page.locator("#left")).to_have_text("Rp 500.000")
    clean(page)
    page.goto(f"{live_server}/musrenbang")
    expect(page.locator("table.cases")).to_contain_text(ref)
    clean(page)
    page.click(f"text={ref}")
    expect(page.locator("h1")).to_contain_text(ref)
    expect(page.locator("main")).to_contain_text("Belum menjadi mata anggaran")
    clean(page)
    staff = _sign_in(person(), f"{live_server}/musrenbang/verifikasi?lang=en", "kelurahan")
    clean(staff)
    staff.click("main form.act button[type=submit]")
    expect(staff.locator("main")).to_contain_text("No proposal is waiting for your step")
    clean(staff)


def test_the_rw_page_fits_a_phone_and_a_returned_proposal_is_sent_again(
        person: Callable[[], BrowserContext], live_server: str, client: Any) -> None:  # noqa: F811
    """At 375 px the ceiling's figures stay on one line, nothing overflows, and the list's
    state and rank are on screen; a returned proposal is edited and sent again."""
    from tests.integration.test_musrenbang_support import act, propose

    set_up(client, TODAY, rw_ceiling=500_000_000)
    ref = propose(client).get_json()["ref"]
    act(client, "kelurahan", ref, "return", "Sebutkan nomor gang")
    page = _sign_in(person(), f"{live_server}/musrenbang/rw", "rw01")
    page.set_viewport_size({"width": 375, "height": 800})
    assert page.evaluate("() => document.documentElement.scrollWidth") <= 375
    box = page.locator("#left").bounding_box()
    assert box is not None and box["height"] < 40  # "Rp 500.000.000" on one line
    state = page.locator("table.cases td[data-label=Status]").first.bounding_box()
    assert state is not None and state["x"] + state["width"] <= 375
    clean(page)
    page.click(f"a[href='/musrenbang/rw/{ref}']")
    expect(page.locator("main")).to_contain_text("Sebutkan nomor gang")
    page.fill("#quantity", "2,5")  # PJU is counted in titik: whole numbers only
    expect(page.locator("#quantity-error")).to_contain_text("bilangan bulat")
    page.fill("#quantity", "2")
    expect(page.locator("#quantity-error")).to_be_hidden()
    assert page.evaluate("() => document.documentElement.scrollWidth") <= 375
    clean(page)
    page.fill("#location", "Jl. Kedungdoro Gg. II no. 14")
    page.click("#send")
    expect(page.locator("#done")).to_contain_text("Usulan dikirim lagi")
    clean(page)
    staff = _sign_in(person(), f"{live_server}/musrenbang/verifikasi", "kelurahan")
    staff.select_option(f"#a-{ref}", "return")
    staff.click(f"section:has(#w-{ref}) button[type=submit]")
    expect(staff.locator(f"#e-{ref}")).to_contain_text("perlu keterangan")
    expect(staff.locator(f"#a-{ref}")).to_have_value("return")  # the choice kept
    clean(staff)
