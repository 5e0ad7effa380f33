"""Providers (penyedia) and the blacklist (daftar hitam): the NPWP rule, registering a
provider with its office, blacklist entries one by one or from a CSV, and the check of a
winner against the blacklist on the award date (Perpres 16/2018 as amended by Perpres
12/2021, art. 78: a blacklisted provider may not be awarded a contract while listed)."""

from __future__ import annotations

import csv
import io
import re
from datetime import date
from typing import Any

from sqlalchemy import or_, select

from queue_server.services.auth import Principal

from .access import require_unit
from .errors import BlacklistCsvInvalid, Blacklisted, InvalidNpwp, ProviderNotFound
from .models import ProcurementBlacklist, ProcurementProvider

_SEPARATORS = re.compile(r"[\s.\-]")


def normal_npwp(text: str) -> str:
    """The NPWP as its digits alone: the 15-digit form (00.000.000.0-000.000) or the
    16-digit one (the NIK-based NPWP since PMK 112/2022); dots, dashes and spaces are
    dropped. Raises InvalidNpwp (422) for anything else."""
    digits = _SEPARATORS.sub("", text or "")
    if not digits.isdigit() or len(digits) not in (15, 16):
        raise InvalidNpwp(text or "")
    return digits


def register(uow: Any, who: Principal, office_code: str | None, name: str, npwp: str,
             address: str) -> ProcurementProvider:
    """Create or update (by NPWP) a provider, acting through the office `office_code`
    (kind `provider`; None: known only by name). The procurement unit or the admin
    (ProcurementForbidden 403); ProviderNotFound 404 for an unknown office. Commits."""
    with uow:
        require_unit(uow, who, "mendaftarkan penyedia", "register providers")
        digits = normal_npwp(npwp)
        office_id = None
        if office_code:
            office = uow.offices.by_code(office_code)
            if office is None or office.kind != "provider":
                raise ProviderNotFound(office_code)
            office_id = office.id
        row = uow.session.scalar(select(ProcurementProvider).where(
            ProcurementProvider.npwp == digits))
        if row is None:
            row = ProcurementProvider(npwp=digits, name=name, address=address)
            uow.session.add(row)
        row.name, row.address = name.strip()[:200], address.strip()[:300]
        row.office_id = office_id if office_id is not None else row.office_id
        uow.session.flush()
        uow.commit()
    return row


def add_entry(uow: Any, npwp: str, name: str, reason: str, starts: date, ends: date | None,
              source: str) -> ProcurementBlacklist:
    """Add one blacklist entry in the caller's transaction (NPWP checked; `ends` None: no
    end)."""
    row = ProcurementBlacklist(npwp=normal_npwp(npwp), name=name.strip()[:200],
                               reason=reason.strip(), starts=starts, ends=ends,
                               source=source.strip()[:120])
    uow.session.add(row)
    uow.session.flush()
    return row


def blacklist(uow: Any, who: Principal, entry: dict[str, Any]) -> ProcurementBlacklist:
    """The procurement unit or the admin lists a provider (`npwp`, `name`, `reason`,
    `starts`, `ends`, `source`). Commits."""
    with uow:
        require_unit(uow, who, "mengubah daftar hitam", "change the blacklist")
        row = add_entry(uow, entry["npwp"], entry["name"], entry["reason"], entry["starts"],
                        entry.get("ends"), entry.get("source", ""))
        uow.commit()
    return row


def import_csv(uow: Any, who: Principal, text: str) -> int:
    """Entries from a CSV with the header `npwp,name,reason,starts,ends,source` (dates
    ISO, `ends` may be empty); every line checked before any is written
    (BlacklistCsvInvalid 422 naming the line). Returns how many were added. Commits."""
    with uow:
        require_unit(uow, who, "mengubah daftar hitam", "change the blacklist")
        rows = list(csv.DictReader(io.StringIO(text)))
        parsed = [_csv_row(number, row) for number, row in enumerate(rows, start=2)]
        for item in parsed:
            add_entry(uow, **item)
        uow.commit()
    return len(parsed)


def _csv_row(line: int, row: dict[str, Any]) -> dict[str, Any]:
    try:
        npwp = normal_npwp(row.get("npwp") or "")
        starts = date.fromisoformat((row.get("starts") or "").strip())
        ends_text = (row.get("ends") or "").strip()
        ends = date.fromisoformat(ends_text) if ends_text else None
    except (InvalidNpwp, ValueError) as error:
        raise BlacklistCsvInvalid(line, str(error)) from error
    name, reason = (row.get("name") or "").strip(), (row.get("reason") or "").strip()
    if not name or not reason:
        raise BlacklistCsvInvalid(line, "name and reason are required")
    return {"npwp": npwp, "name": name, "reason": reason, "starts": starts, "ends": ends,
            "source": row.get("source") or ""}


def entry_on(uow: Any, npwp: str, day: date) -> ProcurementBlacklist | None:
    """The blacklist entry naming `npwp` in force on `day` (starts ≤ day ≤ ends), if any."""
    return uow.session.scalar(  # type: ignore[no-any-return]
        select(ProcurementBlacklist).where(
            ProcurementBlacklist.npwp == npwp, ProcurementBlacklist.starts <= day,
            or_(ProcurementBlacklist.ends.is_(None), ProcurementBlacklist.ends >= day))
        .order_by(ProcurementBlacklist.starts).limit(1))


def require_clear(uow: Any, provider: ProcurementProvider, day: date) -> None:
    """Raises Blacklisted (409, naming the entry) when `provider` is listed on `day`."""
    found = entry_on(uow, provider.npwp, day)
    if found is not None:
        raise Blacklisted(provider.name, provider.npwp, found.starts.isoformat(),
                          found.ends.isoformat() if found.ends else "-", found.reason,
                          found.source)


def entries(uow: Any) -> list[dict[str, Any]]:
    """Every blacklist entry, newest first, as JSON."""
    rows = uow.session.scalars(select(ProcurementBlacklist).order_by(
        ProcurementBlacklist.starts.desc(), ProcurementBlacklist.id.desc())).all()
    return [{"id": r.id, "npwp": r.npwp, "name": r.name, "reason": r.reason,
             "starts": r.starts.isoformat(), "ends": r.ends.isoformat() if r.ends else None,
             "source": r.source} for r in rows]
