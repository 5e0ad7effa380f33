"""The case sweep's background loop (services/case_sweep.py): every server process runs
it once a minute (`ANTRIAN_CASE_SWEEP_SECONDS`) while some module has cases."""

from __future__ import annotations

import logging
from collections.abc import Callable, Sequence
from typing import Any

from .background import BackgroundLoop
from .runtime import Runtime
from .services.case_kinds import CaseKind
from .services.case_sweep import SweepReport, sweep
from .services.port_cases import FileStore

log = logging.getLogger(__name__)


def sweep_round(runtime: Runtime, kinds: Sequence[CaseKind], timezone: str,
                files: FileStore | None = None, tell: bool = False,
                sweeps: Sequence[Callable[..., Any]] = ()) -> SweepReport:
    """One round; logs what it moved (counts only: no case's content). `files`: the
    case files' store, whose files of dropped cases go too; `tell`: escalations are
    sent to the offices' phones (a messaging gateway is configured)."""
    report = sweep(runtime.uow, runtime.clock, kinds, timezone, files, tell)
    for extra in sweeps:  # modules' own rounds ("sweeps" hook): (uow, clock, timezone, tell)
        extra(runtime.uow, runtime.clock, timezone, tell)
    if report.moved or report.escalated or report.dropped:
        log.info("case sweep: %d moved by timeout, %d escalated, %d unconfirmed dropped",
                 report.moved, report.escalated, report.dropped)
    return report


class CaseSweeper(BackgroundLoop):
    """Runs `sweep_round` every `interval` seconds until `stop()`."""

    name = "antrian-case-sweep"

    def __init__(self, runtime: Runtime, kinds: Sequence[CaseKind], timezone: str,
                 interval: float, files: FileStore | None = None, tell: bool = False,
                 sweeps: Sequence[Callable[..., Any]] = ()) -> None:
        self.runtime, self.kinds, self.timezone = runtime, kinds, timezone
        self.files, self.tell, self.sweeps = files, tell, sweeps
        super().__init__(every=interval, first=interval)

    def round(self) -> float | None:
        sweep_round(self.runtime, self.kinds, self.timezone, self.files, self.tell, self.sweeps)
        return None
