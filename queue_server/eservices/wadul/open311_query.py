"""GET requests.json's query, read as GeoReport v2 defines it: `service_request_id`
(public references `WADUL-123`, comma separated, any case), `service_code`,
`start_date`/`end_date` (ISO 8601 date-times; one without an offset is city time),
`status` (open, closed, comma separated)."""

from __future__ import annotations

import re
from collections.abc import Mapping
from datetime import UTC, datetime
from zoneinfo import ZoneInfo

from queue_server.services.cases import MAX_ID

from . import MODULE
from .open311_errors import Open311FieldInvalid
from .open311_reads import LIMIT, RequestQuery

_REF = re.compile(rf"{MODULE}-([0-9]{{1,10}})", re.IGNORECASE)
STATUSES = ("open", "closed")


def ref_id(ref: str) -> int | None:
    """The case id in a public reference (`WADUL-123`, any case), or None when `ref` is
    not one (services.cases.public_ref makes them)."""
    found = _REF.fullmatch(ref.strip())
    return int(found.group(1)) if found and int(found.group(1)) <= MAX_ID else None


def _ids(value: str | None) -> tuple[int, ...] | None:
    if value is None or not value.strip():
        return None
    parts = [part for part in value.split(",") if part.strip()]
    ids = tuple(dict.fromkeys(ref_id(part) for part in parts[:LIMIT + 1]))
    if len(parts) > LIMIT or None in ids:
        raise Open311FieldInvalid(
            "service_request_id",
            f"nomor laporan seperti WADUL-123, dipisah koma (paling banyak {LIMIT})",
            f"request ids such as WADUL-123, separated by commas (at most {LIMIT})")
    return tuple(i for i in ids if i is not None)


def moment(value: str | None, field: str, tz: str) -> datetime | None:
    """An ISO 8601 date or date-time as an aware UTC datetime (city time when it has no
    offset). Raises Open311FieldInvalid."""
    if value is None or not value.strip():
        return None
    try:
        parsed = datetime.fromisoformat(value.strip()[:40])
        if parsed.tzinfo is None:
            parsed = parsed.replace(tzinfo=ZoneInfo(tz))
        return parsed.astimezone(UTC)
    except (ValueError, OverflowError):
        raise Open311FieldInvalid(field, "tanggal ISO 8601, misalnya 2026-11-30T08:00:00+07:00",
                                  "an ISO 8601 date-time, e.g. 2026-11-30T08:00:00+07:00"
                                  ) from None


def _statuses(value: str | None) -> tuple[str, ...] | None:
    if value is None or not value.strip():
        return None
    said = tuple(part.strip().lower() for part in value.split(",") if part.strip())
    if not said or any(part not in STATUSES for part in said):
        raise Open311FieldInvalid("status", "open atau closed", "open or closed")
    return said


def parse_query(args: Mapping[str, str], tz: str) -> RequestQuery:
    """The query `args` as a RequestQuery. Raises Open311FieldInvalid (400) naming the
    field: ids not public references, dates not ISO 8601, a status other than
    open/closed, a start after the end."""
    code = (args.get("service_code") or "").strip() or None
    if code is not None and len(code) > 40:
        raise Open311FieldInvalid("service_code", "paling banyak 40 karakter",
                                  "at most 40 characters")
    start = moment(args.get("start_date"), "start_date", tz)
    end = moment(args.get("end_date"), "end_date", tz)
    if start is not None and end is not None and start > end:
        raise Open311FieldInvalid("start_date", "tidak boleh setelah end_date",
                                  "it must not be after end_date")
    return RequestQuery(ids=_ids(args.get("service_request_id")), service_code=code,
                        start=start, end=end, statuses=_statuses(args.get("status")))
