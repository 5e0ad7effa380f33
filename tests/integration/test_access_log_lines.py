"""One access line for every request, whatever refused it, with booking codes masked
(issue 13, review of point 5).

Before, the line was written by an after-request hook that needed the request-id hook to
have run: everything refused earlier left no line (the screening's 400/413/422, a path
parameter's 422, the code guard's 429: in one run 5 blocked probes got 429 and 1 was
logged). And a visit or booking code in the path, a credential, was logged in clear.
"""

from __future__ import annotations

import json
import logging
from typing import Any

from sqlalchemy import Engine

from tests.conftest import Api
from tests.integration.test_code_probing import UNKNOWN, From, make_app
from tests.support.clock import FakeClock
from tests.support.factories import booking, post
from tests.support.kept_logs import Kept


def one_line_each(client: Any, access: Kept, requests: list[tuple[str, str, dict]]) -> None:
    """Each request leaves exactly one access line, with the status and request id the
    client got."""
    for method, path, kw in requests:
        before = len(access.entries)
        reply = client.open(path, method=method, **kw)
        lines = access.entries[before:]
        assert len(lines) == 1, (method, path, reply.status_code, lines)
        assert lines[0]["status"] == reply.status_code, (method, path)
        assert lines[0]["method"] == method
        assert lines[0]["request_id"] == reply.headers["X-Request-ID"]


JSON = {"Content-Type": "application/json"}


def test_a_request_refused_anywhere_is_logged_once_with_its_status(client: Any,
                                                                    access: Kept) -> None:
    one_line_each(client, access, [
        ("GET", "/api/v1/facilities", {}),  # 200
        ("POST", "/api/v1/bookings", {"data": "[" * 5000 + "]" * 5000, "headers": JSON}),
        ("POST", "/api/v1/bookings", {"data": "x" * (65 * 1024), "headers": JSON}),  # 413
        ("POST", "/api/v1/auth/login", {"data": '{"username": "a\\u0000"}', "headers": JSON}),
        ("GET", "/api/v1/facilities?x=%ED%A0%80", {}),  # 422, query
        ("GET", "/api/v1/bookings/\u0663BCDEFGHJK", {}),  # 422, a path parameter
        ("GET", "/t/x?lang=%00", {}),  # 422, a page
        ("POST", "/api/v1/counters/loket-1/call-next", {}),  # 401
        ("GET", "/api/v1/nothing", {}), ("DELETE", "/api/v1/facilities", {}),  # 404, 405
    ])
    statuses = [e["status"] for e in access.entries]
    assert statuses == [200, 400, 413, 422, 422, 422, 422, 401, 404, 405]
    assert access.entries[0]["rule"] == "/api/v1/facilities"
    assert access.entries[-2]["rule"] is None


def test_every_blocked_probe_is_logged_with_its_429(engine: Engine, clock: FakeClock,
                                                     access: Kept) -> None:
    app = make_app(engine, clock)
    prober = From(app, "203.0.113.9")
    replies = [prober.get(f"/api/v1/bookings/{code}").status_code for code in UNKNOWN]
    replies += [prober.get(f"/t/{UNKNOWN[0]}").status_code]
    assert replies == [404, 404, 404, 429, 429, 429, 429]
    assert [e["status"] for e in access.entries] == replies
    assert all(e["path"].endswith("ZZ********") for e in access.entries)


def grouped(code: str) -> str:
    return f"{code[:4]}-{code[4:8]}-{code[8:]}"


def test_a_code_is_masked_in_every_form_and_on_every_code_route(
        engine: Engine, clock: FakeClock, client: Any, kiosk: Api, access: Kept) -> None:
    code = post(client, booking()).get_json()["code"]
    void = f"/api/v1/facilities/pkm-demo/bookings/{code}/void"
    requests: list[tuple[str, str, dict]] = [
        ("GET", f"/api/v1/bookings/{code}", {}),
        ("GET", f"/api/v1/bookings/{code.lower()}", {}),
        ("GET", f"/api/v1/bookings/{grouped(code)}", {}),
        ("GET", f"/api/v1/bookings/{code}/qr.svg", {}),
        ("POST", f"/api/v1/bookings/{code}/confirm", {"json": {"otp": "123456"}}),
        ("POST", void, {"json": {}}),
        ("POST", f"/api/v1/bookings/https://antrian.example/t/{grouped(code)}/check-in",
         {"json": {}, "headers": kiosk.headers()}),
        ("GET", f"/t/{code}", {}), ("GET", f"/t/{code.lower()}", {}),
        ("GET", f"/t/https://antrian.example/t/{grouped(code)}", {}),
        ("GET", f"/api/v1/bookings/{code}?x=%00", {}),  # refused before the view
        ("DELETE", f"/api/v1/bookings/{code}", {}),  # 405: no route matched
        ("GET", f"/api/v1/bookings/{code}/nothing", {}),  # 404
        ("POST", f"/api/v1/bookings/{code}/cancel", {}),
    ]
    access.entries.clear()
    one_line_each(client, access, requests)
    blocked = From(make_app(engine, clock, CODE_MISS_LIMIT="1/minute"), "203.0.113.10")
    assert [blocked.get(f"/api/v1/bookings/{c}").status_code for c in UNKNOWN[:2]] == [
        404, 429]
    assert blocked.get(f"/api/v1/bookings/{code}").status_code == 429
    logged = json.dumps(access.entries)
    for form in (code, code.lower(), grouped(code), code[2:], code[2:].lower()):
        assert form not in logged, form
    paths = [e["path"] for e in access.entries]
    assert paths[0] == f"/api/v1/bookings/{code[:2]}********"
    # three forms, refused by the screening, by routing (405) and by the code guard (429)
    assert paths.count(f"/api/v1/bookings/{code[:2]}********") == 6
    assert f"/api/v1/bookings/{code[:2]}********/check-in" in paths
    assert f"/t/{code[:2]}********" in paths
    rules = {e["rule"] for e in access.entries}
    assert {"/api/v1/bookings/<code>", "/t/<path:code>", "/api/v1/bookings/<path:code>/check-in",
            "/api/v1/facilities/<facility>/bookings/<code>/void"} <= rules


def test_gunicorns_own_access_lines_mask_codes_too(app: Any) -> None:
    """`--access-logfile`: the request line, the path and a ticket page's Referer."""
    code = "57ABCDEFGH"
    record = logging.LogRecord(
        "gunicorn.access", logging.INFO, __file__, 1, '%(h)s "%(r)s" %(s)s %(U)s "%(f)s"',
        ({"h": "10.0.0.7", "r": f"POST /api/v1/bookings/{code.lower()}/cancel HTTP/1.1",
          "s": "200", "U": f"/api/v1/bookings/https://x.example/t/{code}/check-in",
          "f": f"https://antrian.example/t/{code}?lang=en"},), None)
    assert logging.getLogger("gunicorn.access").filter(record)
    line = record.getMessage()
    assert code not in line.upper() and code[2:] not in line.upper()
    assert line == ('10.0.0.7 "POST /api/v1/bookings/57********/cancel HTTP/1.1" 200 '
                    '/api/v1/bookings/57********/check-in "https://antrian.example/t/'
                    '57********?lang=en"')


def test_a_greenlets_error_names_the_path_with_its_code_masked(app: Any) -> None:
    import gevent

    from queue_server.logs import route_gevent_errors

    kept = Kept()
    hub = gevent.get_hub()
    logging.getLogger("gevent.hub").addHandler(kept)
    route_gevent_errors()
    try:
        hub.handle_error({"REQUEST_METHOD": "GET", "PATH_INFO": "/t/57ABCDEFGH"},
                         KeyError, KeyError("x"), None)
    finally:
        del hub.print_exception
        logging.getLogger("gevent.hub").removeHandler(kept)
    (entry,) = kept.entries
    assert entry["msg"] == "greenlet failed on GET /t/57********: KeyError"
