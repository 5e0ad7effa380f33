"""Procurement without a tender: direct procurement (pengadaan langsung) below the
threshold, run by the package office's PPK (one provider's offer and its negotiation,
then the award), and a tender result imported from the national system (SPSE), where the
tender, its complaint period included, already ran."""

from __future__ import annotations

from datetime import date
from typing import Any

from sqlalchemy import select

from queue_server.services.auth import Principal
from queue_server.services.ports import Clock

from ..project.methods import needs_tender
from ..project.models import ProjectPackage
from . import store
from .access import provider_by_code, require_ppk, require_unit
from .errors import BidAboveValue, ImportInvalid, PackageNotReady
from .models import ProcurementBid, ProcurementProvider, ProcurementTender
from .providers import normal_npwp, require_clear


def direct(uow: Any, clock: Clock, who: Principal, package_code: str, provider_code: str,
           offer: int, negotiated: int, note: str) -> ProcurementTender:
    """The PPK of the package's office records a provider's `offer` and the
    `negotiated` price (≤ the offer and ≤ the HPS: BidAboveValue 422) for a planned
    package whose method needs no tender (PackageNotReady 409); the provider is checked
    against the blacklist (Blacklisted 409); the procurement is awarded at once (no
    complaint period: none in pengadaan langsung). A package that has a procurement
    gets that one back. Commits."""
    with uow:
        package = store.package(uow, package_code, lock=True)
        require_ppk(uow, who, package.office_id, "mencatat pengadaan langsung",
                    "record direct procurement")
        found = store.tender_of(uow, package.id)
        if found is not None:
            return found
        if package.state != "planned" or needs_tender(package.method):
            raise PackageNotReady(package.code, package.state,
                                  "hanya paket yang siap diadakan tanpa tender",
                                  "only a package ready for procurement whose method "
                                  "needs no tender")
        if negotiated > offer or negotiated > package.value:
            raise BidAboveValue(negotiated, min(offer, package.value))
        provider = provider_by_code(uow, provider_code)
        require_clear(uow, provider, store.today(clock))
        row = _awarded(uow, clock, package, provider, negotiated, "local", None,
                       {"offer": offer, "negotiated": negotiated, "note": note.strip()})
        uow.commit()
    return row


def _awarded(uow: Any, clock: Clock, package: ProjectPackage, winner: ProcurementProvider,
             amount: int, source: str, external_id: str | None,
             details: dict[str, Any]) -> ProcurementTender:
    now = clock.now()
    row = ProcurementTender(
        package_id=package.id, code=store.new_code(uow, clock), method=package.method,
        state="awarded", title=package.title, value=package.value, created_at=now,
        published_at=now, source=source, external_id=external_id, details=details,
        awarded_at=now)
    uow.session.add(row)
    uow.session.flush()
    made = ProcurementBid(tender_id=row.id, provider_id=winner.id, amount=amount,
                          submitted_at=now, state="passed", note=details.get("note", ""))
    uow.session.add(made)
    uow.session.flush()
    row.winner_bid_id = made.id
    package.state = "procuring"
    store.bump(package)
    store.released(uow, clock, package.id, "tender", "award")
    return row


def import_spse(uow: Any, clock: Clock, who: Principal,
                result: dict[str, Any]) -> ProcurementTender:
    """The pokja imports a tender result from SPSE: `tender_id` (SPSE's), `package_code`,
    `bidders` (`npwp`, `name`, `amount`), `winner` (an NPWP among them), `awarded_on`.
    The same `tender_id` again returns the first import unchanged; a winner on the
    blacklist that day is refused (Blacklisted 409); a package not `planned` or
    mismatched data: PackageNotReady 409, ImportInvalid 422. Unknown bidders become
    providers known by NPWP alone. Commits."""
    with uow:
        require_unit(uow, who, "mengimpor hasil tender", "import tender results")
        external = f"spse:{result['tender_id']}"
        found = uow.session.scalar(select(ProcurementTender).where(
            ProcurementTender.external_id == external))
        if found is not None:
            return found
        package = store.package(uow, result["package_code"], lock=True)
        if package.state != "planned" or store.tender_of(uow, package.id) is not None:
            raise PackageNotReady(package.code, package.state, "hanya paket yang siap diadakan",
                                  "only a package ready for procurement")
        bidders = _bidders(uow, result["bidders"], package.value)
        winner = normal_npwp(result["winner"])
        if winner not in bidders:
            raise ImportInvalid("the winner is not among the bidders")
        awarded_on: date = result.get("awarded_on") or store.today(clock)
        require_clear(uow, bidders[winner][0], awarded_on)
        row = _awarded(uow, clock, package, bidders[winner][0], bidders[winner][1], "spse",
                       external, {"spse_tender_id": str(result["tender_id"]),
                                  "awarded_on": awarded_on.isoformat()})
        for provider, amount in bidders.values():
            if provider.npwp != winner:
                uow.session.add(ProcurementBid(tender_id=row.id, provider_id=provider.id,
                                               amount=amount, submitted_at=row.created_at,
                                               state="failed", note="SPSE"))
        uow.commit()
    return row


def _bidders(uow: Any, items: list[dict[str, Any]],
             value: int) -> dict[str, tuple[ProcurementProvider, int]]:
    """NPWP → (provider, amount) of the imported bidders (each NPWP once, amounts at
    most the HPS)."""
    found: dict[str, tuple[ProcurementProvider, int]] = {}
    for item in items:
        npwp = normal_npwp(item["npwp"])
        if npwp in found:
            raise ImportInvalid(f"NPWP {npwp} bids twice")
        if item["amount"] > value:
            raise BidAboveValue(item["amount"], value)
        provider = uow.session.scalar(select(ProcurementProvider).where(
            ProcurementProvider.npwp == npwp))
        if provider is None:
            provider = ProcurementProvider(npwp=npwp, name=item["name"].strip()[:200],
                                           address="")
            uow.session.add(provider)
            uow.session.flush()
        found[npwp] = (provider, int(item["amount"]))
    return found
