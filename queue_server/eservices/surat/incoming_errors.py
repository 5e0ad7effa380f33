"""e-Surat incoming letters' named errors (classification codes, registration,
dispositions): each says one thing, in both languages (queue_server/domain/errors.py)."""

from __future__ import annotations

from datetime import date

from queue_server.domain.config_errors import InvalidConfig
from queue_server.domain.dates import long_date
from queue_server.domain.errors import DomainError, Forbidden, InvalidInput, NotFound, Words

# What is wrong with a field, said in each language (a problem is Words, or a range
# such as "1–500" that reads the same in both): never "a / b" in one message.
REQUIRED = Words("wajib diisi", "required")


def at_most(most: int) -> Words:
    """The problem of a text longer than `most` characters."""
    return Words(f"paling panjang {most} karakter", f"at most {most} characters")


def one_of(codes: tuple[str, ...] | list[str], name: str = "") -> Words:
    """The problem of a value not among `codes` (field codes, the same in each language),
    `name` the field's name when the message does not say it already."""
    listed, lead = ", ".join(codes), f"{name}: " if name else ""
    return Words(f"{lead}pilih salah satu dari {listed}", f"{lead}choose one of {listed}")


class UnknownClassification(InvalidInput):
    code = "unknown_classification"
    text_id = "Kode klasifikasi {code} tidak ada dalam daftar klasifikasi arsip."
    text_en = "The classification code {code} is not in the classification list."

    def __init__(self, code: str):
        super().__init__(code=code)


class ClassificationsInvalid(InvalidConfig):
    code = "invalid_config"
    text_id = "Daftar klasifikasi baris {line}: {problem}"
    text_en = "Classification list line {line}: {problem}"

    def __init__(self, line: int, problem: str | Words):
        super().__init__(line=line, problem=problem)


class LetterFieldInvalid(InvalidInput):
    code = "invalid_letter"
    text_id = "Isian surat '{field}' tidak sah: {problem}"
    text_en = "The letter's field '{field}' is not valid: {problem}"

    def __init__(self, field: str, problem: str | Words):
        super().__init__(field=field, problem=problem)


class NotOfficeClerk(Forbidden):
    code = "not_office_clerk"
    text_id = "Hanya TU (clerk) atau kepala kantor ini yang boleh meregistrasi surat masuk."
    text_en = "Only this office's clerks (TU) or its head may register incoming letters."


class NotInOffice(InvalidInput):
    code = "not_in_office"
    text_id = "Pengguna {user} bukan pegawai kantor surat ini."
    text_en = "User {user} is not a member of the letter's office."

    def __init__(self, user: str):
        super().__init__(user=user)


class DispositionNotFound(NotFound):
    code = "disposition_not_found"
    text_id = "Disposisi {id} tidak ada pada surat ini."
    text_en = "The letter has no disposition {id}."

    def __init__(self, id: int):
        super().__init__(id=id)


class NotYourDisposition(Forbidden):
    code = "not_your_disposition"
    text_id = "Disposisi ini bukan untuk Anda."
    text_en = "This disposition is not addressed to you."


class DispositionAlreadyRead(DomainError):
    code = "disposition_already_read"
    text_id = "Disposisi sudah dibaca penerimanya; tidak bisa ditarik lagi."
    text_en = "The recipient has already read the disposition; it can no longer be withdrawn."


class DispositionClosed(DomainError):
    code = "disposition_closed"
    text_id = "Disposisi ini sudah ditarik atau sudah ditindaklanjuti."
    text_en = "This disposition was withdrawn or already followed up."


class DueDateInvalid(InvalidInput):
    code = "invalid_due_date"
    text_id = "Batas waktu disposisi tidak sah: {problem}"
    text_en = "The disposition's due date is not valid: {problem}"

    def __init__(self, problem: str | Words):
        super().__init__(problem=problem)


class RetentionForbidden(Forbidden):
    code = "retention_forbidden"
    text_id = "Hanya TU (clerk), kepala kantor atau admin yang melihat jadwal retensi."
    text_en = "Only clerks (TU), an office's head or the admin see the retention schedule."


class LetterHasNoPdf(NotFound):
    code = "letter_has_no_pdf"
    text_id = "Surat {ref} belum punya berkas PDF (pindaian atau dokumen bertanda tangan)."
    text_en = "Letter {ref} has no PDF yet (a scan or a signed document)."

    def __init__(self, ref: str):
        super().__init__(ref=ref)


class DueDateNotWorkingDay(InvalidInput):
    """A disposition due on a weekend, a national holiday or cuti bersama: nobody works
    then (the city's calendar, services.closures.calendar)."""

    code = "due_date_not_working_day"
    text_id = ("Batas waktu disposisi jatuh pada hari libur; pilih hari kerja, misalnya "
               "{next_day} (hari kerja berikutnya).")
    text_en = ("The disposition's due date falls on a day off; choose a working day, such "
               "as {next_day} (the next working day).")

    def __init__(self, next_day: date):
        super().__init__(next_day=Words(long_date(next_day, "id"), long_date(next_day, "en")))
        self.details = {"next_working_day": next_day.isoformat()}


class SelfDisposition(InvalidInput):
    code = "self_disposition"
    text_id = "Disposisi tidak dapat diberikan kepada diri sendiri."
    text_en = "A disposition cannot be given to yourself."
