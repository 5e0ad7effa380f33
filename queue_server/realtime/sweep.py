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
from collections.abc import Mapping
from typing import Any

from flask import Flask
from flask_socketio import SocketIO

from ..background import BackgroundLoop
from ..runtime import current
from ..services.sessions import lapsed
from .sessions import end_socket

log = logging.getLogger(__name__)

DEFAULT_PERIOD = 5.0


class CredentialSweep(BackgroundLoop):
    """Checks the credentials of the sockets in `watching` (sid → a watch with a
    `credential`) every `period` seconds and cuts those that lapsed, until `stop()`."""

    name = "antrian-credential-sweep"

    def __init__(self, app: Flask, sio: SocketIO, watching: Mapping[str, Any],
                 period: float = DEFAULT_PERIOD):
        self.app = app
        self.sio = sio
        self.watching = watching
        self.period = period
        super().__init__(every=period, first=period)

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

    def round(self) -> float | None:
        """One sweep, then the next after `period` seconds."""
        self.once()
        return None


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
