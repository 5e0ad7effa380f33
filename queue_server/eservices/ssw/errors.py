"""SSW's named errors (each with its code and both languages' text; their HTTP status
comes from the kind: InvalidInput 422, NotFound 404, Forbidden 403, DomainError 409)."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from queue_server.domain.errors import DomainError, Forbidden, InvalidInput, NotFound, Words


def named(items: Iterable[Mapping[str, Any]], codes: Iterable[str], key: str = "name") -> Words:
    """The catalogue's words for `codes` (documents: `name`/`name_en`; checklist items:
    `text`/`text_en`), comma-joined in each language, so an error names what a person
    reads rather than a code (an unknown code stays as it is)."""
    known = {str(item.get("code")): item for item in items}
    said = [(str(known[c].get(key) or c), str(known[c].get(f"{key}_en") or known[c].get(key)
                                              or c)) if c in known else (c, c) for c in codes]
    return Words(", ".join(i for i, _ in said), ", ".join(e for _, e in said))


def office_words(office: Any) -> Words:
    """An office as people name it (its name, the English one beside), not its code."""
    return Words(office.name or office.code, office.name_en or office.name or office.code)


class PermitTypeNotFound(NotFound):
    code = "ssw_permit_type_not_found"
    text_id = "Jenis izin {code} tidak ada di katalog SSW."
    text_en = "The SSW catalogue has no permit type {code}."

    def __init__(self, code: str):
        super().__init__(code=code)


class CatalogueInvalid(InvalidInput):
    code = "ssw_catalogue_invalid"
    text_id = "Katalog izin tidak sah: {why}."
    text_en = "The permit catalogue is not valid: {why}."

    def __init__(self, why: str):
        super().__init__(why=why)


class DocumentsMissing(InvalidInput):
    """Required documents not sent with an application (each named)."""

    code = "ssw_documents_missing"
    text_id = "Dokumen wajib belum diunggah: {names}."
    text_en = "Required documents not uploaded: {names}."

    def __init__(self, codes: list[str], names: Words | None = None):
        super().__init__(names=names or ", ".join(codes))
        self.details = {"missing": codes}


class UnknownRequirement(InvalidInput):
    code = "ssw_unknown_requirement"
    text_id = "Izin ini tidak meminta dokumen {requirement}."
    text_en = "This permit asks for no document {requirement}."

    def __init__(self, requirement: str):
        super().__init__(requirement=requirement)


class DocumentNotFlagged(InvalidInput):
    """A re-upload of a document the desk did not send back (only flagged ones)."""

    code = "ssw_document_not_flagged"
    text_id = ("Dokumen {requirement} tidak diminta perbaikan; kirim ulang hanya dokumen "
               "yang diminta diperbaiki.")
    text_en = ("Document {requirement} was not sent back for revision; upload again only "
               "the documents flagged for revision.")

    def __init__(self, requirement: str | Words):
        super().__init__(requirement=requirement)


class NothingSent(InvalidInput):
    code = "ssw_nothing_sent"
    text_id = "Tidak ada dokumen yang dikirim."
    text_en = "No document was sent."


class ReasonRequired(InvalidInput):
    code = "ssw_reason_required"
    text_id = "Tuliskan alasannya agar pemohon tahu apa yang harus diperbaiki."
    text_en = "Give the reason, so the applicant knows what to correct."


class ApplicantInvalid(InvalidInput):
    code = "ssw_applicant_invalid"
    text_id = "Data pemohon tidak lengkap: {why}."
    text_en = "The applicant's details are incomplete: {why}."

    def __init__(self, why_id: str, why_en: str):
        super().__init__(why=Words(why_id, why_en))


class SswForbidden(Forbidden):
    code = "ssw_forbidden"
    text_id = "Anda tidak berwenang {what} permohonan izin ini."
    text_en = "You may not {what} this permit application."

    def __init__(self, what_id: str, what_en: str):
        super().__init__(what=Words(what_id, what_en))


class NotAReviewer(InvalidInput):
    code = "ssw_not_a_reviewer"
    text_id = "Kantor {office} tidak mengkaji permohonan ini."
    text_en = "The office {office} does not review this application."

    def __init__(self, office: str | Words):
        super().__init__(office=office)


class WrongStep(DomainError):
    """The application is not at the step the action belongs to (409)."""

    code = "ssw_wrong_step"
    text_id = "Permohonan sedang pada tahap {state}: {what} tidak bisa sekarang."
    text_en = "The application is at the step {state}: {what} is not possible now."

    def __init__(self, state: Words, what_id: str, what_en: str):
        super().__init__(state=state, what=Words(what_id, what_en))


class AlreadyDecided(DomainError):
    code = "ssw_already_decided"
    text_id = "Kajian {office} sudah diputuskan."
    text_en = "The review by {office} is already decided."

    def __init__(self, office: str | Words):
        super().__init__(office=office)


class InspectionInvalid(InvalidInput):
    code = "ssw_inspection_invalid"
    text_id = "Hasil peninjauan tidak sah: {why}."
    text_en = "The inspection record is not valid: {why}."

    def __init__(self, why: str):
        super().__init__(why=why)


class ListUnknown(InvalidInput):
    code = "ssw_list_unknown"
    text_id = ("Daftar {which} tidak dikenal (desk, review, inspection, approval, monitor, "
               "all).")
    text_en = "Unknown list {which} (desk, review, inspection, approval, monitor, all)."

    def __init__(self, which: str):
        super().__init__(which=which)


class RevisionDocumentsRequired(InvalidInput):
    """Sending an application back without naming what the applicant must correct."""

    code = "ssw_revision_documents_required"
    text_id = ("Sebutkan dokumen yang harus diperbaiki pemohon, masing-masing dengan "
               "alasannya.")
    text_en = "Name the documents the applicant must correct, each with its reason."


class InspectionItemFailed(InvalidInput):
    """A pass recorded while checklist items are answered not in order (each named)."""

    code = "ssw_inspection_item_failed"
    text_id = ("Peninjauan tidak bisa dinyatakan lulus: butir {items} tidak sesuai. "
               "Catat sebagai tidak lulus dengan catatannya.")
    text_en = ("The inspection cannot pass: item {items} is not in order. Record it as "
               "failed, with notes.")

    def __init__(self, items: list[str], names: Words | None = None):
        super().__init__(items=names or ", ".join(items))
        self.details = {"items": items}


class PageForbidden(Forbidden):
    """A staff page the caller's roles do not open (the desk for a reviewing office):
    pages_staff.staff_nav decides."""

    code = "ssw_page_forbidden"
    text_id = "Halaman ini bukan untuk akun Anda; buka halaman lain dari menu di atas."
    text_en = "This page is not for your account; open another page from the menu above."


class ApplicationUnconfirmed(DomainError):
    """Staff acting on an application whose phone code is still outstanding."""

    code = "ssw_application_unconfirmed"
    text_id = ("Permohonan {ref} belum dikonfirmasi pemohon lewat kode di ponselnya; "
               "berkasnya belum bisa diproses.")
    text_en = ("Application {ref} is not confirmed yet with the code sent to the "
               "applicant's phone; it cannot be processed yet.")

    def __init__(self, ref: str):
        super().__init__(ref=ref)


class RenewalInvalid(InvalidInput):
    """`renewal_of` naming no issued SSW permit of the same holder."""

    code = "ssw_renewal_invalid"
    text_id = "Perpanjangan hanya untuk izin SSW yang sudah terbit atas nama Anda: {why}."
    text_en = "A renewal is only of an issued SSW permit held by you: {why}."

    def __init__(self, why_id: str, why_en: str):
        super().__init__(why=Words(why_id, why_en))
