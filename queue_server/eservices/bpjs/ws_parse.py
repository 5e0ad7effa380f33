"""Reading what Mobile JKN sends (pure: no database): the JSON body, its fields by
BPJS's names, each refused with BPJS's Indonesian message (code 201) when missing or
malformed. Identity numbers are read by the domain's rules (`parse_nik`: 16 digits,
`parse_bpjs`: the 13-digit card), so a booking here and on our own pages agree."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from queue_server.domain.identity import parse_bpjs, parse_nik

from .ws_errors import WsBodyNotJson, WsDateFormat, WsFieldInvalid, WsFieldMissing

_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")
_HOURS = re.compile(r"[0-2][0-9]:[0-5][0-9]-[0-2][0-9]:[0-5][0-9]")
VISIT_KINDS = (1, 2, 3, 4)  # jeniskunjungan: rujukan FKTP, rujukan internal, kontrol, antar RS


def body_of(raw: Any) -> dict[str, Any]:
    """The request's JSON object; WsBodyNotJson for anything else (malformed JSON too)."""
    if not isinstance(raw, dict):
        raise WsBodyNotJson()
    return raw


def text(body: dict[str, Any], key: str, required: bool = True) -> str:
    """Field `key` as stripped text ("" when absent and not `required`); a number is
    taken as its digits. WsFieldMissing when required and empty, WsFieldInvalid for a
    list, an object or a boolean."""
    value = body.get(key)
    if value is None or value == "":
        if required:
            raise WsFieldMissing(key)
        return ""
    if isinstance(value, bool) or not isinstance(value, str | int):
        raise WsFieldInvalid(key)
    return str(value).strip()


def parse_day(value: str) -> date:
    """A `tanggalperiksa` (yyyy-mm-dd, a real date), else WsDateFormat."""
    if not _DATE.fullmatch(value or ""):
        raise WsDateFormat()
    try:
        return date.fromisoformat(value)
    except ValueError as exc:
        raise WsDateFormat() from exc


def parse_card(value: str) -> str:
    """The BPJS card number (13 digits; BpjsNotThirteenDigits otherwise)."""
    card = parse_bpjs(value)
    if card is None:
        raise WsFieldMissing("nomorkartu")
    return card


def parse_visit_kind(body: dict[str, Any]) -> int:
    """`jeniskunjungan` 1–4 (1 rujukan FKTP, 2 rujukan internal, 3 kontrol, 4 rujukan
    antar RS), else WsFieldInvalid."""
    value = text(body, "jeniskunjungan")
    if not value.isdigit() or int(value) not in VISIT_KINDS:
        raise WsFieldInvalid("jeniskunjungan")
    return int(value)


def parse_hours(value: str) -> str:
    """`jampraktek` as BPJS writes it ("08:00-16:00"), or "" when not sent."""
    if value and not _HOURS.fullmatch(value):
        raise WsFieldInvalid("jampraktek")
    return value


def parse_doctor(value: str) -> int | None:
    """`kodedokter` (BPJS's doctor code, a number), or None when not sent."""
    if not value:
        return None
    if not value.isdigit() or len(value) > 9:
        raise WsFieldInvalid("kodedokter")
    return int(value)


def parse_waktu(body: dict[str, Any]) -> datetime | None:
    """`waktu` (epoch milliseconds) as an aware UTC time, or None when not sent."""
    value = text(body, "waktu", required=False)
    if not value:
        return None
    if not value.isdigit() or not 10**11 < int(value) < 10**14:
        raise WsFieldInvalid("waktu")
    return datetime.fromtimestamp(int(value) / 1000).astimezone()


@dataclass(frozen=True)
class Take:
    """An "ambil antrean" request: FKRTL's fields (FKTP sends `keluhan`, no referral)."""

    nomorkartu: str
    nik: str
    nohp: str
    kodepoli: str
    norm: str
    tanggalperiksa: date
    kodedokter: int | None
    jampraktek: str
    jeniskunjungan: int | None
    nomorreferensi: str
    keluhan: str = ""


def parse_take(raw: Any, fktp: bool = False) -> Take:
    """A Take from the body, fields checked in BPJS's order (card, NIK, phone, poli,
    date, then the rest); the first broken one raises. FKTP: `jeniskunjungan` and
    `nomorreferensi` are not part of the request."""
    body = body_of(raw)
    card = parse_card(text(body, "nomorkartu"))
    nik = parse_nik(text(body, "nik")).value
    phone = text(body, "nohp")
    kodepoli = text(body, "kodepoli")
    day = parse_day(text(body, "tanggalperiksa"))
    return Take(
        nomorkartu=card, nik=nik, nohp=phone, kodepoli=kodepoli,
        norm=text(body, "norm", required=False)[:20], tanggalperiksa=day,
        kodedokter=parse_doctor(text(body, "kodedokter", required=False)),
        jampraktek=parse_hours(text(body, "jampraktek", required=False)),
        jeniskunjungan=None if fktp else parse_visit_kind(body),
        nomorreferensi="" if fktp else text(body, "nomorreferensi", required=False)[:40],
        keluhan=text(body, "keluhan", required=False)[:200] if fktp else "")
