"""The planning chain's procurement part (see queue_server/eservices/planning): tenders
run by the procurement unit (UKPBJ), bids by providers, evaluation, award checked against
the blacklist, complaints (sanggah), direct procurement by the office's PPK, results
imported from the national system (SPSE)."""

from __future__ import annotations

from flask import Flask


def load(app: Flask) -> None:
    """Register this part's tables, API, pages and demo data with `app`."""
    from queue_server.eservices import register

    from . import errors as errors  # the named errors register before the API document
    from . import models  # noqa: F401  (its tables in the metadata)
    from .api import blp
    from .demo import load_demo
    from .pages import pages

    app.extensions["antrian.api"].register_blueprint(blp)
    app.register_blueprint(pages)
    register(app, "demo", load_demo)
