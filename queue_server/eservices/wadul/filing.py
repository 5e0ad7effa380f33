"""Filing a complaint: by a citizen (web, API, Open311), or by the Media Center on a
citizen's behalf for one received by WhatsApp, phone, e-mail, social media or at the
desk. Everything is checked before anything is written: a refused photo leaves no case."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any
from zoneinfo import ZoneInfo

from queue_server.domain.attachments import PHOTO_TYPES, TooManyFiles, check_file
from queue_server.domain.identity import (
    normalise_identifier,
    parse_name,
    parse_nik,
    parse_phone,
)
from queue_server.persistence.case_file_store import file_store
from queue_server.services import case_checks, case_files
from queue_server.services.auth import Principal
from queue_server.services.cases import (
    CITIZEN,
    Filing,
    city_today,
    open_case,
    public_ref,
    staff_actor,
)
from queue_server.services.port_cases import CaseRow, CaseWork, FileStore
from queue_server.services.ports import Clock

from . import DESK_OFFICE, MODULE, WORKFLOW
from .citizen import check_identity_given
from .domain import (
    CHANNELS,
    DESK_CHANNELS,
    MAX_PHOTOS,
    CategoryRule,
    WadulForbidden,
    check_category,
    check_channel,
    check_point,
    check_text,
)
from .models import WadulCategory
from .store import WadulStore

WHAT = "pengaduan e-Wadul"  # the phone message names what is being confirmed


@dataclass
class ReportIn:
    """A complaint as filed: category code, what and where (lat/lon in degrees WGS84),
    the two privacy flags, the reporter (all optional on the desk), the channel and up
    to three photos (their bytes)."""

    category: str
    description: str
    kelurahan: str
    address: str | None = None
    lat: float | None = None
    lon: float | None = None
    anonymous: bool = False
    confidential: bool = False
    nik: str | None = None
    phone: str | None = None
    name: str | None = None
    channel: str = "web"
    photos: list[bytes] = field(default_factory=list)
    open311_key_id: int | None = None


@dataclass(frozen=True)
class FileConfig:
    """Where photos go, their size limit in bytes, whether a messaging gateway sends a
    phone code (the case then waits unconfirmed), and the city's time zone."""

    store: FileStore
    max_bytes: int
    gateway: bool
    timezone: str = "Asia/Jakarta"


@dataclass(frozen=True)
class Filed:
    """A filed complaint: its tracking code, and, while a phone code is outstanding,
    `confirmed` False and when that code expires (in the city's time zone); `ref` its
    public reference (`WADUL-123`)."""

    code: str
    confirmed: bool
    code_expires: datetime | None = None
    ref: str = ""


def file_config(app: Any) -> FileConfig:
    """The filing settings of a Flask app: instance files folder, CASE_FILE_MAX_BYTES,
    the gateway rule of services.case_checks, CITY_TIMEZONE."""

    config: Mapping[str, Any] = app.config
    return FileConfig(file_store(app.instance_path), case_files.max_bytes(config),
                      case_checks.gateway_on(config), config.get("CITY_TIMEZONE", "Asia/Jakarta"))


def category_rule(uow: CaseWork, row: WadulCategory | None) -> CategoryRule | None:
    """What domain.check_category needs of the category `row` (None: unknown), with
    whether its office is still active."""
    if row is None:
        return None
    office = uow.offices.by_id(row.office_id)
    return CategoryRule(row.code, row.name, row.name_en, row.redirect, row.active,
                        office is not None and bool(office.active), row.redirect_en)


def _checked(uow: CaseWork, store: WadulStore, report: ReportIn,
             cfg: FileConfig) -> tuple[WadulCategory, str, str]:
    """The category row and the tidied description and kelurahan; photos checked."""
    row = store.category(report.category)
    check_category(category_rule(uow, row), report.category)
    assert row is not None
    description, kelurahan = check_text(report.description, report.kelurahan,
                                        located=report.lat is not None)
    check_point(report.lat, report.lon)
    if len(report.photos) > MAX_PHOTOS:
        raise TooManyFiles(MAX_PHOTOS)
    for number, data in enumerate(report.photos, 1):
        check_file(data, PHOTO_TYPES, cfg.max_bytes, f"foto {number}")
    return row, description, kelurahan


def _identity(report: ReportIn, phone_needed: bool, today: Any) -> tuple[str | None, ...]:
    """NIK, phone and name checked (domain.identity, as in the queue): a citizen's own
    filing must give NIK and phone (citizen.check_identity_given). NIK and phone are read
    as the queue's API fields read them (identity.normalise_identifier: spaces and dashes
    typed between groups dropped, full-width digits read as digits, other scripts 422)."""
    check_identity_given(report.channel, report.nik, report.phone)
    nik = (parse_nik(normalise_identifier(report.nik, "nik"), today).value
           if report.nik else None)
    phone = (parse_phone(normalise_identifier(report.phone or "", "phone"))
             if (report.phone or phone_needed) else None)
    name = parse_name(report.name) if report.name else None
    return nik, phone, name


def _open(uow: CaseWork, clock: Clock, cfg: FileConfig, report: ReportIn, confirmed: bool,
          identity: Callable[[], tuple[str | None, ...]], actor: Any,
          entered_by: int | None) -> CaseRow:
    """The complaint checked, then opened with the reporter `identity()` gives (NIK,
    phone, name). The category comes first: an emergency one is told (CategoryRedirect
    409: call 112) before the citizen is asked who they are."""
    store = WadulStore(uow)
    row, description, kelurahan = _checked(uow, store, report, cfg)
    nik, phone, name = identity()
    desk = uow.offices.by_code(DESK_OFFICE)
    case = open_case(uow, clock, WORKFLOW, Filing(
        MODULE, office_id=desk.id if desk else None, nik=nik, phone=phone, name=name,
        confirmed=confirmed, data={"channel": report.channel}), actor,
        timezone=cfg.timezone)
    store.add_report(case_id=case.id, category_id=row.id, description=description,
                     kelurahan=kelurahan, address=(report.address or "").strip()[:200] or None,
                     lat=report.lat, lon=report.lon, anonymous=report.anonymous,
                     confidential=report.confidential, channel=report.channel,
                     entered_by=entered_by, open311_key_id=report.open311_key_id)
    case_files.attach_all(uow, clock, cfg.store, case, report.photos, "photo", PHOTO_TYPES,
                          cfg.max_bytes, label="foto")
    return case


def file_report(uow: CaseWork, clock: Clock, cfg: FileConfig, report: ReportIn) -> Filed:
    """A citizen files a complaint (channel web, api or open311). On the web and the API
    NIK and phone are required (IdentityRequired 422: ESERVICES.md, complaints under
    someone else's NIK) and must be valid (`invalid_nik`, `invalid_phone`); Open311's
    are optional (its key vouches for the app); the name is always optional. With a
    gateway the case starts unconfirmed and a code is sent (services.case_checks.start);
    else (and always for `open311`, whose API key vouches for it) it is confirmed at
    once.
    Raises the errors of domain.check_* (category, text, point), photo errors
    (TooManyFiles, FileTooLarge, FileTypeRefused, FileEmpty: 422); nothing is written
    then. Commits."""
    check_channel(report.channel, ("web", "api", "open311"))
    # An Open311 request comes from a civic app whose key vouches for it: no phone code.
    phone_check = cfg.gateway and report.channel != "open311"
    with uow:
        today = city_today(clock, cfg.timezone)
        case = _open(uow, clock, cfg, report, not phone_check,
                     lambda: _identity(report, phone_check, today), CITIZEN, None)
        expires = None
        if phone_check:
            expires = case_checks.start(uow, clock, case, case_checks.CODE_LASTS, WHAT,
                                        cfg.timezone)
        code, ref = case.code, public_ref(case)
        uow.commit()
    # Said with the city's offset, like every other time the API answers.
    return Filed(code, expires is None,
                 None if expires is None else expires.astimezone(ZoneInfo(cfg.timezone)), ref)


def desk_entry(uow: CaseWork, clock: Clock, cfg: FileConfig, principal: Principal,
               report: ReportIn) -> Filed:
    """The Media Center enters a complaint received by `report.channel` (one of
    DESK_CHANNELS, else ChannelUnknown 422) on a citizen's behalf: identity optional
    (validated when given), confirmed at once, `entered_by` the staff member. Only the
    desk (a member of the intake office) and the admin: else WadulForbidden (403).
    Commits."""
    check_channel(report.channel, DESK_CHANNELS)
    assert set(DESK_CHANNELS) <= set(CHANNELS)
    with uow:
        desk = uow.offices.by_code(DESK_OFFICE)
        actor = staff_actor(uow, principal, None, desk.id if desk else None)
        if not actor.roles & {"desk", "admin"}:
            raise WadulForbidden("mencatat pengaduan di", "enter complaints")
        today = city_today(clock, cfg.timezone)
        case = _open(uow, clock, cfg, report, True, lambda: _identity(report, False, today),
                     actor, principal.id)
        code, ref = case.code, public_ref(case)
        uow.commit()
    return Filed(code, True, None, ref)
