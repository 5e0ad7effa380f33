"""The admin API (issue 15) for devices, users, the audit log and export/import: a token
shown once and working, revoked at once; a user deactivated is out at once; secrets never
answered and "***" in the audit; an export imported back changes nothing."""

from __future__ import annotations

from typing import Any

from sqlalchemy import Engine

from tests.conftest import Api, login
from tests.integration.test_admin_catalogue import A, as_user, audit, put, site
from tests.support.factories import PASSWORD


def test_a_new_kiosk_gets_a_token_once_that_works_until_revoked(engine: Engine, admin: Api,
                                                               client: Any) -> None:
    where = site(engine)
    path = f"{A}/facilities/{where.code}/devices/kiosk9"
    made = put(admin, path, {"kind": "kiosk", "name": "Kiosk 9"})
    assert made.status_code == 201, made.get_json()
    token = made.get_json()["token"]
    assert len(token) >= 32
    shown = admin.get(path).get_json()
    assert "token" not in shown and "token_hash" not in shown and shown["active"] is True
    assert Api(client, token).get("/api/v1/kiosk/services").status_code == 200
    renewed = admin.post(path + "/token").get_json()["token"]
    assert Api(client, token).get("/api/v1/kiosk/services").status_code == 401
    assert Api(client, renewed).get("/api/v1/kiosk/services").status_code == 200
    assert put(admin, path, {"kind": "kiosk", "active": False}).status_code == 200
    assert Api(client, renewed).get("/api/v1/kiosk/services").status_code == 401
    rows = audit(admin, where.code)
    assert [r["action"] for r in rows] == ["deactivate", "token", "create"]
    assert all(r["after"]["token_hash"] == "***" for r in rows)
    assert token not in str(rows) and renewed not in str(rows)


def test_a_deactivated_user_is_refused_at_once(engine: Engine, admin: Api,
                                               client: Any) -> None:
    where = site(engine)
    name = where.username("petugas")
    operator = Api(client, login(client, name, PASSWORD))
    assert operator.get("/api/v1/counters").status_code == 200
    boss = as_user(client, where, "kepala")
    off = put(boss, f"{A}/users/{name}", {"role": "operator", "active": False})
    assert off.status_code == 200, off.get_json()
    assert off.get_json() == {"username": name, "role": "operator", "facility": where.code,
                              "name": name, "active": False}
    assert operator.get("/api/v1/counters").status_code == 401


def test_users_are_made_with_a_password_never_shown_and_scoped(engine: Engine, admin: Api,
                                                               client: Any) -> None:
    where, other = site(engine), site(engine)
    boss = as_user(client, where, "kepala")
    new = f"perawat-{where.code}"
    assert put(boss, f"{A}/users/{new}", {"name": "Perawat"}).status_code == 422  # password
    made = put(boss, f"{A}/users/{new}", {"password": "kopi-tubruk-pagi-hari"})
    assert made.status_code == 201, made.get_json()
    assert made.get_json()["facility"] == where.code and "password" not in made.get_json()
    assert login(client, new, "kopi-tubruk-pagi-hari")
    assert put(boss, f"{A}/users/{new}x", {"role": "admin", "password": "x" * 20}
               ).status_code == 403
    assert boss.get(f"{A}/users/{other.username('kepala')}").status_code == 403
    assert boss.get(f"{A}/users/admin").status_code == 403
    names = {u["username"] for u in boss.get(f"{A}/users").get_json()["users"]}
    assert names == {where.username("kepala"), where.username("petugas"), new}
    row = audit(admin, where.code)[0]
    assert (row["actor"], row["action"]) == (f"staff:{where.username('kepala')}", "create")
    assert row["after"]["password_hash"] == "***"
    assert Api(client, login(client, "dinkes")).get(f"{A}/users").status_code == 403


def test_an_export_imported_back_changes_nothing(engine: Engine, admin: Api) -> None:
    where = site(engine)
    put(admin, f"{A}/facilities/{where.code}/devices/tv1", {"kind": "display"})
    exported = admin.get(f"{A}/facilities/{where.code}/export")
    assert exported.status_code == 200 and exported.mimetype == "application/yaml"
    text = exported.get_data(as_text=True)
    assert "token_hash" in text and "password_hash" in text
    before = audit(admin, where.code)
    back = admin.post(f"{A}/facilities/{where.code}/import", data=text,
                      content_type="application/yaml")
    assert back.status_code == 200, back.get_json()
    assert back.get_json()["changed"] == 0 and back.get_json()["users"] == 2
    assert admin.get(f"{A}/facilities/{where.code}/export").get_data(as_text=True) == text
    assert audit(admin, where.code) == before
    renamed = text.replace(f"name: Puskesmas {where.code}", "name: Puskesmas Baru")
    again = admin.post(f"{A}/facilities/{where.code}/import", data=renamed,
                       content_type="application/yaml")
    assert again.get_json()["changed"] == 1
    assert audit(admin, where.code)[0]["action"] == "import"


def test_an_import_of_another_facility_is_refused_whole(engine: Engine, admin: Api) -> None:
    where, other = site(engine), site(engine)
    text = admin.get(f"{A}/facilities/{other.code}/export").get_data(as_text=True)
    refused = admin.post(f"{A}/facilities/{where.code}/import", data=text,
                         content_type="application/yaml")
    assert refused.status_code == 422
    assert refused.get_json()["error"]["code"] == "invalid_config"
    broken = admin.post(f"{A}/facilities/{where.code}/import", data="facilities: [",
                        content_type="application/yaml")
    assert broken.status_code == 422
