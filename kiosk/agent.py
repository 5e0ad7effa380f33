"""The kiosk agent: serves the touch page, asks the server for numbers, prints them."""

from __future__ import annotations

import argparse
import logging
import threading
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from flask import Flask, jsonify, render_template, request
from flask.typing import ResponseReturnValue

from . import printers, ticket
from .escpos_reader import read, render_preview
from .server import QueueServer, ServerRefused, ServerUnreachable
from .spool import Spool

log = logging.getLogger("kiosk")

MESSAGES = {
    "id": {"unreachable": "Server antrean tidak dapat dihubungi. Coba lagi sebentar lagi atau "
                          "hubungi petugas.",
           "printer": "Printer sedang bermasalah ({why}). Tiket Anda akan dicetak begitu "
                      "printer siap; catat nomor Anda.",
           "bad_request": "Permintaan tidak valid."},
    "en": {"unreachable": "The queue server cannot be reached. Try again shortly or ask the "
                          "staff.",
           "printer": "The printer has a problem ({why}). Your ticket will print as soon as "
                      "it is ready; note your number.",
           "bad_request": "Invalid request."},
}


class PrinterUnavailable(Exception):
    pass


@dataclass
class Options:
    server: str
    device_token: str
    printer: str = "dummy"
    profile: str | None = "TM-T20II"
    paper: int = 80
    qr: str = "auto"
    spool: Path = Path("kiosk-spool")
    staff_pin: str | None = None
    retry_seconds: float = 5.0
    heartbeat_seconds: float = 30.0
    public_url: str | None = None  # where phones reach the server (the QR's target)
    logo: Path | None = None


@dataclass
class PrintService:
    """Prints jobs from the spool in order; a job leaves the spool only once printed."""

    options: Options
    spool: Spool
    state: dict[str, Any] = field(default_factory=lambda: {
        "printer": "unknown", "paper": "unknown", "last_error": None})
    lock: threading.Lock = field(default_factory=threading.Lock)

    def __post_init__(self) -> None:
        self.spec = printers.parse_uri(self.options.printer)

    def submit(self, tkt: dict[str, Any], lang: str, checked_in: bool = False) -> bool:
        self.spool.add({"ticket": tkt, "lang": lang, "checked_in": checked_in})
        return self.flush()

    def flush(self) -> bool:
        """Print whatever waits; True when nothing is left waiting."""
        with self.lock:
            for job in self.spool.pending():
                try:
                    self._print(job)
                except PrinterUnavailable as exc:
                    self.state["last_error"] = str(exc)
                    log.warning("printer unavailable, %s kept: %s", job["id"], exc)
                    return False
                self.spool.done(job["id"])
            self.state["last_error"] = None
            return True

    def _print(self, job: dict[str, Any]) -> None:
        data = ticket.render(job["ticket"], self.options.public_url or self.options.server,
                             profile=self.options.profile, paper_mm=self.options.paper,
                             qr=self.options.qr, lang=job["lang"],
                             checked_in=job.get("checked_in", False), logo=self.options.logo)
        try:
            device = printers.connect(self.spec, self.options.profile)
        except Exception as exc:  # escpos raises its own types per connection kind
            self.state["printer"] = "offline"
            raise PrinterUnavailable(f"{self.spec.label}: {exc.__class__.__name__}") from exc
        try:
            self.state.update(printers.status(device, self.spec))
            if self.state["printer"] == "offline" or self.state["paper"] == "out":
                why = "paper out" if self.state["paper"] == "out" else "offline"
                raise PrinterUnavailable(why)
            # One write of the whole ticket: the printer never gets half a ticket from us.
            device._raw(data)
            self.state.update(printers.status(device, self.spec))
        except OSError as exc:
            self.state["printer"] = "offline"
            raise PrinterUnavailable(f"{exc.__class__.__name__}: {exc}") from exc
        finally:
            device.close()
        self._save_preview(data)

    def _save_preview(self, data: bytes) -> None:
        """The last printed ticket as bytes, text and a picture, beside the spool."""
        folder = self.spool.folder
        (folder / "last-ticket.bin").write_bytes(data)
        receipt = read(data)
        (folder / "last-ticket.txt").write_text(receipt.text, encoding="utf-8")
        render_preview(receipt, 576 if self.options.paper == 80 else 384).save(
            folder / "last-ticket.png")

    def report(self) -> dict[str, Any]:
        return {**self.state, "jobs_waiting": len(self.spool.pending())}


def create_agent(options: Options) -> Flask:
    app = Flask(__name__)
    server = QueueServer(options.server, options.device_token)
    spool = Spool(options.spool)
    printing = PrintService(options, spool)
    app.extensions["kiosk"] = {"server": server, "printing": printing, "options": options}

    def lang() -> str:
        return "en" if (request.get_json(silent=True) or {}).get("lang") == "en" or \
            request.args.get("lang") == "en" else "id"

    def failure(exc: Exception) -> ResponseReturnValue:
        if isinstance(exc, ServerRefused):
            return jsonify(error={"code": exc.code, "message": exc.message}), exc.status
        return jsonify(error={"code": "server_unreachable",
                              "message": MESSAGES[lang()]["unreachable"]}), 503

    def printed(tkt: dict[str, Any], checked_in: bool = False) -> ResponseReturnValue:
        ok = printing.submit(tkt, lang(), checked_in)
        public = {k: tkt.get(k) for k in ("number", "service", "people_ahead",
                                          "estimated_call_at", "priority")}
        message = None if ok else MESSAGES[lang()]["printer"].format(
            why=printing.state["last_error"])
        return jsonify(ticket=public, printed=ok, message=message), 201

    @app.get("/")
    def page() -> ResponseReturnValue:
        return render_template("kiosk.html", lang=request.args.get("lang", "id"))

    @app.get("/api/state")
    def state() -> ResponseReturnValue:
        try:
            home = server.home(lang())
        except (ServerUnreachable, ServerRefused) as exc:
            body, status = failure(exc)
            return jsonify(printer=printing.report(), **body.get_json()), status
        return jsonify(printer=printing.report(), **home)

    @app.post("/api/tickets")
    def take() -> ResponseReturnValue:
        body = request.get_json(silent=True)
        if not isinstance(body, dict) or not isinstance(body.get("service"), str):
            return jsonify(error={"code": "invalid_body",
                                  "message": MESSAGES[lang()]["bad_request"]}), 422
        try:
            tkt = server.take(body["service"], body.get("priority"), lang())
        except (ServerUnreachable, ServerRefused) as exc:
            return failure(exc)
        return printed(tkt)

    @app.post("/api/check-in")
    def check_in() -> ResponseReturnValue:
        body = request.get_json(silent=True)
        if not isinstance(body, dict) or not isinstance(body.get("code"), str):
            return jsonify(error={"code": "invalid_body",
                                  "message": MESSAGES[lang()]["bad_request"]}), 422
        try:
            tkt = server.check_in(body["code"], lang())
        except (ServerUnreachable, ServerRefused) as exc:
            return failure(exc)
        return printed(tkt, checked_in=True)

    @app.post("/api/staff/reprint")
    def reprint() -> ResponseReturnValue:
        body = request.get_json(silent=True) or {}
        if not options.staff_pin or body.get("pin") != options.staff_pin:
            return jsonify(error={"code": "forbidden", "message": "PIN salah."}), 403
        last = spool.last()
        if last is None:
            return jsonify(error={"code": "nothing_printed", "message": "Belum ada tiket."}), 404
        ok = printing.submit(last["ticket"], last["lang"], last.get("checked_in", False))
        return jsonify(printed=ok, number=last["ticket"]["number"], printer=printing.report())

    return app


def _background(app: Flask, stop: threading.Event) -> None:
    """Retry waiting jobs and send the heartbeat, until `stop` is set."""
    parts = app.extensions["kiosk"]
    options: Options = parts["options"]
    waited = options.heartbeat_seconds
    while not stop.wait(options.retry_seconds):
        printing: PrintService = parts["printing"]
        if printing.spool.pending():
            printing.flush()
        waited += options.retry_seconds
        if waited >= options.heartbeat_seconds:
            waited = 0
            try:
                parts["server"].heartbeat(printing.report())
            except (ServerUnreachable, ServerRefused) as exc:
                log.warning("heartbeat failed: %s", exc)


def start_background(app: Flask) -> threading.Event:
    stop = threading.Event()
    threading.Thread(target=_background, args=(app, stop), daemon=True).start()
    return stop


def main(argv: Sequence[str] | None = None) -> int:
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(levelname)s %(message)s")
    parser = argparse.ArgumentParser(prog="python -m kiosk", description=__doc__)
    parser.add_argument("--server", required=True, help="queue server URL, e.g. http://10.0.0.2:5000")
    parser.add_argument("--device-token", required=True)
    parser.add_argument("--printer", default="dummy",
                        help="network:HOST:PORT, usb:VENDOR:PRODUCT, serial:DEV[:BAUD], "
                             "file:PATH or dummy")
    parser.add_argument("--profile", default="TM-T20II", help="python-escpos printer profile")
    parser.add_argument("--paper", type=int, choices=(58, 80), default=80)
    parser.add_argument("--qr", choices=("auto", "native", "image"), default="auto")
    parser.add_argument("--spool", type=Path, default=Path("instance/kiosk-spool"))
    parser.add_argument("--staff-pin", default=None, help="PIN of the staff menu (reprint)")
    parser.add_argument("--public-url", default=None,
                        help="server URL phones use, for the QR (default: --server)")
    parser.add_argument("--logo", type=Path, default=None,
                        help="an image printed at the top of every ticket")
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=8088)
    args = parser.parse_args(argv)
    try:
        printers.parse_uri(args.printer)
    except printers.PrinterUriError as exc:
        parser.error(str(exc))
    options = Options(server=args.server, device_token=args.device_token, printer=args.printer,
                      profile=args.profile or None, paper=args.paper, qr=args.qr,
                      spool=args.spool, staff_pin=args.staff_pin, public_url=args.public_url,
                      logo=args.logo)
    app = create_agent(options)
    start_background(app)
    print(f"kiosk page on http://{args.host}:{args.port}/ ; printer {args.printer}; "
          f"ticket previews in {args.spool.resolve()}/last-ticket.png", flush=True)
    app.run(host=args.host, port=args.port, threaded=True, use_reloader=False)
    return 0
