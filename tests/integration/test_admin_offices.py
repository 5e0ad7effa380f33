"""Offices (OPD) and their staff (issue 16): the role `office` is refused by every queue
route; offices and users' office roles go through the one code path (`load-config`, the
admin API, export and import), each change an audit row, the admin's alone."""

from __future__ import annotations

from typing import Any

import pytest
from sqlalchemy import Engine, text

from queue_server.persistence.uow import SqlUnitOfWork
from queue_server.services.configuration import load_config
from tests.conftest import Api, login
from tests.integration.test_admin_catalogue import A, put, site
from tests.support import factories
from tests.support.factories import PASSWORD


def office_entry(code: str, **fields: Any) -> dict[str, Any]:
    return {"code": code, "name": f"Dinas {code}", "kind": "dinas", **fields}


def audit_rows(engine: Engine, kind: str, code: str) -> list[tuple[str, str]]:
    """(actor, action) of the audit rows of one object, oldest first."""
    with engine.connect() as conn:
        rows = conn.execute(text(
            "SELECT actor, action FROM audit_events WHERE object_kind = :k "
            "AND object_code = :c ORDER BY id"), {"k": kind, "c": code}).all()
    return [(r[0], r[1]) for r in rows]


@pytest.mark.sqlite_only("roles are checked in Python, the same on every database")
def test_office_staff_are_refused_by_every_queue_route(client: Any) -> None:
    opd = Api(client, login(client, "opd"))
    refused = [
        opd.get("/api/v1/counters"),
        opd.get("/api/v1/counters/loket-1"),
        opd.post("/api/v1/counters/loket-1/call-next"),
        opd.post("/api/v1/counters/loket-1/pause"),
        opd.get("/api/v1/devices?facility=pkm-demo"),
        client.put("/api/v1/facilities/pkm-demo/running-text", json={"running_text": "x"},
                   headers=opd.headers()),
        opd.get("/api/v1/reports/summary?facility=pkm-demo"),
        opd.get("/api/v1/reports/summary"),
        opd.get(f"{A}/facilities"),
        opd.get(f"{A}/facilities/pkm-demo/services"),
        opd.get(f"{A}/users"),
        opd.get(f"{A}/audit"),
        opd.get(f"{A}/offices"),
        opd.get(f"{A}/facilities/pkm-demo/export"),
    ]
    assert [r.status_code for r in refused] == [403] * len(refused), [
        (r.request.path, r.status_code) for r in refused if r.status_code != 403]


def test_loading_offices_twice_changes_nothing_and_writes_audit_rows(engine: Engine) -> None:
    code, name = factories.fresh("dinas-uji"), factories.fresh("petugas-opd")
    data = {"offices": [office_entry(code, name_en="Test Office")],
            "users": [{"username": name, "role": "office", "password": PASSWORD,
                       "offices": [{"office": code, "role": "head"}]}]}
    first = load_config(SqlUnitOfWork(engine), data)
    assert first["offices"] == 1 and first["users"] == 1
    load_config(SqlUnitOfWork(engine), data)
    assert audit_rows(engine, "office", code) == [("cli", "create")]
    assert audit_rows(engine, "user", name) == [("cli", "create")]
    with SqlUnitOfWork(engine) as uow:
        office = uow.offices.by_code(code)
        assert office is not None and office.name_en == "Test Office"
        assert uow.offices.members(office.id) == [(name, "head")]


def test_the_demo_offices_and_their_staff_are_loaded(admin: Api) -> None:
    listed = {o["code"]: o for o in admin.get(f"{A}/offices").get_json()["offices"]}
    assert len([c for c in listed if not c.startswith(("dinas-uji", "opd-"))]) >= 13
    assert listed["media-center"]["kind"] == "media_center"
    assert listed["kec-wonokromo"]["kind"] == "kecamatan"
    assert listed["dsdabm"]["member_count"] == 5
    dsdabm = admin.get(f"{A}/offices/dsdabm").get_json()
    assert dsdabm["members"] == [{"username": "kabid-dsdabm", "role": "staff"},
                                 {"username": "kepala-opd", "role": "head"},
                                 {"username": "opd", "role": "staff"},
                                 {"username": "ppk-dsdabm", "role": "ppk"},
                                 {"username": "tu-dsdabm", "role": "clerk"}]
    assert admin.get(f"{A}/users/mediacenter").get_json()["offices"] == [
        {"office": "media-center", "role": "staff"}]


def test_an_admin_creates_and_updates_an_office_with_audit_rows(engine: Engine,
                                                                admin: Api) -> None:
    code = factories.fresh("opd-baru")
    made = put(admin, f"{A}/offices/{code}", {"name": "Dinas Baru", "kind": "badan"})
    assert made.status_code == 201, made.get_json()
    assert made.get_json() == {"code": code, "name": "Dinas Baru", "name_en": "",
                               "kind": "badan", "active": True, "phone": "", "members": []}
    again = put(admin, f"{A}/offices/{code}", {"name": "Dinas Baru", "kind": "badan"})
    assert again.status_code == 200
    off = put(admin, f"{A}/offices/{code}", {"name": "Dinas Baru", "active": False})
    assert off.get_json()["active"] is False and off.get_json()["kind"] == "dinas"
    assert audit_rows(engine, "office", code) == [("staff:admin", "create"),
                                                  ("staff:admin", "deactivate")]
    events = admin.get(f"{A}/audit").get_json()["events"]
    assert any(e["object_kind"] == "office" and e["object_code"] == code for e in events)
    assert admin.get(f"{A}/offices/tidak-ada").status_code == 404


@pytest.mark.sqlite_only("roles are checked in Python, the same on every database")
def test_only_the_admin_may_read_or_change_offices(engine: Engine, client: Any) -> None:
    where = site(engine)
    for api in (Api(client, login(client, where.username("kepala"), PASSWORD)),
                Api(client, login(client, "dinkes")), Api(client, login(client, "petugas")),
                Api(client, login(client, "kepala-opd"))):
        assert api.get(f"{A}/offices").status_code == 403
        assert api.get(f"{A}/offices/dsdabm").status_code == 403
        assert put(api, f"{A}/offices/dsdabm", {"name": "X"}).status_code == 403
        assert api.get(f"{A}/export/offices").status_code == 403
    boss = Api(client, login(client, where.username("kepala"), PASSWORD))
    given = put(boss, f"{A}/users/{where.username('petugas')}",
                {"role": "operator", "offices": [{"office": "dsdabm", "role": "head"}]})
    assert given.status_code == 403, given.get_json()


def test_a_users_offices_are_replaced_and_bad_roles_refused(engine: Engine,
                                                             admin: Api) -> None:
    name = factories.fresh("petugas-kantor")
    path = f"{A}/users/{name}"
    made = put(admin, path, {"role": "office", "password": "kopi-tubruk-pagi-hari",
                             "offices": [{"office": "dlh"}, {"office": "dishub",
                                                             "role": "head"}]})
    assert made.status_code == 201, made.get_json()
    assert made.get_json()["offices"] == [{"office": "dishub", "role": "head"},
                                          {"office": "dlh", "role": "staff"}]
    assert "facility" not in made.get_json()
    moved = put(admin, path, {"role": "office", "offices": [{"office": "bpbd",
                                                             "role": "staff"}]})
    assert moved.get_json()["offices"] == [{"office": "bpbd", "role": "staff"}]
    kept = put(admin, path, {"role": "office", "name": "Budi"})
    assert kept.get_json()["offices"] == [{"office": "bpbd", "role": "staff"}]
    unknown = put(admin, path, {"role": "office", "offices": [{"office": "tidak-ada"}]})
    assert unknown.status_code == 422
    assert name in unknown.get_json()["error"]["message"]
    assert "tidak-ada" in unknown.get_json()["error"]["message"]
    role = put(admin, path, {"role": "office", "offices": [{"office": "dlh",
                                                            "role": "verifier"}]}, True)
    assert role.status_code == 422
    assert role.get_json()["error"]["message"] == (
        f"user {name}: Unknown role 'verifier' in office 'dlh'; choose one of: "
        "staff / head / clerk / inspector / ppk.")
    assert put(admin, path, {"role": "office", "offices": "dlh"}).status_code == 422
    assert admin.get(path).get_json()["offices"] == [{"office": "bpbd", "role": "staff"}]
    assert put(admin, path, {"role": "office", "offices": []}).get_json().get("offices") is None
    actions = [a for _, a in audit_rows(engine, "user", name)]
    assert actions == ["create", "update", "update", "update"]


def test_the_offices_export_imported_back_changes_nothing(engine: Engine,
                                                          admin: Api) -> None:
    code, name = factories.fresh("opd-ekspor"), factories.fresh("staf-ekspor")
    put(admin, f"{A}/offices/{code}", {"name": "Dinas Ekspor", "name_en": "Export Office"})
    put(admin, f"{A}/users/{name}", {"role": "office", "password": "kopi-tubruk-pagi-hari",
                                     "offices": [{"office": code, "role": "staff"}]})
    exported = admin.get(f"{A}/export/offices")
    assert exported.status_code == 200 and exported.mimetype == "application/yaml"
    body = exported.get_data(as_text=True)
    assert code in body and name in body and "password_hash" in body and "pkm-demo" not in body
    back = admin.client.post(f"{A}/import/offices", data=body, headers={
        **admin.headers(), "Content-Type": "application/yaml"})
    assert back.status_code == 200, back.get_json()
    assert back.get_json()["changed"] == 0 and back.get_json()["offices"] >= 14
    changed = body.replace("Dinas Ekspor", "Dinas Ekspor Baru")
    again = admin.client.post(f"{A}/import/offices", data=changed, headers=admin.headers())
    assert again.get_json()["changed"] == 1
    assert audit_rows(engine, "office", code)[-1] == ("staff:admin", "import")
    wrong = "users:\n  - {username: petugas, role: operator, facility: pkm-demo}\n"
    refused = admin.client.post(f"{A}/import/offices", data=wrong, headers=admin.headers())
    assert refused.status_code == 422 and "petugas" in refused.get_json()["error"]["message"]


@pytest.mark.sqlite_only("the phone's rule is checked in Python, the same on every database")
def test_an_office_has_an_optional_whatsapp_number_for_escalations(admin: Api) -> None:
    code = factories.fresh("opd-wa")
    made = put(admin, f"{A}/offices/{code}", {"name": "Dinas WA", "phone": "0812-3456-7000"})
    assert made.status_code == 201 and made.get_json()["phone"] == "+6281234567000"
    listed = admin.get(f"{A}/offices").get_json()["offices"]
    assert next(o for o in listed if o["code"] == code)["phone"] == "+6281234567000"
    exported = admin.get(f"{A}/export/offices").get_data(as_text=True)
    assert "+6281234567000" in exported
    wrong = put(admin, f"{A}/offices/{code}", {"name": "Dinas WA", "phone": "12345"})
    assert wrong.status_code == 422
    message = wrong.get_json()["error"]["message"]
    assert message.startswith(f"office {code}: Nomor WhatsApp kantor '12345' tidak sah")
    cleared = put(admin, f"{A}/offices/{code}", {"name": "Dinas WA", "phone": ""})
    assert cleared.status_code == 200 and cleared.get_json()["phone"] == ""
