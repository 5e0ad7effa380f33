"""The planning agency's own use cases beside cycles.py: changing a cycle's phase dates
(and its default RW ceiling), and what its screen shows: every cycle by year, the areas
and ceilings per RW and kelurahan. The phase rules are rules.parse_phases'."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from sqlalchemy import select

from queue_server.domain.errors import Words
from queue_server.persistence.case_models import Office
from queue_server.services.auth import Principal

from .cycles import MAX_AMOUNT
from .errors import CycleInvalid
from .flow import cycle, require_agency
from .models import MusrenbangArea, MusrenbangCeiling, MusrenbangCycle, MusrenbangProposal
from .rules import parse_phases


def change_phases(uow: Any, who: Principal, year: int, phases: Mapping[str, Any],
                  rw_ceiling: int | None = None) -> MusrenbangCycle:
    """The agency re-dates the phases of `year`'s cycle (all five, ISO dates, in order:
    rules.parse_phases) and, when given, its default RW ceiling (whole rupiah).
    MusrenbangForbidden 403 for anyone else, CycleNotFound 404, CycleInvalid 422 (phases
    out of order, a date not YYYY-MM-DD, a ceiling below 0). Commits; returns the cycle."""
    with uow:
        require_agency(uow, who)
        row = cycle(uow, year, lock=True)
        checked = parse_phases(phases)
        if rw_ceiling is not None and not 0 <= rw_ceiling <= MAX_AMOUNT:
            raise CycleInvalid(Words("pagu RW harus 0 atau lebih",
                                     "the RW ceiling must be 0 or more"))
        row.phases = checked
        if rw_ceiling is not None:
            row.rw_ceiling = rw_ceiling
        uow.commit()
    return row


def years(uow: Any) -> list[int]:
    """Every cycle's budget year, newest first."""
    return list(uow.session.scalars(select(MusrenbangCycle.year)
                                    .order_by(MusrenbangCycle.year.desc())))


def shown_year(uow: Any, asked: int | None) -> int | None:
    """The cycle a public page shows: `asked` when such a cycle exists, else the newest
    cycle holding proposals, else the newest cycle (None: no cycle at all)."""
    every = years(uow)
    if asked in every:
        return asked
    with_proposals = uow.session.scalar(
        select(MusrenbangCycle.year).join(MusrenbangProposal,
                                          MusrenbangProposal.cycle_id == MusrenbangCycle.id)
        .order_by(MusrenbangCycle.year.desc()).limit(1))
    return with_proposals if with_proposals is not None else (every[0] if every else None)


def areas(uow: Any, cycle_row: MusrenbangCycle | None) -> list[dict[str, Any]]:
    """Every RW office with its kelurahan and kecamatan codes (blank when not placed)
    and, for `cycle_row`, its own ceiling (None: the cycle's default applies)."""
    placed = {a.rw_office_id: a for a in uow.session.scalars(select(MusrenbangArea))}
    own = _ceilings(uow, cycle_row)
    out = []
    for office in _offices(uow, "rw"):
        area = placed.get(office.id)
        kel = uow.offices.by_id(area.kelurahan_office_id) if area else None
        kec = uow.offices.by_id(area.kecamatan_office_id) if area else None
        out.append({"code": office.code, "name": office.name,
                    "kelurahan": kel.code if kel else "", "kecamatan": kec.code if kec else "",
                    "ceiling": own.get(office.id)})
    return out


def kelurahan_ceilings(uow: Any, cycle_row: MusrenbangCycle | None) -> list[dict[str, Any]]:
    """Every kelurahan office with its own ceiling in `cycle_row` (None: the sum of its
    RWs' ceilings applies, ranking.kelurahan_ceiling)."""
    own = _ceilings(uow, cycle_row)
    return [{"code": o.code, "name": o.name, "ceiling": own.get(o.id)}
            for o in _offices(uow, "kelurahan")]


def offices_of(uow: Any, kind: str) -> list[dict[str, str]]:
    """Active offices of `kind` (code, name), by name: the choices of the areas form."""
    return [{"code": o.code, "name": o.name} for o in _offices(uow, kind)]


def _offices(uow: Any, kind: str) -> list[Office]:
    return list(uow.session.scalars(select(Office).where(Office.kind == kind,
                                                         Office.active.is_(True))
                                    .order_by(Office.name)))


def _ceilings(uow: Any, cycle_row: MusrenbangCycle | None) -> dict[int, int]:
    if cycle_row is None:
        return {}
    return {c.office_id: int(c.amount) for c in uow.session.scalars(
        select(MusrenbangCeiling).where(MusrenbangCeiling.cycle_id == cycle_row.id))}
