"""e-Delivery's staff page `/kontrak`: the contracts the signed-in member reads (an
office's, a provider's; the admin and BPKAD all) with their steps, documents, termins,
invoices and payments, and the buttons of who acts: the PPK (sign, notice to proceed,
handover; approve or reject invoices), the provider (invoice a termin), BPKAD (record a
payment with its SP2D reference)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from flask import Blueprint, redirect, render_template, request, url_for
from flask.typing import ResponseReturnValue

from queue_server.domain.errors import DomainError
from queue_server.eservices.surat.pages_words import day_words, when_words
from queue_server.i18n import page_language
from queue_server.runtime import csrf, current
from queue_server.services.auth import Principal
from queue_server.staff_session import signed_in

from ..procurement import store
from ..procurement.access import FINANCE_OFFICE, PPK, is_admin, member_of_code, provider_of, roles
from ..procurement.pages_common import lang_args, login_page, logout, refused, rupiah
from . import contracts, payments, views
from .api import paper

pages = Blueprint("delivery_pages", __name__, template_folder="templates")
# Moments in the city's time zone, dates in words (fix18m.1), as on /pengadaan.
pages.add_app_template_filter(when_words, "planning_when")
pages.add_app_template_filter(day_words, "planning_day")


def _may(uow: Any, who: Principal, item: dict[str, Any]) -> dict[str, bool]:
    """Which buttons the caller gets on a contract."""
    office = store.package(uow, item["package_code"]).office_id
    mine = provider_of(uow, who)
    return {"ppk": is_admin(who) or PPK in roles(uow, who).get(office, set()),
            "provider": mine is not None and mine.name == item["provider"],
            "finance": is_admin(who) or member_of_code(uow, who, FINANCE_OFFICE)}


@pages.get("/kontrak", endpoint="contracts")
def contracts_page() -> ResponseReturnValue:
    """Every readable contract in full (views.detail) with the caller's buttons."""
    who = signed_in()
    if who is None:
        return login_page("kontrak")
    with current().uow(write=False) as uow:
        items = [views.detail(uow, who, row["package_code"]) for row in views.listing(uow, who)]
        for item in items:
            item["may"] = _may(uow, who, item)
    return render_template("delivery/contracts.html", lang=page_language(), user=who.name,
                           items=items, rupiah=rupiah, notice=request.args.get("done", ""))


def _act(code: str, run: Callable[[Any, Principal], object]) -> ResponseReturnValue:
    who = signed_in()
    if who is None:
        return login_page("kontrak", status=401)
    csrf.protect()
    try:
        run(current(), who)
    except DomainError as exc:
        return refused(exc, who.name, "kontrak")
    return redirect(url_for("delivery_pages.contracts", done=code[:40], **lang_args()),
                    code=303)


STEPS = {"mulai": contracts.start, "serah-terima": contracts.hand_over}


@pages.post("/kontrak/<string:code>/<any(tandatangan, mulai, 'serah-terima'):step>")
def step(code: str, step: str) -> ResponseReturnValue:
    """The PPK's buttons: sign (the package's period), notice to proceed, handover."""
    def run(rt: Any, who: Principal) -> object:
        if step == "tandatangan":
            return contracts.sign(rt.uow(), rt.clock, paper(), who, code, None, None)
        return STEPS[step](rt.uow(), rt.clock, paper(), who, code)
    return _act(code, run)


@pages.post("/kontrak/<string:code>/tagihan")
def invoice(code: str) -> ResponseReturnValue:
    """The provider invoices a termin (its number, the invoice's number)."""
    termin = request.form.get("termin", "")
    return _act(code, lambda rt, who: payments.invoice(
        rt.uow(), rt.clock, who, code, int(termin) if termin.isdigit() and len(termin) < 4
        else 0, request.form.get("number", "")[:60] or "-"))


@pages.post("/kontrak/<string:code>/tagihan/<int:invoice_id>/putusan")
def decide(code: str, invoice_id: int) -> ResponseReturnValue:
    """The PPK approves or rejects (with a reason) an invoice."""
    return _act(code, lambda rt, who: payments.decide(
        rt.uow(), rt.clock, who, code, invoice_id, request.form.get("decision") == "approve",
        request.form.get("reason", "")[:500]))


@pages.post("/kontrak/<string:code>/tagihan/<int:invoice_id>/bayar")
def pay(code: str, invoice_id: int) -> ResponseReturnValue:
    """BPKAD records the payment of an approved invoice (SP2D reference)."""
    return _act(code, lambda rt, who: payments.pay(
        rt.uow(), rt.clock, who, code, invoice_id, request.form.get("reference", "")[:60]))


pages.add_url_rule("/kontrak/keluar", "logout", lambda: logout("kontrak"), methods=["POST"])
