"""What the `/anggaran` page shows and how a refusal finds its field: the caller's lines,
the offices it makes lines for with their ready proposals, the year's standard costs and
ceilings, and the agency's forms; a named error is said next to the field it is about
(its own `field`, else FIELD_OF), else at the top of its form."""

from __future__ import annotations

from typing import Any

from flask import current_app, render_template, request
from flask.typing import ResponseReturnValue

from queue_server.domain.errors import DomainError
from queue_server.i18n import page_language
from queue_server.runtime import current
from queue_server.services.auth import Principal
from queue_server.services.cases import city_today

from . import ceilings, standard_costs, views
from .access import LINE_ROLES, who_is
from .errors import (
    AccountCodeInvalid,
    OfficeUnknown,
    ProposalBudgeted,
    ProposalNotFound,
    ProposalNotReady,
    StandardCostNotFound,
    StandardCostsInvalid,
)
from .pages_common import rupiah, said, status_of

# The form field a named error is about (the rest are said at the top of the form).
FIELD_OF: dict[type[DomainError], str] = {
    AccountCodeInvalid: "code", StandardCostNotFound: "standard_cost",
    ProposalNotFound: "proposal", ProposalNotReady: "proposal",
    ProposalBudgeted: "proposal", OfficeUnknown: "office", StandardCostsInvalid: "csv"}
NO_CEILING_KINDS = ("rw", "provider")  # an RW or a provider has no budget of its own


def query_year() -> int | None:
    """`?year=` when it is a year 2000–2100, else None."""
    text = request.args.get("year", "")
    return int(text) if text.isdigit() and 2000 <= int(text) <= 2100 else None


def page_year() -> int:
    """The year the page's forms are for: `?year=`, else the city's current year."""
    return query_year() or city_today(current().clock, str(current_app.config.get(
        "CITY_TIMEZONE", "Asia/Jakarta"))).year


def refused(who: Principal, form: str, exc: DomainError) -> ResponseReturnValue:
    """The page again after the form `form` was refused with `exc`: its message next
    to its field, the form as sent, the error's status."""
    return render(who, refusal(form, exc), status_of(exc), sent=form)


def refusal(form: str, exc: DomainError) -> dict[str, str]:
    """`{"<form>.<field>": message}` for a named error on the form `form` (the field
    from FIELD_OF, else `form`: the top of the form), in the page's language."""
    field = getattr(exc, "field", None) or FIELD_OF.get(type(exc), "form")
    return {f"{form}.{field}": said(exc)}


def _offices(uow: Any, who: Principal) -> dict[str, Any]:
    caller = who_is(uow, who)
    every = [o for o in uow.offices.all(active_only=True) if o.kind not in NO_CEILING_KINDS]
    mine = [o for o in every if o.id in caller.offices
            and caller.offices[o.id] & LINE_ROLES]
    return {"agency": caller.agency or caller.admin,
            "mine": [(o.code, o.name) for o in mine],
            "every": [(o.code, o.name) for o in every]}


def context(who: Principal, year: int) -> dict[str, Any]:
    """The page's data for the caller: lines (views.lines of `year`'s filter, all years
    when no `?year=`), offices, ready proposals per office, standard costs, ceilings."""
    rt = current()
    with rt.uow(write=False) as uow:
        offices = _offices(uow, who)
    ready = [dict(p, office=code) for code, _ in offices["mine"]
             for p in views.ready_proposals(rt.uow(write=False), who, code)]
    return {"items": views.lines(rt.uow(write=False), who, query_year()),
            "offices": offices, "ready": ready, "year": year,
            "costs": standard_costs.listed(rt.uow(write=False), who, year),
            "ceilings": ceilings.listed(rt.uow(write=False), who, year)}


def render(who: Principal, errors: dict[str, str] | None = None, status: int = 200,
           notice: str = "", sent: str = "") -> ResponseReturnValue:
    """The page for the signed-in `who` with any refusals next to their fields and the
    form `sent` (proposal, programme, costs, ceiling) filled as it was sent; a refusal
    to read at all (not staff) is the refused page."""
    try:
        data = context(who, page_year())
    except DomainError as exc:
        return render_template("budgeting/refused.html", lang=page_language(),
                               message=said(exc), user=who.name), status_of(exc)
    return render_template("budgeting/lines.html", lang=page_language(), user=who.name,
                           decides=data["offices"]["agency"], rupiah=rupiah,
                           errors=errors or {}, asked=request.form, sent=sent,
                           notice=notice,
                           **data), status
