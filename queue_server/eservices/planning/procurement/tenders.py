"""Tenders run by the procurement unit's pokja: a draft for a planned package whose method
needs a tender (the package goes `procuring`), published with a bid deadline, bids by
providers before it (one each, at most the HPS), evaluation, award to a passed bid whose
provider is not blacklisted on the award date, then the complaint period (complaints.py).

As Prozorro's drafts: creating for a package that has a procurement returns that one,
and publishing a published tender returns it unchanged, so a retried request never makes
two."""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal
from typing import Any

from sqlalchemy import select

from queue_server.services.auth import Principal
from queue_server.services.ports import Clock

from ..project.methods import needs_tender
from . import store
from .access import require_provider, require_unit
from .complaints import complaint_period_end
from .errors import (
    BidAboveValue,
    BidAmountInvalid,
    BidNotFound,
    BidNotPassed,
    BidTwice,
    DeadlineInvalid,
    DeadlinePassed,
    NoteRequired,
    PackageNotReady,
    WrongTenderState,
)
from .models import ProcurementBid, ProcurementTender
from .providers import require_clear


def create(uow: Any, clock: Clock, who: Principal, package_code: str) -> ProcurementTender:
    """The pokja opens a draft tender for package `package_code` (state `planned`, a
    method that needs a tender: PackageNotReady 409 otherwise); the package becomes
    `procuring`. A package that already has a procurement gets that one back. Commits."""
    with uow:
        require_unit(uow, who, "membuat tender", "create tenders")
        package = store.package(uow, package_code, lock=True)
        found = store.tender_of(uow, package.id)
        if found is not None:
            return found
        if package.state != "planned" or not needs_tender(package.method):
            raise PackageNotReady(package.code, package.state,
                                  "hanya paket yang siap diadakan dengan metode tender",
                                  "only a package ready for procurement whose method "
                                  "is a tender")
        row = ProcurementTender(package_id=package.id, code=store.new_code(uow, clock),
                                method=package.method, state="draft", title=package.title,
                                value=package.value, created_at=clock.now(), details={})
        uow.session.add(row)
        package.state = "procuring"
        store.bump(package)
        store.released(uow, clock, package.id, "planningUpdate")
        uow.commit()
    return row


def publish(uow: Any, clock: Clock, who: Principal, code: str,
            bid_deadline: datetime) -> ProcurementTender:
    """The pokja publishes a draft with its bid deadline (after now: DeadlineInvalid
    422). Publishing a published tender returns it unchanged (a retry). Commits."""
    with uow:
        require_unit(uow, who, "mengumumkan tender", "publish tenders")
        row = store.tender(uow, code, lock=True)
        if row.state != "draft":
            if row.state == "published":
                return row
            raise WrongTenderState(row.code, row.state, "diumumkan", "be published")
        now = clock.now()
        if bid_deadline <= now:
            raise DeadlineInvalid(now.isoformat(timespec="minutes"))
        row.state, row.published_at, row.bid_deadline = "published", now, bid_deadline
        store.bump(row)
        store.released(uow, clock, row.package_id, "tender")
        uow.commit()
    return row


def bid(uow: Any, clock: Clock, who: Principal, code: str, amount: int) -> ProcurementBid:
    """A provider's people bid `amount` rupiah on a published tender before its
    deadline (DeadlinePassed 409), at most the HPS (BidAboveValue 422), once
    (BidTwice 409). Commits."""
    with uow:
        provider = require_provider(uow, who, "memasukkan penawaran", "bid")
        row = store.tender(uow, code, lock=True)
        if row.state != "published":
            raise WrongTenderState(row.code, row.state, "menerima penawaran", "take bids")
        if row.bid_deadline is not None and clock.now() > row.bid_deadline:
            raise DeadlinePassed("penawaran", "bids",
                                 row.bid_deadline.isoformat(timespec="minutes"))
        if amount < 1:
            raise BidAmountInvalid()
        if amount > row.value:
            raise BidAboveValue(amount, row.value)
        if any(b.provider_id == provider.id for b in store.bids(uow, row.id)):
            raise BidTwice(provider.name)
        made = ProcurementBid(tender_id=row.id, provider_id=provider.id, amount=amount,
                              submitted_at=clock.now(), state="submitted", note="")
        uow.session.add(made)  # no release: bids stay sealed until the deadline
        uow.commit()
    return made


def evaluate(uow: Any, clock: Clock, who: Principal, code: str, bid_id: int, passed: bool,
             score: float | None, note: str) -> ProcurementTender:
    """The pokja marks a bid passed or failed (a failed one needs `note`:
    NoteRequired 422) with an optional score, after the bid deadline; the tender is then
    in `evaluation`. Commits."""
    with uow:
        require_unit(uow, who, "mengevaluasi penawaran", "evaluate bids")
        row = store.tender(uow, code, lock=True)
        if row.state == "published" and row.bid_deadline and clock.now() > row.bid_deadline:
            row.state = "evaluation"
        if row.state != "evaluation":
            raise WrongTenderState(row.code, row.state, "dievaluasi sebelum batas penawaran",
                                   "be evaluated before its bid deadline")
        if not passed and not note.strip():
            raise NoteRequired("penawaran yang gugur", "a failed bid")
        found = _bid(uow, row, bid_id)
        found.state = "passed" if passed else "failed"
        found.score = None if score is None else Decimal(str(score))  # type: ignore[assignment]
        found.note = note.strip()
        store.bump(row)
        store.released(uow, clock, row.package_id, "tenderUpdate")
        uow.commit()
    return row


def award(uow: Any, clock: Clock, who: Principal, code: str, bid_id: int) -> ProcurementTender:
    """The pokja awards the tender to a passed bid (BidNotPassed 409) whose provider is
    not blacklisted today (Blacklisted 409 naming the entry); the complaint period runs
    to `complaints_until` (complaints.complaint_period_end). Commits."""
    with uow:
        require_unit(uow, who, "menetapkan pemenang", "award tenders")
        row = store.tender(uow, code, lock=True)
        if row.state != "evaluation":
            raise WrongTenderState(row.code, row.state, "ditetapkan pemenangnya", "be awarded")
        winner = _bid(uow, row, bid_id)
        if winner.state != "passed":
            raise BidNotPassed(bid_id)
        day = store.today(clock)
        require_clear(uow, store.provider(uow, winner.provider_id), day)
        row.state, row.winner_bid_id, row.awarded_at = "awarded", winner.id, clock.now()
        row.complaints_until = complaint_period_end(uow, day)
        store.bump(row)
        store.released(uow, clock, row.package_id, "award")
        uow.commit()
    return row


def _bid(uow: Any, row: ProcurementTender, bid_id: int) -> ProcurementBid:
    found = uow.session.scalar(select(ProcurementBid).where(
        ProcurementBid.id == bid_id, ProcurementBid.tender_id == row.id))
    if found is None:
        raise BidNotFound(bid_id)
    return found  # type: ignore[no-any-return]
