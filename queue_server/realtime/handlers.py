"""Socket.IO handlers: who may watch what, and the snapshot every client gets first.

The `auth` payload says what a client watches:
`{"facility": CODE}` → a board (public); `{"visit": CODE}` → a patient's ticket;
`{"counter": CODE, "token": T?, "facility": CODE?}` → a staff console (the token, or the
page's session cookie). Every client is in its facility's room too, so it sees every
event of the facility once and can tell a gap in `seq`.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from flask import request, session
from flask_socketio import SocketIO, emit, join_room

from ..domain.errors import DomainError
from ..runtime import current
from ..services import live
from ..services.auth import Principal, authenticate


@dataclass(frozen=True)
class Watch:
    kind: str  # board, visit, console
    key: str  # facility code, visit code, counter code
    principal: Principal | None = None
    facility: str | None = None


def _watch_from(auth: Any) -> Watch:
    auth = auth if isinstance(auth, dict) else {}
    if auth.get("counter"):
        rt = current()
        token = auth.get("token") or session.get("token")
        principal = authenticate(rt.uow(write=False), rt.clock, token).require_staff()
        return Watch("console", str(auth["counter"]), principal, auth.get("facility"))
    if auth.get("visit"):
        return Watch("visit", str(auth["visit"]))
    if auth.get("facility"):
        return Watch("board", str(auth["facility"]))
    raise ConnectionRefusedError(
        {"code": "unknown_audience",
         "message": "Sebutkan yang diikuti: facility, visit, atau counter (dengan token)."}
    )


def _snapshot(watch: Watch) -> tuple[list[str], dict[str, Any]]:
    rt = current()
    uow = rt.uow(write=False)
    if watch.kind == "console":
        return live.console_rooms(uow, rt.clock, watch.principal, watch.key, watch.facility)
    if watch.kind == "visit":
        return live.visit_rooms(uow, rt.clock, watch.key)
    return live.board_rooms(uow, rt.clock, watch.key)


def register(socketio: SocketIO) -> None:
    watching: dict[str, Watch] = {}

    @socketio.on("connect")
    def connect(auth: Any = None) -> None:
        try:
            watch = _watch_from(auth)
            rooms, snapshot = _snapshot(watch)
        except DomainError as exc:
            raise ConnectionRefusedError({"code": exc.code, "message": exc.message}) from None
        for room in rooms:
            join_room(room)
        watching[request.sid] = watch
        emit("snapshot", snapshot)

    @socketio.on("snapshot")
    def resnapshot(_: Any = None) -> dict[str, Any] | None:
        """A client that saw a gap asks again; the answer comes as a `snapshot` event."""
        watch = watching.get(request.sid)
        if watch is None:
            return None
        try:
            _, snapshot = _snapshot(watch)
        except DomainError as exc:
            return {"error": {"code": exc.code, "message": exc.message}}
        emit("snapshot", snapshot)
        return {"seq": snapshot.get("seq")}

    @socketio.on("disconnect")
    def disconnect(*_: Any) -> None:
        watching.pop(request.sid, None)
