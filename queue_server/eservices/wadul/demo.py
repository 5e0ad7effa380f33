"""e-Wadul's demo data (the "demo" hook `serve --demo` runs after config/demo.yaml): the
twenty categories, and, when there are no complaints yet, a city's usual three months of
them (demo_data.REPORTS): filed with the clock set back, each step a few working days
after the one before, so the dashboard, the desk and the inboxes look lived in; then one
sweep round, which closes answers left unrated for 10 working days and escalates a case
past its deadline. Idempotent: nothing is filed when any complaint exists."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime, time
from typing import Any
from zoneinfo import ZoneInfo

from queue_server.domain.survey import ELEMENTS
from queue_server.eservices import hooks
from queue_server.services import surveys
from queue_server.services.case_sweep import sweep
from queue_server.services.cases import CITIZEN, Actor
from queue_server.services.closures import calendar as city_calendar

from . import MODULE
from .actions import ActionIn, _apply
from .categories import load_categories
from .demo_data import ANSWERS, MERGED, REJECTED, REPORTS, RETURNED, Entry
from .filing import FileConfig, ReportIn, _open, file_config
from .store import WadulStore

DESK = Actor("staff:mediacenter", frozenset({"desk"}))
GAPS = (1, 2, 1, 3, 2, 1, 2)  # working days between two steps, taken in turn
OFFICE_STAFF = {"dsdabm": "opd"}  # the demo users of config/demo.yaml; others by code


@dataclass
class DemoClock:
    """A clock the loader sets back and moves forward (services.ports.Clock)."""

    at: datetime = field(default_factory=lambda: datetime.now(ZoneInfo("UTC")))

    def now(self) -> datetime:
        return self.at


def load_demo(app: Any) -> None:
    """Load the categories (always: idempotent) and, when e-Wadul has no complaint yet,
    the demo complaints, then one sweep round. Needs config/demo.yaml's offices."""
    rt = app.extensions["antrian"]
    load_categories(rt.uow())
    cfg = file_config(app)
    with rt.uow() as uow:
        if WadulStore(uow).count_reports():
            return
        cal = city_calendar(uow)
        desk_user = uow.staff.user_by_username("mediacenter")
    zone = ZoneInfo(cfg.timezone)
    today = rt.clock.now().astimezone(zone).date()
    codes: list[str] = []
    for number, entry in enumerate(REPORTS):
        day = cal.add_working_days(today, -entry[0])
        clock = DemoClock(datetime.combine(day, time(8 + number % 6, 7 * number % 60), zone))
        codes.append(_one(rt, cfg, clock, entry, number, codes, cal,
                          desk_user.id if desk_user else None))
    sweep(rt.uow, rt.clock, hooks(app, "case_kinds"), cfg.timezone)


def _one(rt: Any, cfg: FileConfig, clock: DemoClock, entry: Entry, number: int,
         codes: list[str], cal: Any, desk_user: int | None) -> str:
    """File one entry at `clock`, then take its plan's steps; its tracking code."""
    _ago, category, kelurahan, text, flags, plan = entry
    channel = str(flags.get("channel", "web"))
    desk_entry = channel not in ("web", "api")
    report = ReportIn(category, text, kelurahan, channel=channel,
                      anonymous=bool(flags.get("anonymous")),
                      confidential=bool(flags.get("confidential")))
    identity = (f"3578{number % 10}1{(number % 28) + 1:02d}0{number % 9 + 1}90{number:04d}",
                f"+62812300{number:05d}", None if desk_entry else "Warga Demo")
    with rt.uow() as uow:
        case = _open(uow, clock, cfg, report, True, lambda: identity,
                     DESK if desk_entry else CITIZEN, desk_user if desk_entry else None)
        code = str(case.code)
        uow.commit()
    for turn, token in enumerate(plan.split()):
        clock.at = _later(cal, clock.at, GAPS[(number + turn) % len(GAPS)], turn)
        if clock.at > rt.clock.now():
            break
        _step(rt, cfg, clock, code, token, category, codes)
    return code


def _later(cal: Any, moment: datetime, gap: int, turn: int) -> datetime:
    """`gap` working days after `moment`, at a working hour that moves with `turn`."""
    day: date = cal.add_working_days(moment.date(), gap)
    return datetime.combine(day, time(8 + (turn * 3) % 8, (turn * 13) % 60), moment.tzinfo)


def _step(rt: Any, cfg: FileConfig, clock: DemoClock, code: str, token: str,
          category: str, codes: list[str]) -> None:
    """One planned step (demo_data's plan words) on the complaint `code`."""
    name, _, arg = token.replace("=", ":").partition(":")
    if name == "survey":
        answers = (int(arg),) * len(ELEMENTS)
        surveys.send(rt.uow(), clock, surveys.Answer("case", code, answers))
        return
    asked = ActionIn(name, opd=(arg or None) if name == "forward" else None)
    if name == "answer":
        asked.comment = ANSWERS.get(category, "Sudah ditindaklanjuti.")
    elif name == "return":
        asked.comment = RETURNED
    elif name == "reject":
        asked.comment = REJECTED
    elif name == "merge":
        asked.comment, asked.duplicate_of = MERGED, codes[int(arg)]
    elif name == "rate":
        asked.rating = int(arg)
    with rt.uow() as uow:
        case = uow.cases.by_code(code, MODULE)
        _apply(uow, clock, cfg.timezone, case, asked, _actor(uow, name, case.office_id))
        uow.commit()


def _actor(uow: Any, action: str, office_id: int | None) -> Actor:
    """Who takes `action` in the demo: the reporter, the Media Center, or the office
    holding the complaint (its demo user, else a name made of its code)."""
    if action in ("rate", "close", "reopen"):
        return CITIZEN
    if action not in ("accept", "answer", "return"):
        return DESK
    office = uow.offices.by_id(office_id) if office_id is not None else None
    code = office.code if office else "opd"
    return Actor(f"staff:{OFFICE_STAFF.get(code, code)}", frozenset({"office"}))


__all__ = ["MODULE", "load_demo"]
