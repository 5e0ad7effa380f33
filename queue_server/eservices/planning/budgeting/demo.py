"""e-Budgeting's demo data (the "demo" hook, after e-Musrenbang's): the standard costs
(standard_costs_demo.csv), office ceilings, one line per accepted within-ceiling proposal
of Kelurahan Kedungdoro made by its responsible office's staff, and a road programme line
of DSDABM priced above the standard (flagged over_standard, approved with a reason); every
line approved by the agency. Does nothing without e-Musrenbang's demo cycle, and nothing
again once its lines exist."""

from __future__ import annotations

from datetime import date, datetime, time
from decimal import Decimal
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

from sqlalchemy import select

from queue_server.persistence.access_models import User
from queue_server.persistence.case_models import OfficeMember
from queue_server.services.auth import Principal

from ..musrenbang.demo import DemoClock
from ..musrenbang.models import MusrenbangCycle, MusrenbangProposal
from . import ceilings, decisions, lines, standard_costs
from .models import BudgetLine
from .views import ready_proposals

KELURAHAN = "kel-kedungdoro"
ACCOUNT = "1.03.10.2.01.0017.5.1.02.01.01.0024"  # belanja modal jalan (Permendagri 90/2019)
CEILINGS = {"dsdabm": 5_000_000_000, "dlh": 1_000_000_000, "dinkes": 750_000_000}
ROAD: dict[str, Any] = {"title": "Peningkatan Jalan Kedungdoro (hotmix)",
                        "standard_cost": "SSH.1.01", "quantity": Decimal(3000),
                        "unit_price": 195_000}
ROAD_REASON = ("Harga aspal naik sejak survei harga pasar; disetujui sesuai surat "
               "Kepala DSDABM.")


def principal_of(uow: Any, username: str) -> Principal | None:
    """The demo user `username` as a staff principal, None if there is none."""
    user = uow.session.scalar(select(User).where(User.username == username))
    return None if user is None else Principal("staff", user.id, user.username,
                                               user.role, None)


def member_of(uow: Any, office_id: int) -> Principal | None:
    """The first staff member (role staff) of the office, as a principal."""
    username = uow.session.scalar(
        select(User.username).join(OfficeMember, OfficeMember.user_id == User.id)
        .where(OfficeMember.office_id == office_id, OfficeMember.role == "staff")
        .order_by(User.username))
    return principal_of(uow, username) if username else None


def demo_year(uow: Any) -> int | None:
    """The budget year of e-Musrenbang's latest cycle with proposals, None without."""
    return uow.session.scalar(select(MusrenbangCycle.year).join(
        MusrenbangProposal, MusrenbangProposal.cycle_id == MusrenbangCycle.id)
        .order_by(MusrenbangCycle.year.desc()).limit(1))


def load_demo(app: Any) -> None:
    """Load the demo's standard costs, ceilings and lines once (see the module)."""
    rt = app.extensions["antrian"]
    with rt.uow(write=False) as uow:
        year = demo_year(uow)
        agency, done = principal_of(uow, "bappeda"), None
        if year is not None:
            done = uow.session.scalar(select(BudgetLine.id).where(BudgetLine.year == year))
    if year is None or agency is None or done is not None:
        return
    text = (Path(__file__).with_name("standard_costs_demo.csv")).read_text("utf-8")
    standard_costs.load(rt.uow(), agency, year, text)
    for office, amount in CEILINGS.items():
        with rt.uow(write=False) as uow:
            known = uow.offices.by_code(office) is not None
        if known:
            ceilings.set_ceiling(rt.uow(), agency, year, office, amount)
    zone = ZoneInfo(str(app.config.get("CITY_TIMEZONE", "Asia/Jakarta")))
    _lines(rt, agency, year, zone)


def _lines(rt: Any, agency: Principal, year: int, zone: ZoneInfo) -> None:
    """The lines made after the cycle's results (mid-December of the year before the
    budget year) and approved with the budget (APBD) a few days later: their dates are
    the OCDS `budget-approval` milestone's."""
    made = DemoClock(datetime.combine(date(year - 1, 12, 18), time(9), zone))
    approved = DemoClock(datetime.combine(date(year - 1, 12, 22), time(10), zone))
    with rt.uow(write=False) as uow:
        kelurahan = uow.offices.by_code(KELURAHAN)
        offices = {o.id: o.code for o in uow.offices.all()}
        refs = uow.session.execute(select(MusrenbangProposal.ref, MusrenbangProposal.office_id)
                                   .where(MusrenbangProposal.kelurahan_office_id ==
                                          (kelurahan.id if kelurahan else 0))).all()
        makers = {office_id: member_of(uow, office_id) for _, office_id in refs}
        opd = principal_of(uow, "opd")
    for ref, office_id in refs:
        maker = makers[office_id]
        if maker is None or not any(p["ref"] == ref for p in ready_proposals(
                rt.uow(write=False), maker, offices[office_id])):
            continue
        line_id = lines.create(rt.uow(), made, maker, lines.NewLine(
            office=offices[office_id], code=ACCOUNT, proposal=ref))
        decisions.decide(rt.uow(), approved, agency, line_id, True,
                         "Sesuai hasil musrenbang dan pagu kelurahan.")
    if opd is not None:
        road = lines.create(rt.uow(), made, opd, lines.NewLine(
            office="dsdabm", code=ACCOUNT, year=year, **ROAD))
        decisions.decide(rt.uow(), approved, agency, road, True, ROAD_REASON)
