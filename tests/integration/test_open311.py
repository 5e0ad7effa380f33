"""Open311 GeoReport v2 over e-Wadul: the spec's field names, filing with an admin-issued
key, keys refused, complaints not public (unverified, confidential, unconfirmed) never
shown, anonymous ones without identity, the query filters (the key routes are in
test_open311_keys.py, public references in test_wadul_public.py)."""

from __future__ import annotations

import json
from typing import Any

import pytest
from sqlalchemy import Engine, text

from tests.conftest import Api
from tests.integration.wadul_public_support import ref_of, verify_all
from tests.integration.wadul_support import *  # noqa: F403
from tests.integration.wadul_support import act, caller

# GeoReport v2's own field lists (wiki.open311.org/GeoReport_v2), written out here rather
# than read from the code under test.
SERVICE = {"service_code", "service_name", "description", "metadata", "type", "keywords",
           "group"}
DEFINITION = {"service_code", "attributes"}
ATTRIBUTE = {"variable", "code", "datatype", "required", "datatype_description", "order",
             "description", "values"}
FILED = {"service_request_id", "service_notice", "account_id"}
REQUEST = {"service_request_id", "status", "status_notes", "service_name", "service_code",
           "description", "agency_responsible", "service_notice", "requested_datetime",
           "updated_datetime", "expected_datetime", "address", "address_id", "zipcode",
           "lat", "long", "media_url"}
EXTENSIONS = {"detailed_status"}  # Klarschiff's detailed status beside open/closed
BASE = "/open311/v2"
KEYS = "/api/v1/wadul/open311-keys"
GOOD = {"service_code": "jalan-rusak", "description": "Jalan berlubang di depan pasar.",
        "address_string": "Keputran", "lat": "-7.2871", "long": "112.7394"}


def new_key(admin: Api, name: str = "Aplikasi Warga") -> dict[str, Any]:
    reply = admin.post(KEYS, {"name": name, "note": "uji"})
    assert reply.status_code == 201, reply.get_json()
    return dict(reply.get_json())


def post(client: Any, key: str | None, **fields: Any) -> Any:
    body = {**GOOD, **fields}
    if key is not None:
        body["api_key"] = key
    return client.post(f"{BASE}/requests.json",
                       data={k: v for k, v in body.items() if v is not None})


def filed(client: Any, key: str, **fields: Any) -> str:
    """File a request; its service_request_id (the public reference)."""
    reply = post(client, key, **fields)
    assert reply.status_code == 201, reply.get_json()
    return str(reply.get_json()[0]["service_request_id"])


def code_of(engine: Engine, ref: str) -> str:
    """The tracking code behind a public reference (what only the filer holds)."""
    with engine.connect() as conn:
        return str(conn.execute(text("SELECT code FROM cases WHERE id = :i"),
                                {"i": int(ref.split("-")[1])}).scalar_one())


def is_error(reply: Any, status: int) -> str:
    """The reply is GeoReport's error answer with `status`; its description."""
    assert reply.status_code == status, reply.get_data(as_text=True)
    body = reply.get_json()
    assert isinstance(body, list) and len(body) == 1 and set(body[0]) == {"code", "description"}
    assert body[0]["code"] == status and body[0]["description"]
    return str(body[0]["description"])


def _cases(engine: Engine) -> int:
    with engine.connect() as conn:
        return int(conn.execute(text("SELECT count(*) FROM cases")).scalar_one())


@pytest.mark.sqlite_only("shapes of answers, not the database")
def test_services_and_their_definitions_have_exactly_the_spec_s_fields(
        client: Any, wadul: Engine) -> None:
    services = client.get(f"{BASE}/services.json").get_json()
    assert len(services) >= 15 and all(set(s) == SERVICE for s in services)
    road = next(s for s in services if s["service_code"] == "jalan-rusak")
    assert road["group"] == "Dinas Sumber Daya Air dan Bina Marga" and road["metadata"] is True
    assert road["type"] == "realtime" and "5 hari kerja" in road["description"]
    fire = next(s for s in services if s["service_code"] == "kebakaran")
    assert "112" in fire["description"] and fire["metadata"] is False
    english = client.get(f"{BASE}/services.json?lang=en").get_json()
    assert "Damaged road" in {s["service_name"] for s in english}
    definition = client.get(f"{BASE}/services/jalan-rusak.json").get_json()
    assert set(definition) == DEFINITION
    assert [a["code"] for a in definition["attributes"]] == ["kelurahan", "anonymous",
                                                             "confidential"]
    assert all(set(a) == ATTRIBUTE and a["required"] is False
               for a in definition["attributes"])
    assert client.get(f"{BASE}/services/kebakaran.json").get_json()["attributes"] == []
    assert "tidak ada" in is_error(client.get(f"{BASE}/services/tidak-ada.json"), 404)


def test_a_request_filed_with_a_key_is_a_complaint_on_the_open311_channel(
        client: Any, admin: Api, wadul: Engine) -> None:
    key = new_key(admin)
    reply = post(client, key["key"], first_name="Budi", last_name="Santoso",
                 phone="081298765432", email="budi@example.org",
                 media_url="https://foto.example.org/lubang.jpg")
    assert reply.status_code == 201
    [answer] = reply.get_json()
    assert set(answer) == FILED and answer["account_id"] is None
    ref = answer["service_request_id"]
    code = code_of(wadul, ref)
    assert ref.startswith("WADUL-") and f"/c/{code}" in answer["service_notice"]
    with wadul.connect() as conn:
        row = conn.execute(text(
            "SELECT r.channel, r.open311_key_id, r.kelurahan, r.address, c.name, c.phone, "
            "c.confirmed FROM wadul_reports r JOIN cases c ON c.id = r.case_id "
            "WHERE c.code = :code"), {"code": code}).one()
        media = conn.execute(text(
            "SELECT e.data FROM case_events e JOIN cases c ON c.id = e.case_id "
            "WHERE c.code = :code AND e.action = 'media_url'"), {"code": code}).scalar_one()
    assert tuple(row) == ("open311", key["id"], "Keputran", "Keputran", "Budi Santoso",
                          "+6281298765432", True)
    kept = media if isinstance(media, dict) else json.loads(media)
    assert kept == {"media_url": "https://foto.example.org/lubang.jpg"}
    is_error(client.get(f"{BASE}/requests/{ref}.json"), 404)  # public once verified
    verify_all(wadul)
    [shown] = client.get(f"{BASE}/requests/{ref}.json").get_json()
    assert set(shown) == REQUEST | EXTENSIONS and shown["service_request_id"] == ref
    assert (shown["status"], shown["detailed_status"]) == ("open", "verified")
    assert shown["agency_responsible"] == "Media Center"
    assert shown["media_url"] == "https://foto.example.org/lubang.jpg"  # the app's own
    assert code not in json.dumps(shown)
    assert (shown["lat"], shown["long"]) == (-7.2871, 112.7394)
    assert shown["requested_datetime"] == "2026-11-23T08:00:00+07:00"


@pytest.mark.sqlite_only("the limit's store, not the database")
def test_filings_are_limited_per_key_in_the_spec_s_error_shape(
        app: Any, client: Any, admin: Api, wadul: Engine) -> None:
    app.config["OPEN311_LIMIT_PER_KEY"] = "2 per minute"
    first, second = new_key(admin, "Aplikasi A")["key"], new_key(admin, "Aplikasi B")["key"]
    assert [post(client, first).status_code for _ in range(2)] == [201, 201]
    refused = post(client, first)
    assert "Retry-After" in refused.headers
    is_error(refused, 429)
    assert post(client, second).status_code == 201  # another app has its own allowance


@pytest.mark.sqlite_only("parsing of the body")
def test_a_json_body_with_an_attribute_object_names_the_kelurahan(
        client: Any, admin: Api, wadul: Engine) -> None:
    key = new_key(admin)["key"]
    reply = client.post(f"{BASE}/requests.json", json={
        "api_key": key, "service_code": "sampah", "description": "Sampah menumpuk tiga hari.",
        "address_string": "Jl. Kombes Pol M. Duryat 12, dekat masjid besar di ujung gang",
        "lat": -7.26, "long": 112.74, "attribute": {"kelurahan": "Tegalsari"}})
    assert reply.status_code == 201, reply.get_json()
    verify_all(wadul)
    [shown] = client.get(
        f"{BASE}/requests/{reply.get_json()[0]['service_request_id']}.json").get_json()
    assert shown["address"].startswith("Jl. Kombes") and shown["service_code"] == "sampah"


@pytest.mark.sqlite_only("the key check is plain Python over one query")
def test_missing_wrong_and_deactivated_keys_are_refused_and_write_nothing(
        client: Any, admin: Api, wadul: Engine) -> None:
    assert "api_key" in is_error(post(client, None), 403)
    assert "tidak dikenal" in is_error(post(client, "bukan-kunci"), 403)
    assert is_error(post(client, "x" * 5000), 403)
    key = new_key(admin)
    assert admin.post(f"{KEYS}/{key['id']}/deactivate").get_json()["active"] is False
    assert is_error(post(client, key["key"]), 403)
    assert _cases(wadul) == 0


@pytest.mark.sqlite_only("the refusals are checks before any write")
def test_bad_fields_are_400_in_the_spec_s_error_shape_and_write_nothing(
        client: Any, admin: Api, wadul: Engine) -> None:
    key = new_key(admin)["key"]
    assert "service_code" in is_error(post(client, key, service_code=None), 400)
    assert "description" in is_error(post(client, key, description=None), 400)
    assert "lat" in is_error(post(client, key, lat="utara"), 400)
    assert "address_string" in is_error(
        post(client, key, address_string=None, lat=None, long=None), 400)
    assert is_error(post(client, key, media_url="javascript:alert(1)"), 400)
    assert is_error(post(client, key, lat="48.85", long="2.35"), 400)  # Paris
    assert "112" in is_error(post(client, key, service_code="kebakaran"), 400)
    assert is_error(post(client, key, service_code="tidak-ada"), 404)
    english = client.post(f"{BASE}/requests.json?lang=en", data={**GOOD, "api_key": key,
                                                                 "description": ""})
    assert "The field description is required" in is_error(english, 400)
    assert _cases(wadul) == 0


@pytest.mark.sqlite_only("visibility rules, checked on one database")
def test_confidential_and_unconfirmed_complaints_are_never_listed_nor_returned(
        client: Any, admin: Api, wadul: Engine) -> None:
    key = new_key(admin)["key"]
    public = filed(client, key)
    secret = filed(client, key, **{"attribute[confidential]": "true"})
    secret_web = file(client, confidential=True)  # noqa: F405
    waiting = filed(client, key)
    verify_all(wadul)
    waiting_code = code_of(wadul, waiting)
    with wadul.begin() as conn:
        conn.execute(text("UPDATE cases SET confirmed = :f WHERE code = :c"),
                     {"f": False, "c": waiting_code})
    listed = client.get(f"{BASE}/requests.json").get_json()
    assert [r["service_request_id"] for r in listed] == [public]
    unknown = is_error(client.get(f"{BASE}/requests/WADUL-999999.json"), 404)
    secret_web = ref_of(wadul, secret_web)
    for hidden in (secret, secret_web, waiting):
        said = is_error(client.get(f"{BASE}/requests/{hidden}.json"), 404)
        assert said == unknown.replace("WADUL-999999", hidden)
    ids = ",".join([public, secret, secret_web, waiting])
    assert len(client.get(f"{BASE}/requests.json?service_request_id={ids}").get_json()) == 1


@pytest.mark.sqlite_only("what the answer carries, not the database")
def test_no_answer_carries_the_reporter_s_identity(client: Any, admin: Api,
                                                   wadul: Engine) -> None:
    key = new_key(admin)["key"]
    named = filed(client, key, first_name="Rahmat", last_name="Hidayatullah",
                  phone="081377788899")
    anonymous = filed(client, key, first_name="Sulastri", phone="081355566677",
                      **{"attribute[anonymous]": "true"})
    web_code = file(client, anonymous=True)  # noqa: F405  (with NIK, phone and name)
    web = ref_of(wadul, web_code)
    verify_all(wadul)
    everything = client.get(f"{BASE}/requests.json").get_data(as_text=True)
    for ref in (named, anonymous, web):
        reply = client.get(f"{BASE}/requests/{ref}.json")
        assert reply.status_code == 200
        everything += reply.get_data(as_text=True)
    codes = [code_of(wadul, ref) for ref in (named, anonymous)] + [web_code]
    for personal in ("Rahmat", "Hidayatullah", "81377788899", "Sulastri", "81355566677",
                     NIK, NAME, PHONE[1:], *codes):  # noqa: F405
        assert personal not in everything


def test_requests_are_filtered_by_id_service_status_and_requested_time(
        client: Any, clock: Any, admin: Api, wadul: Engine) -> None:
    key = new_key(admin)["key"]
    first = filed(client, key)
    clock.advance(days=2)
    second = filed(client, key, service_code="sampah")
    desk = caller(client, "mediacenter")  # logged in after the clock moved
    assert act(desk, code_of(wadul, second), "merge", comment="Sama dengan laporan lain.",
               duplicate_of=code_of(wadul, first)).status_code == 200
    verify_all(wadul)
    clock.advance(days=1)

    def ids(query: str = "") -> list[str]:
        reply = client.get(f"{BASE}/requests.json{query}")
        assert reply.status_code == 200, reply.get_json()
        return [r["service_request_id"] for r in reply.get_json()]

    assert ids() == [second, first]  # newest first
    assert ids("?status=open") == [first] and ids("?status=closed") == [second]
    assert ids("?status=open,closed") == [second, first]
    assert ids("?service_code=sampah") == [second]
    assert ids(f"?service_request_id={first.lower()}") == [first]
    assert ids("?start_date=2026-11-24T00:00:00%2B07:00") == [second]
    assert ids("?end_date=2026-11-24") == [first]
    assert ids("?start_date=2026-11-23T08:00:00Z") == [second]  # 15:00 WIB, after `first`
    assert ids("?start_date=2026-12-01") == []
    [closed] = client.get(f"{BASE}/requests/{second}.json").get_json()
    assert (closed["status"], closed["detailed_status"]) == ("closed", "merged")
    assert closed["status_notes"] == "Sama dengan laporan lain."
    assert closed["updated_datetime"] == "2026-11-25T08:00:00+07:00"
    for bad in ("?status=pending", "?start_date=kemarin", "?end_date=2026-02-30",
                "?service_request_id=A-1", "?start_date=2026-11-30&end_date=2026-11-01"):
        assert is_error(client.get(f"{BASE}/requests.json{bad}"), 400)
