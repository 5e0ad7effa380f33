"""e-Surat: the city offices' official letters (issue 17). Incoming letters are
registered with an agenda number per office and year and disposed to officers; outgoing
letters go from a template through a review chain (paraf) to a signed, numbered PDF with
a verification QR and are sent to another office's register or outside. Classification
codes (Permendagri 83/2022) with their retention, access classes (biasa, terbatas,
rahasia) enforced everywhere, urgency. Both kinds of letter are cases of this module
with their own workflows (`kind` incoming / outgoing)."""

from __future__ import annotations

from flask import Flask

MODULE = "surat"


def load(app: Flask) -> None:
    """Register e-Surat's tables, routes, pages, case kinds and demo data with `app`."""
    from queue_server.eservices import register
    from queue_server.services.documents import DocumentAccess

    from .access import may_read_document
    from .incoming_load import load_incoming
    from .outgoing_load import load_outgoing

    load_incoming(app)
    load_outgoing(app)
    register(app, "document_access", DocumentAccess(MODULE, may_read_document))
