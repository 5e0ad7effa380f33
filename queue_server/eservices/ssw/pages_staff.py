"""SSW's staff pages, signed in with the shared staff login (session cookie, as e-Wadul's):
the front desk of DPMPTSP (`/ssw/desk`: new applications, document checks, objections,
applications ready for the head's decision), an office's technical reviews
(`/ssw/review`, each with its own deadline), the inspector's visits (`/ssw/inspeksi`),
and the report per permit type and office (`/ssw/laporan`, with its CSV). Lists come
from views.lists, which decides who may read what; rows at 80 % of their working days
are flagged as a warning, at 100 % overdue."""

from __future__ import annotations

import csv
import io
from datetime import date, timedelta
from typing import Any

from flask import Response, redirect, render_template, request, url_for
from flask.typing import ResponseReturnValue

from queue_server.domain.errors import DomainError
from queue_server.i18n import page_language
from queue_server.runtime import current
from queue_server.services.auth import ADMIN, Principal
from queue_server.services.cases import city_today
from queue_server.staff_session import sign_out, signed_in, try_sign_in

from . import DESK_OFFICE
from .errors import PageForbidden
from .pages import bp, city_zone, lang_args, said, status_of
from .pages_words import day_words, flag, progress_words
from .reports import report
from .views import lists, require_whole

PAGES = {"desk": "ssw_pages.desk", "review": "ssw_pages.review",
         "inspeksi": "ssw_pages.inspections", "laporan": "ssw_pages.reports"}


def staff_nav(who: Principal) -> dict[str, bool]:
    """Which staff pages `who` may open: the desk (DPMPTSP's members, the admin), reviews
    (any office member, the admin), inspections (inspectors, the admin), the report
    (the admin and DPMPTSP's members: views.require_whole)."""
    with current().uow(write=False) as uow:
        held = uow.offices.roles_of(who.id) if who.kind == "staff" else {}
        desk = uow.offices.by_code(DESK_OFFICE)
    admin = who.role == ADMIN
    roles = set().union(*held.values()) if held else set()
    at_desk = desk is not None and desk.id in held
    return {"desk": admin or at_desk, "review": admin or bool(held),
            "inspeksi": admin or "inspector" in roles,
            "laporan": admin or at_desk}


def shown_name(who: Principal) -> str:
    """The signed-in user's full name for the bar (their username when they have none)."""
    with current().uow(write=False) as uow:
        user = uow.staff.user(who.id) if who.kind == "staff" else None
    return (getattr(user, "full_name", "") or who.name) if user else who.name


def back_to(back: str) -> str:
    """Where signing in returns: a staff page's key (PAGES) or a local path of SSW's own
    pages (`/ssw/kasus/SSW-12`: the page asked for); anything else (another site,
    `//host`, a backslash, a control character) is the desk."""
    if back in PAGES:
        return url_for(PAGES[back])
    safe = (back.startswith("/ssw/") and "//" not in back and "\\" not in back
            and back.isprintable() and " " not in back and len(back) <= 200)
    return back if safe else url_for(PAGES["desk"])


def login_page(back: str, error: str | None = None, status: int = 200,
               username: str = "") -> tuple[str, int]:
    """The shared sign-in form, returning to `back` (a key of PAGES or a local path of
    SSW's pages, see back_to)."""
    other = "" if page_language() == "en" else "?lang=en"
    return render_template("ssw/login.html", lang=page_language(), back=back,
                           switch=back_to(back) + other, error=error,
                           username=username), status


def refused(who: Principal, exc: DomainError) -> ResponseReturnValue:
    """A page that says why (403 another's, 404 unknown), with the way out."""
    return render_template("ssw/refused.html", lang=page_language(), message=said(exc),
                           user=shown_name(who), nav=staff_nav(who)), status_of(exc)


def rows(who: Principal, which: str) -> list[dict[str, Any]]:
    """A work list (views.lists) with each row's flag and progress in words."""
    lang = page_language()
    items = lists(current().uow(write=False), who, which)
    for item in items:
        item["flag"] = flag(item.get("progress"))
        item["progress_said"] = progress_words(item.get("progress"), lang, flagged=False)
        item["review_due_said"] = day_words(item.get("review_due"), lang)
    return items


def _list_page(back: str, sections: list[tuple[str, str]]) -> ResponseReturnValue:
    """A staff page of one or several work lists (title key, views.lists name)."""
    who = signed_in()
    if who is None:
        return login_page(back)
    if not staff_nav(who).get(back):
        return refused(who, PageForbidden())
    try:
        shown = [(title, rows(who, which)) for title, which in sections]
    except DomainError as exc:
        return refused(who, exc)
    return render_template("ssw/lists.html", lang=page_language(), user=shown_name(who),
                           nav=staff_nav(who), page=back, sections=shown)


@bp.get("/desk")
def desk() -> ResponseReturnValue:
    """DPMPTSP's desk: applications to check (new, corrected, objected), those
    waiting for the head's decision, and every open one with its deadline (`monitor`:
    warning from 80 %, overdue after the due day, or not started yet)."""
    return _list_page("desk", [("desk", "desk"), ("approval", "approval"),
                               ("monitor", "monitor")])


@bp.get("/review")
def review() -> ResponseReturnValue:
    """The caller's offices' pending technical reviews, each with its own deadline."""
    return _list_page("review", [("review", "review")])


@bp.get("/inspeksi")
def inspections() -> ResponseReturnValue:
    """The inspector's applications waiting for a field visit (the checklist is on each
    application's page)."""
    return _list_page("inspeksi", [("inspection", "inspection")])


def _period() -> tuple[date, date]:
    """The report's period from `start`/`end` (ISO dates), default the last 90 days."""
    today = city_today(current().clock, city_zone())
    try:
        end = date.fromisoformat(request.args.get("end", "")) if request.args.get("end") else today
        start = (date.fromisoformat(request.args.get("start", ""))
                 if request.args.get("start") else end - timedelta(days=90))
    except ValueError:
        return today - timedelta(days=90), today
    return (start, end) if start <= end else (end, start)


@bp.get("/laporan")
def reports() -> ResponseReturnValue:
    """Applications, decisions, median working days and share on time per permit type
    and office over a period (`start`, `end`), with a CSV of the same rows."""
    who = signed_in()
    if who is None:
        return login_page("laporan")
    start, end = _period()
    try:
        require_whole(current().uow(write=False), who)
        found = report(current().uow(write=False), start, end)
    except DomainError as exc:
        return refused(who, exc)
    if request.args.get("format") == "csv":
        return _csv(found, start, end)
    return render_template("ssw/report.html", lang=page_language(), user=shown_name(who),
                           nav=staff_nav(who), rows=found, start=start, end=end)


def _csv(found: list[dict[str, Any]], start: date, end: date) -> Response:
    out = io.StringIO()
    names: list[str] = []
    for row in found:  # permit rows and office rows have their own columns
        names += [key for key in row if key not in names]
    writer = csv.DictWriter(out, fieldnames=names or ["kind"], extrasaction="ignore")
    writer.writeheader()
    writer.writerows(found)
    return Response(out.getvalue(), mimetype="text/csv", headers={
        "Content-Disposition": f"attachment; filename=ssw-{start}-{end}.csv"})


@bp.get("/login")
def login_again() -> ResponseReturnValue:
    """The sign-in address opened again: the staff page it returns to."""
    return redirect(_with_lang(back_to(request.args.get("back", ""))))


@bp.post("/login")
def login() -> ResponseReturnValue:
    """The sign-in form: a session cookie, then the staff page it was shown on."""
    back = request.args.get("back", "")
    refusal = try_sign_in()
    if refusal is not None:
        page, status = login_page(back, refusal.message, refusal.status, refusal.username)
        return page, status, refusal.headers
    return redirect(_with_lang(back_to(back)), code=303)


def _with_lang(path: str) -> str:
    """`path` keeping an English page English."""
    if page_language() != "en" or "lang=" in path:
        return path
    return path + ("&" if "?" in path else "?") + "lang=en"


@bp.post("/logout")
def logout() -> ResponseReturnValue:
    """End this login and forget the cookie; back to the catalogue."""
    sign_out()
    return redirect(url_for("ssw_pages.catalogue", **lang_args()), code=303)
