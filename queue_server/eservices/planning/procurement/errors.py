"""e-Procurement's named errors (code, both languages; the HTTP status from the kind:
InvalidInput 422, NotFound 404, Forbidden 403, DomainError 409)."""

from __future__ import annotations

from queue_server.domain.errors import DomainError, Forbidden, InvalidInput, NotFound, Words

from ..project.state_words import state_words


class ProcurementForbidden(Forbidden):
    """The caller holds no role for this: another office's package, another provider's
    bid, not the procurement unit (UKPBJ) or the package office's PPK."""

    code = "procurement_forbidden"
    text_id = "Anda tidak berwenang untuk {what}."
    text_en = "You may not {what}."

    def __init__(self, what: str, what_en: str):
        super().__init__(what=Words(what, what_en))


class InvalidNpwp(InvalidInput):
    code = "procurement_invalid_npwp"
    text_id = "NPWP harus 15 atau 16 angka (titik dan strip boleh); yang dikirim: {npwp}."
    text_en = "An NPWP has 15 or 16 digits (dots and dashes allowed); sent: {npwp}."

    def __init__(self, npwp: str):
        super().__init__(npwp=npwp[:30])


class PackageNotFound(NotFound):
    code = "procurement_package_not_found"
    text_id = "Paket {code} tidak ada."
    text_en = "There is no package {code}."

    def __init__(self, code: str):
        super().__init__(code=code)


class TenderNotFound(NotFound):
    code = "procurement_tender_not_found"
    text_id = "Pengadaan {code} tidak ada."
    text_en = "There is no procurement {code}."

    def __init__(self, code: str):
        super().__init__(code=code)


class ProviderNotFound(NotFound):
    code = "procurement_provider_not_found"
    text_id = "Penyedia {name} tidak terdaftar."
    text_en = "No provider {name} is registered."

    def __init__(self, name: str):
        super().__init__(name=name)


class PackageNotReady(DomainError):
    """A procurement for a package not in state `planned`, or of the wrong method."""

    code = "procurement_package_not_ready"
    text_id = "Paket {code} berstatus {state}; {why}."
    text_en = "Package {code} is {state}; {why}."

    def __init__(self, code: str, state: str, why: str, why_en: str):
        super().__init__(code=code, state=state_words("package", state),
                         why=Words(why, why_en))


class WrongTenderState(DomainError):
    code = "procurement_wrong_state"
    text_id = "Pengadaan {code} berstatus {state}; tidak bisa {action}."
    text_en = "Procurement {code} is {state}; it cannot {action}."

    def __init__(self, code: str, state: str, action: str, action_en: str):
        super().__init__(code=code, state=state_words("tender", state),
                         action=Words(action, action_en))


class DeadlinePassed(DomainError):
    code = "procurement_deadline_passed"
    text_id = "Batas waktu {what} sudah lewat ({until})."
    text_en = "The deadline for {what} has passed ({until})."

    def __init__(self, what: str, what_en: str, until: str):
        super().__init__(what=Words(what, what_en), until=until)


class DeadlineInvalid(InvalidInput):
    code = "procurement_deadline_invalid"
    text_id = "Batas penawaran harus setelah saat ini ({now})."
    text_en = "The bid deadline must be after now ({now})."

    def __init__(self, now: str):
        super().__init__(now=now)


class BidAboveValue(InvalidInput):
    """A bid above the owner's estimate (HPS) is refused (Perpres 16/2018 as amended by
    Perpres 12/2021, art. 26: the HPS is the ceiling of an acceptable offer)."""

    code = "procurement_bid_above_value"
    text_id = "Penawaran Rp {amount:,} melebihi HPS Rp {value:,}."
    text_en = "The bid of Rp {amount:,} is above the owner's estimate (HPS) Rp {value:,}."

    def __init__(self, amount: int, value: int):
        super().__init__(amount=amount, value=value)


class BidAmountInvalid(InvalidInput):
    code = "procurement_bid_amount_invalid"
    text_id = "Tuliskan nilai penawaran dalam rupiah (angka lebih dari nol)."
    text_en = "Write the bid's amount in rupiah (a number above zero)."

    def __init__(self) -> None:
        super().__init__()


class BidTwice(DomainError):
    code = "procurement_bid_twice"
    text_id = "{name} sudah memasukkan penawaran untuk pengadaan ini."
    text_en = "{name} has already bid on this procurement."

    def __init__(self, name: str):
        super().__init__(name=name)


class BidNotFound(NotFound):
    code = "procurement_bid_not_found"
    text_id = "Penawaran {bid} tidak ada pada pengadaan ini."
    text_en = "This procurement has no bid {bid}."

    def __init__(self, bid: int):
        super().__init__(bid=bid)


class BidNotPassed(DomainError):
    code = "procurement_bid_not_passed"
    text_id = "Penawaran {bid} belum lulus evaluasi; hanya penawaran yang lulus bisa menang."
    text_en = "Bid {bid} has not passed the evaluation; only a passed bid can win."

    def __init__(self, bid: int):
        super().__init__(bid=bid)


class NoteRequired(InvalidInput):
    code = "procurement_note_required"
    text_id = "Tuliskan alasannya: {what}."
    text_en = "Write the reason: {what}."

    def __init__(self, what: str, what_en: str):
        super().__init__(what=Words(what, what_en))


class Blacklisted(DomainError):
    """The winner is on the blacklist on the award date (Perpres 12/2021 art. 78;
    LKPP's Peraturan 4/2021 on the daftar hitam)."""

    code = "procurement_blacklisted"
    text_id = ("{name} (NPWP {npwp}) masuk daftar hitam sejak {starts} sampai {ends}: "
               "{reason} ({source}).")
    text_en = ("{name} (NPWP {npwp}) is blacklisted from {starts} until {ends}: {reason} "
               "({source}).")

    def __init__(self, name: str, npwp: str, starts: str, ends: str, reason: str,
                 source: str):
        super().__init__(name=name, npwp=npwp, starts=starts, ends=ends, reason=reason,
                         source=source or "-")


class ComplaintPeriodOver(DomainError):
    code = "procurement_complaint_period_over"
    text_id = "Masa sanggah berakhir {until}."
    text_en = "The complaint period ended on {until}."

    def __init__(self, until: str):
        super().__init__(until=until)


class NotABidder(Forbidden):
    code = "procurement_not_a_bidder"
    text_id = "Hanya peserta yang memasukkan penawaran boleh menyanggah."
    text_en = "Only a provider that bid may file a complaint."

    def __init__(self) -> None:
        super().__init__()


class ComplaintNotOpen(DomainError):
    code = "procurement_complaint_not_open"
    text_id = "Sanggah {complaint} sudah dijawab atau tidak ada."
    text_en = "Complaint {complaint} is already answered or does not exist."

    def __init__(self, complaint: int):
        super().__init__(complaint=complaint)


class ImportInvalid(InvalidInput):
    code = "procurement_import_invalid"
    text_id = "Hasil tender SPSE tidak sah: {why}."
    text_en = "The SPSE tender result is not valid: {why}."

    def __init__(self, why: str):
        super().__init__(why=why)


class BlacklistCsvInvalid(InvalidInput):
    code = "procurement_blacklist_csv_invalid"
    text_id = "Baris {line} CSV daftar hitam tidak sah: {why}."
    text_en = "Line {line} of the blacklist CSV is not valid: {why}."

    def __init__(self, line: int, why: str):
        super().__init__(line=line, why=why)
