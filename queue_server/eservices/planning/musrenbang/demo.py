"""e-Musrenbang's demo (hook "demo"): this budget year's cycle, already through its
phases in the previous year (the chain after it is under way), the catalogue and areas
from data/, ceilings, twelve proposals of Kelurahan Kedungdoro's three RWs taken through the
real use cases at the dates of their phases (accepted, rejected with a reason, and those
left returned or waiting closed as lapsed at the phase's end, naming who did not act, as
the case sweep does), ranked (one falls out of the kelurahan's ceiling), and the
kecamatan forum's minutes issued; every step's deadline is its phase's end. Loaded
once: nothing is done when the cycle exists."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from decimal import Decimal
from typing import Any
from zoneinfo import ZoneInfo

from sqlalchemy import select

from queue_server.persistence.document_store import document_store
from queue_server.services.auth import Principal
from queue_server.signing import signer_of

from . import catalogue, cycles, decisions, minutes, proposals, ranking
from .lapse import lapse_cycle
from .models import MusrenbangCycle

AREAS = catalogue.DEMO_CSV.parent / "areas.csv"
CEILINGS = {"kel-kedungdoro-rw01": 600_000_000, "kel-kedungdoro-rw02": 320_000_000,
            "kel-kedungdoro-rw03": 400_000_000, "kel-kedungdoro": 900_000_000}
# (RW, item, quantity, location, priority, steps: (action, reason, adjusted price)…)
Step = tuple[str, str, int | None]
ACCEPT: list[Step] = [("verify", "", None), ("forum", "", None), ("accept", "", None)]
PROPOSALS: list[tuple[str, str, str, str, int, list[Step]]] = [
    ("rw01", "JL-PAV", "2000", "Jl. Kedungdoro Gg. I s.d. Gg. V", 1, ACCEPT),
    ("rw01", "PJU", "6", "Jl. Kedungdoro Gg. III", 2, ACCEPT),
    ("rw01", "SAL-TUTUP", "100", "Jl. Kedungdoro Gg. II", 3,
     [("reject", "Sudah dibangun dengan APBD tahun lalu.", None)]),
    ("rw02", "SAL-TEPI", "120", "Jl. Kedung Anyar Gg. Buntu", 1, ACCEPT),
    ("rw02", "TPS", "1", "Lahan fasum RW 02", 2, ACCEPT),
    ("rw02", "POSYANDU", "1", "Balai RW 02", 3, [
        *ACCEPT[:2], ("reject", "Sudah dianggarkan Dinas Kesehatan tahun ini.", None)]),
    ("rw02", "GORONG", "40", "Gang belakang pasar", 4,
     [("return", "Lokasi kurang jelas: sebutkan nama gang dan nomor rumah terdekat.", None)]),
    ("rw03", "JL-ASP", "800", "Jl. Kedungdoro Tengah", 1,
     [*ACCEPT[:2], ("accept", "Harga aspal hasil survei pasar lebih rendah.", 180_000)]),
    ("rw03", "BALAI-RW", "120", "Balai RW 03", 2, ACCEPT),
    ("rw03", "BIOPORI", "100", "Sepanjang Jl. Kedungdoro Tengah", 3, [*ACCEPT[:2]]),
    ("rw01", "TAMAN", "50", "Lahan fasum RW 01", 4, []),
    ("rw03", "LANSIA", "1", "Balai RW 03", 4, [*ACCEPT[:1]]),
]


@dataclass
class DemoClock:
    """A clock the loader sets to each phase's days (services.ports.Clock)."""

    at: datetime = field(default_factory=lambda: datetime.now(ZoneInfo("UTC")))

    def now(self) -> datetime:
        return self.at


def phases_for(today: date) -> dict[str, dict[str, str]]:
    """The demo cycle's phases: in the year before `today`'s, ending mid-December."""
    end = date(today.year - 1, 12, 15)
    spans = [("submission", 150, 131), ("kelurahan", 130, 111), ("kecamatan", 110, 91),
             ("office", 90, 61), ("results", 60, 0)]
    return {code: {"starts": (end - timedelta(a)).isoformat(),
                   "ends": (end - timedelta(b)).isoformat()} for code, a, b in spans}


def load_demo(app: Any) -> None:
    """Load the demo cycle of this budget year unless it exists (see the module's text)."""
    rt = app.extensions["antrian"]
    zone = ZoneInfo(str(app.config.get("CITY_TIMEZONE", "Asia/Jakarta")))
    today = rt.clock.now().astimezone(zone).date()
    with rt.uow() as uow:
        if uow.session.scalar(select(MusrenbangCycle.id).where(
                MusrenbangCycle.year == today.year)) is not None:
            return
        users = {name: uow.staff.user_by_username(name) for name in ("admin", "rw01", "rw02")}
    if any(u is None for u in users.values()):
        return  # not the demo's configuration
    who = {name: Principal("staff", u.id, name, u.role, None) for name, u in users.items()}
    phases = phases_for(today)
    clock = DemoClock(datetime.combine(date.fromisoformat(phases["submission"]["starts"]),
                                       time(9), zone))
    _setup(rt, clock, who["admin"], today.year, phases)
    refs = _propose(rt, clock, who, today.year)
    _decide(rt, clock, who["admin"], refs, phases, zone)
    on_day = date.fromisoformat(phases["kecamatan"]["ends"])
    clock.at = datetime.combine(on_day, time(13), zone)
    minutes.record(rt.uow(), clock, _kecamatan(rt), today.year, {
        "held_on": on_day, "attendees": ["Camat Tegalsari", "Lurah Kedungdoro",
                                         "Ketua RW 01", "Ketua RW 02", "Ketua RW 03",
                                         "Bappedalitbang"]},
        signer_of(app), document_store(app.instance_path),
        str(app.config.get("PUBLIC_URL") or "http://localhost:5000"))
    clock.at = datetime.combine(date.fromisoformat(phases["results"]["starts"]), time(9), zone)
    ranking.rank_cycle(rt.uow(), clock, who["admin"], today.year)
    with rt.uow() as uow:  # what nobody acted on in its phase lapsed, as the sweep does
        lapse_cycle(uow, clock, uow.session.scalar(select(MusrenbangCycle).where(
            MusrenbangCycle.year == today.year)), clock.at.date(), str(zone))
        uow.commit()


def _setup(rt: Any, clock: DemoClock, admin: Principal, year: int,
           phases: dict[str, dict[str, str]]) -> None:
    import csv

    cycles.create(rt.uow(), clock, admin, year, phases, 250_000_000)
    with AREAS.open(encoding="utf-8") as handle:
        cycles.set_areas(rt.uow(), admin, list(csv.DictReader(handle)))
    cycles.set_ceilings(rt.uow(), admin, year, [{"office": k, "amount": v}
                                                for k, v in CEILINGS.items()])
    catalogue.import_csv(rt.uow(), admin, year, catalogue.DEMO_CSV.read_text("utf-8"),
                         check=False)  # loaded as the cycle opens, before any proposal


def _propose(rt: Any, clock: DemoClock, who: dict[str, Principal], year: int) -> list[str]:
    refs = []
    for number, (rw, item, quantity, location, priority, _steps) in enumerate(PROPOSALS):
        clock.at += timedelta(hours=5 + number)
        principal = who.get(rw) or who["admin"]
        made = proposals.submit(rt.uow(), clock, principal, year, proposals.Proposal(
            item=item, quantity=Decimal(quantity), location=location, priority=priority,
            justification="Hasil musyawarah warga RW.",
            rw=None if rw in who else f"kel-kedungdoro-{rw}"))
        refs.append(made.ref)
    return refs


def _decide(rt: Any, clock: DemoClock, admin: Principal, refs: list[str],
            phases: dict[str, dict[str, str]], zone: ZoneInfo) -> None:
    phase_of = {"verify": "kelurahan", "forum": "kecamatan", "accept": "office"}
    for step in range(3):
        for ref, entry in zip(refs, PROPOSALS, strict=True):
            if step >= len(entry[5]):
                continue
            action, reason, price = entry[5][step]
            phase = phase_of.get(action) or ("kelurahan", "kecamatan", "office")[step]
            day = date.fromisoformat(phases[phase]["starts"]) + timedelta(days=2)
            clock.at = datetime.combine(day, time(10), zone)
            decisions.decide(rt.uow(), clock, admin, ref, action, reason, price)


def _kecamatan(rt: Any) -> Principal:
    with rt.uow(write=False) as uow:
        user = uow.staff.user_by_username("kecamatan")
        assert user is not None, "the demo's configuration has the kecamatan's user"
        return Principal("staff", user.id, "kecamatan", user.role, None)

