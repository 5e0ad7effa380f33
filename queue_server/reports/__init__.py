"""The reports page (/reports): a facility, days and a service chosen with a form, each
table with its chart (SVG drawn on the server) and its CSV link; signed in with the
session cookie, like the console."""

from __future__ import annotations

from typing import Any, cast

from flask import (
    Blueprint,
    Response,
    abort,
    redirect,
    render_template,
    request,
    url_for,
)
from flask.typing import ResponseReturnValue

from ..domain.errors import DomainError
from ..domain.numbering import service_day
from ..domain.reports_tables import TABLES, FacilityScope
from ..domain.zones import DEFAULT_TIMEZONE
from ..i18n import page_language
from ..runtime import current
from ..services import auth as auth_service
from ..services import reports
from ..services.reports import ReportQuery
from ..staff_session import sign_out, signed_in, try_sign_in
from . import charts
from .columns import columns, day_said, heat, level, series, shown, titles, weekdays
from .form import PageQuestion, question, quick_ranges

bp = Blueprint("reports_page", __name__, url_prefix="/reports", template_folder="templates",
               static_folder="static")
# The chart is an image: its own style block is not the page's, and it runs no script.
CHART_CSP = "default-src 'none'; style-src 'unsafe-inline'; frame-ancestors 'self'"
STATUS = {"forbidden": 403, "not_found": 404, "unauthorized": 401}


def _said(exc: DomainError) -> str:
    return exc.message_en if page_language() == "en" else exc.message


def _login(error: str | None = None, status: int = 200, username: str = "") -> ResponseReturnValue:
    return render_template("reports/login.html", lang=page_language(), error=error,
                           username=username), status


def _query(table: str, asked: PageQuestion) -> ReportQuery:
    return ReportQuery(table, asked.facility, asked.start, asked.end, asked.service)


def _links(asked: PageQuestion, data: dict[str, Any]) -> dict[str, Any]:
    """The CSV and chart address of each table, and the quick ranges' page links."""
    asked_for = {"facility": asked.facility, "service": asked.service, "from": data["from"],
                 "to": data["to"]}
    base: dict[str, Any] = {k: v for k, v in asked_for.items() if v}
    keep: dict[str, Any] = {"lang": "en"} if page_language() == "en" else {}
    # The API's own route (it reads the page's session cookie on a GET): the same rows.
    return {"csv": {t: url_for(f"reports.report_{t}", format="csv", **base) for t in TABLES},
            "chart": {t: url_for("reports_page.chart", table=t, **base, **keep)
                      for t in charts.DRAW}}


def _today(facilities: list[FacilityScope]) -> Any:
    zone = facilities[0].timezone if facilities else DEFAULT_TIMEZONE
    return service_day(current().clock.now(), zone)


@bp.get("")
def page() -> ResponseReturnValue:
    """The page: the form, quick ranges and every table (login form when signed out; a
    refusal, 403, for a role without reports)."""
    who = signed_in()
    if who is None:
        return _login()
    rt, lang = current(), page_language()
    try:
        facilities = reports.choices(rt.uow(write=False), who)
    except DomainError as exc:
        return render_template("reports/refused.html", lang=lang, message=_said(exc),
                               user=who.name), STATUS.get(exc.kind, 403)
    error, status, data, asked = None, 200, {}, PageQuestion(None, None, None, None)
    try:
        asked = question(request.args, _today(facilities))
        data = {t: reports.report(rt.uow(write=False), rt.clock, who, _query(t, asked))
                for t in TABLES}
    except DomainError as exc:
        error, status = _said(exc), STATUS.get(exc.kind, 422)
    first = data.get("summary")
    return render_template(
        "reports/reports.html", lang=lang, user=who.name, facilities=facilities,
        everyone=len(facilities) > 1 or who.role != auth_service.FACILITY_ADMIN,
        asked=asked, data=data, error=error, first=first, columns=columns,
        titles=titles(), weekdays=weekdays(lang), heat=heat, level=level, shown=shown,
        day_said=day_said,
        quick=quick_ranges(_today(facilities)),
        links=_links(asked, first) if first else None), status


@bp.get("/chart/<table>.svg")
def chart(table: str) -> ResponseReturnValue:
    """A table's chart as an SVG image (401/403 as the API answers, without data)."""
    draw = charts.DRAW.get(table)
    who = signed_in()
    if draw is None or who is None:
        abort(404 if draw is None else 401)
    rt = current()
    try:
        data = reports.report(rt.uow(write=False), rt.clock, who,
                              _query(table, question(request.args)))
    except DomainError as exc:
        abort(STATUS.get(exc.kind, 422))
    svg = draw(cast(list[dict[str, Any]], data["rows"]), titles()[table], series())
    return Response(svg, mimetype="image/svg+xml",
                    headers={"Content-Security-Policy": CHART_CSP,
                             "Cache-Control": "private, no-store"})


@bp.post("/login")
def login() -> ResponseReturnValue:
    refused = try_sign_in()
    if refused is not None:
        page, status = _login(refused.message, refused.status, refused.username)
        return page, status, refused.headers
    keep: dict[str, Any] = {"lang": "en"} if page_language() == "en" else {}
    return redirect(url_for("reports_page.page", **keep), code=303)


@bp.post("/logout")
def logout() -> ResponseReturnValue:
    sign_out()
    return redirect(url_for("reports_page.page"), code=303)
