"""e-Wadul's pages for citizens: the complaint form (`/wadul`, its script posts to
`POST /api/v1/wadul/reports` as multipart) and the public list of complaints
(`/wadul/laporan`, public complaints only, each linking to its public page
`/wadul/laporan/{ref}` in pages_public.py: never to the filer's `/c/{code}`). The staff
pages are in `pages_staff.py` and `pages_dashboard.py`."""

from __future__ import annotations

from typing import Any

from flask import Blueprint, Flask, current_app, render_template, request
from flask.typing import ResponseReturnValue

from queue_server.domain.errors import DomainError
from queue_server.i18n import page_language
from queue_server.runtime import current

from . import WORKFLOW
from .categories import categories
from .domain import DESCRIPTION_MAX, DESCRIPTION_MIN, MAX_PHOTOS
from .lists import ListIn, public_list, public_states

bp = Blueprint("wadul_pages", __name__, url_prefix="/wadul", template_folder="templates",
               static_folder="static")
PER_PAGE = 20


def city_zone() -> str:
    """The city's time zone (app config `CITY_TIMEZONE`), for dates and working days."""
    return str(current_app.config.get("CITY_TIMEZONE", "Asia/Jakarta"))


def said(exc: DomainError) -> str:
    """A named error's message in the page's language."""
    return exc.message_en if page_language() == "en" else exc.message


def said_number(value: float) -> str:
    """A number as the page's language writes it: a decimal comma in Indonesian (PUEBI:
    "2,5"), a point in English; no trailing zeros."""
    text = f"{value:g}"
    return text if page_language() == "en" else text.replace(".", ",")


def lang_args() -> dict[str, Any]:
    """`{"lang": "en"}` on an English page (kept on its links), else nothing."""
    return {"lang": "en"} if page_language() == "en" else {}


def state_choices() -> list[tuple[str, str]]:
    """(state, label in the page's language) of every e-Wadul state, in workflow order."""
    en = page_language() == "en"
    return [(name, state.label_en if en else state.label_id)
            for name, state in WORKFLOW.states.items()]


@bp.get("")
def form() -> ResponseReturnValue:
    """The complaint form: every active category with its office, days to answer and,
    for an emergency one, where to go instead (its `redirect` replaces the form)."""
    listed = categories(current().uow(write=False), active_only=True)
    max_mb = current_app.config.get("CASE_FILE_MAX_BYTES", 5 * 1024 * 1024) / (1024 * 1024)
    return render_template("wadul/form.html", lang=page_language(), categories=listed,
                           max_photos=MAX_PHOTOS, max_mb=f"{max_mb:g}",
                           max_mb_said=said_number(max_mb),
                           description_min=DESCRIPTION_MIN, description_max=DESCRIPTION_MAX)


def _page_number(text: str | None) -> int:
    try:
        return max(1, min(int(text or "1"), 10_000))
    except ValueError:
        return 1


@bp.get("/laporan")
def public_reports() -> ResponseReturnValue:
    """The public list: public complaints (verified, confirmed, not confidential) by
    public reference, newest first, filtered by category and state, PER_PAGE a page; no
    identity, no description, no tracking code."""
    category = request.args.get("category", "").strip() or None
    state = request.args.get("state", "").strip() or None
    page = _page_number(request.args.get("page"))
    found: dict[str, Any] = {"items": [], "page": page, "per_page": PER_PAGE, "total": 0}
    error, status = None, 200
    rt = current()
    listed = categories(rt.uow(write=False), active_only=False)
    try:
        found = public_list(rt.uow(write=False), rt.clock, city_zone(),
                            ListIn(category=category, state=state, page=page,
                                   per_page=PER_PAGE))
    except DomainError as exc:
        error, status = said(exc), 422
    pages = max(1, -(-int(found["total"]) // PER_PAGE))
    return render_template("wadul/reports.html", lang=page_language(), found=found,
                           categories=listed, category=category,
                           states=[c for c in state_choices() if c[0] in public_states()],
                           state=state, pages=pages, error=error), status


def register_pages(app: Flask) -> None:
    """Add e-Wadul's pages (citizen, staff, dashboard) to `app`."""
    from . import (  # noqa: F401  (their routes on `bp`)
        pages_dashboard,
        pages_files,
        pages_public,
        pages_skm,
        pages_staff,
    )

    app.register_blueprint(bp)
