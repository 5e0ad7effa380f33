"""Unknown visit and booking codes are limited per caller (issue 13, point 10).

Before, one client could try about 660 codes a second. Now an address with more than
CODE_MISS_LIMIT misses is refused (429 with Retry-After) on every code route, its own real
codes included, until the window ends; other addresses, hits on known codes, and a signed-in
kiosk (counted by its device) are not held back.
"""

from __future__ import annotations

from typing import Any

import pytest
from sqlalchemy import Engine

from queue_server import create_app
from tests.support.clock import FakeClock
from tests.support.factories import booking, post
from tests.support.servers import wait_until

LIMIT = 3  # misses an address may have in the window; the next one is refused
UNKNOWN = ["ZZZZZZZZZ2", "ZZZZZZZZZ3", "ZZZZZZZZZ4", "ZZZZZZZZZ5", "ZZZZZZZZZ6",
           "ZZZZZZZZZ7"]


def make_app(engine: Engine, clock: FakeClock, **config: Any) -> Any:
    return create_app({"TESTING": True, "ENGINE": engine, "DATABASE_URL": str(engine.url),
                       "CLOCK": clock, "SECRET_KEY": "test", "PROXIES": 1,
                       "CODE_MISS_LIMIT": f"{LIMIT}/minute;50/hour",
                       "CODE_MISS_LIMIT_SIGNED_IN": "5/minute", **config})


@pytest.fixture
def guarded(engine: Engine, clock: FakeClock) -> Any:
    return make_app(engine, clock)


class From:
    """Requests from one client address (through the one trusted proxy)."""

    def __init__(self, app: Any, address: str, token: str | None = None):
        self.app, self.client, self.address = app, app.test_client(), address
        self.headers = {"X-Forwarded-For": address}
        if token:
            self.headers["Authorization"] = f"Bearer {token}"

    def get(self, path: str) -> Any:
        return self.client.get(path, headers=self.headers)

    def post(self, path: str, json: Any = None) -> Any:
        return self.client.post(path, json=json, headers=self.headers)

    def socket(self, code: str) -> Any:
        return self.app.extensions["socketio"].test_client(
            self.app, auth={"visit": code}, headers=self.headers)


def code_of(app: Any, **kw: Any) -> str:
    reply = post(app.test_client(), booking(**kw))
    assert reply.status_code == 201, reply.get_json()
    return reply.get_json()["code"]


def refused(reply: Any) -> bool:
    """A 429 of the code limit, with a Retry-After of the window's seconds left."""
    return (reply.status_code == 429 and 1 <= int(reply.headers["Retry-After"]) <= 60
            and (not reply.is_json
                 or reply.get_json()["error"]["code"] == "too_many_unknown_codes"))


def test_an_address_is_refused_after_too_many_unknown_codes_but_not_another(
        guarded: Any) -> None:
    real = code_of(guarded)
    prober, patient = From(guarded, "203.0.113.7"), From(guarded, "198.51.100.20")
    assert [prober.get(f"/api/v1/bookings/{c}").status_code for c in UNKNOWN[:LIMIT]] == [
        404] * LIMIT
    over = prober.get(f"/api/v1/bookings/{UNKNOWN[LIMIT]}")
    assert refused(over)
    assert over.get_json()["error"]["message"].startswith(
        "Terlalu banyak kode yang tidak dikenal")
    english = prober.client.get(f"/api/v1/bookings/{real}",
                                headers={**prober.headers, "Accept-Language": "en"})
    assert english.get_json()["error"]["message"].startswith("Too many unknown codes")
    # Refused on every code route, a real code included (no oracle while blocked) ...
    for reply in (prober.get(f"/api/v1/bookings/{real}"),
                  prober.get(f"/api/v1/bookings/{real}/qr.svg"),
                  prober.post(f"/api/v1/bookings/{real}/cancel"),
                  prober.get(f"/t/{real}")):
        assert refused(reply), reply.status_code
    assert not prober.socket(real).is_connected()
    # ... while another address gets its real booking, and an unknown code is still 404.
    assert patient.get(f"/api/v1/bookings/{real}").status_code == 200
    assert patient.get(f"/api/v1/bookings/{UNKNOWN[0]}").status_code == 404
    assert patient.socket(real).is_connected()


def test_the_patient_page_counts_misses_and_answers_a_readable_page(guarded: Any) -> None:
    real = code_of(guarded)
    prober = From(guarded, "203.0.113.8")
    assert [prober.get(f"/t/{c}").status_code for c in UNKNOWN[:LIMIT]] == [404] * LIMIT
    page = prober.get(f"/t/{UNKNOWN[LIMIT]}")
    assert refused(page) and page.mimetype == "text/html"
    text = page.get_data(as_text=True)
    assert "Terlalu banyak kode yang salah" in text and "Too many unknown codes" in text
    assert refused(prober.get(f"/api/v1/bookings/{real}"))  # one count for every route


def test_misses_on_every_route_and_the_socket_add_up(guarded: Any) -> None:
    real = code_of(guarded)
    prober = From(guarded, "203.0.113.9")
    assert prober.post(f"/api/v1/bookings/{UNKNOWN[0]}/cancel").status_code == 404
    assert prober.get(f"/api/v1/bookings/{UNKNOWN[1]}/qr.svg").status_code == 404
    assert not prober.socket(UNKNOWN[2]).is_connected()
    assert not prober.socket(UNKNOWN[3]).is_connected()  # the fourth miss
    assert not prober.socket(real).is_connected()
    assert refused(prober.get(f"/t/{real}"))


def test_hits_on_known_codes_never_count(guarded: Any) -> None:
    real = code_of(guarded)
    patient = From(guarded, "198.51.100.21")
    for _ in range(3 * LIMIT):  # a phone refreshing its booking all morning
        assert patient.get(f"/api/v1/bookings/{real}").status_code == 200
        assert patient.get(f"/t/{real}").status_code == 200
    assert patient.socket(real).is_connected()
    # A few typing mistakes later, still served.
    assert [patient.get(f"/api/v1/bookings/{c}").status_code for c in UNKNOWN[:LIMIT]] == [
        404] * LIMIT
    assert patient.get(f"/api/v1/bookings/{real}").status_code == 200


def test_a_signed_in_kiosk_counts_by_its_device_not_its_address(guarded: Any) -> None:
    """A kiosk serves a whole waiting room from the clinic's one address: its device token
    is its own counter (CODE_MISS_LIMIT_SIGNED_IN), apart from the address's."""
    clinic = "192.0.2.50"
    first, second = code_of(guarded, service="pendaftaran", n=1), \
        code_of(guarded, service="pendaftaran", n=2)
    kiosk, phone = From(guarded, clinic, "demo-kiosk"), From(guarded, clinic)
    for code in UNKNOWN[:LIMIT + 1]:  # a phone on the clinic's wifi probes ...
        phone.get(f"/api/v1/bookings/{code}")
    assert refused(phone.get(f"/api/v1/bookings/{first}"))
    # ... and the kiosk at the same address still checks patients in.
    assert kiosk.post(f"/api/v1/bookings/{first}/check-in").status_code == 200
    # Its own misses count against its device, up to the higher limit.
    assert [kiosk.post(f"/api/v1/bookings/{c}/check-in").status_code
            for c in UNKNOWN[:5]] == [404] * 5
    assert refused(kiosk.post(f"/api/v1/bookings/{UNKNOWN[5]}/check-in"))
    assert refused(kiosk.post(f"/api/v1/bookings/{second}/check-in"))
    # A made-up token is no way round the address's count.
    assert refused(From(guarded, clinic, "made-up").get(f"/api/v1/bookings/{first}"))


def test_the_refusal_ends_with_its_window(engine: Engine, clock: FakeClock) -> None:
    app = make_app(engine, clock, CODE_MISS_LIMIT="2/second")
    real = code_of(app)
    prober = From(app, "203.0.113.10")
    wait_until(lambda: refused(prober.get(f"/api/v1/bookings/{UNKNOWN[0]}")), timeout=5,
               interval=0, what="the third miss in one second to be refused")
    wait_until(lambda: prober.get(f"/api/v1/bookings/{real}").status_code == 200, timeout=5,
               what="the code limit's window to end")
