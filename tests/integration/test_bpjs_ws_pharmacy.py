"""Issue 19, the pharmacy queue through the hosted service (fix 19A2, point 3): "ambil"
and "status antrean farmasi" answer the visit's ticket at the service mapped as the
pharmacy, once the poli has sent the prescription on."""

from __future__ import annotations

from typing import Any

from tests.conftest import Api
from tests.integration.test_bpjs_ws import TODAY, Jkn, meta, take_body
from tests.support.bpjs import setup_bpjs


def act(staff: Api, clock: Any, *steps: tuple[str, str, Any]) -> None:
    for counter, action, body in steps:
        clock.advance(minutes=3)
        reply = staff.act(counter, action, body)
        assert reply.status_code == 200, reply.get_json()


NOT_YET = "Antrean farmasi belum ada: resep belum diteruskan ke farmasi."


def test_the_pharmacy_number_and_its_queue_once_the_poli_sends_it_on(
        app: Any, client: Any, staff: Api, clock: Any) -> None:
    setup_bpjs(app)
    jkn = Jkn(client)
    code = jkn.post("/antrean", take_body(tanggalperiksa=TODAY)).get_json()["response"][
        "kodebooking"]
    for path in ("/antrean/farmasi/ambil", "/antrean/farmasi/status"):
        assert meta(jkn.post(path, {"kodebooking": code})) == (201, 201, NOT_YET)
    assert meta(jkn.post("/antrean/farmasi/ambil", {"kodebooking": "ZZZZZZZZZZ"}))[2] == (
        "Antrean tidak ditemukan.")
    assert meta(jkn.post("/antrean/checkin", {"kodebooking": code}))[:2] == (200, 200)
    act(staff, clock, ("poli-umum", "call-next", None), ("poli-umum", "start", None),
        ("poli-umum", "finish", {"transfer_to": "apotek"}))
    taken = jkn.post("/antrean/farmasi/ambil", {"kodebooking": code})
    assert taken.status_code == 200, taken.get_json()
    number = taken.get_json()["response"]["nomorantrean"]
    assert isinstance(number, int) and number >= 1
    assert taken.get_json()["response"]["jenisresep"] == "-"
    status = jkn.post("/antrean/farmasi/status", {"kodebooking": code}).get_json()["response"]
    assert (status["totalantrean"], status["sisaantrean"], status["antreanpanggil"]) == (
        1, 0, 0)
    act(staff, clock, ("apotek", "call-next", None))
    status = jkn.post("/antrean/farmasi/status", {"kodebooking": code}).get_json()["response"]
    assert status["antreanpanggil"] == number
