"""e-Project's named errors (InvalidInput 422, NotFound 404, Forbidden 403, DomainError
409)."""

from __future__ import annotations

from queue_server.domain.errors import DomainError, InvalidInput, NotFound, Words

from .state_words import state_words


def rupiah(amount: int) -> str:
    """`Rp 1.250.000` (Indonesian thousands separator, both languages)."""
    return "Rp " + f"{amount:,}".replace(",", ".")


class UnknownCategory(InvalidInput):
    code = "project_unknown_category"
    text_id = "Jenis pengadaan {category} tidak dikenal (works, goods, services, consulting)."
    text_en = "Unknown procurement category {category} (works, goods, services, consulting)."

    def __init__(self, category: str):
        super().__init__(category=category)


class UnknownMethod(InvalidInput):
    code = "project_unknown_method"
    text_id = "Metode pengadaan {method} tidak dikenal (direct, tender, e_purchasing)."
    text_en = "Unknown procurement method {method} (direct, tender, e_purchasing)."

    def __init__(self, method: str):
        super().__init__(method=method)


class MethodNotAllowed(InvalidInput):
    """Direct procurement above its limit (Perpres 12/2021; methods.yaml)."""

    code = "project_method_not_allowed"
    text_id = ("Pengadaan langsung hanya sampai {limit}; paket senilai {value} harus "
               "tender atau e-purchasing.")
    text_en = ("Direct procurement is allowed up to {limit}; a package of {value} needs a "
               "tender or e-purchasing.")

    def __init__(self, method: str, value: int, limit: int):
        super().__init__(limit=rupiah(limit), value=rupiah(value))


class PlanInvalid(InvalidInput):
    code = "project_plan_invalid"
    text_id = "Rencana paket tidak sah: {why}."
    text_en = "The package's plan is not valid: {why}."

    def __init__(self, why_id: str, why_en: str):
        super().__init__(why=Words(why_id, why_en))


class LineExceeded(DomainError):
    """The packages of a line never add up to more than the line (409, with what is
    left in `details.left`)."""

    code = "project_line_exceeded"
    text_id = "Nilai paket {value} melebihi sisa pagu baris anggaran: tinggal {left}."
    text_en = "The package's value {value} is above what the budget line has left: {left}."

    def __init__(self, value: int, left: int):
        super().__init__(value=rupiah(value), left=rupiah(left))
        self.details = {"left": left}


class LineNotApproved(DomainError):
    code = "project_line_not_approved"
    text_id = "Baris anggaran {line} belum disetujui; paket dibuat dari baris yang disetujui."
    text_en = "Budget line {line} is not approved; packages come from approved lines."

    def __init__(self, line: int):
        super().__init__(line=line)


class PackageNotFound(NotFound):
    code = "project_package_not_found"
    text_id = "Paket {code} tidak ditemukan."
    text_en = "Package {code} not found."

    def __init__(self, code: str):
        super().__init__(code=code)


class PackageWrongState(DomainError):
    code = "project_wrong_state"
    text_id = "Paket {code} berstatus {state}: tidak bisa {what}."
    text_en = "Package {code} is {state}: it cannot {what}."

    def __init__(self, code: str, state: str, what_id: str, what_en: str):
        super().__init__(code=code, state=state_words("package", state),
                         what=Words(what_id, what_en))


class BeyondBudgetYear(InvalidInput):
    code = "project_beyond_budget_year"
    text_id = ("{what} berakhir {ends}, setelah 31 Desember {year} (tahun anggaran baris "
               "ini). Akhiri paling lambat 31-12-{year}, atau tandai paketnya kontrak "
               "tahun jamak (multi_year dengan alasan persetujuannya).")
    text_en = ("The {what} ends on {ends}, after 31 December {year} (the budget year of "
               "its line). End it by {year}-12-31, or mark the package a multi-year "
               "contract (multi_year with the reason of its approval).")

    def __init__(self, what_id: str, what_en: str, ends: str, year: int):
        super().__init__(what=Words(what_id, what_en), ends=ends, year=year)
        self.details = {"ends": ends, "last_day": f"{year}-12-31"}


class MultiYearReasonRequired(InvalidInput):
    code = "project_multi_year_reason_required"
    text_id = ("Paket tahun jamak perlu alasan (persetujuan kontrak tahun jamak, mis. "
               "nomor persetujuan DPRD).")
    text_en = ("A multi-year package needs a reason (the approval of the multi-year "
               "contract, e.g. the council's approval number).")
