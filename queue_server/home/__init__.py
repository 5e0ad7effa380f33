"""The front page, `/`: every facility with its board, its booking page and the console."""

from __future__ import annotations

from flask import Blueprint, render_template
from flask.typing import ResponseReturnValue

from ..i18n import page_language
from ..runtime import current
from ..services import queries

bp = Blueprint("home", __name__, template_folder="templates")


@bp.get("/")
def index() -> ResponseReturnValue:
    """The facilities with links to each one's board and booking page, and the console."""
    lang = page_language()
    facilities = queries.facilities(current().uow(write=False))
    return render_template("home/index.html", lang=lang, facilities=facilities)
