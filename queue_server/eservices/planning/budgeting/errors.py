"""e-Budgeting's named errors (each with its code and both languages' text; the HTTP
status comes from the kind: InvalidInput 422, NotFound 404, Forbidden 403, DomainError
409)."""

from __future__ import annotations

from typing import Any

from queue_server.domain.errors import DomainError, Forbidden, InvalidInput, NotFound, Words

from ..project.state_words import state_words


class BudgetForbidden(Forbidden):
    """An office's people act on their office's rows only; the agency (bappedalitbang)
    and the admin approve, set ceilings and load standard costs."""

    code = "budgeting_forbidden"
    text_id = "Anda tidak berwenang {what}."
    text_en = "You may not {what}."

    def __init__(self, what_id: str, what_en: str):
        super().__init__(what=Words(what_id, what_en))


class AccountCodeInvalid(InvalidInput):
    code = "budgeting_account_code_invalid"
    text_id = ("Kode rekening {value} tidak sesuai pola Permendagri 90/2019, contoh "
               "1.03.10.2.01.0017.5.1.02.01.01.0024 (sub kegiatan, lalu akun belanja).")
    text_en = ("The account code {value} does not follow Permendagri 90/2019's pattern, "
               "e.g. 1.03.10.2.01.0017.5.1.02.01.01.0024 (sub-activity, then the "
               "expenditure account).")

    def __init__(self, value: str):
        super().__init__(value=value)


class StandardCostsInvalid(InvalidInput):
    """A standard-cost CSV with refused rows: nothing is written; `details.rows` names
    each refused row (1 = the first line after the header) and why."""

    code = "budgeting_standard_costs_invalid"
    text_id = "Berkas standar harga ditolak, tidak ada yang disimpan: {first}."
    text_en = "The standard-cost file was refused, nothing was saved: {first}."

    def __init__(self, rows: list[dict[str, Any]]):
        first = rows[0]
        super().__init__(first=Words(f"baris {first['row']}: {first['reason_id']}",
                                     f"row {first['row']}: {first['reason']}"))
        self.details = {"rows": rows}


class StandardCostNotFound(InvalidInput):
    code = "budgeting_standard_cost_not_found"
    text_id = "Standar harga {code} tahun {year} tidak ada; muat daftar standar harga dulu."
    text_en = "There is no standard cost {code} for {year}; load the standard costs first."

    def __init__(self, code: str, year: int):
        super().__init__(code=code, year=year)


class OfficeUnknown(InvalidInput):
    code = "budgeting_office_unknown"
    text_id = "Perangkat daerah {office} tidak dikenal."
    text_en = "Unknown office {office}."

    def __init__(self, office: str):
        super().__init__(office=office)


class ProposalNotFound(NotFound):
    code = "budgeting_proposal_not_found"
    text_id = "Usulan musrenbang {ref} tidak ditemukan."
    text_en = "Musrenbang proposal {ref} not found."

    def __init__(self, ref: str):
        super().__init__(ref=ref)


class ProposalNotReady(DomainError):
    """Only an accepted proposal ranked within its kelurahan's ceiling is budgeted."""

    code = "budgeting_proposal_not_ready"
    text_id = ("Usulan {ref} belum bisa dianggarkan: hanya usulan yang diterima dan masuk "
               "pagu kelurahan.")
    text_en = ("Proposal {ref} cannot be budgeted: only accepted proposals within the "
               "kelurahan's ceiling are.")

    def __init__(self, ref: str):
        super().__init__(ref=ref)


class ProposalBudgeted(DomainError):
    code = "budgeting_proposal_budgeted"
    text_id = "Usulan {ref} sudah menjadi baris anggaran {code}."
    text_en = "Proposal {ref} is already the budget line {code}."

    def __init__(self, ref: str, code: str):
        super().__init__(ref=ref, code=code)


class LineNotFound(NotFound):
    code = "budgeting_line_not_found"
    text_id = "Baris anggaran {line} tidak ditemukan."
    text_en = "Budget line {line} not found."

    def __init__(self, line: int):
        super().__init__(line=line)


class LineDecided(DomainError):
    code = "budgeting_line_decided"
    text_id = "Baris anggaran {line} sudah diputuskan ({state})."
    text_en = "Budget line {line} is already decided ({state})."

    def __init__(self, line: int, state: str):
        super().__init__(line=line, state=state_words("line", state))


class ReasonRequired(InvalidInput):
    """Approving a flagged line, or rejecting any, needs a written reason."""

    code = "budgeting_reason_required"
    text_id = "Tuliskan alasannya: {why}."
    text_en = "Give the reason: {why}."

    def __init__(self, flags: list[str]):
        why = (Words("baris ini ditandai " + ", ".join(flags), "this line is flagged "
                     + ", ".join(flags)) if flags
               else Words("penolakan harus beralasan", "a rejection needs a reason"))
        super().__init__(why=why)
        self.details = {"flags": flags}


class LineInputInvalid(InvalidInput):
    code = "budgeting_line_invalid"
    text_id = "Baris anggaran tidak lengkap: {why}."
    text_en = "The budget line is incomplete: {why}."

    def __init__(self, why_id: str, why_en: str):
        super().__init__(why=Words(why_id, why_en))


class NumberInvalid(InvalidInput):
    """A number typed on the page that is not one, not above zero, not whole where
    rupiah are asked for, or above the limit; `field` names the form's field."""

    code = "budgeting_number_invalid"
    text_id = "{what} harus angka di atas nol dan paling banyak {most} (contoh: {example})."
    text_en = "{what} must be a number above zero and at most {most} (e.g. {example})."

    def __init__(self, field: str, what: Words, most: str, example: str):
        super().__init__(what=what, most=most, example=example)
        self.field = field
