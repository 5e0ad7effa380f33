"""The retention schedule of the letters (JRA, UU 43/2009 on archives, with the years of
each classification code, Permendagri 83/2022): in a given year, the letters whose
active period ends (to be transferred to the records centre, `transfer`) and those whose
inactive period ends (their final disposition: `musnah` destroy, `permanen` keep in the
archive, `dinilai` re-appraise; `final`), counted in whole years.

The periods count, as JRA practice does, from when the record is complete and closed,
never from the date the sender wrote on it: an incoming letter from its filing
(`filed_at`: the disposition work is over), an outgoing letter from its sending
(`sent_at`; a signed letter not sent yet from its signature, `signed_at`). A record not
closed yet (an incoming letter still being worked on, a draft or an unsigned outgoing
letter) is not a record of the schedule: it is not listed."""

from __future__ import annotations

import csv
import io
from datetime import date
from typing import Any

from sqlalchemy import select

from queue_server.services.auth import ADMIN, Principal
from queue_server.services.cases import public_ref
from queue_server.services.port_cases import CaseWork

from .access import may_read
from .incoming_errors import RetentionForbidden
from .models import SuratClassification, SuratLetter

COLUMNS = ("list", "ref", "direction", "office", "classification", "counted_from",
           "subject", "active_until", "inactive_until", "disposition")


def counted_from(letter: SuratLetter) -> date | None:
    """The day the letter's retention periods count from (see the module's rule): filed
    (incoming), sent or else signed (outgoing); None while it is not a closed record."""
    if letter.direction == "incoming":
        moment = letter.filed_at
    else:
        moment = letter.sent_at or letter.signed_at
    return moment.date() if moment is not None else None


def _offices(uow: CaseWork, principal: Principal) -> list[int] | None:
    """The offices whose letters `principal` sees here (None: all, the admin).
    Raises RetentionForbidden (403) for anyone else than a clerk, a head or the admin."""
    if principal.kind == "staff" and principal.role == ADMIN:
        return None
    held = uow.offices.roles_of(principal.id) if principal.kind == "staff" else {}
    mine = [office_id for office_id, roles in held.items() if roles & {"clerk", "head"}]
    if not mine:
        raise RetentionForbidden()
    return mine


def _plus_years(day: date, years: int) -> date:
    try:
        return day.replace(year=day.year + years)
    except ValueError:  # 29 February
        return day.replace(year=day.year + years, day=28)


def _row(uow: CaseWork, principal: Principal, letter: SuratLetter, start: date,
         rule: SuratClassification, codes: dict[int, str]) -> dict[str, Any]:
    active = _plus_years(start, rule.active_years)
    case = uow.cases.by_id(letter.case_id)
    return {"ref": public_ref(case) if case else "", "direction": letter.direction,
            "office": codes.get(letter.office_id, ""),
            "classification": letter.classification, "counted_from": start.isoformat(),
            "letter_date": letter.letter_date.isoformat() if letter.letter_date else None,
            # the subject only for those who may read the letter (access.may_read)
            "subject": letter.subject if may_read(uow, principal, letter) else None,
            "active_until": active.isoformat(),
            "inactive_until": _plus_years(active, rule.inactive_years).isoformat(),
            "disposition": rule.disposition}


def schedule(uow: CaseWork, principal: Principal, year: int) -> dict[str, Any]:
    """The year's retention lists of the letters of the caller's offices (as clerk or
    head; the admin: every office): `transfer` (active period ends in `year`) and
    `final` (inactive period ends in `year`, with the disposition), each row with
    `counted_from` (the module's rule: filed, sent or signed; records not closed are left
    out). A letter the caller may not read is listed without its subject. Raises
    RetentionForbidden (403)."""
    offices = _offices(uow, principal)
    session = uow.session  # type: ignore[attr-defined]
    rules = {row.code: row for row in session.scalars(select(SuratClassification))}
    codes = {office.id: office.code for office in uow.offices.all()}
    query = select(SuratLetter).order_by(SuratLetter.id)
    if offices is not None:
        query = query.where(SuratLetter.office_id.in_(offices))
    transfer, final = [], []
    for letter in session.scalars(query):
        rule, start = rules.get(letter.classification), counted_from(letter)
        if rule is None or start is None:
            continue
        row = _row(uow, principal, letter, start, rule, codes)
        if row["active_until"][:4] == str(year):
            transfer.append(row)
        if row["inactive_until"][:4] == str(year):
            final.append(row)
    return {"year": year, "transfer": transfer, "final": final}


def schedule_csv(result: dict[str, Any]) -> str:
    """The schedule as CSV: one line per letter and list (`transfer` / `final`)."""
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(COLUMNS)
    for which in ("transfer", "final"):
        for row in result[which]:
            writer.writerow([which, *(row[name] or "" for name in COLUMNS[1:])])
    return out.getvalue()
