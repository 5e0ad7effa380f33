"""The tests' own tools: factories give every facility its own codes, and `sqlite_only`
runs a test on SQLite alone."""

from __future__ import annotations

from typing import Any

import pytest
from sqlalchemy import Engine

from tests.conftest import Api, login
from tests.support.factories import PASSWORD, book, device, facility, service


def test_two_facilities_from_one_stem_share_no_code_user_or_token(engine: Engine,
                                                                  client: Any) -> None:
    one, two = (facility("pkm-sama", services=[service("umum", "B", booking_quota=5)],
                         devices=[device("kiosk")], users=["petugas"]).load(engine)
                for _ in range(2))
    assert one.code != two.code and one.code.startswith("pkm-sama-")
    assert one.username() != two.username() and one.token() != two.token()
    for site in (one, two):  # each has its own queue: both start at B-001
        assert Api(client, site.token()).ticket("umum")["number"] == "B-001"
        staff = Api(client, login(client, site.username(), PASSWORD))
        assert staff.act("ruang-1", "call-next").get_json()["number"] == "B-001"
    assert book(client, facility=one.code)["status"] == "booked"


@pytest.mark.sqlite_only("checks the marker itself")
def test_a_test_marked_sqlite_only_runs_on_sqlite_alone(request: pytest.FixtureRequest,
                                                        engine: Engine) -> None:
    assert engine.dialect.name == "sqlite"
    assert request.node.callspec.params["engine"] == "sqlite"
