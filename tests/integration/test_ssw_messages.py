"""SSW with a messaging gateway. It tells its applicant (as e-Wadul does): documents
sent back (which, why, by when), a rejection's reasons, the permit issued (its number,
the link to /c/{code}), a permit revoked. Queued with the change, delivered by the
notification worker (off here: the rows are read). An application whose phone code is
outstanding waits: nobody acts on it and no list shows it."""

from __future__ import annotations

from typing import Any

import pytest
from sqlalchemy import Engine

from queue_server.persistence.access_models import Notification
from queue_server.persistence.uow import SqlUnitOfWork
from queue_server.services.cases import find
from tests.conftest import make_app
from tests.integration.test_ssw_support import *  # noqa: F403
from tests.integration.test_ssw_support import CASES, apply, caller, check_all
from tests.support import factories

pytestmark = pytest.mark.sqlite_only("messages are rows queued alike on both databases")


def _messages(engine: Engine, code: str) -> list[dict[str, Any]]:
    with SqlUnitOfWork(engine) as uow:
        case_id = find(uow, code).id
        rows = uow.session.query(Notification).filter_by(case_id=case_id)
        return [dict(row.payload) for row in rows.order_by(Notification.id)
                if row.kind != "case_code"]


def _confirmed(client: Any, engine: Engine, permit: str) -> dict[str, Any]:
    filed = apply(client, permit)
    assert filed["confirmed"] is False
    with SqlUnitOfWork(engine) as uow:
        case_id = find(uow, filed["code"]).id
        otp = uow.session.query(Notification).filter_by(case_id=case_id,
                                                        kind="case_code").one().payload["otp"]
    reply = client.post(f"/api/v1/cases/{filed['code']}/confirm", json={"otp": str(otp)})
    assert reply.status_code == 200, reply.get_json()
    return filed


def test_the_applicant_hears_of_flags_rejection_issue_and_revocation(
        engine: Engine, clock: Any, ssw: Engine) -> None:
    client = make_app(engine, clock, NOTIFY_WEBHOOK_URL="http://127.0.0.1:9/hook",
                      NOTIFY_WORKER=False).test_client()
    filed = _confirmed(client, engine, "reklame")
    desk = caller(client, "dpmptsp")
    url = f"{CASES}/{filed['ref']}/documents"
    desk.post(f"{url}/ktp", {"accepted": False, "reason": "Foto KTP buram"})
    desk.post(f"{url}/desain", {"accepted": True})
    desk.post(f"{url}/foto-lokasi", {"accepted": True})
    flagged = _messages(engine, filed["code"])
    assert [m["kind"] for m in flagged] == ["ssw_documents_flagged"]
    said = flagged[0]["message"]
    assert "KTP pemohon" in said and "Foto KTP buram" in said and "paling lambat" in said
    assert said.endswith(f"/c/{filed['code']}") and flagged[0]["phone"]
    desk.post(f"{CASES}/{filed['ref']}/actions", {"action": "reject", "comment": "Zona hijau"})
    rejected = _messages(engine, filed["code"])[-1]
    assert rejected["kind"] == "ssw_rejected" and "Zona hijau" in rejected["message"]

    other = _confirmed(client, engine, "tdup")
    check_all(desk, other["ref"])
    head = caller(client, "kepala-dpmptsp")
    number = head.post(f"{CASES}/{other['ref']}/actions",
                       {"action": "issue"}).get_json()["permit_number"]
    issued = _messages(engine, other["code"])[-1]
    assert issued["kind"] == "ssw_issued" and number in issued["message"]
    assert issued["case_url"] == f"/c/{other['code']}"
    head.post(f"{CASES}/{other['ref']}/actions", {"action": "revoke", "comment": "Usaha tutup"})
    revoked = _messages(engine, other["code"])[-1]
    assert revoked["kind"] == "ssw_revoked" and "Usaha tutup" in revoked["message"]


def test_an_unconfirmed_application_waits_and_is_in_no_list(
        engine: Engine, clock: Any, ssw: Engine) -> None:
    client = make_app(engine, clock, NOTIFY_WEBHOOK_URL="http://127.0.0.1:9/hook",
                      NOTIFY_WORKER=False).test_client()
    filed = apply(client, "tdup")
    ref = filed["ref"]
    assert filed["confirmed"] is False
    desk, head = caller(client, "dpmptsp"), caller(client, "kepala-dpmptsp")
    for reply in (desk.post(f"{CASES}/{ref}/documents/ktp", {"accepted": True}),
                  desk.post(f"{CASES}/{ref}/actions", {"action": "reject", "comment": "x"}),
                  head.post(f"{CASES}/{ref}/actions", {"action": "issue"}),
                  caller(client, "pengawas").post(f"{CASES}/{ref}/inspection", {
                      "answers": {}, "result": "pass"}),
                  caller(client, "dlh").post(f"{CASES}/{ref}/reviews/dlh",
                                             {"approve": True})):
        assert reply.status_code == 409, reply.get_json()
        assert factories.error(reply) == "ssw_application_unconfirmed"
    for which in ("desk", "monitor", "all"):
        items = desk.get(f"/api/v1/ssw/applications?list={which}").get_json()["items"]
        assert ref not in [i["ref"] for i in items]
