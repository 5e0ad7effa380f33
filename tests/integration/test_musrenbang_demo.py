"""e-Musrenbang's demo: this budget year's cycle, twelve proposals of Kedungdoro's RWs
accepted, rejected or lapsed (its phases are over), ranked (one out of the kelurahan's
ceiling), the kecamatan minutes issued, at least three accepted dsdabm proposals within
the ceiling (one ≥ Rp 400 juta, for a tender); loading it twice changes nothing. Its
public pages read it."""

from __future__ import annotations

from typing import Any

import pytest
from sqlalchemy import func, select

from queue_server.eservices.planning.musrenbang.demo import load_demo
from queue_server.eservices.planning.musrenbang.models import MusrenbangProposal
from queue_server.persistence.case_models import Case
from queue_server.persistence.uow import SqlUnitOfWork

pytestmark = pytest.mark.sqlite_only("the demo's rows are the same on both databases")


def test_the_demo_chain_starts_here_and_loads_once(app: Any, client: Any, engine: Any) -> None:
    load_demo(app)
    load_demo(app)
    with SqlUnitOfWork(engine) as uow:
        rows = uow.session.execute(select(MusrenbangProposal, Case.state).join(
            Case, Case.id == MusrenbangProposal.case_id)).all()
        assert uow.session.scalar(select(func.count()).select_from(MusrenbangProposal)) == 12
        offices = {o.id: o.code for o in uow.offices.all()}
    states = {state for _, state in rows}
    assert states == {"lapsed", "accepted", "rejected"}  # every phase has ended: none pending
    with SqlUnitOfWork(engine) as uow:  # each step was due at its phase's end, not before
        cases = uow.session.scalars(select(Case).where(Case.module == "planning")).all()
        lapsed = [e for c in cases for e in uow.cases.events(c.id, True) if e.action == "lapse"]
    assert len(lapsed) == 4 and any("Kecamatan Tegalsari tidak memprosesnya" in e.comment
                                    for e in lapsed)
    ready = [p for p, state in rows if state == "accepted" and p.within_ceiling
             and offices[p.office_id] == "dsdabm"]
    assert len(ready) >= 3 and max(p.amount for p in ready) >= 400_000_000
    fell = [p for p, _ in rows if p.within_ceiling is False]
    assert len(fell) == 1 and fell[0].fell_out.startswith("pagu kelurahan tersisa Rp ")
    page = client.get("/musrenbang").get_data(as_text=True)
    assert "Kelurahan Kedungdoro" in page and "/v/" in page
    assert "tidak masuk pagu" in page and "Tidak diproses sampai fase berakhir" in page
    english = client.get("/musrenbang?lang=en").get_data(as_text=True)
    assert "within the ceiling" in english and "Phases" in english
