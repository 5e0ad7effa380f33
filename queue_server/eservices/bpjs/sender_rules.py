"""The sender's rules, pure: the order of a visit's calls, what an answer of BPJS makes
of a call, and the back-off after BPJS could not be reached.

BPJS's codes (ESERVICES.md "BPJS Antrean Online"): 200 done, 208 "already there" (a
resend: done too), 201 and the other 2xx refusals are final ("Kode Booking tidak
ditemukan", a field refused), except the ordering refusal "TaskId terakhir N": BPJS has
task N already, so every task up to N is settled; 401/403 (the signature or the user key
refused: our configuration or clock, not the call) are retried like an outage."""

from __future__ import annotations

import random
import re
from dataclasses import dataclass
from datetime import timedelta

# Back-off after BPJS could not be reached: 10 s × 2^(attempts - 1), at most 30 min,
# give or take a fifth (jitter: several server processes do not retry in step).
BACKOFF_FIRST_S = 10.0
BACKOFF_CAP_S = 30 * 60.0
JITTER = 0.2
RETRIED_CODES = (401, 403)
_LAST_TASK = re.compile(r"taskid\s+terakhir\s+(\d+)", re.IGNORECASE)


@dataclass(frozen=True)
class Outcome:
    """What becomes of a sent call: `status` "done", "refused" or "pending" (try again),
    BPJS's `code` and `message` (or the outage's reason), and for an ordering refusal
    `settled_up_to`: the task id BPJS already has (tasks up to it are done)."""

    status: str
    code: int | None
    message: str
    settled_up_to: int | None = None


def rank(kind: str, taskid: int) -> int:
    """A call's place among its visit's calls: `add` first, the tasks by id, `batal`
    just before task 99 (BPJS: cancel the antrean, then report 99)."""
    if kind == "add":
        return 0
    if kind == "batal":
        return 98
    return taskid


def outcome(kind: str, taskid: int, code: int, message: str) -> Outcome:
    """What BPJS's answer `code`/`message` makes of a call of `kind` (task `taskid`)."""
    if code in (200, 208):
        return Outcome("done", code, message)
    if code in RETRIED_CODES:
        return Outcome("pending", code, message)
    found = _LAST_TASK.search(message) if kind == "task" else None
    if found is not None and int(found.group(1)) >= taskid:
        return Outcome("done", code, message, settled_up_to=int(found.group(1)))
    return Outcome("refused", code, message)


def backoff(attempts: int, rng: random.Random | None = None,
            first: float = BACKOFF_FIRST_S) -> timedelta:
    """How long to wait before sending again a call that failed `attempts` times in a
    row (1 after the first failure): `first` seconds (10), then twice as long each time
    (20 s, 40 s …), capped at 30 min, ±20 %."""
    base = min(BACKOFF_CAP_S, first * 2 ** max(0, attempts - 1))
    spread = (rng or random).uniform(1 - JITTER, 1 + JITTER)
    return timedelta(seconds=base * spread)


__all__ = ["Outcome", "backoff", "outcome", "rank"]
