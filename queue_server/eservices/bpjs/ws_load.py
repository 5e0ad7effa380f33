"""Registers the ws part of the BPJS module (owner: helper A, issue 19): the hosted web
service Mobile JKN calls, under `/bpjs` (FKRTL) and `/bpjs/fktp` (FKTP), in the app's
one OpenAPI document."""

from __future__ import annotations

from flask import Flask


def load_ws(app: Flask) -> None:
    """Register the hosted service's blueprint (its routes are imported with it)."""
    from . import ws_fktp, ws_routes  # noqa: F401  (the routes join the blueprint)
    from .ws_envelope import blp

    app.extensions["antrian.api"].register_blueprint(blp)
