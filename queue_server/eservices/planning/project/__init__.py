"""The planning chain's project part (see queue_server/eservices/planning): work packages
of approved budget lines, the method suggested from value thresholds (methods.yaml), the
schedule, payment plan and planned progress; never above the line."""

from __future__ import annotations

from flask import Flask


def load(app: Flask) -> None:
    """Register this part's tables, API, page and demo hook with `app`."""
    from queue_server.eservices import register

    from . import api, models  # noqa: F401  (its tables in the metadata)
    from . import errors as errors  # the named errors register before the API document
    from .demo import load_demo
    from .pages import pages

    app.extensions["antrian.api"].register_blueprint(api.blp)
    app.register_blueprint(pages)
    register(app, "demo", load_demo)
