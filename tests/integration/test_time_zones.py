"""A puskesmas in Bali (issue 12, point 6): every time the server sends is in WITA, with
the label beside it, and the kiosk prints WITA."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from kiosk.escpos_reader import read
from queue_server.domain.errors import InvalidInput
from tests.conftest import Api
from tests.support import factories, sites
from tests.support.http import JsonClient
from tests.support.kiosk import kiosk_agent
from tests.support.printer import FakePrinter

BALI = sites.bali()


@pytest.fixture
def bali(engine: Any, client: Any) -> Api:
    """The Bali puskesmas's kiosk, on the API."""
    BALI.load(engine)
    return Api(client, BALI.token("kiosk-kuta"))


def test_every_payload_names_the_zone_and_gives_wita_times(client: Any, bali: Api) -> None:
    # The FakeClock says 08:00 WIB: 09:00 in Bali.
    wita = {"code": BALI.code, "name": "Puskesmas Kuta", "timezone": "Asia/Makassar",
            "tz_label": "WITA"}
    assert wita in client.get("/api/v1/facilities").get_json()
    ticket = bali.ticket("umum")
    assert ticket["facility"] == wita
    assert ticket["issued_at"] == "2026-11-23T09:00:00+08:00"
    assert ticket["estimated_call_at"] == "2026-11-23T09:00:00+08:00"
    services = client.get(f"/api/v1/facilities/{BALI.code}/services").get_json()
    assert services[0]["facility"] == wita
    home = bali.get("/api/v1/kiosk/services").get_json()
    assert home["facility"] == wita and home["generated_at"].endswith("+08:00")
    board = client.get(f"/api/v1/facilities/{BALI.code}/board").get_json()
    assert {k: board["facility"][k] for k in wita} == wita
    assert board["generated_at"] == "2026-11-23T09:00:00+08:00"
    status = client.get(f"/api/v1/bookings/{ticket['code']}").get_json()
    assert status["facility"] == wita and status["issued_at"].endswith("+08:00")


def test_the_printed_ticket_says_wita(live_server: str, bali: Api, printer: FakePrinter,
                                      tmp_path: Path) -> None:
    with kiosk_agent(live_server, printer, tmp_path, token=BALI.token("kiosk-kuta")) as (base, _):
        reply = JsonClient(base).post("/api/tickets", {"service": "umum"})
        assert reply.status == 201 and reply.body["printed"], reply.body
    receipt = read(printer.wait_for_jobs(1)[0])
    assert "Senin, 23 Nov 2026 09:00 WITA" in receipt.text
    assert "Perkiraan dipanggil: 09:00 WITA" in receipt.text
    assert "WIB" not in receipt.text


def test_an_unknown_zone_is_refused_when_loading(engine: Any) -> None:
    wrong = {"facilities": [{**BALI.config["facilities"][0], "timezone": "Asia/Bali"}]}
    with pytest.raises(InvalidInput) as caught:
        factories.load(engine, wrong)
    assert caught.value.code == "invalid_timezone"
