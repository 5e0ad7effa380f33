"""The front page, `/`: every facility with its board, its booking page and the console."""

from __future__ import annotations

from flask import Blueprint, render_template, request
from flask.typing import ResponseReturnValue

from ..runtime import current
from ..services import queries

bp = Blueprint("home", __name__, template_folder="templates")

TEXT = {
    "id": {"title": "Antrean puskesmas", "switch": "English", "switch_lang": "en",
           "intro": "Ambil nomor antrean dari rumah, ikuti antrean di layar ruang tunggu, "
                    "atau masuk sebagai petugas.",
           "facilities": "Fasilitas kesehatan", "board": "Layar ruang tunggu",
           "book": "Ambil nomor antrean", "console": "Konsol petugas",
           "staff": "Untuk petugas", "api": "Dokumentasi API",
           "none": "Belum ada fasilitas yang dikonfigurasi."},
    "en": {"title": "Health centre queues", "switch": "Bahasa Indonesia", "switch_lang": "id",
           "intro": "Take a queue number from home, follow the queue on the waiting-room "
                    "screen, or sign in as staff.",
           "facilities": "Health facilities", "board": "Waiting-room screen",
           "book": "Take a queue number", "console": "Staff console",
           "staff": "For staff", "api": "API documentation",
           "none": "No facility is configured yet."},
}


@bp.get("/")
def index() -> ResponseReturnValue:
    """The facilities with links to each one's board and booking page, and the console."""
    lang = "en" if request.args.get("lang") == "en" else "id"
    facilities = queries.facilities(current().uow(write=False))
    return render_template("home/index.html", lang=lang, t=TEXT[lang], facilities=facilities)
