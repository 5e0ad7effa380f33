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


class PriceReasonRequired(InvalidInput):
    """An adjusted unit price without a reason (422): the reason is public."""

    code = "musrenbang_price_reason_required"
    field = "comment"
    text_id = ("Harga satuan baru perlu alasan: tuliskan di Alasan mengapa harganya "
               "disesuaikan (tampil di halaman publik).")
    text_en = ("An adjusted unit price needs a reason: write in Reason why the price is "
               "changed (shown on the public page).")


class PriceOverTolerance(InvalidInput):
    """An adjusted unit price more than the configured tolerance above the catalogue's
    (422; MUSRENBANG_PRICE_TOLERANCE, a planning-agency policy)."""

    code = "musrenbang_price_over_tolerance"
    field = "adjusted_price"
    text_id = ("Harga satuan baru {price} lebih dari {percent}% di atas harga kamus "
               "{catalogue}: paling tinggi {highest}. Bila perlu lebih, kembalikan ke RW.")
    text_en = ("The adjusted unit price {price} is more than {percent}% above the catalogue "
               "price {catalogue}: at most {highest}. If more is needed, return it to the RW.")

    def __init__(self, price: int, catalogue: int, percent: int, highest: int):
        from .rules import money

        super().__init__(price=money(price), catalogue=money(catalogue), percent=percent,
                         highest=money(highest))


class MinutesDateInvalid(InvalidInput):
    """A forum date outside the kecamatan phase or in the future (422)."""

    code = "musrenbang_minutes_date_invalid"
    field = "held_on"
    text_id = ("Tanggal forum harus di dalam tahap forum kecamatan ({when}) dan tidak "
               "sesudah hari ini.")
    text_en = "The forum's date must lie in the kecamatan forum phase ({when}), not after today."

    def __init__(self, when: Words):
        super().__init__(when=when)


class CatalogueLocked(DomainError):
    """The catalogue changed after the submission phase started (409): RWs have chosen
    from it, so it stays as it was."""

    code = "musrenbang_catalogue_locked"
    text_id = ("Kamus usulan siklus {year} tidak bisa diubah lagi: tahap pengajuan usulan "
               "sudah dimulai {since}, dan RW sudah memilih dari kamus itu.")
    text_en = ("The catalogue of cycle {year} can no longer change: the proposal phase "
               "started {since} and RWs have chosen from it.")

    def __init__(self, year: int, since: Words):
        super().__init__(year=year, since=since)


class CeilingsLocked(DomainError):
    """Ceilings changed after the cycle was ranked (409): the ranking was made within
    them."""

    code = "musrenbang_ceilings_locked"
    text_id = ("Pagu siklus {year} tidak bisa diubah: usulan sudah diperingkat di dalam "
               "pagu itu.")
    text_en = "The ceilings of cycle {year} can no longer change: proposals are ranked within them."

    def __init__(self, year: int):
        super().__init__(year=year)


class KelurahanCeilingMissing(DomainError):
    """Ranking while a kelurahan with accepted proposals has no ceiling of its own (409)."""

    code = "musrenbang_kelurahan_ceiling_missing"
    text_id = ("Belum bisa memeringkat: pagu kelurahan belum ditetapkan untuk {names}. "
               "Tetapkan pagunya dahulu.")
    text_en = ("Ranking is not possible yet: no kelurahan ceiling is set for {names}. "
               "Set it first.")

    def __init__(self, names: str):
        super().__init__(names=names)


class AreaConflict(InvalidInput):
    """An RW placed so that its kelurahan would lie in two kecamatan (422)."""

    code = "musrenbang_area_conflict"
    text_id = ("{kelurahan} sudah berada di {placed}; sebuah kelurahan hanya di satu "
               "kecamatan, jadi {rw} tidak bisa di {kecamatan}.")
    text_en = ("{kelurahan} already lies in {placed}; a kelurahan lies in one kecamatan "
               "only, so {rw} cannot be in {kecamatan}.")

    def __init__(self, rw: str, kelurahan: str, placed: str, kecamatan: str):
        super().__init__(rw=rw, kelurahan=kelurahan, placed=placed, kecamatan=kecamatan)
