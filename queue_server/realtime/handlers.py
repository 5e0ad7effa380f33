"""Socket.IO handlers: who may watch what, and the snapshot every client gets first.

The `auth` payload says what a client watches:
`{"facility": CODE}` → a board (public); `{"visit": CODE}` → a patient's ticket;
`{"counter": CODE, "token": T?, "facility": CODE?}` → a staff console (the token, or the
page's session cookie). Every client is in its facility's room too, so it sees every
event of the facility once and can tell a gap in `seq`.

A console lives no longer than its login, a device board no longer than its device's
token: each snapshot request and heartbeat checks again, a logout cuts its sockets at
once (`sessions.py`) and the sweep cuts the rest (`sweep.py`), with a `session_ended`
event first (`{code, message, message_en}`).

A board may add its display device's token (`{"facility": CODE, "token": T, "lang": ...,
"services": [...]}`): it is then known as that device, and its connect, its `heartbeat`
events (every 30 s) and its disconnect keep `devices.last_seen_at` and a small status.
A board adding `"combine": true` gets a call's `ticket.called` and `queue.changed` as one
`ticket.called` with `services` and `seq_through` (combine.py).
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, replace
from typing import Any

from flask import request, session
from flask_socketio import SocketIO, emit, join_room

from ..domain.access import NotABoard, NotADeviceBoard, UnknownAudience
from ..domain.codes import read_code
from ..domain.errors import DomainError
from ..domain.identity import normalise_reference
from ..edge import token_guard
from ..edge.code_guard import guarded
from ..runtime import current
from ..services import live
from ..services.auth import Principal, authenticate
from ..services.sessions import Credential, credential_of, require_live
from . import combine, sessions

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Watch:
    kind: str  # board, visit, console
    key: str  # facility code, visit code, counter code
    principal: Principal | None = None
    facility: str | None = None
    # What the socket was opened with: it lives no longer than this holds.
    credential: Credential | None = None


def _reference(auth: dict[str, Any], key: str) -> str | None:
    """A facility or counter code of the payload, normalised as the API's fields do
    (NFKC, case, spaces around); identity.NotPlain `invalid_{key}` for other scripts."""
    value = auth.get(key)
    return normalise_reference(str(value), key) if value else None


def _watch_from(auth: Any) -> Watch:
    auth = auth if isinstance(auth, dict) else {}
    facility = _reference(auth, "facility")
    if auth.get("counter"):
        rt = current()
        counter = _reference(auth, "counter") or ""
        token = auth.get("token") or session.get("token")
        principal = authenticate(rt.uow(write=False), rt.clock, token).require_staff()
        return Watch("console", counter, principal, facility, credential_of(principal, token))
    if auth.get("visit"):
        return Watch("visit", read_code(str(auth["visit"]), "visit"))
    if facility:
        rt = current()
        code = facility
        device = live.board_device(rt.uow(write=False), rt.clock, auth.get("token"), code)
        return Watch("board", code, device, credential=credential_of(device, auth.get("token")))
    raise UnknownAudience()


def _snapshot(watch: Watch) -> tuple[list[str], dict[str, Any]]:
    rt = current()
    uow = rt.uow(write=False)
    if watch.kind == "console":
        return live.console_rooms(uow, rt.clock, watch.principal, watch.key, watch.facility)
    if watch.kind == "visit":
        return live.visit_rooms(uow, rt.clock, watch.key)
    return live.board_rooms(uow, rt.clock, watch.key)


def _refused(exc: DomainError) -> dict[str, Any]:
    """A handler's answer for a refusal: `{"error": {code, message, message_en}}`."""
    return {"error": {"code": exc.code, "message": exc.message, "message_en": exc.message_en}}


def _is_device_board(watch: Watch | None) -> bool:
    return watch is not None and watch.kind == "board" and watch.principal is not None


def _seen(watch: Watch, report: Any, connected: bool) -> dict[str, Any]:
    """Record a board device's heartbeat; a failure is logged, never raised at the board."""
    rt = current()
    try:
        return live.board_seen(rt.uow(), rt.clock, watch.principal, report, connected)
    except Exception:  # a heartbeat must never break the board's connection
        log.exception("board heartbeat of %s not recorded", watch.principal.name)
        return {"error": {"code": "not_recorded", "message": "Heartbeat not recorded."}}


def _ended(socketio: SocketIO, watch: Watch) -> dict[str, Any] | None:
    """None while the socket's credential holds (or it has none). Else the socket is told
    why and cut, and the refusal is the answer to the request it made."""
    if watch.credential is None:
        return None
    rt = current()
    try:
        require_live(rt.uow(write=False), rt.clock, watch.credential)
    except DomainError as exc:
        sessions.end_socket(socketio, request.sid, exc)
        return _refused(exc)
    return None


def _register_snapshot(socketio: SocketIO, watching: dict[str, Watch]) -> None:
    @socketio.on("snapshot")
    def resnapshot(asked: Any = None) -> dict[str, Any] | None:
        """A client that saw a gap asks again; the answer comes as a `snapshot` event.
        A console or device board whose credential lapsed is refused and cut instead.

        `{"request": n}` (a whole number the client counts up) comes back in the answer
        as `request`: each request is answered on its own, so answers can arrive out of
        order, and a client drops one older than its latest request (it would take the
        board back to an earlier state, and nothing after it might say so)."""
        watch = watching.get(request.sid)
        if watch is None:
            return None
        ended = _ended(socketio, watch)
        if ended is not None:
            return ended
        try:
            _, snapshot = _snapshot(watch)
        except DomainError as exc:
            return _refused(exc)
        number = asked.get("request") if isinstance(asked, dict) else None
        if isinstance(number, int) and not isinstance(number, bool):
            snapshot = {**snapshot, "request": number}
        emit("snapshot", snapshot)
        return {"seq": snapshot.get("seq")}


def _register_position(socketio: SocketIO, watching: dict[str, Watch]) -> None:
    @socketio.on("position")
    def position(_: Any = None) -> dict[str, Any] | None:
        """Where the facility's events stand (`{"epoch", "seq"}`), far cheaper than a
        snapshot: a board or a patient's page that heard no event for a while asks, and
        resyncs if it is behind (events lost on the way, e.g. while the broker
        reconnected, are otherwise noticed only at the facility's next event). Boards and
        patients' pages only (`not_a_board`)."""
        watch = watching.get(request.sid)
        if watch is None:
            return None
        facility = watch.key if watch.kind == "board" else watch.facility
        if watch.kind not in ("board", "visit") or facility is None:
            return _refused(NotABoard())
        ended = _ended(socketio, watch)
        if ended is not None:
            return ended
        rt = current()
        try:
            return live.board_position(rt.uow(write=False), facility)
        except DomainError as exc:
            return _refused(exc)


def _register_heartbeat(socketio: SocketIO, watching: dict[str, Watch],
                        reports: dict[str, Any]) -> None:
    @socketio.on("heartbeat")
    def heartbeat(report: Any = None) -> dict[str, Any]:
        """A board with a device token says it is alive (every 30 s) and how it is."""
        watch = watching.get(request.sid)
        if not _is_device_board(watch):
            return _refused(NotADeviceBoard())
        ended = _ended(socketio, watch)
        if ended is not None:
            return ended
        reports[request.sid] = report
        return _seen(watch, report, connected=True)


def _admitted(auth: Any) -> tuple[Watch, list[str], dict[str, Any]]:
    """What a connecting client watches, its rooms and its first snapshot; otherwise
    ConnectionRefusedError with the error's code and message. Unknown codes and tokens
    count against the caller as on the API (429 codes once over their limits)."""
    token = auth.get("token") if isinstance(auth, dict) else None
    try:
        if token:
            token_guard.refuse_if_blocked()
        watch = _watch_from(auth)
        rooms, snapshot = guarded(watch.kind == "visit", _snapshot, watch)
    except DomainError as exc:
        exc = token_guard.counted(exc, token)
        raise ConnectionRefusedError({"code": exc.code, "message": exc.message}) from None
    return watch, rooms, snapshot


def _still_connected(socketio: SocketIO) -> bool:
    """Whether this request's socket is connected and not being disconnected: false
    inside a real `disconnect` (python-socketio marks it pending first), true when a
    client merely emits an event of that name."""
    namespace = getattr(request, "namespace", None) or "/"
    return bool(socketio.server.manager.is_connected(request.sid, namespace))


def register(socketio: SocketIO) -> dict[str, Watch]:
    """Connect (rooms, then the snapshot), snapshot on request, heartbeat, disconnect.

    Returns what each connected socket of this process watches (sid → Watch), live: the
    credential sweep reads it."""
    watching: dict[str, Watch] = {}
    reports: dict[str, Any] = {}  # a board device's last report, kept for its disconnect

    @socketio.on("connect")
    def connect(auth: Any = None) -> None:
        """Join the rooms of what the client watches, then send it its snapshot.

        A connected client that emits an event named `connect` is ignored (its real
        connect was checked once; this must neither re-watch nor fill the log)."""
        if request.sid in watching:
            return
        watch, rooms, snapshot = _admitted(auth)
        if watch.kind == "visit":  # its facility's position, when the page asks
            watch = replace(watch, facility=snapshot["facility"]["code"])
        if watch.kind == "board" and isinstance(auth, dict) and auth.get("combine") is True:
            rooms = combine.combining_rooms(rooms)  # a call's two events come as one
        for room in [*rooms, *sessions.rooms_of(watch.credential)]:
            join_room(room)
        watching[request.sid] = watch
        emit("snapshot", snapshot)
        if _is_device_board(watch):
            reports[request.sid] = auth
            _seen(watch, auth, connected=True)

    _register_snapshot(socketio, watching)
    _register_position(socketio, watching)
    _register_heartbeat(socketio, watching, reports)

    @socketio.on("disconnect")
    def disconnect(*_: Any) -> None:
        """Forget the client; a board device is recorded as disconnected.

        Only a real disconnect: a client emitting an event named `disconnect` stays
        connected, so it stays watched (and swept) too."""
        if _still_connected(socketio):
            return
        watch = watching.pop(request.sid, None)
        report = reports.pop(request.sid, None)
        if _is_device_board(watch):
            _seen(watch, report, connected=False)

    return watching
