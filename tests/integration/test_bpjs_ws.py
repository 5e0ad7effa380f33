"""Issue 19, the hosted web service Mobile JKN calls (FKRTL shapes): sign-in and token,
ambil, status, sisa, batal, check-in, each valid and refused, in BPJS's envelope."""

from __future__ import annotations

from typing import Any

import pytest
from sqlalchemy import Engine, text

from tests.support.bpjs import setup_bpjs
from tests.support.clock import FakeClock

TOMORROW, TODAY = "2026-11-24", "2026-11-23"
NIK, CARD, PHONE = "3578010101900001", "0001234567890", "081234567890"


class Jkn:
    """Mobile JKN through the test client: signs in, then calls with x-token."""

    def __init__(self, client: Any, username: str = "mobilejkn", password: str = "demo"):
        self.client, self.username = client, username
        got = client.get("/bpjs/auth", headers={"x-username": username,
                                                 "x-password": password})
        self.token = (got.get_json().get("response") or {}).get("token", "")

    def post(self, path: str, body: Any) -> Any:
        return self.client.post(f"/bpjs{path}", json=body, headers={
            "x-token": self.token, "x-username": self.username})


def take_body(**extra: Any) -> dict[str, Any]:
    return {"nomorkartu": CARD, "nik": NIK, "nohp": PHONE, "kodepoli": "UMU", "norm": "",
            "tanggalperiksa": TOMORROW, "kodedokter": 301001, "jampraktek": "08:00-16:00",
            "jeniskunjungan": 1, "nomorreferensi": "0001R0011125B000001", **extra}


def meta(reply: Any) -> tuple[int, int, str]:
    body = reply.get_json()
    return reply.status_code, body["metadata"]["code"], body["metadata"]["message"]


@pytest.fixture
def jkn(app: Any, client: Any) -> Jkn:
    setup_bpjs(app)
    return Jkn(client)


def test_sign_in_gives_a_token_and_a_wrong_password_is_refused_with_201(
        app: Any, client: Any) -> None:
    setup_bpjs(app)
    ok = client.get("/bpjs/auth", headers={"x-username": "mobilejkn", "x-password": "demo"})
    assert ok.status_code == 200 and ok.get_json()["metadata"] == {"code": 200,
                                                                    "message": "Ok"}
    assert ok.get_json()["response"]["token"]
    for name, password in (("mobilejkn", "wrong"), ("nobody", "demo"), ("", "")):
        refused = client.get("/bpjs/auth", headers={"x-username": name,
                                                     "x-password": password})
        assert meta(refused) == (201, 201, "Username atau password tidak sesuai.")
        assert "response" not in refused.get_json()


@pytest.mark.sqlite_only("the throttle's counts are the staff login's, tested on both")
def test_repeated_failed_sign_ins_are_held_back_with_retry_after(
        app: Any, client: Any) -> None:
    setup_bpjs(app)
    replies = [client.get("/bpjs/auth", headers={"x-username": "mobilejkn",
                                                  "x-password": "wrong"}) for _ in range(8)]
    held = [r for r in replies if "Retry-After" in r.headers]
    assert held and all(r.status_code == 201 for r in replies)
    good = client.get("/bpjs/auth", headers={"x-username": "mobilejkn", "x-password": "demo"})
    assert "Retry-After" in good.headers and "token" not in good.get_json().get(
        "response", {})


@pytest.mark.sqlite_only("token checks read no rows beyond the account")
def test_a_token_expires_and_is_bound_to_its_account(
        jkn: Jkn, client: Any, clock: FakeClock) -> None:
    status = {"kodepoli": "UMU", "tanggalperiksa": TOMORROW}
    assert meta(jkn.post("/antrean/status", status))[:2] == (200, 200)
    other = client.post("/bpjs/antrean/status", json=status,
                        headers={"x-token": jkn.token, "x-username": "someone"})
    assert meta(other) == (201, 201, "Token tidak valid")
    forged = client.post("/bpjs/antrean/status", json=status,
                         headers={"x-token": jkn.token + "x", "x-username": "mobilejkn"})
    assert meta(forged)[2] == "Token tidak valid"
    assert meta(client.post("/bpjs/antrean/status", json=status))[2] == "Token tidak valid"
    clock.advance(minutes=61)
    assert meta(jkn.post("/antrean/status", status)) == (201, 201, "Token Expired")


def test_status_gives_the_polis_day_and_refuses_what_it_cannot_read(jkn: Jkn) -> None:
    got = jkn.post("/antrean/status", {"kodepoli": "UMU", "kodedokter": 301001,
                                       "tanggalperiksa": TOMORROW, "jampraktek": "08:00-16:00"})
    assert got.status_code == 200
    answer = got.get_json()["response"]
    assert answer["namapoli"] == "Poli Umum" and answer["namadokter"] == "dr. Ayu Lestari"
    assert answer["totalantrean"] == 0 and answer["sisakuotajkn"] == answer["kuotajkn"] > 0
    assert set(answer) >= {"sisaantrean", "antreanpanggil", "sisakuotajkn",
                           "sisakuotanonjkn", "kuotanonjkn", "keterangan"}
    for body, message in (
            ({"kodepoli": "XYZ", "tanggalperiksa": TOMORROW}, "Poli tidak ditemukan."),
            ({"kodepoli": "UMU", "tanggalperiksa": "24-11-2026"},
             "Format Tanggal Tidak Sesuai, format yang benar adalah yyyy-mm-dd"),
            ({"kodepoli": "UMU", "tanggalperiksa": "2026-11-20"},
             "Tanggal periksa tidak boleh mundur."),
            ({"tanggalperiksa": TOMORROW}, "kodepoli tidak boleh kosong."),
            ({"kodepoli": "UMU", "tanggalperiksa": TOMORROW, "kodedokter": 9},
             "Jadwal dokter tidak ditemukan.")):
        assert meta(jkn.post("/antrean/status", body)) == (201, 201, message)
    beyond = meta(jkn.post("/antrean/status", {"kodepoli": "UMU",
                                               "tanggalperiksa": "2026-12-20"}))
    assert beyond[:2] == (201, 201) and "hari ke depan" in beyond[2]


def test_a_number_taken_is_an_ordinary_booking(jkn: Jkn, client: Any,
                                               engine: Engine) -> None:
    got = jkn.post("/antrean", take_body())
    assert got.status_code == 200, got.get_json()
    taken = got.get_json()["response"]
    assert taken["nomorantrean"].startswith("B") and taken["angkaantrean"] == 1
    assert taken["namapoli"] == "Poli Umum" and isinstance(taken["estimasidilayani"], int)
    assert taken["sisakuotajkn"] == taken["kuotajkn"] - 1
    assert set(taken) >= {"kodebooking", "norm", "namadokter", "sisakuotanonjkn",
                          "kuotanonjkn", "keterangan"}
    booking = client.get(f"/api/v1/bookings/{taken['kodebooking']}")
    assert booking.status_code == 200 and booking.get_json()["status"] == "booked"
    services = client.get(f"/api/v1/facilities/pkm-demo/services?date={TOMORROW}").get_json()
    assert next(s for s in services if s["code"] == "umum")["quota_left"] == 49
    with engine.connect() as conn:
        row = conn.execute(text("SELECT source, kodepoli, jeniskunjungan, nomorreferensi, "
                                "v.channel, v.name FROM bpjs_bookings b JOIN visits v "
                                "ON v.id = b.visit_id")).one()
    assert tuple(row) == ("mjkn", "UMU", 1, "0001R0011125B000001", "bpjs", None)


def test_the_same_patient_twice_is_refused(jkn: Jkn) -> None:
    assert jkn.post("/antrean", take_body()).status_code == 200
    again = meta(jkn.post("/antrean", take_body()))
    assert again[:2] == (201, 201)
    assert again[2].startswith("Nomor antrean hanya dapat diambil 1 kali")


@pytest.mark.sqlite_only("field reading is pure; the routes' envelope is what is tested")
def test_a_take_refuses_each_broken_field_with_bpjs_words(jkn: Jkn, client: Any) -> None:
    for extra, message in (
            ({"nomorkartu": "000123456789"}, "Nomor kartu harus 13 digit."),
            ({"nik": "357801010190000"}, "NIK harus 16 digit angka."),
            ({"nohp": ""}, "nohp tidak boleh kosong."),
            ({"jeniskunjungan": 5}, "Format jeniskunjungan tidak sesuai."),
            ({"kodepoli": "ZZZ"}, "Poli tidak ditemukan."),
            ({"jampraktek": "pagi"}, "Format jampraktek tidak sesuai.")):
        assert meta(jkn.post("/antrean", take_body(**extra))) == (201, 201, message)
    broken = client.post("/bpjs/antrean", data="{not json", content_type="application/json",
                         headers={"x-token": jkn.token, "x-username": "mobilejkn"})
    assert meta(broken)[:2] == (201, 201) and "JSON" in meta(broken)[2]
    listed = jkn.post("/antrean", [take_body()])
    assert meta(listed) == (201, 201, "Format permintaan tidak sesuai: kirim satu objek JSON.")


def test_sisa_tells_the_patients_ahead_and_refuses_an_unknown_code(jkn: Jkn) -> None:
    jkn.post("/antrean", take_body(nik="3578010101900002", nomorkartu="0001234567891"))
    code = jkn.post("/antrean", take_body()).get_json()["response"]["kodebooking"]
    got = jkn.post("/antrean/sisa", {"kodebooking": code})
    assert got.status_code == 200
    answer = got.get_json()["response"]
    assert answer["sisaantrean"] == 1 and answer["nomorantrean"].startswith("B")
    assert isinstance(answer["waktutunggu"], int) and answer["antreanpanggil"] == "-"
    assert meta(jkn.post("/antrean/sisa", {"kodebooking": "ZZZZZZZZZZ"})) == (
        201, 201, "Antrean tidak ditemukan.")


def test_batal_gives_the_place_back(jkn: Jkn, client: Any, engine: Engine) -> None:
    code = jkn.post("/antrean", take_body()).get_json()["response"]["kodebooking"]
    done = jkn.post("/antrean/batal", {"kodebooking": code, "keterangan": "sakit"})
    assert meta(done) == (200, 200, "Ok")
    assert client.get(f"/api/v1/bookings/{code}").get_json()["status"] == "cancelled"
    with engine.connect() as conn:
        actors = conn.execute(text("SELECT actor FROM ticket_events ORDER BY id")).scalars()
        assert list(actors) == ["patient:bpjs", "patient:bpjs"]  # booked, cancelled
    again = jkn.post("/antrean", take_body())
    taken = again.get_json()["response"]
    assert again.status_code == 200 and taken["sisakuotajkn"] == taken["kuotajkn"] - 1


def test_check_in_then_batal_is_refused(jkn: Jkn, client: Any, engine: Engine) -> None:
    code = jkn.post("/antrean", take_body(tanggalperiksa=TODAY)).get_json()["response"][
        "kodebooking"]
    checked = jkn.post("/antrean/checkin", {"kodebooking": code, "waktu": 1763866800000})
    assert meta(checked) == (200, 200, "Ok")
    assert client.get(f"/api/v1/bookings/{code}").get_json()["status"] == "waiting"
    refused = jkn.post("/antrean/batal", {"kodebooking": code, "keterangan": "x"})
    assert meta(refused)[:2] == (201, 201) and "check-in" in meta(refused)[2]
    assert meta(jkn.post("/antrean/checkin", {"kodebooking": code}))[:2] == (201, 201)
    with engine.connect() as conn:
        assert conn.execute(text("SELECT checked_in_at FROM bpjs_bookings")).scalar()


@pytest.mark.sqlite_only("the day rule is the core's, tested on both")
def test_check_in_on_another_day_is_refused(jkn: Jkn) -> None:
    code = jkn.post("/antrean", take_body()).get_json()["response"]["kodebooking"]
    refused = meta(jkn.post("/antrean/checkin", {"kodebooking": code}))
    assert refused[:2] == (201, 201) and "bukan hari ini" in refused[2]


@pytest.mark.sqlite_only("no data: the answer's shape")
def test_operation_schedules_are_empty_lists(jkn: Jkn) -> None:
    for path, body in (("/jadwaloperasirs", {"tanggalawal": TODAY, "tanggalakhir": TODAY}),
                       ("/jadwaloperasipasien", {"nopeserta": CARD})):
        got = jkn.post(path, body)
        assert got.status_code == 200 and got.get_json()["response"] == {"list": []}
