"""The head of DPM-PTSP's decisions (SSW Alfa: the head signs every permit): issue the
permit (its number, a signed PDF with the verification QR, its validity), reject with
reasons the applicant reads on /c/{code}, revoke an issued permit; and the desk's
decision on an objected application (send back for revision)."""

from __future__ import annotations

import calendar as months
from datetime import date
from typing import Any

from queue_server.domain.dates import long_date
from queue_server.pdf import Layout, render
from queue_server.services import documents
from queue_server.services.auth import Principal
from queue_server.services.cases import city_today
from queue_server.services.numbering import next_in
from queue_server.services.port_documents import DocumentRow, DocumentStore, DocumentWork, Signer
from queue_server.services.ports import Clock

from . import MODULE
from .errors import ReasonRequired
from .flow import WORKFLOW, actor_on, application, case_by_ref, city_tz, move, permit_of
from .models import SswApplication, SswPermitType

# Surabaya's permit numbers: classification 503 (licensing), the sequence, the unit
# code of DPM-PTSP, the year.
NUMBER = "503/{seq}/436.7.21/{year}"
SIGNER_TITLE = "Kepala Dinas Penanaman Modal dan Pelayanan Terpadu Satu Pintu"


def add_months(day: date, count: int) -> date:
    """`day` plus `count` calendar months (the last day of a shorter month)."""
    month = day.month - 1 + count
    year, month = day.year + month // 12, month % 12 + 1
    return date(year, month, min(day.day, months.monthrange(year, month)[1]))


def valid_until(permit: SswPermitType, today: date) -> date | None:
    """The last day a permit issued `today` is valid (None: it does not expire)."""
    return None if permit.validity_months is None else add_months(today, permit.validity_months)


def _layout(permit: SswPermitType, row: SswApplication, case: Any, number: str,
            until: date | None, verify: str, signer_name: str, issuer: str,
            today: date) -> Layout:
    holder = case.name or "-"
    facts = {"permit": permit.name, "number": number, "holder": holder,
             "business": row.business_name or holder, "address": row.address,
             "kelurahan": row.kelurahan or "-",
             "valid_until": long_date(until) if until else "tidak terbatas"}
    paragraphs = [p.format_map(_Blank(facts)) for p in permit.template["paragraphs"]]
    return Layout(
        office=issuer, title=permit.template["title"], verify_url=verify, number=number,
        fields=(("Jenis izin", permit.name), ("Pemegang izin", holder),
                ("Nama usaha", row.business_name or "-"), ("Alamat", row.address),
                ("Berlaku sampai", facts["valid_until"])),
        paragraphs=paragraphs, place_date=f"Surabaya, {long_date(today)}",
        signer_title=SIGNER_TITLE, signer_name=signer_name)


class _Blank(dict[str, str]):
    """Placeholders a template names but a permit lacks read as "-"."""

    def __missing__(self, key: str) -> str:
        return "-"


def issue_permit(uow: DocumentWork, clock: Clock, principal: Principal, ref: str,
                 signer: Signer, store: DocumentStore, base_url: str) -> DocumentRow:
    """The head of the intake office issues the permit of an application waiting for
    the decision (ActionForbidden 403 for anyone else, ActionNotAllowed 409 at another
    step): number `503/{seq}/436.7.21/{year}` (numbering.next_in, scope `ssw-permit`,
    city-wide per year, gap-free), the PDF (queue_server.pdf, QR to `/v/{code}`) signed
    and recorded (documents.issue, kind `permit`, the case's id: its owner downloads it
    with the tracking code), the validity from the catalogue. SigningUnavailable 503.
    Commits; returns the document."""
    with uow:
        case = case_by_ref(uow, ref)
        actor = actor_on(uow, principal, case)
        WORKFLOW.take(case.state, "issue", actor.roles)
        row = application(uow, case)
        permit = permit_of(uow, row)
        today = city_today(clock, city_tz())
        number = NUMBER.format(seq=next_in(uow, "ssw-permit", None, today.year),
                               year=today.year)
        until = valid_until(permit, today)
        office = uow.offices.by_id(permit.office_id)
        issuer = office.name if office else "DPMPTSP"
        code = documents.new_code(uow)
        pdf = render(_layout(permit, row, case, number, until,
                             documents.verify_url(base_url, code), principal.name, issuer,
                             today))
        doc = documents.issue(uow, clock, signer, store, documents.Issue(
            MODULE, "permit", f"{permit.template['title']} {number}", issuer,
            office_id=permit.office_id, number=number, case_id=case.id,
            reason=f"Penerbitan {permit.name}"), code, pdf)
        row.permit_number, row.document_code, row.valid_until = number, code, until
        row.decided_at = clock.now()
        move(uow, clock, case, "issue", actor, data={"number": number, "document": code})
        uow.commit()
    return doc


def reject(uow: DocumentWork, clock: Clock, principal: Principal, ref: str,
           reasons: str) -> None:
    """Reject the application with `reasons` (ReasonRequired 422), which its owner reads
    on /c/{code}: the desk (at the document check, while waiting for corrections, after
    an objection), the head (also at the decision), the admin; the workflow's errors
    otherwise (403, 409). Commits."""
    reasons = (reasons or "").strip()
    if not reasons:
        raise ReasonRequired()
    with uow:
        case = case_by_ref(uow, ref)
        move(uow, clock, case, "reject", actor_on(uow, principal, case), reasons)
        row = application(uow, case)
        row.reasons, row.decided_at = reasons[:4000], clock.now()
        uow.commit()


def revoke_permit(uow: DocumentWork, clock: Clock, principal: Principal, ref: str,
                  reason: str) -> None:
    """The head revokes an issued permit with `reason` (ReasonRequired 422): the signed
    document is marked revoked (its `/v/{code}` page says so) and the case `revoked`.
    Commits."""
    reason = (reason or "").strip()
    if not reason:
        raise ReasonRequired()
    with uow:
        case = case_by_ref(uow, ref)
        move(uow, clock, case, "revoke", actor_on(uow, principal, case), reason)
        row = application(uow, case)
        if row.document_code:
            documents.revoke(uow, clock, row.document_code, reason)
        row.reasons = reason[:4000]
        uow.commit()


def send_back(uow: DocumentWork, clock: Clock, principal: Principal, ref: str,
              comment: str) -> None:
    """The desk sends an objected (or failed-inspection) application back to the
    document check (`revise`, comment required): it then flags the documents to
    correct, and the reviews not yet approved start again. Commits."""
    with uow:
        case = case_by_ref(uow, ref)
        move(uow, clock, case, "revise", actor_on(uow, principal, case), comment or "")
        uow.commit()

