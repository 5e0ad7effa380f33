"""The rows behind Open311's reads: the categories as services, and the complaints a
GeoReport client may see (public ones only, domain.is_public: verified, confirmed, never
confidential), by id (the public reference's number), service, requested time and
open/closed, newest first, with their offices, the staff's last public comments and the
media_url their filing application gave."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session

from queue_server.persistence.case_models import Case, CaseEvent, Office

from . import MODULE, WORKFLOW
from .domain import NON_PUBLIC_STATES, offered
from .models import WadulCategory, WadulReport
from .public import STAFF_ROLES

MEDIA_URL = "media_url"  # the timeline line keeping a client's media_url (open311_filing)

# GeoReport v2: "Default query limit is a span of 90 days or first 1000 requests
# returned, whichever is smallest."
LIMIT = 1000
DEFAULT_SPAN = timedelta(days=90)
CLOSED_STATES = tuple(name for name, state in WORKFLOW.states.items() if state.kind == "closed")
OPEN_STATES = tuple(name for name in WORKFLOW.states if name not in CLOSED_STATES)


@dataclass(frozen=True)
class RequestQuery:
    """Which requests GET requests.json asks for: case ids (`ids`, from the public
    references `WADUL-123`), a service code, requested between `start` and `end` (aware
    datetimes, both included), `statuses` (open, closed). No ids and no dates: the last
    DEFAULT_SPAN."""

    ids: tuple[int, ...] | None = None
    service_code: str | None = None
    start: datetime | None = None
    end: datetime | None = None
    statuses: tuple[str, ...] | None = None


@dataclass(frozen=True)
class Found:
    """One visible complaint: its case, report, category, the office holding it (or
    None), the staff's last public comment ("" for none) and the media_url its filing
    application gave (or None)."""

    case: Case
    report: WadulReport
    category: WadulCategory
    office: Office | None
    notes: str
    media_url: str | None = None


def services(session: Session) -> list[tuple[WadulCategory, Office | None]]:
    """The categories taking complaints (domain.offered: active, their office too) in
    their order, each with its office."""
    rows = session.execute(
        select(WadulCategory, Office).outerjoin(Office, Office.id == WadulCategory.office_id)
        .where(WadulCategory.active.is_(True))
        .order_by(WadulCategory.position, WadulCategory.name)).all()
    return [(category, office) for category, office in rows
            if offered(category.active, office is not None and bool(office.active))]


def service(session: Session, code: str) -> tuple[WadulCategory, Office | None] | None:
    """The category of `code` with its office when it takes complaints
    (domain.offered), or None."""
    row = session.execute(
        select(WadulCategory, Office).outerjoin(Office, Office.id == WadulCategory.office_id)
        .where(WadulCategory.code == code, WadulCategory.active.is_(True))).first()
    if row is None or not offered(row[0].active, row[1] is not None and bool(row[1].active)):
        return None
    return (row[0], row[1])


def requests(session: Session, query: RequestQuery, now: datetime) -> list[Found]:
    """The complaints `query` picks that a GeoReport client may see, newest first, at
    most LIMIT."""
    q = (select(Case, WadulReport, WadulCategory, Office)
         .join(WadulReport, WadulReport.case_id == Case.id)
         .join(WadulCategory, WadulCategory.id == WadulReport.category_id)
         .outerjoin(Office, Office.id == Case.office_id)
         .where(Case.module == MODULE, Case.confirmed.is_(True),  # domain.is_public
                WadulReport.confidential.is_(False),
                Case.state.not_in(sorted(NON_PUBLIC_STATES))))
    if query.ids is not None:
        q = q.where(Case.id.in_(query.ids))
    if query.service_code is not None:
        q = q.where(WadulCategory.code == query.service_code)
    if query.ids is None and query.start is None and query.end is None:
        q = q.where(Case.opened_at >= now - DEFAULT_SPAN)
    if query.start is not None:
        q = q.where(Case.opened_at >= query.start)
    if query.end is not None:
        q = q.where(Case.opened_at <= query.end)
    if query.statuses is not None:
        states = [s for status in set(query.statuses)
                  for s in (CLOSED_STATES if status == "closed" else OPEN_STATES)]
        q = q.where(Case.state.in_(states))
    rows = session.execute(q.order_by(Case.opened_at.desc(), Case.id.desc()).limit(LIMIT)).all()
    ids = [row[0].id for row in rows]
    notes, media = last_public_comments(session, ids), given_media(session, ids)
    return [Found(case, report, category, office, notes.get(case.id, ""), media.get(case.id))
            for case, report, category, office in rows]


def last_public_comments(session: Session, case_ids: Sequence[int]) -> dict[int, str]:
    """Each case's latest public timeline comment by staff or the system (GeoReport's
    `status_notes`): never a citizen's own words (a reopen's reason)."""
    found: dict[int, str] = {}
    for start in range(0, len(case_ids), 500):  # bounded IN lists
        chunk = list(case_ids[start:start + 500])
        rows = session.execute(
            select(CaseEvent.case_id, CaseEvent.comment)
            .where(CaseEvent.case_id.in_(chunk), CaseEvent.public.is_(True),
                   CaseEvent.comment != "", CaseEvent.role.in_(sorted(STAFF_ROLES)))
            .order_by(CaseEvent.id)).all()
        found.update({case_id: comment for case_id, comment in rows})
    return found


def given_media(session: Session, case_ids: Sequence[int]) -> dict[int, str]:
    """The media_url each case's filing application gave (open311_filing.MEDIA_URL
    timeline lines; the latest when there are several)."""
    found: dict[int, str] = {}
    for start in range(0, len(case_ids), 500):
        chunk = list(case_ids[start:start + 500])
        rows = session.execute(
            select(CaseEvent.case_id, CaseEvent.data)
            .where(CaseEvent.case_id.in_(chunk), CaseEvent.action == MEDIA_URL)
            .order_by(CaseEvent.id)).all()
        found.update({case_id: str(data["media_url"]) for case_id, data in rows
                      if isinstance(data, dict) and data.get("media_url")})
    return found
