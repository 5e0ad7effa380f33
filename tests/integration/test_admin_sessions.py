"""A user deactivated in the admin is logged out of an open console at once (issue 15):
the console's socket hears `session_ended` and is cut, without waiting for a sweep."""

from __future__ import annotations

from typing import Any

from sqlalchemy import Engine

from tests.conftest import Api, login
from tests.support import factories


def test_a_user_deactivated_in_the_admin_loses_an_open_console_at_once(
    app: Any, client: Any, engine: Engine, admin: Api,
) -> None:
    site = factories.facility("pkm-sesi", users=["petugas"]).load(engine)
    token = login(client, site.username(), factories.PASSWORD)
    console = app.extensions["socketio"].test_client(
        app, auth={"counter": "ruang-1", "token": token}, flask_test_client=client)
    assert [m["name"] for m in console.get_received()] == ["snapshot"]

    reply = admin.client.put(f"/api/v1/admin/users/{site.username()}", headers=admin.headers(),
                             json={"role": "operator", "facility": site.code,
                                   "name": "Petugas", "active": False})
    assert reply.status_code == 200, reply.get_json()
    assert not console.is_connected()
    assert [m["name"] for m in console.queue][-1] == "session_ended"
    gone = Api(client, token).get("/api/v1/counters")
    assert gone.status_code == 401
