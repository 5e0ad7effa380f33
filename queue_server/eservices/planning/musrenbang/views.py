"""What e-Musrenbang shows: a proposal (public: no personal data, the RW chair is an
official and not named), the cycle's proposals per kelurahan, and a staff member's work
list (proposals at their office's step)."""

from __future__ import annotations

from typing import Any

from sqlalchemy import select

from queue_server.domain.errors import Words
from queue_server.persistence.case_models import Case
from queue_server.services.auth import ADMIN, Principal
from queue_server.services.cases import timeline

from .flow import STEP_OFFICE, WORKFLOW, city_tz, is_agency
from .models import MusrenbangCycle, MusrenbangItem, MusrenbangProposal
from .ranking import fell_out_words


def _names(uow: Any, *ids: int) -> list[str]:
    out = []
    for office_id in ids:
        office = uow.offices.by_id(office_id)
        out.append(office.name if office else "")
    return out


def describe(uow: Any, row: MusrenbangProposal, case: Case, item: MusrenbangItem,
             lang: str = "id") -> dict[str, Any]:
    """A proposal as the API and the public pages show it: ref, item, quantity, unit,
    prices and amount (rupiah), location, coordinates, justification, priority, RW,
    kelurahan, kecamatan and office names, state with its label, rank, within_ceiling,
    fell_out (why, in `lang`), the last reason given (returned or rejected)."""
    rw, kel, kec, office = _names(uow, row.rw_office_id, row.kelurahan_office_id,
                                  row.kecamatan_office_id, row.office_id)
    state = WORKFLOW.state(case.state)
    reason = next((e.comment for e in reversed(uow.cases.events(case.id, True))
                   if e.action in ("return", "reject", "lapse") and e.comment), "")
    return {"ref": row.ref, "item": item.code, "item_name": item.name, "unit": item.unit,
            "quantity": float(row.quantity), "unit_price": row.unit_price,
            "adjusted_price": row.adjusted_price, "amount": row.amount,
            "location": row.location, "lat": row.lat, "lon": row.lon,
            "justification": row.justification, "priority": row.priority,
            "rw": rw, "kelurahan": kel, "kecamatan": kec, "office": office,
            "state": case.state, "state_label": state.label_en if lang == "en" else state.label_id,
            "due": case.state_due.isoformat() if case.state_due else None,
            "rank": row.rank, "within_ceiling": row.within_ceiling,
            "fell_out": fell_out_words(row.fell_out_figures, row.fell_out, lang),
            "reason": reason if case.state in ("returned", "rejected", "lapsed") else ""}


def rows(uow: Any, where: Any, lang: str = "id") -> list[dict[str, Any]]:
    """Proposals matching `where` (a SQL condition), by kelurahan, rank, ref."""
    found = uow.session.execute(
        select(MusrenbangProposal, Case, MusrenbangItem)
        .join(Case, Case.id == MusrenbangProposal.case_id)
        .join(MusrenbangItem, MusrenbangItem.id == MusrenbangProposal.item_id)
        .where(where).order_by(MusrenbangProposal.kelurahan_office_id,
                               MusrenbangProposal.rank.is_(None), MusrenbangProposal.rank,
                               MusrenbangProposal.ref))
    return [describe(uow, p, c, i, lang) for p, c, i in found]


def by_kelurahan(uow: Any, cycle_row: MusrenbangCycle, lang: str = "id"
                 ) -> list[dict[str, Any]]:
    """The cycle's proposals grouped per kelurahan: `[{kelurahan, proposals}]`."""
    groups: dict[str, list[dict[str, Any]]] = {}
    for item in rows(uow, MusrenbangProposal.cycle_id == cycle_row.id, lang):
        groups.setdefault(item["kelurahan"], []).append(item)
    return [{"kelurahan": name, "proposals": listed} for name, listed in groups.items()]


def public_timeline(uow: Any, row: MusrenbangProposal) -> list[dict[str, Any]]:
    """The proposal's public timeline lines (no staff names)."""
    return timeline(uow, WORKFLOW, uow.cases.by_id(row.case_id), city_tz(), public_only=True)


# The act of filing (not a transition of the workflow): the RW chair proposes.
FILED = Words("Diajukan", "Submitted")


def public_history(uow: Any, row: MusrenbangProposal, lang: str = "id") -> list[dict[str, Any]]:
    """The public timeline as people read it: each line's act (the transition's label,
    or FILED) in `lang`, the name of the office that acted (the RW for filing and
    resubmitting, else the office whose step the proposal was at), `at`, `comment`."""
    out = []
    for line in public_timeline(uow, row):
        move = WORKFLOW.transitions.get(line["action"])
        words = move.words if move is not None else FILED
        acting: int | None = None
        if line["action"] in ("file", "resubmit"):
            acting = row.rw_office_id
        else:
            column = STEP_OFFICE.get(line["from"] or "")
            acting = getattr(row, column) if column else None
        office = uow.offices.by_id(acting) if acting is not None else None
        out.append({"at": line["at"], "comment": line["comment"],
                    "label": words.en if lang == "en" else words.id,
                    "office": office.name if office else ""})
    return out


# The describe() key naming the office of each STEP_OFFICE column.
STEP_NAME = {"kelurahan_office_id": "kelurahan", "kecamatan_office_id": "kecamatan",
             "office_id": "office"}


def work_list(uow: Any, who: Principal, cycle_row: MusrenbangCycle, lang: str = "id"
              ) -> list[dict[str, Any]]:
    """Proposals at a step of one of `who`'s offices (the agency and the admin: every
    open one), each with `can_act` (the step is one of `who`'s offices', or `who` is the
    admin: the planning agency reads the others) and `step_office` (the name of the
    office whose step it is)."""
    held = set(uow.offices.roles_of(who.id)) if who.kind == "staff" else set()
    every = is_agency(uow, who)
    out = []
    for item in rows(uow, MusrenbangProposal.cycle_id == cycle_row.id, lang):
        column = STEP_OFFICE.get(item["state"])
        if column is None:
            continue
        row = uow.session.scalar(select(MusrenbangProposal).where(
            MusrenbangProposal.ref == item["ref"]))
        mine = getattr(row, column) in held
        if every or mine:
            out.append({**item, "can_act": mine or who.role == ADMIN,
                        "step_office": item[STEP_NAME[column]]})
    return out


def rw_list(uow: Any, rw_office_id: int, cycle_row: MusrenbangCycle, lang: str = "id"
            ) -> list[dict[str, Any]]:
    """An RW's proposals of the cycle."""
    return rows(uow, (MusrenbangProposal.cycle_id == cycle_row.id)
                & (MusrenbangProposal.rw_office_id == rw_office_id), lang)


def case_view(uow: Any, case: Any) -> dict[str, Any] | None:
    """The proposal as `/c/{code}` shows it to the holder of its tracking code."""
    row = uow.session.scalar(select(MusrenbangProposal).where(
        MusrenbangProposal.case_id == case.id))
    if row is None:
        return None
    item = uow.session.get(MusrenbangItem, row.item_id)
    return {"title": f"{row.ref}: {item.name if item else ''}", "summary": row.location,
            "fields": [("Nomor usulan", row.ref), ("Lokasi", row.location)], "photos": []}
