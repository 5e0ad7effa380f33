"""e-Surat's staff pages (Indonesian by default, `?lang=en`), signed in with the shared
staff login (session cookie) as for /wadul: the officer's home (`/surat`: my unread and
open dispositions, the register link), the incoming register (`/surat/masuk`: list with
search, and the registration form with a scan for clerks), the letter (`/surat/{ref}`:
pages_letter.py) and the retention list (`/surat/arsip`). Forms post to these pages
(CSRF-checked), which call the same use cases as the API; every list and page asks
access.may_read through them."""

from __future__ import annotations

from datetime import date
from typing import Any

from flask import Blueprint, Flask, redirect, render_template, request, url_for
from flask.typing import ResponseReturnValue

from queue_server.domain.errors import DomainError
from queue_server.i18n import page_language
from queue_server.persistence.case_file_store import file_store
from queue_server.runtime import csrf, current
from queue_server.services.auth import Principal
from queue_server.services.cases import city_today
from queue_server.staff_session import sign_out, signed_in, try_sign_in

from . import classification, incoming_close, incoming_register, pages_work, retention
from .access import ACCESS_CLASSES, URGENCIES

bp = Blueprint("surat_pages", __name__, url_prefix="/surat", template_folder="templates",
               static_folder="static", static_url_path="/static")
PAGES = {"home": "surat_pages.home", "masuk": "surat_pages.register",
         "arsip": "surat_pages.archive"}
STATUS = {"forbidden": 403, "not_found": 404, "unauthorized": 401, "conflict": 409}


def zone() -> str:
    """The city's time zone (CITY_TIMEZONE)."""
    from flask import current_app

    return str(current_app.config.get("CITY_TIMEZONE", "Asia/Jakarta"))


def keep() -> dict[str, Any]:
    """`{"lang": "en"}` on an English page (kept on its links), else nothing."""
    return {"lang": "en"} if page_language() == "en" else {}


def said(exc: DomainError) -> str:
    """A named error's message in the page's language."""
    return exc.message_en if page_language() == "en" else exc.message


def login_page(back: str, error: str | None = None, status: int = 200,
               username: str = "") -> tuple[str, int]:
    """The shared sign-in form, returning to the page `back` (a key of PAGES)."""
    return render_template("surat/login.html", lang=page_language(), back=back,
                           error=error, username=username, user=None), status


def refused(who: Principal, exc: DomainError) -> ResponseReturnValue:
    """A page the signed-in member of staff may not open, or an unknown letter."""
    return render_template("surat/refused.html", lang=page_language(), user=who.name,
                           message=said(exc)), STATUS.get(exc.kind, 422)


def clerk_offices(who: Principal) -> list[dict[str, Any]]:
    """The offices where `who` is clerk or head (they register there)."""
    with current().uow(write=False) as uow:
        held = uow.offices.roles_of(who.id)
        return [{"code": o.code, "name": o.name} for o in uow.offices.all()
                if held.get(o.id, set()) & {"clerk", "head"}]


@bp.post("/login")
def login() -> ResponseReturnValue:
    """The sign-in form: a session cookie, then the page it was shown on."""
    back = request.args.get("back", "")
    back = back if back in PAGES else "home"
    refusal = try_sign_in()
    if refusal is not None:
        page, status = login_page(back, refusal.message, refusal.status, refusal.username)
        return page, status, refusal.headers
    return redirect(url_for(PAGES[back], **keep()), code=303)


@bp.post("/logout")
def logout() -> ResponseReturnValue:
    """End this login and forget the cookie; back to the sign-in form."""
    sign_out()
    return redirect(url_for("surat_pages.home", **keep()), code=303)


@bp.get("")
def home() -> ResponseReturnValue:
    """The officer's home: their unread and open dispositions, and the register links."""
    who = signed_in()
    if who is None:
        return login_page("home")
    with current().uow(write=False) as uow:
        mine = incoming_close.my_open(uow, who)
        work = pages_work.worklists(uow, who)
    return render_template("surat/home.html", lang=page_language(), user=who.name,
                           mine=mine, clerk=bool(clerk_offices(who)), **work)


def _search() -> incoming_register.Search:
    year = request.args.get("year", "")
    page = request.args.get("page", "")
    return incoming_register.Search(
        q=request.args.get("q", "")[:100], year=int(year) if year.isdigit() else None,
        page=max(int(page), 1) if page.isdigit() else 1)


def _register_page(who: Principal, error: str | None = None, status: int = 200,
                   form: dict[str, Any] | None = None) -> ResponseReturnValue:
    search = _search()
    with current().uow(write=False) as uow:
        listing = incoming_register.register_list(uow, who, search)
        received = pages_work.registered_on(uow, [i["ref"] for i in listing["items"]])
        codes = [{"code": c.code, "title": c.title} for c in classification.all_codes(uow)]
    return render_template(
        "surat/masuk.html", lang=page_language(), user=who.name, listing=listing,
        search=search, offices=clerk_offices(who), codes=codes, access=ACCESS_CLASSES,
        received=received,
        urgencies=URGENCIES, error=error, form=form or {}), status


@bp.get("/masuk")
def register() -> ResponseReturnValue:
    """The incoming register with its search, and the registration form for clerks."""
    who = signed_in()
    if who is None:
        return login_page("masuk")
    return _register_page(who)


def _fields() -> tuple[str | None, dict[str, Any]]:
    form = request.form
    day = form.get("letter_date", "").strip()
    try:
        letter_date = date.fromisoformat(day) if day else None
    except ValueError:
        letter_date = None
    return form.get("office") or None, {
        "sender": form.get("sender", ""), "subject": form.get("subject", ""),
        "classification": form.get("classification", ""),
        "access": form.get("access", "biasa"), "urgency": form.get("urgency", "biasa"),
        "letter_date": letter_date, "letter_number": form.get("letter_number") or None}


@bp.post("/masuk")
def register_post() -> ResponseReturnValue:
    """Register the letter of the form (with its scan), then open its page; the form
    again with the message when refused."""
    who = signed_in()
    if who is None:
        return login_page("masuk", status=401)
    csrf.protect()
    office, fields = _fields()
    upload = request.files.get("scan")
    scan = (upload.read(), upload.filename) if upload and upload.filename else None
    rt = current()
    from flask import current_app

    try:
        row = incoming_register.register_as_clerk(
            rt.uow(), rt.clock, who, office, fields, scan,  # type: ignore[arg-type]
            file_store(current_app.instance_path), zone())
    except DomainError as exc:
        return _register_page(who, said(exc), STATUS.get(exc.kind, 422), request.form)
    return redirect(url_for("surat_pages.letter", ref=f"SURAT-{row.case_id}", **keep()),
                    code=303)


@bp.get("/arsip")
def archive() -> ResponseReturnValue:
    """The year's retention lists (JRA) of the caller's offices."""
    who = signed_in()
    if who is None:
        return login_page("arsip")
    rt = current()
    asked = request.args.get("year", "")
    year = int(asked) if asked.isdigit() and 1900 <= int(asked) <= 2999 \
        else city_today(rt.clock, zone()).year
    try:
        with rt.uow(write=False) as uow:
            result = retention.schedule(uow, who, year)
    except DomainError as exc:
        return refused(who, exc)
    return render_template("surat/arsip.html", lang=page_language(), user=who.name,
                           result=result)


def register_pages_incoming(app: Flask) -> None:
    """Add the /surat pages to `app`."""
    from . import pages_letter  # noqa: F401  (its routes on `bp`)
    from .pages_words import register_words

    app.register_blueprint(bp)
    register_words(app)
    app.add_template_global(_nav, "surat_nav")


def _nav() -> dict[str, bool]:
    """The menu links the signed-in reader can use (pages_work.nav_for)."""
    with current().uow(write=False) as uow:
        return pages_work.nav_for(uow, signed_in())
