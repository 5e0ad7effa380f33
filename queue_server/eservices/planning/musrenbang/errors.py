"""e-Musrenbang's named errors (codes `musrenbang_*`): each says what is wrong and what a
person can do about it, in Indonesian and English."""

from __future__ import annotations

from typing import Any

from queue_server.domain.errors import DomainError, Forbidden, InvalidInput, NotFound, Words


class PhaseClosed(DomainError):
    """An action outside its phase of the cycle (409): which phase it needs and when that
    phase runs, and which phase is open now (dates in words)."""

    code = "musrenbang_phase_closed"
    text_id = ("Aksi ini hanya bisa pada tahap {needed} ({when}). Sekarang: {now}.")
    text_en = ("This can only be done in the {needed} phase ({when}). Now: {now}.")

    def __init__(self, needed: Words, when: Words, now: Words):
        super().__init__(needed=needed, when=when, now=now)


class CeilingExceeded(InvalidInput):
    """The RW's not-rejected proposals of the cycle would pass its ceiling (422)."""

    code = "musrenbang_ceiling_exceeded"
    text_id = ("Usulan {amount} melebihi sisa pagu RW: tersisa {left} dari {ceiling}. "
               "Kurangi volume atau pilih usulan lain.")
    text_en = ("The proposal ({amount}) is over the RW's remaining ceiling: {left} left "
               "of {ceiling}. Lower the quantity or choose another item.")

    def __init__(self, amount: int, left: int, ceiling: int):
        from .rules import money

        super().__init__(amount=money(amount), left=money(max(left, 0)),
                         ceiling=money(ceiling))
        self.details = {"left": max(left, 0), "ceiling": ceiling, "amount": amount}


class CycleNotFound(NotFound):
    code = "musrenbang_cycle_not_found"
    text_id = "Belum ada siklus Musrenbang {year}."
    text_en = "There is no Musrenbang cycle {year}."

    def __init__(self, year: int | str):
        super().__init__(year=year)


class CycleInvalid(InvalidInput):
    """A cycle's phases or ceiling that cannot be (dates out of order, a phase missing)."""

    code = "musrenbang_cycle_invalid"
    text_id = "Siklus tidak sah: {why}."
    text_en = "The cycle is not valid: {why}."

    def __init__(self, why: Words):
        super().__init__(why=why)


class CycleExists(DomainError):
    code = "musrenbang_cycle_exists"
    text_id = "Siklus Musrenbang {year} sudah ada."
    text_en = "The Musrenbang cycle {year} already exists."

    def __init__(self, year: int):
        super().__init__(year=year)


class CatalogueInvalid(InvalidInput):
    """A catalogue CSV with refused rows: none of it is imported; `details["rows"]` lists
    each refused row's number (1 = the first after the header) and reason."""

    code = "musrenbang_catalogue_invalid"
    text_id = "Kamus usulan tidak diimpor: {count} baris ditolak ({first})."
    text_en = "The catalogue was not imported: {count} rows refused ({first})."

    def __init__(self, rows: list[dict[str, Any]]):
        first = f"baris {rows[0]['row']}: {rows[0]['reason']}" if rows else ""
        first_en = f"row {rows[0]['row']}: {rows[0]['reason_en']}" if rows else ""
        super().__init__(count=len(rows), first=Words(first, first_en))
        self.details = {"rows": rows}


class ItemNotInCatalogue(InvalidInput):
    code = "musrenbang_item_unknown"
    text_id = "Usulan {item} tidak ada di kamus usulan aktif; pilih dari kamus."
    text_en = "{item} is not in the active catalogue; choose an item from it."

    def __init__(self, item: str):
        super().__init__(item=item)


class ProposalInvalid(InvalidInput):
    code = "musrenbang_proposal_invalid"
    text_id = "Usulan tidak sah: {why}."
    text_en = "The proposal is not valid: {why}."

    def __init__(self, why: Words):
        super().__init__(why=why)


class AreaUnknown(InvalidInput):
    code = "musrenbang_area_unknown"
    text_id = "{office} tidak dikenal sebagai {kind}; periksa kode kantornya."
    text_en = "{office} is not known as {kind}; check the office code."

    def __init__(self, office: str, kind: Words):
        super().__init__(office=office, kind=kind)


class ProposalNotFound(NotFound):
    code = "musrenbang_proposal_not_found"
    text_id = "Usulan {ref} tidak ditemukan."
    text_en = "No proposal has the reference {ref}."

    def __init__(self, ref: str):
        super().__init__(ref=ref)


class MinutesIncomplete(InvalidInput):
    code = "musrenbang_minutes_incomplete"
    text_id = "Isi tanggal forum dan paling sedikit satu peserta (satu nama per baris)."
    text_en = "Give the forum's date and at least one attendee (one name per line)."


class MusrenbangForbidden(Forbidden):
    """The caller holds no office that may do this (403): another RW's, kelurahan's,
    kecamatan's or office's proposal, or agency work by someone outside the agency."""

    code = "musrenbang_forbidden"
    text_id = "Anda tidak berwenang {what}."
    text_en = "You may not {what}."

    def __init__(self, what: Words):
        super().__init__(what=what)
