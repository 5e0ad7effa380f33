"""The board on every screen: rows whole or not drawn, every counter and queue seen in 20 s.

Checked in real Chromium at five screen sizes, with the demo puskesmas (7 counters, 6
services) and with a big one (15 counters, 14 services). Time is driven with
Playwright's clock, so 20 s of pages turning take a moment.
"""

from __future__ import annotations

import re
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import Browser, Page, expect

from tests.conftest import Api, login
from tests.support import factories

VIEWPORTS = [(1280, 720), (1366, 768), (1920, 1080), (1080, 1920), (3840, 2160)]
SERVICE_NAMES = ["Pendaftaran Umum", "Pendaftaran BPJS", "Poli Umum", "Poli Gigi dan Mulut",
                 "KIA / KB", "Poli Anak / MTBS", "Poli Lansia", "Imunisasi", "Poli TB",
                 "Konsultasi Gizi", "Laboratorium", "Apotek", "Kasir", "Ruang Tindakan"]
COUNTER_NAMES = ["Loket Pendaftaran 1", "Loket Pendaftaran 2", "Loket Pendaftaran 3",
                 "Poli Umum Ruang 1", "Poli Gigi dan Mulut", "Ruang KIA / KB",
                 "Poli Anak dan MTBS", "Ruang Lansia Sehat", "Ruang Imunisasi", "Poli TB Paru",
                 "Ruang Konsultasi Gizi", "Laboratorium Klinik", "Apotek", "Kasir",
                 "Ruang Tindakan dan Gawat Darurat"]
BIG = factories.facility(
    "pkm-besar", name="Puskesmas Besar Kecamatan Tambaksari Surabaya",
    running_text="Selamat datang. Siapkan KTP dan kartu BPJS Anda.",
    services=[factories.service(f"s{i}", chr(65 + i), name, hours="24h")
              for i, name in enumerate(SERVICE_NAMES)],
    counters=[factories.counter(f"c{i}", ["s0", "s1"] if i < 3 else [f"s{i - 1}"], name=name)
              for i, name in enumerate(COUNTER_NAMES)],
    devices=[factories.device("kiosk", "k")], users=["petugas"])


@pytest.fixture
def big(engine: Any, client: Any) -> dict[str, Any]:
    """The 15-counter, 14-service facility, with some patients called and a counter paused."""
    BIG.load(engine)
    kiosk = Api(client, BIG.token("k"))
    staff = Api(client, login(client, BIG.username("petugas"), factories.PASSWORD))
    for i in (0, 0, 0, 2, 3, 6, 11):
        kiosk.ticket(service=f"s{i}")
    for counter in ("c0", "c1", "c3", "c7", "c12"):
        assert staff.act(counter, "call-next").status_code == 200
    staff.act("c14", "pause")
    return {"code": BIG.code, "counters": 15, "services": 14}


@pytest.fixture
def demo(kiosk: Api, staff: Api) -> dict[str, Any]:
    """The demo puskesmas, with a patient called at five counters and the lab paused."""
    for service in ("pendaftaran", "pendaftaran", "umum", "gigi", "kia", "lab", "apotek"):
        kiosk.ticket(service=service)
    for counter in ("loket-1", "loket-2", "poli-umum", "poli-gigi", "kia"):
        staff.act(counter, "call-next")
    staff.act("lab", "pause")
    return {"code": "pkm-demo", "counters": 7, "services": 6}


# What is drawn now: each list's drawn rows, and every drawn thing that is cut.
LOOK = """() => {
    const drawn = (el) => getComputedStyle(el).display !== 'none' && el.offsetParent !== null;
    const inside = (r, o) => r.left >= o.left - 1 && r.right <= o.right + 1 &&
                             r.top >= o.top - 1 && r.bottom <= o.bottom + 1;
    const screen = {left: 0, top: 0, right: innerWidth, bottom: innerHeight};
    const cut = [];
    const lists = {};
    for (const id of ['counters', 'last-calls', 'services']) {
        const box = document.getElementById(id);
        const rows = Array.from(box.children).filter(drawn);
        for (const row of rows) {
            if (!inside(row.getBoundingClientRect(), box.getBoundingClientRect())) {
                cut.push(id + ': ' + row.textContent);
            }
        }
        lists[id] = {names: rows.map((r) => r.querySelector('.name').textContent),
                     pages: Number(box.dataset.pages || 1)};
    }
    for (const el of document.querySelectorAll('.panel, .panel *, .top *')) {
        if (!drawn(el)) continue;
        const r = el.getBoundingClientRect();
        if (r.width === 0 && r.height === 0) continue;
        const panel = el.closest('.panel') || el.closest('.top');
        if (!inside(r, screen) || (panel && el !== panel &&
                                   !inside(r, panel.getBoundingClientRect()))) {
            cut.push(el.id || el.className || el.tagName);
        }
    }
    for (const id of ['call-number', 'call-counter', 'time']) {
        const el = document.getElementById(id);
        if (el.scrollWidth > el.clientWidth + 1) cut.push(id + ' (text cut)');
    }
    const label = (id) => { const el = document.getElementById(id);
                            return el.hidden ? null : el.textContent; };
    return {cut, lists, labels: {counters: label('counters-page'),
                                 services: label('services-page')}};
}"""


def watch_for_20_seconds(page: Page) -> tuple[dict[str, set[str]], dict[str, int]]:
    """Step the page's frozen clock through 20 s; every step, nothing may be cut.

    Returns the names each list drew at some step, and each list's most pages."""
    seen: dict[str, set[str]] = {"counters": set(), "services": set(), "last-calls": set()}
    pages = {name: 1 for name in seen}
    for _ in range(21):
        look = page.evaluate(LOOK)
        assert look["cut"] == []
        for name, listed in look["lists"].items():
            seen[name] |= set(listed["names"])
            pages[name] = max(pages[name], listed["pages"])
            if name != "last-calls" and listed["pages"] > 1:
                label = look["labels"][name]
                assert label and re.fullmatch(rf"[1-9]\d*/{listed['pages']}", label), label
        page.clock.run_for(1000)
    return seen, pages


@pytest.mark.parametrize("which", ["demo", "big"])
@pytest.mark.parametrize(("width", "height"), VIEWPORTS)
def test_every_row_is_whole_and_every_counter_and_queue_is_seen_within_20_s(
    browser: Browser, live_server: str, artifacts: Path, request: pytest.FixtureRequest,
    which: str, width: int, height: int,
) -> None:
    facility = request.getfixturevalue(which)
    context = browser.new_context(bypass_csp=True, viewport={"width": width, "height": height},
                                  locale="id-ID", timezone_id="Asia/Jakarta")
    page = context.new_page()
    try:
        page.clock.install(time=datetime.now())
        page.goto(f"{live_server}/display/{facility['code']}")
        page.wait_for_function("window.antrianBoard && window.antrianBoard.state() !== null")
        expect(page.locator("#call-number")).not_to_have_text("—")
        page.clock.pause_at(datetime.now() + timedelta(seconds=30))
        page.screenshot(path=str(artifacts / f"board-{which}-{width}x{height}.png"))
        seen, pages = watch_for_20_seconds(page)
        truth = page.evaluate("window.antrianBoard.state()")
        assert seen["counters"] == {c["name"] for c in truth["counters"]}
        assert len(seen["counters"]) == facility["counters"]
        assert seen["services"] == {s["name"] for s in truth["services"]}
        assert len(seen["services"]) == facility["services"]
        assert seen["last-calls"], "the call being made stands in the last calls"
        if which == "big" and (width, height) == (1920, 1080):
            assert pages["counters"] >= 2 and pages["services"] >= 2, "paged, not cut"
    finally:
        context.close()
