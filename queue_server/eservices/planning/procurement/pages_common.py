"""What the procurement and delivery staff pages (/pengadaan, /kontrak) share: their
sign-in form (the shared staff login, session cookie), sign-out, the refusal page; the
language helpers and rupiah come from the budgeting pages' module."""

from __future__ import annotations

from typing import Any

from flask import redirect, render_template, request, url_for
from flask.typing import ResponseReturnValue

from queue_server.domain.errors import DomainError
from queue_server.i18n import page_language
from queue_server.staff_session import sign_out, try_sign_in

from ..budgeting.pages_common import lang_args, rupiah, said, status_of

# The staff pages a sign-in may return to (never an address taken from the request).
PAGES = {"pengadaan": "procurement_pages.tenders", "kontrak": "delivery_pages.contracts"}

__all__ = ["PAGES", "lang_args", "login", "login_page", "logout", "refused", "rupiah"]


def login_page(back: str, error: str | None = None, status: int = 200,
               username: str = "") -> ResponseReturnValue:
    """The sign-in form, returning to the page `back` (a key of PAGES)."""
    lang = page_language()
    other: dict[str, Any] = {} if lang == "en" else {"lang": "en"}
    return render_template("procurement/login.html", lang=lang, back=back,
                           switch=url_for(PAGES[back], **other), error=error,
                           username=username), status


def refused(exc: DomainError, user: str, back: str) -> ResponseReturnValue:
    """A named error said on the page, with a link back to `back` (a key of PAGES)."""
    return render_template("procurement/refused.html", lang=page_language(), user=user,
                           message=said(exc), back=url_for(PAGES[back], **lang_args()),
                           ), status_of(exc)


def login() -> ResponseReturnValue:
    """The sign-in form's answer: a session cookie, then the page it was shown on."""
    back = request.args.get("back", "")
    back = back if back in PAGES else "pengadaan"
    refusal = try_sign_in()
    if refusal is not None:
        page: Any = login_page(back, refusal.message, refusal.status, refusal.username)
        return page[0], page[1], refusal.headers
    return redirect(url_for(PAGES[back], **lang_args()), code=303)


def logout(back: str) -> ResponseReturnValue:
    """End this login; back to the page's sign-in form."""
    sign_out()
    return redirect(url_for(PAGES[back], **lang_args()), code=303)
