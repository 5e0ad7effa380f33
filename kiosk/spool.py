"""Print jobs kept on disk until printed, and tickets that were shown instead of printed.

A job is `job-{id}.json` while it may still print; a job that could not print in time
becomes `shown-{id}.json` (the patient saw the number and QR on the screen) until staff
reprint it or its day ends. `last.json` is the last ticket, for the staff menu's "reprint
the last ticket"; `last-ticket.bin/.txt/.png` (printing.py) show what was printed last.

A ticket's code opens the patient's visit, so the spool keeps as little as it can, as
briefly as it can: only the printed fields of a ticket (never a name, NIK, phone or BPJS
number, whatever the server sent); nothing from an earlier day (the facility's day: a
sweep when the agent starts, and on every status report, drops earlier days' jobs and the
last ticket with its pictures); the folder 0700 and every file 0600, whatever the umask.
"""

from __future__ import annotations

import json
import re
import threading
import time
import uuid
from datetime import datetime, tzinfo
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from .private_files import private_folder, tighten, write_private

JOB_ID = re.compile(r"[0-9]{20}-[0-9a-f]{8}")  # what Spool.add makes: time_ns, then 8 hex
LAST = "last.json"
PREVIEWS = ("last-ticket.bin", "last-ticket.txt", "last-ticket.png")
# What a ticket prints (ticket.render) and the staff menu lists: all a job keeps of it.
PRINTED = ("number", "code", "ticket_url", "priority", "issued_at", "people_ahead",
           "estimated_call_at", "estimate_note", "date", "status")
PRINTED_PARTS = {"facility": ("code", "name", "timezone", "tz_label"),
                 "service": ("code", "name")}


def is_job_id(value: object) -> bool:
    """Whether `value` has the form of a job id; only such ids ever become file names."""
    return isinstance(value, str) and JOB_ID.fullmatch(value) is not None


def printable(ticket: Any) -> dict[str, Any]:
    """The fields of a server's ticket that are printed (PRINTED, PRINTED_PARTS); a
    `patient` or any other field is left out."""
    ticket = ticket if isinstance(ticket, dict) else {}
    kept = {key: ticket[key] for key in PRINTED if key in ticket}
    for name, keys in PRINTED_PARTS.items():
        part = ticket.get(name)
        if isinstance(part, dict):
            kept[name] = {key: part[key] for key in keys if key in part}
    return kept


def _zone(job: dict[str, Any]) -> tzinfo | None:
    """The facility's time zone, as the job's ticket names it (else its times' offset);
    None: the kiosk box's own."""
    ticket = job.get("ticket") or {}
    name = (ticket.get("facility") or {}).get("timezone")
    if isinstance(name, str) and name:
        try:
            return ZoneInfo(name)
        except (ZoneInfoNotFoundError, ValueError):
            pass
    try:
        return datetime.fromisoformat(ticket["issued_at"]).tzinfo
    except (KeyError, TypeError, ValueError):
        return None


def of_today(job: dict[str, Any], now: float) -> bool:
    """Whether the job was added on the day of `now` (seconds since the epoch), in the
    facility's zone; a job without a readable `created_at` is not."""
    zone = _zone(job)
    try:
        made = datetime.fromtimestamp(float(job["created_at"]), zone)
    except (KeyError, TypeError, ValueError, OverflowError, OSError):
        return False
    return made.date() == datetime.fromtimestamp(now, zone).date()


class Spool:
    def __init__(self, folder: Path):
        self.folder = private_folder(folder)
        self.lock = threading.Lock()
        tighten(self.folder)
        for stray in self.folder.glob("*.tmp"):  # a write cut short by a power cut
            stray.unlink(missing_ok=True)
        self.sweep()

    def _write(self, path: Path, data: dict[str, Any]) -> None:
        write_private(path, json.dumps(data).encode("utf-8"))

    def _load(self, path: Path) -> dict[str, Any] | None:
        try:
            found = json.loads(path.read_text(encoding="utf-8"))
        except (FileNotFoundError, ValueError):  # printed or expired meanwhile; damaged
            return None
        return found if isinstance(found, dict) else None

    def _read(self, pattern: str) -> list[dict[str, Any]]:
        with self.lock:
            found = (self._load(path) for path in sorted(self.folder.glob(pattern)))
            return [job for job in found if job is not None]

    def add(self, job: dict[str, Any]) -> str:
        """Keep a job (`ticket`, `lang`, `checked_in`); its id, in the order of adding.

        Of the ticket only its printed fields are kept (`printable`). The job records
        `created_at` (seconds since the epoch) unless it has one."""
        job_id = f"{time.time_ns():020d}-{uuid.uuid4().hex[:8]}"
        record = {"id": job_id, "created_at": job.get("created_at", time.time()),
                  "lang": job.get("lang", "id"), "checked_in": bool(job.get("checked_in")),
                  "ticket": printable(job.get("ticket"))}
        with self.lock:
            self._write(self.folder / f"job-{job_id}.json", record)
            self._write(self.folder / LAST, record)
        return job_id

    def pending(self) -> list[dict[str, Any]]:
        """Jobs still to print, oldest first."""
        return self._read("job-*.json")

    def done(self, job_id: str) -> None:
        """The job printed: it leaves the spool."""
        if not is_job_id(job_id):
            return
        with self.lock:
            (self.folder / f"job-{job_id}.json").unlink(missing_ok=True)

    def expire(self, job_id: str, at: float | None = None) -> None:
        """The job will not print: keep it as shown-not-printed, for staff to reprint."""
        if not is_job_id(job_id):
            return
        with self.lock:
            path = self.folder / f"job-{job_id}.json"
            job = self._load(path)
            if job is None:
                return
            job["shown_at"] = at if at is not None else time.time()
            self._write(self.folder / f"shown-{job_id}.json", job)
            path.unlink(missing_ok=True)

    def shown(self, now: float | None = None) -> list[dict[str, Any]]:
        """Tickets shown on the screen and never printed, oldest first (today's only)."""
        now = now if now is not None else time.time()
        kept = []
        for job in self._read("shown-*.json"):
            if of_today(job, now):
                kept.append(job)
            elif is_job_id(job.get("id")):
                self.forget_shown(job["id"])
        return kept

    def forget_shown(self, job_id: str) -> None:
        """Staff reprinted it (or its day is over): off the shown-not-printed list."""
        if not is_job_id(job_id):
            return
        with self.lock:
            (self.folder / f"shown-{job_id}.json").unlink(missing_ok=True)

    def state(self, job_id: str) -> str:
        """"waiting" (may still print), "shown" (will not print) or "gone" (printed, or
        not a job id at all)."""
        if not is_job_id(job_id):
            return "gone"
        if (self.folder / f"job-{job_id}.json").exists():
            return "waiting"
        if (self.folder / f"shown-{job_id}.json").exists():
            return "shown"
        return "gone"

    def last(self, now: float | None = None) -> dict[str, Any] | None:
        """Today's last job (printed or not), for "reprint the last ticket"; or None (one
        of an earlier day is forgotten, with the printed ticket's pictures)."""
        now = now if now is not None else time.time()
        with self.lock:
            job = self._load(self.folder / LAST)
            if job is not None and of_today(job, now):
                return job
            self._forget_last()
            return None

    def _forget_last(self) -> None:
        """Remove the last ticket and its pictures (the caller holds the lock)."""
        for name in (LAST, *PREVIEWS):
            (self.folder / name).unlink(missing_ok=True)

    def sweep(self, now: float | None = None) -> None:
        """Drop whatever holds a code from an earlier day: jobs, shown tickets, the last
        ticket and its pictures (kept only beside today's last ticket)."""
        now = now if now is not None else time.time()
        with self.lock:
            for path in [*self.folder.glob("job-*.json"), *self.folder.glob("shown-*.json")]:
                job = self._load(path)
                if job is None or not of_today(job, now):
                    path.unlink(missing_ok=True)
        self.last(now)
