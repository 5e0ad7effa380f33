"""The waiting-room TV: `/display/{facility}`, live over Socket.IO, spoken in Indonesian."""

from __future__ import annotations

from flask import Blueprint, render_template, request
from flask.typing import ResponseReturnValue

from queue_server.domain.identity import normalise_reference
from queue_server.runtime import current
from queue_server.services import queries

bp = Blueprint("display_board", __name__, url_prefix="/display", template_folder="templates",
               static_folder="static")


@bp.get("/<facility>")
def board(facility: str) -> ResponseReturnValue:
    rt = current()
    # The codes as the API reads them (full-width, case, spaces around): one spelling.
    facility = normalise_reference(facility, "facility")
    snapshot = queries.board(rt.uow(write=False), rt.clock, facility)  # 404 if unknown
    lang = "en" if request.args.get("lang") == "en" else "id"
    services = [normalise_reference(s, "service")
                for s in request.args.get("services", "").split(",") if s.strip()]
    return render_template("display_board/board.html", facility=snapshot["facility"],
                           lang=lang, services=services)
