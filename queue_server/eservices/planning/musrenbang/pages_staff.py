"""e-Musrenbang's staff pages, signed in with the shared staff login (session cookie):
`/musrenbang/rw` (the RW chair's form: an item of the catalogue, quantity, location…;
the page shows the RW's remaining ceiling and refuses going over it as it is filled,
rw.js; the server checks again: proposals.submit) and `/musrenbang/verifikasi` (the
kelurahan's, kecamatan's and responsible office's work list: verify, agree, accept with
an adjusted price, return or reject with a reason; the kecamatan records its forum)."""

from __future__ import annotations

from typing import Any

from flask import redirect, render_template, request, url_for
from flask.typing import ResponseReturnValue

from queue_server.i18n import page_language
from queue_server.staff_session import sign_out, try_sign_in

from .pages import bp

BACK = {"rw": "musrenbang_pages.rw_form", "verifikasi": "musrenbang_pages.work",
        "perencanaan": "musrenbang_pages.agency_page"}


def _keep() -> dict[str, Any]:
    return {"lang": "en"} if page_language() == "en" else {}


def login_page(back: str, error: str | None = None, status: int = 200,
               username: str = "") -> tuple[str, int]:
    """The shared sign-in form, back to the staff page `back` (a key of BACK)."""
    return render_template("musrenbang/login.html", lang=page_language(),
                           back=back if back in BACK else "verifikasi", error=error,
                           username=username), status


@bp.post("/login")
def login() -> ResponseReturnValue:
    """The sign-in form: a session cookie, then the staff page it was shown on."""
    back = request.args.get("back", "")
    refusal = try_sign_in()
    if refusal is not None:
        page, status = login_page(back, refusal.message, refusal.status, refusal.username)
        return page, status, refusal.headers
    return redirect(url_for(BACK.get(back, BACK["verifikasi"]), **_keep()), code=303)


@bp.post("/logout")
def logout() -> ResponseReturnValue:
    """End this login; back to the public page."""
    sign_out()
    return redirect(url_for("musrenbang_pages.public", **_keep()), code=303)


from . import pages_rw, pages_work  # noqa: E402,F401  (their routes on `bp`)
