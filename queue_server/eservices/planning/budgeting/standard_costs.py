"""The standard-cost list (standar satuan harga, SSH) of a year: loaded from CSV
(`code,name,unit,price`) all or nothing, each refused row named with its reason."""

from __future__ import annotations

import csv
import io
from collections.abc import Sequence
from typing import Any

from sqlalchemy import select

from queue_server.services.auth import Principal

from .access import require, who_is
from .errors import StandardCostsInvalid
from .models import BudgetStandardCost
from .rules import MAX_RUPIAH

COLUMNS = ("code", "name", "unit", "price")
LIMITS = {"code": 40, "name": 200, "unit": 30}


def _refusal(row: dict[str, str], seen: set[str]) -> tuple[str, str] | None:
    for column in COLUMNS:
        if not (row.get(column) or "").strip():
            return f"kolom {column} kosong", f"column {column} is empty"
    for column, limit in LIMITS.items():
        if len(row[column].strip()) > limit:
            return (f"kolom {column} lebih dari {limit} karakter",
                    f"column {column} is longer than {limit} characters")
    price = row["price"].strip()
    if not (price.isascii() and price.isdigit()) or not 0 < int(price) <= MAX_RUPIAH:
        return (f"harga {price} bukan rupiah bulat positif",
                f"price {price} is not a positive whole number of rupiah")
    if row["code"].strip() in seen:
        return f"kode {row['code'].strip()} terulang", f"code {row['code'].strip()} repeats"
    return None


def _refused(row: int, why_id: str, why_en: str) -> StandardCostsInvalid:
    return StandardCostsInvalid([{"row": row, "reason_id": why_id, "reason": why_en}])


def parse(text: str) -> list[dict[str, Any]]:
    """The rows of a standard-cost CSV (header `code,name,unit,price`; price in whole
    rupiah) as dicts; `StandardCostsInvalid` (422) naming every refused row (1 = the
    first row after the header; 0 the header or the file) and why, if any is."""
    try:
        read = list(csv.reader(io.StringIO(text.lstrip("\ufeff"), newline="")))
    except csv.Error as exc:
        raise _refused(0, f"bukan CSV yang sah ({exc})", f"not a valid CSV ({exc})") from exc
    if not read or tuple(c.strip() for c in read[0]) != COLUMNS:
        raise _refused(0, "kepala kolom harus code,name,unit,price",
                       "the header must be code,name,unit,price")
    rows: list[dict[str, Any]] = []
    refused: list[dict[str, Any]] = []
    seen: set[str] = set()
    for number, cells in enumerate(read[1:], start=1):
        if not any(cell.strip() for cell in cells):
            continue  # a blank line (a spreadsheet's trailing one)
        row = dict(zip(COLUMNS, cells, strict=False))
        why = _refusal(row, seen)
        if why is not None:
            refused.append({"row": number, "reason_id": why[0], "reason": why[1]})
            continue
        seen.add(row["code"].strip())
        rows.append({k: row[k].strip() for k in COLUMNS} | {"price": int(row["price"])})
    if refused or not rows:
        raise StandardCostsInvalid(refused) if refused else _refused(
            1, "tidak ada baris harga", "there are no rows of prices")
    return rows


def load(uow: Any, who: Principal, year: int, text: str) -> int:
    """Create or update (by code) the standard costs of `year` from the CSV `text`, all
    or nothing; the agency (bappedalitbang) or the admin only (`BudgetForbidden` 403).
    Returns how many rows were loaded."""
    with uow:
        caller = who_is(uow, who)
        require(caller.agency or caller.admin, "memuat standar harga", "load standard costs")
        rows = parse(text)
        known = {c.code: c for c in uow.session.scalars(
            select(BudgetStandardCost).where(BudgetStandardCost.year == year))}
        for row in rows:
            cost = known.get(row["code"])
            if cost is None:
                uow.session.add(BudgetStandardCost(year=year, **row))
            else:
                cost.name, cost.unit, cost.price = row["name"], row["unit"], row["price"]
        uow.commit()
    return len(rows)


def listed(uow: Any, who: Principal, year: int) -> Sequence[BudgetStandardCost]:
    """The standard costs of `year`, by code (any staff reads them; others 403)."""
    with uow:
        who_is(uow, who)
        return uow.session.scalars(select(BudgetStandardCost).where(
            BudgetStandardCost.year == year).order_by(BudgetStandardCost.code)).all()
