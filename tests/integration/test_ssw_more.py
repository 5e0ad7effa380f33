"""SSW around the flow: the public catalogue and the admin's load, the demo (every
state, a signed valid permit listed by /api/v1/documents), renewal reminders queued
once per permit from the case sweep's hook, the report as JSON and CSV, and the routes
in the OpenAPI document."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest
from sqlalchemy import Engine, func, select, update

from queue_server.eservices.ssw.demo import load_demo
from queue_server.eservices.ssw.models import SswApplication
from queue_server.eservices.ssw.reminders import REMINDER_KIND, remind_expiring
from queue_server.persistence.uow import SqlUnitOfWork
from tests.integration.test_ssw_support import *  # noqa: F403
from tests.integration.test_ssw_support import CASES, caller, to_state
from tests.support import factories

pytestmark = pytest.mark.sqlite_only("catalogue, demo, reminders and reports read and "
                                     "write the same rows on both; the flow runs on both")


def test_the_catalogue_is_public_and_loaded_by_the_admin(client: Any, ssw: Engine) -> None:
    permits = {p["code"]: p for p in client.get("/api/v1/ssw/permit-types").get_json()}
    assert {"reklame", "pbg", "krk", "tdup"} <= set(permits)
    reklame = permits["reklame"]
    assert reklame["fee"] == 150000 and reklame["days"] == 10 and reklame["inspection"]
    assert [r["office"] for r in reklame["reviewers"]] == ["dsdabm", "dlh"]
    body = {"permits": [{**{k: v for k, v in reklame.items() if k != "active"},
                         "fee": 175000}]}
    assert factories.error(caller(client, "dpmptsp").client.put(
        "/api/v1/ssw/permit-types", json=body,
        headers=caller(client, "dpmptsp").headers())) == "ssw_forbidden"
    admin = caller(client, "admin")
    reply = admin.client.put("/api/v1/ssw/permit-types", json=body, headers=admin.headers())
    assert reply.get_json() == {"loaded": 1}
    bad = {"permits": [{**body["permits"][0], "reviewers": [{"office": "nope", "days": 2}]}]}
    reply = admin.client.put("/api/v1/ssw/permit-types", json=bad, headers=admin.headers())
    assert factories.error(reply) == "ssw_catalogue_invalid"
    assert client.get("/api/v1/ssw/permit-types").get_json()[0]["fee"] == 175000


def test_the_demo_has_every_state_and_a_valid_signed_permit(app: Any, client: Any,
                                                            ssw: Engine) -> None:
    load_demo(app)
    load_demo(app)  # idempotent
    items = caller(client, "admin").get("/api/v1/ssw/applications?list=all").get_json()["items"]
    assert len(items) == 11
    assert {i["state"] for i in items} == {"submitted", "revision", "review", "desk_review",
                                           "inspection", "approval", "issued", "rejected",
                                           "revoked"}
    docs = caller(client, "admin").get("/api/v1/documents").get_json()
    permits = [d for d in docs["items"] if d["kind"] == "permit" and d["module"] == "ssw"]
    assert len(permits) == 3 and sum(d["status"] == "valid" for d in permits) == 2


def test_renewal_reminders_are_queued_once_per_permit(app: Any, client: Any, ssw: Engine,
                                                      clock: Any) -> None:
    issued = to_state(client, "reklame", "issued")  # valid 12 months
    uow = SqlUnitOfWork(ssw)
    assert remind_expiring(uow, clock) == 0  # a year away
    with ssw.begin() as conn:
        conn.execute(update(SswApplication).values(
            valid_until=clock.now().date() + timedelta(days=20)))
    assert remind_expiring(SqlUnitOfWork(ssw), clock) == 1
    assert remind_expiring(SqlUnitOfWork(ssw), clock) == 0
    with SqlUnitOfWork(ssw) as work:
        from queue_server.persistence.access_models import Notification

        rows = work.session.scalars(select(Notification).where(
            Notification.kind == REMINDER_KIND)).all()
        assert len(rows) == 1 and rows[0].payload["case"] == issued["code"]
        assert work.session.scalar(select(func.count()).select_from(SswApplication).where(
            SswApplication.reminded_at.is_not(None))) == 1


def test_the_sweep_hook_is_registered(app: Any) -> None:
    from queue_server.eservices import hooks
    from queue_server.eservices.ssw.reminders import sweep_reminders

    assert sweep_reminders in hooks(app, "sweeps")


def test_the_report_counts_per_permit_and_office(client: Any, ssw: Engine, clock: Any) -> None:
    to_state(client, "tdup", "issued")
    to_state(client, "reklame", "approval")
    day = clock.now().date().isoformat()
    url = f"/api/v1/ssw/reports?from={day}&to={day}"
    rows = caller(client, "dpmptsp").get(url).get_json()["rows"]
    tdup = next(r for r in rows if r.get("permit") == "tdup")
    assert (tdup["applications"], tdup["issued"], tdup["on_time_share"]) == (1, 1, 1.0)
    dlh = next(r for r in rows if r.get("office") == "dlh")
    assert (dlh["reviews"], dlh["approved"]) == (1, 1)
    csv = caller(client, "dpmptsp").get(url + "&format=csv")
    assert csv.mimetype == "text/csv" and "reklame" in csv.get_data(as_text=True)
    assert caller(client, "opd").get(url).status_code == 403


def test_every_route_is_in_the_openapi_document(client: Any) -> None:
    paths = client.get("/api/v1/openapi.json").get_json()["paths"]
    for path in ("/api/v1/ssw/permit-types", "/api/v1/ssw/applications",
                 "/api/v1/ssw/applications/{code}/documents", "/api/v1/ssw/cases/{ref}",
                 "/api/v1/ssw/cases/{ref}/documents/{requirement}",
                 "/api/v1/ssw/cases/{ref}/reviews/{office}",
                 "/api/v1/ssw/cases/{ref}/inspection", "/api/v1/ssw/cases/{ref}/actions",
                 "/api/v1/ssw/reports"):
        assert path in paths, path
    assert CASES


def test_with_a_gateway_the_phone_is_checked_by_a_code(engine: Engine, clock: Any,
                                                      ssw: Engine) -> None:
    from tests.conftest import make_app
    from tests.integration.test_ssw_support import APPS, form

    client = make_app(engine, clock, NOTIFY_WEBHOOK_URL="http://127.0.0.1:9/hook").test_client()
    reply = client.post(APPS, data=form("tdup"), content_type="multipart/form-data")
    body = reply.get_json()
    assert reply.status_code == 202 and body["confirmed"] is False
    with SqlUnitOfWork(ssw) as work:
        from queue_server.persistence.access_models import Notification

        kinds = [n.kind for n in work.session.scalars(select(Notification)).all()]
    assert kinds == ["case_code"]
    listed = caller(client, "dpmptsp").get("/api/v1/ssw/applications").get_json()["items"]
    assert listed == []  # not confirmed yet: not on the desk
