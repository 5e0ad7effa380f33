"""A service set "not shown on boards" (`shown_on_boards: false`, issue 15) leaves the
boards' list of services and their waits; the kiosk still offers it, and a call to one of
its patients is still shown and announced (a patient must hear their number)."""

from __future__ import annotations

from typing import Any

from sqlalchemy import Engine

from tests.conftest import Api, login
from tests.support import factories


def test_a_service_hidden_from_boards_leaves_their_list_but_not_the_kiosk(
    client: Any, engine: Engine,
) -> None:
    site = factories.facility(
        "pkm-papan", services=[factories.service("umum", "B", "Poli Umum"),
                               factories.service("lab", "E", "Laboratorium",
                                                 shown_on_boards=False)],
        counters=[factories.counter("ruang-1", ("umum",)),
                  factories.counter("ruang-lab", ("lab",))],
        devices=[factories.device("kiosk")], users=("petugas",)).load(engine)
    kiosk = Api(client, site.token("kiosk"))
    board = Api(client).get(f"/api/v1/facilities/{site.code}/board").get_json()
    assert [s["code"] for s in board["services"]] == ["umum"]
    assert [c["code"] for c in board["counters"]] == ["ruang-1", "ruang-lab"]
    offered = kiosk.get("/api/v1/kiosk/services").get_json()
    assert "lab" in [s["code"] for s in offered["services"]]

    number = kiosk.ticket("lab")["number"]
    staff = Api(client, login(client, site.username("petugas"), factories.PASSWORD))
    assert staff.act("ruang-lab", "call-next").status_code == 200
    board = Api(client).get(f"/api/v1/facilities/{site.code}/board").get_json()
    assert [c["number"] for c in board["last_calls"]] == [number]
    assert [s["code"] for s in board["services"]] == ["umum"]
