"""The photos of a complaint for staff, `/wadul/kasus/{ref}/files/{id}` (the staff case
page shows them), signed in with the shared staff login; the public sees a photo only
through the case's public page (casepage). Every e-Wadul page's template also gets
`photo_limits` (how many photos a complaint takes, how many MB each) for its photo
fields."""

from __future__ import annotations

from typing import Any

from flask import Response, current_app
from flask.typing import ResponseReturnValue

from queue_server.domain.errors import DomainError
from queue_server.persistence.case_file_store import file_store
from queue_server.runtime import current
from queue_server.services.case_files import max_bytes
from queue_server.staff_session import signed_in

from .domain import MAX_PHOTOS
from .files import staff_file
from .pages import bp, said_number
from .pages_staff import login_page, refused


@bp.get("/kasus/<ref>/files/<int:file_id>")
def case_file(ref: str, file_id: int) -> ResponseReturnValue:
    """One file of a case (by its public reference) for staff who may read the case;
    signed out: the sign-in page (401); another office's case: 403; an unknown case or
    file: 404."""
    who = signed_in()
    if who is None:
        return login_page("inbox", status=401)
    try:
        content_type, data = staff_file(current().uow(write=False),
                                        file_store(current_app.instance_path), who,
                                        ref, file_id)
    except DomainError as exc:
        return refused(who, exc)
    return Response(data, mimetype=content_type, headers={
        "Cache-Control": "private, no-store", "X-Content-Type-Options": "nosniff",
        "Content-Disposition": "inline"})


@bp.context_processor
def photo_limits() -> dict[str, Any]:
    """`photo_limits`: `count` (photos a complaint takes) and `mb` (each one's limit in
    MB, from CASE_FILE_MAX_BYTES), for the pages' photo fields and their scripts."""
    mb = max_bytes(current_app.config) / (1024 * 1024)
    return {"photo_limits": {"count": MAX_PHOTOS, "mb": f"{mb:g}", "mb_said": said_number(mb)}}
