"""Issue 11, kind 1: every place that takes a visit or booking code reads every form of it."""

from __future__ import annotations

from datetime import date
from typing import Any
from urllib.parse import quote

import pytest

from tests.conftest import Api

TODAY = date(2026, 11, 23)  # the FakeClock's day


def book(client: Any) -> str:
    reply = client.post("/api/v1/bookings", json={
        "facility": "pkm-demo", "service": "umum", "date": TODAY.isoformat(),
        "patient": {"nik": "3578010101900001", "name": "Siti Aminah",
                    "phone": "081234567890"}})
    assert reply.status_code == 201, reply.get_json()
    return reply.get_json()["code"]


def forms(code: str) -> list[str]:
    grouped = f"{code[:4]}-{code[4:8]}-{code[8:]}"
    return [
        f"https://antrian.surabaya.go.id/t/{code}",
        f"http://127.0.0.1:5000/t/{code}",
        code.lower(),
        f"  {code}  ",
        grouped,
        grouped.replace("-", " "),
    ]


@pytest.mark.parametrize("which", range(6))
def test_kiosk_check_in_accepts_the_scanned_address_and_every_typed_form(
        client: Any, kiosk: Api, which: int) -> None:
    code = book(client)
    typed = forms(code)[which]
    reply = kiosk.post(f"/api/v1/bookings/{quote(typed, safe='')}/check-in", {})
    assert reply.status_code == 200, reply.get_json()
    assert reply.get_json()["status"] == "waiting"
    assert reply.get_json()["code"] == code


def test_the_scanned_address_works_unencoded_too(client: Any, kiosk: Api) -> None:
    code = book(client)
    reply = kiosk.post(f"/api/v1/bookings/https://antrian.example/t/{code}/check-in", {})
    assert reply.status_code == 200, reply.get_json()


def test_staff_check_in_accepts_a_grouped_code(client: Any, staff: Api) -> None:
    code = book(client)
    grouped = f"{code[:4]} {code[4:8]} {code[8:]}".lower()
    reply = staff.post(f"/api/v1/bookings/{quote(grouped)}/check-in", {})
    assert reply.status_code == 200, reply.get_json()


def test_an_unknown_code_in_any_form_is_a_clear_404(kiosk: Api) -> None:
    reply = kiosk.post(f"/api/v1/bookings/{quote('https://x.example/t/ZZZZ-ZZZZ-ZZ', safe='')}"
                       "/check-in", {})
    assert reply.status_code == 404
    assert reply.get_json()["error"]["code"] == "booking_not_found"


def test_booking_status_and_cancel_read_grouped_lower_case_codes(client: Any) -> None:
    code = book(client)
    grouped = f"{code[:4]}-{code[4:8]}-{code[8:]}".lower()
    assert client.get(f"/api/v1/bookings/{grouped}").get_json()["code"] == code
    assert client.post(f"/api/v1/bookings/{grouped}/cancel").get_json()["status"] == "cancelled"


def test_the_ticket_page_sends_other_forms_to_its_own_address(client: Any, kiosk: Api) -> None:
    code = kiosk.ticket()["code"]
    assert client.get(f"/t/{code}").status_code == 200
    for typed in (code.lower(), f"{code[:4]}-{code[4:8]}-{code[8:]}",
                  f"https://antrian.example/t/{code}"):
        reply = client.get(f"/t/{quote(typed, safe=':/')}")
        assert reply.status_code == 308, typed
        assert reply.headers["Location"].endswith(f"/t/{code}")
    assert client.get("/t/ZZZZZZZZZZ").status_code == 404
