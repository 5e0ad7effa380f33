"""e-Controlling's named errors (codes prefixed `controlling_`; see domain/errors.py)."""

from __future__ import annotations

from queue_server.domain.errors import DomainError, Forbidden, InvalidInput, NotFound, Words

from ..project.state_words import state_words


class BadMonth(InvalidInput):
    code = "controlling_invalid_month"
    text_id = "Bulan laporan harus ditulis TTTT-BB, mis. 2026-11."
    text_en = "Write the report's month as YYYY-MM, e.g. 2026-11."


class MonthInFuture(InvalidInput):
    code = "controlling_month_in_future"
    text_id = "Bulan {month} belum tiba: laporkan bulan yang sudah berjalan."
    text_en = "The month {month} has not come yet: report a month already under way."

    def __init__(self, month: str):
        super().__init__(month=month)


class MonthBeforeStart(InvalidInput):
    code = "controlling_month_before_start"
    text_id = "Bulan {month} sebelum kontrak dimulai ({start})."
    text_en = "The month {month} is before the contract started ({start})."

    def __init__(self, month: str, start: str):
        super().__init__(month=month, start=start)


class PercentOutOfRange(InvalidInput):
    code = "controlling_percent_out_of_range"
    text_id = "Progres {what} harus antara 0 dan 100 %."
    text_en = "The {what} progress must be between 0 and 100 %."

    def __init__(self, what: Words):
        super().__init__(what=what)


class ProgressDecreased(InvalidInput):
    code = "controlling_progress_decreased"
    text_id = ("Progres {what} kumulatif tidak boleh turun dari laporan yang disetujui "
               "terakhir ({last}).")
    text_en = "The cumulative {what} progress cannot fall below the last approved ({last})."

    def __init__(self, what: Words, last: str):
        super().__init__(what=what, last=last)


class SpentAboveValue(InvalidInput):
    code = "controlling_spent_above_value"
    text_id = "Realisasi biaya Rp {spent} melebihi nilai kontrak Rp {value}."
    text_en = "The amount spent, Rp {spent}, is above the contract value, Rp {value}."

    def __init__(self, spent: int, value: int):
        super().__init__(spent=f"{spent:,}".replace(",", "."),
                         value=f"{value:,}".replace(",", "."))


class PhotoCount(InvalidInput):
    code = "controlling_photo_count"
    text_id = "Lampirkan 1 sampai {most} foto progres (JPEG atau PNG)."
    text_en = "Attach 1 to {most} progress photos (JPEG or PNG)."

    def __init__(self, most: int):
        super().__init__(most=most)


class ReasonRequired(InvalidInput):
    code = "controlling_reason_required"
    text_id = "Tuliskan alasan pengembalian laporan agar penyedia dapat memperbaikinya."
    text_en = "Write why the report is returned, so the provider can put it right."


class ReportFinal(DomainError):
    code = "controlling_report_final"
    text_id = "Laporan bulan {month} sudah disetujui dan tidak dapat diubah."
    text_en = "The report of {month} is approved and final."

    def __init__(self, month: str):
        super().__init__(month=month)


class ReportNotPending(DomainError):
    code = "controlling_report_not_pending"
    text_id = "Laporan ini tidak menunggu keputusan (status: {state})."
    text_en = "This report is not waiting for a decision (state: {state})."

    def __init__(self, state: str):
        super().__init__(state=state_words("report", state))


class ContractNotRunning(DomainError):
    code = "controlling_contract_not_running"
    text_id = "Kontrak ini tidak sedang berjalan (status: {state}); progres tidak dilaporkan."
    text_en = "This contract is not running (state: {state}); no progress is reported."

    def __init__(self, state: str):
        super().__init__(state=state_words("contract", state))


class ContractNotFound(NotFound):
    code = "controlling_contract_not_found"
    text_id = "Kontrak tidak ditemukan."
    text_en = "No such contract."


class PackageNotFound(NotFound):
    code = "controlling_package_not_found"
    text_id = "Paket pekerjaan {code} tidak ditemukan."
    text_en = "No work package {code}."

    def __init__(self, code: str):
        super().__init__(code=code)


class ReportNotFound(NotFound):
    code = "controlling_report_not_found"
    text_id = "Laporan progres tidak ditemukan."
    text_en = "No such progress report."


class PhotoNotFound(NotFound):
    code = "controlling_photo_not_found"
    text_id = "Foto tidak ditemukan."
    text_en = "No such photo."


class ControllingForbidden(Forbidden):
    code = "controlling_forbidden"
    text_id = "Anda tidak berwenang {action}."
    text_en = "You may not {action}."

    def __init__(self, action: Words):
        super().__init__(action=action)


READ_ANY = Words("memakai layanan staf e-Controlling", "use e-Controlling's staff services")
