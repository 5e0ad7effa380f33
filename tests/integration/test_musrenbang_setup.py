"""e-Musrenbang's set-up kept honest after the fact (fix 18I): the catalogue is fixed once
the submission phase starts; ceilings once the cycle is ranked; ranking needs each
kelurahan's own ceiling (named when missing); a kelurahan lies in one kecamatan;
countable units take whole numbers and quantities are plain decimals."""

from __future__ import annotations

from typing import Any

import pytest

from queue_server.services.cases import city_today
from tests.integration.test_musrenbang_support import (
    AREAS,
    YEAR,
    act,
    call,
    move_phases,
    propose,
    set_up,
)

pytestmark = pytest.mark.sqlite_only("rules over rows both databases hold alike")


def test_the_catalogue_is_fixed_once_submission_starts(client: Any, clock: Any) -> None:
    set_up(client, city_today(clock, "Asia/Jakarta"))
    one = "code,name,unit,unit_price,office,category\nPJU,Lampu,titik,1000,dsdabm,x\n"
    refused = call(client, "bappeda", "PUT", f"/cycles/{YEAR}/items", {"csv": one})
    assert refused.status_code == 409
    error = refused.get_json()["error"]
    assert error["code"] == "musrenbang_catalogue_locked" and "sudah dimulai" in error["message"]
    assert len(client.get(f"/api/v1/musrenbang/cycles/{YEAR}/items").get_json()) == 15


def _accepted(client: Any, engine: Any, clock: Any) -> str:
    today = city_today(clock, "Asia/Jakarta")
    ref = str(propose(client, item="PJU", quantity="1").get_json()["ref"])
    act(client, "kelurahan", ref, "verify")
    move_phases(engine, today, "kecamatan")
    act(client, "kecamatan", ref, "forum")
    move_phases(engine, today, "office")
    act(client, "opd", ref, "accept")
    move_phases(engine, today, "results")
    return ref


def test_ranking_needs_the_kelurahan_ceiling_and_then_fixes_the_ceilings(
        client: Any, clock: Any, engine: Any) -> None:
    set_up(client, city_today(clock, "Asia/Jakarta"))
    _accepted(client, engine, clock)
    path = f"/cycles/{YEAR}/ranking"
    refused = call(client, "bappeda", "POST", path)
    assert refused.status_code == 409
    assert "Kelurahan Kedungdoro" in refused.get_json()["error"]["message"]
    ceilings = {"ceilings": [{"office": "kel-kedungdoro", "amount": 50_000_000}]}
    assert call(client, "bappeda", "PUT", f"/cycles/{YEAR}/ceilings", ceilings).status_code == 200
    assert call(client, "bappeda", "POST", path).get_json() == {"count": 1}
    late = call(client, "bappeda", "PUT", f"/cycles/{YEAR}/ceilings", ceilings)
    assert late.status_code == 409
    assert late.get_json()["error"]["code"] == "musrenbang_ceilings_locked"


def test_a_kelurahan_lies_in_one_kecamatan(client: Any, clock: Any) -> None:
    set_up(client, city_today(clock, "Asia/Jakarta"))
    moved = [{**AREAS[2], "kecamatan": "kec-wonokromo"}]
    refused = call(client, "bappeda", "PUT", "/areas", {"areas": moved})
    assert refused.status_code == 422, refused.get_json()
    said = refused.get_json()["error"]["message"]
    assert "Kecamatan Tegalsari" in said and "Wonokromo" in said
    assert call(client, "bappeda", "PUT", "/areas", {"areas": AREAS}).status_code == 200


@pytest.mark.parametrize(("item", "quantity", "status"), [
    ("PJU", "2.5", 422), ("PJU", "1e3", 422), ("PJU", "2,0", 201), ("JL-PAV", "2,5", 201),
    ("JL-PAV", "1e1", 422), ("TPS", "0.5", 422)])
def test_countable_units_take_whole_numbers_and_quantities_plain_decimals(
        client: Any, clock: Any, item: str, quantity: str, status: int) -> None:
    set_up(client, city_today(clock, "Asia/Jakarta"))
    reply = propose(client, item=item, quantity=quantity)
    assert reply.status_code == status, reply.get_json()
