"""The credential sweep: a background loop in every server process that cuts this
process's sockets whose credential no longer holds.

A logout cuts its sockets at once (`sessions.end_token`); what lapses without a request
here (a token expiring, `load-config` deactivating a user or a device in another process)
is found by the sweep within `CREDENTIAL_SWEEP_SECONDS` (5 by default; under TESTING off
unless set). One round is one or two small queries, and none while no authenticated
socket is open.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Mapping
from typing import Any

from flask import Flask
from flask_socketio import SocketIO

from ..runtime import current
from ..services.sessions import lapsed
from .sessions import end_socket

log = logging.getLogger(__name__)

DEFAULT_PERIOD = 5.0


class CredentialSweep:
    """Checks the credentials of the sockets in `watching` (sid → a watch with a
    `credential`) every `period` seconds and cuts those that lapsed, until `stop()`."""

    def __init__(self, app: Flask, sio: SocketIO, watching: Mapping[str, Any],
                 period: float = DEFAULT_PERIOD):
        self.app = app
        self.sio = sio
        self.watching = watching
        self.period = period
        self.rounds = 0  # rounds finished, for tests that wait on them
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._loop, name="antrian-credential-sweep",
                                        daemon=True)

    def start(self) -> CredentialSweep:
        self._thread.start()
        return self

    def stop(self, timeout: float = 10.0) -> None:
        """Ask the loop to end and wait for it (a round in flight finishes first)."""
        self._stop.set()
        if self._thread.is_alive():
            self._thread.join(timeout)

    def once(self) -> int:
        """One round: returns how many sockets were cut."""
        held = {sid: watch.credential for sid, watch in list(self.watching.items())
                if watch.credential is not None}
        if not held:
            return 0
        with self.app.app_context():
            rt = current()
            ended = lapsed(rt.uow(write=False), rt.clock, held.values())
            for sid, credential in held.items():
                if credential in ended:
                    log.info("socket %s cut: %s", sid, ended[credential].code)
                    end_socket(self.sio, sid, ended[credential])
        return sum(1 for c in held.values() if c in ended)

    def _loop(self) -> None:
        while not self._stop.wait(self.period):
            try:
                self.once()
            except Exception:  # the loop must outlive a database hiccup
                log.exception("credential sweep round failed")
            self.rounds += 1


def start_sweep(app: Flask, sio: SocketIO, watching: Mapping[str, Any]) -> CredentialSweep | None:
    """Start the sweep unless `CREDENTIAL_SWEEP_SECONDS` is 0 (or, under TESTING, unset);
    it is kept as `app.extensions["antrian.credential_sweep"]` (stop it with `.stop()`)."""
    period = app.config.get("CREDENTIAL_SWEEP_SECONDS")
    if period is None:
        period = None if app.testing else DEFAULT_PERIOD
    if not period or float(period) <= 0:
        return None
    sweep = CredentialSweep(app, sio, watching, float(period)).start()
    app.extensions["antrian.credential_sweep"] = sweep
    return sweep
