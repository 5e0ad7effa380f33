"""Issue 12, point 7: every identifier from outside is normalised once, at the edge.

The same NIK in full-width digits, with spaces or dashes is one patient (it books once); in
Arabic-Indic digits it is a 422 naming the NIK; a leading space does not escape the per-NIK
rate limit; facility, service, counter and visit codes read in full-width forms from
bodies, query strings, paths and Socket.IO payloads, and other scripts are refused by name.
"""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest
from sqlalchemy import text

from tests.conftest import Api, login
from tests.support.factories import TODAY, booking, error, nik, post

PLAIN = nik()  # 3578010101900001


def full_width(text_: str) -> str:
    """ASCII letters, digits and the dash in their full-width forms (U+FF01…)."""
    return "".join(chr(ord(ch) + 0xFEE0) if "!" <= ch <= "~" else ch for ch in text_)


def arabic_indic(text_: str) -> str:
    """Digits as Arabic-Indic digits (U+0660…), which Python's `\\d` also matches."""
    return "".join(chr(0x0660 + int(ch)) if ch.isdigit() else ch for ch in text_)


SPELLINGS = {
    "full-width": full_width(PLAIN),
    "spaces": "3578 0101 0190 0001",
    "dashes": "3578-0101-0190-0001",
    "leading space": " 3578010101900001",
    "mixed": full_width("3578 0101-") + "0190\u00a00001",
}


def stored_niks(engine: Any) -> list[str]:
    with engine.connect() as conn:
        return conn.execute(text("SELECT nik FROM visits ORDER BY id")).scalars().all()


@pytest.mark.parametrize("spelling", list(SPELLINGS))
def test_one_nik_in_any_spelling_books_once(client: Any, engine: Any, spelling: str) -> None:
    first = post(client, booking(nik=SPELLINGS[spelling]))
    assert first.status_code == 201, first.get_json()
    for other in (PLAIN, *SPELLINGS.values()):
        again = post(client, booking(nik=other))
        assert again.status_code == 409 and error(again) == "already_booked", other
    assert stored_niks(engine) == [PLAIN]
    assert first.get_json()["patient"]["nik"] == "3578********0001"


@pytest.mark.parametrize("typed", [arabic_indic(PLAIN), "3578010101900\u0660\u06601",
                                   "357801010190000\u0661"])
def test_digits_of_another_script_are_refused_naming_the_nik(client: Any, engine: Any,
                                                             typed: str) -> None:
    reply = post(client, booking(nik=typed))
    body = reply.get_json()["error"]
    assert reply.status_code == 422 and body["code"] == "invalid_nik"
    assert body["message"].startswith("NIK ") and "0-9" in body["message"]
    assert body["fields"] == {"patient": {"nik": [body["message"]]}}
    english = client.post("/api/v1/bookings", json=booking(nik=typed),
                          headers={"Accept-Language": "en"}).get_json()["error"]
    assert english["message"].startswith("The NIK may only contain plain digits")
    assert stored_niks(engine) == []


def test_phone_and_bpjs_number_are_stored_in_one_form(client: Any, engine: Any) -> None:
    reply = post(client, booking(phone="０８１２-３４５６ ７８９０",
                                 bpjs_number="0001 2345 678-90"))
    assert reply.status_code == 201, reply.get_json()
    with engine.connect() as conn:
        row = conn.execute(text("SELECT phone, bpjs_number FROM visits")).one()
    assert tuple(row) == ("+6281234567890", "0001234567890")
    for field, value, code in (("phone", "٠٨١٢٣٤٥٦٧٨٩٠", "invalid_phone"),
                               ("bpjs_number", "٠٠٠١٢٣٤٥٦٧٨٩٠", "invalid_bpjs")):
        refused = post(client, booking(n=2, **{field: value}))
        assert refused.status_code == 422 and error(refused) == code
        assert field in refused.get_json()["error"]["fields"]["patient"]


def test_a_leading_space_does_not_escape_the_per_nik_rate_limit(app: Any, client: Any) -> None:
    app.config["BOOKING_LIMIT_PER_NIK"] = "3 per hour"
    spellings = [PLAIN, " " + PLAIN, SPELLINGS["full-width"]]
    for day, spelling in enumerate(spellings):
        assert post(client, booking(TODAY + timedelta(days=day), nik=spelling)).status_code == 201
    limited = post(client, booking(TODAY + timedelta(days=4), nik="  " + PLAIN))
    assert limited.status_code == 429 and error(limited) == "too_many_requests"
    assert int(limited.headers["Retry-After"]) > 0
    assert post(client, booking(n=9)).status_code == 201  # another patient goes on


def test_full_width_facility_and_service_codes_book_the_same_place(client: Any) -> None:
    reply = post(client, booking(facility=full_width("PKM-DEMO"), service=" ｕｍｕｍ "))
    assert reply.status_code == 201, reply.get_json()
    made = reply.get_json()
    assert (made["facility"]["code"], made["service"]["code"]) == ("pkm-demo", "umum")
    again = post(client, booking(facility="Pkm-Demo", service="UMUM"))
    assert again.status_code == 409 and error(again) == "already_booked"


@pytest.mark.parametrize(("field", "value", "code", "label"), [
    ("facility", "pkм-demo", "invalid_facility", "Kode fasilitas "),  # a Cyrillic м
    # A NUL is refused for every field alike, before any field's own rules (screening).
    ("service", "umum\u0000", "invalid_text", "Isian service "),
    ("service", "poli umum", "invalid_service", "Kode layanan "),
])
def test_codes_in_another_script_are_refused_by_name(client: Any, field: str, value: str,
                                                     code: str, label: str) -> None:
    reply = post(client, booking(**{field: value}))
    body = reply.get_json()["error"]
    assert reply.status_code == 422 and body["code"] == code
    assert body["message"].startswith(label) and field in body["fields"]


def test_path_and_query_codes_are_read_the_same_way(client: Any, admin: Api) -> None:
    services = client.get(f"/api/v1/facilities/{full_width('PKM-DEMO')}/services")
    assert services.status_code == 200 and services.get_json()[0]["code"] == "pendaftaran"
    board = client.get("/api/v1/facilities/ PKM-demo /board")
    assert board.status_code == 200 and board.get_json()["facility"]["code"] == "pkm-demo"
    refused = client.get("/api/v1/facilities/pkм-demo/board")
    assert refused.status_code == 422 and error(refused) == "invalid_facility"
    assert refused.get_json()["error"]["message"].startswith("Kode fasilitas ")
    devices = admin.get("/api/v1/devices", query_string={"facility": full_width("pkm-demo")})
    assert devices.status_code == 200 and devices.get_json()["facility"]["code"] == "pkm-demo"
    query = admin.get("/api/v1/devices", query_string={"facility": "pkm-dem\u00f6"})
    assert query.status_code == 422 and error(query) == "invalid_facility"


def test_counter_codes_and_transfers_in_full_width(kiosk: Api, staff: Api) -> None:
    walk_in = kiosk.post("/api/v1/kiosk/tickets", {"service": full_width("PENDAFTARAN")})
    assert walk_in.status_code == 201 and walk_in.get_json()["number"] == "A-001"
    called = staff.act(full_width("LOKET-1"), "call-next")
    assert called.status_code == 200 and called.get_json()["counter"]["code"] == "loket-1"
    moved = staff.act("loket-1", "finish", {"transfer_to": "ａｐｏｔｅｋ"})
    assert moved.status_code == 200, moved.get_json()
    assert moved.get_json()["transferred_to"]["service"]["code"] == "apotek"
    refused = staff.act("loket-١", "call-next")
    assert refused.status_code == 422 and error(refused) == "invalid_counter"


def test_visit_codes_in_the_path_read_full_width_and_refuse_other_scripts(
    client: Any, kiosk: Api
) -> None:
    code = post(client, booking()).get_json()["code"]
    grouped = f"{code[:4]}-{code[4:8]}-{code[8:]}".lower()
    for form in (full_width(code), full_width(grouped)):
        reply = client.get(f"/api/v1/bookings/{form}")
        assert reply.status_code == 200 and reply.get_json()["code"] == code
    checked = kiosk.post(f"/api/v1/bookings/{full_width(code)}/check-in")
    assert checked.status_code == 200 and checked.get_json()["status"] == "waiting"
    other = code[:-1] + "٣"  # an Arabic-Indic three where a 3 belongs
    for reply in (client.get(f"/api/v1/bookings/{other}"),
                  client.post(f"/api/v1/bookings/{other}/cancel")):
        assert reply.status_code == 422 and error(reply) == "invalid_code"
        assert reply.get_json()["error"]["message"].startswith("Kode booking ")


def test_socketio_payloads_are_normalised_too(app: Any, client: Any, kiosk: Api) -> None:
    sockets = app.extensions["socketio"]
    board = sockets.test_client(app, auth={"facility": full_width("PKM-DEMO")},
                                flask_test_client=client)
    assert board.is_connected()
    snapshot = board.get_received()[0]
    assert snapshot["name"] == "snapshot"
    assert snapshot["args"][0]["facility"]["code"] == "pkm-demo"
    refused = sockets.test_client(app, auth={"facility": "pkм-demo"}, flask_test_client=client)
    assert not refused.is_connected()
    mine = kiosk.ticket()
    phone = sockets.test_client(app, auth={"visit": full_width(mine["code"].lower())},
                                flask_test_client=client)
    assert phone.is_connected()
    token = login(client, "petugas")
    console = sockets.test_client(app, auth={"counter": "ＬＯＫＥＴ－１", "token": token},
                                  flask_test_client=client)
    assert console.is_connected()


def test_the_board_page_reads_its_codes_the_same_way(client: Any) -> None:
    page = client.get(f"/display/{full_width('PKM-DEMO')}?services=UMUM,%20gigi")
    assert page.status_code == 200 and b"pkm-demo" in page.data
    assert client.get("/display/pk\u043c-demo").status_code == 422
