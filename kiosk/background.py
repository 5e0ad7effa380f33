"""The agent's background loop: retry or expire waiting jobs, ask an idle printer how it
is, learn the server's public address, and send the heartbeat."""

from __future__ import annotations

import logging
import threading
import time
from typing import TYPE_CHECKING, Any

from .server import ServerRefused, ServerUnreachable

if TYPE_CHECKING:
    from flask import Flask

    from .agent import Parts

log = logging.getLogger("kiosk")

HOME_EVERY = 60.0  # seconds between two reads of the server's home payload


class Background(threading.Event):
    """The loop's stop switch: `set()` stops the loop and waits for its thread to end."""

    def __init__(self) -> None:
        super().__init__()
        self.thread: threading.Thread | None = None

    def set(self) -> None:
        """Stop the loop and wait (up to 30 s) for its thread to end."""
        super().set()
        if self.thread is not None and self.thread is not threading.current_thread():
            self.thread.join(timeout=30)


def heartbeat_body(parts: Parts) -> dict[str, Any]:
    """What the server is told every `heartbeat_seconds` (HeartbeatIn's fields)."""
    return {**parts.printing.report(), "taking_numbers": parts.taking_numbers}


def _learn_home(parts: Parts) -> None:
    try:
        parts.learn_home(parts.server.home())
    except (ServerUnreachable, ServerRefused) as exc:
        log.warning("the server's home payload could not be read: %s", exc)


def _beat(parts: Parts) -> None:
    try:
        parts.server.heartbeat(heartbeat_body(parts))
    except (ServerUnreachable, ServerRefused) as exc:
        log.warning("heartbeat failed: %s", exc)


def _loop(parts: Parts, stop: threading.Event) -> None:
    """Until `stop` is set: every `retry_seconds`, print (or expire) waiting jobs, or probe
    an idle printer every `probe_seconds`; read the home payload and send the heartbeat
    on their own periods."""
    options = parts.options
    due = {"probe": 0.0, "home": 0.0, "beat": 0.0}
    while not stop.is_set():
        now = time.monotonic()
        if parts.spool.pending():
            parts.printing.flush()
        elif now >= due["probe"]:
            parts.printing.probe()
            due["probe"] = now + options.probe_seconds
        if now >= due["home"] and not stop.is_set():
            _learn_home(parts)
            due["home"] = now + HOME_EVERY
        if now >= due["beat"] and not stop.is_set():
            _beat(parts)
            due["beat"] = now + options.heartbeat_seconds
        stop.wait(options.retry_seconds)


def start_background(app: Flask) -> Background:
    """Start the loop in a daemon thread; the returned switch's `set()` stops it."""
    stop = Background()
    stop.thread = threading.Thread(target=_loop, args=(app.extensions["kiosk"], stop),
                                   name="kiosk-background", daemon=True)
    stop.thread.start()
    return stop
