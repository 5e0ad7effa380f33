"""`ANTRIAN_MODULES` switches e-service modules on and off: a module switched off has no
route, no page, no API document entry and no hook; the queue and the shared case page
work without it; an unknown name stops the server at start."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import Engine

from queue_server.eservices import UnknownModule, hooks
from tests.conftest import make_app
from tests.support.clock import FakeClock

ROOT = Path(__file__).resolve().parents[2]
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


def test_every_error_a_module_defines_is_in_the_api_document_from_the_start(
        tmp_path: Any) -> None:
    """In a fresh process (nothing imported before the app), the document built when the
    app starts lists every named error of every module, wherever in it the error lives."""
    script = tmp_path / "errors.py"
    script.write_text(
        "import json, pkgutil, importlib\n"
        "from queue_server import create_app\n"
        "from queue_server.persistence.db import make_engine\n"
        "from queue_server.persistence.migrate import upgrade\n"
        f"engine = make_engine('sqlite:///{tmp_path}/e.db'); upgrade(engine)\n"
        "app = create_app({'TESTING': True, 'ENGINE': engine, 'SECRET_KEY': 'x'})\n"
        "spec = app.test_client().get('/api/v1/openapi.json').get_json()\n"
        "listed = {row['error'] for row in spec['x-error-codes']}\n"
        "import queue_server.eservices.wadul as w\n"
        "for m in pkgutil.walk_packages(w.__path__, w.__name__ + '.'):\n"
        "    if '.migrations' not in m.name: importlib.import_module(m.name)\n"
        "from queue_server.domain.errors import named_errors\n"
        "mine = {c.__name__ for c in named_errors() if c.__module__.startswith("
        "'queue_server.eservices')}\n"
        "print(json.dumps(sorted(mine - listed)), len(mine))\n")
    done = subprocess.run([sys.executable, str(script)], capture_output=True, text=True,
                          cwd=ROOT, timeout=120, env={**os.environ, "PYTHONPATH": str(ROOT)})
    assert done.returncode == 0, done.stderr[-2000:]
    missing, count = done.stdout.split()
    assert json.loads(missing) == [] and int(count) > 10
