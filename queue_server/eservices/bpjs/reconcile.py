"""Reconciliation of one facility's day with BPJS, pure: per poli, our task times
against what BPJS accepted, and per visit what is still queued or was refused.

The stages are BPJS's dashboard's (ESERVICES.md "BPJS Antrean Online": waktu_task1..6):
admission wait 1→2, admission service 2→3, poli wait 3→4, poli service 4→5, pharmacy
wait 5→6, pharmacy service 6→7. "Ours" reads every task time the outbox derived (sent
or not); "accepted" only the calls BPJS answered 200 or 208. Durations are minutes with
one decimal. A visit is shown by its number and kodebooking only: no personal data."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

STAGES: tuple[tuple[str, int, int], ...] = (
    ("admission_wait", 1, 2), ("admission_service", 2, 3), ("poli_wait", 3, 4),
    ("poli_service", 4, 5), ("pharmacy_wait", 5, 6), ("pharmacy_service", 6, 7))


@dataclass(frozen=True)
class CallFact:
    """One outbox call as the reconciliation reads it."""

    kind: str
    taskid: int
    waktu_ms: int | None
    status: str
    attempts: int = 0
    last_code: int | None = None
    last_message: str = ""


@dataclass
class VisitFacts:
    """One reported visit: its kodebooking, poli ticket number, poli and its calls."""

    kodebooking: str
    number: str
    kodepoli: str
    namapoli: str
    source: str
    calls: list[CallFact] = field(default_factory=list)


def _times(calls: Iterable[CallFact], accepted: bool) -> dict[int, int]:
    return {c.taskid: int(c.waktu_ms) for c in calls if c.kind == "task"
            and c.waktu_ms is not None and (not accepted or c.status == "done")}


def _stage(visits: list[VisitFacts], start: int, end: int, accepted: bool) -> dict[str, Any]:
    spans = [(t[end] - t[start]) / 60_000 for t in (_times(v.calls, accepted) for v in visits)
             if start in t and end in t]
    return {"count": len(spans),
            "avg_minutes": round(sum(spans) / len(spans), 1) if spans else None}


def poli_rows(visits: list[VisitFacts],
              dashboard: Mapping[str, Mapping[str, Any]] | None = None) -> list[dict[str, Any]]:
    """Per poli (by kodepoli): visits, calls queued/refused, and per stage our count and
    average minutes beside BPJS's accepted ones (and BPJS's own dashboard's average,
    from seconds, when `dashboard` (kodepoli → its row) has the poli)."""
    by_poli: dict[str, list[VisitFacts]] = {}
    for visit in visits:
        by_poli.setdefault(visit.kodepoli, []).append(visit)
    rows = []
    for kodepoli, mine in sorted(by_poli.items()):
        board = (dashboard or {}).get(kodepoli)
        row: dict[str, Any] = {
            "kodepoli": kodepoli, "namapoli": mine[0].namapoli, "visits": len(mine),
            "queued": sum(c.status == "pending" for v in mine for c in v.calls),
            "refused": sum(c.status == "refused" for v in mine for c in v.calls),
            "bpjs_visits": board.get("jumlah_antrean") if board else None, "stages": []}
        for index, (name, start, end) in enumerate(STAGES, start=1):
            seconds = board.get(f"avg_waktu_task{index}") if board else None
            row["stages"].append({
                "stage": name, "from_task": start, "to_task": end,
                "ours": _stage(mine, start, end, accepted=False),
                "accepted": _stage(mine, start, end, accepted=True),
                "bpjs_avg_minutes": round(float(seconds) / 60, 1)
                if isinstance(seconds, int | float) else None})
        rows.append(row)
    return rows


def visit_rows(visits: list[VisitFacts]) -> list[dict[str, Any]]:
    """Per visit: number, kodebooking, poli, the tasks derived, those accepted, and the
    calls still queued or refused (kind, task, attempts, BPJS's code and message)."""
    rows = []
    for visit in sorted(visits, key=lambda v: (v.kodepoli, v.number)):
        rows.append({
            "number": visit.number, "kodebooking": visit.kodebooking,
            "kodepoli": visit.kodepoli, "source": visit.source,
            "tasks": sorted(_times(visit.calls, accepted=False)),
            "accepted": sorted(_times(visit.calls, accepted=True)),
            "queued": [_call(c) for c in visit.calls if c.status == "pending"],
            "refused": [_call(c) for c in visit.calls if c.status == "refused"]})
    return rows


def _call(call: CallFact) -> dict[str, Any]:
    return {"kind": call.kind, "taskid": call.taskid or None, "attempts": call.attempts,
            "code": call.last_code, "message": call.last_message}


CSV_COLUMNS = ("kodepoli", "namapoli", "stage", "from_task", "to_task", "ours_count",
               "ours_avg_minutes", "accepted_count", "accepted_avg_minutes",
               "bpjs_avg_minutes", "visits", "queued", "refused")


def csv_rows(polis: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """One CSV row per poli and stage (CSV_COLUMNS)."""
    return [{"kodepoli": p["kodepoli"], "namapoli": p["namapoli"], "stage": s["stage"],
             "from_task": s["from_task"], "to_task": s["to_task"],
             "ours_count": s["ours"]["count"], "ours_avg_minutes": s["ours"]["avg_minutes"],
             "accepted_count": s["accepted"]["count"],
             "accepted_avg_minutes": s["accepted"]["avg_minutes"],
             "bpjs_avg_minutes": s["bpjs_avg_minutes"], "visits": p["visits"],
             "queued": p["queued"], "refused": p["refused"]}
            for p in polis for s in p["stages"]]


__all__ = ["CSV_COLUMNS", "STAGES", "CallFact", "VisitFacts", "csv_rows", "poli_rows",
           "visit_rows"]
