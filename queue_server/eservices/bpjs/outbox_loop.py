"""The outbox's background loop and its one round: read the ticket history into calls
(bpjs/outbox.py), then send what is due (bpjs/sender.py). Every server process may run
it (`BPJS_SEND_SECONDS`): the cursor's lock and the calls' leases keep them apart."""

from __future__ import annotations

import logging
from dataclasses import dataclass
from typing import Any

from queue_server.background import BackgroundLoop
from queue_server.runtime import Runtime

from .client import client_from_config
from .outbox import read_history
from .sender import SendReport, send_round

log = logging.getLogger("antrian.bpjs.sender")


@dataclass(frozen=True)
class RoundReport:
    """One round: calls `queued` from the history, and the sender's report (None when
    no BPJS client is configured: nothing was sent)."""

    queued: int
    sent: SendReport | None

    def view(self) -> dict[str, Any]:
        """The round as `POST /api/v1/bpjs/outbox/run` answers it."""
        sent = self.sent or SendReport()
        return {"queued": self.queued, "sent": sent.sent, "done": sent.done,
                "refused": sent.refused, "retried": sent.retried,
                "configured": self.sent is not None}


def run_round(runtime: Runtime, client: Any, config: Any) -> RoundReport:
    """Read the history, then (with a `client`) send what is due, a failed call tried
    again after `config["BPJS_RETRY_FIRST_SECONDS"]`; commits each step."""
    queued = read_history(runtime.uow, runtime.clock)
    if client is None:
        return RoundReport(queued, None)
    return RoundReport(queued, send_round(runtime.uow, runtime.clock, client,
                                          first_retry=config["BPJS_RETRY_FIRST_SECONDS"]))


class OutboxLoop(BackgroundLoop):
    """Runs `run_round` every `interval` seconds until `stop()`, with its own client (a
    client's HTTP session is not shared between threads)."""

    name = "antrian-bpjs-sender"

    def __init__(self, runtime: Runtime, config: Any, interval: float) -> None:
        self.runtime, self.config = runtime, config
        self.client = client_from_config(config)
        super().__init__(every=interval, first=interval)

    def round(self) -> float | None:
        run_round(self.runtime, self.client, self.config)
        return None


def start_loop(app: Any) -> OutboxLoop | None:
    """Start the loop when `BPJS_SEND_SECONDS` > 0 and a BPJS client is configured; kept
    in `app.extensions["antrian.bpjs_sender"]` (stop it with `.stop()`)."""
    every = float(app.config.get("BPJS_SEND_SECONDS") or 0)
    if every <= 0 or client_from_config(app.config) is None:
        return None
    loop = OutboxLoop(app.extensions["antrian"], app.config, every)
    app.extensions["antrian.bpjs_sender"] = loop.start()
    log.info("bpjs sender: a round every %.0f s", every)
    return loop
