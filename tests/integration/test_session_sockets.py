"""A live socket lives no longer than its credential (issue 13, point 1): logout cuts the
console's socket at once, an expired login is refused its snapshot and cut, and the sweep
cuts what lapsed without a request; patients never reach a socket whose login ended."""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

import pytest
from sqlalchemy import Engine, text

from queue_server import create_app
from tests.conftest import Api, login
from tests.integration.test_console_security import sign_in
from tests.support.clock import FakeClock
from tests.support.servers import wait_until

TODAY = "2026-11-23"  # the FakeClock's day


def sock(app: Any, client: Any, auth: dict[str, Any]) -> Any:
    return app.extensions["socketio"].test_client(app, auth=auth, flask_test_client=client)


def named(sc: Any) -> list[tuple[str, Any]]:
    """What the socket heard since the last look, a cut socket's too (the test client's
    `get_received` refuses once disconnected)."""
    heard = list(sc.queue)
    sc.queue.clear()
    return [(m["name"], m["args"][0]) for m in heard]


def arrive(client: Any, kiosk: Api, n: int, name: str) -> None:
    """A patient booked for today by phone checks in at the kiosk: a name and a NIK in
    the registration queue, shown to staff consoles only."""
    body = {"facility": "pkm-demo", "service": "pendaftaran", "date": TODAY,
            "patient": {"nik": f"357801010190{n:04d}", "name": name, "phone": "081234567890"}}
    booked = client.post("/api/v1/bookings", json=body)
    assert booked.status_code == 201, booked.get_json()
    checked = kiosk.post(f"/api/v1/bookings/{booked.get_json()['code']}/check-in")
    assert checked.status_code == 200, checked.get_json()


def console_of(app: Any, client: Any, token: str | None = None) -> Any:
    """A console socket on loket-1 (by bearer token, or by the page's session cookie)."""
    auth = {"counter": "loket-1", **({"token": token} if token else {})}
    console = sock(app, client, auth)
    assert console.is_connected()
    return console


def test_logout_cuts_the_console_socket_and_later_patients_never_reach_it(
    app: Any, client: Any, kiosk: Api,
) -> None:
    arrive(client, kiosk, 1, "Siti Aminah")
    token = login(client, "petugas")
    console = console_of(app, client, token)
    [(name, snapshot)] = named(console)
    assert name == "snapshot" and "Siti Aminah" in json.dumps(snapshot)
    assert Api(client, token).post("/api/v1/auth/logout").status_code == 204
    assert not console.is_connected()
    [(name, ended)] = named(console)
    assert name == "session_ended" and ended["code"] == "logged_out"
    assert "login lagi" in ended["message"] and "log in again" in ended["message_en"]
    arrive(client, kiosk, 2, "Budi Santoso")
    assert named(console) == []
    with pytest.raises(RuntimeError):  # a cut socket asks nothing more
        console.emit("snapshot", callback=True)


def test_the_console_pages_logout_cuts_its_cookie_socket_too(app: Any, client: Any) -> None:
    csrf = sign_in(client)
    console = console_of(app, client)  # no token: the page's session cookie
    named(console)
    assert client.post("/console/logout", data={"csrf_token": csrf}).status_code == 303
    assert not console.is_connected()
    assert [n for n, _ in named(console)] == ["session_ended"]


def test_another_login_of_the_same_user_keeps_its_socket(app: Any, client: Any) -> None:
    first, second = login(client, "petugas"), login(client, "petugas")
    kept = console_of(app, client, second)
    cut = console_of(app, client, first)
    assert Api(client, first).post("/api/v1/auth/logout").status_code == 204
    assert not cut.is_connected() and kept.is_connected()
    assert "error" not in kept.emit("snapshot", callback=True)


def test_an_expired_login_is_refused_its_snapshot_and_cut(app: Any, client: Any, kiosk: Api,
                                                          clock: FakeClock) -> None:
    arrive(client, kiosk, 1, "Siti Aminah")
    console = console_of(app, client, login(client, "petugas"))
    named(console)
    assert "error" not in console.emit("snapshot", callback=True)
    named(console)
    clock.advance(hours=12, seconds=1)  # TOKEN_TTL_HOURS: 12
    refused = console.emit("snapshot", callback=True)
    assert refused["error"]["code"] == "session_expired"
    assert not console.is_connected()
    received = named(console)
    assert [n for n, _ in received] == ["session_ended"]
    assert "Siti Aminah" not in json.dumps(received)


def test_a_login_revoked_elsewhere_is_refused_at_the_next_snapshot(
    app: Any, client: Any, engine: Engine,
) -> None:
    """Another process logged it out without a message queue: the socket here asks once
    more and is refused."""
    console = console_of(app, client, login(client, "petugas"))
    named(console)
    with engine.begin() as conn:
        conn.execute(text("UPDATE auth_tokens SET revoked = :t"), {"t": True})
    assert console.emit("snapshot", callback=True)["error"]["code"] == "session_expired"
    assert not console.is_connected()


@pytest.fixture
def swept(engine: Engine, clock: FakeClock) -> Iterator[Any]:
    """The app with its credential sweep running (every hour: tests call `once()`)."""
    app = create_app({"TESTING": True, "ENGINE": engine, "DATABASE_URL": str(engine.url),
                      "CLOCK": clock, "SECRET_KEY": "test", "CREDENTIAL_SWEEP_SECONDS": 3600})
    yield app
    app.extensions["antrian.credential_sweep"].stop()


def test_the_sweep_cuts_an_expired_login_and_leaves_the_rest(
    swept: Any, clock: FakeClock,
) -> None:
    client = swept.test_client()
    sweep = swept.extensions["antrian.credential_sweep"]
    old = console_of(swept, client, login(client, "petugas"))
    board = sock(swept, client, {"facility": "pkm-demo"})
    assert sweep.once() == 0
    clock.advance(hours=6)
    fresh = console_of(swept, client, login(client, "petugas"))
    clock.advance(hours=6, seconds=1)
    assert sweep.once() == 1
    assert not old.is_connected() and fresh.is_connected() and board.is_connected()
    assert [n for n, _ in named(old)][-1] == "session_ended"


def test_the_sweep_runs_by_itself(engine: Engine, clock: FakeClock) -> None:
    app = create_app({"TESTING": True, "ENGINE": engine, "DATABASE_URL": str(engine.url),
                      "CLOCK": clock, "SECRET_KEY": "test", "CREDENTIAL_SWEEP_SECONDS": 0.05})
    sweep = app.extensions["antrian.credential_sweep"]
    try:
        client = app.test_client()
        console = console_of(app, client, login(client, "petugas"))
        rounds = sweep.rounds
        wait_until(lambda: sweep.rounds > rounds + 1, timeout=10, what="sweep rounds")
        assert console.is_connected()
        clock.advance(hours=13)
        wait_until(lambda: not console.is_connected(), timeout=10, what="the sweep's cut")
    finally:
        sweep.stop()


def test_tests_run_no_sweep_unless_asked(app: Any) -> None:
    assert "antrian.credential_sweep" not in app.extensions


def test_a_socket_cannot_leave_the_sweep_by_emitting_disconnect_or_connect(
    swept: Any, clock: FakeClock, caplog: pytest.LogCaptureFixture,
) -> None:
    """Events named like the reserved ones, emitted by a connected client, are not a real
    disconnect or connect: the socket stays watched, and nothing is logged as an error."""
    client = swept.test_client()
    sweep = swept.extensions["antrian.credential_sweep"]
    console = console_of(swept, client, login(client, "petugas"))
    named(console)
    console.emit("disconnect")
    console.emit("connect", {"facility": "pkm-demo"})
    assert console.is_connected() and named(console) == []
    clock.advance(hours=12, seconds=1)
    assert sweep.once() == 1
    assert not console.is_connected()
    assert not [r for r in caplog.records if r.levelname in ("ERROR", "CRITICAL")]
