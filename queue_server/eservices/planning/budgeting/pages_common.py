"""What the budgeting and project staff pages share: the sign-in form (the shared staff
login, session cookie), the page's language, a named error said in it, rupiah."""

from __future__ import annotations

from typing import Any

from flask import render_template, url_for
from flask.typing import ResponseReturnValue

from queue_server.domain.errors import DomainError
from queue_server.i18n import page_language

# The staff pages a sign-in may return to (never an address taken from the request).
PAGES = {"anggaran": "budgeting_pages.lines", "paket": "project_pages.packages"}
STATUS = {"forbidden": 403, "not_found": 404, "unauthorized": 401, "invalid": 422,
          "conflict": 409}


def lang_args() -> dict[str, Any]:
    """`{"lang": "en"}` on an English page (kept on its links and forms), else nothing."""
    return {"lang": "en"} if page_language() == "en" else {}


def said(exc: DomainError) -> str:
    """A named error's message in the page's language."""
    return exc.message_en if page_language() == "en" else exc.message


def status_of(exc: DomainError) -> int:
    """The HTTP status a page answers a named error with (its kind's)."""
    return STATUS.get(exc.kind, 409)


def rupiah(amount: int) -> str:
    """`Rp 1.250.000` (the thousands separator both languages read in rupiah)."""
    return "Rp " + f"{amount:,}".replace(",", ".")


def login_page(back: str, error: str | None = None, status: int = 200,
               username: str = "") -> ResponseReturnValue:
    """The shared sign-in form, returning to the staff page `back` (a key of PAGES)."""
    lang = page_language()
    other: dict[str, Any] = {} if lang == "en" else {"lang": "en"}
    switch = url_for(PAGES[back], **other)
    return render_template("budgeting/login.html", lang=lang, back=back, switch=switch,
                           error=error, username=username), status
