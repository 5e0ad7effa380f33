"""The fake BPJS's HTTP side: a blueprint with the antrean web service's routes (same
paths as the real one, relative to its base URL) and the test controls under `/_fake/`.

Every BPJS call is checked as the real service does (cons id, user key, signature, a
timestamp within FIVE_MINUTES of the fake's clock), answered in BPJS's envelope
`{"metadata": {"code", "message"}, "response"}` with `response` encrypted under the
request's own timestamp (crypto.encrypt), and recorded for `GET /_fake/calls`."""

from __future__ import annotations

import json
import socket
from collections.abc import Callable
from datetime import date
from typing import Any

from flask import Blueprint, Response, jsonify, request

from .. import crypto
from ..signature import valid
from . import rules
from .dashboard import waiting_times
from .rules import Reply
from .serving import USER_KEY_ENVIRON
from .state import FakeState

FIVE_MINUTES = 300
Handler = Callable[[dict[str, Any], int], Reply]


class Keys:
    """The credentials the fake accepts. `strict_user_key`: refuse a call without a
    `user_key` header (servers strip headers with an underscore, serving.py; the fake
    mounted on the demo's own server cannot see it, so it does not require it there)."""

    def __init__(self, cons_id: str, secret: str, user_key: str, strict_user_key: bool):
        self.cons_id, self.secret, self.user_key = cons_id, secret, user_key
        self.strict_user_key = strict_user_key

    def refusal(self, now: float) -> Reply | None:
        """Why this request's headers are refused (code 401), or None."""
        given = request.headers
        stamp = given.get("X-timestamp", "")
        if given.get("X-cons-id") != self.cons_id or not (stamp.isascii() and stamp.isdigit()):
            return Reply(401, "Unauthorized: cons id atau timestamp tidak sesuai")
        key = request.environ.get(USER_KEY_ENVIRON) or given.get("user_key")
        if key != self.user_key and (key is not None or self.strict_user_key):
            return Reply(401, "Unauthorized: user_key tidak sesuai")
        if not valid(self.cons_id, self.secret, stamp, given.get("X-signature", "")):
            return Reply(401, "Unauthorized: signature tidak sesuai")
        if abs(now - int(stamp)) > FIVE_MINUTES:
            return Reply(401, "Unauthorized: timestamp kedaluwarsa")
        return None


def _drop_connection() -> Response:
    sock = request.environ.get("werkzeug.socket")
    if sock is not None:
        sock.shutdown(socket.SHUT_RDWR)
    return Response("", status=503)


class Fake:
    """One fake BPJS: its keys, clock and state; `serve` answers one BPJS call."""

    def __init__(self, keys: Keys, state: FakeState, clock: Callable[[], float]):
        self.keys, self.state, self.clock = keys, state, clock

    def serve(self, path: str, handler: Handler) -> Response:
        """Hold, fail on demand, check the headers, run `handler` under the state's lock,
        answer encrypted and record the call."""
        self.state.wait_if_held()
        body: Any = request.get_json(silent=True) if request.method == "POST" else None
        call: dict[str, Any] = {"method": request.method, "path": path, "body": body,
                                "at_ms": int(self.clock() * 1000)}
        failure = self.state.take_failure()
        if failure is not None:
            self.state.record({**call, "http_status": failure, "failed": True})
            return _drop_connection() if failure == 0 else Response("", status=failure)
        reply = self.keys.refusal(self.clock())
        if reply is None and request.method == "POST" and not isinstance(body, dict):
            reply = Reply(201, "Format request tidak valid (JSON)")
        if reply is None:
            with self.state.lock:
                reply = handler(body or {}, call["at_ms"])
        http_status = 401 if reply.code == 401 else 200
        self.state.record({**call, "http_status": http_status, "code": reply.code,
                           "message": reply.message, "response": reply.response})
        return self._answer(reply, http_status)

    def _answer(self, reply: Reply, http_status: int) -> Response:
        envelope: dict[str, Any] = {"metadata": {"code": reply.code,
                                                 "message": reply.message}}
        if reply.response is not None:
            envelope["response"] = crypto.encrypt(
                self.keys.cons_id, self.keys.secret, request.headers["X-timestamp"],
                json.dumps(reply.response, ensure_ascii=False))
        answer = jsonify(envelope)
        answer.status_code = http_status
        return answer


def _dashboard(fake: Fake, day: str, clock: str) -> Response:
    path = f"/dashboard/waktutunggu/tanggal/{day}/waktu/{clock}"

    def handler(_body: dict[str, Any], _now: int) -> Reply:
        try:
            parsed = date.fromisoformat(day)
        except ValueError:
            return Reply(201, "Format Tanggal Tidak Sesuai, format yang benar adalah yyyy-mm-dd")
        if clock not in ("rs", "server"):
            return Reply(201, "waktu harus rs atau server")
        return Reply(200, "Ok.", waiting_times(fake.state, parsed, clock))

    return fake.serve(path, handler)


def bpjs_routes(blp: Blueprint, fake: Fake) -> None:
    state = fake.state
    blp.add_url_rule("/antrean/add", "add", methods=["POST"], view_func=lambda: fake.serve(
        "/antrean/add", lambda body, _now: rules.add(state, body)))
    blp.add_url_rule("/antrean/updatewaktu", "updatewaktu", methods=["POST"],
                     view_func=lambda: fake.serve("/antrean/updatewaktu", lambda body, now:
                                                  rules.update_time(state, body, now)))
    blp.add_url_rule("/antrean/batal", "batal", methods=["POST"], view_func=lambda: fake.serve(
        "/antrean/batal", lambda body, _now: rules.cancel(state, body)))
    blp.add_url_rule("/antrean/getlisttask", "getlisttask", methods=["POST"],
                     view_func=lambda: fake.serve("/antrean/getlisttask", lambda body, _now:
                                                  rules.task_list(state, body)))
    blp.add_url_rule("/dashboard/waktutunggu/tanggal/<day>/waktu/<clock>", "dashboard",
                     view_func=lambda day, clock: _dashboard(fake, day, clock))
