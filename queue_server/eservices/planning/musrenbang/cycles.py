"""The planning agency's set-up of a cycle: the cycle with its dated phases and default
RW ceiling, the ceilings per RW and per kelurahan, and the areas (each RW office in its
kelurahan and kecamatan). Every call commits or writes nothing."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from sqlalchemy import select

from queue_server.domain.errors import Words
from queue_server.persistence.case_models import Case
from queue_server.services.auth import Principal
from queue_server.services.ports import Clock

from .errors import (
    AreaConflict,
    AreaUnknown,
    CeilingsLocked,
    CycleExists,
    CycleInvalid,
    KelurahanCeilingMissing,
)
from .flow import cycle, require_agency
from .models import MusrenbangArea, MusrenbangCeiling, MusrenbangCycle, MusrenbangProposal
from .rules import PHASES, parse_phases

RW = Words("RW", "an RW")
KELURAHAN = Words("kelurahan", "a kelurahan")
KECAMATAN = Words("kecamatan", "a kecamatan")
MAX_AMOUNT = 10**13  # rupiah: well above any city's budget


def describe(row: MusrenbangCycle) -> dict[str, Any]:
    """A cycle as the API answers it: year, phases in order, default RW ceiling."""
    return {"year": row.year, "rw_ceiling": row.rw_ceiling,
            "phases": [{"code": code, **row.phases[code]} for code in PHASES
                       if code in row.phases]}


def create(uow: Any, clock: Clock, who: Principal, year: int,
           phases: Mapping[str, Any], rw_ceiling: int) -> MusrenbangCycle:
    """The agency opens the cycle of budget `year` (MusrenbangForbidden 403 for anyone
    else; CycleExists 409 for a year that has one; CycleInvalid 422 for phases out of
    order or a ceiling below zero). Commits; returns the cycle."""
    with uow:
        require_agency(uow, who)
        if not 0 <= rw_ceiling <= MAX_AMOUNT:
            raise CycleInvalid(Words("pagu RW harus 0 atau lebih",
                                     "the RW ceiling must be 0 or more"))
        checked = parse_phases(phases)
        if uow.session.scalar(select(MusrenbangCycle.id).where(MusrenbangCycle.year == year)):
            raise CycleExists(year)
        row = MusrenbangCycle(year=year, phases=checked, rw_ceiling=rw_ceiling,
                              created_at=clock.now())
        uow.session.add(row)
        uow.commit()
    return row


def office_of(uow: Any, code: str, kind: str, words: Words) -> Any:
    """The active office `code` of `kind`. Raises AreaUnknown (422)."""
    office = uow.offices.by_code((code or "").strip())
    if office is None or office.kind != kind:
        raise AreaUnknown(code, words)
    return office


def set_ceilings(uow: Any, who: Principal, year: int,
                 entries: Sequence[Mapping[str, Any]]) -> int:
    """The agency sets ceilings of `year`'s cycle: entries `{office, amount}` (an RW or
    a kelurahan office code; rupiah). All checked first (AreaUnknown, CycleInvalid 422);
    refused once the cycle is ranked (CeilingsLocked 409: the ranking was made within
    them; the choice of fix 18I over re-ranking at once). Commits; returns how many."""
    with uow:
        require_agency(uow, who)
        row = cycle(uow, year)
        if uow.session.scalar(select(MusrenbangProposal.id).where(
                MusrenbangProposal.cycle_id == row.id,
                MusrenbangProposal.rank.is_not(None)).limit(1)) is not None:
            raise CeilingsLocked(row.year)
        for entry in entries:
            office = uow.offices.by_code(str(entry.get("office", "")).strip())
            if office is None or office.kind not in ("rw", "kelurahan"):
                raise AreaUnknown(str(entry.get("office", "")), Words("RW atau kelurahan",
                                                                      "an RW or a kelurahan"))
            amount = int(entry.get("amount", -1))
            if not 0 <= amount <= MAX_AMOUNT:
                raise CycleInvalid(Words("pagu harus 0 atau lebih", "a ceiling must be 0 or more"))
            found = uow.session.scalar(select(MusrenbangCeiling).where(
                MusrenbangCeiling.cycle_id == row.id, MusrenbangCeiling.office_id == office.id))
            if found is None:
                uow.session.add(MusrenbangCeiling(cycle_id=row.id, office_id=office.id,
                                                  amount=amount))
            else:
                found.amount = amount
        uow.commit()
    return len(entries)


def set_areas(uow: Any, who: Principal | None, entries: Sequence[Mapping[str, Any]],
              check: bool = True) -> int:
    """Place RW offices in their kelurahan and kecamatan: entries `{rw, kelurahan,
    kecamatan}` (office codes of those kinds; AreaUnknown 422 otherwise). The agency's
    (403 for others; `check=False` for the demo loader). Commits; returns the count."""
    with uow:
        if check:
            require_agency(uow, who)
        for entry in entries:
            rw = office_of(uow, str(entry.get("rw", "")), "rw", RW)
            kel = office_of(uow, str(entry.get("kelurahan", "")), "kelurahan", KELURAHAN)
            kec = office_of(uow, str(entry.get("kecamatan", "")), "kecamatan", KECAMATAN)
            _one_kecamatan(uow, rw, kel, kec)
            found = uow.session.scalar(select(MusrenbangArea).where(
                MusrenbangArea.rw_office_id == rw.id))
            if found is None:
                found = MusrenbangArea(rw_office_id=rw.id)
                uow.session.add(found)
            found.kelurahan_office_id, found.kecamatan_office_id = kel.id, kec.id
        uow.commit()
    return len(entries)


def _one_kecamatan(uow: Any, rw: Any, kel: Any, kec: Any) -> None:
    """Raise AreaConflict (422) when another RW already places kelurahan `kel` in a
    kecamatan other than `kec` (a kelurahan lies in one kecamatan)."""
    placed = uow.session.scalar(select(MusrenbangArea.kecamatan_office_id).where(
        MusrenbangArea.kelurahan_office_id == kel.id, MusrenbangArea.rw_office_id != rw.id,
        MusrenbangArea.kecamatan_office_id != kec.id).limit(1))
    if placed is not None:
        other = uow.offices.by_id(placed)
        raise AreaConflict(rw.name, kel.name, other.name if other else "-", kec.name)


def require_kelurahan_ceilings(uow: Any, row: MusrenbangCycle) -> None:
    """Raise KelurahanCeilingMissing (409), naming them, when a kelurahan with accepted
    proposals in the cycle has no ceiling of its own (ranking within the sum of its RWs'
    ceilings would let every proposal fit)."""
    kelurahan_ids = set(uow.session.scalars(
        select(MusrenbangProposal.kelurahan_office_id)
        .join(Case, Case.id == MusrenbangProposal.case_id)
        .where(MusrenbangProposal.cycle_id == row.id, Case.state == "accepted")))
    missing = sorted(uow.offices.by_id(k).name for k in kelurahan_ids
                     if ceiling_of(uow, row, k) is None)
    if missing:
        raise KelurahanCeilingMissing(", ".join(missing))


def ceiling_of(uow: Any, cycle_row: MusrenbangCycle, office_id: int,
               lock: bool = False) -> int | None:
    """The ceiling row's amount for `office_id` in the cycle (None: none set), its row
    locked until commit on PostgreSQL when `lock`."""
    query = select(MusrenbangCeiling).where(MusrenbangCeiling.cycle_id == cycle_row.id,
                                            MusrenbangCeiling.office_id == office_id)
    row = uow.session.scalar(query.with_for_update() if lock else query)
    return None if row is None else int(row.amount)
