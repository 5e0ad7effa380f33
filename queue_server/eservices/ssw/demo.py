"""SSW's demo data (the "demo" hook `serve --demo` runs after config/demo.yaml): the
permit catalogue (always: idempotent), and, when there is no application yet, a dozen
applications in every state, filed some working days ago and moved through the real use
cases by the demo users (desk `dpmptsp`, reviewers `opd` for DSDABM and `dlh`, inspector
`pengawas`, head `kepala-dpmptsp`), two of them issued as signed, valid permits (so
`GET /api/v1/documents` lists a permit from the first start) and one revoked."""

from __future__ import annotations

import io
from dataclasses import dataclass, field
from datetime import datetime, time
from functools import lru_cache
from typing import Any
from zoneinfo import ZoneInfo

from sqlalchemy import func, select

from queue_server.persistence.case_file_store import file_store
from queue_server.persistence.document_store import document_store
from queue_server.services.auth import Principal
from queue_server.services.cases import public_ref
from queue_server.services.closures import calendar as city_calendar
from queue_server.signing import signer_of

from . import checks, decisions, inspections, reviews
from .applications import apply
from .catalogue import default_catalogue, load_catalogue, permit_type
from .demo_data import DEMO, DemoApp
from .models import SswApplication
from .store import latest_documents


@dataclass
class DemoClock:
    """A clock the loader sets back (services.ports.Clock)."""

    at: datetime = field(default_factory=lambda: datetime.now(ZoneInfo("UTC")))

    def now(self) -> datetime:
        return self.at


@lru_cache(maxsize=4)
def demo_file(kind: str) -> bytes:
    """A small file of `kind` (pdf, png, jpeg) standing for a scanned document."""
    if kind == "pdf":
        from queue_server.pdf import Layout, render

        return render(Layout("Dokumen contoh", "SALINAN DOKUMEN", "http://localhost/"))
    from PIL import Image

    out = io.BytesIO()
    Image.new("RGB", (64, 48), (200, 180, 120)).save(out, "PNG" if kind == "png" else "JPEG")
    return out.getvalue()


def load_demo(app: Any) -> None:
    """Load the catalogue and, when SSW has no application yet and the demo's offices and
    users exist, the demo applications."""
    rt = app.extensions["antrian"]
    with rt.uow() as uow:
        if uow.offices.by_code("dpmptsp") is None:
            return
    load_catalogue(rt.uow(), default_catalogue())
    with rt.uow() as uow:
        if uow.session.scalar(select(func.count()).select_from(SswApplication)) or \
                uow.staff.user_by_username("kepala-dpmptsp") is None:
            return
        cal = city_calendar(uow)
    zone = ZoneInfo(str(app.config.get("CITY_TIMEZONE", "Asia/Jakarta")))
    today = rt.clock.now().astimezone(zone).date()
    files: dict[str, bytes] = {}
    # oldest first: the references, the permits' numbers and their dates in one order
    for number, entry in enumerate(sorted(DEMO, key=lambda e: -e.ago)):
        day = cal.add_working_days(today, -entry.ago)
        clock = DemoClock(datetime.combine(day, time(9, 5 * number), zone))
        _one(app, rt, clock, entry, files)


def _one(app: Any, rt: Any, clock: DemoClock, entry: DemoApp, files: dict[str, bytes]) -> None:
    """File `entry` at `clock`, then take its steps."""
    with rt.uow() as uow:
        permit = permit_type(uow, entry.permit)
        docs = permit.documents
    sent = {d["code"]: (files.setdefault(d["types"][0], demo_file(d["types"][0])),
                        f"{d['code']}.{d['types'][0]}") for d in docs}
    case = apply(rt.uow(), clock, entry.application, sent, file_store(app.instance_path),
                 {**app.config, "NOTIFY_WEBHOOK_URL": None})
    ref = public_ref(case)
    for step in entry.steps:
        _step(app, rt, clock, ref, step)


def _who(rt: Any, username: str) -> Principal:
    with rt.uow() as uow:
        user = uow.staff.user_by_username(username)
    assert user is not None, f"demo user {username} (config/demo.yaml)"
    return Principal("staff", user.id, user.username, user.role, user.facility_id)


def _step(app: Any, rt: Any, clock: DemoClock, ref: str, step: str) -> None:
    """One step word of demo_data: accept (every pending document), flag:<code>,
    review:<office>:ok|object, inspect:pass|fail, issue, reject, revoke."""
    name, _, arg = step.partition(":")
    if name == "accept":
        with rt.uow() as uow:
            case = uow.cases.by_id(int(ref.split("-")[1]))
            codes = [r for r, row in latest_documents(uow, case.id).items()
                     if row.state == "pending"]
        for code in codes:
            checks.check_document(rt.uow(), clock, _who(rt, "dpmptsp"), ref, code, True, "")
    elif name == "flag":
        checks.check_document(rt.uow(), clock, _who(rt, "dpmptsp"), ref, arg, False,
                              "Hasil pindaian buram, mohon unggah ulang yang terbaca jelas.")
    elif name == "review":
        office, _, verdict = arg.partition(":")
        reviews.decide_review(rt.uow(), clock, _who(rt, {"dsdabm": "opd"}.get(office, office)),
                              ref, office, verdict == "ok", "" if verdict == "ok" else
                              "Lokasi berada di sempadan saluran; perlu kajian ulang.")
    elif name == "inspect":
        _inspect(rt, clock, ref, arg)
    else:
        _decide(app, rt, clock, ref, name)


def _inspect(rt: Any, clock: DemoClock, ref: str, result: str) -> None:
    with rt.uow() as uow:
        case = uow.cases.by_id(int(ref.split("-")[1]))
        from .flow import application, permit_of

        checklist = permit_of(uow, application(uow, case)).checklist
    answers = {item["code"]: {"ok": result == "pass", "note": ""} for item in checklist}
    inspections.record_inspection(rt.uow(), clock, _who(rt, "pengawas"), ref, answers,
                                  result, "" if result == "pass" else "Konstruksi miring.")


def _decide(app: Any, rt: Any, clock: DemoClock, ref: str, name: str) -> None:
    head = _who(rt, "kepala-dpmptsp")
    if name == "issue":
        base = str(app.config.get("PUBLIC_URL") or "http://localhost:5000")
        decisions.issue_permit(rt.uow(), clock, head, ref, signer_of(app),
                               document_store(app.instance_path), base)
    elif name == "reject":
        decisions.reject(rt.uow(), clock, head, ref, "Lokasi usaha tidak sesuai peruntukan "
                         "ruang (zona permukiman).")
    elif name == "revoke":
        decisions.revoke_permit(rt.uow(), clock, head, ref, "Reklame dipasang melebihi "
                                "ukuran yang diizinkan.")
