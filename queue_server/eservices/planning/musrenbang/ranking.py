"""Ranking the cycle's accepted proposals within each kelurahan's ceiling (the agency, in
the results phase): rules.rank decides; each proposal stores its rank, whether it fits
and, when it fell out, why: the Indonesian words (`fell_out`, the language of the record)
and the figures behind them (`fell_out_figures`: money left, the proposal's amount) from
which `fell_out_words` says it in the page's language."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any
from zoneinfo import ZoneInfo

from sqlalchemy import select

from queue_server.domain.errors import DomainError, Words
from queue_server.persistence.case_models import Case
from queue_server.services.auth import Principal
from queue_server.services.ports import Clock

from .cycles import ceiling_of, require_kelurahan_ceilings
from .flow import cycle, require_agency, today
from .models import MusrenbangArea, MusrenbangCycle, MusrenbangProposal
from .rules import ACTION_PHASES, Candidate, money, open_phase, rank, require_phase


def fell_out_words(figures: dict[str, Any] | None, stored: str, lang: str = "id") -> str:
    """Why a proposal fell out of the ranking, in `lang`: built from `figures` (`{left,
    amount}`, whole rupiah) when the ranking kept them, else the stored Indonesian words."""
    if not figures:
        return stored
    left, amount = money(int(figures["left"])), money(int(figures["amount"]))
    words = Words(f"pagu kelurahan tersisa {left.id}, usulan {amount.id}",
                  f"the kelurahan ceiling has {left.en} left, the proposal is {amount.en}")
    return words.en if lang == "en" else words.id


def kelurahan_ceiling(uow: Any, row: MusrenbangCycle, kelurahan_id: int) -> int:
    """The kelurahan's ceiling in the cycle: its own ceiling row, else the sum of its
    RWs' ceilings (each RW's row or the cycle's default)."""
    own = ceiling_of(uow, row, kelurahan_id)
    if own is not None:
        return own
    rws = uow.session.scalars(select(MusrenbangArea.rw_office_id).where(
        MusrenbangArea.kelurahan_office_id == kelurahan_id))
    return sum(ceiling_of(uow, row, rw) or row.rw_ceiling for rw in rws)


def rank_rows(uow: Any, row: MusrenbangCycle) -> int:
    """Rank every kelurahan's accepted proposals of the cycle (others lose any rank);
    flushes, returns how many were ranked."""
    proposals = list(uow.session.execute(
        select(MusrenbangProposal, Case.state).join(Case, Case.id == MusrenbangProposal.case_id)
        .where(MusrenbangProposal.cycle_id == row.id)))
    by_kelurahan: dict[int, list[MusrenbangProposal]] = {}
    for proposal, state in proposals:
        proposal.rank, proposal.within_ceiling, proposal.fell_out = None, None, ""
        proposal.fell_out_figures = None
        if state == "accepted":
            by_kelurahan.setdefault(proposal.kelurahan_office_id, []).append(proposal)
    for kelurahan, accepted in by_kelurahan.items():
        known = {p.id: p for p in accepted}
        left = kelurahan_ceiling(uow, row, kelurahan)
        placed = rank([Candidate(p.id, p.rw_office_id, p.priority, p.amount) for p in accepted],
                      left)
        for place in placed:
            target = known[place.id]
            target.rank, target.within_ceiling = place.rank, place.within
            target.fell_out = place.fell_out.id[:300] if place.fell_out else ""
            if place.within:
                left -= target.amount
            else:
                target.fell_out_figures = {"left": left, "amount": target.amount}
    uow.session.flush()
    return sum(len(v) for v in by_kelurahan.values())


def rank_cycle(uow: Any, clock: Clock, who: Principal, year: int | None) -> int:
    """The agency ranks the cycle in the results phase (MusrenbangForbidden 403,
    PhaseClosed 409). Commits; returns how many proposals were ranked."""
    with uow:
        require_agency(uow, who)
        row = cycle(uow, year)
        require_phase(row.phases, ACTION_PHASES["rank"], today(clock))
        require_kelurahan_ceilings(uow, row)  # fix 18I: never "every proposal fits"
        count = rank_rows(uow, row)
        uow.commit()
    return count


def sweep_ranking(uow: Callable[[], Any], clock: Clock, timezone: str, tell: bool) -> None:
    """The "sweeps" hook: once the office phase has ended and the results phase runs,
    the latest cycle is ranked automatically when an accepted proposal has no rank yet
    (the agency may rank again by hand in that phase)."""
    with uow() as work:
        try:
            row = cycle(work)
        except DomainError:
            return
        day = clock.now().astimezone(ZoneInfo(timezone)).date()
        if open_phase(row.phases, day) != "results":
            return
        unranked = work.session.scalar(
            select(MusrenbangProposal.id).join(Case, Case.id == MusrenbangProposal.case_id)
            .where(MusrenbangProposal.cycle_id == row.id, Case.state == "accepted",
                   MusrenbangProposal.rank.is_(None)).limit(1))
        if unranked is not None:
            try:
                require_kelurahan_ceilings(work, row)
            except DomainError:
                return  # the agency sets the kelurahan ceilings first (fix 18I)
            rank_rows(work, row)
            work.commit()
