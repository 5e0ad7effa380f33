"""e-Musrenbang's pure rules: a proposal's amount in whole rupiah, the phases (their
order, the one open, an action outside its phase), the ranking within a kelurahan's
ceiling (round-robin across RWs by priority; one over the money left falls out, a
smaller one after it may fit)."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from queue_server.eservices.planning.musrenbang.errors import CycleInvalid, PhaseClosed
from queue_server.eservices.planning.musrenbang.rules import (
    Candidate,
    amount_of,
    open_phase,
    parse_phases,
    rank,
    require_phase,
)

PHASES = {"submission": {"starts": "2026-01-05", "ends": "2026-01-20"},
          "kelurahan": {"starts": "2026-01-21", "ends": "2026-02-05"},
          "kecamatan": {"starts": "2026-02-06", "ends": "2026-02-20"},
          "office": {"starts": "2026-02-23", "ends": "2026-03-13"},
          "results": {"starts": "2026-03-16", "ends": "2026-03-31"}}


@pytest.mark.parametrize(("quantity", "price", "amount"), [
    ("2000", 215_000, 430_000_000), ("2.5", 6_500_000, 16_250_000),
    ("0.01", 150, 2), ("0.01", 149, 1), ("0.03", 150, 5)])
def test_the_amount_is_whole_rupiah_half_up(quantity: str, price: int, amount: int) -> None:
    assert amount_of(Decimal(quantity), price) == amount


def test_the_open_phase_and_the_refusal_naming_the_needed_one() -> None:
    assert open_phase(PHASES, date(2026, 1, 20)) == "submission"
    assert open_phase(PHASES, date(2026, 2, 21)) is None
    require_phase(PHASES, ("submission", "kelurahan"), date(2026, 1, 25))
    with pytest.raises(PhaseClosed) as refused:
        require_phase(PHASES, ("submission",), date(2026, 2, 10))
    assert refused.value.message == (
        "Aksi ini hanya bisa pada tahap pengajuan usulan RW (Senin, 5 Januari 2026 s.d. "
        "Selasa, 20 Januari 2026). Sekarang: tahap forum kecamatan.")
    with pytest.raises(PhaseClosed) as between:
        require_phase(PHASES, ("office",), date(2026, 2, 21))
    assert "no phase is open" in between.value.message_en


def test_phases_out_of_order_or_missing_are_refused() -> None:
    assert parse_phases(PHASES) == PHASES
    with pytest.raises(CycleInvalid):
        parse_phases({**PHASES, "kelurahan": {"starts": "2026-01-15", "ends": "2026-02-05"}})
    with pytest.raises(CycleInvalid):
        parse_phases({k: v for k, v in PHASES.items() if k != "results"})
    with pytest.raises(CycleInvalid):
        parse_phases({**PHASES, "results": {"starts": "2026-03-31", "ends": "2026-03-16"}})


def test_ranking_takes_turns_across_rws_while_money_remains() -> None:
    placed = rank([
        Candidate(1, rw=1, priority=1, amount=400), Candidate(2, rw=1, priority=2, amount=100),
        Candidate(3, rw=2, priority=1, amount=300), Candidate(4, rw=2, priority=2, amount=250),
        Candidate(5, rw=3, priority=1, amount=50)], ceiling=900)
    assert [(p.id, p.rank, p.within) for p in placed] == [
        (5, 1, True), (3, 2, True), (1, 3, True), (2, 4, True), (4, 5, False)]
    assert placed[-1].fell_out is not None
    assert placed[-1].fell_out.id == "pagu kelurahan tersisa Rp 50, usulan Rp 250"


def test_a_smaller_one_after_a_fallen_one_still_fits() -> None:
    placed = rank([Candidate(1, 1, 1, 700), Candidate(2, 2, 1, 500), Candidate(3, 2, 2, 200)],
                  ceiling=900)
    assert [(p.id, p.within) for p in placed] == [(2, True), (1, False), (3, True)]
