"""e-Musrenbang's RW chair after sending (fix 18I): the sent notice names the reference
once; a closed submission phase says so with its dates instead of offering the form; a
returned proposal is edited and sent again from the page (or the API, keeping fields not
sent), back to the step that returned it while that step's phase runs; a proposal not yet
verified is withdrawn; a proposal nobody acted on before its phase ended is closed by the
sweep as lapsed, naming who did not act; the office's step is its staff's or head's."""

from __future__ import annotations

import re
from typing import Any

import pytest

from queue_server.services.cases import city_today
from tests.integration.test_musrenbang_pages import _signed_in
from tests.integration.test_musrenbang_support import (
    YEAR,
    act,
    call,
    move_phases,
    propose,
    set_up,
)

pytestmark = pytest.mark.sqlite_only("pages and rules over rows both databases hold alike")


def _state(client: Any, ref: str) -> str:
    return str(call(client, "admin", "GET", f"/proposals/{ref}").get_json()["state"])


def _form(token: str, **extra: str) -> dict[str, str]:
    return {"csrf_token": token, "item": "PJU", "quantity": "1", "location": "Gg. I",
            "priority": "1", "justification": "", "lat": "", "lon": "", **extra}


def test_the_sent_notice_names_the_ref_once_and_a_closed_phase_offers_no_form(
        client: Any, clock: Any, engine: Any) -> None:
    today = city_today(clock, "Asia/Jakarta")
    set_up(client, today)
    token = _signed_in(client, "rw01", "/musrenbang/rw")
    sent = client.post("/musrenbang/rw", data=_form(token)).get_data(as_text=True)
    notice = re.search(r'<p class="notice"[^>]*>(.*?)</p>', sent, re.S).group(1)  # type: ignore[union-attr]
    shown = re.sub(r"<[^>]+>", "", notice)  # what a person reads
    assert shown.count(f"USL-{YEAR}-0001") == 1 and "Usulan terkirim" in shown
    move_phases(engine, today, "kecamatan")
    page = client.get("/musrenbang/rw").get_data(as_text=True)
    assert 'id="proposal-form"' not in page and "sedang tutup" in page
    assert re.search(r"pengajuan usulan RW \([A-Z][a-z]+, \d+ \w+ \d{4} s\.d\.", page)


def test_a_returned_proposal_is_edited_and_sent_again_from_the_page(
        client: Any, clock: Any) -> None:
    set_up(client, city_today(clock, "Asia/Jakarta"))
    ref = propose(client, priority=3).get_json()["ref"]
    assert act(client, "kelurahan", ref, "return", "Sebutkan gangnya").status_code == 200
    token = _signed_in(client, "rw01", "/musrenbang/rw")
    page = client.get("/musrenbang/rw").get_data(as_text=True)
    assert f'href="/musrenbang/rw/{ref}"' in page
    edit = client.get(f"/musrenbang/rw/{ref}").get_data(as_text=True)
    assert "Sebutkan gangnya" in edit and 'value="Gg. II"' in edit and 'value="3"' in edit
    assert f'action="/musrenbang/rw/{ref}"' in edit
    refused = client.post(f"/musrenbang/rw/{ref}", data=_form(token, quantity="0",
                                                            location="Gg. III no. 5"))
    assert refused.status_code == 422 and 'value="Gg. III no. 5"' in refused.get_data(as_text=True)
    sent = client.post(f"/musrenbang/rw/{ref}", data=_form(token, location="Gg. III no. 5"))
    assert sent.status_code == 200 and "Usulan dikirim lagi" in sent.get_data(as_text=True)
    assert _state(client, ref) == "submitted"


def test_the_api_edit_keeps_fields_not_sent(client: Any, clock: Any) -> None:
    set_up(client, city_today(clock, "Asia/Jakarta"))
    ref = propose(client, priority=4).get_json()["ref"]
    act(client, "kelurahan", ref, "return", "Volume terlalu besar")
    edited = call(client, "rw01", "PUT", f"/proposals/{ref}", {"quantity": "1"})
    assert edited.status_code == 200, edited.get_json()
    shown = edited.get_json()
    assert (shown["priority"], shown["location"], shown["quantity"]) == (4, "Gg. II", 1.0)


def test_a_proposal_is_withdrawn_before_verification_only(client: Any, clock: Any) -> None:
    set_up(client, city_today(clock, "Asia/Jakarta"), rw_ceiling=13_000_000)
    first = propose(client).get_json()["ref"]  # 2 × Rp 6.500.000: the whole ceiling
    assert call(client, "rw02", "POST", f"/proposals/{first}/withdraw").status_code == 403
    token = _signed_in(client, "rw01", "/musrenbang/rw")
    done = client.post(f"/musrenbang/rw/{first}/tarik", data={"csrf_token": token})
    assert done.status_code == 200 and "Usulan ditarik" in done.get_data(as_text=True)
    assert _state(client, first) == "withdrawn"
    second = propose(client).get_json()["ref"]  # the money is free again
    act(client, "kelurahan", second, "verify")
    late = call(client, "rw01", "POST", f"/proposals/{second}/withdraw")
    assert late.status_code == 409


def test_a_return_by_the_office_goes_back_to_the_office(client: Any, clock: Any,
                                                       engine: Any) -> None:
    today = city_today(clock, "Asia/Jakarta")
    set_up(client, today)
    ref = propose(client).get_json()["ref"]
    act(client, "kelurahan", ref, "verify")
    move_phases(engine, today, "kecamatan")
    act(client, "kecamatan", ref, "forum")
    move_phases(engine, today, "office")
    assert act(client, "opd", ref, "return", "Kurangi jumlah titik").status_code == 200
    again = call(client, "rw01", "PUT", f"/proposals/{ref}", {"quantity": "1"})
    assert again.status_code == 200, again.get_json()
    assert again.get_json()["state"] == "kecamatan_verified"
    assert act(client, "opd", ref, "accept").status_code == 200


def test_the_office_step_is_its_staff_not_its_clerk(client: Any, clock: Any,
                                                    engine: Any) -> None:
    today = city_today(clock, "Asia/Jakarta")
    set_up(client, today)
    ref = propose(client, item="TPS", quantity="1").get_json()["ref"]  # DLH's item
    act(client, "kelurahan", ref, "verify")
    move_phases(engine, today, "kecamatan")
    act(client, "kecamatan", ref, "forum")
    move_phases(engine, today, "office")
    assert act(client, "tu-dlh", ref, "reject", "Bukan wewenang").status_code == 403
    assert _state(client, ref) == "kecamatan_verified"


def test_the_sweep_closes_what_nobody_acted_on_as_lapsed(app: Any, client: Any, clock: Any,
                                                         engine: Any) -> None:
    from queue_server.eservices import hooks
    from queue_server.eservices.planning.musrenbang.lapse import sweep_lapsed
    from queue_server.persistence.uow import SqlUnitOfWork

    assert sweep_lapsed in hooks(app, "sweeps")
    today = city_today(clock, "Asia/Jakarta")
    set_up(client, today)
    waiting = propose(client).get_json()["ref"]
    verified = propose(client, quantity="1").get_json()["ref"]
    act(client, "kelurahan", verified, "verify")
    move_phases(engine, today, "kecamatan")  # the kelurahan phase has ended
    sweep_lapsed(lambda: SqlUnitOfWork(engine), clock, "Asia/Jakarta", False)
    assert (_state(client, waiting), _state(client, verified)) == ("lapsed", "kelurahan_verified")
    shown = client.get(f"/api/v1/musrenbang/proposals/{waiting}").get_json()
    said = shown["timeline"][-1]["comment"]
    assert "Kelurahan Kedungdoro tidak memprosesnya" in said and "verifikasi kelurahan" in said
    page = client.get(f"/musrenbang/usulan/{waiting}").get_data(as_text=True)
    assert "Tidak diproses sampai fase berakhir" in page


def test_each_step_is_due_when_its_phase_ends(client: Any, clock: Any, engine: Any) -> None:
    """Never a deadline before the step's phase has even started (the demo's fault)."""
    from datetime import date

    from sqlalchemy import select

    from queue_server.eservices.planning.musrenbang.models import MusrenbangProposal
    from queue_server.persistence.case_models import Case
    from queue_server.persistence.uow import SqlUnitOfWork

    today = city_today(clock, "Asia/Jakarta")
    set_up(client, today)
    ref = propose(client).get_json()["ref"]
    phases = call(client, None, "GET", f"/cycles/{YEAR}").get_json()["phases"]
    ends = {p["code"]: date.fromisoformat(p["ends"]) for p in phases}

    def due() -> date:
        with SqlUnitOfWork(engine) as uow:
            return uow.session.scalar(select(Case.state_due).join(
                MusrenbangProposal, MusrenbangProposal.case_id == Case.id).where(
                MusrenbangProposal.ref == ref))  # type: ignore[no-any-return]

    assert due() == ends["kelurahan"]
    act(client, "kelurahan", ref, "verify")
    assert due() == ends["kecamatan"]
