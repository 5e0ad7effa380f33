"""`ANTRIAN_MODULES` switches e-service modules on and off: a module switched off has no
route, no page, no API document entry and no hook; the queue and the shared case page
work without it; an unknown name stops the server at start."""

from __future__ import annotations

from typing import Any

import pytest
from sqlalchemy import Engine

from queue_server.eservices import UnknownModule, hooks
from tests.conftest import make_app
from tests.support.clock import FakeClock

pytestmark = pytest.mark.sqlite_only("the wiring of modules, not the database")


def _rules(app: Any) -> set[str]:
    return {rule.rule for rule in app.url_map.iter_rules()}


def test_with_no_module_the_queue_runs_without_any_module_route(
        sqlite_engine: Engine, clock: FakeClock) -> None:
    app = make_app(sqlite_engine, clock, MODULES="none")
    rules = _rules(app)
    assert not [r for r in rules if r.startswith(("/api/v1/wadul", "/open311", "/wadul"))]
    assert "/c/<code>" in rules or any(r.startswith("/c/") for r in rules)
    assert hooks(app, "case_kinds") == [] and hooks(app, "demo") == []
    client = app.test_client()
    paths = client.get("/api/v1/openapi.json").get_json()["paths"]
    assert not [p for p in paths if p.startswith(("/api/v1/wadul", "/open311"))]
    assert client.get("/api/v1/wadul/categories").status_code == 404
    assert client.get("/healthz").status_code == 200
    assert client.get("/api/v1/facilities/pkm-demo/board").status_code == 200


def test_with_e_wadul_on_its_routes_and_document_entries_are_there(
        sqlite_engine: Engine, clock: FakeClock) -> None:
    app = make_app(sqlite_engine, clock, MODULES="wadul")
    assert {"/api/v1/wadul/reports", "/open311/v2/services.json", "/wadul"} <= _rules(app)
    assert [kind.module for kind in hooks(app, "case_kinds")] == ["wadul"]
    paths = app.test_client().get("/api/v1/openapi.json").get_json()["paths"]
    assert "/api/v1/wadul/reports" in paths and "/open311/v2/requests.json" in paths


def test_an_unknown_module_stops_the_server_at_start(sqlite_engine: Engine,
                                                       clock: FakeClock) -> None:
    with pytest.raises(UnknownModule, match="esurat"):
        make_app(sqlite_engine, clock, MODULES="wadul,esurat")
