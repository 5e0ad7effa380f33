"""The planning chain's budgeting part (see queue_server/eservices/planning): standard
costs, office ceilings, budget lines from accepted proposals and programmes, flagged over
the standard price or the office's ceiling, approved by the planning agency."""

from __future__ import annotations

from flask import Flask


def load(app: Flask) -> None:
    """Register this part's tables, API, page and demo hook with `app`."""
    from queue_server.eservices import register

    # models: its tables in the metadata; pages_forms: its routes on the pages blueprint
    from . import api, models, pages_forms  # noqa: F401
    from . import errors as errors  # the named errors register before the API document
    from .demo import load_demo
    from .pages import pages

    app.extensions["antrian.api"].register_blueprint(api.blp)
    app.register_blueprint(pages)
    register(app, "demo", load_demo)
