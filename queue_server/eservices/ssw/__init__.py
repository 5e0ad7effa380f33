"""Surabaya Single Window (SSW): permits (issue 17). A catalogue of permits (documents
required, fee, deadline in working days, validity, reviewing offices, inspection); a
citizen or business applies with the documents, each document is checked on its own and
only flagged ones are sent again; the reviewing offices review in parallel, an inspector
visits where needed; the permit is issued as a signed PDF with a verification QR, or the
application rejected with reasons; permits can be revoked and are reminded before they
expire. Deadlines in working days (warning at 80 %, overdue at 100 %)."""

from __future__ import annotations

from flask import Flask

MODULE = "ssw"
# The intake office (front desk of the one-stop service; its head signs permits).
DESK_OFFICE = "dpmptsp"


def load(app: Flask) -> None:
    """Register SSW's tables, routes, pages, case kind and demo data with `app`."""
    from .api_load import load_api
    from .pages_load import load_pages

    load_api(app)
    load_pages(app)
