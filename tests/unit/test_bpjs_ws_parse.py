"""Issue 19: reading what Mobile JKN sends (pure), each refusal with BPJS's words, and
the token's signature and expiry rules."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest

from queue_server.domain.errors import DomainError
from queue_server.domain.identity import BpjsNotThirteenDigits, NikNotSixteenDigits
from queue_server.eservices.bpjs.ws_errors import (
    WsBodyNotJson,
    WsDateFormat,
    WsFieldInvalid,
    WsFieldMissing,
    WsTokenInvalid,
)
from queue_server.eservices.bpjs.ws_parse import (
    body_of,
    parse_day,
    parse_doctor,
    parse_hours,
    parse_take,
    parse_waktu,
    text,
)
from queue_server.eservices.bpjs.ws_patients import Registration, parse_registration
from queue_server.eservices.bpjs.ws_token import _payload

BODY = {"nomorkartu": "0001234567890", "nik": "3578010101900001", "nohp": "081234567890",
        "kodepoli": "UMU", "tanggalperiksa": "2026-11-24", "kodedokter": 301001,
        "jampraktek": "08:00-16:00", "jeniskunjungan": "3", "nomorreferensi": "R1"}


def test_a_take_is_read_by_bpjs_field_names() -> None:
    take = parse_take(BODY)
    assert (take.nomorkartu, take.kodepoli, take.tanggalperiksa) == (
        "0001234567890", "UMU", date(2026, 11, 24))
    assert (take.kodedokter, take.jeniskunjungan, take.norm) == (301001, 3, "")
    fktp = parse_take({**BODY, "keluhan": "batuk", "jeniskunjungan": None}, fktp=True)
    assert fktp.keluhan == "batuk" and fktp.jeniskunjungan is None


@pytest.mark.parametrize(("change", "error"), [
    ({"nomorkartu": "12345"}, BpjsNotThirteenDigits),
    ({"nomorkartu": ""}, WsFieldMissing),
    ({"nik": "35780101019000012"}, NikNotSixteenDigits),
    ({"nohp": None}, WsFieldMissing),
    ({"tanggalperiksa": "2026-02-30"}, WsDateFormat),
    ({"jeniskunjungan": 0}, WsFieldInvalid),
    ({"kodedokter": "dr"}, WsFieldInvalid),
    ({"kodepoli": ["UMU"]}, WsFieldInvalid),
    ({"kodepoli": True}, WsFieldInvalid),
])
def test_each_broken_field_is_refused_by_name(change: dict[str, Any],
                                               error: type[DomainError]) -> None:
    with pytest.raises(error):
        parse_take({**BODY, **change})


def test_the_first_broken_field_in_bpjs_order_is_the_one_told() -> None:
    with pytest.raises(BpjsNotThirteenDigits):
        parse_take({**BODY, "nomorkartu": "1", "nik": "2", "tanggalperiksa": "x"})


def test_field_messages_name_the_field_in_indonesian() -> None:
    assert WsFieldMissing("nohp").message == "nohp tidak boleh kosong."
    assert WsFieldInvalid("waktu").message == "Format waktu tidak sesuai."
    assert WsFieldMissing.bpjs_code == 201


def test_small_readers() -> None:
    assert parse_day("2026-11-24") == date(2026, 11, 24)
    for bad in ("24-11-2026", "2026-11-24T00:00", ""):
        with pytest.raises(WsDateFormat):
            parse_day(bad)
    assert parse_hours("") == "" and parse_doctor("") is None
    assert text({"n": 12}, "n") == "12" and text({}, "n", required=False) == ""
    moment = parse_waktu({"waktu": 1763866800000})
    assert moment is not None and int(moment.timestamp()) == 1763866800
    assert parse_waktu({}) is None
    with pytest.raises(WsFieldInvalid):
        parse_waktu({"waktu": 12})
    samples: tuple[Any, ...] = (None, [], "text")
    for raw in samples:
        with pytest.raises(WsBodyNotJson):
            body_of(raw)


def test_a_token_of_another_key_or_shape_is_not_valid() -> None:
    from itsdangerous import URLSafeSerializer

    from queue_server.eservices.bpjs.ws_token import SALT
    good = URLSafeSerializer("k", salt=SALT).dumps({"a": 1, "v": 1, "e": 9})
    assert _payload(good, "k") == {"a": 1, "v": 1, "e": 9}
    with pytest.raises(WsTokenInvalid):
        _payload(good, "other")
    with pytest.raises(WsTokenInvalid):
        _payload(URLSafeSerializer("k", salt=SALT).dumps({"a": "1"}), "k")
    with pytest.raises(WsTokenInvalid):
        _payload(URLSafeSerializer("k", salt="staff").dumps({"a": 1, "v": 1, "e": 9}), "k")


def test_a_new_patient_keeps_only_card_and_nik_each_by_its_rule() -> None:
    kept = parse_registration({"nomorkartu": "0001234567890", "nik": "3578010101900001",
                               "nama": "Sri", "alamat": "Jl. Kenjeran 1", "rt": "002"})
    assert kept == Registration("0001234567890", "3578010101900001")
    with pytest.raises(WsBodyNotJson):
        parse_registration(["x"])
    with pytest.raises(WsFieldMissing):
        parse_registration({"nik": "3578010101900001"})
    with pytest.raises(NikNotSixteenDigits):
        parse_registration({"nomorkartu": "0001234567890", "nik": "12"})
    with pytest.raises(BpjsNotThirteenDigits):
        parse_registration({"nomorkartu": "12", "nik": "3578010101900001"})
