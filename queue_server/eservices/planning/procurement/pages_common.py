"""What the procurement and delivery staff pages (/pengadaan, /kontrak) share: their
sign-in form (the shared staff login, session cookie), sign-out, the refusal page; the
language helpers and rupiah come from the budgeting pages' module."""

from __future__ import annotations

from typing import Any
from urllib.parse import urlencode

from flask import redirect, render_template, request, url_for
from flask.typing import ResponseReturnValue

from queue_server.domain.errors import DomainError
from queue_server.i18n import page_language
from queue_server.staff_session import sign_out, try_sign_in

from ..budgeting.pages_common import lang_args, rupiah, said, status_of

# The staff pages a sign-in may return to (never an address taken from the request).
PAGES = {"pengadaan": "procurement_pages.tenders", "kontrak": "delivery_pages.contracts"}
# The paths under which a sign-in may return to the page asked for.
PREFIXES = ("/pengadaan", "/kontrak")

__all__ = ["PAGES", "lang_args", "local_path", "login", "login_page", "logout", "refused",
           "rupiah"]


def local_path(text: str | None, prefixes: tuple[str, ...]) -> str | None:
    """`text` when it is a path of this site under one of `prefixes` ("/pengadaan"):
    the page a sign-in returns to (fix18m.4). Anything else (an absolute or
    scheme-relative address, a backslash, a control character) is None, so the sign-in
    is never an open redirect (OWASP: unvalidated redirects)."""
    if not text or len(text) > 200 or not text.startswith("/") or text.startswith("//"):
        return None
    if "\\" in text or any(ord(ch) < 32 for ch in text) or ":" in text.split("?")[0]:
        return None
    return text if any(text == p or text.startswith(p + "/") for p in prefixes) else None


def login_page(back: str, error: str | None = None, status: int = 200,
               username: str = "") -> ResponseReturnValue:
    """The sign-in form, returning to the page `back` (a key of PAGES)."""
    lang = page_language()
    other: dict[str, Any] = {} if lang == "en" else {"lang": "en"}
    asked = request.path if request.method == "GET" else request.args.get("next")
    return render_template("procurement/login.html", lang=lang, back=back,
                           switch=url_for(PAGES[back], **other), error=error,
                           username=username, next=local_path(asked, PREFIXES)), status


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
    asked = local_path(request.args.get("next"), PREFIXES)
    if asked:
        query = urlencode(lang_args())
        return redirect(f"{asked}?{query}" if query else asked, code=303)
    return redirect(url_for(PAGES[back], **lang_args()), code=303)


def logout(back: str) -> ResponseReturnValue:
    """End this login; back to the page's sign-in form."""
    sign_out()
    return redirect(url_for(PAGES[back], **lang_args()), code=303)
