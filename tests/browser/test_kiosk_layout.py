"""The kiosk page's services in Chromium: every button whole, on screen and clear of the
footer, large enough to touch, at the kiosk's usual screen sizes, with 14 services, with
a notice and a message taking room too; and paged ("1/2") when there are far too many."""

from __future__ import annotations

import contextlib
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import Page, expect

from tests.browser.test_accessibility import violations
from tests.support import factories
from tests.support.kiosk import kiosk_agent
from tests.support.printer import FakePrinter
from tests.support.servers import wait_until

NAMES = ["Pendaftaran", "Poli Umum", "Poli Gigi dan Mulut", "Kesehatan Ibu dan Anak (KIA)",
         "Laboratorium", "Apotek", "Poli Lansia", "Imunisasi", "Gizi", "Sanitasi",
         "Konseling Kesehatan Remaja", "Poli TB Paru", "Keluarga Berencana", "Fisioterapi"]
SIZES = [(1080, 1920), (1366, 768), (1920, 1080)]


def many(count: int) -> factories.Site:
    """A facility with `count` services open all day (names from NAMES, then numbered),
    one counter serving them all, and a kiosk `kiosk`."""
    services = [factories.service(f"s{i:02d}", chr(65 + i % 26) + ("" if i < 26 else "Z"),
                                  NAMES[i] if i < len(NAMES) else f"Layanan {i + 1}",
                                  hours="24h")
                for i in range(count)]
    return factories.facility(
        f"pkm-{count}", name=f"Puskesmas {count} Layanan", services=services,
        counters=[factories.counter("loket", [s["code"] for s in services])],
        devices=[factories.device("kiosk", name="Kiosk")])


FOURTEEN = many(14)
FORTY = many(40)


# Every visible service button's problems: outside the viewport, over the footer (or the
# pager), too small to touch, or its words cut. An empty list when all is well.
PROBLEMS = """() => {
  const out = [], vw = innerWidth, vh = innerHeight;
  const footer = document.querySelector('footer').getBoundingClientRect();
  const pages = document.getElementById('pages');
  const pager = pages.hidden ? null : pages.getBoundingClientRect();
  const shown = [...document.querySelectorAll('.service')].filter(b => !b.hidden);
  if (!shown.length) return ['no service shown'];
  for (const b of shown) {
    const r = b.getBoundingClientRect(), n = b.dataset.service;
    if (r.left < 0 || r.top < 0 || r.right > vw + 0.5 || r.bottom > vh + 0.5)
      out.push(n + ' off screen');
    if (r.bottom > footer.top + 0.5) out.push(n + ' over the footer');
    if (pager && r.bottom > pager.top + 0.5) out.push(n + ' over the pager');
    if (r.height < 60 || r.width < 150) out.push(n + ' too small ' + r.width + 'x' + r.height);
    if (b.scrollHeight > b.clientHeight + 1 || b.scrollWidth > b.clientWidth + 1)
      out.push(n + ' words cut');
  }
  return out;
}"""


def whole(page: Page) -> list[str]:
    """Wait for the layout to settle with no problem; the problems left, if any."""
    found: list[str] = []

    def settled() -> bool:
        found[:] = page.evaluate(PROBLEMS)
        return not found

    with contextlib.suppress(TimeoutError):  # the problems left say what is wrong
        wait_until(settled, timeout=10, what="every service button whole")
    return found


@pytest.fixture
def fourteen(engine: Any) -> str:
    return FOURTEEN.load(engine).token()


@pytest.mark.parametrize(("width", "height"), SIZES)
def test_fourteen_services_are_whole_and_on_screen_at_once(
    page: Page, live_server: str, printer: FakePrinter, tmp_path: Path, fourteen: str,
    width: int, height: int,
) -> None:
    with kiosk_agent(live_server, printer, tmp_path, token=fourteen) as (base, _):
        page.set_viewport_size({"width": width, "height": height})
        page.goto(base)
        expect(page.locator(".service")).to_have_count(14)
        assert whole(page) == []
        expect(page.locator("#pages")).to_be_hidden()  # all at once: no pages needed
        expect(page.locator(".service:visible")).to_have_count(14)
        page.click("#lang")  # English words are longer: still whole
        expect(page.locator("[data-t=hint]")).to_have_text(
            "Choose a service to take a queue number.")
        assert whole(page) == []


def test_a_notice_and_a_message_take_room_without_cutting_a_button(
    page: Page, live_server: str, printer: FakePrinter, tmp_path: Path, fourteen: str,
) -> None:
    printer.stop()
    with kiosk_agent(live_server, printer, tmp_path, token=fourteen) as (base, parts):
        wait_until(lambda: parts.printing.state["printer"] == "offline",
                   what="the probe to find the printer off")
        page.set_viewport_size({"width": 1366, "height": 768})
        page.goto(base)
        expect(page.locator("#notice")).to_be_visible()
        page.keyboard.type("ZZZZZZZZZZ")
        page.keyboard.press("Enter")
        expect(page.locator("#banner")).to_have_text("Kode booking tidak dikenal.")
        expect(page.locator(".service:visible")).to_have_count(14)
        assert whole(page) == []
        page.locator("[data-service=s13]").click()  # the last one is whole, and it works
        expect(page.locator("#result-number")).to_have_text("N-001")


def test_far_too_many_services_are_paged_with_whole_buttons(
    page: Page, live_server: str, printer: FakePrinter, tmp_path: Path, engine: Any,
) -> None:
    FORTY.load(engine)
    with kiosk_agent(live_server, printer, tmp_path, token=FORTY.token()) as (base, _):
        page.set_viewport_size({"width": 1366, "height": 768})
        page.goto(base)
        expect(page.locator(".service")).to_have_count(40)
        expect(page.locator("#page-of")).to_have_text("1/2")
        assert whole(page) == []
        first = page.locator(".service:visible").count()
        assert 0 < first < 40
        expect(page.locator("#page-prev")).to_be_disabled()
        assert violations(page) == []
        page.click("#page-next")
        expect(page.locator("#page-of")).to_have_text("2/2")
        assert whole(page) == []
        expect(page.locator(".service:visible")).to_have_count(40 - first)
        expect(page.locator("[data-service=s39]")).to_be_visible()
        expect(page.locator("#page-next")).to_be_disabled()
