"""Filing a complaint through Open311 (POST requests.json): the caller's `api_key` first,
then the GeoReport fields read into e-Wadul's filing (channel `open311`, the key
recorded on the complaint).

Decisions, beside the spec:
- Place: GeoReport v2 requires one of lat+long, address_string, address_id. The
  kelurahan (GeoReport has no such field) is `attribute[kelurahan]` when sent, else the
  whole `address_string` (at most 80 characters: the Media Center's verifier reads it),
  else empty when a `lat`/`long` point places the report (the verifier reads the point;
  the city's kelurahan boundaries are not known here). No place at all: 400.
- The key vouches for the application, so the request is confirmed at once: no phone
  code is sent (the citizen never sees one through a third-party app).
- `first_name` + `last_name` become the reporter's name and `phone` their phone; both are
  optional and never shown back. `email`, `device_id`, `account_id`, `address_id` and
  `jurisdiction_id` (one city here) are accepted and not kept.
- `media_url` is recorded on the complaint's timeline (an internal line, never
  fetched): GET answers give it back as the request's `media_url` while the complaint
  has no photo of ours (photos reach e-Wadul through its own form and API).
- The answer's `service_request_id` is the complaint's public reference (`WADUL-123`);
  the tracking code is only in the answer's `service_notice` link, for the filer.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import replace
from typing import Any, Protocol

from queue_server.services.cases import Actor, find, note, public_ref
from queue_server.services.port_cases import CaseWork
from queue_server.services.ports import Clock

from . import MODULE
from .filing import FileConfig, ReportIn, file_report
from .open311_errors import Open311FieldInvalid, Open311FieldRequired, Open311PlaceRequired
from .open311_keys import KeyWork, holder
from .open311_reads import MEDIA_URL

TEXT_MAX = {"service_code": 40, "description": 4000, "address_string": 200,
            "attribute[kelurahan]": 80, "first_name": 60, "last_name": 60, "phone": 30,
            "media_url": 500}
YES, NO = ("true", "1", "yes", "on", "ya"), ("false", "0", "no", "off", "tidak", "")


class OpenWork(KeyWork, CaseWork, Protocol):
    """A unit of work with the module's ORM session and the case repositories."""


def _text(fields: Mapping[str, Any], name: str) -> str | None:
    """A text field, stripped; None when absent or empty. Open311FieldInvalid for a value
    that is not text or is longer than TEXT_MAX."""
    value = fields.get(name)
    if value is None:
        return None
    if not isinstance(value, str | int | float) or isinstance(value, bool):
        raise Open311FieldInvalid(name, "harus berupa teks", "it must be text")
    said = str(value).strip()
    if len(said) > TEXT_MAX.get(name, 200):
        raise Open311FieldInvalid(name, f"paling banyak {TEXT_MAX.get(name, 200)} karakter",
                                  f"at most {TEXT_MAX.get(name, 200)} characters")
    return said or None


def _degrees(fields: Mapping[str, Any], name: str) -> float | None:
    """`lat` or `long` in degrees (WGS84), as a number or its text."""
    value = fields.get(name)
    if value is None or value == "":
        return None
    if isinstance(value, bool) or not isinstance(value, str | int | float):
        raise Open311FieldInvalid(name, "harus berupa angka derajat", "it must be degrees")
    try:
        degrees = float(str(value).strip()[:40])
    except ValueError:
        raise Open311FieldInvalid(name, "harus berupa angka derajat",
                                  "it must be degrees") from None
    if degrees != degrees or degrees in (float("inf"), float("-inf")):  # NaN, infinity
        raise Open311FieldInvalid(name, "harus berupa angka derajat", "it must be degrees")
    return degrees


def _flag(fields: Mapping[str, Any], name: str) -> bool:
    value = fields.get(name)
    said = str(value).strip().lower() if isinstance(value, str | bool | int) else None
    if value is None or said in NO:
        return False
    if said in YES:
        return True
    raise Open311FieldInvalid(name, "isi true atau false", "send true or false")


def _place(fields: Mapping[str, Any], located: bool) -> tuple[str, str | None]:
    """(kelurahan, address): see the module's decisions (`located`: lat and long given;
    the point's own rules are domain.check_point's)."""
    address = _text(fields, "address_string")
    kelurahan = _text(fields, "attribute[kelurahan]")
    if kelurahan is None and address is not None and len(address) <= TEXT_MAX[
            "attribute[kelurahan]"]:
        kelurahan = address
    if kelurahan is None and not located:
        raise Open311PlaceRequired()
    return kelurahan or "", address


def _web_address(fields: Mapping[str, Any], name: str) -> str | None:
    """An http(s) address given by the client (it is handed back to every reader, so no
    other scheme, e.g. `javascript:`). Open311FieldInvalid (400) otherwise."""
    said = _text(fields, name)
    if said is not None and (not said.lower().startswith(("https://", "http://"))
                             or any(c.isspace() for c in said)):
        raise Open311FieldInvalid(name, "alamat http:// atau https://",
                                  "an http:// or https:// address")
    return said


def report_in(fields: Mapping[str, Any], key_id: int) -> ReportIn:
    """The GeoReport fields as e-Wadul's ReportIn (channel open311). Raises
    Open311FieldRequired, Open311FieldInvalid, Open311PlaceRequired (400); the
    category, text and point rules are filing's (domain.check_*)."""
    service_code = _text(fields, "service_code")
    if service_code is None:
        raise Open311FieldRequired("service_code")
    description = _text(fields, "description")
    if description is None:
        raise Open311FieldRequired("description")
    lat, lon = _degrees(fields, "lat"), _degrees(fields, "long")
    kelurahan, address = _place(fields, lat is not None and lon is not None)
    names = [_text(fields, "first_name"), _text(fields, "last_name")]
    name = " ".join(n for n in names if n) or None
    return ReportIn(
        category=service_code, description=description, kelurahan=kelurahan,
        address=address, lat=lat, lon=lon,
        anonymous=_flag(fields, "attribute[anonymous]"),
        confidential=_flag(fields, "attribute[confidential]"),
        phone=_text(fields, "phone"), name=name, channel="open311", open311_key_id=key_id)


def file_request(uow: OpenWork, clock: Clock, cfg: FileConfig,
                 fields: Mapping[str, Any]) -> tuple[str, str]:
    """File the complaint `fields` describe (GeoReport's POST fields, `attribute[x]`
    flattened) for the holder of `fields["api_key"]`; returns its tracking code (the
    filer's secret) and its public reference (services.cases.public_ref).
    Raises Open311KeyMissing / Open311KeyRefused (403) before reading anything else,
    then report_in's and filing's errors; nothing is written when one is raised."""
    with uow:
        raw = fields.get("api_key")
        key = holder(uow, raw if isinstance(raw, str) else None)
        key_id, key_name = key.id, key.name
    report = report_in(fields, key_id)
    media_url = _web_address(fields, "media_url")
    filed = file_report(uow, clock, replace(cfg, gateway=False), report)
    with uow:
        case = find(uow, filed.code, MODULE)
        ref = public_ref(case)
        if media_url:
            note(uow, clock, case, Actor(f"open311:{key_name}"[:80], frozenset({"citizen"})),
                 MEDIA_URL, data={"media_url": media_url})
            uow.commit()
    return filed.code, ref
