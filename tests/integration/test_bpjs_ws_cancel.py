"""Issue 19, batal antrean against a check-in (fix 19A2, point 2): the "not checked in
yet" rule and the cancel are one transaction, so a check-in that lands between Mobile
JKN's booking lookup and its cancel is never cancelled (it was, when the rule was read
in a transaction of its own)."""

from __future__ import annotations

from typing import Any

import pytest
from sqlalchemy import Engine

from queue_server.eservices.bpjs import ws_antrean
from queue_server.eservices.bpjs.ws_errors import WsCancelRefused
from queue_server.eservices.bpjs.ws_token import KIND
from queue_server.services import arrivals
from queue_server.services.auth import Principal
from tests.integration.test_bpjs_ws import TODAY, Jkn, take_body
from tests.support.bpjs import BpjsSetup, setup_bpjs
from tests.support.clock import FakeClock


class CheckInBetween:
    """A unit of work that lets the patient check in at the kiosk as soon as its first
    transaction ends (the interleaving a second transaction left open)."""

    def __init__(self, app: Any, clock: FakeClock, setup: BpjsSetup, code: str):
        self.app, self.clock, self.setup, self.code = app, clock, setup, code
        self.inner = app.extensions["antrian"].uow()
        self.ended = 0

    def __getattr__(self, name: str) -> Any:
        return getattr(self.inner, name)

    def __enter__(self) -> Any:
        self.inner.__enter__()
        return self

    def __exit__(self, *exc: Any) -> Any:
        result = self.inner.__exit__(*exc)
        self.ended += 1
        if self.ended == 1:
            arrivals.check_in(self.app.extensions["antrian"].uow(), self.clock,
                              account(self.setup), self.code)
        return result


def account(setup: BpjsSetup) -> Principal:
    return Principal(KIND, 1, setup.username, KIND, setup.facility_id)


def booked_today(app: Any, client: Any) -> tuple[BpjsSetup, Jkn, str]:
    setup = setup_bpjs(app)
    jkn = Jkn(client)
    got = jkn.post("/antrean", take_body(tanggalperiksa=TODAY))
    assert got.status_code == 200, got.get_json()
    return setup, jkn, got.get_json()["response"]["kodebooking"]


def test_a_check_in_between_lookup_and_cancel_is_not_cancelled(
        app: Any, client: Any, clock: FakeClock, engine: Engine) -> None:
    setup, _, code = booked_today(app, client)
    uow = CheckInBetween(app, clock, setup, code)
    with pytest.raises(WsCancelRefused):
        ws_antrean.cancel(uow, clock, account(setup), code)
    assert uow.ended >= 2  # the check-in did land between two transactions
    assert client.get(f"/api/v1/bookings/{code}").get_json()["status"] == "waiting"


def test_a_check_in_committed_inside_the_cancel_is_met_by_reading_again(
        app: Any, client: Any, clock: FakeClock, engine: Engine,
        monkeypatch: pytest.MonkeyPatch) -> None:
    """PostgreSQL: the check-in commits on another connection while the cancel holds the
    booked ticket; the cancel's write finds the ticket's version moved, reads again and
    refuses. (SQLite takes the write lock at BEGIN: no check-in can land there.)"""
    if engine.dialect.name == "sqlite":  # no skip in CI: nothing can land there (above)
        return
    setup, _, code = booked_today(app, client)
    rule, seen = ws_antrean._before_check_in, []

    def check_in_meanwhile(ticket: Any) -> None:
        seen.append(ticket.status)
        if len(seen) == 1:
            arrivals.check_in(app.extensions["antrian"].uow(), clock, account(setup), code)
        rule(ticket)

    monkeypatch.setattr(ws_antrean, "_before_check_in", check_in_meanwhile)
    with pytest.raises(WsCancelRefused):
        ws_antrean.cancel(app.extensions["antrian"].uow(), clock, account(setup), code)
    assert seen == ["booked", "waiting"]
    assert client.get(f"/api/v1/bookings/{code}").get_json()["status"] == "waiting"
