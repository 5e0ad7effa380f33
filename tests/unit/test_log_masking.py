"""Issue 13, point 5: every string of a log line is masked, whatever spelling a personal
number comes in, and the libraries' lines take the same way."""

from __future__ import annotations

import json
import logging
import sys
import threading
from collections.abc import Iterator

import pytest

from queue_server.domain.privacy import mask_text
from queue_server.logs import (
    QUIET_LOGGERS,
    JsonFormatter,
    configure_logging,
    request_id,
    route_gevent_errors,
    route_gunicorn_logs,
)

NIK, BPJS, PHONE = "3578010101900001", "0001234567890", "081234567890"


@pytest.mark.parametrize(("text", "masked"), [
    (NIK, "3578********0001"),
    (BPJS, "0001******890"),
    (PHONE, "0812******90"),
    ("+6281234567890", "+6281******890"),
    ("6281234567890", "6281******890"),
    ("/api/v1/bookings/0001234567890", "/api/v1/bookings/0001******890"),
    ("0812-3456-7890", "0812-****-**90"),
    ("0812 3456 7890", "0812 **** **90"),
    ("(0812) 3456 7890", "(0812) **** **90"),
    ("0812.3456.7890", "0812.****.**90"),
    ("0812%203456%207890", "0812%20****%20**90"),
    ("%2B6281234567890", "%2B6281******890"),
    ("3578 0101 0190 0001", "3578 **** **** 0001"),
    ("+62 812-3456-7890", "+62 81*-****-*890"),
    ("８１２３４５６７８９０", "８１２３******０"),  # full-width digits are digits
    ("nik=3578010101900001,hp=081234567890", "nik=3578********0001,hp=0812******90"),
])
def test_personal_numbers_are_masked_in_every_spelling(text: str, masked: str) -> None:
    assert mask_text(text) == masked


@pytest.mark.parametrize("text", [
    "2026-11-23 07:30:00", "127.0.0.1", "192.168.100.200:5000", "pid 123456789",
    '"GET /healthz HTTP/1.1" 200 1234567 "-"', "seq 12 of 345", "A-012", "ms 12.5",
])
def test_what_is_not_a_personal_number_stays_readable(text: str) -> None:
    assert mask_text(text) == text


@pytest.fixture
def clean_logging() -> Iterator[None]:
    """Put the process's logging back as it was after a test that configures it."""
    root = logging.getLogger()
    saved = (root.handlers[:], root.level, sys.excepthook, threading.excepthook)
    levels = {name: logging.getLogger(name).level for name in QUIET_LOGGERS}
    yield
    root.handlers[:] = saved[0]
    root.setLevel(saved[1])  # setLevel: every logger's remembered answers forgotten
    sys.excepthook, threading.excepthook = saved[2], saved[3]
    for name, level in levels.items():
        logging.getLogger(name).setLevel(level)
    logging.captureWarnings(False)


def _record(msg: str, *args: object, **extra: object) -> logging.LogRecord:
    record = logging.makeLogRecord({"name": "queue_server.test", "levelno": logging.ERROR,
                                    "levelname": "ERROR", "msg": msg, "args": args})
    record.__dict__.update(extra)
    return record


def test_every_string_field_of_an_entry_is_masked() -> None:
    token = request_id.set(PHONE)
    try:
        try:
            raise ValueError(f"no booking {NIK}")
        except ValueError:
            record = _record("lookup %s", BPJS, path=f"/api/v1/bookings/{NIK}",
                             detail={"phone": "+6281234567890"}, status=404, ms=1.5,
                             bpjs=int(BPJS))
            record.exc_info = sys.exc_info()
        line = JsonFormatter().format(record)
    finally:
        request_id.reset(token)
    for secret in (NIK, BPJS, "81234567890"):
        assert secret not in line
    entry = json.loads(line)
    assert entry["request_id"] == "0812******90"
    assert entry["path"] == "/api/v1/bookings/3578********0001"
    assert entry["msg"] == "lookup 0001******890"
    assert entry["status"] == 404 and entry["ms"] == 1.5  # numbers stay numbers
    assert entry["bpjs"] == "1234******"  # but not a personal number as an int
    assert "ValueError: no booking 3578********0001" in entry["error"]


def test_library_loggers_that_log_payloads_stay_at_warning_even_at_debug(
        clean_logging: None) -> None:
    logging.getLogger("engineio.server").addHandler(logging.StreamHandler())
    configure_logging("DEBUG")
    for name in (*QUIET_LOGGERS, "socketio.server", "engineio.server"):
        logger = logging.getLogger(name)
        assert logger.getEffectiveLevel() >= logging.WARNING, name
        assert logger.handlers == [] and logger.propagate, name
    assert [type(h.formatter) for h in logging.getLogger().handlers] == [JsonFormatter]


class Kept(logging.Handler):
    """Keeps the lines it is given, formatted as the server writes them."""

    def __init__(self) -> None:
        super().__init__()
        self.setFormatter(JsonFormatter())
        self.lines: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.lines.append(self.format(record))


def test_uncaught_errors_of_threads_become_masked_log_lines(clean_logging: None) -> None:
    configure_logging("INFO")
    kept = Kept()
    logging.getLogger().addHandler(kept)

    def fail() -> None:
        raise RuntimeError(f"phone {PHONE}")

    worker = threading.Thread(target=fail, name="worker")
    worker.start()
    worker.join()
    (line,) = kept.lines
    assert "thread worker died" in line
    assert "81234567890" not in line and "0812******90" in line


def test_gunicorn_lines_take_our_formatter_and_keep_their_destination() -> None:
    access = logging.getLogger("gunicorn.access")
    handler = logging.StreamHandler()
    handler.setFormatter(logging.Formatter("%(message)s"))
    access.addHandler(handler)
    try:
        route_gunicorn_logs()
        assert isinstance(handler.formatter, JsonFormatter)
        line = handler.format(_record('"GET /api/v1/bookings/%s HTTP/1.1" 404', NIK))
        assert NIK not in line and "3578********0001" in line
    finally:
        access.removeHandler(handler)


def test_a_greenlets_error_is_a_log_line_without_the_request_environ() -> None:
    import gevent

    hub = gevent.get_hub()
    kept = Kept()
    logging.getLogger("gevent.hub").addHandler(kept)
    route_gevent_errors()
    try:
        hub.handle_error({"REQUEST_METHOD": "GET", "PATH_INFO": f"/t/{NIK}",
                          "HTTP_COOKIE": "session=secret"}, KeyError, KeyError(PHONE), None)
    finally:
        del hub.print_exception
        logging.getLogger("gevent.hub").removeHandler(kept)
    (line,) = kept.lines
    # masked as a number, or as a code once an app's routes are known (access_log.py)
    assert "/t/35" in line and NIK not in line and "session=secret" not in line
    assert "81234567890" not in line
