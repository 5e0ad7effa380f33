"""Sockets that live no longer than their credential.

A console's socket joins the room `token:{id}` of the login it was opened with. Ending
that login (logout) tells the room why (`session_ended`: code and message in Indonesian
and English) and then closes it; closing a credential room disconnects its members, in
every server process: the client manager below does it where the room's members are,
and with a message queue (Redis) the close reaches every process through the queue.
Sockets whose credential lapses otherwise (expiry, a deactivated user or device) are cut
by the sweep (`sweep.py`) or at their next snapshot request or heartbeat.
"""

from __future__ import annotations

import logging
from typing import Any

import socketio
from flask import current_app
from flask_socketio import SocketIO

from ..domain.errors import DomainError
from ..domain.sessions import LoggedOut
from ..services.sessions import TOKEN, Credential

log = logging.getLogger(__name__)

EVENT = "session_ended"
# Flask-SocketIO's channel, so every process of a deployment shares one.
CHANNEL = "flask-socketio"
_ROOM_PREFIXES = (f"{TOKEN}:",)


def rooms_of(credential: Credential | None) -> list[str]:
    """The rooms a socket holding this credential joins (a login's room), possibly none."""
    if credential is not None and credential.kind == TOKEN:
        return [token_room(credential.id)]
    return []


def token_room(token_id: int) -> str:
    """The room of every socket opened with this staff login."""
    return f"{TOKEN}:{token_id}"


def ended_payload(error: DomainError) -> dict[str, str]:
    """What a socket is told before it is cut: `{code, message, message_en}`."""
    return {"code": error.code, "message": error.message, "message_en": error.message_en}


def end_socket(sio: SocketIO, sid: str, error: DomainError) -> None:
    """Tell one socket of this process why, then disconnect it."""
    sio.emit(EVENT, ended_payload(error), to=sid)
    sio.server.disconnect(sid)


def end_room(sio: SocketIO, room: str, error: DomainError) -> None:
    """Tell a credential's room why, then close it: its members are disconnected in every
    process (through the message queue when there is one)."""
    sio.emit(EVENT, ended_payload(error), to=room)
    sio.close_room(room)


def end_token(token_id: int) -> None:
    """The sockets opened with this login (just logged out) are told and cut, everywhere.

    Never raises: the logout is committed already, and the sweep cuts what this missed."""
    try:
        end_room(current_app.extensions["socketio"], token_room(token_id), LoggedOut())
    except Exception:  # a message queue hiccup must not fail the logout
        log.exception("could not cut the sockets of login %s; the sweep will", token_id)


def _cut_members(manager: Any, room: Any, namespace: str | None) -> None:
    """Disconnect this process's members of a credential room (other rooms: nothing)."""
    if not (isinstance(room, str) and room.startswith(_ROOM_PREFIXES)):
        return
    namespace = namespace or "/"
    for sid, _ in list(manager.get_participants(namespace, room)):
        manager.server.disconnect(sid, namespace=namespace, ignore_queue=True)


class LocalManager(socketio.Manager):
    """The in-process client manager: closing a credential room disconnects its members."""

    def close_room(self, room: Any, namespace: str) -> Any:
        _cut_members(self, room, namespace)
        return super().close_room(room, namespace)


class _QueueEnding:
    """For a message-queue manager: a close, local or heard from another process, first
    disconnects this process's members of a credential room."""

    def _handle_close_room(self, message: dict[str, Any]) -> Any:
        _cut_members(self, message.get("room"), message.get("namespace"))
        return super()._handle_close_room(message)  # type: ignore[misc]


def _queue_class(url: str) -> type:
    """The python-socketio manager for a message queue URL, as Flask-SocketIO picks it."""
    if url.startswith(("redis://", "rediss://", "unix://")):  # unix://: Redis's own socket
        return socketio.RedisManager
    if url.startswith("kafka://"):
        return socketio.KafkaManager
    if url.startswith("zmq"):
        return socketio.ZmqManager
    return socketio.KombuManager


def client_manager(url: str | None) -> socketio.Manager:
    """The client manager for `SOCKETIO_MESSAGE_QUEUE` (None: in-process only)."""
    if not url:
        return LocalManager()
    base = _queue_class(url)
    ending = type(f"Ending{base.__name__}", (_QueueEnding, base), {})
    return ending(url, channel=CHANNEL)
