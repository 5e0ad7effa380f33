"""The fake BPJS mounted on the app's own server under /_fake-bpjs when `BPJS_FAKE` is
set (the demo; queue_server/eservices/bpjs/fake_load.py), and not otherwise."""

from __future__ import annotations

import time

import pytest
from flask import Flask
from sqlalchemy import Engine

from queue_server.eservices.bpjs import crypto
from queue_server.eservices.bpjs.fake_load import FAKE_PREFIX, load_fake
from queue_server.eservices.bpjs.signature import headers
from tests.conftest import make_app
from tests.support.clock import FakeClock

KEYS = {"BPJS_CONS_ID": "mount-cons", "BPJS_SECRET": "mount-secret",
        "BPJS_USER_KEY": "mount-key"}


def _signed(stamp: int, secret: str = "mount-secret") -> dict[str, str]:
    return headers("mount-cons", secret, "mount-key", stamp)


@pytest.mark.sqlite_only("the mount reads app config only, no database")
def test_the_demo_mounts_the_fake_under_its_prefix(sqlite_engine: Engine,
                                                   clock: FakeClock) -> None:
    client = make_app(sqlite_engine, clock, BPJS_FAKE=True, **KEYS).test_client()
    stamp = int(time.time())
    body = {"kodebooking": "M1", "jenispasien": "JKN", "kodepoli": "UMU",
            "tanggalperiksa": "2026-11-30"}
    added = client.post(f"{FAKE_PREFIX}/antrean/add", json=body, headers=_signed(stamp))
    assert added.get_json()["metadata"] == {"code": 200, "message": "Ok."}
    listed = client.post(f"{FAKE_PREFIX}/antrean/getlisttask", json={"kodebooking": "M1"},
                         headers=_signed(stamp)).get_json()
    assert crypto.decrypt("mount-cons", "mount-secret", stamp, listed["response"]) == \
        '{"list": []}'
    refused = client.post(f"{FAKE_PREFIX}/antrean/add", json=body,
                          headers=_signed(stamp, secret="wrong"))
    assert refused.status_code == 401
    calls = client.get(f"{FAKE_PREFIX}/_fake/calls").get_json()["calls"]
    assert [c["path"] for c in calls] == ["/antrean/add", "/antrean/getlisttask",
                                          "/antrean/add"]


@pytest.mark.sqlite_only("the mount reads app config only, no database")
def test_without_bpjs_fake_nothing_is_mounted(sqlite_engine: Engine, clock: FakeClock) -> None:
    app = make_app(sqlite_engine, clock, **KEYS)
    assert not [r for r in app.url_map.iter_rules() if r.rule.startswith(FAKE_PREFIX)]


def test_bpjs_fake_without_credentials_mounts_nothing_and_warns(
        caplog: pytest.LogCaptureFixture) -> None:
    app = Flask(__name__)
    app.config.update(BPJS_FAKE=True, **{**KEYS, "BPJS_SECRET": ""})
    load_fake(app)
    assert not [r for r in app.url_map.iter_rules() if r.rule.startswith(FAKE_PREFIX)]
    assert "not mounted" in caplog.text
