"""Complaint categories: the public list (with each one's office and days to answer),
the admin's change of one, and loading them from data (`categories.yaml`, the demo's)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from queue_server.services.auth import ADMIN, Principal
from queue_server.services.port_cases import CaseWork
from queue_server.services.yaml_text import read_yaml

from .domain import CategoryUnknown, InvalidCategory, OfficeUnknown, WadulForbidden, offered
from .models import WadulCategory
from .store import WadulStore

CATEGORIES_FILE = Path(__file__).parent / "categories.yaml"
MAX_DAYS = 60  # working days an office may be given to answer (SP4N-LAPOR! caps at 60)


def _row(uow: CaseWork, row: WadulCategory) -> dict[str, Any]:
    office = uow.offices.by_id(row.office_id)
    return {"code": row.code, "name": row.name, "name_en": row.name_en,
            "office": office.code if office else None,
            "office_name": office.name if office else None,
            "office_name_en": (office.name_en or office.name) if office else None,
            "days": row.days,
            "redirect": row.redirect, "redirect_en": row.redirect_en, "active": row.active,
            "position": row.position}


def categories(uow: CaseWork, active_only: bool = True) -> list[dict[str, Any]]:
    """The categories in their order, each `{code, name, name_en, office (code),
    office_name, office_name_en, days (working days to answer), redirect and redirect_en
    (emergencies: where to go instead, in Indonesian and English, else null), active,
    position}`;
    `active_only`: those taking complaints (domain.offered: their office active too)."""
    with uow:
        rows = [_row(uow, row) for row in WadulStore(uow).categories(active_only)]
        if active_only:  # a deactivated office's categories take nothing either
            rows = [row for row in rows if _office_active(uow, row["office"])]
        return rows


def _office_active(uow: CaseWork, code: str | None) -> bool:
    office = uow.offices.by_code(code) if code else None
    return office is not None and offered(True, bool(office.active))


def _fields(uow: CaseWork, entry: dict[str, Any], position: int | None) -> dict[str, Any]:
    """A category's columns from a data entry. Raises OfficeUnknown, InvalidCategory."""
    office = uow.offices.by_code(str(entry.get("office") or ""))
    if office is None:
        raise OfficeUnknown(str(entry.get("office")))
    days = entry.get("days", 5)
    name = " ".join(str(entry.get("name") or "").split())
    if isinstance(days, bool) or not isinstance(days, int) or not 1 <= days <= MAX_DAYS:
        raise InvalidCategory(f"days 1-{MAX_DAYS}")
    if not 2 <= len(name) <= 120:
        raise InvalidCategory("name 2-120")
    fields: dict[str, Any] = {
        "name": name, "name_en": str(entry.get("name_en") or "")[:120], "office_id": office.id,
        "days": days, "redirect": (str(entry.get("redirect") or "").strip()[:300] or None),
        "redirect_en": (str(entry.get("redirect_en") or "").strip()[:300] or None),
        "active": bool(entry.get("active", True))}
    if position is not None:
        fields["position"] = position
    return fields


def put_category(uow: CaseWork, principal: Principal, code: str,
                 entry: dict[str, Any]) -> dict[str, Any]:
    """The admin creates or changes the category `code` (`name`, `name_en`, `office`
    code, `days`, `redirect`, `active`, `position`). Raises WadulForbidden (403, not the
    admin), OfficeUnknown, InvalidCategory (422). Commits; returns the category."""
    if principal.kind != "staff" or principal.role != ADMIN:
        raise WadulForbidden("mengubah kategori", "change categories")
    if not code or len(code) > 40:
        raise CategoryUnknown(code[:40])
    with uow:
        position = entry.get("position")
        fields = _fields(uow, entry, position if isinstance(position, int) else None)
        row = WadulStore(uow).put_category(code, **fields)
        body = _row(uow, row)
        uow.commit()
    return body


def load_categories(uow: CaseWork, entries: list[dict[str, Any]] | None = None) -> int:
    """Create or update the categories of `entries` (default: categories.yaml), in their
    order, by code (idempotent). Their offices must exist (OfficeUnknown). Commits;
    returns how many entries were loaded."""
    if entries is None:
        entries = read_yaml(CATEGORIES_FILE)["categories"]
    with uow:
        store = WadulStore(uow)
        for position, entry in enumerate(entries):
            store.put_category(str(entry["code"]), **_fields(uow, entry, position))
        uow.commit()
    return len(entries)
