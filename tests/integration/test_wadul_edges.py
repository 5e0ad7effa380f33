"""e-Wadul's edges found by the first review: a citizen says who they are, a few typos do
not lock out a kampung's shared address, the web form files as `web`, a deactivated
office receives nothing, a rating is given once and shown, and a phone code can be
sent again (a wrong one said plainly, its expiry in the city's time)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import Engine, text

from queue_server.eservices.wadul.categories import load_categories
from queue_server.persistence.access_models import Notification
from queue_server.persistence.uow import SqlUnitOfWork
from queue_server.services.cases import find
from tests.conftest import Api, make_app
from tests.integration.wadul_support import *  # noqa: F403
from tests.integration.wadul_support import REPORTS, act, answered, file, report
from tests.support import factories
from tests.support.clock import FakeClock

ROOT = Path(__file__).resolve().parents[2]
ONLY_SQLITE = "rules checked in Python, the same on every database"


def _cases(engine: Engine) -> int:
    with engine.connect() as conn:
        return int(conn.execute(text("SELECT COUNT(*) FROM cases")).scalar_one())


@pytest.mark.sqlite_only(ONLY_SQLITE)
@pytest.mark.parametrize(("missing", "named"), [
    ({"nik": None}, ["nik"]), ({"phone": ""}, ["phone"]),
    ({"nik": None, "phone": None, "name": None}, ["nik", "phone"])])
def test_a_citizen_filing_without_nik_or_phone_is_refused_and_writes_nothing(
        client: Any, wadul: Engine, missing: dict[str, Any], named: list[str]) -> None:
    reply = client.post(REPORTS, json=report(**missing))
    assert reply.status_code == 422, reply.get_json()
    error = reply.get_json()["error"]
    assert error["code"] == "identity_required" and list(error["fields"]) == named
    assert error["message"].startswith("Isi ") and "nama boleh kosong" in error["message"]
    assert _cases(wadul) == 0
    assert client.post(REPORTS, json=report(name=None)).status_code == 201  # name optional


@pytest.mark.sqlite_only(ONLY_SQLITE)
def test_a_dozen_refused_tries_from_one_address_do_not_lock_it_out(
        client: Any, wadul: Engine) -> None:
    for _ in range(12):  # empty forms, a NIK short, a phone missing ...
        assert client.post(REPORTS, json=report(description="")).status_code == 422
    assert client.post(REPORTS, json=report()).status_code == 201


@pytest.mark.sqlite_only(ONLY_SQLITE)
def test_the_web_form_files_as_web_and_a_citizen_cannot_claim_a_desk_channel(
        client: Any, wadul: Engine) -> None:
    fields = {k: v for k, v in report().items() if v is not None}
    reply = client.post(REPORTS, data={**fields, "channel": "web"},
                        content_type="multipart/form-data")
    assert reply.status_code == 201, reply.get_json()
    mine = client.get(f"{REPORTS}/{reply.get_json()['code']}").get_json()
    assert mine["channel"] == "web"
    assert client.post(REPORTS, json=report(channel="whatsapp")).status_code == 422
    script = (ROOT / "queue_server/eservices/wadul/static/form.js").read_text("utf-8")
    assert 'sent.append("channel", "web")' in script


def _office_gone(engine: Engine) -> tuple[str, str]:
    """A fresh office with a category of its own, then deactivated: (office, category)."""
    office, category = factories.fresh("dinas-lama"), factories.fresh("kat-lama")
    with SqlUnitOfWork(engine) as uow:
        uow.offices.put(office, name="Dinas Lama", kind="dinas")
        uow.commit()
    load_categories(SqlUnitOfWork(engine), [
        {"code": category, "name": "Urusan dinas lama", "office": office, "days": 5}])
    with SqlUnitOfWork(engine) as uow:
        uow.offices.put(office, active=False)
        uow.commit()
    return office, category


@pytest.mark.sqlite_only(ONLY_SQLITE)
def test_a_deactivated_office_is_offered_no_complaint_nor_forwarded_one(
        client: Any, desk: Api, wadul: Engine) -> None:
    office, category = _office_gone(wadul)
    listed = client.get("/api/v1/wadul/categories").get_json()
    assert category not in {c["code"] for c in listed} and "jalan-rusak" in {
        c["code"] for c in listed}
    services = client.get("/open311/v2/services.json").get_json()
    assert category not in {s["service_code"] for s in services}
    assert client.get(f"/open311/v2/services/{category}.json").status_code == 404
    assert category not in client.get("/wadul").get_data(as_text=True)
    refused = client.post(REPORTS, json=report(category))
    assert refused.status_code == 404
    assert refused.get_json()["error"]["code"] == "category_not_found"
    code = file(client)
    assert act(desk, code, "verify").status_code == 200
    sent = act(desk, code, "forward", opd=office)
    assert sent.status_code == 409, sent.get_json()
    assert sent.get_json()["error"]["code"] == "office_inactive"
    assert "tidak aktif" in sent.get_json()["error"]["message"]


@pytest.mark.sqlite_only(ONLY_SQLITE)
def test_once_rated_rate_is_no_longer_offered_and_the_rating_shows(
        client: Any, citizen: Any, desk: Api, opd: Api) -> None:
    code = answered(client, desk, opd)
    assert "Beri nilai" in citizen.get(f"/c/{code}").get_data(as_text=True)
    rated = act(citizen, code, "rate", rating=4)
    assert rated.status_code == 200, rated.get_json()
    assert "rate" not in [a["action"] for a in rated.get_json()["actions"]]
    mine = citizen.get(f"{REPORTS}/{code}").get_json()
    assert mine["rating"] == 4 and "rate" not in [a["action"] for a in mine["actions"]]
    page = citizen.get(f"/c/{code}").get_data(as_text=True)
    assert 'data-action="rate"' not in page and "Beri nilai" not in page
    assert "Nilai yang Anda berikan" in page and "4 – Puas" in page


def _otps(engine: Engine, code: str) -> list[str]:
    with SqlUnitOfWork(engine) as uow:
        case_id = find(uow, code).id
        rows = uow.session.query(Notification).filter_by(case_id=case_id, kind="case_code")
        return [str(row.payload["otp"]) for row in rows.order_by(Notification.id)]


@pytest.mark.sqlite_only(ONLY_SQLITE)
def test_a_new_phone_code_can_be_asked_for_a_few_times_a_minute_apart(
        engine: Engine, clock: FakeClock, wadul: Engine) -> None:
    citizen = make_app(engine, clock, NOTIFY_WEBHOOK_URL="http://127.0.0.1:9/hook",
                       NOTIFY_WORKER=False).test_client()
    filed = citizen.post(REPORTS, json=report())
    assert filed.status_code == 202
    code = filed.get_json()["code"]
    assert filed.get_json()["code_expires"].endswith("+07:00")
    assert 'id="resend"' in citizen.get(f"/c/{code}").get_data(as_text=True)
    resend = f"/api/v1/cases/{code}/resend"
    soon = citizen.post(resend, json={})
    assert soon.status_code == 409 and soon.get_json()["error"]["code"] == "resend_too_soon"
    assert 0 < soon.get_json()["error"]["retry_after"] <= 60
    assert soon.headers["Retry-After"] == str(soon.get_json()["error"]["retry_after"])
    clock.advance(seconds=61)
    again = citizen.post(resend, json={})
    assert again.status_code == 200, again.get_json()
    assert again.get_json()["code_expires"].endswith("+07:00")
    first = _otps(engine, code)[0]
    wrong = citizen.post(f"/api/v1/cases/{code}/confirm", json={"otp": first})
    assert wrong.status_code == 422 and wrong.get_json()["error"]["code"] == "wrong_otp"
    clock.advance(seconds=61)
    assert citizen.post(resend, json={}).status_code == 200  # the third code
    clock.advance(seconds=61)
    spent = citizen.post(resend, json={})
    assert spent.status_code == 409 and spent.get_json()["error"]["code"] == "too_many_codes"
    assert "3 kali" in spent.get_json()["error"]["message"]
    last = _otps(engine, code)[-1]
    assert citizen.post(f"/api/v1/cases/{code}/confirm", json={"otp": last}).status_code == 200
    done = citizen.post(resend, json={})
    assert done.status_code == 409 and done.get_json()["error"]["code"] == "no_code_pending"


def test_the_case_page_says_a_wrong_code_plainly() -> None:
    script = (ROOT / "queue_server/casepage/static/case.js").read_text("utf-8")
    assert 'error.code === "wrong_otp"' in script and 't("wrongOtp"' in script
    catalogue = (ROOT / "queue_server/translations/id/LC_MESSAGES/messages.po").read_text()
    assert 'msgid "case.wrongOtp"\nmsgstr "Kode salah, sisa {n} kali percobaan."' in catalogue
