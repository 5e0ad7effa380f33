"""Setting a facility's BPJS setup: its level, kode PPK, whether it reports, and each
service's part in a JKN visit. One rule checks a whole setup (`parse_setup`); one writer
replaces the facility's rows (`store_setup`); the use cases add who may and the audit
row (`config_api` calls them)."""

from __future__ import annotations

from dataclasses import asdict, dataclass
from typing import Any

from sqlalchemy import delete

from . import errors_config as refused
from .config import LEVELS, NEW_PATIENT_MODES, ROLES, facility_setup, service_roles
from .models import BpjsFacility, BpjsService

LARGEST = 2**31 - 1  # the database's integer (kodedokter's column)


@dataclass(frozen=True)
class ServiceIn:
    """One service's part: `code` the service's code at the facility, `service_id` its id."""

    code: str
    service_id: int
    role: str
    kodepoli: str | None = None
    namapoli: str = ""
    kodedokter: int | None = None
    namadokter: str = ""


@dataclass(frozen=True)
class SetupIn:
    """A whole BPJS setup of one facility, checked (`parse_setup`)."""

    level: str
    ppk_code: str
    reporting: bool
    services: tuple[ServiceIn, ...]
    new_patients: str = "accept"


def _text(value: object, field: str, most: int) -> str:
    """`value` as trimmed text of at most `most` characters (None → ""); BadField else."""
    said = "" if value is None else str(value).strip()
    if len(said) > most:
        raise refused.BadField(field, f"paling panjang {most} karakter",
                               f"at most {most} characters")
    return said


def _doctor(value: object, field: str) -> int | None:
    """A BPJS doctor code (kode dokter HFIS: a whole number), or None."""
    if value in (None, ""):
        return None
    said = str(value).strip()
    if isinstance(value, bool) or not said.isdigit() or int(said) > LARGEST:
        raise refused.BadField(field, "harus bilangan bulat (kode dokter HFIS)",
                               "must be a whole number (the HFIS doctor code)")
    return int(said)


def _service(index: int, entry: Any, codes: dict[str, int]) -> ServiceIn:
    """services[`index`] checked against the facility's service `codes` (code → id)."""
    if not isinstance(entry, dict):
        raise refused.BadField(f"services[{index}]", "harus berupa objek", "must be an object")
    code = _text(entry.get("service"), f"services[{index}].service", 40)
    if code not in codes:
        raise refused.UnknownService(index, code)
    role = str(entry.get("role") or "poli").strip()
    if role not in ROLES:
        raise refused.BadRole(index, code, role)
    kodepoli = _text(entry.get("kodepoli"), f"services[{index}].kodepoli", 8).upper() or None
    if role == "poli" and kodepoli is None:
        raise refused.PoliWithoutCode(index, code)
    if role != "poli":
        kodepoli = None
    return ServiceIn(code, codes[code], role, kodepoli,
                     _text(entry.get("namapoli"), f"services[{index}].namapoli", 120),
                     _doctor(entry.get("kodedokter"), f"services[{index}].kodedokter"),
                     _text(entry.get("namadokter"), f"services[{index}].namadokter", 120))


def parse_setup(body: dict[str, Any], codes: dict[str, int]) -> SetupIn:
    """The body of `PUT /api/v1/bpjs/facilities/{f}` checked as a whole against the
    facility's service `codes` (code → id). Raises BadLevel, BadNewPatients, BadField,
    UnknownService, ServiceTwice, BadRole, PoliWithoutCode, KodepoliTwice (422
    `invalid_bpjs_config`, naming the entry)."""
    level = str(body.get("level") or "fktp").strip().lower()
    if level not in LEVELS:
        raise refused.BadLevel(body.get("level"))
    entries = body.get("services") or []
    if not isinstance(entries, list):
        raise refused.BadField("services", "harus berupa daftar", "must be a list")
    seen: set[int] = set()
    polis: set[str] = set()
    services = []
    for index, entry in enumerate(entries):
        one = _service(index, entry, codes)
        if one.service_id in seen:
            raise refused.ServiceTwice(index, one.code)
        if one.kodepoli is not None and one.kodepoli in polis:
            raise refused.KodepoliTwice(index, one.code, one.kodepoli)
        seen.add(one.service_id)
        if one.kodepoli:
            polis.add(one.kodepoli)
        services.append(one)
    reporting = body.get("reporting", True)
    if not isinstance(reporting, bool):
        raise refused.BadField("reporting", "harus true atau false", "must be true or false")
    new_patients = str(body.get("new_patients") or "accept").strip().lower()
    if new_patients not in NEW_PATIENT_MODES:
        raise refused.BadNewPatients(body.get("new_patients"))
    return SetupIn(level, _text(body.get("ppk_code"), "ppk_code", 20), reporting,
                   tuple(services), new_patients)


def store_setup(uow: Any, facility_id: int, setup: SetupIn) -> None:
    """Replace facility `facility_id`'s BPJS rows with `setup` (no commit: the caller's
    transaction)."""
    session = uow.session
    row = session.get(BpjsFacility, facility_id)
    if row is None:
        row = BpjsFacility(facility_id=facility_id)
        session.add(row)
    row.level, row.ppk_code, row.reporting = setup.level, setup.ppk_code, setup.reporting
    row.new_patients = setup.new_patients
    session.execute(delete(BpjsService).where(BpjsService.facility_id == facility_id))
    session.add_all(BpjsService(
        service_id=s.service_id, facility_id=facility_id, role=s.role, kodepoli=s.kodepoli,
        namapoli=s.namapoli, kodedokter=s.kodedokter, namadokter=s.namadokter)
        for s in setup.services)
    session.flush()


def setup_view(uow: Any, facility_id: int, codes: dict[int, str]) -> dict[str, Any] | None:
    """Facility `facility_id`'s BPJS setup as the API answers it (services by code, from
    `codes`: id → code), or None when it has none."""
    setup = facility_setup(uow, facility_id)
    if setup is None:
        return None
    roles = service_roles(uow, facility_id)
    services = []
    for role in roles.values():
        entry = asdict(role)
        entry.pop("facility_id")
        services.append({"service": codes.get(entry.pop("service_id"), ""), **entry})
    return {"level": setup.level, "ppk_code": setup.ppk_code, "reporting": setup.reporting,
            "new_patients": setup.new_patients, "services": services}
