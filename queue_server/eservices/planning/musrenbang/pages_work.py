"""e-Musrenbang's work list (`/musrenbang/verifikasi`): the kelurahan's, kecamatan's and
responsible office's proposals at their step (verify, agree, accept with an adjusted price,
return or reject with a reason) and the kecamatan's forum minutes. A refused form comes
back as it was sent (the chosen step, the reason, the price, the minutes' date and
attendees) with the refusal next to the field it is about, so a second "Simpan" never
takes a step the clerk did not choose."""

from __future__ import annotations

from datetime import date
from typing import Any

from flask import current_app, redirect, render_template, request, url_for
from flask.typing import ResponseReturnValue

from queue_server.domain.dates import long_date
from queue_server.domain.errors import DomainError
from queue_server.domain.workflow import CommentRequired
from queue_server.i18n import page_language
from queue_server.persistence.document_store import document_store
from queue_server.runtime import csrf, current
from queue_server.services.auth import Principal
from queue_server.signing import signer_of
from queue_server.staff_session import signed_in

from . import decisions, minutes, views
from .errors import MinutesIncomplete
from .flow import cycle
from .pages import bp, said, status_of, with_money
from .pages_staff import _keep, login_page


def field_of(exc: DomainError) -> str | None:
    """The form field a refusal is about (`comment`, `adjusted_price`, `held_on`,
    `attendees`), or None when it is about the whole step."""
    if isinstance(exc, CommentRequired):
        return "comment"
    return getattr(exc, "field", None)


def in_words(iso: str | None, lang: str) -> str:
    """An ISO date as words in `lang` ("Senin, 3 Agustus 2026"); "" for None."""
    return long_date(date.fromisoformat(iso[:10]), lang) if iso else ""


def _work_page(who: Principal, status: int = 200, done: str | None = None,
               sent: dict[str, Any] | None = None) -> ResponseReturnValue:
    """The work list; `sent`: a refused form's values, `ref` (a proposal's step, or
    `minutes`), `error` and `field`."""
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
    for item in listed:
        item["due_said"] = in_words(item.get("due"), lang)
    sent = sent or {}
    shown = sent.get("ref") in {p["ref"] for p in listed} | {"minutes"}
    return render_template(
        "musrenbang/work.html", lang=lang, user=who.name, year=row.year, proposals=listed,
        error=None if shown else sent.get("error"), kecamatan=kecamatan, done=done,
        sent=sent, today=date.today().isoformat()), status


@bp.get("/verifikasi")
def work() -> ResponseReturnValue:
    """The caller's work list: proposals at their office's step."""
    who = signed_in()
    return login_page("verifikasi") if who is None else _work_page(who)


@bp.post("/verifikasi/<ref>")
def work_act(ref: str) -> ResponseReturnValue:
    """One step on a proposal from the work list (decisions.decide); back to the list, or
    the list with this proposal's form as sent and the refusal beside its field."""
    csrf.protect()
    who = signed_in()
    if who is None:
        return login_page("verifikasi", status=401)
    sent = {k: request.form.get(k, "").strip() for k in ("action", "comment",
                                                         "adjusted_price")}
    sent["ref"] = ref.strip().upper()[:30]
    price = sent["adjusted_price"].replace(".", "")
    rt = current()
    try:
        if price and not price.isdigit():
            raise decisions.price_not_a_number()
        decisions.decide(rt.uow(), rt.clock, who, ref, sent["action"], sent["comment"],
                         int(price) if price else None)
    except DomainError as exc:
        return _work_page(who, status_of(exc),
                          sent={**sent, "error": said(exc), "field": field_of(exc)})
    return redirect(url_for("musrenbang_pages.work", **_keep()), code=303)


@bp.post("/verifikasi/berita-acara")
def work_minutes() -> ResponseReturnValue:
    """The kecamatan records its forum (minutes.record): back to the list with the
    signed document's code, or the form as sent with the refusal said."""
    csrf.protect()
    who = signed_in()
    if who is None:
        return login_page("verifikasi", status=401)
    body = forms_of(request.form)
    sent = {"ref": "minutes", "held_on": request.form.get("held_on", ""),
            "attendees": request.form.get("attendees", "")}
    rt = current()
    try:
        if body["held_on"] is None or not body["attendees"]:
            raise MinutesIncomplete()
        code, _count = minutes.record(
            rt.uow(), rt.clock, who, None, body,
            signer_of(current_app), document_store(current_app.instance_path),
            (current_app.config.get("PUBLIC_URL") or request.host_url).rstrip("/"))
    except DomainError as exc:
        return _work_page(who, status_of(exc), sent={**sent, "error": said(exc)})
    return _work_page(who, done=code)


def forms_of(form: Any) -> dict[str, Any]:
    """The minutes form's fields: `held_on` (date), `attendees` (one per line)."""
    try:
        held = date.fromisoformat(form.get("held_on", ""))
    except ValueError:
        held = None
    return {"held_on": held, "attendees": [a.strip() for a in
                                           form.get("attendees", "").splitlines()
                                           if a.strip()]}
