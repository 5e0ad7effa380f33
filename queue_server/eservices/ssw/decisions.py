"""The head of DPM-PTSP's decisions (SSW Alfa: the head signs every permit): issue the
permit (its number, a signed PDF with the verification QR, its validity), reject with
reasons the applicant reads on /c/{code}, revoke an issued permit; and the desk's
decision on an objected application (send back for revision)."""

from __future__ import annotations

import calendar as months
import re
from collections.abc import Mapping
from datetime import date
from typing import Any

from queue_server.domain.dates import MONTHS
from queue_server.domain.texts import text
from queue_server.pdf import Layout, render
from queue_server.services import documents
from queue_server.services.auth import Principal
from queue_server.services.cases import Actor, city_today
from queue_server.services.numbering import next_in
from queue_server.services.port_documents import DocumentRow, DocumentStore, DocumentWork, Signer
from queue_server.services.ports import Clock

from . import MODULE
from .checks import flag_documents
from .deadlines import pause_clock
from .errors import ReasonRequired
from .flow import (
    WORKFLOW,
    actor_on,
    application,
    case_by_ref,
    city_tz,
    move,
    permit_of,
    system_actor,
)
from .messages import tell_flagged, tell_issued, tell_rejected, tell_revoked
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


def _layout(uow: Any, permit: SswPermitType, row: SswApplication, case: Any, number: str,
            until: date | None, verify: str, principal: Principal, issuer: str,
            today: date) -> Layout:
    """The permit's PDF content: its name as title, the holder (the business with its
    NIB for a business applicant, the person otherwise: a permit is public by nature),
    the address, "berlaku sampai <date>" (or "tidak terbatas"), the catalogue's
    paragraphs (`{holder}`; `{business}` reads "" since the holder names it), the date
    line "Surabaya, 30 November 2026" and the signer's display name (users.full_name,
    else the username) under "Kepala <issuing office>", as e-Surat's letters. Its
    `fields` are also the document's public facts on /v/{code}."""
    def day(value: date) -> str:
        return f"{value.day} {text(f'date.{MONTHS[value.month - 1]}', 'id')} {value.year}"

    business = row.applicant_kind == "business" and bool(row.business_name)
    holder = (f"{row.business_name} (NIB {row.nib})" if business and row.nib
              else row.business_name if business else case.name) or "-"
    until_words = day(until) if until else "tidak terbatas"
    facts = {"permit": permit.name, "number": number, "holder": holder, "business": "",
             "address": row.address, "kelurahan": row.kelurahan or "-",
             "valid_until": until_words}
    paragraphs = [re.sub(r"\s*\(\s*\)|(?<=\s)\s+", "", p.format_map(_Blank(facts)))
                  for p in permit.template["paragraphs"]]
    place = f", Kelurahan {row.kelurahan}" if row.kelurahan else ""
    user = uow.staff.user(principal.id) if principal.kind == "staff" else None
    return Layout(
        office=issuer, title=permit.template.get("title") or permit.name.upper(),
        verify_url=verify, number=number,
        fields=(("Jenis izin", permit.name), ("Pemegang izin", holder),
                *((("NIB", row.nib),) if business and row.nib else ()),
                ("Alamat", f"{row.address}{place}"), ("Berlaku sampai", until_words)),
        paragraphs=paragraphs, place_date=f"Surabaya, {day(today)}",
        signer_title=f"Kepala {issuer}",
        signer_name=(user.full_name or user.username) if user else principal.name)


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
        layout = _layout(uow, permit, row, case, number, until,
                         documents.verify_url(base_url, code), principal, issuer, today)
        pdf = render(layout)
        doc = documents.issue(uow, clock, signer, store, documents.Issue(
            MODULE, "permit", f"{permit.template['title']} {number}", issuer,
            office_id=permit.office_id, number=number, case_id=case.id,
            reason=f"Penerbitan {permit.name}", facts=layout.fields), code, pdf)
        row.permit_number, row.document_code, row.valid_until = number, code, until
        row.decided_at = clock.now()
        move(uow, clock, case, "issue", actor, data={"number": number, "document": code})
        _supersede(uow, clock, row, code, number, actor)
        tell_issued(uow, clock, case, number)
        uow.commit()
    return doc


def _supersede(uow: Any, clock: Clock, row: SswApplication, code: str, number: str,
               actor: Actor) -> None:
    """A renewal issued: the renewed permit's document is `replaced` by the new one
    (documents.replace: its /v/{code} page names the new code) and its case
    `superseded` (no renewal reminder any more)."""
    old = uow.session.get(SswApplication, row.renewal_of) if row.renewal_of else None
    old_case = uow.cases.by_id(old.case_id) if old is not None else None
    if old is None or old_case is None or old_case.state != "issued":
        return
    if old.document_code:
        documents.replace(uow, clock, old.document_code, code, f"Diperpanjang: {number}")
    move(uow, clock, old_case, "supersede", system_actor(actor), f"Diperpanjang: {number}",
         data={"number": number, "document": code})


def reject(uow: DocumentWork, clock: Clock, principal: Principal, ref: str,
           reasons: str) -> None:
    """Reject the application with `reasons` (ReasonRequired 422), which its owner reads
    on /c/{code}: the desk (at the document check, while waiting for corrections, after
    an objection: workflow action `reject`); at the decision only the head (`decline`);
    the admin at any of these; the workflow's errors otherwise (403, 409). Commits."""
    reasons = (reasons or "").strip()
    if not reasons:
        raise ReasonRequired()
    with uow:
        case = case_by_ref(uow, ref)
        action = "decline" if case.state == "approval" else "reject"
        move(uow, clock, case, action, actor_on(uow, principal, case), reasons)
        row = application(uow, case)
        row.reasons, row.decided_at = reasons[:4000], clock.now()
        tell_rejected(uow, clock, case, reasons)
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
        tell_revoked(uow, clock, case, reason)
        uow.commit()


def send_back(uow: DocumentWork, clock: Clock, principal: Principal, ref: str,
              comment: str, documents: Mapping[str, str] | None = None) -> None:
    """The desk sends an objected (or failed-inspection) application back to its
    applicant (`revise`: desk and admin, ActionForbidden 403; only after an objection,
    ActionNotAllowed 409), naming the `documents` to correct (requirement code → the
    reason the applicant reads; checks.flag_documents, its 422s). The case waits in
    `revision`; once the applicant has sent them again and the desk accepted them, the
    reviews not yet approved start again, and the inspection (if any) is done again
    (reviews.start_reviews, reviews.advance). `comment` defaults to the reasons.
    Commits."""
    with uow:
        case = case_by_ref(uow, ref)
        actor = actor_on(uow, principal, case)
        WORKFLOW.take(case.state, "revise", actor.roles, comment="-")
        flagged = flag_documents(uow, clock, case, principal, actor, documents or {})
        reasons = "; ".join(f"{req}: {(documents or {})[req].strip()}" for req in flagged)
        left = pause_clock(uow, clock, case, city_tz())
        move(uow, clock, case, "revise", actor, (comment or "").strip() or reasons,
             data={"documents": flagged, "days_left": left})
        tell_flagged(uow, clock, case, {req: (documents or {})[req] for req in flagged})
        uow.commit()


def permit_page(uow: Any, row: DocumentRow) -> str | None:
    """The "document_revokers" hook: an SSW permit is revoked on its case's page (the
    head's `revoke`, so the case follows), never by the admin's document route; None for
    any other document."""
    if row.module != MODULE or row.case_id is None:
        return None
    return f"/ssw/kasus/{MODULE.upper()}-{row.case_id}"
