"""The parties of a release (OCDS 1.1.5 `parties`, with roles from the partyRole
codelist): the office that buys (buyer; procuring entity of direct procurement), the
procurement unit (UKPBJ: procuring entity of a tender), the finance office (payer), and
the providers by their tax number (NPWP: `ID-NPWP-<15 or 16 digits>`) as tenderers,
supplier and payee."""

from __future__ import annotations

import re
from typing import Any

from queue_server.persistence.case_models import Office

from ..procurement.models import ProcurementProvider
from ..project.methods import needs_tender
from .rows import Process

NPWP_SCHEME = "ID-NPWP"  # Indonesia's taxpayer number, in the org-id list's style


def provider_id(provider: ProcurementProvider) -> str:
    """A provider's party id: `ID-NPWP-` and its NPWP's digits."""
    return f"{NPWP_SCHEME}-{re.sub(r'[^0-9]', '', provider.npwp)}"


def provider_ref(provider: ProcurementProvider) -> dict[str, Any]:
    """An OrganizationReference to a provider (its party id and name)."""
    return {"id": provider_id(provider), "name": provider.name}


def office_ref(office: Office) -> dict[str, Any]:
    """An OrganizationReference to an office (its code and name)."""
    return {"id": office.code, "name": office.name}


def _office(office: Office, roles: list[str]) -> dict[str, Any]:
    return {"id": office.code, "name": office.name, "roles": roles,
            "address": {"countryName": "Indonesia"}}


def _provider(provider: ProcurementProvider, roles: list[str]) -> dict[str, Any]:
    digits = provider_id(provider).removeprefix(f"{NPWP_SCHEME}-")
    return {"id": provider_id(provider), "name": provider.name, "roles": roles,
            "identifier": {"scheme": NPWP_SCHEME, "id": digits, "legalName": provider.name},
            "address": {"streetAddress": provider.address or None,
                        "countryName": "Indonesia"}}


def tendered(process: Process) -> bool:
    """Whether the process is procured by a tender (the procurement unit runs it)."""
    method = process.tender.method if process.tender is not None else process.package.method
    return needs_tender(method)


def procuring_entity(process: Process) -> Office:
    """The UKPBJ for a tender when it exists, else the buying office."""
    if tendered(process) and process.procurer is not None:
        return process.procurer
    return process.buyer


def payer(process: Process) -> Office:
    """The finance office paying the invoices when it exists, else the buying office."""
    return process.treasury if process.treasury is not None else process.buyer


def parties(process: Process) -> list[dict[str, Any]]:
    """Every party of the release, each once, with all its roles, in the order they
    join the process (buyer and procuring entity, tenderers and supplier, payer)."""
    offices: dict[str, tuple[Office, list[str]]] = {}
    for office, role in ((process.buyer, "buyer"), (procuring_entity(process),
                                                    "procuringEntity")):
        offices.setdefault(office.code, (office, []))[1].append(role)
    providers: dict[str, tuple[ProcurementProvider, list[str]]] = {}
    for _bid, provider in process.bids:
        providers.setdefault(provider_id(provider), (provider, []))[1].append("tenderer")
    if process.supplier is not None:
        roles = providers.setdefault(provider_id(process.supplier), (process.supplier, []))[1]
        roles.extend(["supplier", "payee"] if process.paid else ["supplier"])
    paying = payer(process) if process.paid else None
    if paying is not None and paying.code in offices:
        offices[paying.code][1].append("payer")
    listed = ([_office(office, roles) for office, roles in offices.values()]
              + [_provider(provider, roles) for provider, roles in providers.values()])
    if paying is not None and paying.code not in offices:
        listed.append(_office(paying, ["payer"]))  # last: parties keep their first order
    return listed
