"""Print jobs kept on disk until printed, and tickets that were shown instead of printed.

A job is `job-{id}.json` while it may still print; a job that could not print in time
becomes `shown-{id}.json` (the patient saw the number and QR on the screen) until staff
reprint it or it is a day old.
"""

from __future__ import annotations

import json
import os
import re
import threading
import time
import uuid
from pathlib import Path
from typing import Any

SHOWN_KEPT_SECONDS = 16 * 3600  # a shown ticket matters for its day only
JOB_ID = re.compile(r"[0-9]{20}-[0-9a-f]{8}")  # what Spool.add makes: time_ns, then 8 hex


def is_job_id(value: object) -> bool:
    """Whether `value` has the form of a job id; only such ids ever become file names."""
    return isinstance(value, str) and JOB_ID.fullmatch(value) is not None


class Spool:
    def __init__(self, folder: Path):
        self.folder = folder
        self.folder.mkdir(parents=True, exist_ok=True)
        self.lock = threading.Lock()

    def _write(self, path: Path, data: dict[str, Any]) -> None:
        tmp = path.with_suffix(".tmp")
        tmp.write_text(json.dumps(data), encoding="utf-8")
        os.replace(tmp, path)  # a job file is whole or absent, even after a power cut

    def _read(self, pattern: str) -> list[dict[str, Any]]:
        with self.lock:
            found = []
            for path in sorted(self.folder.glob(pattern)):
                try:
                    found.append(json.loads(path.read_text(encoding="utf-8")))
                except FileNotFoundError:  # printed or expired meanwhile
                    continue
            return found

    def add(self, job: dict[str, Any]) -> str:
        """Keep a job (`ticket`, `lang`, `checked_in`); its id, in the order of adding.

        The job records `created_at` (seconds since the epoch) unless it has one."""
        job_id = f"{time.time_ns():020d}-{uuid.uuid4().hex[:8]}"
        record = {"id": job_id, "created_at": time.time(), **job}
        with self.lock:
            self._write(self.folder / f"job-{job_id}.json", record)
            self._write(self.folder / "last.json", record)
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
            try:
                job = json.loads(path.read_text(encoding="utf-8"))
            except FileNotFoundError:
                return
            job["shown_at"] = at if at is not None else time.time()
            self._write(self.folder / f"shown-{job_id}.json", job)
            path.unlink(missing_ok=True)

    def shown(self, now: float | None = None) -> list[dict[str, Any]]:
        """Tickets shown on the screen and never printed, oldest first (a day at most)."""
        now = now if now is not None else time.time()
        kept = []
        for job in self._read("shown-*.json"):
            if now - job.get("created_at", now) > SHOWN_KEPT_SECONDS:
                self.forget_shown(job["id"])
            else:
                kept.append(job)
        return kept

    def forget_shown(self, job_id: str) -> None:
        """Staff reprinted it (or it is a day old): off the shown-not-printed list."""
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

    def last(self) -> dict[str, Any] | None:
        """The last job added (printed or not), for "reprint the last ticket"; or None."""
        path = self.folder / "last.json"
        return json.loads(path.read_text(encoding="utf-8")) if path.exists() else None
