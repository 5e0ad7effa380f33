"""e-Musrenbang's rules, pure (no database): the amount of a proposal, the cycle's phases
and which action each allows, and the ranking of accepted proposals within a kelurahan's
ceiling. Musrenbang follows Permendagri 86/2017 (RKPD planning: the kelurahan, kecamatan
and city forums in that order); the ceilings per RW and kelurahan are Surabaya's own."""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from queue_server.domain.dates import long_date
from queue_server.domain.errors import Words

from .errors import CycleInvalid, PhaseClosed, ProposalInvalid

# The cycle's phases in their order (each `{starts, ends}`, ISO dates, both days included).
PHASES = ("submission", "kelurahan", "kecamatan", "office", "results")
PHASE_WORDS = {
    "submission": Words("pengajuan usulan RW", "RW proposals"),
    "kelurahan": Words("verifikasi kelurahan", "kelurahan verification"),
    "kecamatan": Words("forum kecamatan", "kecamatan forum"),
    "office": Words("kajian perangkat daerah", "office feasibility review"),
    "results": Words("hasil dan pemeringkatan", "results and ranking"),
}
# The phases in which each action may be taken. The kelurahan may verify as proposals
# come in (during submission too); a returned proposal comes back to the step that
# returned it while that step's phase runs (resubmit, _forum, _office); after it, the
# case sweep closes it as lapsed (lapse.py).
ACTION_PHASES: dict[str, tuple[str, ...]] = {
    "submit": ("submission",), "resubmit": ("submission", "kelurahan"),
    "resubmit_forum": ("kecamatan",), "resubmit_office": ("office",),
    "verify": ("submission", "kelurahan"), "forum": ("kecamatan",), "accept": ("office",),
    "rank": ("results",), "minutes": ("kecamatan",),
}
# return and reject take the phase of the step the proposal is at.
STEP_PHASES = {"submitted": ("submission", "kelurahan"), "kelurahan_verified": ("kecamatan",),
               "kecamatan_verified": ("office",)}
MAX_QUANTITY = Decimal("1000000")
# Units counted in whole things (a lamp post, a TPS, a package): their quantity is a
# whole number. Other units (m, m², m³, kg…) take up to 2 decimals.
COUNTABLE_UNITS = frozenset({"titik", "unit", "buah", "paket", "set", "lokasi", "pohon",
                             "orang", "ekor", "lembar", "kali"})
PLAIN_NUMBER = re.compile(r"\d{1,7}([.,]\d{1,2})?")


def parse_quantity(value: Any, unit: str) -> Decimal:
    """A proposal's quantity as typed ("12", "12.5", "12,5"): a plain decimal with at most
    2 decimals (no exponent such as "1e3"), above 0 and at most MAX_QUANTITY, a whole
    number for a countable unit (COUNTABLE_UNITS). Raises ProposalInvalid (422)."""
    said = str(value).strip()
    if isinstance(value, Decimal) and value == value.to_integral_value():
        said = str(int(value))
    elif isinstance(value, Decimal):
        said = f"{value:f}"
    number = (Decimal(said.replace(",", ".")) if PLAIN_NUMBER.fullmatch(said)
              else Decimal(-1))
    if not 0 < number <= MAX_QUANTITY:
        raise ProposalInvalid(Words(
            "volume harus angka biasa di atas 0, paling banyak 2 desimal (mis. 12 atau 12,5)",
            "the quantity must be a plain number above 0, at most 2 decimals (e.g. 12 or 12.5)"))
    if unit.strip().lower() in COUNTABLE_UNITS and number != number.to_integral_value():
        raise ProposalInvalid(Words(f"volume dalam {unit} harus bilangan bulat",
                                    f"a quantity in {unit} must be a whole number"))
    return number


def money(amount: int) -> Words:
    """Whole rupiah as people read it: "Rp 12.000.000" / "IDR 12,000,000"."""
    grouped = f"{int(amount):,}"
    return Words("Rp " + grouped.replace(",", "."), "IDR " + grouped)


def quantity_words(quantity: Any) -> str:
    """A quantity as Indonesian documents write it: "2.000", "2,5", "0,25" (dot groups
    thousands, comma before decimals, no trailing zeros)."""
    said = f"{Decimal(str(quantity)).normalize():,f}"
    whole, _, part = said.partition(".")
    return whole.replace(",", ".") + ("," + part if part else "")


def phase_span(phases: Mapping[str, Any], code: str) -> Words:
    """A phase's dates in words in each language ("Senin, 3 Agustus 2026 s.d. …")."""
    return _span(phases, code)


def amount_of(quantity: Decimal, unit_price: int) -> int:
    """A proposal's amount in whole rupiah: quantity × unit price, half a rupiah rounded
    up (ROUND_HALF_UP, as the budget's own rounding to whole rupiah)."""
    return int((Decimal(quantity) * unit_price).quantize(Decimal(1), rounding=ROUND_HALF_UP))


def _day(value: Any, where: str) -> date:
    try:
        return date.fromisoformat(str(value))
    except ValueError:
        raise CycleInvalid(Words(f"tanggal {where} bukan YYYY-MM-DD",
                                 f"the date of {where} is not YYYY-MM-DD")) from None


def parse_phases(phases: Mapping[str, Any]) -> dict[str, dict[str, str]]:
    """The phases as stored (`{code: {starts, ends}}`, ISO dates), checked: every phase
    present, each ending on or after it starts, each starting after the one before ends.
    Raises CycleInvalid (422) naming the first fault."""
    out: dict[str, dict[str, str]] = {}
    last: date | None = None
    for code in PHASES:
        body = phases.get(code)
        if not isinstance(body, Mapping):
            raise CycleInvalid(Words(f"tahap {PHASE_WORDS[code].id} belum diisi",
                                     f"the {PHASE_WORDS[code].en} phase is missing"))
        starts, ends = _day(body.get("starts"), code), _day(body.get("ends"), code)
        if ends < starts or (last is not None and starts <= last):
            raise CycleInvalid(Words(f"tahap {PHASE_WORDS[code].id} tidak berurutan",
                                     f"the {PHASE_WORDS[code].en} phase is out of order"))
        out[code], last = {"starts": starts.isoformat(), "ends": ends.isoformat()}, ends
    return out


def open_phase(phases: Mapping[str, Any], today: date) -> str | None:
    """The phase running on `today`, or None (before, between or after the phases)."""
    for code in PHASES:
        body = phases.get(code) or {}
        if body and date.fromisoformat(body["starts"]) <= today <= date.fromisoformat(body["ends"]):
            return code
    return None


def _span(phases: Mapping[str, Any], code: str) -> Words:
    body = phases[code]
    starts, ends = date.fromisoformat(body["starts"]), date.fromisoformat(body["ends"])
    return Words(f"{long_date(starts, 'id')} s.d. {long_date(ends, 'id')}",
                 f"{long_date(starts, 'en')} to {long_date(ends, 'en')}")


def require_phase(phases: Mapping[str, Any], allowed: Sequence[str], today: date) -> None:
    """Raise PhaseClosed (409) unless one of the `allowed` phases runs on `today`; it
    names the first allowed phase with its dates and the phase open now."""
    now = open_phase(phases, today)
    if now in allowed:
        return
    needed = allowed[0]
    said = (Words(f"tahap {PHASE_WORDS[now].id}", f"the {PHASE_WORDS[now].en} phase")
            if now else Words("tidak ada tahap yang berjalan", "no phase is open"))
    raise PhaseClosed(PHASE_WORDS[needed], _span(phases, needed), said)


@dataclass(frozen=True)
class Candidate:
    """An accepted proposal to rank: its id, RW, the RW's priority (1 first), amount."""

    id: int
    rw: int
    priority: int
    amount: int


@dataclass(frozen=True)
class Placed:
    """A ranked proposal: its rank (1 first), whether it fits the ceiling, and when it
    does not, why (`fell_out` Words, else None)."""

    id: int
    rank: int
    within: bool
    fell_out: Words | None


def rank(candidates: Sequence[Candidate], ceiling: int) -> list[Placed]:
    """Rank a kelurahan's accepted proposals within its `ceiling` (rupiah). Rule: each
    RW's proposals in its own priority order (then smaller amount, then older first);
    rounds across the RWs take each RW's next one in turn (a round ordered by priority,
    amount, id), so no RW takes the money before every RW's first choice is counted (as
    CONSUL's participatory budgets take winners while money remains). A proposal over the
    money left falls out with the remainder and its amount in words; the next smaller
    ones may still fit."""
    queues: dict[int, list[Candidate]] = {}
    for item in sorted(candidates, key=lambda c: (c.priority, c.amount, c.id)):
        queues.setdefault(item.rw, []).append(item)
    placed: list[Placed] = []
    left = ceiling
    while any(queues.values()):
        turn = sorted((q.pop(0) for q in queues.values() if q),
                      key=lambda c: (c.priority, c.amount, c.id))
        for item in turn:
            fits = item.amount <= left
            why = None if fits else Words(
                f"pagu kelurahan tersisa {money(left).id}, usulan {money(item.amount).id}",
                f"the kelurahan ceiling has {money(left).en} left, the proposal is "
                f"{money(item.amount).en}")
            left -= item.amount if fits else 0
            placed.append(Placed(item.id, len(placed) + 1, fits, why))
    return placed
