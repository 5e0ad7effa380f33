"""The counter commands, one use case each, importable from here:

- calls (counter_calls.py): `call_next`; desk.py: `call_number`, `change_priority`;
- moves of the counter's ticket (counter_moves.py): `recall`, `start`, `skip`, `finish`,
  `transfer` (finish and send on), `requeue`;
- the counter itself (counter_pause.py): `pause`, `resume`.

Every one runs through the one helper `counter_guard.at_counter`, which locks the counter,
loads the ticket it holds, checks it against what the console saw (`expected_current`)
and answers a repeated Idempotency-Key with the first reply."""

from __future__ import annotations

from .counter_calls import call_next, call_ticket, require_open
from .counter_moves import finish, recall, requeue, skip, start, transfer
from .counter_pause import pause, resume
from .desk import call_number, change_priority

__all__ = ["call_next", "call_number", "call_ticket", "change_priority", "finish", "pause",
           "recall", "requeue", "require_open", "resume", "skip", "start", "transfer"]
