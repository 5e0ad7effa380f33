"""The board's voice in a rush, and names it has no recorded words for (real Chromium)."""

from __future__ import annotations

from itertools import pairwise
from typing import Any

from playwright.sync_api import Page, expect

from tests.conftest import Api, login
from tests.support import factories

# 15 calls a minute: four calls made within a second are all spoken within 16 s.
FLOOR_SECONDS = 4 * 60 / 15


def spoken(page: Page, clips: int) -> list[dict[str, Any]]:
    """Wait until `clips` clips have been played to their end; the played-clip log."""
    page.wait_for_function(
        f"window.antrianBoard.played.length >= {clips} && "
        "window.antrianBoard.played.every(e => e.end !== null)", timeout=60_000)
    return page.evaluate("window.antrianBoard.played")


def test_four_calls_within_a_second_are_all_spoken_in_order_and_in_time(
    page: Page, live_server: str, kiosk: Api, staff: Api
) -> None:
    for service in ("pendaftaran", "pendaftaran", "umum", "gigi"):
        kiosk.ticket(service=service)
    page.goto(f"{live_server}/display/pkm-demo")
    page.wait_for_function("window.antrianBoard && window.antrianBoard.state() !== null")
    for counter in ("loket-1", "loket-2", "poli-umum", "poli-gigi"):
        assert staff.act(counter, "call-next").status_code == 200
    expected = [
        "chime", "nomor-antrian", "huruf-a", "satu", "silakan-menuju", "loket", "satu",
        "huruf-a", "dua", "loket", "dua",          # queued: no chime, the short phrase
        "huruf-b", "satu", "poli", "umum",
        "huruf-c", "satu", "poli", "gigi",
    ]
    log = spoken(page, len(expected))
    assert [e["clip"] for e in log] == expected
    assert all(b["start"] >= a["end"] for a, b in pairwise(log)), "two clips at once"
    # What is said fits the floor: the clips' own lengths (the wall clock's span also
    # holds this machine's stalls, so it is printed, not asserted).
    said = sum(e["seconds"] for e in log)
    print(f"\n4 calls: {said:.1f} s of speech, spoken in "
          f"{(log[-1]['end'] - log[0]['start']) / 1000:.1f} s")
    assert said <= FLOOR_SECONDS
    expect(page.locator("#call-number")).to_have_text("C-001")
    expect(page.locator("#last-calls .row")).to_have_count(4)


ROOMS = factories.facility(
    "pkm-suara", name="Puskesmas Suara",
    services=[factories.service("umum", "B", "Poli Umum", hours="24h")],
    counters=[factories.counter("lansia", ["umum"], name="Ruang Lansia Sehat"),
              factories.counter("melati", ["umum"], name="Ruang Melati"),
              factories.counter("bintang", ["umum"], name="★")],
    devices=[factories.device("kiosk", "k")], users=["petugas"])


def test_every_room_name_is_spoken_whole_even_without_recorded_words(
    page: Page, live_server: str, engine: Any, client: Any
) -> None:
    ROOMS.load(engine)
    kiosk = Api(client, ROOMS.token("k"))
    staff = Api(client, login(client, ROOMS.username("petugas"), factories.PASSWORD))
    for _ in range(3):
        kiosk.ticket(service="umum")
    missing: list[str] = []
    page.on("response", lambda r: missing.append(r.url)
            if "/sounds/" in r.url and r.status >= 400 else None)
    page.goto(f"{live_server}/display/{ROOMS.code}")
    page.wait_for_function("window.antrianBoard && window.antrianBoard.state() !== null")
    for counter in ("lansia", "melati", "bintang"):
        assert staff.act(counter, "call-next").status_code == 200
    expected = [
        "chime", "nomor-antrian", "huruf-b", "satu", "silakan-menuju", "ruang", "lansia",
        "sehat",
        # "melati" has no clip: spelled; "★" has nothing to say: the counter's number.
        "huruf-b", "dua", "ruang", "huruf-m", "huruf-e", "huruf-l", "huruf-a", "huruf-t",
        "huruf-i",
        "huruf-b", "tiga", "loket", "tiga",
    ]
    assert [e["clip"] for e in spoken(page, len(expected))] == expected
    assert missing == []
