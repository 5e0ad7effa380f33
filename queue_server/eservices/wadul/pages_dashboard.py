"""e-Wadul's dashboard page (`/wadul/dashboard`): cases per category, office and month,
median working days to answer, the share answered within the deadline and the ratings,
for the admin, the city, the Media Center and office heads (their office). Charts are
SVG drawn on the server with pygal, as the reports page draws them; the CSV is the
API's own (`GET /api/v1/wadul/dashboard?format=csv`, read with the session cookie)."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from typing import Any
from urllib.parse import urlencode

from flask import Response, abort, render_template, request, url_for
from flask.typing import ResponseReturnValue
from flask_babel import gettext  # type: ignore[import-untyped]

from queue_server.domain.errors import DomainError
from queue_server.domain.report_range import read_day
from queue_server.i18n import page_language

# (charts first: it takes pygal's import hook out, which would warn on every import)
from queue_server.reports import charts
from queue_server.runtime import current
from queue_server.services.auth import Principal
from queue_server.services.cases import city_today
from queue_server.staff_session import signed_in

from .dashboard import dashboard as dashboard_figures
from .dashboard import period
from .pages import bp, city_zone, lang_args, said
from .pages_nav import filter_offices, staff_nav
from .pages_staff import STATUS, login_page, refused

API_DASHBOARD = "/api/v1/wadul/dashboard"
CHART_CSP = "default-src 'none'; style-src 'unsafe-inline'; frame-ancestors 'self'"
# chart name → (rows key, label field, catalogue key of its title)
CHARTS = {"category": ("per_category", "name", "wadul_pages.chart_category"),
          "office": ("per_office", "name", "wadul_pages.chart_office"),
          "month": ("per_month", "month", "wadul_pages.chart_month")}


def _asked(args: Mapping[str, str]) -> tuple[date | None, date | None, str | None]:
    """(since, until, office) from the query string; empty means "all". Raises the
    report range's named error (422) for a day not written YYYY-MM-DD."""
    days = [read_day(name, args[name].strip()) if args.get(name, "").strip() else None
            for name in ("since", "until")]
    return days[0], days[1], args.get("office", "").strip() or None


def _figures(who: Principal, args: Mapping[str, str]) -> dict[str, Any]:
    rt = current()
    since, until, office = _asked(args)
    today = city_today(rt.clock, city_zone())
    return dashboard_figures(rt.uow(write=False), city_zone(), today, who,
                             period(since, until, today), office)


def _links(args: Mapping[str, str]) -> dict[str, Any]:
    """The CSV address (the API's route, same question) and each chart's address."""
    asked: dict[str, Any] = {k: args[k] for k in ("since", "until", "office")
                             if args.get(k, "").strip()}
    return {"csv": f"{API_DASHBOARD}?{urlencode({**asked, 'format': 'csv'})}",
            "chart": {name: url_for("wadul_pages.chart", name=name, **asked, **lang_args())
                      for name in CHARTS}}


@bp.get("/dashboard")
def dashboard() -> ResponseReturnValue:
    """The dashboard page (sign-in form when signed out; 403 page for a role without
    it; the form again with the message for a bad date, 422)."""
    who = signed_in()
    if who is None:
        return login_page("dashboard")
    error, status, figures = None, 200, None
    try:
        figures = _figures(who, request.args)
    except DomainError as exc:
        if exc.kind in ("forbidden", "unauthorized"):
            return refused(who, exc)
        error, status = said(exc), STATUS.get(exc.kind, 422)
    rt = current()
    return render_template("wadul/dashboard.html", lang=page_language(), user=who.name,
                           nav=staff_nav(rt.uow(write=False), who), figures=figures,
                           error=error, offices=filter_offices(rt.uow(write=False), who),
                           asked=request.args, links=_links(request.args),
                           charts=CHARTS), status


@bp.get("/dashboard/chart/<name>.svg")
def chart(name: str) -> ResponseReturnValue:
    """One dashboard chart as an SVG image (401/403/422 without data)."""
    shape = CHARTS.get(name)
    who = signed_in()
    if shape is None or who is None:
        abort(404 if shape is None else 401)
    try:
        figures = _figures(who, request.args)
    except DomainError as exc:
        abort(STATUS.get(exc.kind, 422))
    rows_key, label, title_key = shape
    rows = figures[rows_key]
    if page_language() == "en" and name in ("category", "office"):
        label = "name_en"
    drawn = charts._chart(charts.pygal.Bar, gettext(title_key),
                          [str(r[label] or "–") for r in rows])
    drawn.add(gettext("wadul_pages.cases"), [r["cases"] for r in rows])
    return Response(charts._svg(drawn), mimetype="image/svg+xml",
                    headers={"Content-Security-Policy": CHART_CSP,
                             "Cache-Control": "private, no-store"})
