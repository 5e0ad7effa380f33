"""Registers the outbox part of the BPJS module (owner: helper C, issue 19): its staff
routes (`/api/v1/bpjs/outbox/run`, `/api/v1/bpjs/reconciliation`), the reconciliation
page (`/bpjs/rekonsiliasi`) and, when `BPJS_SEND_SECONDS` > 0 and a BPJS client is
configured, the background loop (`app.extensions["antrian.bpjs_sender"]`)."""

from __future__ import annotations

from flask import Flask


def load_outbox(app: Flask) -> None:
    """Register this part's routes and page with `app`, and start its loop."""
    from .outbox_api import blp
    from .outbox_loop import start_loop
    from .reconcile_page import bp

    app.extensions["antrian.api"].register_blueprint(blp)
    app.register_blueprint(bp)
    start_loop(app)
