"""The catalogue of allowed items (kamus usulan) of a cycle: imported by the planning
agency from CSV (`code,name,unit,unit_price,office,category`), all rows or none, and
listed in public. An RW proposes only items of its cycle's active catalogue."""

from __future__ import annotations

import csv
import io
from datetime import date
from pathlib import Path
from typing import Any

from sqlalchemy import select

from queue_server.domain.dates import long_date
from queue_server.domain.errors import Words
from queue_server.services.auth import Principal

from .errors import CatalogueInvalid, CatalogueLocked, ItemNotInCatalogue
from .flow import cycle, require_agency
from .flow import today as city_day
from .models import MusrenbangItem

COLUMNS = ("code", "name", "unit", "unit_price", "office", "category")
DEMO_CSV = Path(__file__).parent / "data" / "catalogue.csv"
MAX_ROWS = 2000
MAX_PRICE = 10**12  # rupiah per unit
# Office kinds that may be an item's responsible office (perangkat daerah that build:
# dinas and badan; a kecamatan or kelurahan is a forum, not the one that builds).
RESPONSIBLE_KINDS = ("dinas", "badan")


def _refuse(number: int, reason: str, reason_en: str) -> dict[str, Any]:
    return {"row": number, "reason": reason, "reason_en": reason_en}


def _row(uow: Any, number: int, raw: dict[str, str], seen: set[str]
         ) -> tuple[dict[str, Any] | None, dict[str, Any] | None]:
    """One CSV row checked: (the item's fields, None) or (None, the refusal)."""
    code, name, unit = (raw.get(k, "").strip() for k in ("code", "name", "unit"))
    if not code or not name or not unit:
        return None, _refuse(number, "kode, nama dan satuan wajib diisi",
                             "code, name and unit are required")
    if len(code) > 40 or len(name) > 200 or len(unit) > 30:
        return None, _refuse(number, "kode/nama/satuan terlalu panjang", "code/name/unit too long")
    if code in seen:
        return None, _refuse(number, f"kode {code} ganda", f"code {code} repeated")
    seen.add(code)  # a repeat is flagged even when this first row is refused
    price = raw.get("unit_price", "").strip()
    if not price.isdigit() or not 0 < int(price) <= MAX_PRICE:
        return None, _refuse(number, "harga satuan harus bilangan bulat rupiah > 0",
                             "unit price must be whole rupiah above 0")
    office = uow.offices.by_code(raw.get("office", "").strip())
    if office is None or office.kind not in RESPONSIBLE_KINDS:
        said = raw.get("office", "")
        return None, _refuse(
            number, f"perangkat daerah {said!r} tidak dikenal atau bukan dinas/badan",
            f"office {said!r} unknown or not a dinas/badan")
    return {"code": code, "name": name, "unit": unit, "unit_price": int(price),
            "office_id": office.id, "category": raw.get("category", "").strip()[:80]}, None


def parse(uow: Any, text: str) -> list[dict[str, Any]]:
    """The CSV's items, every row checked. Raises CatalogueInvalid (422) listing each
    refused row by its line in the spreadsheet (the header is line 1, the first item
    line 2) and reason; a wrong header is line 1."""
    reader = csv.DictReader(io.StringIO(text.lstrip("\ufeff")))
    if tuple(h.strip() for h in (reader.fieldnames or ())) != COLUMNS:
        raise CatalogueInvalid([_refuse(1, "kepala kolom harus " + ",".join(COLUMNS),
                                        "the header must be " + ",".join(COLUMNS))])
    items: list[dict[str, Any]] = []
    refused: list[dict[str, Any]] = []
    seen: set[str] = set()
    for number, raw in enumerate(reader, start=2):
        if number > MAX_ROWS + 1:
            refused.append(_refuse(number, f"lebih dari {MAX_ROWS} baris", f"over {MAX_ROWS} rows"))
            break
        item, refusal = _row(uow, number, {k.strip(): v or "" for k, v in raw.items() if k}, seen)
        items += [item] if item else []
        refused += [refusal] if refusal else []
    if refused or not items:
        raise CatalogueInvalid(refused or [_refuse(2, "tidak ada baris", "no rows")])
    return items


def import_csv(uow: Any, who: Principal | None, year: int, text: str,
               check: bool = True, today: date | None = None) -> int:
    """Import the catalogue of `year`'s cycle (the agency's: 403 otherwise; `check=False`
    for the demo): items created or updated by code; items not in the file become
    inactive. All rows or none (CatalogueInvalid 422); only before the submission phase
    starts (CatalogueLocked 409; `today` the city's date, by default the runtime clock's;
    not checked with `check=False`). Commits; returns the rows."""
    with uow:
        if check:
            require_agency(uow, who)
        row = cycle(uow, year)
        starts = date.fromisoformat(row.phases["submission"]["starts"])
        if check and today is None:
            from queue_server.runtime import current

            today = city_day(current().clock)
        if today is not None and today >= starts:
            raise CatalogueLocked(row.year, Words(long_date(starts, "id"),
                                                  long_date(starts, "en")))
        items = parse(uow, text)
        known = {i.code: i for i in uow.session.scalars(
            select(MusrenbangItem).where(MusrenbangItem.cycle_id == row.id))}
        for item in items:
            found = known.pop(item["code"], None) or MusrenbangItem(cycle_id=row.id)
            for key, value in item.items():
                setattr(found, key, value)
            found.active = True
            uow.session.add(found)
        for stale in known.values():
            stale.active = False
        uow.commit()
    return len(items)


def items(uow: Any, cycle_id: int, active_only: bool = True) -> list[MusrenbangItem]:
    """The cycle's catalogue by code."""
    query = select(MusrenbangItem).where(MusrenbangItem.cycle_id == cycle_id)
    if active_only:
        query = query.where(MusrenbangItem.active.is_(True))
    return list(uow.session.scalars(query.order_by(MusrenbangItem.code)))


def item(uow: Any, cycle_id: int, code: str) -> MusrenbangItem:
    """The active item `code` of the cycle. Raises ItemNotInCatalogue (422)."""
    found = uow.session.scalar(select(MusrenbangItem).where(
        MusrenbangItem.cycle_id == cycle_id, MusrenbangItem.code == (code or "").strip(),
        MusrenbangItem.active.is_(True)))
    if found is None:
        raise ItemNotInCatalogue((code or "")[:40])
    return found  # type: ignore[no-any-return]


def describe(uow: Any, row: MusrenbangItem) -> dict[str, Any]:
    """An item as the API and pages show it (office by code and name)."""
    office = uow.offices.by_id(row.office_id)
    return {"code": row.code, "name": row.name, "unit": row.unit, "unit_price": row.unit_price,
            "office": office.code if office else None,
            "office_name": office.name if office else None,
            "category": row.category}
