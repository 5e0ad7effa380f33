"""The fake BPJS's waiting-time dashboard (`dashboard/waktutunggu/tanggal/{d}/waktu/
{rs|server}`), computed from the accepted tasks: per poli and day the number of antrean
and, for each stage, the total and average duration in seconds.

BPJS's stages (ESERVICES.md): waktu_task1 admission wait (task 1→2), waktu_task2
admission service (2→3), waktu_task3 poli wait (3→4), waktu_task4 poli service (4→5),
waktu_task5 pharmacy wait (5→6), waktu_task6 pharmacy service (6→7). "rs" reads the
times the facility sent, "server" the times BPJS received them."""

from __future__ import annotations

from datetime import date
from typing import Any

from .state import Booking, FakeState

STAGES = range(1, 7)


def _times(booking: Booking, clock: str) -> dict[int, int]:
    return {t.taskid: (t.waktu_ms if clock == "rs" else t.received_ms) for t in booking.tasks}


def _poli_row(day: date, kodepoli: str, bookings: list[Booking], clock: str,
              ppk: str) -> dict[str, Any]:
    row: dict[str, Any] = {"kdppk": ppk, "nmppk": "Fake BPJS", "kodepoli": kodepoli,
                           "namapoli": str(bookings[0].body.get("namapoli") or kodepoli),
                           "tanggal": day.isoformat(), "jumlah_antrean": len(bookings),
                           "insertdate": 0}
    for stage in STAGES:
        spans = [times[stage + 1] - times[stage]
                 for times in (_times(b, clock) for b in bookings)
                 if stage in times and stage + 1 in times]
        total = sum(spans) // 1000
        row[f"waktu_task{stage}"] = total
        row[f"avg_waktu_task{stage}"] = total // len(spans) if spans else 0
    return row


def waiting_times(state: FakeState, day: date, clock: str, ppk: str = "0000R000"
                  ) -> dict[str, Any]:
    """`{"list": [row per poli]}` for the antrean examined on `day` (not cancelled),
    durations in whole seconds; `clock` is "rs" or "server"."""
    by_poli: dict[str, list[Booking]] = {}
    for booking in state.bookings.values():
        if booking.cancelled or str(booking.body.get("tanggalperiksa")) != day.isoformat():
            continue
        by_poli.setdefault(str(booking.body.get("kodepoli")), []).append(booking)
    return {"list": [_poli_row(day, poli, rows, clock, ppk)
                     for poli, rows in sorted(by_poli.items())]}
