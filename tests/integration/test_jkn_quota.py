"""The JKN / non-JKN split of a day's booking places (issue 19): the rule under a
concurrent rush on both databases, what the services list shows, the phone hold path,
and `jkn_quota` configured through `load-config` and the admin API (checked, audited)."""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor
from datetime import timedelta
from typing import Any

import pytest
from sqlalchemy import Engine

from queue_server.services.bookings import quota_left
from tests.conftest import Api
from tests.integration.test_admin_catalogue import A, audit, put
from tests.support import factories
from tests.support.factories import TODAY, booking, error, post
from tests.support.http import JsonClient

DAY = TODAY + timedelta(days=1)


def card(n: int) -> str:
    """A BPJS card number (13 digits) for patient `n`."""
    return f"000{n:010d}"


def split_site(engine: Engine, quota: int = 16, jkn: int | None = 10) -> factories.Site:
    return factories.facility("pkm-jkn", services=[
        factories.service("umum", "B", booking_quota=quota, jkn_quota=jkn)],
        counters=[]).load(engine)


def test_a_rush_of_jkn_and_other_bookings_fills_each_side_exactly(
        live_server: str, engine: Engine, app: Any) -> None:
    site = split_site(engine)

    def attempt(i: int) -> tuple[bool, int, str | None]:
        client = JsonClient(live_server)
        jkn = i % 2 == 0
        extra = {"bpjs_number": card(i)} if jkn else {}
        reply = client.post("/api/v1/bookings",
                            booking(DAY, facility=site.code, n=i, **extra))
        client.close()
        return jkn, reply.status, reply.error_code

    with ThreadPoolExecutor(40) as pool:
        results = list(pool.map(attempt, range(40)))
    assert all(status < 500 for _, status, _ in results)
    assert sum(1 for jkn, status, _ in results if jkn and status == 201) == 10
    assert sum(1 for jkn, status, _ in results if not jkn and status == 201) == 6
    assert {code for jkn, status, code in results if jkn and status != 201} == {
        "jkn_quota_full"}
    assert {code for jkn, status, code in results if not jkn and status != 201} == {
        "non_jkn_quota_full"}
    listed = JsonClient(live_server).get(
        f"/api/v1/facilities/{site.code}/services?date={DAY.isoformat()}").body[0]
    assert (listed["quota_left"], listed["jkn_quota"], listed["jkn_left"],
            listed["non_jkn_left"]) == (0, 10, 0, 0)
    with app.extensions["antrian"].uow() as uow:
        service_id = uow.directory.service(uow.directory.facility(site.code).id, "umum").id
        places = quota_left(uow, service_id, DAY)
    assert (places.total, places.left, places.jkn_quota, places.jkn_left,
            places.other_quota, places.other_left) == (16, 0, 10, 0, 6, 0)


@pytest.mark.sqlite_only("what the list shows is the same on both databases")
def test_the_services_list_shows_each_side_and_nulls_without_a_split(
        client: Any, engine: Engine) -> None:
    site = split_site(engine, quota=4, jkn=3)
    assert post(client, booking(DAY, facility=site.code, n=1, bpjs_number=card(1))
                ).status_code == 201
    assert post(client, booking(DAY, facility=site.code, n=2)).status_code == 201
    refused = post(client, booking(DAY, facility=site.code, n=3))
    assert refused.status_code == 409 and error(refused) == "non_jkn_quota_full"
    assert "non-JKN" in refused.get_json()["error"]["message"]
    listed = client.get(f"/api/v1/facilities/{site.code}/services?date={DAY}").get_json()[0]
    assert (listed["booking_quota"], listed["quota_left"], listed["jkn_left"],
            listed["non_jkn_left"]) == (4, 2, 2, 0)
    shared = client.get("/api/v1/facilities/pkm-demo/services").get_json()
    lab = next(s for s in shared if s["code"] == "lab")
    assert (lab["jkn_quota"], lab["jkn_left"], lab["non_jkn_left"]) == (None, None, None)
    umum = next(s for s in shared if s["code"] == "umum")
    assert (umum["jkn_quota"], umum["jkn_left"], umum["non_jkn_left"]) == (35, 35, 15)


@pytest.mark.sqlite_only("the hold path shares the rule counted under the same lock")
def test_a_phone_hold_is_refused_when_its_side_is_full(engine: Engine, clock: Any) -> None:
    from tests.conftest import make_app

    site = split_site(engine, quota=2, jkn=1)
    client = make_app(engine, clock, NOTIFY_WEBHOOK_URL="http://127.0.0.1:9/hook",
                      NOTIFY_WORKER=False).test_client()
    first = post(client, booking(DAY, facility=site.code, n=1, bpjs_number=card(1)))
    assert first.status_code == 202, first.get_json()  # held: its place counts
    second = post(client, booking(DAY, facility=site.code, n=2, bpjs_number=card(2)))
    assert second.status_code == 409 and error(second) == "jkn_quota_full"
    assert post(client, booking(DAY, facility=site.code, n=3)).status_code == 202


@pytest.mark.sqlite_only("configuration checks do not depend on the database")
def test_jkn_quota_in_a_file_is_checked_and_kept(engine: Engine) -> None:
    from queue_server.domain.errors import InvalidInput

    with pytest.raises(InvalidInput, match="jkn_quota"):
        split_site(engine, quota=5, jkn=6)
    site = split_site(engine, quota=5, jkn=5)
    from queue_server.persistence.uow import SqlUnitOfWork

    with SqlUnitOfWork(engine) as uow:
        facility = uow.directory.facility(site.code)
        assert uow.directory.service(facility.id, "umum").jkn_quota == 5


@pytest.mark.sqlite_only("configuration checks do not depend on the database")
def test_the_admin_api_sets_jkn_quota_checked_and_audited(engine: Engine, admin: Api) -> None:
    site = split_site(engine, quota=20, jkn=None)
    path = f"{A}/facilities/{site.code}/services/umum"
    entry = {"name": "Poli Umum", "prefix": "B", "booking_quota": 20}
    too_many = put(admin, path, {**entry, "jkn_quota": 21})
    assert too_many.status_code == 422
    body = too_many.get_json()["error"]
    assert body["code"] == "invalid_config" and "jkn_quota" in body["message"]
    assert admin.get(path).get_json()["jkn_quota"] is None  # nothing written
    assert put(admin, path, {**entry, "jkn_quota": 12}).status_code == 200
    assert admin.get(path).get_json()["jkn_quota"] == 12
    row = audit(admin, site.code)[0]
    assert (row["object_kind"], row["before"]["jkn_quota"], row["after"]["jkn_quota"]) == (
        "service", None, 12)
    assert put(admin, path, {**entry, "jkn_quota": None}).status_code == 200
    assert admin.get(path).get_json()["jkn_quota"] is None
