"""The planning chain's controlling part (e-Controlling; see queue_server/eservices/
planning): the provider's monthly progress with photos, the PPK's approval, the
dashboard (late, overspent, stalled packages; planned-vs-actual curves; CSV), the
public progress page of a package (`/pembangunan/{code}`) and a proposal's follow-up
(follow.py)."""

from __future__ import annotations

from flask import Flask


def load(app: Flask) -> None:
    """Register this part's tables, settings (the dashboard's thresholds: rules.SETTINGS,
    from the environment's `ANTRIAN_<key>` unless set), API, pages and demo data with
    `app`."""
    import os

    from queue_server.eservices import register

    from . import models  # noqa: F401  (its tables in the metadata)
    from .api import blp
    from .demo import load_demo
    from .pages import register_pages
    from .rules import SETTINGS, thresholds

    for key, value in SETTINGS.items():
        app.config.setdefault(key, os.environ.get(f"ANTRIAN_{key}") or value)
    thresholds(app.config)  # a value that is not a number fails at start-up, not later
    app.extensions["antrian.api"].register_blueprint(blp)
    register_pages(app)
    register(app, "demo", load_demo)
