"""GET requests.json's query as GeoReport v2 reads it: ids, dates in city time, statuses."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from queue_server.eservices.wadul.open311_errors import Open311FieldInvalid
from queue_server.eservices.wadul.open311_query import parse_query

TZ = "Asia/Jakarta"


def test_a_date_without_an_offset_is_city_time_and_one_with_an_offset_is_kept() -> None:
    query = parse_query({"start_date": "2026-11-23", "end_date": "2026-11-24T10:00:00Z"}, TZ)
    assert query.start == datetime(2026, 11, 22, 17, 0, tzinfo=UTC)
    assert query.end == datetime(2026, 11, 24, 10, 0, tzinfo=UTC)


def test_ids_are_read_as_public_references_once_each_and_statuses_as_a_list() -> None:
    query = parse_query({"service_request_id": "wadul-12, WADUL-12,WADUL-7",
                         "status": "Open,closed"}, TZ)
    assert query.ids == (12, 7) and query.statuses == ("open", "closed")
    assert parse_query({}, TZ).ids is None and parse_query({"status": " "}, TZ).statuses is None


@pytest.mark.parametrize("args", [
    {"start_date": "kemarin"}, {"end_date": "2026-02-30"},
    {"start_date": "0001-01-01T00:00:00+14:00"}, {"status": "pending"},
    {"service_request_id": "A-1"}, {"service_request_id": "ABCDEFGHJK"},
    {"service_request_id": "WADUL-"}, {"service_request_id": "SURAT-3"},
    {"service_request_id": ",".join(f"WADUL-{n}" for n in range(1001))},
    {"start_date": "2026-11-30", "end_date": "2026-11-01"}, {"service_code": "x" * 41}])
def test_what_is_not_a_query_is_refused_naming_the_field(args: dict[str, str]) -> None:
    with pytest.raises(Open311FieldInvalid) as refused:
        parse_query(args, TZ)
    assert refused.value.values["field"] in args
