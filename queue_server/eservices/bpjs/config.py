"""BPJS configuration readers (issue 19): how a facility reports to BPJS (FKTP or FKRTL,
its kode PPK), each service's part in a JKN visit (poli with its BPJS `kodepoli`,
registration desk, pharmacy) and the hosted web service's accounts.

The other parts read these: the hosted service (`service_by_kodepoli`, `account_for`),
the outbox (`facility_setup`, `service_roles`). Writing them is `config_write`'s."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from sqlalchemy import select

from .models import BpjsAccount, BpjsFacility, BpjsService

LEVELS = ("fktp", "fkrtl")  # primary care (puskesmas, klinik); referral care (hospital)
ROLES = ("poli", "registration", "pharmacy")
# What Mobile JKN's new patients may do: book at once, or register first (ws_patients).
NEW_PATIENT_MODES = ("accept", "register")


@dataclass(frozen=True)
class FacilitySetup:
    """A facility's BPJS setup: `level` "fktp" or "fkrtl", `ppk_code` its BPJS facility
    code (kode PPK), `reporting` whether the outbox reports its visits, `new_patients`
    "accept" (every card books) or "register" (Mobile JKN's "pasien baru" first)."""

    facility_id: int
    level: str
    ppk_code: str
    reporting: bool
    new_patients: str = "accept"


@dataclass(frozen=True)
class ServiceRole:
    """A service's part in a JKN visit: `role` "poli" (BPJS poli `kodepoli`, e.g. UMU,
    with the doctor Mobile JKN shows), "registration" (tasks 1–3) or "pharmacy" (tasks
    6–7); `kodepoli` is None for the last two."""

    service_id: int
    facility_id: int
    role: str
    kodepoli: str | None
    namapoli: str
    kodedokter: int | None
    namadokter: str


@dataclass(frozen=True)
class AccountRow:
    """A hosted web service account (what Mobile JKN signs in with): the password as a
    hash (check it with werkzeug's check_password_hash, as services.auth does);
    `version` grows when the password changes (older tokens are refused)."""

    id: int
    username: str
    password_hash: str
    facility_id: int
    active: bool
    version: int


def _role(row: BpjsService) -> ServiceRole:
    return ServiceRole(row.service_id, row.facility_id, row.role, row.kodepoli,
                       row.namapoli, row.kodedokter, row.namadokter)


def facility_setup(uow: Any, facility_id: int) -> FacilitySetup | None:
    """The BPJS setup of facility `facility_id`, or None when it is not set up."""
    row = uow.session.get(BpjsFacility, facility_id)
    if row is None:
        return None
    return FacilitySetup(row.facility_id, row.level, row.ppk_code, bool(row.reporting),
                         row.new_patients)


def service_roles(uow: Any, facility_id: int) -> dict[int, ServiceRole]:
    """Every mapped service of facility `facility_id`: service id → its ServiceRole (a
    service without a row is not reported to BPJS)."""
    rows = uow.session.scalars(select(BpjsService).where(
        BpjsService.facility_id == facility_id).order_by(BpjsService.service_id))
    return {row.service_id: _role(row) for row in rows}


def service_by_kodepoli(uow: Any, facility_id: int, kodepoli: str) -> ServiceRole | None:
    """The poli of facility `facility_id` whose BPJS code is `kodepoli` (compared without
    case: Mobile JKN sends "UMU"), or None when none is mapped."""
    rows = uow.session.scalars(select(BpjsService).where(
        BpjsService.facility_id == facility_id, BpjsService.role == "poli"))
    wanted = kodepoli.strip().upper()
    for row in rows:
        if (row.kodepoli or "").upper() == wanted:
            return _role(row)
    return None


def account_for(uow: Any, username: str) -> AccountRow | None:
    """The hosted service's account named `username` (exact), active or not; None when
    there is none."""
    row = uow.session.scalars(select(BpjsAccount).where(
        BpjsAccount.username == username)).first()
    if row is None:
        return None
    return AccountRow(row.id, row.username, row.password_hash, row.facility_id,
                      bool(row.active), row.version)


__all__ = ["LEVELS", "ROLES", "AccountRow", "FacilitySetup", "ServiceRole", "account_for",
           "facility_setup", "service_by_kodepoli", "service_roles"]
