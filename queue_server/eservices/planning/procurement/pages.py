"""e-Procurement's staff page `/pengadaan`: the procurements the signed-in member reads
(the pokja all; an office its packages'; a provider the published tenders, with the bid
form on each it has not bid on yet), each linked to its own page with the forms of who
acts on it (pages_forms.py); packages waiting for a procurement (pages_ready.py)."""

from __future__ import annotations

from typing import Any

from flask import Blueprint, redirect, render_template, request, url_for
from flask.typing import ResponseReturnValue

from queue_server.domain.errors import DomainError
from queue_server.eservices.surat.pages_words import day_words, when_words
from queue_server.i18n import page_language
from queue_server.runtime import csrf, current
from queue_server.services.auth import Principal
from queue_server.staff_session import signed_in

from . import tenders, views
from .access import provider_of
from .pages_common import lang_args, login, login_page, logout, refused, rupiah

pages = Blueprint("procurement_pages", __name__, template_folder="templates")
# Moments in the city's time zone in words, dates in words (fix18m.1): never a slice of
# the stored UTC text.
pages.add_app_template_filter(when_words, "planning_when")
pages.add_app_template_filter(day_words, "planning_day")


def list_page(who: Principal, status: int = 200, **extra: Any) -> ResponseReturnValue:
    """The list (views.listing) with a bid form for a provider's open tenders and the
    forms for packages waiting for a procurement (pages_ready.waiting); `extra` may
    carry `error` and `where` (the form it concerns)."""
    from .pages_ready import waiting

    rt = current()
    with rt.uow(write=False) as uow:
        items = views.listing(uow, who)
        mine = provider_of(uow, who)
        for item in items:
            bids = views.detail(uow, rt.clock, who, item["code"])["bids"]
            item["may_bid"] = (mine is not None and item["state"] == "published"
                               and not any(b["provider"] == mine.name for b in bids))
        ready = waiting(uow, who)
    extra.setdefault("where", "")
    return render_template("procurement/tenders.html", lang=page_language(), user=who.name,
                           items=items, provider=mine.name if mine else None, rupiah=rupiah,
                           notice=request.args.get("done", ""), ready=ready,
                           **extra), status


@pages.get("/pengadaan", endpoint="tenders")
def tenders_page() -> ResponseReturnValue:
    """The list of procurements and the caller's forms (list_page)."""
    who = signed_in()
    if who is None:
        return login_page("pengadaan")
    return list_page(who)


@pages.post("/pengadaan/<string:code>/penawaran")
def bid(code: str) -> ResponseReturnValue:
    """A provider's bid form (tenders.bid); a refusal is said on the page."""
    who = signed_in()
    if who is None:
        return login_page("pengadaan", status=401)
    csrf.protect()
    rt = current()
    text = request.form.get("amount", "").replace(".", "").strip()
    try:
        tenders.bid(rt.uow(), rt.clock, who, code[:40], int(text) if text.isdigit() else 0)
    except DomainError as exc:
        return refused(exc, who.name, "pengadaan")
    return redirect(url_for("procurement_pages.tenders", done=code[:40], **lang_args()),
                    code=303)


pages.add_url_rule("/pengadaan/masuk", "login", login, methods=["POST"])
pages.add_url_rule("/pengadaan/keluar", "logout", lambda: logout("pengadaan"),
                   methods=["POST"])

# The forms of one procurement and of packages waiting for one: routes on this blueprint.
from . import pages_forms, pages_ready  # noqa: E402,F401
