"""What each of the contract's documents says (paper.py prints it): the award letter
(SPPBJ) names the procurement and the award, never a contract number (it comes before
the contract); the contract states its parties, value and period; the notice to proceed
(SPMK) orders the works to start on a date and states the period (start, end, calendar
days); the handover (BAST) states the date, the works, the 100 % approved progress and
the parties (the PPK and the provider). Amounts are also written out in words
(terbilang), as Indonesian official documents do (Perpres 16/2018's standard forms)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from num2words import num2words  # type: ignore[import-untyped]

from queue_server.domain.dates import MONTHS, long_date
from queue_server.domain.texts import text

from ..procurement.models import ProcurementProvider, ProcurementTender
from ..project.models import ProjectPackage
from .models import DeliveryContract

Lines = tuple[tuple[tuple[str, str], ...], tuple[str, ...]]  # (fields, paragraphs)
PPK = "Pihak pertama (PPK)"  # the one field not repeated among the public facts


def day_words(value: date) -> str:
    """`value` as "4 Januari 2027"."""
    return f"{value.day} {text(f'date.{MONTHS[value.month - 1]}', 'id')} {value.year}"


def rupiah(amount: int) -> str:
    """Whole rupiah as printed: "Rp 950.000.000"."""
    return f"Rp {amount:,}".replace(",", ".")


def terbilang(amount: int) -> str:
    """Whole rupiah written out in Indonesian words, capitalised, e.g. 950000000 →
    "Sembilan Ratus Lima Puluh Juta Rupiah" (num2words, lang "id")."""
    return f"{num2words(amount, lang='id')} rupiah".title()


@dataclass(frozen=True)
class Story:
    """The rows a document speaks of: the contract, its package and provider, the
    procurement (None for none), the PPK's name, the office's name, the day of issue,
    the contract's number, the award letter's number and the approved physical
    progress (percent; the handover's)."""

    contract: DeliveryContract
    package: ProjectPackage
    provider: ProcurementProvider
    tender: ProcurementTender | None
    ppk: str
    office: str
    day: date
    contract_number: str | None = None
    award_number: str | None = None
    progress: Decimal | None = None


def _value(story: Story, label: str) -> tuple[tuple[str, str], ...]:
    value = story.contract.value
    return ((label, rupiah(value)), ("Terbilang", terbilang(value)))


def _period(story: Story, begin: date | None = None) -> tuple[str, int] | None:
    """The period "4 Januari 2027 s.d. 30 Juni 2027" from `begin` (default the
    contract's start) and its calendar days (both ends counted); None without dates."""
    starts, ends = begin or story.contract.starts, story.contract.ends
    if starts is None or ends is None:
        return None
    return f"{day_words(starts)} s.d. {day_words(ends)}", (ends - starts).days + 1


def _period_fields(story: Story, begin: date | None = None) -> tuple[tuple[str, str], ...]:
    found = _period(story, begin)
    if found is None:
        return (("Masa pelaksanaan", "-"),)
    return (("Masa pelaksanaan", found[0]), ("Jangka waktu", f"{found[1]} hari kalender"))


def award_letter(story: Story) -> Lines:
    """The SPPBJ: the procurement and its award, the offer's value, the planned period."""
    tender = story.tender
    fields = (("Paket", f"{story.package.code} {story.package.title}"),
              ("Pengadaan", f"{tender.code} ({tender.method})" if tender else "-"),
              ("Penetapan pemenang",
               day_words(tender.awarded_at.date()) if tender and tender.awarded_at else "-"),
              ("Penyedia", story.provider.name),
              *_value(story, "Nilai penawaran"), *_period_fields(story))
    words = (f"Dengan ini {story.provider.name} ditetapkan sebagai penyedia paket "
             f"{story.package.title} dengan nilai {rupiah(story.contract.value)} "
             f"({terbilang(story.contract.value)}). Penyedia diminta menandatangani "
             "kontrak dengan Pejabat Pembuat Komitmen.")
    return fields, (words,)


def contract(story: Story) -> Lines:
    """The contract: its parties, value, period, the award letter it follows."""
    fields = (("Paket", f"{story.package.code} {story.package.title}"),
              ("Nomor SPPBJ", story.award_number or "-"),
              (PPK, f"{story.ppk}, Pejabat Pembuat Komitmen {story.office}"),
              ("Pihak kedua (penyedia)", story.provider.name),
              *_value(story, "Nilai kontrak"), *_period_fields(story))
    words = ("Para pihak sepakat melaksanakan pekerjaan tersebut dengan nilai "
             f"{rupiah(story.contract.value)} ({terbilang(story.contract.value)}) "
             "dalam masa pelaksanaan di atas, dibayar per termin sesuai kemajuan fisik.")
    return fields, (words,)


def notice(story: Story) -> Lines:
    """The SPMK: the order to start the works on a date (the contract's start, or the
    day of issue when that is later) and the period from it."""
    starts = story.contract.starts
    begin = max(starts, story.day) if starts else story.day
    found = _period(story, begin)
    fields = (("Nomor kontrak", story.contract_number or "-"),
              ("Paket", f"{story.package.code} {story.package.title}"),
              ("Penyedia", story.provider.name), *_value(story, "Nilai kontrak"),
              ("Tanggal mulai kerja", day_words(begin)), *_period_fields(story, begin))
    until = f" sampai dengan {day_words(story.contract.ends)}" if story.contract.ends else ""
    days = f" selama {found[1]} hari kalender" if found else ""
    words = (f"Dengan ini Pejabat Pembuat Komitmen memerintahkan {story.provider.name} "
             f"untuk mulai melaksanakan pekerjaan {story.package.title} pada tanggal "
             f"{day_words(begin)}{days}{until}.")
    return fields, (words,)


def handover(story: Story) -> Lines:
    """The BAST: the handover's date, the works, the approved progress (100 %), the
    parties: the PPK receives from the provider."""
    progress = f"{story.progress or Decimal(100):.0f} % (laporan kemajuan disetujui)"
    fields = (("Nomor kontrak", story.contract_number or "-"),
              ("Paket", f"{story.package.code} {story.package.title}"),
              ("Tanggal serah terima", day_words(story.day)),
              ("Progres fisik", progress),
              (PPK, f"{story.ppk}, Pejabat Pembuat Komitmen {story.office}"),
              ("Pihak kedua (penyedia)", story.provider.name),
              *_value(story, "Nilai kontrak"))
    words = (f"Pada hari ini, {long_date(story.day, 'id')}, {story.provider.name} (pihak "
             f"kedua) menyerahkan hasil pekerjaan {story.package.title} dengan progres "
             f"fisik {progress.split(' (')[0]} kepada {story.ppk}, Pejabat Pembuat "
             f"Komitmen {story.office} (pihak pertama), dan pihak pertama menerimanya.")
    return fields, (words,)


WRITERS = {"award_letter": award_letter, "contract": contract, "notice": notice,
           "handover": handover}
