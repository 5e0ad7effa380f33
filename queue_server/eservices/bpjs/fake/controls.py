"""The fake BPJS's test controls under `/_fake/`: fail the next calls, hold calls until
released, list the calls received, forget everything, play Mobile JKN (mjkn.py). Never
signed, never recorded."""

from __future__ import annotations

from collections.abc import Callable

from flask import Blueprint, Response, jsonify, request

from .mjkn import is_standalone, take
from .state import FakeState


def _fail(state: FakeState) -> Response:
    body = request.get_json(silent=True) or {}
    times, status = body.get("times", 1), body.get("status", 500)
    if not isinstance(times, int) or not isinstance(status, int) or times < 0 or not (
            status == 0 or 400 <= status <= 599):
        return _refused("times >= 0 and status 0 (drop the connection) or 400-599")
    state.fail(times, status)
    return jsonify(ok=True, times=times, status=status)


def _refused(message: str) -> Response:
    answer = jsonify(error={"code": "bpjs.fake.bad_control", "message": message})
    answer.status_code = 400
    return answer


def _done(action: Callable[[], None]) -> Response:
    action()
    return jsonify(ok=True)


def control_routes(blp: Blueprint, state: FakeState) -> None:
    """`POST /_fake/fail {"times": n, "status": 500}` (status 0: drop the connection),
    `POST /_fake/hold`, `POST /_fake/release`, `POST /_fake/reset`, `GET /_fake/calls`
    (`{"calls": [...], "waiting": held calls now}`), `POST /_fake/mjkn/antrean` (the fake
    plays Mobile JKN at a facility, mjkn.py)."""
    blp.add_url_rule("/_fake/fail", "fail", methods=["POST"], view_func=lambda: _fail(state))
    blp.add_url_rule("/_fake/hold", "hold", methods=["POST"],
                     view_func=lambda: _done(state.hold))
    blp.add_url_rule("/_fake/release", "release", methods=["POST"],
                     view_func=lambda: _done(state.release))
    blp.add_url_rule("/_fake/reset", "reset", methods=["POST"],
                     view_func=lambda: _done(state.reset))
    blp.add_url_rule("/_fake/calls", "calls", view_func=lambda: jsonify(
        calls=state.recorded(), waiting=state.waiting))
    blp.add_url_rule("/_fake/mjkn/antrean", "mjkn_antrean", methods=["POST"],
                     view_func=lambda: take(state, is_standalone(state)))
