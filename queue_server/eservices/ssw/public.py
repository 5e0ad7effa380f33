"""How an SSW application reads on its owner's page `/c/{code}` (CaseKind.public_view;
the tracking code is the applicant's secret): the permit, each document's check state
with the reason of a `revision`, the reviews' progress (offices done of all, never a
reviewer's name), the inspection date, the deadline's progress (warning at 80 %, overdue
at 100 % of the permit's working days), a rejection's reasons and, once issued, the
permit's number, validity and links to its signed PDF and its verification page. Never
the applicant's NIK, phone or name. Words in the page's language (`?lang=en`)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from flask import current_app, has_app_context
from sqlalchemy import select

from queue_server.domain.texts import text
from queue_server.i18n import page_language
from queue_server.services.cases import city_today, public_ref
from queue_server.services.closures import calendar
from queue_server.services.port_cases import CaseRow, CaseWork

from .models import SswApplication, SswDocument, SswPermitType
from .pages_words import day_words, document_state, progress_words, rupiah
from .store import inspection, latest_documents, reviews, session_of


def application_of(uow: CaseWork, case: CaseRow) -> tuple[SswApplication, SswPermitType] | None:
    """The application beside the case and its permit type, or None."""
    session = session_of(uow)
    app_row = session.scalars(select(SswApplication).where(
        SswApplication.case_id == case.id)).first()
    if app_row is None:
        return None
    return app_row, session.get(SswPermitType, app_row.permit_type_id)


def requirement_names(permit: SswPermitType, lang: str) -> dict[str, str]:
    """Requirement code → its name in `lang` (the catalogue's `documents`)."""
    return {d["code"]: str(d.get("name_en") if lang == "en" and d.get("name_en")
                            else d.get("name", d["code"])) for d in permit.documents or []}


def _progress(uow: CaseWork, case: CaseRow, permit: SswPermitType) -> dict[str, Any] | None:
    """The deadline's progress today (deadlines.progress), None outside an app."""
    if not has_app_context() or case.closed_at is not None:
        return None
    from queue_server.runtime import current

    from .deadlines import progress

    tz = str(current_app.config.get("CITY_TIMEZONE", "Asia/Jakarta"))
    return progress(case, permit, city_today(current().clock, tz), calendar(uow))


def _documents(docs: Sequence[SswDocument], names: dict[str, str], lang: str) -> list[list[str]]:
    lines = []
    for doc in docs:
        said = document_state(doc.state, lang)
        if doc.state == "revision" and doc.reason:
            said = f"{said}: {doc.reason}"
        lines.append([names.get(doc.requirement, doc.requirement), said])
    return lines


def _reviews_and_visit(uow: CaseWork, case: CaseRow, lang: str) -> list[list[str]]:
    """The reviews' progress (offices done of all) and the inspection's date/result."""
    done_of = [r.state != "pending" for r in reviews(uow, case.id)]
    lines = []
    if done_of:
        lines.append([text("ssw_page_reviews", lang),
                      text("ssw_page_reviews_done", lang, done=sum(done_of),
                           total=len(done_of))])
    visit = inspection(uow, case.id)
    if visit is not None and (visit.planned_for or visit.result):
        said = day_words(visit.planned_for, lang) if visit.planned_for else "–"
        if visit.result:
            said = (text("ssw_page_inspection_pass", lang) if visit.result == "pass"
                    else text("ssw_page_inspection_fail", lang))
        lines.append([text("ssw_page_inspection", lang), said])
    return lines


def _permit_lines(row: SswApplication, lang: str) -> list[list[str]]:
    lines = []
    if row.permit_number:
        lines.append([text("ssw_page_permit_number", lang), row.permit_number])
    if row.valid_until:
        lines.append([text("ssw_page_valid_until", lang), day_words(row.valid_until, lang)])
    if row.reasons and not row.permit_number:
        lines.append([text("ssw_page_reasons", lang), row.reasons])
    return lines


def _links(case: CaseRow, row: SswApplication, docs: Sequence[SswDocument],
           lang: str) -> list[list[str]]:
    """The owner's links: re-upload while documents are flagged; the signed PDF (the
    documents API with the tracking code) and its verification page once issued."""
    keep = "?lang=en" if lang == "en" else ""
    links = []
    if case.state == "revision" or any(d.state == "revision" for d in docs):
        links.append([text("ssw_page_reupload_link", lang), f"/ssw/berkas/{case.code}{keep}"])
    if row.document_code:
        links.append([text("ssw_page_pdf_link", lang),
                      f"/api/v1/documents/{row.document_code}/pdf?case={case.code}"])
        links.append([text("ssw_page_verify_link", lang), f"/v/{row.document_code}{keep}"])
    return links


def public_view(uow: CaseWork, case: CaseRow) -> dict[str, Any] | None:
    """The application as its owner reads it on `/c/{code}`: `title` (the permit),
    `fields` (label, value pairs in the page's language: permit, reference, fee, deadline
    progress, each document's check, reviews done of all, inspection, reasons, permit
    number and validity), `links` (label, address: re-upload, PDF, verification),
    `photos` (none: documents are never served on this page), `office`. None when the
    case has no application row. Never the applicant's identity nor a reviewer's name."""
    found = application_of(uow, case)
    if found is None:
        return None
    row, permit = found
    lang = page_language()
    docs = list(latest_documents(uow, case.id).values())
    fields = [[text("ssw_page_permit", lang),
               permit.name_en if lang == "en" and permit.name_en else permit.name],
              [text("ssw_page_ref", lang), public_ref(case)],
              [text("ssw_page_fee", lang), rupiah(row.fee, lang)]]
    progress = _progress(uow, case, permit)
    if progress is not None:
        fields.append([text("ssw_page_deadline", lang), progress_words(progress, lang)])
    fields += _documents(docs, requirement_names(permit, lang), lang)
    fields += _reviews_and_visit(uow, case, lang) + _permit_lines(row, lang)
    office = uow.offices.by_id(permit.office_id)
    return {"title": text("ssw_page_owner_title", lang, permit=fields[0][1]),
            "summary": "", "fields": fields, "photos": [],
            "links": _links(case, row, docs, lang),
            "office": (office.name_en or office.name) if office and lang == "en"
            else (office.name if office else None)}
