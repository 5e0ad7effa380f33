"""Print jobs kept on disk until printed: nothing is lost when the printer is down."""

from __future__ import annotations

import json
import os
import threading
import time
import uuid
from pathlib import Path
from typing import Any


class Spool:
    def __init__(self, folder: Path):
        self.folder = folder
        self.folder.mkdir(parents=True, exist_ok=True)
        self.lock = threading.Lock()

    def _write(self, path: Path, data: dict[str, Any]) -> None:
        tmp = path.with_suffix(".tmp")
        tmp.write_text(json.dumps(data), encoding="utf-8")
        os.replace(tmp, path)  # a job file is whole or absent, even after a power cut

    def add(self, job: dict[str, Any]) -> str:
        job_id = f"{time.time_ns():020d}-{uuid.uuid4().hex[:8]}"
        with self.lock:
            self._write(self.folder / f"job-{job_id}.json", {"id": job_id, **job})
            self._write(self.folder / "last.json", {"id": job_id, **job})
        return job_id

    def pending(self) -> list[dict[str, Any]]:
        with self.lock:
            paths = sorted(self.folder.glob("job-*.json"))
            return [json.loads(p.read_text(encoding="utf-8")) for p in paths]

    def done(self, job_id: str) -> None:
        with self.lock:
            (self.folder / f"job-{job_id}.json").unlink(missing_ok=True)

    def last(self) -> dict[str, Any] | None:
        path = self.folder / "last.json"
        return json.loads(path.read_text(encoding="utf-8")) if path.exists() else None
