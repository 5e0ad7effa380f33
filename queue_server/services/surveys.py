"""The satisfaction survey (SKM, Permenpan-RB 14/2017) of a finished visit or a closed
case: sending one (once per subject) and the index (IKM) over a range of days, for the
staff who read reports. The answers and the arithmetic are domain.survey's."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from typing import Any, Protocol, cast
from zoneinfo import ZoneInfo

from ..domain import survey
from ..domain.errors import DomainError
from ..domain.lookups import FacilityNotFound, VisitNotFound
from ..domain.office_errors import OfficeNotFound
from ..domain.report_range import check_days
from ..domain.statuses import TicketStatus
from .auth import ADMIN, CITY, FACILITY_ADMIN, Principal
from .cases import city_today, find
from .port_cases import CaseWork
from .ports import Clock, JsonObject

SUBJECTS = ("visit", "case")
QUEUE = "queue"  # the module column of a visit's survey
# A visit is over when none of its tickets can still move: served, missed or cancelled.
OVER = frozenset({TicketStatus.DONE, TicketStatus.NO_SHOW, TicketStatus.CANCELLED})


class SurveyTooEarly(DomainError):
    code = "survey_too_early"
    text_id = ("Survei kepuasan bisa diisi setelah layanan selesai: kunjungan selesai "
               "dilayani atau laporan sudah ditutup.")
    text_en = ("The satisfaction survey opens once the service is over: the visit served "
               "or the case closed.")


class SurveyAlreadyGiven(DomainError):
    code = "survey_already_given"
    text_id = "Survei untuk kode {code} sudah diisi. Terima kasih."
    text_en = "The survey for code {code} was already sent. Thank you."


class SurveysPort(Protocol):
    def exists(self, subject: str, code: str) -> bool: ...
    def add(self, **fields: Any) -> bool: ...
    def answers(self, start: datetime, end: datetime, facility_id: int | None = None,
                office_id: int | None = None,
                module: str | None = None) -> Sequence[list[int]]: ...


class SurveyWork(CaseWork, Protocol):
    """A unit of work with the cases, offices and surveys repositories."""

    def __enter__(self) -> SurveyWork: ...

    @property
    def surveys(self) -> SurveysPort: ...


@dataclass(frozen=True)
class Answer:
    """A survey as sent: its subject ("visit" or "case"), the code (visit or tracking
    code, normalised), the nine answers (domain.survey.parse_answers) and a comment."""

    subject: str
    code: str
    answers: tuple[int, ...]
    comment: str = ""


@dataclass(frozen=True)
class Subject:
    """What a survey is about, once found: its module and where it was served."""

    module: str
    facility_id: int | None
    office_id: int | None
    over: bool


def visit_over(statuses: Sequence[str]) -> bool:
    """True when a visit with tickets of `statuses` is finished: none can still move
    (OVER) and at least one was served (done)."""
    return bool(statuses) and all(s in OVER for s in statuses) and TicketStatus.DONE in statuses


def _subject(uow: SurveyWork, subject: str, code: str) -> Subject:
    """The visit or case of `code`. Raises VisitNotFound or CaseNotFound (404; counted
    as a code miss by the API's edge)."""
    if subject == "visit":
        visit = uow.tickets.visit_by_code(code)
        if visit is None or not visit.tickets:
            raise VisitNotFound()
        return Subject(QUEUE, visit.facility_id, None,
                       visit_over([t.status for t in visit.tickets]))
    case = find(uow, code)
    return Subject(case.module, None, case.office_id, case.closed_at is not None)


def offer(uow: SurveyWork, subject: str, code: str) -> str:
    """Whether a page offers the survey of `code`'s visit or case: "given" (it has one),
    "open" (over, none yet: show the form), "later" (still going: the form waits).
    Raises VisitNotFound / CaseNotFound. Reads only; the caller holds the unit of work."""
    if uow.surveys.exists(subject, code):
        return "given"
    return "open" if _subject(uow, subject, code).over else "later"


def send(uow: SurveyWork, clock: Clock, answer: Answer) -> JsonObject:
    """Record `answer` (committed). Raises VisitNotFound / CaseNotFound (404),
    SurveyTooEarly (409: a visit still going, a case not closed), SurveyAlreadyGiven
    (409: its subject has one, also when two are sent at once)."""
    with uow:
        found = _subject(uow, answer.subject, answer.code)
        if not found.over:
            raise SurveyTooEarly()
        now = clock.now()
        added = uow.surveys.add(subject=answer.subject, code=answer.code,
                                module=found.module, facility_id=found.facility_id,
                                office_id=found.office_id, answers=list(answer.answers),
                                comment=answer.comment.strip()[:survey.COMMENT_MAX],
                                submitted_at=now)
        if not added:
            raise SurveyAlreadyGiven(code=answer.code)
        uow.commit()
    return {"subject": answer.subject, "code": answer.code,
            "submitted_at": now.isoformat(timespec="seconds")}


@dataclass(frozen=True)
class IndexQuery:
    """An index asked for: local days `start`..`end` (inclusive; None: 1 January of this
    year, today), and at most one of a facility code, an office code, a module name."""

    start: date | None = None
    end: date | None = None
    facility: str | None = None
    office: str | None = None
    module: str | None = None


@dataclass(frozen=True)
class Scope:
    facility_id: int | None
    office_id: int | None
    module: str | None


def _scope(uow: SurveyWork, principal: Principal, query: IndexQuery) -> Scope:
    """Who may read what: admin and city any facility, office or module; an office head
    their office's cases; a facility admin their own facility only (ReportsForbidden,
    WrongFacility 403, as the reports; FacilityNotFound, OfficeNotFound 404)."""
    if query.facility is not None:
        facility = uow.directory.facility(query.facility)
        if facility is None:
            principal.require_reports_of(None)
            raise FacilityNotFound(query.facility)
        principal.require_reports_of(facility.id)
        return Scope(facility.id, None, query.module)
    if query.office is None and principal.kind == "staff" and principal.role == FACILITY_ADMIN:
        return Scope(principal.require_reports_of(principal.facility_id).facility_id,
                     None, QUEUE)
    headed = _headed_office(uow, principal, query.office)
    if headed is not None:
        return Scope(None, headed, query.module)
    principal.require_reports_of(None)
    if query.office is None:
        return Scope(None, None, query.module)
    office = uow.offices.by_code(query.office)
    if office is None:
        raise OfficeNotFound(query.office)
    return Scope(None, office.id, query.module)


def _headed_office(uow: SurveyWork, principal: Principal, code: str | None) -> int | None:
    """The office whose cases' index an office head (staff other than admin and city)
    reads: the office `code` when they head it, else (no code) the first they head;
    None when they head none of it (the caller then applies the reports' rule)."""
    if principal.kind != "staff" or principal.role in (ADMIN, CITY):
        return None
    heads = sorted(oid for oid, held in uow.offices.roles_of(principal.id).items()
                   if "head" in held)
    if code is None:
        return heads[0] if heads else None
    office = uow.offices.by_code(code)
    return office.id if office is not None and office.id in heads else None


def _moment(day: date, tz: str) -> datetime:
    return datetime.combine(day, time(), ZoneInfo(tz))


def index(uow: SurveyWork, clock: Clock, principal: Principal, query: IndexQuery,
          tz: str = "Asia/Jakarta") -> JsonObject:
    """The IKM of the surveys sent on the local days asked (in the city's zone `tz`):
    `from`, `to`, the filters, `count`, `ikm` (25–100), `grade` (A–D) with its words,
    and `elements` (code, labels, mean 1–4). Raises as `_scope`, and ReportDatesReversed,
    ReportRangeTooLong (422) for a range over 366 days."""
    with uow:
        today = city_today(clock, tz)
        end = query.end or today
        start = query.start or min(end, date(today.year, 1, 1))
        check_days(start, end)
        scope = _scope(uow, principal, query)
        rows = uow.surveys.answers(_moment(start, tz), _moment(end + timedelta(days=1), tz),
                                   scope.facility_id, scope.office_id, scope.module)
    result = survey.index(rows)
    return {
        "from": start.isoformat(), "to": end.isoformat(), "facility": query.facility,
        "office": query.office, "module": scope.module, "count": result.count,
        "ikm": result.ikm, "grade": result.grade,
        "grade_label": survey.grade_words(result.grade) if result.grade else None,
        "grade_label_en": survey.grade_words(result.grade, "en") if result.grade else None,
        "elements": [{"element": element, "label": survey.label(element),
                      "label_en": survey.label(element, "en"), "mean": mean}
                     for element, mean in zip(survey.ELEMENTS, result.means, strict=True)]}


def index_rows(result: JsonObject) -> list[JsonObject]:
    """An index as flat rows (for CSV): one per element, then `ikm` with its grade."""
    elements = cast("list[JsonObject]", result["elements"])
    rows: list[JsonObject] = [
        {"element": e["element"], "label": e["label"], "mean": e["mean"],
         "count": result["count"], "grade": ""} for e in elements]
    rows.append({"element": "ikm", "label": "IKM", "mean": result["ikm"],
                 "count": result["count"], "grade": result["grade"] or ""})
    return rows
