"""Printing tickets from the spool: in order, once, and never later than `print_within`."""

from __future__ import annotations

import logging
import socket
import threading
import time
from collections import OrderedDict
from typing import Any

from . import printers, ticket
from .addresses import QrAddress
from .escpos_reader import read, render_preview
from .messages import ERRORS
from .options import Options
from .private_files import private_writer, write_private
from .spool import Spool

log = logging.getLogger("kiosk")

PRINTED_KEPT = 1000  # job ids remembered as printed, for the page asking "did it print?"


class PrinterUnavailable(Exception):
    """The printer could not print; `code` is a key of messages.ERRORS, `detail` is for
    logs and staff."""

    def __init__(self, code: str, detail: str):
        super().__init__(detail)
        self.code = code
        self.detail = detail


def _why(exc: BaseException) -> str:
    if isinstance(exc, ConnectionRefusedError):
        return "refused"
    if isinstance(exc, (TimeoutError, socket.timeout)):
        return "timeout"
    if isinstance(exc, printers.DeviceNotFoundError):
        return "not_found"
    return "write" if isinstance(exc, OSError) else "other"


class PrintService:
    """Prints jobs from the spool in order; a job leaves the spool once printed, or after
    `options.print_within` seconds as "shown" (the screen showed its number and QR)."""

    def __init__(self, options: Options, spool: Spool, qr: QrAddress | None = None):
        self.options = options
        self.spool = spool
        self.qr = qr or QrAddress(options.server, options.public_url)
        self.spec = printers.parse_uri(options.printer)
        self.state: dict[str, Any] = {"printer": "unknown", "paper": "unknown",
                                      "last_error": None, "last_error_detail": None,
                                      "last_error_at": None}
        self.lock = threading.Lock()
        self.printed: OrderedDict[str, None] = OrderedDict()  # the last jobs that printed

    def submit(self, tkt: dict[str, Any], lang: str, checked_in: bool = False,
               ) -> tuple[str, bool]:
        """Spool a ticket and try to print it now: (job id, printed)."""
        job_id = self.spool.add({"ticket": tkt, "lang": lang, "checked_in": checked_in})
        self.flush()
        return job_id, job_id in self.printed

    def flush(self) -> bool:
        """Print whatever waits, oldest first; a job older than `print_within` is moved to
        the shown-not-printed list instead. True when nothing is left waiting."""
        with self.lock:
            for job in self.spool.pending():
                if time.time() - job.get("created_at", 0) > self.options.print_within:
                    self.spool.expire(job["id"])
                    log.warning("ticket %s not printed within %.0f s: shown on the screen "
                                "only; staff can reprint it", job["ticket"].get("number"),
                                self.options.print_within)
                    continue
                try:
                    self._print(job)
                except PrinterUnavailable as exc:
                    self._failed(exc)
                    return False
                self.spool.done(job["id"])
                self.printed[job["id"]] = None
                while len(self.printed) > PRINTED_KEPT:
                    self.printed.popitem(last=False)
            return True

    def reprint(self, job: dict[str, Any]) -> None:
        """Print a job again at once (staff asked); raises PrinterUnavailable."""
        with self.lock:
            try:
                self._print(job)
            except PrinterUnavailable as exc:
                self._failed(exc)
                raise

    def probe(self) -> None:
        """Ask an idle printer how it is (online, paper), so the start screen can say so."""
        with self.lock:
            try:
                device = printers.connect(self.spec, self.options.profile)
            except Exception as exc:  # escpos raises its own types per connection kind
                self.state["printer"] = "offline"
                self._failed(PrinterUnavailable(_why(exc), self._detail(exc)))
                return
            try:
                self.state.update(printers.status(device, self.spec))
            finally:
                device.close()
            if self.can_print():
                self._cleared()

    def can_print(self) -> bool:
        """False while the printer is known to be offline or out of paper."""
        return self.state["printer"] != "offline" and self.state["paper"] != "out"

    def job_state(self, job_id: str) -> str:
        """"printed", "waiting" (may still print), "shown" (will not print) or "unknown"."""
        state = self.spool.state(job_id)
        if state == "gone":
            return "printed" if job_id in self.printed else "unknown"
        return state

    def _detail(self, exc: BaseException) -> str:
        return f"{self.spec.label}: {exc.__class__.__name__}: {exc}"[:300]

    def _failed(self, exc: PrinterUnavailable) -> None:
        if self.state["last_error_detail"] != exc.detail:
            log.warning("printer unavailable: %s", exc.detail)
        self.state.update(last_error=exc.code, last_error_detail=exc.detail,
                          last_error_at=time.time())

    def _cleared(self) -> None:
        self.state.update(last_error=None, last_error_detail=None, last_error_at=None)

    def _print(self, job: dict[str, Any]) -> None:
        data = ticket.render(job["ticket"], self.qr.base(), profile=self.options.profile,
                             paper_mm=self.options.paper, qr=self.options.qr,
                             lang=job["lang"], checked_in=job.get("checked_in", False),
                             logo=self.options.logo)
        try:
            device = printers.connect(self.spec, self.options.profile)
        except Exception as exc:  # escpos raises its own types per connection kind
            self.state["printer"] = "offline"
            raise PrinterUnavailable(_why(exc), self._detail(exc)) from exc
        try:
            self.state.update(printers.status(device, self.spec))
            if self.state["paper"] == "out":
                raise PrinterUnavailable("paper_out", f"{self.spec.label}: paper out")
            if self.state["printer"] == "offline":
                raise PrinterUnavailable("offline", f"{self.spec.label}: offline")
            # One write of the whole ticket: the printer never gets half a ticket from us.
            device._raw(data)
            self.state.update(printers.status(device, self.spec))
        except OSError as exc:
            self.state["printer"] = "offline"
            raise PrinterUnavailable(_why(exc), self._detail(exc)) from exc
        finally:
            device.close()
        self._cleared()
        self._save_preview(data)

    def _save_preview(self, data: bytes) -> None:
        """The last printed ticket as bytes, text and a picture, beside the spool (0600;
        they hold the code, so they go with the day's last ticket: spool.sweep)."""
        folder = self.spool.folder
        write_private(folder / "last-ticket.bin", data)
        receipt = read(data)
        write_private(folder / "last-ticket.txt", receipt.text.encode("utf-8"))
        with private_writer(folder / "last-ticket.png") as out:
            render_preview(receipt, 576 if self.options.paper == 80 else 384).save(
                out, format="PNG")

    def report(self) -> dict[str, Any]:
        """What the heartbeat and the page are told: states, counts, the last error in
        Indonesian words and its technical detail. Sweeps the spool of earlier days' codes
        first (the heartbeat asks every `heartbeat_seconds`)."""
        self.spool.sweep()
        shown = self.spool.shown()
        problem = self.qr.warning()
        code = self.state["last_error"]
        return {"printer": self.state["printer"], "paper": self.state["paper"],
                "jobs_waiting": len(self.spool.pending()),
                "last_error": ERRORS["id"][code] if code else None,
                "last_error_detail": self.state["last_error_detail"],
                "shown_not_printed": len(shown),
                "shown_numbers": [j["ticket"].get("number", "?") for j in shown][-100:],
                "qr_url": self.qr.base(),
                "qr_warning": f"{problem[0]}: {problem[1]}" if problem else None}
