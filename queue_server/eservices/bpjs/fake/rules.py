"""The fake BPJS's rules for antrean/add, updatewaktu, batal and getlisttask, as the
real antrean web service answers them (BPJS's Katalog, task catalogue in ESERVICES.md):
codes 200 ok, 201 refused with a reason, 208 already there. Callers hold the state's
lock."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any
from zoneinfo import ZoneInfo

from .state import Booking, FakeState, Task

# BPJS's task catalogue: 1-2 admission wait and service, 3 poli wait starts, 4-5 poli
# service, 6-7 pharmacy, 99 not present / cancelled.
TASK_NAMES = {
    1: "mulai waktu tunggu admisi",
    2: "akhir waktu tunggu admisi/mulai waktu layan admisi",
    3: "akhir waktu layan admisi/mulai waktu tunggu poli",
    4: "akhir waktu tunggu poli/mulai waktu layan poli",
    5: "akhir waktu layan poli/mulai waktu tunggu farmasi",
    6: "akhir waktu tunggu farmasi/mulai waktu layan farmasi membuat obat",
    7: "akhir waktu obat selesai dibuat",
    99: "tidak hadir/batal",
}
ADD_REQUIRED = ("kodebooking", "jenispasien", "kodepoli", "tanggalperiksa")
WIB = ZoneInfo("Asia/Jakarta")


@dataclass(frozen=True)
class Reply:
    """What the fake answers: `metadata.code`, `metadata.message`, and the `response`
    (encrypted on the way out when not None)."""

    code: int
    message: str
    response: Any = None


OK = Reply(200, "Ok.")


def _said(ms: int) -> str:
    return datetime.fromtimestamp(ms / 1000, WIB).strftime("%d-%m-%Y %H:%M:%S WIB")


def add(state: FakeState, body: dict[str, Any]) -> Reply:
    """antrean/add: a new antrean; a kodebooking already added is answered 208."""
    for name in ADD_REQUIRED:
        if not str(body.get(name) or "").strip():
            return Reply(201, f"{name} tidak boleh kosong")
    try:
        datetime.strptime(str(body["tanggalperiksa"]), "%Y-%m-%d")
    except ValueError:
        return Reply(201, "Format Tanggal Tidak Sesuai, format yang benar adalah yyyy-mm-dd")
    code = str(body["kodebooking"])
    if code in state.bookings:
        return Reply(208, "Terdapat duplikasi Kode Booking")
    state.bookings[code] = Booking(body=dict(body))
    return OK


def _task_refusal(booking: Booking, taskid: int, waktu: int) -> Reply | None:
    done = {t.taskid: t for t in booking.tasks}
    if taskid in done:
        return Reply(208, f"TaskId={taskid} sudah ada")
    if booking.cancelled and taskid != 99:
        return Reply(201, "Antrean sudah dibatalkan")
    last = booking.tasks[-1] if booking.tasks else None
    if last is not None and taskid < last.taskid:
        return Reply(201, f"TaskId terakhir {last.taskid}")
    if last is not None and waktu <= last.waktu_ms:
        return Reply(201, f"waktu TaskId={taskid} tidak boleh kurang dari atau sama dengan "
                          f"waktu TaskId={last.taskid}")
    return None


def update_time(state: FakeState, body: dict[str, Any], now_ms: int) -> Reply:
    """antrean/updatewaktu {kodebooking, taskid, waktu (epoch ms)}: task ids only go up
    ("TaskId terakhir N"), times strictly increase, a task already accepted is 208."""
    booking = state.bookings.get(str(body.get("kodebooking") or ""))
    if booking is None:
        return Reply(201, "Kode Booking tidak ditemukan")
    taskid, waktu = body.get("taskid"), body.get("waktu")
    if not isinstance(taskid, int) or isinstance(taskid, bool) or taskid not in TASK_NAMES:
        return Reply(201, "TaskId tidak valid")
    if not isinstance(waktu, int) or isinstance(waktu, bool) or waktu <= 0:
        return Reply(201, "waktu tidak valid, format epoch milidetik")
    refusal = _task_refusal(booking, taskid, waktu)
    if refusal is not None:
        return refusal
    booking.tasks.append(Task(taskid=taskid, waktu_ms=waktu, received_ms=now_ms))
    return OK


def cancel(state: FakeState, body: dict[str, Any]) -> Reply:
    """antrean/batal {kodebooking, keterangan}: an antrean cancelled once."""
    booking = state.bookings.get(str(body.get("kodebooking") or ""))
    if booking is None:
        return Reply(201, "Kode Booking tidak ditemukan")
    if not str(body.get("keterangan") or "").strip():
        return Reply(201, "keterangan tidak boleh kosong")
    if booking.cancelled:
        return Reply(201, "Antrean sudah dibatalkan sebelumnya")
    booking.cancelled = True
    return OK


def task_list(state: FakeState, body: dict[str, Any]) -> Reply:
    """antrean/getlisttask {kodebooking}: `{"list": [...]}` of the accepted tasks,
    `wakturs` as the facility sent it and `waktu` as received, both
    "dd-mm-yyyy HH:MM:SS WIB"."""
    code = str(body.get("kodebooking") or "")
    booking = state.bookings.get(code)
    if booking is None:
        return Reply(201, "Kode Booking tidak ditemukan")
    rows = [{"wakturs": _said(t.waktu_ms), "waktu": _said(t.received_ms),
             "taskname": TASK_NAMES[t.taskid], "taskid": t.taskid, "kodebooking": code}
            for t in booking.tasks]
    return Reply(200, "Ok.", {"list": rows})
