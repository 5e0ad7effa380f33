"""The forms on `/pengadaan`'s list for packages that have no procurement yet: the pokja
opens a draft tender for a planned package whose method needs one (tenders.create); the
package office's PPK records a direct procurement (direct.direct: the provider, its
offer, the negotiated price). Routes parse, call one use case, map its named errors."""

from __future__ import annotations

from typing import Any

from flask import redirect, request, url_for
from flask.typing import ResponseReturnValue
from sqlalchemy import select

from queue_server.domain.errors import DomainError
from queue_server.runtime import csrf, current
from queue_server.services.auth import Principal
from queue_server.staff_session import signed_in

from ..budgeting.pages_common import said, status_of
from ..project.methods import needs_tender
from ..project.models import ProjectPackage
from . import direct, store, tenders
from .access import PPK, UNIT_OFFICE, is_admin, member_of_code, roles
from .errors import BidAmountInvalid
from .models import ProcurementProvider
from .pages import pages
from .pages_common import lang_args, login_page


def waiting(uow: Any, who: Principal) -> dict[str, Any]:
    """Planned packages without a procurement that the caller may start: `tender` (the
    pokja's: method needs a tender), `direct` (the PPK's offices': no tender needed), and
    the registered `providers` for the direct form."""
    rows = uow.session.scalars(select(ProjectPackage).where(
        ProjectPackage.state == "planned").order_by(ProjectPackage.code)).all()
    rows = [p for p in rows if store.tender_of(uow, p.id) is None]
    unit = is_admin(who) or member_of_code(uow, who, UNIT_OFFICE)
    mine = {office for office, held in roles(uow, who).items() if PPK in held}
    found: dict[str, Any] = {
        "tender": [_short(p) for p in rows if unit and needs_tender(p.method)],
        "direct": [_short(p) for p in rows if not needs_tender(p.method)
                   and (is_admin(who) or p.office_id in mine)], "providers": []}
    if found["direct"]:
        found["providers"] = [{"id": p.id, "name": p.name} for p in uow.session.scalars(
            select(ProcurementProvider).order_by(ProcurementProvider.name))]
    return found


def _short(package: ProjectPackage) -> dict[str, Any]:
    return {"code": package.code, "title": package.title, "value": package.value,
            "method": package.method}


def rupiah_of(text: str) -> int:
    """A rupiah amount typed with or without dots; BidAmountInvalid (422) otherwise."""
    digits = text.replace(".", "").replace(" ", "").strip()
    if not digits.isdigit() or len(digits) > 15 or int(digits) < 1:
        raise BidAmountInvalid()
    return int(digits)


def _done(where: str, run: Any) -> ResponseReturnValue:
    """Sign-in and CSRF checked; `run(rt, who)` returns the procurement made, whose page
    follows; a refusal is said on the list at `where`."""
    from .pages import list_page

    who = signed_in()
    if who is None:
        return login_page("pengadaan", status=401)
    csrf.protect()
    try:
        row = run(current(), who)
    except DomainError as exc:
        return list_page(who, status_of(exc), error=said(exc), where=where)
    return redirect(url_for("procurement_pages.tender", code=row.code, done="made",
                            **lang_args()), code=303)


@pages.post("/pengadaan/paket/<string:package>/draf")
def draft(package: str) -> ResponseReturnValue:
    """The pokja opens a draft tender for the package (tenders.create)."""
    return _done(f"tender-{package[:40]}", lambda rt, who: tenders.create(
        rt.uow(), rt.clock, who, package[:40]))


@pages.post("/pengadaan/paket/<string:package>/langsung")
def direct_form(package: str) -> ResponseReturnValue:
    """The PPK records a direct procurement: provider, offer, negotiated price, note."""
    form = request.form
    return _done(f"direct-{package[:40]}", lambda rt, who: direct.direct(
        rt.uow(), rt.clock, who, package[:40], form.get("provider", "")[:40] or "-",
        rupiah_of(form.get("offer", "")[:30]), rupiah_of(form.get("negotiated", "")[:30]),
        form.get("note", "")[:1000]))
