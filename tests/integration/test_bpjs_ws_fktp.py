"""Issue 19: the hosted service's FKTP (puskesmas) shapes under /bpjs/fktp, over the
FKRTL use cases; the OpenAPI document; no personal number in any log line."""

from __future__ import annotations

import json
import logging
from typing import Any

import pytest

from tests.integration.test_bpjs_ws import CARD, NIK, PHONE, TOMORROW, Jkn, meta, take_body
from tests.support.bpjs import setup_bpjs
from tests.support.kept_logs import Kept


@pytest.fixture
def jkn(app: Any, client: Any) -> Jkn:
    setup_bpjs(app, level="fktp")
    return Jkn(client)


def fktp_take(**extra: Any) -> dict[str, Any]:
    body = {k: v for k, v in take_body(**extra).items()
            if k not in ("jeniskunjungan", "nomorreferensi")}
    return {**body, "keluhan": "demam"}


def get(jkn: Jkn, path: str) -> Any:
    return jkn.client.get(f"/bpjs/fktp{path}", headers={"x-token": jkn.token,
                                                        "x-username": jkn.username})


@pytest.mark.sqlite_only("the FKTP routes share the FKRTL use cases, tested on both")
def test_fktp_sign_in_status_and_take(jkn: Jkn, client: Any) -> None:
    signed = client.get("/bpjs/fktp/auth", headers={"x-username": "mobilejkn",
                                                     "x-password": "demo"})
    assert signed.status_code == 200 and signed.get_json()["response"]["token"]
    taken = jkn.post("/fktp/antrean", fktp_take())
    assert taken.status_code == 200, taken.get_json()
    assert taken.get_json()["response"]["nomorantrean"].startswith("B")
    status = get(jkn, f"/antrean/status/UMU/{TOMORROW}")
    assert status.status_code == 200
    assert status.get_json()["response"]["totalantrean"] == 1
    assert meta(get(jkn, f"/antrean/status/XYZ/{TOMORROW}")) == (
        201, 201, "Poli tidak ditemukan.")
    assert meta(get(jkn, "/antrean/status/UMU/besok"))[2].startswith("Format Tanggal")


@pytest.mark.sqlite_only("the FKTP routes share the FKRTL use cases, tested on both")
def test_fktp_remaining_by_card_and_cancel_by_card(jkn: Jkn, client: Any) -> None:
    code = jkn.post("/fktp/antrean", fktp_take()).get_json()["response"]["kodebooking"]
    left = get(jkn, f"/antrean/sisapeserta/{CARD}/UMU/{TOMORROW}")
    assert left.status_code == 200 and left.get_json()["response"]["sisaantrean"] == 0
    assert meta(get(jkn, f"/antrean/sisapeserta/0009999999999/UMU/{TOMORROW}")) == (
        201, 201, "Antrean tidak ditemukan.")
    assert meta(get(jkn, f"/antrean/sisapeserta/123/UMU/{TOMORROW}"))[2] == (
        "Nomor kartu harus 13 digit.")
    cancel = {"nomorkartu": CARD, "kodepoli": "UMU", "tanggalperiksa": TOMORROW,
              "keterangan": "batal"}
    done = client.put("/bpjs/fktp/antrean/batal", json=cancel,
                      headers={"x-token": jkn.token, "x-username": "mobilejkn"})
    assert meta(done) == (200, 200, "Ok")
    assert client.get(f"/api/v1/bookings/{code}").get_json()["status"] == "cancelled"


@pytest.mark.sqlite_only("the document is built the same on both")
def test_every_hosted_route_is_in_the_api_document(client: Any) -> None:
    spec = client.get("/api/v1/openapi.json").get_json()
    paths = spec["paths"]
    for path in ("/bpjs/auth", "/bpjs/antrean", "/bpjs/antrean/status", "/bpjs/antrean/sisa",
                 "/bpjs/antrean/batal", "/bpjs/antrean/checkin", "/bpjs/jadwaloperasirs",
                 "/bpjs/fktp/antrean/status/{kodepoli}/{tanggalperiksa}",
                 "/bpjs/fktp/antrean/batal"):
        assert path in paths, path
    assert "201" in paths["/bpjs/antrean"]["post"]["responses"]
    listed = {row["error"] for row in spec["x-error-codes"]}
    assert {"WsPoliNotFound", "WsTokenExpired"} <= listed


@pytest.mark.sqlite_only("log lines are written the same on both")
def test_no_nik_card_or_phone_reaches_a_log_line(jkn: Jkn, access: Kept) -> None:
    kept = Kept()
    logging.getLogger().addHandler(kept)
    try:
        jkn.post("/fktp/antrean", fktp_take())
        jkn.post("/fktp/antrean", fktp_take())  # refused: logged as a refusal, if at all
        get(jkn, f"/antrean/sisapeserta/{CARD}/UMU/{TOMORROW}")
        jkn.client.get("/bpjs/auth", headers={"x-username": "mobilejkn", "x-password": "x"})
    finally:
        logging.getLogger().removeHandler(kept)
    lines = json.dumps(access.entries + kept.entries)
    assert access.entries and "sisapeserta" in lines
    for secret in (NIK, CARD, PHONE, PHONE[1:]):
        assert secret not in lines
