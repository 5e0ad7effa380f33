"""Issue 19, new patients (fix 19A2, point 1): BPJS's 202 where the facility registers
new patients ("register"), the "pasien baru" calls (FKRTL /pasienbaru, FKTP /peserta)
answering a `norm`, and facilities that "accept" every card unchanged."""

from __future__ import annotations

from typing import Any

import pytest
from sqlalchemy import Engine, text

from tests.integration.test_bpjs_ws import CARD, NIK, Jkn, meta, take_body
from tests.support.bpjs import setup_bpjs

NEW_PATIENT = "Data pasien ini tidak ditemukan, silahkan melakukan registrasi pasien baru."
ADMISSION = "Harap datang ke admisi untuk melengkapi data rekam medis"


def registration(**extra: Any) -> dict[str, Any]:
    return {"nomorkartu": CARD, "nik": NIK, "nomorkk": "3578010101900099", "nama": "Sri",
            "jeniskelamin": "P", "tanggallahir": "1990-01-01", "nohp": "081234567890",
            "alamat": "Jl. Kenjeran 1", "kodeprop": "35", "kodedati2": "3578",
            "kodekec": "357801", "kodekel": "3578011001", "rw": "001", "rt": "002", **extra}


def registering(app: Any, client: Any, engine: Engine, level: str = "fkrtl") -> Jkn:
    setup = setup_bpjs(app, level=level)
    with engine.begin() as conn:
        conn.execute(text("UPDATE bpjs_facilities SET new_patients = 'register' "
                          "WHERE facility_id = :f"), {"f": setup.facility_id})
    return Jkn(client)


def count(engine: Engine, table: str) -> int:
    with engine.connect() as conn:
        return int(conn.execute(text(f"SELECT count(*) FROM {table}")).scalar() or 0)


def test_a_new_card_is_answered_202_then_registered_then_booked(
        app: Any, client: Any, engine: Engine) -> None:
    jkn = registering(app, client, engine)
    assert meta(jkn.post("/antrean", take_body())) == (202, 202, NEW_PATIENT)
    assert count(engine, "visits") == 0  # nothing booked
    got = jkn.post("/pasienbaru", registration())
    assert meta(got) == (200, 200, ADMISSION)
    norm = got.get_json()["response"]["norm"]
    assert norm.startswith("RM")
    again = jkn.post("/pasienbaru", registration())  # Mobile JKN retrying: the same norm
    assert again.get_json()["response"]["norm"] == norm and count(engine, "bpjs_patients") == 1
    taken = jkn.post("/antrean", take_body())
    assert taken.status_code == 200 and taken.get_json()["response"]["norm"] == norm
    with engine.connect() as conn:
        assert conn.execute(text("SELECT norm FROM bpjs_bookings")).scalar() == norm
        kept = conn.execute(text("SELECT nomorkartu, nik FROM bpjs_patients")).one()
    assert tuple(kept) == (CARD, NIK)


@pytest.mark.sqlite_only("the rule reads rows the first test reads on both")
def test_a_norm_sent_is_kept_and_an_earlier_visit_makes_a_card_known(
        app: Any, client: Any, engine: Engine) -> None:
    setup_bpjs(app)
    jkn = Jkn(client)
    first = jkn.post("/antrean", take_body(norm="A-77"))  # booked while "accept"
    assert first.get_json()["response"]["norm"] == "A-77"
    with engine.begin() as conn:
        conn.execute(text("UPDATE bpjs_facilities SET new_patients = 'register'"))
    later = jkn.post("/antrean", take_body(tanggalperiksa="2026-11-25"))
    assert later.status_code == 200, later.get_json()  # visited before: not new
    other = take_body(nomorkartu="0001234567891", nik="3578010101900002")
    assert meta(jkn.post("/antrean", other))[:2] == (202, 202)


@pytest.mark.sqlite_only("parsing and the accept default: no database-specific rule")
def test_accept_facilities_book_every_card_and_registration_refuses_bad_fields(
        app: Any, client: Any, engine: Engine) -> None:
    setup_bpjs(app)
    jkn = Jkn(client)
    taken = jkn.post("/antrean", take_body())
    assert taken.status_code == 200 and taken.get_json()["response"]["norm"] == ""
    assert count(engine, "bpjs_patients") == 0
    for body, field in ((registration(nomorkartu=""), "nomorkartu"),
                        (registration(nik="123"), "NIK")):
        refused = meta(jkn.post("/pasienbaru", body))
        assert refused[:2] == (201, 201) and field in refused[2], refused
    jkn.post("/pasienbaru", registration())
    mismatch = meta(jkn.post("/pasienbaru", registration(nik="3578010101900002")))
    assert mismatch == (201, 201, "Nomor kartu sudah terdaftar dengan NIK lain.")


@pytest.mark.sqlite_only("the FKRTL test covers both databases; this is the FKTP shape")
def test_fktp_new_patient_is_registered_at_peserta(
        app: Any, client: Any, engine: Engine) -> None:
    jkn = registering(app, client, engine, level="fktp")
    body = {"nomorkartu": CARD, "nik": NIK, "nohp": "081234567890", "kodepoli": "UMU",
            "tanggalperiksa": "2026-11-24", "keluhan": "demam"}
    assert meta(jkn.post("/fktp/antrean", body))[:2] == (202, 202)
    got = jkn.post("/fktp/peserta", registration())
    assert meta(got) == (200, 200, ADMISSION) and got.get_json()["response"]["norm"]
    assert jkn.post("/fktp/antrean", body).status_code == 200


@pytest.mark.sqlite_only("the OpenAPI document does not depend on the database")
def test_the_new_patient_routes_are_documented(client: Any) -> None:
    paths = client.get("/api/v1/openapi.json").get_json()["paths"]
    assert "post" in paths["/bpjs/pasienbaru"] and "post" in paths["/bpjs/fktp/peserta"]
    assert "202" in paths["/bpjs/antrean"]["post"]["responses"]
