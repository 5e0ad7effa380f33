"""BPJS's demo data (issue 19): `serve --demo`'s hook sets up `pkm-demo` (FKRTL-style
reporting, the polis' BPJS codes, registration and pharmacy) and the hosted account
`mobilejkn` with the demo password; run again, it changes nothing."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest
from sqlalchemy import select
from werkzeug.security import check_password_hash

from queue_server.eservices import hooks
from queue_server.eservices.bpjs import config
from queue_server.eservices.bpjs.demo import load_demo
from queue_server.eservices.bpjs.models import BpjsBooking, BpjsCall
from tests.conftest import make_app
from tests.support.factories import TODAY

pytestmark = pytest.mark.sqlite_only("the demo's rows are not database-specific")


def test_the_demo_hook_maps_the_polis_and_makes_the_account(app: Any) -> None:
    assert load_demo in hooks(app, "demo")
    load_demo(app)
    with app.extensions["antrian"].uow() as uow:
        facility = uow.directory.facility("pkm-demo")
        setup = config.facility_setup(uow, facility.id)
        assert setup is not None and (setup.level, setup.reporting) == ("fkrtl", True)
        codes = {s.id: s.code for s in uow.directory.services(facility.id)}
        roles = {codes[sid]: (r.role, r.kodepoli)
                 for sid, r in config.service_roles(uow, facility.id).items()}
        assert roles == {"pendaftaran": ("registration", None), "umum": ("poli", "UMU"),
                         "gigi": ("poli", "GIG"), "kia": ("poli", "KIA"),
                         "apotek": ("pharmacy", None)}
        account = config.account_for(uow, "mobilejkn")
        assert account is not None and account.facility_id == facility.id
        assert check_password_hash(account.password_hash, "demo") and account.active
    load_demo(app)  # idempotent: the account is not reset, no visit added
    with app.extensions["antrian"].uow() as uow:
        assert config.account_for(uow, "mobilejkn").version == 1
        bookings = uow.session.scalars(select(BpjsBooking)).all()
        calls = uow.session.scalars(select(BpjsCall)).all()
    # Yesterday's three walk-ins, through registration, a poli and the pharmacy: each
    # announced (antrean/add, NON JKN) with its task times queued for the outbox loop.
    assert sorted(b.kodepoli for b in bookings) == ["KIA", "UMU", "UMU"]
    assert {b.source for b in bookings} == {"local"}
    assert {b.tanggalperiksa for b in bookings} == {TODAY - timedelta(days=1)}
    assert sum(1 for c in calls if c.kind == "add") == 3
    tasks = sorted(c.taskid for c in calls if c.kind == "task" and c.visit_id == calls[0].visit_id)
    assert tasks[:5] == [1, 2, 3, 4, 5] and {c.status for c in calls} == {"pending"}


def test_a_demo_server_sends_to_its_own_fake_bpjs(engine: Any, clock: Any) -> None:
    demo = make_app(engine, clock, DEMO=True, DEMO_ADDRESS=("0.0.0.0", 5123))
    assert demo.config["BPJS_BASE_URL"] == "http://127.0.0.1:5123/_fake-bpjs"
    assert demo.config["BPJS_FAKE"] is True and demo.config["BPJS_CONS_ID"]
    assert demo.config["BPJS_SEND_SECONDS"] == 0  # TESTING: the loop stays off
    rules = {rule.rule for rule in demo.url_map.iter_rules()}
    assert any(rule.startswith("/_fake-bpjs/") for rule in rules)
    plain = make_app(engine, clock)
    assert (plain.config["BPJS_BASE_URL"], plain.config["BPJS_FAKE"]) == ("", False)
