"""The front page, `/`: every facility with its board, its booking page and the console."""

from __future__ import annotations

from pathlib import Path

from flask import Blueprint, Response, render_template
from flask.typing import ResponseReturnValue

from ..i18n import page_language
from ..runtime import current
from ..services import queries

bp = Blueprint("home", __name__, template_folder="templates")
ICON = Path(__file__).resolve().parent.parent / "patient" / "static" / "icon-192.png"


@bp.get("/")
def index() -> ResponseReturnValue:
    """The facilities with links to each one's board and booking page, and the console."""
    lang = page_language()
    facilities = queries.facilities(current().uow(write=False))
    return render_template("home/index.html", lang=lang, facilities=facilities)


@bp.get("/favicon.ico")
def favicon() -> ResponseReturnValue:
    """The site's icon where browsers ask for it (the patient pages' 192 px PNG), so a
    page view does not log a 404."""
    return Response(ICON.read_bytes(), mimetype="image/png",
                    headers={"Cache-Control": "public, max-age=86400"})
