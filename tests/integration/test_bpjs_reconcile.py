"""The reconciliation view (API and page), the staff's "one round now" and the outbox
loop (bpjs/reconcile*.py, outbox_api.py, outbox_loop.py)."""

from __future__ import annotations

import csv
import io
from typing import Any

import pytest
from sqlalchemy import select, update

from queue_server.eservices.bpjs.models import BpjsCall
from queue_server.eservices.bpjs.outbox import read_history
from tests.conftest import Api, login, make_app
from tests.integration.test_bpjs_outbox import rt, whole_visit
from tests.support.bpjs import setup_bpjs
from tests.support.fake_bpjs import FakeBpjs
from tests.support.servers import wait_until

pytestmark = pytest.mark.sqlite_only("routes and views over the outbox's rows: the "
                                     "database-specific parts are test_bpjs_outbox's")
URL = "/api/v1/bpjs/reconciliation?facility=pkm-demo&date=2026-11-23"


def two_visits(app: Any, kiosk: Api, staff: Api, clock: Any) -> str:
    """One whole visit sent and accepted, one walk-in at Poli Gigi still queued."""
    setup_bpjs(app)
    code = whole_visit(kiosk, staff, clock)
    kiosk.ticket("gigi")
    return code


def test_run_round_is_for_the_admin_and_reports_what_it_did(
        app: Any, kiosk: Api, staff: Api, admin: Api, clock: Any) -> None:
    setup_bpjs(app)
    kiosk.ticket("umum")
    assert staff.post("/api/v1/bpjs/outbox/run").status_code == 403
    reply = admin.post("/api/v1/bpjs/outbox/run")
    assert reply.status_code == 200, reply.get_json()
    assert reply.get_json() == {"queued": 2, "sent": 0, "done": 0, "refused": 0,
                                "retried": 0, "configured": False}


def test_reconciliation_sets_our_times_against_bpjs(
        engine: Any, clock: Any, fake_bpjs: FakeBpjs) -> None:
    app = make_app(engine, clock, **fake_bpjs.config())
    client = app.test_client()
    kiosk, admin = Api(client, "demo-kiosk"), Api(client, login(client, "admin"))
    staff = Api(client, login(client, "petugas"))
    code = two_visits(app, kiosk, staff, clock)
    ran = admin.post("/api/v1/bpjs/outbox/run").get_json()
    assert (ran["configured"], ran["done"]) == (True, 10)  # 8 + the gigi add and task 3
    with rt(app).uow() as uow:  # a refusal to show
        uow.session.execute(update(BpjsCall).where(BpjsCall.kind == "add",
                                                   BpjsCall.kodebooking != code)
                            .values(status="refused", last_code=201,
                                    last_message="Poli tidak ditemukan"))
        uow.commit()
    body = admin.get(URL).get_json()
    assert body["dashboard"] == "ok"
    umum = next(p for p in body["polis"] if p["kodepoli"] == "UMU")
    stages = {s["stage"]: s for s in umum["stages"]}
    assert stages["admission_wait"]["ours"] == {"count": 1, "avg_minutes": 3.0}
    assert stages["admission_wait"]["accepted"] == {"count": 1, "avg_minutes": 3.0}
    assert stages["poli_service"]["bpjs_avg_minutes"] == 3.0  # start → transfer
    visit = next(v for v in body["visits"] if v["kodebooking"] == code)
    assert visit["tasks"] == visit["accepted"] == [1, 2, 3, 4, 5, 6, 7]
    gigi = next(v for v in body["visits"] if v["kodepoli"] == "GIG")
    assert gigi["refused"][0]["message"] == "Poli tidak ditemukan"
    assert set(gigi) == {"number", "kodebooking", "kodepoli", "source", "tasks",
                         "accepted", "queued", "refused"}  # no personal data


def test_queued_calls_show_without_a_client_and_csv_has_a_row_per_stage(
        app: Any, kiosk: Api, staff: Api, admin: Api, clock: Any) -> None:
    two_visits(app, kiosk, staff, clock)
    admin.post("/api/v1/bpjs/outbox/run")
    body = admin.get(URL).get_json()
    assert body["dashboard"] == "not_configured"
    assert {p["kodepoli"]: p["queued"] for p in body["polis"]} == {"GIG": 2, "UMU": 8}
    umum = next(p for p in body["polis"] if p["kodepoli"] == "UMU")
    assert umum["stages"][0]["accepted"] == {"count": 0, "avg_minutes": None}
    reply = admin.get(URL + "&format=csv")
    assert reply.mimetype == "text/csv"
    rows = list(csv.DictReader(io.StringIO(reply.get_data(as_text=True))))
    assert len(rows) == 12 and rows[0]["stage"] == "admission_wait"


def test_who_may_read_the_reconciliation(client: Any, staff: Api) -> None:
    assert staff.get(URL).status_code == 403
    kepala = Api(client, login(client, "kepala"))
    dinkes = Api(client, login(client, "dinkes"))
    assert dinkes.get(URL).status_code == 200
    assert kepala.get(URL).status_code == 200  # a facility admin: its own only
    assert kepala.get("/api/v1/bpjs/reconciliation?facility=nowhere").status_code == 403
    admin = Api(client, login(client, "admin"))
    assert admin.get("/api/v1/bpjs/reconciliation?facility=nowhere").status_code == 404
    assert admin.get("/api/v1/bpjs/reconciliation?facility=pkm-demo&date=23-11-2026"
                     ).status_code == 422
    assert admin.get("/api/v1/bpjs/reconciliation").status_code == 422


def test_the_page_in_both_languages(app: Any, client: Any, kiosk: Api, staff: Api,
                                    clock: Any) -> None:
    two_visits(app, kiosk, staff, clock)
    read_history(rt(app).uow, rt(app).clock)
    assert "Masuk" in client.get("/bpjs/rekonsiliasi").get_data(as_text=True)
    token = client.get("/bpjs/rekonsiliasi").get_data(as_text=True).split(
        'name="csrf_token" value="')[1].split('"')[0]
    reply = client.post("/bpjs/rekonsiliasi/masuk", data={
        "username": "admin", "password": "demo", "csrf_token": token})
    assert reply.status_code == 303
    page = client.get("/bpjs/rekonsiliasi?facility=pkm-demo&date=2026-11-23").get_data(
        as_text=True)
    assert "Rekonsiliasi BPJS Antrean Online" in page and "Tunggu admisi" in page
    assert "Poli Umum (UMU)" in page and "Masih antre kirim" in page
    english = client.get("/bpjs/rekonsiliasi?facility=pkm-demo&date=2026-11-23&lang=en"
                         ).get_data(as_text=True)
    assert "Admission wait" in english and "Still queued" in english
    bad = client.get("/bpjs/rekonsiliasi?date=kemarin")
    assert bad.status_code == 422


def test_the_loop_sends_by_itself_and_stops(engine: Any, clock: Any,
                                            fake_bpjs: FakeBpjs) -> None:
    app = make_app(engine, clock, BPJS_SEND_SECONDS=0.05, **fake_bpjs.config())
    loop = app.extensions["antrian.bpjs_sender"]
    try:
        setup_bpjs(app)
        Api(app.test_client(), "demo-kiosk").ticket("umum")

        def sent() -> bool:
            with rt(app).uow() as uow:
                return set(uow.session.scalars(select(BpjsCall.status))) == {"done"}

        wait_until(sent, timeout=10, what="the loop's round")
    finally:
        loop.stop()
    assert not loop.running
    assert [c["path"] for c in fake_bpjs.calls()] == ["/antrean/add", "/antrean/updatewaktu"]


def test_no_loop_under_testing_or_without_a_client(app: Any, engine: Any,
                                                   clock: Any) -> None:
    assert "antrian.bpjs_sender" not in app.extensions
    other = make_app(engine, clock, BPJS_SEND_SECONDS=5)
    assert "antrian.bpjs_sender" not in other.extensions
