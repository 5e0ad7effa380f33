"""Messages about a case through the gateway (services/case_messages.py): the citizen
hears of an answer (with the link to their page and the days to rate or reopen), of a
rejection or a merge (with the reason); an escalation goes to the office's WhatsApp
number with the public reference, the working days over and the staff page's link.
Nothing is queued without a gateway."""

from __future__ import annotations

import json
import logging
from datetime import datetime
from typing import Any

import pytest
from sqlalchemy import Engine

from queue_server.notify import deliver_due
from queue_server.persistence.access_models import Notification
from queue_server.persistence.uow import SqlUnitOfWork
from queue_server.services.case_kinds import CaseKind
from queue_server.services.case_sweep import sweep
from queue_server.services.cases import find, public_ref
from tests.conftest import Api, make_app
from tests.integration.wadul_support import *  # noqa: F403
from tests.integration.wadul_support import REPORTS, act, answered, report
from tests.support import factories
from tests.support.cases import TZ, WADUL, World, file_case, world
from tests.support.clock import WIB, FakeClock
from tests.support.kept_logs import Kept
from tests.support.receiver import Receiver

PUBLIC = "https://kota.example"


@pytest.fixture
def app(engine: Engine, clock: FakeClock, receiver: Receiver) -> Any:
    return make_app(engine, clock, NOTIFY_WEBHOOK_URL=receiver.url, NOTIFY_WORKER=False,
                    PUBLIC_URL=PUBLIC)


def payloads(engine: Engine, code: str, kind: str) -> list[dict[str, Any]]:
    """The payloads queued for the case `code` of `kind`, oldest first."""
    with SqlUnitOfWork(engine) as uow:
        case_id = find(uow, code).id
        rows = uow.session.query(Notification).filter_by(case_id=case_id, kind=kind)
        return [dict(row.payload) for row in rows.order_by(Notification.id)]


def confirmed(engine: Engine, citizen: Any, **extra: Any) -> str:
    """A complaint filed with the gateway on and confirmed by the code its phone got."""
    reply = citizen.post(REPORTS, json=report(**extra))
    assert reply.status_code == 202, reply.get_json()
    code = str(reply.get_json()["code"])
    otp = payloads(engine, code, "case_code")[-1]["otp"]
    assert citizen.post(f"/api/v1/cases/{code}/confirm", json={"otp": otp}).status_code == 200
    return code


@pytest.mark.sqlite_only("messages are rows of the unit of work; nothing database-specific")
def test_the_citizen_is_told_of_the_answer_with_the_link_and_the_days_to_reply(
        app: Any, engine: Engine, citizen: Any, desk: Api, opd: Api,
        receiver: Receiver) -> None:
    code = confirmed(engine, citizen)
    for who, action, body in ((desk, "verify", {}), (desk, "forward", {}),
                              (opd, "accept", {}),
                              (opd, "answer", {"comment": "Lubang sudah ditambal hari ini."})):
        assert act(who, code, action, **body).status_code == 200, action
    [told] = payloads(engine, code, "case_answered")
    assert told["phone"] == "+6281234567890" and told["case_url"] == f"/c/{code}"
    assert told["message"].startswith(f"Pengaduan Anda {code} sudah dijawab oleh ")
    assert "Lubang sudah ditambal hari ini." in told["message"]
    assert "Dalam 10 hari kerja Anda bisa memberi nilai atau membuka kembali" in told["message"]
    kept = Kept()
    worker_log = logging.getLogger("queue_server.notify")
    worker_log.addHandler(kept)
    level = worker_log.level
    # As when an earlier test logged through it: the logger remembers "not at INFO" until
    # its level is set through setLevel (assigning `.level` kept that memory: CI saw
    # nothing logged here after another module's test, in one order of the run).
    worker_log.isEnabledFor(logging.INFO)
    worker_log.setLevel(logging.INFO)
    try:
        assert deliver_due(app.extensions["antrian"], receiver.url, PUBLIC) == 2  # + the code
    finally:
        worker_log.removeHandler(kept)
        worker_log.setLevel(level)
    # The worker says what it sent only by kind: no tracking code, no answer in a log line.
    said = json.dumps(kept.entries)
    assert "case_answered" in said and code not in said and "ditambal" not in said
    [sent] = [body for body in receiver.bodies if body["kind"] == "case_answered"]
    assert sent["kind"] == "case_answered" and sent["case_url"] == f"{PUBLIC}/c/{code}"
    assert sent["message"].endswith(f"{PUBLIC}/c/{code}")


@pytest.mark.sqlite_only("messages are rows of the unit of work; nothing database-specific")
def test_the_citizen_is_told_why_a_complaint_was_rejected_or_merged(
        engine: Engine, citizen: Any, desk: Api) -> None:
    rejected = confirmed(engine, citizen)
    assert act(desk, rejected, "reject", comment="Bukan wewenang Pemkot.").status_code == 200
    [told] = payloads(engine, rejected, "case_closed")
    assert told["message"].startswith(f"Pengaduan Anda {rejected} ditolak: \"Bukan wewenang")
    assert told["message"].endswith(f"/c/{rejected}")
    parent, twin = confirmed(engine, citizen), confirmed(engine, citizen)
    assert act(desk, twin, "merge", comment="Sama dengan laporan lain.",
               duplicate_of=parent).status_code == 200
    [merged] = payloads(engine, twin, "case_closed")
    with SqlUnitOfWork(engine) as uow:
        ref = public_ref(find(uow, parent))
    assert f"digabung dengan pengaduan yang sama, {ref}" in merged["message"]
    assert parent not in merged["message"]  # the other citizen's code stays theirs
    assert payloads(engine, parent, "case_closed") == []


@pytest.mark.sqlite_only("the gateway switch is configuration; nothing database-specific")
def test_without_a_gateway_nobody_is_sent_anything(engine: Engine, clock: FakeClock,
                                                   wadul: Engine) -> None:
    client = make_app(engine, clock).test_client()
    from tests.integration.wadul_support import caller

    desk, opd = caller(client, "mediacenter"), caller(client, "opd")
    code = answered(client, desk, opd)
    assert payloads(engine, code, "case_answered") == []


def _office_with_phone(engine: Engine, phone: str | None) -> int:
    with SqlUnitOfWork(engine) as uow:
        office = uow.offices.put(factories.fresh("dlh"), name="Dinas Lingkungan Hidup",
                                 kind="dinas", phone=phone)
        office_id = office.id
        uow.commit()
    return office_id


def _run(w: World, clock: FakeClock, tell: bool) -> int:
    kind = CaseKind("wadul", WADUL, None, lambda uow, case: None, "Pengaduan e-Wadul",
                    staff_path="/wadul/kasus/{ref}")
    return sweep(lambda: SqlUnitOfWork(w.engine), clock, [kind], TZ, None, tell).escalated


def test_an_escalation_is_sent_to_the_offices_whatsapp_number(
        engine: Engine, clock: FakeClock) -> None:
    w = world(engine)
    code = file_case(w, clock, office_id=_office_with_phone(engine, "+6281234567000"))
    silent = file_case(w, clock, office_id=_office_with_phone(engine, None))
    clock.set(datetime(2026, 11, 30, 9, 0, tzinfo=WIB))  # 2 working days over
    assert _run(w, clock, tell=True) == 2
    [told] = payloads(engine, code, "case_escalated")
    with SqlUnitOfWork(engine) as uow:
        ref = public_ref(find(uow, code))
    assert told["phone"] == "+6281234567000" and told["case"] == ref
    assert told["working_days_over"] == 2 and told["staff_url"] == f"/wadul/kasus/{ref}"
    assert code not in told["message"]  # the office never gets the filer's tracking code
    assert told["message"].startswith(
        f"Eskalasi Pengaduan e-Wadul {ref} di Dinas Lingkungan Hidup: lewat tenggat 2 hari")
    assert payloads(engine, silent, "case_escalated") == []  # the office has no number


@pytest.mark.sqlite_only("the gateway switch is configuration; nothing database-specific")
def test_without_a_gateway_an_escalation_is_only_flagged(engine: Engine,
                                                         clock: FakeClock) -> None:
    w = world(engine)
    code = file_case(w, clock, office_id=_office_with_phone(engine, "+6281234567000"))
    clock.set(datetime(2026, 11, 30, 9, 0, tzinfo=WIB))
    assert _run(w, clock, tell=False) == 1
    assert payloads(engine, code, "case_escalated") == []
