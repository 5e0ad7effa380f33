"""The public OCDS feed: the release package (validating, newest last, `since` filters,
`limit` pages with `links.next`), on both databases; the record's 404 and a bad `since`'s
422; both routes in the OpenAPI document."""

from __future__ import annotations

from datetime import timedelta
from typing import Any
from urllib.parse import urlsplit

import pytest

from tests.support.ocds_chain import Chain, errors_of

FEED = "/api/v1/ocds/releases"


def _get(client: Any, url: str, status: int = 200) -> dict[str, Any]:
    reply = client.get(url)
    assert reply.status_code == status, reply.get_json()
    if status == 200:
        assert reply.headers["Cache-Control"] == "public, max-age=60"
    return reply.get_json()


def test_the_feed_validates_filters_and_pages(engine: Any, clock: Any, client: Any) -> None:
    first = Chain(engine, clock, "PKT-2026-0101")
    first.plan()
    first.tender()
    middle = clock.now() + timedelta(seconds=1)
    second = Chain(engine, clock, "PKT-2026-0102")
    second.plan()
    every = _get(client, FEED)
    assert errors_of("release-package-schema.json", every) == []
    assert [r["id"] for r in every["releases"]] == [
        f"{first.ocid}-1", f"{first.ocid}-2", f"{first.ocid}-3", f"{second.ocid}-1"]
    assert every["version"] == "1.1" and "links" not in every
    assert every["publisher"] == {"name": "Pemerintah Kota Surabaya"}
    assert every["publishedDate"] == every["releases"][-1]["date"]
    since = middle.isoformat()
    assert [r["id"] for r in _get(client, f"{FEED}?since={since.replace('+', '%2B')}")
            ["releases"]] == [f"{second.ocid}-1"]
    page = _get(client, f"{FEED}?limit=3")
    assert len(page["releases"]) == 3
    following = urlsplit(page["links"]["next"])
    rest = _get(client, f"{following.path}?{following.query}")
    assert [r["id"] for r in rest["releases"]] == [f"{second.ocid}-1"]
    assert "links" not in rest


@pytest.mark.sqlite_only("an error answer, the same on any database")
def test_unknown_ocid_404_and_bad_since_422(engine: Any, client: Any) -> None:
    missing = _get(client, "/api/v1/ocds/records/ocds-sby000-NOPE", 404)["error"]
    assert missing["code"] == "ocds_ocid_not_found"
    assert "ocds-sby000-NOPE" in missing["message"]
    bad = client.get(f"{FEED}?since=kemarin")
    assert bad.status_code == 422
    assert "ISO 8601" in bad.get_data(as_text=True)
    english = client.get("/api/v1/ocds/records/ocds-sby000-NOPE",
                         headers={"Accept-Language": "en"}).get_json()
    assert english["error"]["message"].startswith("The contracting process")
    assert client.get(f"{FEED}?limit=0").status_code == 422
    assert _get(client, FEED)["releases"] == []


@pytest.mark.sqlite_only("the OpenAPI document does not depend on the database")
def test_the_routes_are_in_the_openapi_document(engine: Any, client: Any) -> None:
    paths = _get_spec(client)["paths"]
    assert "/api/v1/ocds/releases" in paths
    assert "/api/v1/ocds/records/{ocid}" in paths


def _get_spec(client: Any) -> dict[str, Any]:
    reply = client.get("/api/v1/openapi.json")
    assert reply.status_code == 200
    return reply.get_json()
