"""`active: false` in the configuration is obeyed (issue 13, point 2): a deactivated user
cannot log in and loses every login at once, a deactivated device (or one given a new
token) is refused at once even with the device cache warm, and their sockets are cut."""

from __future__ import annotations

import copy
from collections.abc import Iterator
from typing import Any

import pytest
from sqlalchemy import Engine

from queue_server import create_app
from queue_server.domain.errors import InvalidInput
from queue_server.services.auth import hash_token
from tests.conftest import Api, login
from tests.support import factories

# Facilities and users outlive a test in the session's databases: names of their own.
SITE = {
    "facilities": [{
        "code": "pkm-nonaktif", "name": "Puskesmas Nonaktif",
        "services": [{"code": "umum", "name": "Poli Umum", "prefix": "U"}],
        "counters": [{"code": "ruang-1", "services": ["umum"]}],
        "devices": [
            {"code": "kiosk-na", "kind": "kiosk", "token": "nonaktif-kiosk-token"},
            {"code": "tv-na", "kind": "display", "token": "nonaktif-tv-token"},
        ],
    }],
    "users": [{"username": "petugas-nonaktif", "facility": "pkm-nonaktif",
               "password": "rahasia-nonaktif-7"}],
}


def site(users: dict[str, Any] | None = None, **devices: dict[str, Any]) -> dict[str, Any]:
    """SITE with these fields changed on its user and on the devices named."""
    data = copy.deepcopy(SITE)
    data["users"][0].update(users or {})
    for device in data["facilities"][0]["devices"]:
        device.update(devices.get(device["code"].replace("-", "_"), {}))
    return data


def load(engine: Engine, data: dict[str, Any]) -> None:
    factories.load(engine, data)


def sock(app: Any, client: Any, auth: dict[str, Any]) -> Any:
    return app.extensions["socketio"].test_client(app, auth=auth, flask_test_client=client)


def names(sc: Any) -> list[str]:
    """The events the socket heard since the last look, a cut socket's too."""
    heard = [m["name"] for m in sc.queue]
    sc.queue.clear()
    return heard


def code_of(reply: Any) -> str:
    return reply.get_json()["error"]["code"]


@pytest.fixture
def swept(engine: Engine, clock: Any) -> Iterator[Any]:
    """The app with its credential sweep (every hour: tests call `once()`), and the site
    loaded active."""
    load(engine, site())
    app = create_app({"TESTING": True, "ENGINE": engine, "DATABASE_URL": str(engine.url),
                      "CLOCK": clock, "SECRET_KEY": "test", "CREDENTIAL_SWEEP_SECONDS": 3600})
    yield app
    app.extensions["antrian.credential_sweep"].stop()
    load(engine, site())


def test_a_deactivated_user_cannot_log_in_and_every_login_ends(swept: Any,
                                                               engine: Engine) -> None:
    client = swept.test_client()
    token = login(client, "petugas-nonaktif", "rahasia-nonaktif-7")
    staff = Api(client, token)
    assert staff.get("/api/v1/counters").status_code == 200
    console = sock(swept, client, {"counter": "ruang-1", "token": token})
    assert names(console) == ["snapshot"]

    load(engine, site(users={"active": False}))
    refused = client.post("/api/v1/auth/login", json={"username": "petugas-nonaktif",
                                                      "password": "rahasia-nonaktif-7"})
    assert refused.status_code == 401 and code_of(refused) == "invalid_credentials"
    gone = staff.get("/api/v1/counters")
    assert gone.status_code == 401 and code_of(gone) == "session_expired"
    assert swept.extensions["antrian.credential_sweep"].once() == 1
    assert not console.is_connected() and names(console) == ["session_ended"]

    # Active again: a new login works, the old one stays ended (revoked with the load).
    load(engine, site())
    assert staff.get("/api/v1/counters").status_code == 401
    assert Api(client, login(client, "petugas-nonaktif", "rahasia-nonaktif-7")).get(
        "/api/v1/counters").status_code == 200


def test_a_deactivated_kiosk_is_refused_at_once_with_the_cache_warm(swept: Any,
                                                                    engine: Engine) -> None:
    client = swept.test_client()
    kiosk = Api(client, "nonaktif-kiosk-token")
    for _ in range(2):
        assert kiosk.post("/api/v1/kiosk/tickets", {"service": "umum"}).status_code == 201
    assert hash_token("nonaktif-kiosk-token") in swept.extensions["antrian"].devices
    load(engine, site(kiosk_na={"active": False}))
    refused = kiosk.post("/api/v1/kiosk/tickets", {"service": "umum"})
    assert refused.status_code == 401 and code_of(refused) == "invalid_token"
    load(engine, site())
    assert kiosk.post("/api/v1/kiosk/tickets", {"service": "umum"}).status_code == 201


def test_a_kiosk_given_a_new_token_refuses_the_old_one_at_once(swept: Any,
                                                               engine: Engine) -> None:
    client = swept.test_client()
    old, new = Api(client, "nonaktif-kiosk-token"), Api(client, "nonaktif-kiosk-baru")
    assert old.post("/api/v1/kiosk/tickets", {"service": "umum"}).status_code == 201
    load(engine, site(kiosk_na={"token": "nonaktif-kiosk-baru"}))
    assert old.post("/api/v1/kiosk/tickets", {"service": "umum"}).status_code == 401
    assert new.post("/api/v1/kiosk/tickets", {"service": "umum"}).status_code == 201


def test_a_deactivated_display_loses_its_board_sockets(swept: Any, engine: Engine) -> None:
    client = swept.test_client()
    auth = {"facility": "pkm-nonaktif", "token": "nonaktif-tv-token"}
    asking, idle = sock(swept, client, auth), sock(swept, client, auth)
    public = sock(swept, client, {"facility": "pkm-nonaktif"})
    assert asking.emit("heartbeat", {"lang": "id"}, callback=True)["device"] == "tv-na"
    load(engine, site(tv_na={"active": False}))
    # Its next heartbeat is refused and cuts it; the sweep cuts the idle one.
    refused = asking.emit("heartbeat", {"lang": "id"}, callback=True)
    assert refused["error"]["code"] == "device_revoked" and not asking.is_connected()
    assert swept.extensions["antrian.credential_sweep"].once() == 1
    assert not idle.is_connected() and names(idle)[-1] == "session_ended"
    assert public.is_connected()  # a board without a device token watches on


@pytest.mark.parametrize("value", ["no", 0, "false", None])
def test_active_must_be_a_boolean(engine: Engine, value: Any) -> None:
    with pytest.raises(InvalidInput) as refused:
        load(engine, site(users={"active": value}))
    assert "active" in refused.value.message_en and "petugas-nonaktif" in refused.value.message
