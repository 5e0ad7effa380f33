"""SSW's permit catalogue (data: catalogue.yaml): what each permit needs (documents,
fee, deadline in working days, validity, reviewing offices, inspection and its
checklist) and the text of the permit issued. Loaded by the demo hook and by the admin
route; read by every step of an application."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from sqlalchemy import select

from queue_server.services.port_cases import CaseWork
from queue_server.services.yaml_text import read_yaml

from . import DESK_OFFICE
from .errors import CatalogueInvalid, PermitTypeNotFound
from .models import SswPermitType
from .store import session_of

CATALOGUE = Path(__file__).parent / "catalogue.yaml"
# Accepted document types, as the catalogue names them → content types.
TYPES = {"pdf": "application/pdf", "jpeg": "image/jpeg", "png": "image/png"}


def default_catalogue() -> list[dict[str, Any]]:
    """The catalogue shipped with the module (catalogue.yaml)."""
    data = read_yaml(CATALOGUE)
    return list(data)


def _documents(code: str, items: Any) -> list[dict[str, Any]]:
    if not isinstance(items, list) or not items:
        raise CatalogueInvalid(f"{code}: documents must be a non-empty list")
    out = []
    for item in items:
        types = list(item.get("types") or [])
        if not item.get("code") or not item.get("name") or not types \
                or set(types) - TYPES.keys():
            raise CatalogueInvalid(f"{code}: document {item.get('code')!r} needs code, "
                                   "name and types among pdf, jpeg, png")
        out.append({"code": str(item["code"]), "name": str(item["name"]),
                    "name_en": str(item.get("name_en") or item["name"]),
                    "required": bool(item.get("required", True)), "types": types,
                    # an identity document (KTP): personal data, opened only by those
                    # who see the applicant's identity (views_parts.document_rows)
                    "personal": bool(item.get("personal", False))})
    return out


def _reviewers(uow: CaseWork, code: str, items: Any) -> list[dict[str, Any]]:
    out = []
    for item in items or []:
        office = str(item.get("office") or "")
        if uow.offices.by_code(office) is None:
            raise CatalogueInvalid(f"{code}: unknown reviewing office {office!r}")
        days = item.get("days")
        if not isinstance(days, int) or days < 1:
            raise CatalogueInvalid(f"{code}: review by {office} needs days ≥ 1")
        out.append({"office": office, "days": days})
    return out


def _fields(uow: CaseWork, entry: dict[str, Any]) -> dict[str, Any]:
    """The row's fields of one catalogue entry, checked (CatalogueInvalid 422)."""
    code = str(entry.get("code") or "")
    if not code or not entry.get("name"):
        raise CatalogueInvalid("every permit needs code and name")
    days, fee, months = entry.get("days"), entry.get("fee", 0), entry.get("validity_months")
    if not isinstance(days, int) or days < 1 or not isinstance(fee, int) or fee < 0 \
            or (months is not None and (not isinstance(months, int) or months < 1)):
        raise CatalogueInvalid(f"{code}: days ≥ 1, fee ≥ 0 rupiah, validity_months ≥ 1 "
                               "or null")
    template = entry.get("template") or {}
    if not template.get("title") or not isinstance(template.get("paragraphs"), list):
        raise CatalogueInvalid(f"{code}: template needs title and paragraphs")
    checklist = [{"code": str(i["code"]), "text": str(i["text"]),
                  "text_en": str(i.get("text_en") or i["text"])}
                 for i in entry.get("checklist") or []]
    if entry.get("inspection") and not checklist:
        raise CatalogueInvalid(f"{code}: an inspection needs a checklist")
    return {"name": str(entry["name"]), "name_en": str(entry.get("name_en") or ""),
            "documents": _documents(code, entry.get("documents")), "fee": fee,
            "days": days, "validity_months": months,
            "reviewers": _reviewers(uow, code, entry.get("reviewers")),
            "inspection": bool(entry.get("inspection")), "checklist": checklist,
            "template": {"title": str(template["title"]),
                         "paragraphs": [str(p) for p in template["paragraphs"]]},
            "active": bool(entry.get("active", True))}


def load_catalogue(uow: CaseWork, data: list[dict[str, Any]]) -> int:
    """Create or update the permit types of `data` (catalogue.yaml's shape), every entry
    checked before any is written (CatalogueInvalid 422; the issuing office dpmptsp must
    exist). Returns how many were loaded. Commits."""
    if not isinstance(data, list):
        raise CatalogueInvalid("the catalogue is a list of permits")
    with uow:
        desk = uow.offices.by_code(DESK_OFFICE)
        if desk is None:
            raise CatalogueInvalid(f"the issuing office {DESK_OFFICE} is not configured")
        checked = [(str(entry.get("code")), _fields(uow, entry)) for entry in data]
        session: Any = session_of(uow)
        for position, (code, fields) in enumerate(checked):
            row = session.scalar(select(SswPermitType).where(SswPermitType.code == code))
            if row is None:
                row = SswPermitType(code=code, office_id=desk.id, **fields)
                session.add(row)
            else:
                for name, value in fields.items():
                    setattr(row, name, value)
            row.position = position
        uow.commit()
    return len(checked)


def permit_types(uow: CaseWork, active_only: bool = True) -> list[SswPermitType]:
    """The catalogue's permits in their order (only active ones unless told); inside
    the caller's unit of work (`with uow:`)."""
    query = select(SswPermitType).order_by(SswPermitType.position, SswPermitType.code)
    if active_only:
        query = query.where(SswPermitType.active.is_(True))
    return list(session_of(uow).scalars(query).all())


def permit_type(uow: CaseWork, code: str) -> SswPermitType:
    """The permit of `code`, inside the caller's unit of work. Raises
    PermitTypeNotFound (404)."""
    row = session_of(uow).scalar(
        select(SswPermitType).where(SswPermitType.code == (code or "")[:40]))
    if row is None:
        raise PermitTypeNotFound((code or "")[:40])
    return row  # type: ignore[no-any-return]


def describe(row: SswPermitType) -> dict[str, Any]:
    """A permit as the public catalogue shows it (JSON-ready)."""
    return {"code": row.code, "name": row.name, "name_en": row.name_en,
            "documents": row.documents, "fee": row.fee, "days": row.days,
            "validity_months": row.validity_months,
            "reviewers": row.reviewers, "inspection": row.inspection,
            "checklist": row.checklist, "template": row.template, "active": row.active}
