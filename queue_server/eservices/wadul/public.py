"""How a complaint reads on the shared public page `/c/{code}` and in public lists."""

from __future__ import annotations

from typing import Any

from queue_server.services.port_cases import CaseRow, CaseWork

from .store import WadulStore


def public_view(uow: CaseWork, case: CaseRow) -> dict[str, Any] | None:
    """The complaint's public fields, or None for a confidential one (never public):
    `title` (the category), `summary` (the description), `fields` (label, value pairs in
    Indonesian: kelurahan, address, channel), `photos` (file ids), `office` (name). An
    anonymous complaint shows the same: the reporter is never part of it."""
    store = WadulStore(uow)
    report = store.report(case.id)
    if report is None or report.confidential:
        return None
    category = store.category_by_id(report.category_id)
    office = uow.offices.by_id(case.office_id) if case.office_id is not None else None
    fields = [["Kategori", category.name if category else ""],
              ["Kelurahan", report.kelurahan]]
    if report.address:
        fields.append(["Alamat", report.address])
    return {"title": f"Pengaduan: {category.name if category else ''}".strip(),
            "summary": report.description, "fields": fields,
            "photos": [f.id for f in uow.cases.files(case.id) if f.kind == "photo"],
            "office": office.name if office else None}
