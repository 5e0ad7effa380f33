"""e-Musrenbang's staff pages, signed in with the shared staff login (session cookie):
`/musrenbang/rw` (the RW chair's form: an item of the catalogue, quantity, location…;
the page shows the RW's remaining ceiling and refuses going over it as it is filled,
rw.js; the server checks again: proposals.submit) and `/musrenbang/verifikasi` (the
kelurahan's, kecamatan's and responsible office's work list: verify, agree, accept with
an adjusted price, return or reject with a reason; the kecamatan records its forum)."""

from __future__ import annotations

from datetime import date
from typing import Any

from flask import current_app, redirect, render_template, request, url_for
from flask.typing import ResponseReturnValue

from queue_server.domain.errors import DomainError
from queue_server.i18n import page_language
from queue_server.persistence.document_store import document_store
from queue_server.runtime import csrf, current
from queue_server.services.auth import Principal
from queue_server.signing import signer_of
from queue_server.staff_session import sign_out, signed_in, try_sign_in

from . import catalogue, decisions, minutes, proposals, views
from .errors import MinutesIncomplete
from .flow import cycle
from .pages import bp, rupiah, said, status_of, with_money

BACK = {"rw": "musrenbang_pages.rw_form", "verifikasi": "musrenbang_pages.work"}


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


def _rw_page(who: Principal, values: dict[str, str] | None = None, error: str | None = None,
             done: str | None = None, status: int = 200) -> ResponseReturnValue:
    lang = page_language()
    with current().uow(write=False) as uow:
        try:
            row = cycle(uow)
            area = proposals.rw_area(uow, who, None)
        except DomainError as exc:
            return render_template("musrenbang/missing.html", lang=lang, user=who.name,
                                   message=said(exc)), status_of(exc)
        ceiling, used = proposals.budget_of(uow, row, area.rw_office_id)
        office = uow.offices.by_id(area.rw_office_id)
        items = [catalogue.describe(uow, i) for i in catalogue.items(uow, row.id)]
        mine = [with_money(p) for p in views.rw_list(uow, area.rw_office_id, row, lang)]
    for item in items:
        item["price_said"] = rupiah(item["unit_price"])
    budget = {"ceiling": ceiling, "used": used, "left": max(ceiling - used, 0)}
    return render_template(
        "musrenbang/rw.html", lang=lang, user=who.name, year=row.year, items=items,
        rw=office.name if office else "", budget=budget, mine=mine, error=error, done=done,
        values=values or {"priority": str(len(mine) + 1)},
        said={k: rupiah(v) for k, v in budget.items()}), status


@bp.get("/rw")
def rw_form() -> ResponseReturnValue:
    """The RW chair's proposal form with the RW's remaining ceiling and its proposals."""
    who = signed_in()
    return login_page("rw") if who is None else _rw_page(who)


def _number(value: str) -> float | None:
    try:
        return float(value.replace(",", ".")) if value.strip() else None
    except ValueError:
        return float("nan")


@bp.post("/rw")
def rw_submit() -> ResponseReturnValue:
    """The form posted: proposals.submit (its refusal said above the form, with the
    status of its kind); the page again with the new proposal's reference."""
    csrf.protect()
    who = signed_in()
    if who is None:
        return login_page("rw", status=401)
    form = {k: request.form.get(k, "").strip() for k in (
        "item", "quantity", "location", "justification", "priority", "lat", "lon")}
    rt = current()
    try:
        made = proposals.submit(rt.uow(), rt.clock, who, None, proposals.Proposal(
            item=form["item"], quantity=form["quantity"], location=form["location"],
            justification=form["justification"],
            priority=int(form["priority"]) if form["priority"].isdigit() else 0,
            lat=_number(form["lat"]), lon=_number(form["lon"])))
    except DomainError as exc:
        return _rw_page(who, form, said(exc), status=status_of(exc))
    return _rw_page(who, done=made.ref, status=201)


def _work_page(who: Principal, error: str | None = None, status: int = 200,
               done: str | None = None) -> ResponseReturnValue:
    lang = page_language()
    with current().uow(write=False) as uow:
        try:
            row = cycle(uow)
        except DomainError as exc:
            return render_template("musrenbang/missing.html", lang=lang, user=who.name,
                                   message=said(exc)), status_of(exc)
        listed = [with_money(p) for p in views.work_list(uow, who, row, lang)]
        held = uow.offices.roles_of(who.id)
        kecamatan = any(getattr(uow.offices.by_id(o), "kind", "") == "kecamatan" for o in held)
    return render_template("musrenbang/work.html", lang=lang, user=who.name, year=row.year,
                           proposals=listed, error=error, kecamatan=kecamatan, done=done,
                           today=date.today().isoformat()), status


@bp.get("/verifikasi")
def work() -> ResponseReturnValue:
    """The caller's work list: proposals at their office's step."""
    who = signed_in()
    return login_page("verifikasi") if who is None else _work_page(who)


@bp.post("/verifikasi/<ref>")
def work_act(ref: str) -> ResponseReturnValue:
    """One step on a proposal from the work list (decisions.decide); back to the list, or
    the list with the refusal said."""
    csrf.protect()
    who = signed_in()
    if who is None:
        return login_page("verifikasi", status=401)
    price = request.form.get("adjusted_price", "").strip()
    rt = current()
    try:
        decisions.decide(rt.uow(), rt.clock, who, ref, request.form.get("action", ""),
                         request.form.get("comment", ""),
                         int(price) if price.isdigit() else None)
    except DomainError as exc:
        return _work_page(who, said(exc), status_of(exc))
    return redirect(url_for("musrenbang_pages.work", **_keep()), code=303)


@bp.post("/verifikasi/berita-acara")
def work_minutes() -> ResponseReturnValue:
    """The kecamatan records its forum (minutes.record): back to the list with the
    signed document's code, or the refusal said."""
    csrf.protect()
    who = signed_in()
    if who is None:
        return login_page("verifikasi", status=401)
    body = forms_of(request.form)
    if body["held_on"] is None or not body["attendees"]:
        return _work_page(who, said(MinutesIncomplete()), 422)
    rt = current()
    try:
        code, _count = minutes.record(
            rt.uow(), rt.clock, who, None, body,
            signer_of(current_app), document_store(current_app.instance_path),
            (current_app.config.get("PUBLIC_URL") or request.host_url).rstrip("/"))
    except DomainError as exc:
        return _work_page(who, said(exc), status_of(exc))
    return _work_page(who, done=code)


def forms_of(form: Any) -> dict[str, Any]:
    """The minutes form's fields: `held_on` (date), `attendees` (one per line)."""
    try:
        held = date.fromisoformat(form.get("held_on", ""))
    except ValueError:
        held = None
    return {"held_on": held, "attendees": [a for a in form.get("attendees", "").splitlines()
                                           if a.strip()]}
