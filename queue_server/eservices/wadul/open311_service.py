"""Open311's reads as use cases: the services list and definitions, the requests a
client may see (public ones, domain.is_public: an unknown id and one not public are the
same 404), each by its public reference and in GeoReport v2's shape (open311_views).
Neither the tracking code nor the reporter is ever part of a read."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from queue_server.services.cases import public_ref
from queue_server.services.ports import Clock

from .open311_errors import Open311RequestUnknown, Open311ServiceUnknown
from .open311_filing import OpenWork
from .open311_query import ref_id
from .open311_reads import Found, RequestQuery, requests, service, services
from .open311_views import definition, office_name, request_row, service_row
from .public import public_view


def list_services(uow: OpenWork, lang: str) -> list[dict[str, Any]]:
    """Every active category as a GeoReport service, in the categories' order."""
    with uow:
        return [service_row(category, office_name(office, lang), lang)
                for category, office in services(uow.session)]


def service_definition(uow: OpenWork, code: str, lang: str) -> dict[str, Any]:
    """The definition of service `code` (Open311ServiceUnknown 404 for an unknown or
    inactive one)."""
    with uow:
        found = service(uow.session, code)
        if found is None:
            raise Open311ServiceUnknown(code)
        return definition(found[0], lang)


def public_page(base: str, ref: str) -> str:
    """The address of a public complaint's page (wadul.pages_public)."""
    return f"{base}wadul/laporan/{ref}"


def _media_url(uow: OpenWork, found: Found, base: str) -> str | None:
    """The complaint's first public photo, as its public page serves it (only photos the
    module's public view lists are ever served); else the media_url its filing
    application gave; else None."""
    view = public_view(uow, found.case) or {}
    photos = [p for p in view.get("photos") or [] if isinstance(p, int)]
    if photos:
        return f"{public_page(base, public_ref(found.case))}/foto/{photos[0]}"
    return found.media_url


def _rows(uow: OpenWork, found: list[Found], lang: str, tz: str,
          base: str) -> list[dict[str, Any]]:
    return [request_row(item, lang, tz, public_page(base, public_ref(item.case)),
                        _media_url(uow, item, base)) for item in found]


def list_requests(uow: OpenWork, clock: Clock, query: RequestQuery, lang: str, tz: str,
                  base: str) -> list[dict[str, Any]]:
    """The requests `query` picks, newest first (at most open311_reads.LIMIT); `base`
    is the server's address ending in "/" (for the public page and photo URLs)."""
    now: datetime = clock.now()
    with uow:
        return _rows(uow, requests(uow.session, query, now), lang, tz, base)


def one_request(uow: OpenWork, clock: Clock, ref: str, lang: str, tz: str,
                base: str) -> list[dict[str, Any]]:
    """The request of public reference `ref` (`WADUL-123`), as a one-item list
    (GeoReport answers a list). Open311RequestUnknown (404) when malformed, unknown or
    not public (unverified, rejected, unconfirmed, confidential)."""
    wanted = ref_id(ref[:60])
    with uow:
        found = [] if wanted is None else requests(
            uow.session, RequestQuery(ids=(wanted,)), clock.now())
        if not found:
            raise Open311RequestUnknown(ref[:60])
        return _rows(uow, found, lang, tz, base)
