"""What procurement's readers see (JSON-ready dicts): the tender list for the caller
(the pokja and the admin see all; a package office's staff their office's; a provider's
people the published tenders and those they bid on) and one tender (its bids' amounts
are sealed from other providers until the deadline)."""

from __future__ import annotations

from typing import Any

from sqlalchemy import select

from queue_server.services.auth import Principal
from queue_server.services.ports import Clock

from ..project.models import ProjectPackage
from . import store
from .access import UNIT_OFFICE, is_admin, member_of_code, provider_of, roles
from .complaints import of_tender
from .errors import ProcurementForbidden
from .models import ProcurementTender


def _iso(value: Any) -> str | None:
    return value.isoformat() if value is not None else None


def summary(row: ProcurementTender, package: ProjectPackage) -> dict[str, Any]:
    """A tender's row as lists show it."""
    return {"code": row.code, "package_code": package.code, "ocid": package.ocid,
            "title": row.title, "method": row.method, "state": row.state,
            "value": row.value, "source": row.source, "published_at": _iso(row.published_at),
            "bid_deadline": _iso(row.bid_deadline), "awarded_at": _iso(row.awarded_at),
            "complaints_until": _iso(row.complaints_until), "version": row.version}


def listing(uow: Any, who: Principal) -> list[dict[str, Any]]:
    """The procurements the caller may read, newest first."""
    q = (select(ProcurementTender, ProjectPackage)
         .join(ProjectPackage, ProjectPackage.id == ProcurementTender.package_id)
         .order_by(ProcurementTender.id.desc()))
    rows = uow.session.execute(q).all()
    return [summary(t, p) for t, p in rows if _may_read(uow, who, t, p)]


def _may_read(uow: Any, who: Principal, row: ProcurementTender, package: ProjectPackage) -> bool:
    if is_admin(who) or member_of_code(uow, who, UNIT_OFFICE):
        return True
    if package.office_id in roles(uow, who):
        return True
    provider = provider_of(uow, who)
    if provider is None:
        return False
    return row.state == "published" or any(
        b.provider_id == provider.id for b in store.bids(uow, row.id))


def detail(uow: Any, clock: Clock, who: Principal, code: str) -> dict[str, Any]:
    """One procurement with its bids and complaints (ProcurementForbidden 403 for a
    caller who may not read it). Before the bid deadline a provider sees only its own
    bid."""
    row = store.tender(uow, code)
    package = uow.session.get(ProjectPackage, row.package_id)
    if not _may_read(uow, who, row, package):
        raise ProcurementForbidden("membaca pengadaan ini", "read this procurement")
    mine = provider_of(uow, who)
    sealed = row.state == "published" and not (is_admin(who)
                                                or member_of_code(uow, who, UNIT_OFFICE))
    bids = [{"id": b.id, "provider": store.provider(uow, b.provider_id).name,
             "amount": b.amount, "state": b.state, "note": b.note,
             "score": float(b.score) if b.score is not None else None,
             "submitted_at": _iso(b.submitted_at), "winner": b.id == row.winner_bid_id}
            for b in store.bids(uow, row.id)
            if not sealed or (mine is not None and b.provider_id == mine.id)]
    complaints = [{"id": c.id, "provider": store.provider(uow, c.provider_id).name,
                   "text": c.text, "state": c.state, "answer": c.answer,
                   "filed_at": _iso(c.filed_at), "answered_at": _iso(c.answered_at)}
                  for c in of_tender(uow, row.id)]
    return {**summary(row, package), "bids": bids, "complaints": complaints,
            "details": row.details or {}}
