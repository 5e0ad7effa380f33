"""Changing a package before procurement (`PATCH /api/v1/projects/packages/{code}` and the
`/paket` page's change form): title, value within what the line has left besides this
package, schedule and payment plan; published as OCDS `planningUpdate`; 409 once
procurement has started or the package is contracted; 403 for another office."""

from __future__ import annotations

from typing import Any

import pytest
from sqlalchemy import select

from queue_server.eservices.planning.ocds.models import OcdsRelease
from queue_server.eservices.planning.project.models import ProjectPackage
from queue_server.persistence.uow import SqlUnitOfWork
from tests.integration.test_budgeting_pages import sign_in
from tests.integration.test_budgeting_support import PROJECTS, caller, programme_line

pytestmark = pytest.mark.sqlite_only("the rules run in Python over rows both databases "
                                     "hold alike; the line's lock is tested on both in "
                                     "test_project_concurrency.py")
PLAN = [{"termin": 1, "percent": 40, "month": "2027-04"},
        {"termin": 2, "percent": 60, "month": "2027-08"}]


def _package(client: Any, line: int, value: int = 300_000_000) -> str:
    reply = caller(client, "opd").post(f"{PROJECTS}/packages", {
        "line": line, "title": "Hotmix Jl. Kedungdoro", "value": value,
        "category": "works", "starts": "2027-03-01", "ends": "2027-08-31",
        "payment_plan": PLAN})
    assert reply.status_code == 201, reply.get_json()
    code: str = reply.get_json()["code"]
    return code


def _patch(client: Any, code: str, who: str = "opd", **body: Any) -> Any:
    api = caller(client, who)
    return client.patch(f"{PROJECTS}/packages/{code}", json=body, headers=api.headers())


def _set_state(app: Any, code: str, state: str) -> None:
    with SqlUnitOfWork(app.extensions["antrian"].engine) as uow:
        row = uow.session.scalar(select(ProjectPackage).where(ProjectPackage.code == code))
        assert row is not None
        row.state = state
        uow.commit()


def test_a_planned_package_changes_within_the_line_and_is_published_as_planning_update(
        app: Any, client: Any) -> None:
    line = programme_line(client, amount_units=2000)  # Rp 370 juta
    code = _package(client, line)
    _package(client, line, value=50_000_000)  # Rp 20 juta left besides both
    assert caller(client, "opd").post(f"{PROJECTS}/packages/{code}/actions",
                                      {"action": "plan"}).status_code == 200
    over = _patch(client, code, value=320_000_001)
    assert over.status_code == 409
    assert (over.get_json()["error"]["code"], over.get_json()["error"]["left"]) == (
        "project_line_exceeded", 320_000_000)
    done = _patch(client, code, value=320_000_000, title="Hotmix dan saluran",
                  ends="2027-10-31")
    assert done.status_code == 200, done.get_json()
    body = done.get_json()
    assert (body["title"], body["value"], body["ends"], body["state"]) == (
        "Hotmix dan saluran", 320_000_000, "2027-10-31", "planned")
    assert body["payment_plan"][1]["month"] == "2027-08"  # the plan held still fits
    assert body["plan"][-1] == {"month": "2027-10", "percent": 100.0}  # a new S-curve
    with SqlUnitOfWork(app.extensions["antrian"].engine) as uow:
        last = uow.session.scalars(select(OcdsRelease).where(
            OcdsRelease.ocid == body["ocid"]).order_by(OcdsRelease.id)).all()[-1]
        assert last.tags == ["planningUpdate"]
        assert last.data["planning"]["budget"]["project"] == "Hotmix dan saluran"


def test_a_change_the_plan_no_longer_fits_and_a_bad_value_are_refused(client: Any) -> None:
    code = _package(client, programme_line(client, amount_units=2000))
    short = _patch(client, code, ends="2027-06-30")  # the termin of 2027-08 falls out
    assert (short.status_code, short.get_json()["error"]["code"]) == (
        422, "project_plan_invalid")
    direct = _patch(client, code, method="direct")  # Rp 300 juta of works needs a tender
    assert direct.get_json()["error"]["code"] == "project_method_not_allowed"
    assert _patch(client, code, value=0).status_code == 422
    assert caller(client, "opd").get(f"{PROJECTS}/packages/{code}").get_json()["ends"] == (
        "2027-08-31")


def test_only_the_office_changes_and_not_once_procurement_started(
        app: Any, client: Any) -> None:
    code = _package(client, programme_line(client, amount_units=2000))
    for who in ("dlh", "penyedia"):
        assert _patch(client, code, who, title="x").status_code == 403, who
    assert _patch(client, "PKT-2027-9999", title="x").status_code == 404
    for state in ("procuring", "contracted"):
        _set_state(app, code, state)
        refused = _patch(client, code, "ppk-dsdabm", title="x")
        assert (refused.status_code, refused.get_json()["error"]["code"]) == (
            409, "project_wrong_state"), state
        assert "submitted" not in refused.get_json()["error"]["message"]
    assert "berkontrak" in _patch(client, code, title="x").get_json()["error"]["message"]


def test_the_package_page_changes_a_package_and_says_a_refusal(
        app: Any, client: Any) -> None:
    api = app.test_client()  # the API's sign-in apart from the page's session
    code = _package(api, programme_line(api, amount_units=2000))
    token = sign_in(client, "opd", "paket")
    page = client.get("/paket").get_data(as_text=True)
    assert f'action="/paket/{code}/ubah"' in page and "2027-04 40.0" in page
    form = {"csrf_token": token, "title": "Hotmix baru", "value": "310.000.000",
            "starts": "2027-03-01", "ends": "2027-09-30",
            "payment_plan": "2027-05 30\n2027-09 70"}
    assert client.post(f"/paket/{code}/ubah", data=form).status_code == 303
    body = caller(api, "opd").get(f"{PROJECTS}/packages/{code}").get_json()
    assert (body["title"], body["value"]) == ("Hotmix baru", 310_000_000)
    assert [t["percent"] for t in body["payment_plan"]] == [30.0, 70.0]
    bad = client.post(f"/paket/{code}/ubah?lang=en",
                      data={**form, "payment_plan": "2027-05 nan"})
    assert bad.status_code == 422 and "one termin a line" in bad.get_data(as_text=True)
    over = client.post(f"/paket/{code}/ubah", data={**form, "value": "999.000.000"})
    assert over.status_code == 409 and "tinggal Rp 370.000.000" in over.get_data(as_text=True)
