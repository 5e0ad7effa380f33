"""The BPJS setup API (issue 19): a facility's level, kode PPK and poli codes, and the
hosted accounts; who may (admin, the facility's own facility admin), what is refused
(422 naming the entry, nothing half-written), and the audit row of every change."""

from __future__ import annotations

from typing import Any

import pytest
from sqlalchemy import Engine
from werkzeug.security import check_password_hash

from queue_server.eservices.bpjs import config
from queue_server.eservices.bpjs.ws_errors import WsNewPatient
from queue_server.eservices.bpjs.ws_patients import known_norm
from tests.conftest import Api, login
from tests.integration.test_admin_catalogue import audit, put, site
from tests.support import factories
from tests.support.bpjs import setup_bpjs
from tests.support.factories import PASSWORD

pytestmark = pytest.mark.sqlite_only("the setup's rules and roles are not database-specific")
B = "/api/v1/bpjs"
SETUP = {"level": "fktp", "ppk_code": "13050101", "reporting": True, "services": [
    {"service": "umum", "role": "poli", "kodepoli": "umu", "namapoli": "Poli Umum",
     "kodedokter": 12345, "namadokter": "dr. Uji"}]}


def as_kepala(client: Any, where: factories.Site) -> Api:
    return Api(client, login(client, where.username("kepala"), PASSWORD))


def test_an_admin_sets_up_a_facility_and_the_readers_see_it(
        client: Any, engine: Engine, admin: Api, app: Any) -> None:
    where = site(engine)
    assert admin.get(f"{B}/facilities/{where.code}").get_json() == {
        "facility": where.code, "level": "fktp", "ppk_code": "", "reporting": False,
        "new_patients": "accept", "services": []}
    made = put(admin, f"{B}/facilities/{where.code}", SETUP)
    assert made.status_code == 201, made.get_json()
    assert made.get_json()["services"][0]["kodepoli"] == "UMU"
    assert made.get_json()["new_patients"] == "accept"  # left out: every card books
    assert put(admin, f"{B}/facilities/{where.code}", {**SETUP, "level": "fkrtl"}
               ).status_code == 200
    with app.extensions["antrian"].uow() as uow:
        facility_id = uow.directory.facility(where.code).id
        assert config.facility_setup(uow, facility_id).level == "fkrtl"
        poli = config.service_by_kodepoli(uow, facility_id, "UMU")
        assert poli is not None and (poli.kodedokter, poli.namadokter) == (12345, "dr. Uji")
        assert config.service_by_kodepoli(uow, facility_id, "GIG") is None
    rows = [r for r in audit(admin, where.code) if r["object_kind"] == "bpjs_facility"]
    assert [r["action"] for r in rows] == ["update", "create"]
    assert rows[0]["before"]["level"] == "fktp" and rows[0]["after"]["level"] == "fkrtl"


@pytest.mark.parametrize(("change", "named"), [
    ({"level": "rs"}, "level"),
    ({"services": [{"service": "tidak-ada", "role": "poli", "kodepoli": "X"}]},
     "services[0]"),
    ({"services": [{"service": "umum", "role": "poli"}]}, "kodepoli"),
    ({"services": [{"service": "umum", "role": "kasir"}]}, "role"),
    ({"services": [{"service": "umum", "kodepoli": "UMU"},
                   {"service": "gigi", "kodepoli": "umu"}]}, "services[1]"),
    ({"services": [{"service": "umum", "kodepoli": "UMU", "kodedokter": "dr"}]},
     "kodedokter"),
    ({"services": [{"service": "umum", "kodepoli": "UMU", "kodedokter": 10**12}]},
     "kodedokter"),
    ({"reporting": "tidak"}, "reporting"),
    ({"new_patients": "daftar"}, "new_patients"),
    ({"services": {"umum": "UMU"}}, "services"),
])
def test_a_bad_setup_is_refused_naming_the_entry_and_nothing_is_written(
        engine: Engine, admin: Api, change: dict[str, Any], named: str) -> None:
    where = factories.facility(services=[factories.service("umum", "B"),
                                         factories.service("gigi", "C")]).load(engine)
    path = f"{B}/facilities/{where.code}"
    assert put(admin, path, SETUP).status_code == 201
    refused = put(admin, path, {**SETUP, **change})
    assert refused.status_code == 422, refused.get_json()
    said = refused.get_json()["error"]
    assert said["code"] == "invalid_bpjs_config" and named in said["message"]
    english = put(admin, path, {**SETUP, **change}, english=True).get_json()["error"]
    assert named in english["message"] and english["message"] != said["message"]
    kept = admin.get(path).get_json()
    assert kept["level"] == "fktp" and [s["kodepoli"] for s in kept["services"]] == ["UMU"]


def test_a_facility_admin_sets_up_its_own_facility_only(
        client: Any, engine: Engine, admin: Api, app: Any) -> None:
    mine, other = site(engine), site(engine)
    kepala = as_kepala(client, mine)
    assert put(kepala, f"{B}/facilities/{mine.code}", SETUP).status_code == 201
    refused = put(kepala, f"{B}/facilities/{other.code}", SETUP)
    assert refused.status_code == 403
    assert refused.get_json()["error"]["code"] == "wrong_facility"
    assert kepala.get(f"{B}/facilities/{other.code}").status_code == 403
    operator = Api(client, login(client, mine.username("petugas"), PASSWORD))
    assert put(operator, f"{B}/facilities/{mine.code}", SETUP).status_code == 403
    assert app.test_client().get(f"{B}/facilities/{mine.code}").status_code == 401


def test_accounts_are_created_checked_and_audited_without_their_password(
        client: Any, engine: Engine, admin: Api, app: Any) -> None:
    mine, other = site(engine), site(engine)
    name = factories.fresh("mjkn")
    incomplete = put(admin, f"{B}/accounts/{name}", {"facility": mine.code})
    assert incomplete.status_code == 422
    weak = put(admin, f"{B}/accounts/{name}", {"facility": mine.code, "password": "demo"})
    assert weak.status_code == 422 and weak.get_json()["error"]["code"] == "weak_password"
    made = put(admin, f"{B}/accounts/{name}",
               {"facility": mine.code, "password": "Kuat-sekali-2026"})
    assert made.status_code == 201
    assert made.get_json() == {"username": name, "facility": mine.code, "active": True}
    with app.extensions["antrian"].uow() as uow:
        row = config.account_for(uow, name)
        assert row is not None and row.version == 1
        assert check_password_hash(row.password_hash, "Kuat-sekali-2026")
    kepala_other = as_kepala(client, other)
    assert put(kepala_other, f"{B}/accounts/{name}", {"active": False}).status_code == 403
    kepala = as_kepala(client, mine)
    changed = put(kepala, f"{B}/accounts/{name}", {"password": "Lebih-kuat-2027"})
    assert changed.status_code == 200
    assert put(kepala, f"{B}/accounts/{name}", {"facility": other.code}).status_code == 403
    with app.extensions["antrian"].uow() as uow:
        assert config.account_for(uow, name).version == 2
    rows = [r for r in audit(admin, mine.code) if r["object_kind"] == "bpjs_account"]
    assert [r["action"] for r in rows] == ["update", "create"]
    assert rows[0]["after"]["password"] == "***" and "Lebih" not in str(rows)


def test_setup_bpjs_writes_the_demo_mapping_for_a_test(app: Any) -> None:
    made = setup_bpjs(app)
    assert set(made.polis) == {"UMU", "GIG", "KIA"} and made.username == "mobilejkn"
    with app.extensions["antrian"].uow() as uow:
        roles = config.service_roles(uow, made.facility_id)
        assert roles[made.services["pendaftaran"]].role == "registration"
        assert roles[made.services["apotek"]].role == "pharmacy"
        assert config.facility_setup(uow, made.facility_id).level == "fkrtl"


def test_new_patients_register_first_where_the_setup_says_so(
        engine: Engine, admin: Api, app: Any) -> None:
    """`new_patients` "register": a card never seen at the facility is a new patient
    (BPJS's 202) until registered; "accept" (the default) books every card."""
    where = site(engine)
    path = f"{B}/facilities/{where.code}"
    made = put(admin, path, {**SETUP, "new_patients": "Register"})
    assert made.status_code == 201 and made.get_json()["new_patients"] == "register"
    assert admin.get(path).get_json()["new_patients"] == "register"
    with app.extensions["antrian"].uow() as uow:
        facility_id = uow.directory.facility(where.code).id
        with pytest.raises(WsNewPatient):
            known_norm(uow, facility_id, "0001234567890")
    assert put(admin, path, SETUP).get_json()["new_patients"] == "accept"
    with app.extensions["antrian"].uow() as uow:
        assert known_norm(uow, facility_id, "0001234567890") == ""
    rows = [r for r in audit(admin, where.code) if r["object_kind"] == "bpjs_facility"]
    assert rows[0]["before"]["new_patients"] == "register"
