"""Live events over Socket.IO: one server per app, rooms per audience, emits after commit."""

from __future__ import annotations

import logging

from flask import Flask
from flask_socketio import SocketIO

from ..services.ports import OutgoingEvent
from . import combine, handlers, sessions
from .sweep import start_sweep

log = logging.getLogger(__name__)



def async_mode() -> str:
    """gevent when the process was monkey-patched first (the server commands do), else threads.

    Never auto-detected: that would pick eventlet or gevent merely for being installed.
    """
    try:
        from gevent import monkey
    except ImportError:  # pragma: no cover - gevent is in requirements.txt
        return "threading"
    return "gevent" if monkey.is_module_patched("socket") else "threading"


class SocketNotifier:
    """The Notifier port: sends committed events to their rooms (through Redis if set)."""

    def __init__(self, socketio: SocketIO):
        self.socketio = socketio

    def publish(self, events: list[OutgoingEvent]) -> None:
        """Emit each event to its rooms; a call's two events go to combining boards as
        one (combine.py)."""
        for event, rooms in combine.routed(events):
            try:
                self.socketio.emit(event.name, event.payload, to=rooms)
            except Exception:  # the change is committed; clients resync by snapshot later
                log.exception("could not send %s (seq %s)", event.name, event.payload.get("seq"))


def servers_notifier(message_queue: str | None) -> SocketNotifier | None:
    """For a command run beside the servers (`close-day`): their clients hear its events
    through the message queue they share (Redis, `SOCKETIO_MESSAGE_QUEUE`; a write-only
    emitter). None without one (the embedded server's boards catch up at their next
    resync)."""
    if not message_queue:
        return None
    # Our loggers, as init_realtime's: the libraries' defaults add handlers of their own.
    return SocketNotifier(SocketIO(message_queue=message_queue,
                                   logger=logging.getLogger("socketio.server"),
                                   engineio_logger=logging.getLogger("engineio.server")))


def init_realtime(app: Flask) -> SocketIO:
    socketio = SocketIO(
        app,
        async_mode=async_mode(),
        message_queue=app.config.get("SOCKETIO_MESSAGE_QUEUE"),
        # Closing a login's room cuts its sockets in every process (sessions.py).
        client_manager=sessions.client_manager(app.config.get("SOCKETIO_MESSAGE_QUEUE")),
        # Loggers, not False: False gives each library a handler of its own that prints
        # around our masking formatter (logs.py holds them at WARNING: no packets).
        logger=logging.getLogger("socketio.server"),
        engineio_logger=logging.getLogger("engineio.server"),
    )
    start_sweep(app, socketio, handlers.register(socketio))
    return socketio
