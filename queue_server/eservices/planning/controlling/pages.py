"""e-Controlling's pages: the dashboard (`/controlling`: staff, their offices' packages;
the planning agency, admin and city all), a package's staff view (`/controlling/paket/
{code}`), the public progress page (`/pembangunan/{code}`: no person's data), and their
charts (SVG from pygal, a data table beside each)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any
from urllib.parse import urlencode

from flask import (
    Blueprint,
    Flask,
    Response,
    abort,
    current_app,
    redirect,
    render_template,
    request,
    url_for,
)
from flask.typing import ResponseReturnValue
from flask_babel import gettext  # type: ignore[import-untyped]

from queue_server.domain.errors import DomainError
from queue_server.i18n import page_language
from queue_server.runtime import current
from queue_server.services.auth import Principal
from queue_server.services.cases import city_today
from queue_server.staff_session import sign_out, signed_in, try_sign_in

from ..procurement.pages_common import local_path
from . import access, charts, public
from .api import tz
from .dashboard import dashboard as figures_of
from .rules import thresholds

bp = Blueprint("controlling_pages", __name__, template_folder="templates",
               static_folder="static", static_url_path="/controlling/static")
STATUS = {"forbidden": 403, "not_found": 404, "unauthorized": 401}
API_DASHBOARD = "/api/v1/controlling/dashboard"


def keep() -> dict[str, Any]:
    """`{"lang": "en"}` on an English page (kept on its links), else nothing."""
    return {"lang": "en"} if page_language() == "en" else {}


def rupiah(value: int | None) -> str:
    """Rupiah with dots between thousands (Indonesian) or commas (English)."""
    text = f"{int(value or 0):,}"
    return text if page_language() == "en" else text.replace(",", ".")


def pct(value: float | None) -> str:
    """A percent as the page's language writes it ("62,5 %" / "62.5 %")."""
    text = f"{float(value or 0):g}"
    return f"{text if page_language() == 'en' else text.replace('.', ',')} %"


def _said(exc: DomainError) -> str:
    return exc.message_en if page_language() == "en" else exc.message


def page(template: str, who: Principal | None, status: int = 200,
         **values: Any) -> ResponseReturnValue:
    """A page of this part in the page's language (rupiah, pct and the user's name set)."""
    return render_template(template, lang=page_language(), user=who.name if who else None,
                           rupiah=rupiah, pct=pct, **values), status


def _login(error: str | None = None, status: int = 200, username: str = ""
           ) -> tuple[str, int]:
    other: dict[str, Any] = {} if keep() else {"lang": "en"}
    switch = url_for("controlling_pages.dashboard", **other)
    asked = request.path if request.method == "GET" else request.args.get("next")
    return render_template("controlling/login.html", lang=page_language(), switch=switch,
                           error=error, username=username,
                           next=local_path(asked, ("/controlling",))), status


def _asked(args: Mapping[str, str]) -> dict[str, Any]:
    return {k: args[k].strip() for k in ("office", "kecamatan") if args.get(k, "").strip()}


def _figures(who: Principal, args: Mapping[str, str]) -> dict[str, Any]:
    rt = current()
    asked = _asked(args)
    return figures_of(rt.uow(write=False), who, city_today(rt.clock, tz()),
                      thresholds(current_app.config), asked.get("office"),
                      asked.get("kecamatan"))


def _choices(who: Principal) -> dict[str, list[dict[str, str]]]:
    """The offices and kecamatans the filters offer `who`."""
    with current().uow(write=False) as uow:
        mine = access.office_ids(uow, who)
        en = page_language() == "en"
        found: dict[str, list[dict[str, str]]] = {"office": [], "kecamatan": []}
        for office in uow.offices.all(active_only=True):
            name = (office.name_en or office.name) if en else office.name
            if office.kind == "kecamatan":
                found["kecamatan"].append({"code": office.code, "name": name})
            elif office.kind not in ("rw", "provider", "kelurahan") and (
                    mine is None or office.id in mine):
                found["office"].append({"code": office.code, "name": name})
        return found


@bp.get("/controlling")
def dashboard() -> ResponseReturnValue:
    """The dashboard (the sign-in form when signed out; a refusal page, 403)."""
    who = signed_in()
    if who is None:
        return _login()
    try:
        figures = _figures(who, request.args)
    except DomainError as exc:
        return page("controlling/refused.html", who, STATUS.get(exc.kind, 422),
                     message=_said(exc))
    asked = _asked(request.args)
    links = {name: url_for("controlling_pages.chart", name=name, **asked, **keep())
             for name in ("office", "kecamatan", "curve")}
    return page("controlling/dashboard.html", who, figures=figures, asked=asked,
                 choices=_choices(who), charts=links, curve=figures["curve"],
                 curve_chart=links["curve"],
                 csv=f"{API_DASHBOARD}?{urlencode({**asked, 'format': 'csv'})}")


def _svg(data: bytes) -> Response:
    return Response(data, mimetype="image/svg+xml", headers={
        "Content-Security-Policy": charts.CSP, "Cache-Control": "private, no-store"})


@bp.get("/controlling/chart/<name>.svg")
def chart(name: str) -> ResponseReturnValue:
    """A dashboard chart (`office`, `kecamatan`, `curve`) as SVG (401/403 without data)."""
    who = signed_in()
    if name not in ("office", "kecamatan", "curve") or who is None:
        abort(404 if who else 401)
    try:
        figures = _figures(who, request.args)
    except DomainError as exc:
        abort(STATUS.get(exc.kind, 422))
    words = gettext("controlling.planned"), gettext("controlling.actual")
    title = gettext(f"controlling.chart_{name}")
    if name == "curve":
        return _svg(charts.curve(title, figures["curve"], *words))
    label = "name_en" if page_language() == "en" else "name"
    return _svg(charts.bars(title, figures[f"per_{name}"], label, *words))


@bp.get("/controlling/paket/<code>")
def package(code: str) -> ResponseReturnValue:
    """A package's staff view: facts, curve, every report with its state, and the
    forms of who acts on it (pages_forms: the provider's report, the PPK's decision)."""
    from .pages_forms import package_page

    who = signed_in()
    if who is None:
        return _login()
    return package_page(who, code[:40], done=request.args.get("done", "")[:20])


@bp.get("/pembangunan/<code>")
def public_package(code: str) -> ResponseReturnValue:
    """A package's public progress page (404 page for an unknown code)."""
    rt = current()
    try:
        seen = public.public_view(rt.uow(write=False), code, city_today(rt.clock, tz()),
                                  thresholds(current_app.config))
    except DomainError as exc:
        return page("controlling/refused.html", None, STATUS.get(exc.kind, 422),
                     message=_said(exc))
    return page("controlling/public.html", None, p=seen, curve=seen["curve"],
                 curve_chart=url_for("controlling_pages.public_chart", code=code, **keep()))


@bp.get("/pembangunan/<code>/kurva.svg")
def public_chart(code: str) -> ResponseReturnValue:
    """A package's planned-vs-actual curve as SVG (public: approved progress only)."""
    rt = current()
    try:
        seen = public.public_view(rt.uow(write=False), code, city_today(rt.clock, tz()))
    except DomainError:
        abort(404)
    return _svg(charts.curve(gettext("controlling.chart_curve"), seen["curve"],
                             gettext("controlling.planned"), gettext("controlling.actual")))


@bp.post("/controlling/login")
def login() -> ResponseReturnValue:
    """The sign-in form: a session cookie, then the dashboard."""
    refusal = try_sign_in()
    if refusal is not None:
        page, status = _login(refusal.message, refusal.status, refusal.username)
        return page, status, refusal.headers
    asked = local_path(request.args.get("next"), ("/controlling",))  # fix18m.4
    if asked:
        query = urlencode(keep())
        return redirect(f"{asked}?{query}" if query else asked, code=303)
    return redirect(url_for("controlling_pages.dashboard", **keep()), code=303)


@bp.post("/controlling/logout")
def logout() -> ResponseReturnValue:
    """End this login; back to the sign-in form."""
    sign_out()
    return redirect(url_for("controlling_pages.dashboard", **keep()), code=303)


def register_pages(app: Flask) -> None:
    """Register the pages' blueprint with `app`."""
    from .pages_forms import forms

    app.register_blueprint(bp)
    app.register_blueprint(forms)
