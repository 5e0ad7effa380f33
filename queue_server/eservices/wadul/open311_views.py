"""The GeoReport v2 answers, shaped exactly as the spec names their fields
(wiki.open311.org/GeoReport_v2), from e-Wadul's categories and complaints.

Mapping: a category is a service (`group`: the office it is routed to); a complaint is a
service request whose `service_request_id` is its public reference (`WADUL-123`; the
tracking code is the filer's secret, only in the POST answer's notice link); `status`
is open or closed by its workflow state's kind, and `detailed_status` (an extension, as
Rostock's Klarschiff has) the state itself; `status_notes` the staff's last public
comment (never the citizen's own words); `media_url` our first public photo, else the
filing application's own;
`agency_responsible` the office holding it; `expected_datetime` the end of its overall
deadline's day (working days, city time). Nothing of the reporter is ever part of it.
"""

from __future__ import annotations

from datetime import date, datetime, time
from typing import Any
from zoneinfo import ZoneInfo

from queue_server.domain.texts import text
from queue_server.persistence.case_models import Office
from queue_server.services.cases import public_ref
from queue_server.services.views import iso

from . import WORKFLOW
from .models import WadulCategory
from .open311_reads import CLOSED_STATES, Found

SERVICE_KEYS = ("service_code", "service_name", "description", "metadata", "type",
                "keywords", "group")
DEFINITION_KEYS = ("service_code", "attributes")
ATTRIBUTE_KEYS = ("variable", "code", "datatype", "required", "datatype_description",
                  "order", "description", "values")
FILED_KEYS = ("service_request_id", "service_notice", "account_id")
REQUEST_KEYS = ("service_request_id", "status", "status_notes", "service_name",
                "service_code", "description", "agency_responsible", "service_notice",
                "requested_datetime", "updated_datetime", "expected_datetime", "address",
                "address_id", "zipcode", "lat", "long", "media_url")
EXTENSION_KEYS = ("detailed_status",)
ERROR_KEYS = ("code", "description")
# The attributes a service takes beyond the spec's fields (`attribute[<code>]`).
ATTRIBUTES = (("kelurahan", "string", "open311.attribute.kelurahan"),
              ("anonymous", "singlevaluelist", "open311.attribute.anonymous"),
              ("confidential", "singlevaluelist", "open311.attribute.confidential"))


def _name(category: WadulCategory, lang: str) -> str:
    return (category.name_en or category.name) if lang == "en" else category.name


def office_name(office: Office | None, lang: str) -> str:
    """An office's name in `lang` ("" for none)."""
    if office is None:
        return ""
    return (office.name_en or office.name) if lang == "en" else office.name


def service_row(category: WadulCategory, office_name: str, lang: str) -> dict[str, Any]:
    """A category as a GeoReport service. An emergency category (with a `redirect`) is
    listed so a client can show where to go: its description is the redirect text, it
    takes no attributes (`metadata` false) and its POSTs are refused."""
    if category.redirect:
        description, metadata = category.redirect, False
    else:
        description = text("open311.service.description", lang, office=office_name,
                           days=category.days)
        metadata = True
    return {"service_code": category.code, "service_name": _name(category, lang),
            "description": description, "metadata": metadata, "type": "realtime",
            "keywords": ", ".join(["e-wadul", category.code]), "group": office_name}


def _attribute(order: int, code: str, datatype: str, key: str, lang: str) -> dict[str, Any]:
    values = [] if datatype == "string" else [
        {"key": "true", "name": text("open311.attribute.yes", lang)},
        {"key": "false", "name": text("open311.attribute.no", lang)}]
    return {"variable": True, "code": code, "datatype": datatype, "required": False,
            "datatype_description": None, "order": order,
            "description": text(key, lang), "values": values}


def definition(category: WadulCategory, lang: str) -> dict[str, Any]:
    """A service's definition: the optional attributes kelurahan (else the
    address_string names it), anonymous and confidential; none for an emergency one."""
    attributes = [] if category.redirect else [
        _attribute(order, code, datatype, key, lang)
        for order, (code, datatype, key) in enumerate(ATTRIBUTES, 1)]
    return {"service_code": category.code, "attributes": attributes}


def filed_row(ref: str, track_url: str, lang: str) -> dict[str, Any]:
    """The answer to a filed request: its public reference and what happens next, with
    `track_url` (the filer's own page: it goes to the filing application only)."""
    days = WORKFLOW.state(WORKFLOW.initial).days
    return {"service_request_id": ref,
            "service_notice": text("open311.notice.filed", lang, days=days, url=track_url),
            "account_id": None}


def _deadline(day: date | None, tz: str) -> str | None:
    """The end of a deadline's day in the city, as GeoReport's datetime."""
    if day is None:
        return None
    return datetime.combine(day, time(23, 59, 59), tzinfo=ZoneInfo(tz)).isoformat()


def request_row(found: Found, lang: str, tz: str, track_url: str,
                media_url: str | None) -> dict[str, Any]:
    """A complaint as a GeoReport service request (REQUEST_KEYS, then EXTENSION_KEYS)."""
    case, report = found.case, found.report
    return {
        "service_request_id": public_ref(case),
        "status": "closed" if case.state in CLOSED_STATES else "open",
        "status_notes": found.notes or None,
        "service_name": _name(found.category, lang),
        "service_code": found.category.code,
        "description": report.description,
        "agency_responsible": office_name(found.office, lang) or None,
        "service_notice": text("open311.notice.track", lang, url=track_url),
        "requested_datetime": iso(case.opened_at, tz),
        "updated_datetime": iso(case.state_since, tz),
        "expected_datetime": _deadline(case.due, tz),
        "address": report.address or report.kelurahan,
        "address_id": None,
        "zipcode": None,
        "lat": report.lat,
        "long": report.lon,
        "media_url": media_url,
        "detailed_status": case.state,
    }


def error_rows(status: int, description: str) -> list[dict[str, Any]]:
    """GeoReport's error answer: a list of `{code, description}`."""
    return [{"code": status, "description": description}]
