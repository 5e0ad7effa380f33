"""e-Controlling's dashboard: per package planned vs actual physical progress (plan:
the package's `plan`; actual: approved reports), deviation, financial progress, money
paid and the flags of rules.flags; totals per office and per kecamatan (value-weighted
progress), the planned-vs-actual curves, CSV. Offices' people see their offices'
packages, a provider's people their contracts'; the planning agency, the admin and the
city account every package."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import date
from typing import Any

from mobile_api.report_schemas import as_csv
from queue_server.services.auth import Principal

from . import access, store
from .curves import Track, aggregate, track_of
from .rules import FLAGS, Thresholds, days_late, flags, late_penalty, planned_at, reference_month


def _names(uow: Any, office_id: int | None) -> dict[str, Any]:
    office = uow.offices.by_id(office_id) if office_id is not None else None
    return {"code": office.code if office else None, "name": office.name if office else None,
            "name_en": (office.name_en or office.name) if office else None}


def _row(uow: Any, track: Track, today: date, limits: Thresholds) -> dict[str, Any]:
    """One package's figures on `today`."""
    package, contract, standing = track.package, track.contract, track.standing
    month = reference_month(today, standing.last)
    planned, actual = planned_at(standing.plan, month), float(standing.last.physical)
    firm = store.provider(uow, contract.provider_id)
    late = days_late(standing, today)
    office, kecamatan = _names(uow, package.office_id), _names(uow, package.kecamatan_office_id)
    return {"code": package.code, "title": package.title, "office": office["code"],
            "office_name": office["name"], "office_name_en": office["name_en"],
            "kecamatan": kecamatan["code"], "kecamatan_name": kecamatan["name"],
            "kecamatan_name_en": kecamatan["name_en"], "value": contract.value,
            "provider": firm.name if firm else None, "contract_state": contract.state,
            "ends": package.ends.isoformat(), "month": month, "planned": planned,
            "actual": actual, "deviation": round(actual - planned, 2),
            "financial": float(standing.last.financial), "spent": standing.last.spent,
            "paid": standing.paid, "last_report": standing.last.month,
            "days_late": late,
            "late_penalty": late_penalty(contract.value, late, limits.penalty_per_mil),
            "flags": flags(standing, today, limits)}


def _totals(rows: Sequence[dict[str, Any]], key: str) -> list[dict[str, Any]]:
    """Value-weighted planned and actual progress and flag counts per `key` (office or
    kecamatan)."""
    groups: dict[Any, list[dict[str, Any]]] = {}
    for row in rows:
        groups.setdefault(row[key], []).append(row)
    found = []
    for code, members in groups.items():
        value = sum(r["value"] for r in members)
        weigh = (lambda k, ms=members, v=value:  # noqa: E731
                 round(sum(r[k] * r["value"] for r in ms) / v, 2) if v else 0.0)
        found.append({key: code, "name": members[0][f"{key}_name"],
                      "name_en": members[0][f"{key}_name_en"], "packages": len(members),
                      "value": value, "planned": weigh("planned"), "actual": weigh("actual"),
                      **{flag: sum(flag in r["flags"] for r in members) for flag in FLAGS}})
    return sorted(found, key=lambda r: str(r[key]))


def tracks(uow: Any, who: Principal, office: str | None = None,
           kecamatan: str | None = None) -> list[Track]:
    """The contracted packages `who` reads, narrowed to an office or kecamatan code."""
    wanted = access.office_ids(uow, who)
    found = [track_of(uow, p, c) for p, c in store.contracted(uow, wanted)]
    for code, attr in ((office, "office_id"), (kecamatan, "kecamatan_office_id")):
        if code:
            row = uow.offices.by_code(code)
            found = [t for t in found if row is not None
                     and getattr(t.package, attr) == row.id]
    return found


def dashboard(uow: Any, who: Principal, today: date, limits: Thresholds,
              office: str | None = None, kecamatan: str | None = None) -> dict[str, Any]:
    """The dashboard on `today`: `packages` (one row each: planned, actual, deviation in
    percent points, financial; `spent`: rupiah the provider reports it has spent, not
    money paid; `paid`: rupiah paid to it (SP2D); `days_late` and the `late_penalty` in
    rupiah the PPK would apply (rules.late_penalty), `flags`), `per_office` and
    `per_kecamatan` (value-weighted), `totals`, `curve` (value-weighted planned vs
    actual per month of the packages shown) and the `thresholds`."""
    with uow:
        shown = tracks(uow, who, office, kecamatan)
        rows = [_row(uow, t, today, limits) for t in shown]
        return {"today": today.isoformat(),
                "thresholds": {"late_points": limits.late_points,
                               "overspent_points": limits.overspent_points,
                               "stalled_months": limits.stalled_months,
                               "penalty_per_mil": limits.penalty_per_mil},
                "packages": rows, "per_office": _totals(rows, "office"),
                "per_kecamatan": _totals(rows, "kecamatan"),
                "totals": {"packages": len(rows), "value": sum(r["value"] for r in rows),
                           "late_penalty": sum(r["late_penalty"] for r in rows),
                           **{flag: sum(flag in r["flags"] for r in rows) for flag in FLAGS}},
                "curve": aggregate(shown, today)}


def dashboard_csv(result: dict[str, Any], labels: Mapping[str, str] | None = None) -> str:
    """The dashboard's packages as CSV, one row each (cells a spreadsheet would run as
    formulas kept as text by as_csv); flags joined by spaces. `labels` renames columns
    (the money columns get words a reader cannot confuse: provider-reported spending is
    not money paid)."""
    names = dict(labels or {})
    return as_csv([{names.get(k, k): v for k, v in {
        "code": r["code"], "title": r["title"], "office": r["office"],
        "kecamatan": r["kecamatan"], "provider": r["provider"], "value": r["value"],
        "month": r["month"], "planned": r["planned"], "actual": r["actual"],
        "deviation": r["deviation"], "financial": r["financial"], "spent": r["spent"],
        "paid": r["paid"], "last_report": r["last_report"], "days_late": r["days_late"],
        "late_penalty": r["late_penalty"], "flags": " ".join(r["flags"])}.items()}
        for r in result["packages"]])
