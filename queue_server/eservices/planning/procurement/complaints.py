"""Complaints against an award (sanggah): a bidder files one within the complaint period;
the pokja answers it, upheld (the award is undone: the tender is back in evaluation) or
rejected. The contract waits for the period's end with no complaint open."""

from __future__ import annotations

from datetime import date
from typing import Any

from sqlalchemy import select

from queue_server.services.auth import Principal
from queue_server.services.closures import calendar
from queue_server.services.ports import Clock

from . import store
from .access import require_provider, require_unit
from .errors import (
    ComplaintNotOpen,
    ComplaintPeriodOver,
    NotABidder,
    NoteRequired,
    WrongTenderState,
)
from .models import ProcurementComplaint

# The complaint period (masa sanggah): 5 working days after the winner is announced,
# as this project reads Perpres 16/2018 as amended by Perpres 12/2021 and LKPP's
# Peraturan 12/2021 (pedoman pelaksanaan pengadaan melalui penyedia). One number here.
COMPLAINT_WORKING_DAYS = 5


def complaint_period_end(uow: Any, awarded_on: date) -> date:
    """The last day a complaint may be filed: COMPLAINT_WORKING_DAYS working days after
    `awarded_on` (weekends, national holidays, cuti bersama and city closures skipped:
    services.closures.calendar)."""
    return calendar(uow).add_working_days(awarded_on, COMPLAINT_WORKING_DAYS)


def file(uow: Any, clock: Clock, who: Principal, code: str, text: str) -> ProcurementComplaint:
    """A bidder's people file a complaint on an awarded tender within its period
    (ComplaintPeriodOver 409 after `complaints_until`; NotABidder 403 for a provider
    that did not bid; NoteRequired 422 for an empty text). Commits."""
    with uow:
        provider = require_provider(uow, who, "menyanggah", "file complaints")
        row = store.tender(uow, code, lock=True)
        if row.state != "awarded" or row.complaints_until is None:
            raise WrongTenderState(row.code, row.state, "disanggah", "take complaints")
        if store.today(clock) > row.complaints_until:
            raise ComplaintPeriodOver(row.complaints_until.isoformat())
        if not any(b.provider_id == provider.id for b in store.bids(uow, row.id)):
            raise NotABidder()
        if not text.strip():
            raise NoteRequired("isi sanggah", "the complaint")
        made = ProcurementComplaint(tender_id=row.id, provider_id=provider.id,
                                    text=text.strip(), filed_at=clock.now(), state="open")
        uow.session.add(made)
        uow.commit()
    return made


def answer(uow: Any, clock: Clock, who: Principal, code: str, complaint_id: int,
           upheld: bool, text: str) -> ProcurementComplaint:
    """The pokja answers an open complaint (`text` required: NoteRequired 422). Upheld:
    the award is undone and the tender is back in evaluation (tenderUpdate released).
    Commits."""
    with uow:
        require_unit(uow, who, "menjawab sanggah", "answer complaints")
        row = store.tender(uow, code, lock=True)
        found = uow.session.scalar(select(ProcurementComplaint).where(
            ProcurementComplaint.id == complaint_id, ProcurementComplaint.tender_id == row.id))
        if found is None or found.state != "open":
            raise ComplaintNotOpen(complaint_id)
        if not text.strip():
            raise NoteRequired("jawaban sanggah", "the answer to the complaint")
        found.state, found.answer, found.answered_at = (
            "upheld" if upheld else "rejected", text.strip(), clock.now())
        if upheld:
            row.state, row.winner_bid_id, row.awarded_at, row.complaints_until = (
                "evaluation", None, None, None)
            store.bump(row)
            store.released(uow, clock, row.package_id, "tenderUpdate")
        uow.commit()
    return found


def open_complaints(uow: Any, tender_id: int) -> int:
    """How many complaints of the tender wait for an answer."""
    rows = uow.session.scalars(select(ProcurementComplaint).where(
        ProcurementComplaint.tender_id == tender_id, ProcurementComplaint.state == "open"))
    return len(rows.all())


def of_tender(uow: Any, tender_id: int) -> list[ProcurementComplaint]:
    """The tender's complaints, oldest first."""
    return list(uow.session.scalars(select(ProcurementComplaint).where(
        ProcurementComplaint.tender_id == tender_id).order_by(ProcurementComplaint.id)))
