"""The admin API's faults a reviewer found (issue 15): weak secrets, numbers beyond a
column, wrong types and lengths, unknown keys on import, lock-outs, a token another
device has, and messages a clerk reads. SQLite and PostgreSQL."""

from __future__ import annotations

import json
from typing import Any

import pytest
from sqlalchemy import Engine

from queue_server.domain.errors import InvalidInput
from tests.conftest import Api, login, make_app
from tests.integration.test_admin_catalogue import A, as_user, audit, put, site
from tests.support import factories

STRONG = "kopi-tubruk-pagi-hari"


def error(reply: Any, status: int = 422) -> dict[str, Any]:
    assert reply.status_code == status, reply.get_json()
    return dict(reply.get_json()["error"])


def raw_put(api: Api, path: str, text: str) -> Any:
    return api.client.put(path, data=text, content_type="application/json",
                          headers=api.headers())


def test_outside_a_demo_weak_passwords_and_tokens_are_refused_naming_the_rule(
        engine: Engine, admin: Api) -> None:
    where = site(engine)
    short = error(put(admin, f"{A}/users/lemah2",
                      {"role": "operator", "facility": where.code, "name": "x",
                       "password": "12345678"}))
    assert short["code"] == "weak_password" and "lemah" in short["message"]
    same = put(admin, f"{A}/users/lemah-sama", {"facility": where.code,
                                                "password": "lemah-sama"}, english=True)
    assert "username" in error(same)["message"]
    token = error(put(admin, f"{A}/facilities/{where.code}/devices/kios-lemah",
                      {"kind": "kiosk", "token": "abc"}))
    assert token["code"] == "weak_token" and "16" in token["message"]
    text = admin.get(f"{A}/facilities/{where.code}/export").get_data(as_text=True)
    weak = text.replace("facilities:", "facilities:", 1) + (
        f"- {{username: lemah3-{where.code}, facility: {where.code}, password: rahasia123}}\n")
    imported = admin.post(f"{A}/facilities/{where.code}/import", data=weak,
                          content_type="application/yaml")
    assert error(imported)["code"] == "weak_password"
    assert admin.get(f"{A}/users/lemah2").status_code == 404
    assert audit(admin, where.code) == []


def test_in_a_demo_only_new_users_and_devices_are_refused_a_weak_secret(
        engine: Engine, clock: Any) -> None:
    demo = make_app(engine, clock, DEMO=True).test_client()
    admin = Api(demo, login(demo, "admin"))
    assert error(put(admin, f"{A}/users/baru-demo", {"facility": "pkm-demo",
                                                     "password": "demo"}))["code"] == (
        "weak_password")
    kept = put(admin, f"{A}/users/petugas", {"facility": "pkm-demo", "name": "Petugas Loket",
                                             "password": "demo"})
    assert kept.status_code == 200, kept.get_json()


def test_numbers_must_be_finite_and_fit_their_column(engine: Engine, admin: Api) -> None:
    where = site(engine)
    path = f"{A}/facilities/{where.code}/services/lab"
    for key, value in (("avg_minutes", "1e400"), ("booking_quota", "1e20"),
                       ("walkin_limit", "100001"), ("target_wait", "1441"),
                       ("avg_minutes", "NaN")):
        body = f'{{"name": "Lab", "prefix": "L", "{key}": {value}}}'
        said = error(raw_put(admin, path, body))
        assert said["code"] == "invalid_config" and f"'{key}'" in said["message"], said
    assert admin.get(path).status_code == 404
    listed = admin.get(f"{A}/facilities/{where.code}/services")
    json.loads(listed.get_data(as_text=True))  # still valid JSON: nothing was stored


def test_the_loader_refuses_an_endless_number_too(engine: Engine) -> None:
    made = factories.facility(services=[factories.service(avg_minutes=float("inf"))])
    with pytest.raises(InvalidInput, match="avg_minutes"):
        made.load(engine)


def test_wrong_types_lengths_and_audit_dates_get_a_422_naming_the_key(engine: Engine,
                                                                    admin: Api) -> None:
    where = site(engine)
    base = f"{A}/facilities/{where.code}"
    counter = error(put(admin, f"{base}/counters/c1", {"name": ["a"], "services": ["umum"]}))
    assert "'name'" in counter["message"]
    assert "'name'" in error(put(admin, f"{base}/services/lab",
                                 {"name": 5, "prefix": "L"}))["message"]
    assert "'running_text'" in error(put(admin, base, {"name": "X",
                                                       "running_text": 123}))["message"]
    assert "'name'" in error(put(admin, f"{base}/services/lab",
                                 {"name": "x" * 121, "prefix": "L"}))["message"]
    assert error(put(admin, f"{base}/services/{'a' * 41}",
                     {"name": "Lab", "prefix": "L"}))["code"] == "invalid_config"
    assert error(put(admin, f"{A}/users/Budi Santoso", {"facility": where.code,
                                                        "password": STRONG}))["code"] == (
        "invalid_config")
    for query, code in (("from=0001-01-01", "invalid_date"), ("to=9999-12-31", "invalid_date"),
                        ("from=2026-02-30", "invalid_date"),
                        ("from=2026-05-04&to=2026-05-01", "invalid_range")):
        said = error(admin.get(f"{A}/audit?facility={where.code}&{query}"))
        assert said["code"] == code, (query, said)
    assert "tidak ada" in error(admin.get(f"{A}/audit?from=2026-02-30"))["message"]
    assert audit(admin, where.code) == []


def test_an_unknown_key_inside_an_imported_entry_is_refused_naming_it(engine: Engine,
                                                                     admin: Api) -> None:
    where = site(engine)
    text = admin.get(f"{A}/facilities/{where.code}/export").get_data(as_text=True)
    for old, new in (("booking_quota:", "booking_qouta:"), ("    services:\n", "    servics:\n"),
                     ("role: operator", "rol: operator")):
        assert old in text
        refused = admin.post(f"{A}/facilities/{where.code}/import",
                             data=text.replace(old, new, 1), content_type="application/yaml")
        said = error(refused)
        assert f"Kunci '{new.split(':')[0].strip()}' tidak dikenal" in said["message"], said
    with pytest.raises(InvalidInput, match="booking_qouta"):
        factories.facility(services=[factories.service(booking_qouta=5)]).load(engine)
    assert audit(admin, where.code) == []


def test_nobody_changes_their_own_role_or_active_state(engine: Engine, admin: Api,
                                                      client: Any) -> None:
    where = site(engine)
    itself = error(put(admin, f"{A}/users/admin", {"role": "city", "password": STRONG}), 409)
    assert itself["code"] == "own_account"
    assert error(put(admin, f"{A}/users/admin", {"role": "admin", "active": False}),
                 409)["code"] == "own_account"
    boss = as_user(client, where, "kepala")
    off = put(boss, f"{A}/users/{where.username('kepala')}",
              {"role": "facility_admin", "active": False})
    assert error(off, 409)["code"] == "own_account"
    renamed = put(boss, f"{A}/users/{where.username('kepala')}",
                  {"role": "facility_admin", "name": "Kepala Baru"})
    assert renamed.status_code == 200, renamed.get_json()


def test_a_token_another_device_has_is_refused_without_saying_whose(engine: Engine,
                                                                   admin: Api) -> None:
    mine, theirs = site(engine), site(engine)
    token = "k3Zb-qN8w-Lr5t-Yx2v-Pc7m"
    made = put(admin, f"{A}/facilities/{theirs.code}/devices/tv1",
               {"kind": "display", "token": token})
    assert made.status_code == 201, made.get_json()
    refused = put(admin, f"{A}/facilities/{mine.code}/devices/tv1",
                  {"kind": "display", "token": token})
    said = error(refused)
    assert said["code"] == "invalid_config" and "token lain" in said["message"]
    assert theirs.code not in said["message"] and "tv1" in said["message"]


def test_admin_messages_are_indonesian_name_the_field_and_carry_no_python(
        engine: Engine, admin: Api) -> None:
    where = site(engine)
    base = f"{A}/facilities/{where.code}/services"
    unknown = error(put(admin, f"{base}/lab", {"name": "Lab", "prefix": "L", "kuota": 1}))
    assert unknown["message"].endswith("Kunci 'kuota' tidak dikenal.")
    listed = error(put(admin, f"{base}/lab", ["a"]))
    assert listed["message"].startswith("Isinya harus") and "_schema" not in str(listed)
    flag = error(put(admin, f"{base}/lab", {"name": "Lab", "prefix": "L", "active": None}))
    assert "bukan null" in flag["message"]
    closed = error(put(admin, f"{base}/lab", {"name": "Lab", "prefix": "L", "closed_dates": [
        {"date": "2026-02-30", "reason": "x"}]}))
    assert "2026-02-30" in closed["message"] and "tidak ada di kalender" in closed["message"]
    taken = error(put(admin, f"{base}/lab", {"name": "Lab", "prefix": "B"}))
    assert "'B'" in taken["message"] and "umum" in taken["message"]
    english = error(put(admin, f"{base}/lab", {"name": "Lab", "prefix": "L", "kuota": 1},
                        english=True))
    assert english["message"].endswith("Unknown key 'kuota'.")


def test_hours_overlapping_are_refused_and_come_back_monday_first(engine: Engine,
                                                                  admin: Api,
                                                                  client: Any) -> None:
    where = site(engine)
    path = f"{A}/facilities/{where.code}/services/lab"
    overlap = error(put(admin, path, {"name": "Lab", "prefix": "L",
                                      "hours": {"weekdays": ["07:30-12:00", "11:00-13:00"]}}))
    assert overlap["code"] == "invalid_hours" and "07:30-12:00" in overlap["message"]
    with pytest.raises(InvalidInput, match="11:00-13:00"):
        factories.facility(services=[factories.service(
            hours={"mon": ["07:30-12:00", "11:00-13:00"]})]).load(engine)
    made = put(admin, path, {"name": "Lab", "prefix": "L",
                             "hours": {"2026-12-24": "08:00-10:00", "sun": "08:00-09:00",
                                       "weekdays": "07:30-14:30"}})
    assert made.status_code == 201, made.get_json()
    days = list(admin.get(path).get_json()["hours"])
    assert days == ["mon", "tue", "wed", "thu", "fri", "sat", "sun", "2026-12-24"]
    boss = as_user(client, where, "kepala")
    assert error(boss.get(f"{A}/users/tidak-ada-{where.code}"), 403)["code"] == (
        "wrong_facility")
