"""The contract of a package, step by step, by the package office's PPK (the LKPP chain's
e-Kontrak): the award letter (SPPBJ) once the procurement is awarded, its complaint
period over and no complaint open; the contract signed (value = the award, its period,
its termins); the notice to proceed (SPMK); the handover (BAST) once the approved
physical progress is 100 %. Each step issues a signed document (paper.py) and releases
the process (OCDS); the package is `contracted` on signing, `completed` on handover."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any

from sqlalchemy import select

from queue_server.services.auth import Principal
from queue_server.services.ports import Clock

from ..budgeting.models import BudgetLine
from ..controlling.models import ControllingReport
from ..procurement import store
from ..procurement.access import require_ppk
from ..procurement.complaints import open_complaints
from ..procurement.models import ProcurementBid
from ..project.models import ProjectPackage
from ..project.plans import within_year
from .errors import (
    ContractNotFound,
    NotAwarded,
    PeriodInvalid,
    ProgressTooLow,
    WrongContractState,
)
from .models import DeliveryContract, DeliveryTermin
from .paper import Paper, issue, number_of
from .termins import check_due, split

HUNDRED = Decimal(100)


def contract_of(uow: Any, package_id: int, code: str, lock: bool = False) -> DeliveryContract:
    """The contract of the package (ContractNotFound 404); locked until commit when
    `lock` (payments and steps on one contract take turns)."""
    q = select(DeliveryContract).where(DeliveryContract.package_id == package_id)
    if lock:
        q = q.with_for_update().execution_options(populate_existing=True)
    found = uow.session.scalar(q)
    if found is None:
        raise ContractNotFound(code)
    return found  # type: ignore[no-any-return]


def approved_progress(uow: Any, contract_id: int) -> Decimal:
    """The physical progress (percent, cumulative) of the contract's latest approved
    monthly report (controlling); 0 before any."""
    found = uow.session.scalar(
        select(ControllingReport.physical).where(
            ControllingReport.contract_id == contract_id, ControllingReport.state == "approved")
        .order_by(ControllingReport.month.desc()).limit(1))
    return Decimal(found) if found is not None else Decimal(0)


def award_letter(uow: Any, clock: Clock, paper: Paper, who: Principal,
                 code: str) -> DeliveryContract:
    """The PPK issues the award letter (SPPBJ) of package `code`: its procurement
    awarded, the complaint period over (the day after `complaints_until`) and no
    complaint open (NotAwarded 409). The contract row starts here with the winning
    bid's provider and amount. A package that has a contract gets it back. Commits."""
    with uow:
        package = store.package(uow, code, lock=True)
        require_ppk(uow, who, package.office_id, "menerbitkan SPPBJ", "issue award letters")
        found = uow.session.scalar(select(DeliveryContract).where(
            DeliveryContract.package_id == package.id))
        if found is not None:
            return found  # type: ignore[no-any-return]
        tender = store.tender_of(uow, package.id)
        _require_awarded(uow, clock, package, tender)
        assert tender is not None
        winner = uow.session.get(ProcurementBid, tender.winner_bid_id)
        row = DeliveryContract(package_id=package.id, tender_id=tender.id,
                               provider_id=winner.provider_id, value=winner.amount,
                               state="award_letter", award_letter_at=clock.now(),
                               starts=package.starts, ends=package.ends)
        uow.session.add(row)
        uow.session.flush()
        row.award_letter_code, _ = issue(uow, clock, paper, who, "award_letter", row, package,
                                         store.provider(uow, row.provider_id))
        store.released(uow, clock, package.id, "award")
        uow.commit()
    return row


def _require_awarded(uow: Any, clock: Clock, package: ProjectPackage, tender: Any) -> None:
    if tender is None or tender.state != "awarded" or tender.winner_bid_id is None:
        raise NotAwarded(package.code, "pengadaannya belum ada pemenang",
                         "its procurement has no winner")
    if tender.complaints_until is not None and store.today(clock) <= tender.complaints_until:
        raise NotAwarded(package.code, f"masa sanggah sampai {tender.complaints_until}",
                         f"the complaint period runs to {tender.complaints_until}")
    if open_complaints(uow, tender.id):
        raise NotAwarded(package.code, "ada sanggah yang belum dijawab",
                         "a complaint waits for its answer")


def sign(uow: Any, clock: Clock, paper: Paper, who: Principal, code: str,
         starts: date | None, ends: date | None) -> DeliveryContract:
    """The PPK signs the contract (after the award letter): its number, value (the
    award), period (default: the package's schedule; PeriodInvalid 422 when it ends
    before it starts; past 31 December of the line's year for a package not multi-year:
    project's BeyondBudgetYear 422), the termins from the package's payment plan
    (termins.split; one due after the period: TerminAfterEnd 422). The package becomes
    `contracted`. Commits."""
    with uow:
        package = store.package(uow, code, lock=True)
        require_ppk(uow, who, package.office_id, "menandatangani kontrak", "sign contracts")
        row = contract_of(uow, package.id, code, lock=True)
        if row.state != "award_letter":
            raise WrongContractState(code, row.state, "ditandatangani", "be signed")
        row.starts, row.ends = starts or package.starts, ends or package.ends
        if row.ends <= row.starts:
            raise PeriodInvalid(row.starts.isoformat(), row.ends.isoformat())
        within_year(row.ends, uow.session.get(BudgetLine, package.budget_line_id).year,
                    package.multi_year, package.multi_year_reason, ("masa kontrak",
                                                                   "contract's period"))
        check_due(package.payment_plan or [], row.ends)
        for termin in split(row.value, package.payment_plan or []):
            uow.session.add(DeliveryTermin(contract_id=row.id, **termin._asdict(),
                                           state="planned"))
        row.state, row.signed_at = "signed", clock.now()
        provider = store.provider(uow, row.provider_id)
        row.number = number_of(uow, "contract", uow.offices.by_id(package.office_id),
                               store.today(clock).year)
        row.contract_code, _ = issue(uow, clock, paper, who, "contract", row, package, provider,
                                     row.number)
        package.state = "contracted"
        store.bump(package)
        store.bump(row)
        store.released(uow, clock, package.id, "contract")
        uow.commit()
    return row


def start(uow: Any, clock: Clock, paper: Paper, who: Principal, code: str) -> DeliveryContract:
    """The PPK issues the notice to proceed (SPMK) of a signed contract. Commits."""
    with uow:
        package = store.package(uow, code)
        require_ppk(uow, who, package.office_id, "menerbitkan SPMK", "issue notices to proceed")
        row = contract_of(uow, package.id, code, lock=True)
        if row.state != "signed":
            raise WrongContractState(code, row.state, "dimulai", "be started")
        row.state, row.started_at = "started", clock.now()
        row.notice_code, _ = issue(uow, clock, paper, who, "notice", row, package,
                                   store.provider(uow, row.provider_id))
        store.bump(row)
        store.released(uow, clock, package.id, "implementation")
        uow.commit()
    return row


def hand_over(uow: Any, clock: Clock, paper: Paper, who: Principal,
              code: str) -> DeliveryContract:
    """The PPK records the handover (BAST) of a started contract whose latest approved
    physical progress is 100 % (ProgressTooLow 409); the package becomes `completed`.
    Commits."""
    with uow:
        package = store.package(uow, code, lock=True)
        require_ppk(uow, who, package.office_id, "menerima serah terima", "take handovers")
        row = contract_of(uow, package.id, code, lock=True)
        if row.state != "started":
            raise WrongContractState(code, row.state, "diserahterimakan", "be handed over")
        done = approved_progress(uow, row.id)
        if done < HUNDRED:
            raise ProgressTooLow(f"{done:.2f}", "100", "serah terima", "the handover")
        row.state, row.handed_over_at = "handed_over", clock.now()
        row.handover_code, _ = issue(uow, clock, paper, who, "handover", row, package,
                                     store.provider(uow, row.provider_id))
        package.state = "completed"
        store.bump(package)
        store.bump(row)
        store.released(uow, clock, package.id, "implementation")
        uow.commit()
    return row
