"""e-Delivery's named errors (code, both languages; the HTTP status from the kind)."""

from __future__ import annotations

from queue_server.domain.errors import DomainError, InvalidInput, NotFound, Words

from ..project.state_words import state_words


class ContractNotFound(NotFound):
    code = "delivery_contract_not_found"
    text_id = "Paket {code} belum punya kontrak."
    text_en = "Package {code} has no contract yet."

    def __init__(self, code: str):
        super().__init__(code=code)


class NotAwarded(DomainError):
    """The award letter waits for an awarded procurement, the end of its complaint
    period and no complaint open."""

    code = "delivery_not_awarded"
    text_id = "Paket {code} belum bisa dikontrakkan: {why}."
    text_en = "Package {code} cannot be contracted yet: {why}."

    def __init__(self, code: str, why: str, why_en: str):
        super().__init__(code=code, why=Words(why, why_en))


class WrongContractState(DomainError):
    code = "delivery_wrong_state"
    text_id = "Kontrak paket {code} berstatus {state}; tidak bisa {action}."
    text_en = "The contract of package {code} is {state}; it cannot {action}."

    def __init__(self, code: str, state: str, action: str, action_en: str):
        super().__init__(code=code, state=state_words("contract", state),
                         action=Words(action, action_en))


class PeriodInvalid(InvalidInput):
    code = "delivery_period_invalid"
    text_id = "Masa kontrak tidak sah: mulai {starts} harus sebelum selesai {ends}."
    text_en = "The contract period is not valid: the start {starts} must precede the end {ends}."

    def __init__(self, starts: str, ends: str):
        super().__init__(starts=starts, ends=ends)


class PaymentPlanInvalid(InvalidInput):
    """A package's payment plan whose shares do not add up to 100 %."""

    code = "delivery_payment_plan_invalid"
    text_id = "Rencana pembayaran paket harus berjumlah 100 %, bukan {total} %."
    text_en = "The package's payment plan must add up to 100 %, not {total} %."

    def __init__(self, total: str):
        super().__init__(total=total)


class ProgressTooLow(DomainError):
    """An invoice, or the handover, before the approved physical progress it needs."""

    code = "delivery_progress_too_low"
    text_id = "Progres fisik yang disetujui baru {done} %; {what} perlu {needed} %."
    text_en = "The approved physical progress is {done} %; {what} needs {needed} %."

    def __init__(self, done: str, needed: str, what: str, what_en: str):
        super().__init__(done=done, needed=needed, what=Words(what, what_en))


class TerminNotFound(NotFound):
    code = "delivery_termin_not_found"
    text_id = "Kontrak ini tidak punya termin {number}."
    text_en = "This contract has no termin {number}."

    def __init__(self, number: int):
        super().__init__(number=number)


class TerminNotOpen(DomainError):
    code = "delivery_termin_not_open"
    text_id = "Termin {number} sudah ditagih atau dibayar."
    text_en = "Termin {number} is already invoiced or paid."

    def __init__(self, number: int):
        super().__init__(number=number)


class InvoiceNotFound(NotFound):
    code = "delivery_invoice_not_found"
    text_id = "Tagihan {invoice} tidak ada."
    text_en = "There is no invoice {invoice}."

    def __init__(self, invoice: int):
        super().__init__(invoice=invoice)


class WrongInvoiceState(DomainError):
    code = "delivery_invoice_wrong_state"
    text_id = "Tagihan {invoice} berstatus {state}; tidak bisa {action}."
    text_en = "Invoice {invoice} is {state}; it cannot {action}."

    def __init__(self, invoice: int, state: str, action: str, action_en: str):
        super().__init__(invoice=invoice, state=state_words("invoice", state),
                         action=Words(action, action_en))


class ReasonRequired(InvalidInput):
    code = "delivery_reason_required"
    text_id = "Tuliskan alasan penolakan tagihan."
    text_en = "Write why the invoice is rejected."

    def __init__(self) -> None:
        super().__init__()


class ReferenceRequired(InvalidInput):
    code = "delivery_reference_required"
    text_id = "Tuliskan nomor SP2D pembayaran ini."
    text_en = "Write this payment's SP2D number."

    def __init__(self) -> None:
        super().__init__()


class PaymentAboveValue(DomainError):
    """Payments never add up to more than the contract's value."""

    code = "delivery_payment_above_value"
    text_id = ("Pembayaran Rp {amount:,} melebihi sisa nilai kontrak Rp {left:,} "
               "(nilai Rp {value:,}).")
    text_en = ("A payment of Rp {amount:,} is above what is left of the contract, "
               "Rp {left:,} (value Rp {value:,}).")

    def __init__(self, amount: int, left: int, value: int):
        super().__init__(amount=amount, left=left, value=value)


class TerminAfterEnd(InvalidInput):
    """A termin falls due within the contract's period."""

    code = "delivery_termin_after_end"
    text_id = ("Termin {termin} jatuh tempo {month}, setelah kontrak berakhir {ends}. "
               "Ubah rencana pembayaran paket atau masa kontrak.")
    text_en = ("Termin {termin} falls due in {month}, after the contract ends on {ends}. "
               "Change the package's payment plan or the contract's period.")

    def __init__(self, termin: int, month: str, ends: str):
        super().__init__(termin=termin, month=month, ends=ends)
