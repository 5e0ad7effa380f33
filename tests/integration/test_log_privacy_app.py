"""Issue 13, point 5, in the app: request ids and access lines masked, Socket.IO and
Engine.IO on our loggers, database errors logged without the rows drivers echo."""

from __future__ import annotations

import json
import logging
from typing import Any

import pytest
from sqlalchemy import Engine, text
from sqlalchemy.exc import DBAPIError

from queue_server.logs import JsonFormatter
from tests.support.kept_logs import Kept

NIK, NAME, PHONE = "3578010101900001", "Siti Aminah Rahayu", "+6281234567890"


def test_a_personal_number_as_code_or_request_id_is_masked_in_the_access_line(
        client: Any, access: Kept) -> None:
    reply = client.get(f"/api/v1/bookings/{NIK}", headers={"X-Request-ID": "0001234567890"})
    assert reply.status_code in (404, 422, 429)
    assert reply.headers["X-Request-ID"] == "0001******890"
    (entry,) = access.entries
    assert entry["path"] == "/api/v1/bookings/35********"  # a code's place: masked as one
    assert entry["request_id"] == "0001******890"  # the id the line is written under
    assert NIK not in json.dumps(entry)


def test_a_proxys_request_id_is_kept_and_other_text_is_replaced(client: Any) -> None:
    nginx = "5f0c3e9ab27d4c41a8e2f1d06b9c7a13"
    assert client.get("/healthz", headers={"X-Request-ID": nginx}).headers[
        "X-Request-ID"] == nginx
    for sent in (NAME, "a" * 65, "<script>", "id\u00e9"):
        echoed = client.get("/healthz", headers={"X-Request-ID": sent}).headers["X-Request-ID"]
        assert echoed != sent and len(echoed) == 16


def test_socketio_and_engineio_log_through_the_root_without_handlers_of_their_own(
        app: Any) -> None:
    server = app.extensions["socketio"].server
    assert server.logger is logging.getLogger("socketio.server")
    assert server.eio.logger is logging.getLogger("engineio.server")
    assert server.logger.handlers == [] and server.eio.logger.handlers == []


def test_a_database_error_is_logged_without_the_row_or_its_parameters(engine: Engine) -> None:
    """PostgreSQL's DETAIL quotes the failing row; SQLAlchemy would add the parameters."""
    with pytest.raises(DBAPIError) as caught, engine.connect() as conn:
        conn.execute(text("INSERT INTO visits (facility_id, code, day, channel, priority, "
                          "created_at, nik, name, phone) VALUES (NULL, 'LOGTEST001', "
                          "'2026-11-23', 'mobile', 'regular', '2026-11-23 08:00:00', "
                          ":nik, :name, :phone)"),
                     {"nik": NIK, "name": NAME, "phone": PHONE})
    record = logging.makeLogRecord({"msg": "booking failed", "levelname": "ERROR",
                                    "exc_info": (caught.type, caught.value,
                                                 caught.value.__traceback__)})
    line = JsonFormatter().format(record)
    for secret in (NIK, "Siti", "Aminah", PHONE[3:]):
        assert secret not in line, line
    assert "facility_id" in line and "INSERT INTO visits" in line  # still says what failed


def test_a_failing_socket_handler_is_logged_once_through_our_formatter(app: Any) -> None:
    """Engine.IO logs a handler's traceback itself: through the root's (masking) handler
    only, not through a handler of its own."""
    import socketio

    from tests.support.servers import serve_in_thread

    socketio_ext = app.extensions["socketio"]

    @socketio_ext.on("connect", namespace="/broken")
    def broken(auth: Any = None) -> None:
        raise ValueError(f"no visit for {NIK}")

    kept = Kept()
    root = logging.getLogger()
    root.addHandler(kept)
    try:
        with serve_in_thread(app) as base:
            client = socketio.Client(reconnection=False)
            try:
                client.connect(base, namespaces=["/broken"], transports=["websocket"],
                               wait_timeout=1)
            except socketio.exceptions.ConnectionError:
                pass
            finally:
                client.disconnect()
    finally:
        root.removeHandler(kept)
    failures = [e for e in kept.entries if e["logger"] in ("engineio.server", "socketio.server")]
    assert failures, kept.entries
    assert all(NIK not in json.dumps(e) for e in failures)
    assert any("3578********0001" in e.get("error", "") for e in failures)
    for name in ("engineio.server", "socketio.server"):  # no second, unmasked copy
        assert logging.getLogger(name).handlers == []


def test_a_database_error_answered_503_is_logged_with_the_drivers_kind_and_sqlstate(
        app: Any, caplog: pytest.LogCaptureFixture) -> None:
    """Which trouble it was (a deadlock, a lost connection) tells a soak's 503s apart;
    the driver's message (which may quote a row) is still left out."""
    from psycopg import errors

    from mobile_api import errors as api_errors

    driver = errors.DeadlockDetected(f"deadlock on the row of {NIK}")
    failure = DBAPIError.instance("UPDATE tickets", None, driver, errors.Error)
    with app.test_request_context("/api/v1/counters/a/start", method="POST"), \
            caplog.at_level(logging.ERROR, logger=api_errors.log.name):
        reply = api_errors._database(failure)
    assert reply.status_code == 503 and reply.json["error"]["code"] == "database_unavailable"
    (line,) = [r.getMessage() for r in caplog.records if r.name == api_errors.log.name]
    assert "DeadlockDetected" in line and "40P01" in line and NIK not in line
