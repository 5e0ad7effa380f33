"""The planning chain's delivery part (see queue_server/eservices/planning): the contract
of a package (award letter SPPBJ → contract → notice to proceed SPMK → handover BAST,
each a signed document), its termins, the provider's invoices and BPKAD's payments."""

from __future__ import annotations

from flask import Flask


def load(app: Flask) -> None:
    """Register this part's tables, API, pages, document rule and demo data with `app`."""
    from queue_server.eservices import register
    from queue_server.services.documents import DocumentAccess

    from .. import MODULE
    from . import errors as errors  # the named errors register before the API document
    from . import models  # noqa: F401  (its tables in the metadata)
    from .api import blp
    from .demo import load_demo
    from .pages import pages
    from .views import may_read_document

    app.extensions["antrian.api"].register_blueprint(blp)
    app.register_blueprint(pages)
    register(app, "document_access", DocumentAccess(MODULE, may_read_document))
    register(app, "demo", load_demo)
