"""A public complaint's page, `/wadul/laporan/{ref}` (its public reference, `WADUL-123`),
and the photos it shows: read only, no identity, no tracking code (the code stays the
filer's secret; their own page is `/c/{code}`)."""

from __future__ import annotations

from datetime import datetime

from flask import Response, abort, current_app, render_template
from flask.typing import ResponseReturnValue

from queue_server.domain.attachments import FileMissing
from queue_server.domain.dates import long_date
from queue_server.i18n import page_language
from queue_server.persistence.case_file_store import file_store
from queue_server.runtime import current
from queue_server.services.cases import CaseNotFound

from .pages import bp, city_zone
from .public import public_photo, public_report


def _words(moment: str | None, lang: str) -> str | None:
    """An ISO date or date-time (city time) as a date in words."""
    return None if not moment else long_date(datetime.fromisoformat(moment).date(), lang)


@bp.get("/laporan/<ref>")
def public_case(ref: str) -> ResponseReturnValue:
    """A public complaint: category, place, office, state, dates, description, photos and
    the public timeline. 404 page for an unknown reference or a complaint not public."""
    lang = page_language()
    try:
        found = public_report(current().uow(write=False), city_zone(), ref)
    except CaseNotFound:
        return render_template("wadul/report_missing.html", lang=lang), 404
    dates = {key: _words(found[key], lang)
             for key in ("opened_at", "updated_at", "closed_at", "due")}
    return render_template("wadul/report.html", lang=lang, r=found, dates=dates)


@bp.get("/laporan/<ref>/foto/<int:file_id>")
def public_photo_file(ref: str, file_id: int) -> ResponseReturnValue:
    """A photo the public complaint's page shows; 404 for any other file."""
    try:
        found = public_photo(current().uow(write=False),
                             file_store(current_app.instance_path), ref, file_id)
    except (CaseNotFound, FileMissing):
        abort(404)
    if found is None:
        abort(404)
    content_type, data = found
    return Response(data, mimetype=content_type, headers={
        "Cache-Control": "public, max-age=300", "X-Content-Type-Options": "nosniff",
        "Content-Disposition": "inline"})
