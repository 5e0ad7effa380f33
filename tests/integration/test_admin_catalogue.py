"""The admin API (issue 15) for facilities, services and counters: each object read and
put as its configuration entry, with the loader's checks, roles and an audit row."""

from __future__ import annotations

from typing import Any

import pytest
from sqlalchemy import Engine

from tests.conftest import Api, login
from tests.support import factories
from tests.support.factories import PASSWORD

A = "/api/v1/admin"


def site(engine: Engine) -> factories.Site:
    """A facility of its own with a facility admin (`kepala`) and an operator."""
    made = factories.facility()
    made.config["users"] = [factories.user(made.code, "kepala", role="facility_admin"),
                            factories.user(made.code, "petugas")]
    return made.load(engine)


def as_user(client: Any, where: factories.Site, stem: str) -> Api:
    return Api(client, login(client, where.username(stem), PASSWORD))


def put(api: Api, path: str, body: Any, english: bool = False) -> Any:
    extra = {"Accept-Language": "en"} if english else {}
    return api.client.put(path, json=body, headers={**api.headers(), **extra})


def audit(api: Api, facility: str) -> list[dict[str, Any]]:
    """The facility's audit rows written through the API (not by its `load-config`)."""
    reply = api.get(f"{A}/audit?facility={facility}")
    assert reply.status_code == 200, reply.get_json()
    return [e for e in reply.get_json()["events"] if e["actor"] != "cli"]


def test_an_admin_creates_and_updates_a_facility_service_and_counter(engine: Engine,
                                                                     admin: Api) -> None:
    code = factories.fresh("pkm-admin")
    made = put(admin, f"{A}/facilities/{code}", {"name": "Puskesmas Baru"})
    assert made.status_code == 201, made.get_json()
    assert made.get_json() == {"code": code, "name": "Puskesmas Baru",
                               "timezone": "Asia/Jakarta", "running_text": "",
                               "cuti_bersama": "closed", "closed_dates": []}
    assert put(admin, f"{A}/facilities/{code}", {"name": "Puskesmas Lama"}).status_code == 200
    service = put(admin, f"{A}/facilities/{code}/services/umum",
                  {"name": "Poli Umum", "prefix": "B", "target_wait": 45,
                   "shown_on_boards": False})
    assert service.status_code == 201, service.get_json()
    assert service.get_json()["target_wait"] == 45
    assert service.get_json()["shown_on_boards"] is False
    assert service.get_json()["hours"] == "24h"
    put(admin, f"{A}/facilities/{code}/services/gigi", {"name": "Gigi", "prefix": "C"})
    counter = put(admin, f"{A}/facilities/{code}/counters/ruang-1",
                  {"name": "Ruang 1", "services": ["gigi", "umum"]})
    assert counter.status_code == 201, counter.get_json()
    assert counter.get_json()["services"] == ["gigi", "umum"]
    listed = admin.get(f"{A}/facilities/{code}/services").get_json()["services"]
    assert [s["code"] for s in listed] == ["umum", "gigi"]
    public = admin.get(f"/api/v1/facilities/{code}/services").get_json()
    assert {s["code"] for s in public} == {"umum", "gigi"}  # live at once
    actions = [(e["object_kind"], e["object_code"], e["action"]) for e in audit(admin, code)]
    assert actions == [("counter", counter.get_json()["code"], "create"),
                       ("service", "gigi", "create"), ("service", "umum", "create"),
                       ("facility", code, "update"), ("facility", code, "create")]


def test_a_put_that_changes_nothing_writes_no_audit_row(engine: Engine, admin: Api) -> None:
    where = site(engine)
    body = admin.get(f"{A}/facilities/{where.code}/services/umum").get_json()
    assert put(admin, f"{A}/facilities/{where.code}/services/umum", body).status_code == 200
    assert audit(admin, where.code) == []


def test_a_bad_entry_gets_the_loaders_message_and_writes_nothing(engine: Engine,
                                                                admin: Api) -> None:
    where = site(engine)
    path = f"{A}/facilities/{where.code}/services/lab"
    reply = put(admin, path, {"prefix": "L"}, english=True)
    assert reply.status_code == 422
    assert reply.get_json()["error"] == {
        "code": "invalid_config", "message": f"{where.code} service lab: Field 'name' is required."}
    assert "wajib diisi" in put(admin, path, {"prefix": "L"}).get_json()["error"]["message"]
    taken = put(admin, path, {"name": "Lab", "prefix": "B"})  # umum's prefix
    assert taken.status_code == 422 and taken.get_json()["error"]["code"] == "invalid_config"
    assert put(admin, path, {"name": "Lab", "prefix": "L", "target_wait": 0}).status_code == 422
    bad_counter = put(admin, f"{A}/facilities/{where.code}/counters/ruang-9",
                      {"services": ["tidak-ada"]})
    assert bad_counter.status_code == 422
    assert admin.get(path).status_code == 404
    assert audit(admin, where.code) == []


@pytest.mark.sqlite_only("roles are checked before the database is asked anything")
def test_roles_decide_who_reads_and_who_writes(engine: Engine, client: Any) -> None:
    where, other = site(engine), site(engine)
    boss = as_user(client, where, "kepala")
    service = f"{A}/facilities/{where.code}/services/umum"
    assert boss.get(service).status_code == 200
    changed = put(boss, service, {"name": "Umum Baru", "prefix": "B"})
    assert changed.status_code == 200, changed.get_json()
    for path in (f"{A}/facilities/{other.code}", f"{A}/facilities/{other.code}/services/umum",
                 f"{A}/facilities/{other.code}/counters"):
        refused = boss.get(path)
        assert refused.status_code == 403
        assert refused.get_json()["error"]["code"] == "wrong_facility"
        assert other.code not in refused.get_data(as_text=True)
    assert put(boss, f"{A}/facilities/{factories.fresh('pkm-x')}",
               {"name": "X"}).status_code == 403
    assert [f["code"] for f in boss.get(f"{A}/facilities").get_json()["facilities"]] == [
        where.code]
    operator = as_user(client, where, "petugas")
    assert operator.get(service).status_code == 403
    assert put(operator, service, {"name": "U", "prefix": "B"}).status_code == 403
    city = Api(client, login(client, "dinkes"))
    assert city.get(f"{A}/facilities/{other.code}/counters").status_code == 200
    assert put(city, service, {"name": "U", "prefix": "B"}).status_code == 403
    assert city.get(f"{A}/facilities/{other.code}/devices").status_code == 403
    assert client.application.test_client().get(service).status_code == 401


def test_a_facility_admin_sets_the_running_text_of_its_own_facility(engine: Engine,
                                                                   client: Any) -> None:
    where, other = site(engine), site(engine)
    boss = as_user(client, where, "kepala")
    mine = boss.client.put(f"/api/v1/facilities/{where.code}/running-text",
                           json={"running_text": "Halo"}, headers=boss.headers())
    assert mine.status_code == 200
    theirs = boss.client.put(f"/api/v1/facilities/{other.code}/running-text",
                             json={"running_text": "Halo"}, headers=boss.headers())
    assert theirs.status_code == 403
