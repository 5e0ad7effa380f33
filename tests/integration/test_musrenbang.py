"""e-Musrenbang through its API: the agency's set-up, the RW's proposals within the
ceiling, each office's step on its own proposals only (403 for another's), the phases,
the catalogue import's refusals, the ranking, the public reads."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest

from queue_server.services.cases import city_today
from tests.integration.test_musrenbang_support import (
    YEAR,
    act,
    call,
    move_phases,
    propose,
    redate,
    set_up,
)

pytestmark = pytest.mark.sqlite_only("rules in Python over rows both databases hold "
                                     "alike; the ceiling's race runs on both")


def _today(clock: Any) -> Any:
    return city_today(clock, "Asia/Jakarta")


def test_a_proposal_costs_quantity_times_price_and_gets_a_gap_free_ref(client, clock) -> None:
    set_up(client, _today(clock))
    first = propose(client, item="JL-PAV", quantity="2.5")  # m²: decimals allowed
    assert first.status_code == 201, first.get_json()
    body = first.get_json()
    assert body["ref"] == f"USL-{YEAR}-0001" and body["amount"] == 537_500
    assert body["state"] == "submitted" and body["office"] == "Dinas Sumber Daya Air dan Bina Marga"
    assert propose(client).get_json()["ref"] == f"USL-{YEAR}-0002"


def test_the_rw_ceiling_is_kept_and_says_what_is_left(client, clock) -> None:
    set_up(client, _today(clock), rw_ceiling=20_000_000)
    assert propose(client, quantity="2").status_code == 201  # 13.000.000
    over = propose(client, quantity="2")
    assert over.status_code == 422
    error = over.get_json()["error"]
    assert error["code"] == "musrenbang_ceiling_exceeded"
    assert "Rp 7.000.000" in error["message"]
    budget = call(client, "rw01", "GET", f"/cycles/{YEAR}/budget").get_json()
    assert budget == {"rw": "kel-kedungdoro-rw01", "ceiling": 20_000_000,
                      "used": 13_000_000, "left": 7_000_000}


def test_only_catalogue_items_and_sane_quantities(client, clock) -> None:
    set_up(client, _today(clock))
    assert propose(client, item="NOPE").get_json()["error"]["code"] == "musrenbang_item_unknown"
    assert propose(client, quantity="1.234").status_code == 422
    assert propose(client, quantity="0").status_code == 422
    refused = propose(client, "kelurahan")
    assert refused.status_code == 403
    assert refused.get_json()["error"]["code"] == "musrenbang_forbidden"


def test_an_action_outside_its_phase_says_when_its_phase_runs(client, clock, engine) -> None:
    set_up(client, _today(clock), phase="kecamatan")
    closed = propose(client)
    assert closed.status_code == 409
    error = closed.get_json()["error"]
    assert error["code"] == "musrenbang_phase_closed"
    assert "pengajuan usulan RW" in error["message"] and "forum kecamatan" in error["message"]


def _accepted(client: Any, engine: Any, clock: Any, **extra: Any) -> str:
    ref: str = propose(client, **extra).get_json()["ref"]
    move_phases(engine, _today(clock), "kelurahan")
    assert act(client, "kelurahan", ref, "verify").status_code == 200
    move_phases(engine, _today(clock), "kecamatan")
    assert act(client, "kecamatan", ref, "forum").status_code == 200
    move_phases(engine, _today(clock), "office")
    return ref


def test_each_office_acts_on_its_own_step_only(client, clock, engine) -> None:
    set_up(client, _today(clock))
    ref = propose(client).get_json()["ref"]
    move_phases(engine, _today(clock), "kelurahan")
    assert act(client, "kecamatan", ref, "verify").status_code == 403
    assert act(client, "opd", ref, "verify").status_code == 403
    assert act(client, "rw02", ref, "verify").status_code == 403
    assert act(client, "kelurahan", ref, "forum").status_code == 409
    assert act(client, "kelurahan", ref, "verify").status_code == 200
    move_phases(engine, _today(clock), "kecamatan")
    assert act(client, "kelurahan", ref, "forum").status_code == 403
    assert act(client, "kecamatan", ref, "forum").status_code == 200
    move_phases(engine, _today(clock), "office")
    assert act(client, "dlh", ref, "accept").status_code == 403
    accepted = act(client, "opd", ref, "accept", "Harga pasar lebih rendah",
                   adjusted_price=6_000_000)
    assert accepted.status_code == 200
    assert accepted.get_json()["state"] == "accepted"
    assert accepted.get_json()["amount"] == 12_000_000


def test_return_needs_a_reason_and_the_rw_edits_and_resubmits(client, clock, engine) -> None:
    set_up(client, _today(clock))
    ref = propose(client).get_json()["ref"]
    assert act(client, "kelurahan", ref, "return").get_json()["error"]["code"] == "comment_required"
    assert act(client, "kelurahan", ref, "return", "Lokasi kurang jelas").status_code == 200
    body = {"item": "PJU", "quantity": "3", "location": "Gg. II no. 5"}
    assert call(client, "rw02", "PUT", f"/proposals/{ref}", body).status_code == 403
    again = call(client, "rw01", "PUT", f"/proposals/{ref}", body)
    assert again.status_code == 200, again.get_json()
    assert again.get_json()["state"] == "submitted" and again.get_json()["amount"] == 19_500_000


def test_a_rejected_reason_is_public(client, clock) -> None:
    set_up(client, _today(clock))
    ref = propose(client).get_json()["ref"]
    assert act(client, "kelurahan", ref, "reject", "Sudah dibangun tahun lalu").status_code == 200
    shown = client.get(f"/api/v1/musrenbang/proposals/{ref}").get_json()
    assert shown["reason"] == "Sudah dibangun tahun lalu" and shown["follow"] is None
    assert any(line["comment"] == "Sudah dibangun tahun lalu" for line in shown["timeline"])
    page = client.get(f"/musrenbang/usulan/{ref}").get_data(as_text=True)
    assert "Sudah dibangun tahun lalu" in page and "Belum menjadi mata anggaran" in page
    listing = client.get("/musrenbang").get_data(as_text=True)
    assert ref in listing and "Sudah dibangun tahun lalu" in listing
    assert "Ketua RW" not in listing  # the chair's user name is nowhere public


def test_ranking_round_robin_within_the_kelurahan_ceiling(client, clock, engine) -> None:
    set_up(client, _today(clock), ceilings={"kel-kedungdoro": 30_000_000})
    big = _accepted(client, engine, clock, item="PJU", quantity="4")  # 26.000.000 rw01
    move_phases(engine, _today(clock), "submission")
    small = propose(client, "rw02", item="PJU", quantity="1").get_json()["ref"]  # 6.500.000
    move_phases(engine, _today(clock), "kelurahan")
    act(client, "kelurahan", small, "verify")
    move_phases(engine, _today(clock), "kecamatan")
    act(client, "kecamatan", small, "forum")
    move_phases(engine, _today(clock), "office")
    act(client, "opd", small, "accept")
    act(client, "opd", big, "accept")
    assert call(client, "bappeda", "POST", f"/cycles/{YEAR}/ranking").status_code == 409
    move_phases(engine, _today(clock), "results")
    assert call(client, "kelurahan", "POST", f"/cycles/{YEAR}/ranking").status_code == 403
    assert call(client, "bappeda", "POST", f"/cycles/{YEAR}/ranking").get_json() == {"count": 2}
    first = client.get(f"/api/v1/musrenbang/proposals/{small}").get_json()
    second = client.get(f"/api/v1/musrenbang/proposals/{big}").get_json()
    assert (first["rank"], first["within_ceiling"]) == (1, True)
    assert (second["rank"], second["within_ceiling"]) == (2, False)
    assert second["fell_out"] == ("pagu kelurahan tersisa Rp 23.500.000, "
                                  "usulan Rp 26.000.000")


def test_the_agency_alone_sets_up_and_a_bad_catalogue_is_refused_whole(client, clock) -> None:
    set_up(client, _today(clock))
    assert call(client, "kelurahan", "PUT", "/areas", {"areas": [
        {"rw": "kel-kedungdoro-rw01", "kelurahan": "kel-kedungdoro",
         "kecamatan": "kec-tegalsari"}]}).status_code == 403
    redate(client, _today(clock) + timedelta(days=60), "submission")  # not started yet
    bad = ("code,name,unit,unit_price,office,category\n"
           "A,Satu,m,1000,dsdabm,x\nB,Dua,m,-5,dsdabm,x\nC,Tiga,m,1000,nowhere,x\n"
           "A,Empat,m,9,dsdabm,x\nB,Lima,m,9,dsdabm,x\nD,Enam,m,9,kec-tegalsari,x\n")
    refused = call(client, "bappeda", "PUT", f"/cycles/{YEAR}/items", {"csv": bad})
    assert refused.status_code == 422
    rows = refused.get_json()["error"]["rows"]
    # the spreadsheet's line numbers (header = line 1); B repeated although its first
    # line was refused; a kecamatan is no responsible office (dinas/badan only)
    assert [r["row"] for r in rows] == [3, 4, 5, 6, 7]
    assert "ganda" in rows[3]["reason"] and "bukan dinas/badan" in rows[4]["reason"]
    assert "baris 3" in refused.get_json()["error"]["message"]
    items = client.get(f"/api/v1/musrenbang/cycles/{YEAR}/items").get_json()
    assert len(items) == 15 and "A" not in {i["code"] for i in items}
    header = call(client, "bappeda", "PUT", f"/cycles/{YEAR}/items", {"csv": "a,b\n1,2\n"})
    assert header.get_json()["error"]["rows"][0]["row"] == 1


def test_the_sweep_ranks_once_the_results_phase_runs(app, client, clock, engine) -> None:
    from queue_server.eservices import hooks
    from queue_server.eservices.planning.musrenbang.ranking import sweep_ranking
    from queue_server.persistence.uow import SqlUnitOfWork

    assert sweep_ranking in hooks(app, "sweeps")
    set_up(client, _today(clock), ceilings={"kel-kedungdoro": 100_000_000})
    ref = _accepted(client, engine, clock)
    act(client, "opd", ref, "accept")
    sweep_ranking(lambda: SqlUnitOfWork(engine), clock, "Asia/Jakarta", False)
    assert client.get(f"/api/v1/musrenbang/proposals/{ref}").get_json()["rank"] is None
    move_phases(engine, _today(clock), "results")
    sweep_ranking(lambda: SqlUnitOfWork(engine), clock, "Asia/Jakarta", False)
    shown = client.get(f"/api/v1/musrenbang/proposals/{ref}").get_json()
    assert (shown["rank"], shown["within_ceiling"]) == (1, True)
