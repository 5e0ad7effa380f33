"""Open311's keys: the admin issues, lists and deactivates them (audit rows, the key
shown once, only its hash kept), and the demo's key is loaded once."""

from __future__ import annotations

import hashlib
import json
from typing import Any

import pytest
from sqlalchemy import Engine, text

from tests.conftest import Api
from tests.integration.test_open311 import KEYS, new_key, post
from tests.integration.wadul_support import *  # noqa: F403


@pytest.mark.sqlite_only("the key routes' rules; audit rows are plain inserts")
def test_the_admin_issues_lists_and_deactivates_keys_with_audit_rows(
        client: Any, admin: Api, staff: Api, wadul: Engine) -> None:
    key = new_key(admin, "SuroboyoApp")
    assert set(key) == {"id", "name", "note", "active", "created_at", "key"}
    with wadul.connect() as conn:
        stored = conn.execute(text("SELECT key_hash FROM open311_keys WHERE id = :i"),
                              {"i": key["id"]}).scalar_one()
    assert stored == hashlib.sha256(key["key"].encode()).hexdigest()
    listed = admin.get(KEYS).get_json()["keys"]
    assert [k["name"] for k in listed] == ["SuroboyoApp"] and "key" not in listed[0]
    assert key["key"] not in admin.get(KEYS).get_data(as_text=True)
    assert staff.get(KEYS).status_code == 403
    assert staff.post(KEYS, {"name": "Coba"}).status_code == 403
    assert admin.post(KEYS, {"name": "  "}).get_json()["error"]["code"] == (
        "open311_key_name_required")
    assert admin.post(f"{KEYS}/999999/deactivate").status_code == 404
    assert admin.post(f"{KEYS}/99999999999/deactivate").status_code == 404
    assert admin.post(f"{KEYS}/{key['id']}/deactivate").status_code == 200
    assert admin.post(f"{KEYS}/{key['id']}/deactivate").status_code == 200  # no second row
    events = admin.get("/api/v1/admin/audit").get_json()["events"]
    mine = [(e["action"], e["after"]["active"]) for e in events
            if (e["object_kind"], e["object_code"]) == ("open311_key", "SuroboyoApp")]
    assert mine[:2] == [("deactivate", False), ("create", True)] and len(mine) == 2
    assert key["key"] not in json.dumps(events) and stored not in json.dumps(events)


@pytest.mark.sqlite_only("an idempotent loader")
def test_the_demo_loads_its_key_once(app: Any, client: Any, wadul: Engine,
                                     monkeypatch: pytest.MonkeyPatch) -> None:
    from queue_server.eservices import hooks
    from queue_server.eservices.wadul.open311_keys_api import load_demo_key

    assert load_demo_key in hooks(app, "demo")
    monkeypatch.setenv("ANTRIAN_DEMO_OPEN311_KEY", "kunci-demo-uji")
    load_demo_key(app)
    load_demo_key(app)
    with wadul.connect() as conn:
        assert conn.execute(text("SELECT count(*) FROM open311_keys")).scalar_one() == 1
    assert post(client, "kunci-demo-uji").status_code == 201
