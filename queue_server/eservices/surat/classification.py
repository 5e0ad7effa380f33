"""Classification codes of records (Permendagri 83/2022 on the classification of
records: `000` general affairs … `800` staffing, with sub-codes such as `500.1`) with
their retention schedule (JRA, UU 43/2009 on archives): years active, years inactive,
and the final disposition `musnah` (destroy), `permanen` (keep in the archive) or
`dinilai` (re-appraise). Loaded from a CSV (`klasifikasi.csv`) with the header
`code,title,active_years,inactive_years,disposition`."""

from __future__ import annotations

import csv
import io
import re
from pathlib import Path

from sqlalchemy import select

from queue_server.domain.errors import Words
from queue_server.services.port_cases import CaseWork

from .incoming_errors import ClassificationsInvalid, UnknownClassification, one_of
from .models import SuratClassification

HEADER = ("code", "title", "active_years", "inactive_years", "disposition")
DISPOSITIONS = ("musnah", "permanen", "dinilai")
DATA_FILE = Path(__file__).parent / "klasifikasi.csv"
_CODE = re.compile(r"\d{3}(\.\d{1,3}){0,4}")


def _years(value: str, line: int, name: str) -> int:
    if not value.strip().isdigit() or int(value) > 100:
        raise ClassificationsInvalid(line, f"{name} '{value[:20]}': 0–100")
    return int(value)


def _entry(line: int, row: list[str]) -> dict[str, object]:
    if len(row) != len(HEADER):
        names = ",".join(HEADER)
        raise ClassificationsInvalid(line, Words(f"harus {len(HEADER)} kolom: {names}",
                                                 f"{len(HEADER)} columns needed: {names}"))
    code, title, active, inactive, disposition = (cell.strip() for cell in row)
    if not _CODE.fullmatch(code):
        raise ClassificationsInvalid(line, f"code '{code[:20]}' (000, 500.1, 800.1.2)")
    if not title or len(title) > 200:
        raise ClassificationsInvalid(line, "title: 1–200")
    if disposition not in DISPOSITIONS:
        raise ClassificationsInvalid(line, one_of(DISPOSITIONS, "disposition"))
    return {"code": code, "title": title, "active_years": _years(active, line, "active_years"),
            "inactive_years": _years(inactive, line, "inactive_years"),
            "disposition": disposition}


def parse_csv(text: str) -> list[dict[str, object]]:
    """The entries of a classification CSV, every line checked first. Raises
    ClassificationsInvalid (422 `invalid_config`) naming the line: a wrong header, a
    wrong number of columns, a code not like `500.1`, an empty title, years not 0–100,
    an unknown disposition, a code given twice, no entry at all."""
    rows = list(csv.reader(io.StringIO(text.lstrip("\ufeff"))))
    if not rows or tuple(cell.strip() for cell in rows[0]) != HEADER:
        raise ClassificationsInvalid(1, Words(f"baris kepala harus {','.join(HEADER)}",
                                              f"the header must be {','.join(HEADER)}"))
    entries, seen = [], set()
    for line, row in enumerate(rows[1:], 2):
        if not any(cell.strip() for cell in row):
            continue
        entry = _entry(line, row)
        if entry["code"] in seen:
            raise ClassificationsInvalid(line, Words(f"kode {entry['code']} muncul dua kali",
                                                     f"code {entry['code']} given twice"))
        seen.add(entry["code"])
        entries.append(entry)
    if not entries:
        raise ClassificationsInvalid(2, Words("tidak ada satu kode pun", "no code at all"))
    return entries


def load_csv(uow: CaseWork, text: str) -> int:
    """Load (insert or update by code) the classification codes of the CSV `text` and
    commit; nothing is written when a line is wrong (parse_csv's errors). Codes not in
    the file are kept (letters name them). Returns how many entries were loaded."""
    entries = parse_csv(text)
    with uow:
        session = uow.session  # type: ignore[attr-defined]
        for entry in entries:
            row = session.scalar(select(SuratClassification)
                                 .where(SuratClassification.code == entry["code"]))
            if row is None:
                session.add(SuratClassification(**entry))
            else:
                for key, value in entry.items():
                    setattr(row, key, value)
        uow.commit()
    return len(entries)


def get(uow: CaseWork, code: str) -> SuratClassification:
    """The classification `code` (in the caller's unit of work). Raises
    UnknownClassification (422)."""
    session = uow.session  # type: ignore[attr-defined]
    row = session.scalar(select(SuratClassification)
                         .where(SuratClassification.code == (code or "").strip()))
    if row is None:
        raise UnknownClassification((code or "")[:40])
    return row


def all_codes(uow: CaseWork) -> list[SuratClassification]:
    """Every classification code, in code order."""
    session = uow.session  # type: ignore[attr-defined]
    return list(session.scalars(select(SuratClassification)
                                .order_by(SuratClassification.code)))
