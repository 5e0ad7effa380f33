"""e-Wadul's demo data (the "demo" hook `serve --demo` runs after config/demo.yaml): the
twenty categories, and, when there are no complaints yet, a few in different states
(received, forwarded, in progress, answered, closed with a rating, one anonymous, one
confidential) so every screen has something to show."""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from queue_server.services.cases import CITIZEN, Actor, Step, act

from . import MODULE, WORKFLOW
from .categories import load_categories
from .filing import FileConfig, ReportIn, _open, file_config
from .store import WadulStore

DESK = Actor("staff:mediacenter", frozenset({"desk"}))
OFFICE = Actor("staff:opd", frozenset({"office"}))

# (category, description, kelurahan, flags, the actions taken after filing)
DEMO_REPORTS: list[tuple[str, str, str, dict[str, Any], list[Step]]] = [
    ("jalan-rusak", "Jalan berlubang besar di depan SD negeri, sudah dua minggu.",
     "Tegalsari", {}, []),
    ("sampah", "Sampah di TPS belum diangkut sejak Senin, bau menyengat.", "Wonokromo",
     {"anonymous": True}, [Step("verify"), Step("forward", office_id=-1)]),
    ("lampu-pju", "Tiga lampu PJU mati di sepanjang jalan kampung, rawan di malam hari.",
     "Darmo", {}, [Step("verify"), Step("forward", office_id=-1), Step("accept")]),
    ("saluran-banjir", "Saluran air tersumbat, tiap hujan air masuk rumah warga.",
     "Keputran", {"confidential": True},
     [Step("verify"), Step("forward", office_id=-1), Step("accept"),
      Step("answer", "Saluran sudah dibersihkan oleh satgas pada hari Rabu.")]),
    ("pohon-tumbang", "Pohon besar miring ke arah kabel listrik di taman kota.",
     "Dr. Soetomo", {},
     [Step("verify"), Step("forward", office_id=-1), Step("accept"),
      Step("answer", "Pohon sudah dipangkas oleh petugas DLH."),
      Step("rate", data={"rating": 5})]),
]


def _actor(step: Step) -> Actor:
    if step.action in ("accept", "answer"):
        return OFFICE
    return CITIZEN if step.action == "rate" else DESK


def load_demo(app: Any) -> None:
    """Load the categories (always: idempotent) and, when e-Wadul has no complaint yet,
    the demo complaints. Needs config/demo.yaml's offices in the database."""
    rt = app.extensions["antrian"]
    load_categories(rt.uow())
    cfg = file_config(app)
    with rt.uow() as uow:
        if WadulStore(uow).count_reports():
            return
    for category, text, place, flags, steps in DEMO_REPORTS:
        _one(rt, cfg, ReportIn(category, text, place, channel="web", **flags), steps)


def _one(rt: Any, cfg: FileConfig, report: ReportIn, steps: list[Step]) -> None:
    with rt.uow() as uow:
        case = _open(uow, rt.clock, cfg, report, True, (None, None, "Warga Demo"), CITIZEN,
                     None)
        store = WadulStore(uow)
        row = store.report(case.id)
        category = store.category_by_id(row.category_id) if row else None
        for planned in steps:
            step = replace(planned, data=dict(planned.data))  # the plan stays as written
            if step.office_id == -1 and category is not None:
                step.office_id = category.office_id
            if step.action == "accept" and category is not None:
                step.state_days = category.days
            act(uow, rt.clock, WORKFLOW, case, step, _actor(step), timezone=cfg.timezone)
            if row is not None and step.action == "answer":
                row.answered_at = rt.clock.now()
            if row is not None and step.action == "rate":
                row.rating = step.data["rating"]
        uow.commit()


__all__ = ["MODULE", "load_demo"]
