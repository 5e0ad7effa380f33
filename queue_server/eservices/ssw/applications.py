"""Applying for a permit (a person or a business, with one file per required document),
and sending again only the documents the desk flagged for revision (the accepted ones
stay accepted: SSW's partial resubmission). Everything is checked before anything is
written: a refused file leaves no case."""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from queue_server.domain.errors import NotFound
from queue_server.domain.identity import (
    normalise_identifier,
    parse_name,
    parse_nik,
    parse_phone,
)
from queue_server.services import case_checks, case_files
from queue_server.services.cases import CITIZEN, Actor, Filing, city_today, find, note, open_case
from queue_server.services.port_cases import CaseRow, CaseWork, FileStore
from queue_server.services.ports import Clock

from . import MODULE
from .catalogue import TYPES, permit_type
from .errors import (
    ApplicantInvalid,
    DocumentNotFlagged,
    DocumentsMissing,
    NothingSent,
    PermitTypeNotFound,
    RenewalInvalid,
    UnknownRequirement,
    named,
)
from .flow import WORKFLOW, application, case_by_ref, desk_id, move, permit_of, require_state
from .models import SswApplication, SswDocument, SswPermitType
from .store import add, latest_documents

KINDS = ("person", "business")
NIB = re.compile(r"\d{13}")  # Nomor Induk Berusaha: 13 digits (OSS RBA, PP 5/2021)
# The applicant sending the flagged documents again: the workflow's `resubmit` is a
# `system` move (it follows from this upload), so /c/{code} offers no form of its own.
SENDER = Actor("citizen", frozenset({"system"}))
WHAT = "permohonan izin SSW"  # the phone message names what is being confirmed


@dataclass
class Application:
    """An application as sent: the permit's code, `applicant_kind` person or business,
    the applicant (NIK, phone, name: personal data, never on a public page), the
    address and kelurahan of the place, the business's name and NIB (a business), the
    permit's own details, and `renewal_of` (the public reference of the application
    whose permit this renews)."""

    permit_type: str
    applicant_kind: str
    nik: str
    phone: str
    name: str
    address: str
    kelurahan: str | None = None
    business_name: str | None = None
    nib: str | None = None
    details: dict[str, Any] = field(default_factory=dict)
    renewal_of: str | None = None


def _identity(data: Application, today: date) -> tuple[str, str, str]:
    """NIK, phone and name checked as e-Wadul and the queue check them
    (domain.identity: invalid_nik, invalid_phone, invalid_name 422)."""
    nik = parse_nik(normalise_identifier(data.nik or "", "nik"), today).value
    phone = parse_phone(normalise_identifier(data.phone or "", "phone"))
    if not (data.name or "").strip():
        raise ApplicantInvalid("nama pemohon wajib diisi", "the applicant's name is required")
    return nik, phone, parse_name(data.name)


def _applicant(data: Application) -> None:
    if data.applicant_kind not in KINDS:
        raise ApplicantInvalid("jenis pemohon person atau business",
                               "applicant_kind is person or business")
    if data.applicant_kind == "business" and not (data.business_name or "").strip():
        raise ApplicantInvalid("nama usaha wajib untuk badan usaha",
                               "a business needs its business_name")
    if data.applicant_kind == "business" and not NIB.fullmatch((data.nib or "").strip()):
        raise ApplicantInvalid("NIB badan usaha wajib, 13 angka",
                               "a business needs its NIB, 13 digits")
    if len((data.address or "").strip()) < 5:
        raise ApplicantInvalid("alamat lokasi wajib diisi", "the address is required")


def prepared(permit: SswPermitType, files: Mapping[str, tuple[bytes, str]], max_bytes: int,
             only: set[str] | None = None) -> dict[str, tuple[str, bytes]]:
    """Each sent file checked against its requirement (UnknownRequirement 422 for a code
    the permit does not ask for; the accepted types, the size limit and a photo's
    re-encoding without metadata: services.case_files.prepare, its 422s), by code."""
    wanted = {doc["code"]: doc for doc in permit.documents}
    out: dict[str, tuple[str, bytes]] = {}
    for code, (data, _filename) in files.items():
        if code not in wanted or (only is not None and code not in only):
            raise (UnknownRequirement(code) if code not in wanted
                   else DocumentNotFlagged(named(permit.documents, [code])))
        allowed = tuple(TYPES[t] for t in wanted[code]["types"])
        out[code] = case_files.prepare(data, allowed, max_bytes, code)
    return out


def _keep(uow: CaseWork, clock: Clock, store: FileStore, case: CaseRow,
          ready: Mapping[str, tuple[str, bytes]], versions: Mapping[str, int]) -> None:
    """Attach the prepared files to the case and record them as document versions."""
    for code, (content_type, data) in ready.items():
        row = case_files.attach(uow, clock, store, case, data, "document", (content_type,),
                                len(data) + 1, name=code)
        add(uow, SswDocument(case_id=case.id, requirement=code,
                             version=versions.get(code, 0) + 1, file_id=row.id,
                             state="pending", uploaded_at=clock.now()))


def _renewed(uow: CaseWork, ref: str | None, nik: str) -> int | None:
    """The application whose permit this renews (`ref`): an SSW application of the
    same holder (NIK) with its permit issued and in force; RenewalInvalid 422 else."""
    if not ref:
        return None
    try:
        old = case_by_ref(uow, ref.strip().upper())
    except NotFound:
        raise RenewalInvalid(f"{ref[:20]} bukan nomor permohonan SSW",
                             f"{ref[:20]} is not an SSW application") from None
    if old.nik != nik:
        raise RenewalInvalid("izin itu atas nama orang lain", "that permit is another's")
    if old.state != "issued":
        raise RenewalInvalid("izin itu belum terbit atau tidak berlaku lagi",
                             "that permit is not issued or no longer in force")
    return application(uow, old).id


def apply(uow: CaseWork, clock: Clock, data: Application,
          files: dict[str, tuple[bytes, str]], store: FileStore,
          config: Mapping[str, Any]) -> CaseRow:
    """File an application: the permit must be active (PermitTypeNotFound 404), the
    applicant valid (ApplicantInvalid, invalid_nik, invalid_phone 422), every required
    document sent (DocumentsMissing 422 naming each) in an accepted type. Opens the
    case (`module="ssw"`; its `due` is set once the documents are complete:
    deadlines.start_clock),
    its application and version 1 of each document (`pending`). With a messaging
    gateway (`config`, services.case_checks) the case starts unconfirmed and a code is
    sent to the phone. `config`: the app config (CASE_FILE_MAX_BYTES, CITY_TIMEZONE).
    Commits; returns the case."""
    tz = str(config.get("CITY_TIMEZONE", "Asia/Jakarta"))
    gateway = case_checks.gateway_on(config)
    with uow:
        permit = permit_type(uow, data.permit_type)
        if not permit.active:
            raise PermitTypeNotFound(permit.code)
        _applicant(data)
        nik, phone, name = _identity(data, city_today(clock, tz))
        missing = [d["code"] for d in permit.documents if d["required"] and d["code"] not in files]
        if missing:
            raise DocumentsMissing(missing, named(permit.documents, missing))
        ready = prepared(permit, files, case_files.max_bytes(config))
        renewal = _renewed(uow, data.renewal_of, nik)
        case = open_case(uow, clock, WORKFLOW, Filing(
            MODULE, office_id=desk_id(uow), nik=nik, phone=phone, name=name,
            confirmed=not gateway,
            data={"permit": permit.code}), CITIZEN, timezone=tz)
        add(uow, SswApplication(
            case_id=case.id, permit_type_id=permit.id, applicant_kind=data.applicant_kind,
            business_name=(data.business_name or "").strip()[:200] or None,
            nib=(data.nib or "").strip()[:20] or None, address=data.address.strip()[:300],
            kelurahan=(data.kelurahan or "").strip()[:80] or None, details=data.details,
            fee=permit.fee, submitted_at=clock.now(), renewal_of=renewal))
        _keep(uow, clock, store, case, ready, {})
        if gateway:
            case_checks.start(uow, clock, case, case_checks.CODE_LASTS, WHAT, tz)
        uow.commit()
    return case


def resubmit(uow: CaseWork, clock: Clock, code: str, files: dict[str, tuple[bytes, str]],
             store: FileStore, max_bytes: int = case_files.DEFAULT_MAX_BYTES) -> CaseRow:
    """The owner (holder of the tracking `code`) sends again documents flagged
    `revision`, each as a new version (`pending`); any other document is refused
    (DocumentNotFlagged 422), as is an empty send (NothingSent 422) or a case not
    waiting for documents (WrongStep 409). When no flagged document remains, the case
    goes back to the desk's check (`resubmit`). Commits; returns the case."""
    if not files:
        raise NothingSent()
    with uow:
        case = find(uow, code, MODULE)
        require_state(case, {"submitted", "revision"}, "mengirim ulang dokumen",
                      "sending documents again")
        permit = permit_of(uow, application(uow, case))
        latest = latest_documents(uow, case.id)
        flagged = {req for req, row in latest.items() if row.state == "revision"}
        ready = prepared(permit, files, max_bytes, only=flagged)
        _keep(uow, clock, store, case, ready, {req: row.version for req, row in latest.items()})
        note(uow, clock, case, CITIZEN, "documents_sent", public=True,
             data={"documents": sorted(ready)})
        if case.state == "revision" and not flagged - ready.keys():
            move(uow, clock, case, "resubmit", SENDER)
        uow.commit()
    return case
